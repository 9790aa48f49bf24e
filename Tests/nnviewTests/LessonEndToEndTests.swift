import Foundation
import Testing

/// A lesson in the real binary: the command line with completion and history, a breakpoint
/// and `c`, playing by epoch, and a quiz question, under either TERM.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct LessonEndToEndTests {
    @Test(arguments: ["xterm-256color", "tmux-256color"])
    func continueToABreakpointThenPlayByEpoch(term: String) throws {
        let session = try TmuxSession(command: [NNViewBinary.path, "Scenarios/xor.json".absoluteFromPackage],
                                      width: 100, height: 30, environment: ["TERM": term])
        defer { session.close() }
        try session.waitFor("step 1/6")
        try session.dismissBanner()
        // Tab completes "bre" to "break", the rest is typed.
        try session.sendRaw(":bre")
        try session.sendKeys("Tab")
        try session.waitFor(":break")
        try session.sendRaw(" loss < 0.1")
        try session.sendKeys("Enter")
        try session.waitFor("breakpoint 1: loss < 0.1")
        try session.sendKeys("c")
        // The loss step of the first epoch whose loss is below 0.1 (epoch 469: LessonPlayTests
        // finds it with a second implementation).
        try session.waitUntil(timeout: 60) { KeySequenceEndToEndTests.position($0) == "469/3" }
        try session.waitFor("breakpoint 1: loss < 0.1 (J = 0.09")
        // ↑ recalls the line; Esc closes the prompt without quitting.
        try session.sendRaw(":")
        try session.sendKeys("Up")
        try session.waitFor(":break loss < 0.1")
        try session.sendKeys("Escape")
        try session.waitUntil { !$0.contains(":break loss") }
        // Without the breakpoint, playing by epoch at full pace reaches the end.
        try session.sendRaw(":delete all")
        try session.sendKeys("Enter")
        try session.waitFor("deleted every breakpoint")
        try session.sendRaw(":play epoch 1000/s")
        try session.sendKeys("Enter")
        try session.waitFor("end of training: autoplay stopped", timeout: 60)
        try session.waitUntil { KeySequenceEndToEndTests.position($0).hasPrefix("5000/") }
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }

    @Test func aQuizRoundAt80x24() throws {
        let session = try TmuxSession(command: [NNViewBinary.path, "Scenarios/two-outputs.json".absoluteFromPackage, "--quiz"],
                                      width: 80, height: 24, environment: ["TERM": "xterm-256color"])
        defer { session.close() }
        try session.waitFor("step 1/6")
        try session.dismissBanner()
        try session.sendKeys("n")
        try session.waitFor("Quiz · Y₁ =")
        try session.sendRaw("?")
        try session.waitFor("hint: Y₁ = σ(Z₁·w₁₁ + Z₂·w₂₁ + bʸ₁)")
        // Y₁ = 0.7514 by hand (seed 000).
        try session.sendRaw("0.751")
        try session.sendKeys("Enter")
        try session.waitFor("✓ right: Y₁ = 0.7514 · score 1/1")
        try session.waitFor("step 2/6")
        try session.sendKeys("n")
        try session.waitFor("Quiz · the loss J of this batch =")
        try session.sendKeys("Escape")
        try session.waitFor("skipped: J = 1.7684")
        try session.sendKeys("q")
        #expect(try session.waitForExit() == 0)
    }
}
