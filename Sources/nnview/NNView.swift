import Foundation
import ArgumentParser
import NNCore

/// `nnview`: watch backpropagation one step at a time, or get the same numbers as text or JSON.
@main
struct NNView: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nnview",
        abstract: "Watch backpropagation happen, one step at a time, with every number visible.",
        discussion: """
        Without a subcommand, opens the interactive viewer on SCENARIO (or on the built-in seed 000 \
        network when none is given). The other subcommands print the same numbers as text or JSON.
        """,
        version: "0.1.0",
        subcommands: [View.self, Trace.self, Explain.self, Train.self, Check.self, Screen.self, Export.self],
        defaultSubcommand: View.self
    )
}

/// The scenario argument every subcommand takes.
struct ScenarioArgument: ParsableArguments {
    @Argument(help: "A scenario file (JSON). Without one, the built-in seed 000 network.", completion: .file(extensions: ["json"]))
    var scenario: String?

    /// Loads the scenario, or prints its one-line error and exits with status 1.
    func load() throws -> Scenario {
        guard let scenario else { return ScenarioDecoder.defaultScenario }
        do {
            return try ScenarioDecoder.load(path: scenario)
        } catch {
            printError(error.description)
            throw ExitCode(1)
        }
    }
}

/// Reads the value of a whole-number option such as `--epochs`, for `@Option(transform:)`; the
/// parser prints "The value '-1' is invalid for '--epochs <epochs>': expected a whole number
/// from 1 to 10000000".
///
/// Such options are declared with `parsing: .unconditional`: otherwise the parser takes `-1`
/// for a flag and says "Missing value for '--epochs'", which hides the real problem. Read as
/// text here, `-1`, `0` and `1.5` all get the same clear message.
func wholeNumber(in range: ClosedRange<Int>) -> @Sendable (String) throws -> Int {
    { text in
        guard let value = Int(text), range.contains(value) else {
            throw ValidationError("expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }
}

/// Output formats of the commands that print numbers.
enum TextOrJSON: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Prints `message` to standard error, prefixed with "nnview: ".
func printError(_ message: String) {
    var standardError = StandardError()
    print("nnview: \(message)", to: &standardError)
}

/// Standard error as a text stream.
struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}

/// Parses a weight name for `scenario`, or prints why not and exits with status 1. The message
/// names the scenario file, as the scenario's own errors do, because whether a name exists
/// depends on the net; and it lists the net's real names, so the fix is in the message.
func parseWeight(_ text: String, scenario: Scenario) throws -> WeightID {
    do {
        return try WeightID.parse(text, layerSizes: scenario.layerSizes, notation: scenario.notation)
    } catch {
        let names = WeightID.nameRanges(layerSizes: scenario.layerSizes, notation: scenario.notation)
        printError("\(scenario.source): --weight \(error.description); this net's weights are \(names)")
        throw ExitCode(1)
    }
}
