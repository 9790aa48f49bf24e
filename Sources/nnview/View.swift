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

    @Flag(help: "Quiz mode: n asks for the next step's number (or a formula) before showing it, and keeps a score.")
    var quiz = false

    @Flag(help: "No colours (also when NO_COLOR is set).")
    var noColor = false

    @Option(help: "Colours for a dark or a light (white) background: dark or light.")
    var theme: ThemeName = .dark

    // Unconditional, as for `screen`: "-" slows autoplay, so a script such as "-n" is keys.
    @Option(parsing: .unconditional, help: ArgumentHelp(
        "Keys to type at start, one after another, as `nnview screen --keys` takes them (e.g. \"g12{Enter}nn\"); "
            + "then the viewer is yours.", valueName: "keys"))
    var keys: String?

    @Option(help: ArgumentHelp(
        "Record the session as an asciicast v2 file that asciinema players play (never over an existing file).",
        valueName: "file.cast"))
    var record: String?

    func run() throws {
        let scenario = try scenario.load()
        let id = try weight.map { try parseWeight($0, scenario: scenario) }
        let scripted = try parsedKeys()
        let color = !noColor && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        let options = ViewerState.Options(ascii: ascii, color: color, light: theme == .light, quiz: quiz)
        let state = ViewerState(pendingScenario: scenario, weight: id, options: options, banner: keys == nil)
        let cast = try createCast()
        let stoppedBy: Int32?
        do {
            stoppedBy = try ViewerApp.run(state, keys: scripted, recording: cast)
        } catch {
            // Nothing was recorded: leave no empty file behind.
            cast?.discard()
            Output.error(error.description)
            throw ExitCode(1)
        }
        if let failure = cast?.failure {
            Output.error(failure.description)
            throw ExitCode(1)
        }
        // Stopped by a signal: exit as the shell expects (SIGTERM 143, SIGHUP 129, SIGINT 130, …).
        if let stoppedBy { throw ExitCode(128 + stoppedBy) }
    }

    /// The `--keys` script, or its error as `screen` reports it, before the screen starts.
    private func parsedKeys() throws -> [Key] {
        do {
            return try KeyScript.parse(keys ?? "")
        } catch {
            Output.error("--keys: \(error.description)")
            throw ExitCode(1)
        }
    }

    /// The `--record` file, created before the screen starts so a refusal is a plain message.
    private func createCast() throws -> CastFile? {
        guard let record else { return nil }
        do {
            return try CastFile(creating: record)
        } catch {
            Output.error(error.description)
            throw ExitCode(1)
        }
    }
}

/// The viewer's colour themes.
enum ThemeName: String, ExpressibleByArgument, CaseIterable {
    case dark, light
}
