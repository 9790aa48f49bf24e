import Foundation
import Testing

/// `--record` writes a cast that replays to the screen the user saw, and `--keys` types a
/// script into the live viewer, which then stays interactive.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct RecordEndToEndTests {
    /// A path for a cast that does not exist yet.
    static func freshCastPath(_ label: String) -> String {
        let name = "nnview-\(getpid())-\(label).cast"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(name).path
        unlink(path)
        return path
    }

    /// The scenario's name as the file spells it, read without nnview's loader.
    static func scenarioName(_ path: String) throws -> String {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return try #require(object?["name"] as? String)
    }

    @Test(arguments: ["tmux-256color", "xterm-256color"])
    func keysThenInteractiveThenACastThatReplaysTheScreen(term: String) throws {
        let scenario = "Scenarios/two-outputs.json".absoluteFromPackage
        let castPath = Self.freshCastPath("replay-\(term)")
        defer { unlink(castPath) }
        let started = Int(Date().timeIntervalSince1970)
        let session = try TmuxSession(command: [NNViewBinary.path, scenario, "--keys", "nnnn", "--record", castPath],
                                      environment: ["TERM": term])
        defer { session.close() }
        // Four steps typed by the script: the hidden layer's backward step, no banner to put away.
        let fifth = try session.waitFor("step 5/6")
        #expect(fifth.contains("∂J/∂v₁₁ = (−0.0012) + 0.0047 = 0.0035"))
        // Still interactive: the keyboard moves on and back.
        try session.sendKeys("n")
        try session.waitFor("step 6/6")
        try session.sendKeys("p")
        try session.waitFor("step 5/6")
        Thread.sleep(forTimeInterval: 0.3)
        let live = try session.capture(attributes: true)
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)

        let cast = try CastFileReader(path: castPath)
        #expect(cast.header["version"] as? Int == 2)
        #expect(cast.header["width"] as? Int == 120 && cast.header["height"] as? Int == 40)
        let timestamp = try #require(cast.header["timestamp"] as? Int)
        #expect((started - 5...started + 60).contains(timestamp))
        #expect((cast.header["env"] as? [String: String])?["TERM"] == term)
        #expect(cast.header["title"] as? String == (try Self.scenarioName(scenario)))
        #expect(cast.events.allSatisfy { $0.kind == "o" })

        // The last bytes give the terminal back: the cursor shown, the normal screen restored.
        let output = cast.output
        let leave = try #require(output.range(of: "\u{1B}[?1049l", options: .backwards))
        #expect(output.distance(from: leave.lowerBound, to: output.endIndex) < 64)
        #expect(output.suffix(64).contains("\u{1B}[?25h"))

        // Replayed in a fresh terminal of the same size, up to leaving the alternate screen, the
        // output draws the very screen the user saw, colours and all.
        let replayFile = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-\(getpid())-replay.bin")
        defer { try? FileManager.default.removeItem(at: replayFile) }
        try Data(output[..<leave.lowerBound].utf8).write(to: replayFile)
        let replay = try TmuxSession(command: ["cat", replayFile.path], environment: ["TERM": term])
        defer { replay.close() }
        #expect(try replay.waitForExit() == 0)
        let replayed = try replay.capture(attributes: true)
        #expect(replayed == live)
    }

    @Test func aSignalAndAResizeAreRecordedAndTheCastEndsWithTheRestoringBytes() throws {
        let castPath = Self.freshCastPath("signal")
        defer { unlink(castPath) }
        let session = try TmuxSession(command: [NNViewBinary.path, "--record", castPath])
        defer { session.close() }
        try session.waitFor("step 1/6")
        try session.resize(width: 100, height: 30)
        let deadline = Date().addingTimeInterval(5)
        func recorded() -> String { (try? String(contentsOfFile: castPath, encoding: .utf8)) ?? "" }
        while Date() < deadline, !recorded().contains(#""r", "100x30""#) {
            Thread.sleep(forTimeInterval: 0.05)
        }
        try session.waitUntil { $0.split(separator: "\n").first?.count ?? 0 <= 100 && $0.contains("step 1/6") }
        let pid = try #require(try session.commandProcessID())
        kill(pid, SIGTERM)
        #expect(try session.waitForExit() == 128 + SIGTERM)
        let cast = try CastFileReader(path: castPath)
        #expect(cast.events.contains { $0.kind == "r" && $0.data == "100x30" })
        #expect(cast.output.suffix(64).contains("\u{1B}[?1049l"))
        let settings = try session.terminalSettingsAfterExit()
        #expect(settings.contains(" icanon") && !settings.contains("-echo "))
    }

    @Test func anExistingCastIsRefusedBeforeTheScreenStarts() throws {
        let castPath = Self.freshCastPath("existing")
        defer { unlink(castPath) }
        try "keep me".write(toFile: castPath, atomically: false, encoding: .utf8)
        let session = try TmuxSession(command: [NNViewBinary.path, "--record", castPath])
        defer { session.close() }
        #expect(try session.waitForExit() == 1)
        let screen = try session.capture()
        #expect(screen.contains("nnview: \(castPath): already exists; --record never replaces a file"))
        #expect(!screen.contains("step 1/6"))
        #expect(try String(contentsOfFile: castPath, encoding: .utf8) == "keep me")
    }

    @Test func anUnwritablePlaceAndABadScriptAreRefusedAsScreenRefusesThem() throws {
        let unwritable = "/nonexistent-\(getpid())/session.cast"
        let refused = try NNViewBinary.run(["--record", unwritable])
        #expect(refused.status == 1)
        #expect(refused.error == "nnview: \(unwritable): cannot be created: No such file or directory\n")

        let screenError = try NNViewBinary.run(["screen", "--keys", "n{Entr}"]).error
        let viewError = try NNViewBinary.run(["--keys", "n{Entr}"])
        #expect(viewError.status == 1)
        #expect(screenError.hasPrefix("nnview: --keys: unknown key {Entr} at column 2"))
        #expect(viewError.error == screenError)
    }

    @Test func noFileIsLeftWhenTheViewerCannotStart() throws {
        let castPath = Self.freshCastPath("no-terminal")
        // Standard input is /dev/null: the viewer refuses to start after the cast was created.
        let result = try NNViewBinary.run(["--record", castPath])
        #expect(result.status == 1 && result.error.contains("the viewer needs a terminal"))
        #expect(!FileManager.default.fileExists(atPath: castPath))
    }
}

