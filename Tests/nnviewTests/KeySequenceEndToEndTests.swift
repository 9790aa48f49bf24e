import Foundation
import Testing

/// Keys as different terminals send them: whole sequences are read as one key, and no
/// sequence the viewer does not know ends the lecture.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed (apt-get install tmux)"))
struct KeySequenceEndToEndTests {
    /// "epoch/step" as the header shows it, e.g. "5000/6".
    static func position(_ screen: String) -> String {
        screen.firstMatch(of: #/epoch (\d+)\/5000 · batch 1\/1 · step (\d)\/6/#).map { "\($0.1)/\($0.2)" } ?? "none"
    }

    @Test(arguments: ["xterm-256color", "tmux-256color"])
    func homeEndAndUnknownSequencesUnderEitherTerm(term: String) throws {
        let session = try TmuxSession(command: [NNViewBinary.path, "Scenarios/xor.json".absoluteFromPackage],
                                      environment: ["TERM": term])
        defer { session.close() }
        try session.waitFor("step 1/6")
        try session.dismissBanner()
        for (bytes, expected) in [("\u{1B}[4~", "5000/6"), ("\u{1B}[1~", "1/1"), ("\u{1B}[8~", "5000/6"), ("\u{1B}[7~", "1/1"),
                                  ("\u{1B}[F", "5000/6"), ("\u{1B}[H", "1/1"), ("\u{1B}OF", "5000/6"), ("\u{1B}OH", "1/1")] {
            try session.sendRaw(bytes)
            try session.waitUntil(timeout: 5) { Self.position($0) == expected }
        }
        // An unknown sequence and Alt+key are ignored with a message; the viewer stays open.
        try session.sendRaw("\u{1B}[25~")
        try session.waitFor("ignored the key ESC[25~")
        try session.sendRaw("\u{1B}n")
        try session.waitFor("Alt+n does nothing here")
        #expect(Self.position(try session.capture()) == "1/1", "Alt+n is not n")
        // In the formula prompt Home moves the cursor and does not cancel what was typed.
        try session.sendKeys("d")
        try session.sendRaw("abc")
        try session.sendRaw("\u{1B}[1~")
        try session.sendRaw("X")
        try session.waitFor("Xabc")
        // Esc closes the prompt, a second Esc (at the top level) quits.
        try session.sendKeys("Escape")
        try session.waitUntil { !$0.contains("Xabc") }
        try session.sendKeys("Escape")
        #expect(try session.waitForExit() == 0)
    }
}
