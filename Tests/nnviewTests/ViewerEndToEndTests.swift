import Foundation
import Testing

/// The real binary in a real terminal (tmux): it starts, steps, steps back, resizes, and always
/// gives the terminal back sane.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct ViewerEndToEndTests {
    func start(_ arguments: [String] = [], width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws -> TmuxSession {
        let session = try TmuxSession(command: [NNViewBinary.path] + arguments, width: width, height: height, environment: environment)
        try session.waitFor("step 1/6")
        return session
    }

    /// ``start(_:width:height:environment:)`` with the opening banner put away.
    func startPastBanner(_ arguments: [String] = [], width: Int = 120, height: Int = 40,
                         environment: [String: String] = [:]) throws -> TmuxSession {
        let session = try start(arguments, width: width, height: height, environment: environment)
        try session.dismissBanner()
        return session
    }

    @Test func stepsForwardAndBackWithTheEnginesNumbers() throws {
        let session = try start()
        defer { session.close() }
        #expect(try session.capture().contains("press any key to begin"), "the scenario's question opens the viewer")
        // Esc only puts the banner away: the lesson starts at step 1.
        try session.sendKeys("Escape")
        let first = try session.waitUntil { $0.contains("step 1/6") && !$0.contains("press any key to begin") }
        #expect(first.contains("Z₁ = σ(X₁·v₁₁ + X₂·v₂₁ + bᶻ₁) = σ(0.05·0.15 + 0.1·0.2 + 0.35) = σ(0.3775) = 0.5933"))
        try session.sendKeys("n", "Space", "Right", "n")
        // The header is drawn first: wait for the frame's last panel too, not just "step 5/6".
        let backward = try session.waitUntil { $0.contains("step 5/6") && $0.contains("✓ agrees") }
        // Hand-computed (see Seed000Tests): ∂E/∂v₁₁ = Σ_k (Y_k − Q_k) w_1k X₁ Z₁(1 − Z₁) = 0.0035.
        #expect(backward.contains("∂J/∂v₁₁ = (−0.0012) + 0.0047 = 0.0035"))
        #expect(backward.contains("✓ agrees"))
        try session.sendKeys("p", "b", "Left", "p")
        // The same screen as before, once the whole frame is drawn.
        let back = try session.waitUntil { $0 == first }
        #expect(back == first)
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func goToEpochAndSelectAWeight() throws {
        let session = try startPastBanner(["Scenarios/xor.json".absoluteFromPackage])
        defer { session.close() }
        try session.sendKeys("g", "3", "0", "0", "0", "Enter")
        try session.waitFor("epoch 3000/5000")
        try session.sendKeys("w", "w", "2", "1", "Enter")
        try session.waitFor("Chain rule · ∂J/∂w₂₁")
        try session.sendKeys("?")
        try session.waitFor("─ Keys ─")
        // Any key but the scrolling ones closes the help (this one would write a handout otherwise).
        try session.sendKeys("x")
        try session.waitUntil { !$0.contains("─ Keys ─") }
        try session.sendKeys("Escape")
        #expect(try session.waitForExit() == 0)
    }

    @Test func resizeRelaysOutAndTooSmallRecovers() throws {
        let session = try startPastBanner()
        defer { session.close() }
        try session.resize(width: 80, height: 24)
        try session.waitUntil { $0.contains("n/p step") && !$0.contains("Tab weight") }
        try session.resize(width: 70, height: 20)
        try session.waitFor("terminal too small: need 80×24, have 70×20")
        try session.resize(width: 120, height: 40)
        try session.waitFor("Tab weight · ? help · q quit")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func ctrlCSignalsAndCrashesLeaveTheTerminalSane() throws {
        // SEGV stands for any crash: the crash guard must give the terminal back too.
        for way in ["C-c", "TERM", "HUP", "SEGV"] {
            let session = try start()
            defer { session.close() }
            if way == "C-c" {
                try session.sendKeys("C-c")
            } else {
                let pid = try #require(try session.commandProcessID())
                kill(pid, way == "TERM" ? SIGTERM : way == "HUP" ? SIGHUP : SIGSEGV)
            }
            // Ctrl-C is a key in raw mode: a normal quit. Signals exit as shells expect.
            let expected: Int32 = ["C-c": 0, "TERM": 128 + SIGTERM, "HUP": 128 + SIGHUP, "SEGV": 128 + SIGSEGV][way]!
            #expect(try session.waitForExit() == expected, "\(way)")
            let settings = try session.terminalSettingsAfterExit()
            #expect(settings.contains(" echo ") || settings.contains(" echo\n"), "\(way): echo is back on")
            #expect(settings.contains(" icanon"), "\(way): canonical mode is back")
            #expect(!settings.contains("-echo "), "\(way)")
        }
    }

    @Test func noColorAndASCII() throws {
        let session = try startPastBanner(["--ascii"], environment: ["NO_COLOR": "1"])
        defer { session.close() }
        let screen = try session.capture()
        #expect(screen.contains("Z1 = sigma(X1*v11 + X2*v21 + bz1)"))
        #expect(screen.unicodeScalars.allSatisfy { $0.isASCII })
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func everyScenarioOpens() throws {
        let directory = URL(fileURLWithPath: "Scenarios".absoluteFromPackage)
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where file.hasSuffix(".json") {
            let session = try TmuxSession(command: [NNViewBinary.path, directory.appendingPathComponent(file).path])
            defer { session.close() }
            try session.waitFor("step 1/")
            try session.dismissBanner()
            try session.sendKeys("e", "n", "n", "n")
            try session.waitFor("epoch 2/")
            try session.sendKeys("q")
            #expect(try session.waitForExit() == 0, "\(file)")
        }
    }
}

extension String {
    /// A path relative to the package root made absolute.
    var absoluteFromPackage: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(self).path
    }
}
