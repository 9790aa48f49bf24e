import Foundation
import Testing

/// Long work (a jump across millions of epochs) runs outside the input loop: keys and signals
/// are answered at once, and every signal that ends the viewer gives the terminal back first.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct LongWorkEndToEndTests {
    /// XOR with 5,000,000 epochs: End trains for seconds (tens of seconds in a debug build).
    static func longScenario() throws -> String {
        let source = try String(contentsOfFile: "Scenarios/xor.json".absoluteFromPackage, encoding: .utf8)
        let long = source.replacingOccurrences(of: #""epochs": 5000"#, with: #""epochs": 5000000"#)
        #expect(long != source, "xor.json names its epochs as expected")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-long-\(getpid()).json").path
        try long.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Starts the viewer on the long scenario and presses End; returns once it says it is training.
    func startJump() throws -> TmuxSession {
        let session = try TmuxSession(command: [NNViewBinary.path, try Self.longScenario()])
        try session.waitFor("step 1/6")
        try session.dismissBanner()
        try session.sendKeys("End")
        try session.waitFor("training to epoch 5,000,000")
        return session
    }

    func expectSaneTerminal(_ session: TmuxSession, _ label: String) throws {
        let settings = try session.terminalSettingsAfterExit()
        #expect(settings.contains(" icanon"), "\(label): canonical mode is back")
        #expect(!settings.contains("-echo "), "\(label): echo is back")
    }

    @Test func qDuringAJumpQuitsAtOnce() throws {
        let session = try startJump()
        defer { session.close() }
        try session.sendKeys("q")
        // The jump takes far longer than this in any build; the quit must not wait for it.
        #expect(try session.waitForExit(timeout: 3) == 0)
        try expectSaneTerminal(session, "q")
    }

    @Test func escCancelsTheJumpAndKeepsThePosition() throws {
        let session = try startJump()
        defer { session.close() }
        try session.sendKeys("n")
        try session.waitFor("q quits  still working")
        try session.sendKeys("Escape")
        let screen = try session.waitFor("cancelled: still at epoch 1, step 1", timeout: 3)
        #expect(screen.contains("epoch 1/5000000"))
        try session.sendKeys("n")
        try session.waitFor("step 2/6", timeout: 3)
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: 3) == 0)
    }

    @Test func everyEndingSignalDuringAJumpRestoresTheTerminal() throws {
        for (name, number) in [("TERM", SIGTERM), ("HUP", SIGHUP), ("INT", SIGINT), ("QUIT", SIGQUIT), ("USR1", SIGUSR1),
                               ("ALRM", SIGALRM), ("PIPE", SIGPIPE)] {
            let session = try startJump()
            defer { session.close() }
            let pid = try #require(try session.commandProcessID())
            kill(pid, number)
            let status: Int32
            do {
                status = try session.waitForExit(timeout: 5)
            } catch {
                Issue.record("\(name): \(error)")
                continue
            }
            #expect(status == 128 + number, "\(name)")
            try expectSaneTerminal(session, name)
            // No crash report drawn over the screen (SIGQUIT's backtrace used to).
            #expect(!(try session.capture()).contains("Crash"), "\(name)")
        }
    }
}

/// A command that is quiet for a second says on the terminal that it is working, and the line
/// goes away before its output.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct WorkingNoticeEndToEndTests {
    @Test func aSlowCommandSaysItIsWorkingThenClearsTheLine() throws {
        // Exporting epoch 400,000 of XOR trains for seconds (a debug build: tens of seconds) and then prints a short file.
        let session = try TmuxSession(command: [NNViewBinary.path, "export", try LongWorkEndToEndTests.longScenario(),
                                                "--epoch", "400000"])
        defer { session.close() }
        try session.waitFor("nnview: working… (Ctrl-C stops)", timeout: 20)
        #expect(try session.waitForExit(timeout: 120) == 0)
        let screen = try session.capture()
        #expect(!screen.contains("working…") && screen.contains("\"name\": \"XOR · from epoch 400000\""))
    }
}