/// A cast read back with Foundation's JSON parser, checking the shape asciicast v2 requires.
struct CastFileReader {
    struct Event {
        var time: Double
        var kind: String
        var data: String
    }

    var header: [String: Any]
    var events: [Event]

    /// The "o" data, concatenated: what the terminal received.
    var output: String { events.filter { $0.kind == "o" }.map(\.data).joined() }

    init(path: String) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        // Every byte is UTF-8 text and nothing but the line feeds is a control character: ESC
        // and the rest travel escaped inside the JSON strings.
        let text = try #require(String(data: bytes, encoding: .utf8))
        #expect(!bytes.contains { $0 < 0x20 && $0 != 0x0A })
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "the file ends with a line feed")
        header = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        events = []
        var previous = 0.0
        for line in lines.dropFirst().dropLast() {
            let array = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any])
            #expect(array.count == 3, "\(line)")
            let time = try #require(array[0] as? Double), kind = try #require(array[1] as? String)
            let data = try #require(array[2] as? String)
            #expect(time >= previous, "times never go down: \(time) after \(previous)")
            #expect(kind == "o" || (kind == "r" && data.wholeMatch(of: /\d+x\d+/) != nil), "\(line)")
            previous = time
            events.append(Event(time: time, kind: kind, data: data))
        }
        #expect(!events.isEmpty)
    }
}
