import Foundation
import Testing

/// A scenario named in CJK with combining accents and a hostile escape sequence, in the real
/// viewer (tmux) and in `screen`: the name is drawn at its display width, escaped, and the
/// terminal is not retitled.
@Suite(.serialized) struct WideAndHostileNameEndToEndTests {
    static let name = "反向传播 e\u{301}e\u{301}\u{1B}]0;PWNED\u{07}\u{202E}\u{200B}"

    /// Two-outputs with `name`, in a fresh directory.
    static func scenarioFile() throws -> String {
        let seed = try String(contentsOfFile: "Scenarios/two-outputs.json".absoluteFromPackage, encoding: .utf8)
        var object = try #require(try JSONSerialization.jsonObject(with: Data(seed.utf8)) as? [String: Any])
        object["name"] = name
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-wide-\(getpid())-\(UUID().uuidString).json").path
        try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Columns as a terminal gives them to this test's text: CJK ideographs two, nonspacing
    /// marks none, the rest one (no wcwidth, which nnview uses).
    static func columns(_ text: Substring) -> Int {
        text.unicodeScalars.reduce(0) { sum, scalar in
            if scalar.properties.generalCategory == .nonspacingMark { return sum }
            return sum + ((0x4E00...0x9FFF).contains(scalar.value) ? 2 : 1)
        }
    }

    @Test(arguments: [[], ["--ascii"]]) func screenKeepsEveryLineAt80Columns(_ extra: [String]) throws {
        let file = try Self.scenarioFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let result = try NNViewBinary.run(["screen", file, "--width", "80", "--height", "24"] + extra)
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 24)
        let header = try #require(lines.first)
        #expect(header.hasSuffix("epoch 1/100 · batch 1/1 · step 1/6") || header.hasSuffix("epoch 1/100 * batch 1/1 * step 1/6"))
        #expect(Self.columns(header) == 79, "the position ends one column before the edge: \(header)")
        #expect(header.contains(extra.isEmpty ? " nnview │ 反向传播 éé\\u… │ classic notation" : " nnview | ???? ee\\u001b> | classic notation"), "\(header)")
        for line in lines.dropFirst() where line.hasSuffix("┐") || line.hasSuffix("│") || line.hasSuffix("+") || line.hasSuffix("|") {
            #expect(Self.columns(line) == 80, "\(line)")
        }
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
    func theViewerDrawsTheNameAtItsWidthAndKeepsTheTitle() throws {
        let file = try Self.scenarioFile()
        defer { try? FileManager.default.removeItem(atPath: file) }
        let session = try TmuxSession(command: [NNViewBinary.path, file], width: 100, height: 30)
        defer { session.close() }
        let screen = try session.waitFor("step 1/6")
        let header = try #require(screen.split(separator: "\n").first)
        // ncurses drew the accents on their letters and each ideograph over two columns.
        #expect(header.hasPrefix(" nnview │ 反向传播 éé\\u001b]0;PWNED\\u0007\\u… │ classic notation"), "\(header)")
        #expect(header.hasSuffix("step 1/6"))
        #expect(Self.columns(header) == 99, "\(header)")
        let title = try Shell.run("tmux -L \(session.socket) display-message -p -t 0 '#{pane_title}'")
        #expect(!title.output.contains("PWNED"))
        // A first key puts the opening banner away; the second quits.
        try session.sendKeys("q", "q")
        #expect(try session.waitForExit() == 0)
    }
}
