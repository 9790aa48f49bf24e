import Foundation
import NNCore
import Testing

/// The help and the README say what the program does.
@Suite struct HelpAndReadmeTests {
    @Test func checkHelpListsEveryFunction() throws {
        let help = try NNViewBinary.run(["check", "--help"])
        #expect(help.status == 0)
        // The words of the help: "sigma (σ, sigmoid), exp, log, ln, …, sum(k, …" → sigma, σ, sigmoid, exp, …
        let words = Set(help.output.split { !($0.isLetter || $0.isNumber) }.map(String.init))
        for name in Expression.functions.keys.sorted() + ["sum"] {
            #expect(words.contains(name), "\(name) is missing from check --help")
        }
    }

    /// The options in the README's command table are optional exactly when the usage says so.
    @Test func theCommandTableAgreesWithTheUsage() throws {
        let readme = try String(contentsOfFile: "README.md".absoluteFromPackage, encoding: .utf8)
        func options(_ text: Substring) -> [String: Bool] {
            var result: [String: Bool] = [:]
            let words = text.split(separator: " ")
            for (index, word) in words.enumerated() {
                guard let range = word.range(of: "--") else { continue }
                let name = word[range.lowerBound...].prefix { $0 == "-" || $0.isLetter }
                if name == "--help" || name == "--version" { continue }
                let optional = word.hasPrefix("[") && (word.hasSuffix("]") || index + 1 < words.count && words[index + 1].contains("]"))
                result[String(name)] = optional
            }
            return result
        }
        for command in ["trace", "explain", "train", "check", "screen"] {
            let row = try #require(readme.split(separator: "\n").first { $0.hasPrefix("| `nnview \(command) ") })
            // The first cell, between the backticks (it contains \| itself).
            let cell = row.dropFirst(row.distance(from: row.startIndex, to: row.firstIndex(of: "`")!) + 1).prefix { $0 != "`" }
            let documented = options(cell)
            let usageLine = try #require(try NNViewBinary.run([command, "--help"]).output.split(separator: "\n").first { $0.hasPrefix("USAGE:") })
            let actual = options(usageLine)
            #expect(!documented.isEmpty)
            for (name, optional) in documented {
                #expect(actual[name] == optional, "README: \(command) \(name) is \(optional ? "optional" : "required")")
            }
        }
    }
}
