import NNCore

/// Fitting text into panels: wrapping formulas at their natural break points, and the ASCII
/// fallback for terminals without Unicode.
enum TextFitting {
    /// Splits `line` into pieces of at most `width` columns, breaking before " = ", then
    /// before " + " or " · ", then at a space; continuation lines are indented by `indent`.
    /// With `ascii`, the line is converted first (∂ → d, σ → sig), and it is escaped
    /// (``TerminalText``), so it is wrapped at the width it will take on screen.
    static func wrap(_ original: String, width: Int, indent: Int = 4, prose: Bool = false, ascii: Bool = false) -> [String] {
        let line = TerminalText.escaped(ascii ? TextFitting.ascii(original) : original)
        guard width > indent + 8, DisplayWidth.of(line) > width else { return [line] }
        var pieces: [String] = []
        var rest = Substring(line)
        var limit = width
        while true {
            let window = DisplayWidth.prefix(rest, columns: limit)
            // All of it fits (or, never with a width above 8, not even one character does).
            if window.endIndex == rest.endIndex || window.isEmpty { break }
            var cut: String.Index?
            for separator in prose ? [" "] : [" = ", " + ", " − ", " · ", " ", "·"] {
                if let range = window.range(of: separator, options: .backwards), range.lowerBound > window.startIndex {
                    let offset = DisplayWidth.of(String(window[..<range.lowerBound]))
                    if offset > limit / 3 { cut = range.lowerBound; break }
                }
            }
            let end = cut ?? window.endIndex
            pieces.append((pieces.isEmpty ? "" : String(repeating: " ", count: indent)) + rest[..<end])
            rest = rest[end...].drop { $0 == " " }
            limit = width - indent
        }
        if !rest.isEmpty { pieces.append((pieces.isEmpty ? "" : String(repeating: " ", count: indent)) + rest) }
        return pieces
    }

    private static let replacements: [Character: String] = [
        "∂": "d", "σ": "sig", "Σ": "sum", "−": "-", "·": "*", "→": "->", "←": "<-", "≈": "~", "δ": "delta",
        "η": "eta", "ᵀ": "^T", "²": "^2", "½": "0.5*", "…": "...", "✓": "ok", "✗": "X", "∞": "inf",
        "ₖ": "_k", "ᵢ": "_i", "ⱼ": "_j", "ₘ": "_m", "ₗ": "_l", "ₛ": "_s", "′": "'", "–": "-", "—": "-", "ᶻ": "z", "ʸ": "y", "⁽": "(", "⁾": ")", "ˢ": "s",
        "▶": ">", "⏸": "||", "×": "x", "│": "|", "─": "-", "┌": "+", "┐": "+", "└": "+", "┘": "+",
        "↓": "v", "↑": "^", "⋮": ":", "▁": "_", "▂": "_", "▃": "-", "▄": "-", "▅": "=", "▆": "=", "▇": "#", "█": "#", "·̸": "",
    ]

    /// `text` with every character outside ASCII replaced by an ASCII spelling (∂ → d, ₁ → 1, σ → sig).
    static func ascii(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var result = ""
        for character in text {
            if character.isASCII {
                result.append(character)
            } else if let replacement = replacements[character] {
                result += replacement
            } else if let base = character.unicodeScalars.first, base.isASCII, base.value >= 0x20 {
                // An accented letter written with a combining accent (e + ◌́): its letter.
                result.unicodeScalars.append(base)
            } else if let digit = "₀₁₂₃₄₅₆₇₈₉".firstIndex(of: character) {
                result += String("₀₁₂₃₄₅₆₇₈₉".distance(from: "₀₁₂₃₄₅₆₇₈₉".startIndex, to: digit))
            } else if let digit = "⁰¹²³⁴⁵⁶⁷⁸⁹".firstIndex(of: character) {
                result += String("⁰¹²³⁴⁵⁶⁷⁸⁹".distance(from: "⁰¹²³⁴⁵⁶⁷⁸⁹".startIndex, to: digit))
            } else {
                result += "?"
            }
        }
        return result
    }
}
