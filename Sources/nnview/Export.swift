import ArgumentParser
import Foundation
import NNCore

/// `nnview export`: a step as a handout in Markdown or LaTeX, or the run at an epoch as a scenario file.
struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a step as a handout (Markdown or LaTeX), or the scenario as it stands at an epoch.",
        discussion: """
        --format markdown and --format latex write step --step S of epoch --epoch E (numbered as in         trace: both from 1, S within the epoch) for lecture notes or slides: what the step computes         with every formula's numbers substituted, the network's values at that step, and the chain         rule of the scenario's watched weights (or of each --weight). The Markdown renders on a         code-hosting site (math between $ signs); the LaTeX is a standalone document (article         class, amsmath only). --format scenario writes a version-1 scenario file whose weights and         biases are the run's at the start of --epoch E, with every value a seed drew and every         default written out, and the epochs that remain (at least 1). It loads back and continues         exactly: training it for k epochs gives, bit for bit, what the original gives from epoch E         for k epochs. Without --output it goes to standard output; --output never replaces an         existing file unless --force is given, and writes through a temporary file, so a reader         never sees half a file.
        """
    )

    /// The formats export writes.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case scenario, markdown, latex
    }

    @OptionGroup var scenario: ScenarioArgument

    @Option(parsing: .unconditional, help: "The epoch (1 is the scenario's own start).",
            transform: wholeNumber(in: 1...ScenarioLimits.maximumEpochs))
    var epoch: Int = 1

    // Any whole number parses: the range depends on the scenario, so handout(_:) checks it and
    // names it (the parser could only have said "from 1 to 2147483647").
    @Option(parsing: .unconditional, help: "The step within the epoch, for markdown and latex (default 1).",
            transform: Export.anyWholeNumber)
    var step: Int?

    @Option(help: "A weight whose chain rule the handout writes out, e.g. v11 (repeat for more; default: the watched ones).")
    var weight: [String] = []

    @Option(help: "What to write: scenario, markdown or latex.")
    var format: Format = .scenario

    @Option(help: "Write to this file instead of standard output.", completion: .file(extensions: ["json", "md", "tex"]))
    var output: String?

    @Flag(help: "Replace --output if it exists.")
    var force = false

    /// Parses --step: any whole number of 32 bits, so that handout(_:) can name the range the scenario allows.
    @Sendable static func anyWholeNumber(_ text: String) throws -> Int {
        guard let value = Int32(text) else { throw ValidationError("expected a whole number (a step of the epoch, from 1)") }
        return Int(value)
    }

    func run() throws {
        let original = try scenario.load()
        // An epoch past the scenario's end continues the run, as train --epochs and check --epoch do.
        var scenario = original
        scenario.epochs = max(scenario.epochs, epoch)
        let text: String
        switch format {
        case .scenario: text = try scenarioText(scenario, original: original)
        case .markdown, .latex: text = try handout(scenario).map { format == .latex ? $0.latex() : $0.markdown() }!
        }
        guard let output else {
            Output.write(text)
            return
        }
        do {
            try AtomicFile.write(text, to: output, replacing: force)
        } catch {
            Output.error("--output: \(error.description)")
            throw ExitCode(1)
        }
    }

    func scenarioText(_ scenario: Scenario, original: Scenario) throws -> String {
        if step != nil || !weight.isEmpty {
            Output.error("\(step != nil ? "--step" : "--weight") applies to --format markdown and latex; "
                         + "--format scenario writes the start of --epoch")
            throw ExitCode(64)
        }
        let run = TrainingRun(scenario: scenario)
        let parameters = run.parameters(atStartOf: epoch - 1)
        guard (parameters.weights + parameters.biases).allSatisfy({ $0.allSatisfy(\.isFinite) }) else {
            Output.error("\(scenario.source): the parameters at the start of epoch \(epoch) are not finite (the run diverged "
                       + "before it); export an earlier epoch")
            throw ExitCode(1)
        }
        let remaining = max(1, original.epochs - (epoch - 1))
        let name = epoch == 1 ? scenario.name : "\(scenario.name) · from epoch \(epoch)"
        return ScenarioWriter.text(scenario, parameters: parameters, optimizerState: run.optimizerState(atStartOf: epoch - 1),
                                   epochs: remaining, name: name, firstEpoch: epoch)
    }

    func handout(_ scenario: Scenario) throws -> Handout? {
        let run = TrainingRun(scenario: scenario)
        var cursor = StepCursor(run: run)
        let step = self.step ?? 1
        guard (1...cursor.stepsPerEpoch).contains(step) else {
            let problem = step < 1 ? "steps are numbered from 1" : "it is past the epoch's last step"
            Output.error("--step: \(step) is not a step of the epoch (\(problem)); \(TerminalText.escaped(scenario.name)) has "
                         + "\(cursor.stepsPerEpoch) steps an epoch, so expected a whole number from 1 to \(cursor.stepsPerEpoch)")
            throw ExitCode(64)
        }
        var weights: [WeightID] = []
        for name in weight {
            let id = try parseWeight(name, scenario: scenario)
            if !weights.contains(id) { weights.append(id) }
        }
        cursor.move(to: (epoch - 1) * cursor.stepsPerEpoch + step - 1)
        return Handout(scenario: scenario, step: cursor.step, weights: weights, run: run)
    }
}

