import ArgumentParser
import Foundation
import NNCore

/// `nnview trace`: every step of training, as readable text or JSON Lines.
struct Trace: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print every step of training: forward, loss, backward and update, batch by batch.",
        discussion: """
        jsonl prints one JSON object per step with `phase` ("forward", "loss", "backward", "update"), \
        `epoch`, `batch`, `step` (1-based; `step` counts within the epoch); forward: `layer`, `net`, `out` \
        (one row per sample); loss: `loss`, `sample_losses`; backward: `layer`, `d_out`, `delta`, \
        `grad_weights`, `grad_biases`; update: `weights`, `biases` of every layer after the step.
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, jsonl }

    @OptionGroup var scenario: ScenarioArgument

    @Option(parsing: .unconditional, help: "Trace N epochs instead of the scenario's (fewer or more, as train --epochs).",
            transform: wholeNumber(in: 1...ScenarioLimits.maximumEpochs))
    var epochs: Int?

    @Option(help: "text or jsonl.")
    var format: Format = .text

    func run() throws {
        var scenario = try scenario.load()
        // As train --epochs: N replaces the scenario's epochs, so tracing past them continues the
        // same run (and the headers say "epoch 120/150", not "/100").
        if let epochs { scenario.epochs = epochs }
        let epochCount = scenario.epochs
        let kernel = Kernel(scenario: scenario)
        let stepsPerBatch = Phase.stepsPerBatch(layerCount: scenario.layers.count)
        var output = BufferedOutput()
        var index = 0
        for epoch in 0..<epochCount {
            for batch in 0..<scenario.batchesPerEpoch {
                let record = BatchRecord.record(kernel: kernel, epoch: epoch, batch: batch, range: scenario.batchRange(batch))
                for position in 0..<stepsPerBatch {
                    let step = Step(
                        phase: Phase.at(position, layerCount: scenario.layers.count), epoch: epoch, batch: batch,
                        stepInEpoch: batch * stepsPerBatch + position, index: index, record: record
                    )
                    index += 1
                    switch format {
                    case .jsonl:
                        output.write(TraceRecord.json(step, scenario: scenario).text + "\n")
                    case .text:
                        let explanation = StepExplanation(step: step, scenario: scenario)
                        output.write("── epoch \(epoch + 1)/\(scenario.epochs) · batch \(batch + 1)/\(scenario.batchesPerEpoch) · step \(step.stepInEpoch + 1) · \(explanation.title)\n")
                        output.write(explanation.summary.text + "\n")
                        for line in explanation.lines { output.write("  " + line.text + "\n") }
                        output.write("\n")
                    }
                }
            }
        }
        output.flush()
    }
}
