/// Text on its way to a terminal. Scenario names, file paths, formulas and key scripts come from
/// the user or from a file, and a terminal obeys some of their characters instead of showing them:
/// an ESC starts a sequence that can retitle the window or write the clipboard, CR and VT move the
/// cursor, C1 codes are escapes of their own, bidi controls reorder what follows, and zero-width
/// characters hide text. ``escaped(_:keepingNewlines:)`` is the one function that makes all of
/// them visible; every command's output, every message and the viewer's grid go through it.
public enum TerminalText {
    /// Whether a terminal would act on `scalar` or show nothing for it, rather than a glyph:
    /// C0 controls, DEL, C1 controls, line and paragraph separators, bidi controls and the
    /// invisible format characters (zero-width space and joiners, word joiner, BOM, soft hyphen,
    /// Mongolian vowel separator, Hangul fillers, hieroglyph layout controls, tags). Variation
    /// selectors stay: they only pick a glyph's style (text or emoji) and hide nothing; so do the
    /// Arabic number signs, format characters that are drawn.
    public static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x7F { return value < 0x20 }
        if value < 0xA0 { return true }  // DEL and C1
        switch value {
        case 0xAD, 0x34F, 0x61C, 0x115F...0x1160, 0x17B4...0x17B5, 0x180E, 0x200B...0x200F,
             0x2028...0x202E, 0x2060...0x206F, 0x3164, 0xFEFF, 0xFFA0, 0xFFF0...0xFFFB,
             0x13430...0x1343F, 0x1BCA0...0x1BCA3, 0x1D173...0x1D17A, 0xE0000...0xE00FF, 0xE01F0...0xE0FFF:
            return true
        default:
            return false
        }
    }

    /// `text` with every hidden scalar (see ``isHidden(_:)``) written as a JSON-style escape,
    /// `\u001b`, `\u202e` (beyond U+FFFF as its UTF-16 pair, `\udb40\udc01`). The notation is JSON's,
    /// so escaping JSON text keeps it valid JSON that reads back as the same strings. With
    /// `keepingNewlines`, line feeds stay: for text whose lines the program itself composed.
    /// Escaping twice changes nothing more.
    public static func escaped(_ text: String, keepingNewlines: Bool = false) -> String {
        // Most text is printable ASCII: leave it as it is without building a new string.
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || ($0 == 0x0A && keepingNewlines) }) { return text }
        guard text.unicodeScalars.contains(where: { isHidden($0) && !(keepingNewlines && $0 == "\n") }) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isHidden(scalar), !(keepingNewlines && scalar == "\n") {
                result.append(contentsOf: escape(scalar).unicodeScalars)
            } else {
                result.append(scalar)
            }
        }
        return String(result)
    }

    /// `\u` and four lowercase hex digits per UTF-16 code unit.
    private static func escape(_ scalar: Unicode.Scalar) -> String {
        String(scalar).utf16.map { unit in
            let hex = String(unit, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }.joined()
    }
}
