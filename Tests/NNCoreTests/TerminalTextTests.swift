import Foundation
import NNCore
import Testing

/// The one escaping function between the program and the terminal.
@Suite struct TerminalTextTests {
    @Test func controlBidiAndInvisibleCharactersBecomeJSONStyleEscapes() {
        let hostile = "\u{1B}]0;PWNED\u{07}\r\u{0B}\u{0C}\u{85}\u{9B}\u{202E}\u{200B}x\u{7F}\u{AD}\u{FEFF}\u{2066}\u{E0001}"
        #expect(TerminalText.escaped(hostile) ==
            #"\u001b]0;PWNED\u0007\u000d\u000b\u000c\u0085\u009b\u202e\u200bx\u007f\u00ad\ufeff\u2066\udb40\udc01"#)
        #expect(TerminalText.escaped("a\nb\tc") == #"a\u000ab\u0009c"#)
        #expect(TerminalText.escaped("a\nb\rc", keepingNewlines: true) == "a\nb\\u000dc")
    }

    @Test func printableTextIsLeftAsItIs() {
        for text in ["", "plain ASCII ~", "∂E/∂v₁₁ = σ(netᶻ₁)·X₁ ┌─┐ ▁▇█", "反向传播", "e\u{301}té", "❤️ 🎉 🇫🇷", "العربية עברית", "\\u001b"] {
            #expect(TerminalText.escaped(text) == text, "\(text)")
        }
    }

    @Test func escapingTwiceChangesNothingMore() {
        let once = TerminalText.escaped("\u{1B}[31m\u{202E}\u{E0041}")
        #expect(TerminalText.escaped(once) == once)
        #expect(once.unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 })
    }

    /// An independent list: Unicode's own properties. Every control, format, line or paragraph
    /// separator, default-ignorable or bidi-control code point is escaped, except variation
    /// selectors and the Arabic, Syriac and Kaithi number signs, which are drawn.
    @Test func theHiddenSetIsUnicodesControlsFormatsAndIgnorables() {
        let drawn: Set<UInt32> = [0x600, 0x601, 0x602, 0x603, 0x604, 0x605, 0x6DD, 0x70F, 0x890, 0x891, 0x8E2, 0x110BD, 0x110CD]
        var disagreements: [String] = []
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let properties = scalar.properties
            let isVariationSelector = properties.isVariationSelector
            let expected = ([.control, .format, .lineSeparator, .paragraphSeparator].contains(properties.generalCategory)
                || properties.isDefaultIgnorableCodePoint || properties.isBidiControl)
                && !isVariationSelector && !drawn.contains(value)
            if TerminalText.isHidden(scalar) != expected { disagreements.append(String(value, radix: 16)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    @Test func escapedJSONIsStillJSONAndReadsBackTheSameString() throws {
        let name = "\u{85}\u{9B}\u{202E}\u{200B}\u{2028}\u{E0001}x"
        let json = JSONOutput.object([("name", .string(name))]).text
        let escaped = TerminalText.escaped(json, keepingNewlines: true)
        let decoded = try JSONSerialization.jsonObject(with: Data(escaped.utf8)) as? [String: String]
        #expect(decoded?["name"] == name)
    }

    @Test func scenarioErrorsEscapeC1BidiAndZeroWidthToo() {
        let error = ScenarioError(file: "a\u{202E}b.json", path: "name", message: "bad \u{9B}31m\u{200B}")
        #expect(error.description == #"a\u202eb.json: name bad \u009b31m\u200b"#)
    }
}
