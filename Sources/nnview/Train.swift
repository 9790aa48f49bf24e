import ArgumentParser
import NNCore

/// `nnview train`: train without recording steps, as fast as the machine allows.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train the scenario and print the final loss and parameters.",
        discussion: """
        json prints `epochs`, `loss` (the last epoch's loss: each sample's loss as its batch was \
        processed, reduced over all samples), `final_loss` (over all samples at the trained \
        parameters), `weights` and `biases` (every layer, in the scenario's layout).
        """
    )

    @OptionGroup var scenario: ScenarioArgument

    @Option(parsing: .unconditional, help: "Train N epochs instead of the scenario's.",
            transform: wholeNumber(in: 1...ScenarioLimits.maximumEpochs))
    var epochs: Int?

    @Option(help: "text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let report = TrainReport(scenario: try scenario.load(), epochs: epochs)
        Output.write((format == .json ? report.json.text : report.text()) + "\n")
    }
}
