import ArgumentParser
import Foundation
import NNCore
import NNTerminal

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
        let id = try weight.map { try parseWeight($0, scenario: scenario) }
        let color = !noColor && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let state = ViewerState(pendingScenario: scenario, weight: id, options: .init(ascii: ascii, color: color))
        let stoppedBy: Int32?
        do {
            stoppedBy = try ViewerApp.run(state)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
        // Stopped by a signal: exit as the shell expects (SIGTERM 143, SIGHUP 129, SIGINT 130, …).
        if let stoppedBy { throw ExitCode(128 + stoppedBy) }
    }
}
