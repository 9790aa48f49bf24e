import Foundation
import Testing

/// No byte from a file or an argument reaches the terminal as a control sequence: a hostile
/// string goes through every command and every message, and the bytes that come out are
/// scanned (README, "Errors and exit status").
@Suite struct HostileTextTests {
    /// OSC 0 (retitles the window), CR, VT, FF, NEL, CSI (C1), a right-to-left override and a
    /// zero-width space.
    static let hostile = "\u{1B}]0;PWNED\u{07}\r\u{0B}\u{0C}\u{85}\u{9B}\u{202E}\u{200B}x"
    /// What may pass through the Swift `Character`-level whitespace of the formula parser.
    static let hostileWhitespace = "\r\u{0B}\u{0C}\u{85}"

    /// A scenario file named `hostile` (the name the scenario gets when it has none), one with
    /// `hostile` as its name and description, and one that is broken.
    let directory: URL
    let namedByFile: String
    let namedInside: String
    let broken: String

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-hostile-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let seed = try String(contentsOfFile: "Scenarios/two-outputs.json".absoluteFromPackage, encoding: .utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(seed.utf8)) as? [String: Any])
        object["name"] = nil
        namedByFile = directory.appendingPathComponent(Self.hostile + ".json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: namedByFile))
        object["name"] = Self.hostile
        object["description"] = Self.hostile
        namedInside = directory.appendingPathComponent("named.json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: namedInside))
        broken = directory.appendingPathComponent(Self.hostile + "-broken.json").path
        try Data("{\"name\": \"\(Self.hostile.unicodeScalars.map { String(format: "\\u%04x", $0.value) }.joined())\", \"layers\": 3}".utf8)
            .write(to: URL(fileURLWithPath: broken))
    }

    var invocations: [[String]] {
        let h = Self.hostile
        var runs: [[String]] = []
        for file in [namedByFile, namedInside] {
            runs += [
                ["explain", file], ["explain", file, "--format", "json"], ["train", file, "--epochs", "2"],
                ["train", file, "--epochs", "2", "--format", "json"], ["trace", file, "--epochs", "1"],
                ["trace", file, "--epochs", "1", "--format", "jsonl"], ["screen", file, "--width", "80", "--height", "24"],
                ["screen", file, "--width", "80", "--height", "24", "--ascii"], ["export", file, "--epoch", "2"],
                ["check", file, "--formula", "(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)"],
                // The verdicts echo the formula: whitespace the parser skips must still be escaped.
                ["check", file, "--formula", "1" + Self.hostileWhitespace + "+1"],
                ["check", file, "--formula", "1" + Self.hostileWhitespace + "+1", "--format", "json"],
                ["check", file, "--formula", h], ["check", file, "--formula", "Y1*" + h],
                ["explain", file, "--weight", h], ["screen", file, "--weight", h], ["screen", file, "--keys", "{" + h + "}"],
                // Typed into the viewer's input lines: a weight name and a formula.
                ["screen", file, "--width", "80", "--height", "24", "--keys", "w" + h + "{Enter}"],
                ["screen", file, "--width", "80", "--height", "24", "--keys", "d1" + h + "{Enter}"],
                ["screen", file, "--width", "80", "--height", "24", "--keys", "d1" + Self.hostileWhitespace + "+1{Enter}"],
            ]
        }
        runs += [
            ["explain", broken], ["trace", directory.appendingPathComponent(h + "-missing.json").path],
            ["trace", "--epochs", h], ["train", "--format", h], ["check", "--formula", "1", "--epoch", h],
            ["screen", "--width", h], ["explain", "--" + h], [h],
        ]
        return runs
    }

    @Test func noControlBidiOrInvisibleCharacterComesOut() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        var checked = 0
        for arguments in invocations {
            let result = try NNViewBinary.run(arguments)
            for (stream, text) in [("stdout", result.output), ("stderr", result.error)] {
                let offending = text.unicodeScalars.filter { $0 != "\n" && Self.isHidden($0) }
                #expect(offending.isEmpty, "\(arguments.map { $0.debugDescription }) \(stream): \(offending.map { String($0.value, radix: 16) })")
            }
            // It is there to see, escaped, wherever the command shows a name, a path or an argument.
            let everything = result.output + result.error
            let shown = everything.contains("\\u001b]0;PWNE") || everything.contains("\\u000d\\u000b\\u000c\\u0085")
                || everything.contains("\\r\\u000b\\u000c\\u0085")
            let showsNoText = arguments.contains("--epochs") && arguments.contains("1") || arguments.contains { $0.hasPrefix("json") }
                || arguments.contains("(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)")
            #expect(shown || showsNoText, "\(arguments.map { $0.debugDescription })")
            checked += 1
        }
        #expect(checked == invocations.count)
    }

    @Test func jsonOutputStaysValidAndKeepsTheStrings() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let formula = "1" + Self.hostileWhitespace + "+1"
        let result = try NNViewBinary.run(["check", namedInside, "--formula", formula, "--format", "json"])
        #expect(result.status == 3)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["formula"] as? String == formula)
    }

    @Test func anUnreadableFormulasCaretStandsUnderTheEscapedFormula() throws {
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try NNViewBinary.run(["check", "--formula", "\r\r(Y1-Q1*Z1"])
        #expect(result.status == 1)
        // The caret stands after the escaped text, where reading stopped.
        #expect(result.error == """
            nnview: --formula: missing ')' to close the '(' at column 3
              \\u000d\\u000d(Y1-Q1*Z1
                                   ^

            """)
    }

    /// Unicode's own classes, independent of nnview's list: controls (C0, DEL, C1), formats
    /// (bidi controls, zero-width characters, BOM, soft hyphen, tags), separators, ignorables.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let properties = scalar.properties
        return [.control, .format, .lineSeparator, .paragraphSeparator].contains(properties.generalCategory)
            || (properties.isDefaultIgnorableCodePoint && !properties.isVariationSelector) || properties.isBidiControl
    }
}
