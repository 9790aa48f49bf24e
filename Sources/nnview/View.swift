import ArgumentParser
import NNCore

/// `nnview [SCENARIO]`: the interactive viewer.
struct View: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Open the interactive viewer (the default command).",
        discussion: "Keys: n/Space/→ next step, p/b/← previous, e/E next/previous epoch, g go to epoch, r play, ? help, q quit."
    )

    @OptionGroup var scenario: ScenarioArgument

    @Option(help: "The weight whose chain rule is shown first, e.g. v11.")
    var weight: String?

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    @Flag(help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    func run() throws {
        let scenario = try scenario.load()
        _ = try weight.map { try parseWeight($0, scenario: scenario) }
        printError("the interactive viewer is not built yet; use 'nnview trace' for the numbers")
        throw ExitCode(2)
    }
}
