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

    /// `text` with every character outside ASCII replaced by an ASCII spelling (∂ → d, ₁ → 1, σ → sigma).
    static func ascii(_ text: String) -> String { ASCIIText.spelled(text) }

    /// A formula line's tokens wrapped into pieces of at most `width` columns. A piece ends
    /// before the shallowest break that fits (between an equation's sides, then between terms,
    /// then between factors; inside brackets only when nothing else fits) and that leaves the
    /// piece at least a third of the width; a token too wide for any line is cut. Continuation
    /// lines are indented by `indent` beyond the line's own indent.
    /// Whether a break at `depth` further along is better than one already found at `found`:
    /// the shallowest for formulas; for prose the last one outside brackets (depth 3 and more
    /// is inside one), so sentences fill their lines without splitting a bracket.
    private static func better(_ depth: Int, than found: Int?, prose: Bool) -> Bool {
        guard let found else { return true }
        return prose ? depth < 3 || found >= 3 : depth <= found
    }

    /// With `prose`, the last break that fits is taken, outside brackets where one fits.
    static func wrap(_ tokens: [FormulaToken], width: Int, indent: Int = 4, prose: Bool = false) -> [String] {
        let tokens = tokens.map { FormulaToken(TerminalText.escaped($0.text), breakDepth: $0.breakDepth) }
        let whole = tokens.map(\.text).joined()
        guard width > indent + 8, DisplayWidth.of(whole) > width else { return [whole] }
        let lead = String(whole.prefix { $0 == " " })
        var pieces: [String] = []
        var rest = tokens[...]
        var prefix = ""
        while !rest.isEmpty {
            let limit = width - DisplayWidth.of(prefix)
            var used = 0, best: (index: Int, depth: Int)?
            for (offset, token) in rest.enumerated() {
                let tokenWidth = DisplayWidth.of(token.text)
                if offset > 0, let depth = token.breakDepth, used > limit / 3, better(depth, than: best?.depth, prose: prose) {
                    best = (offset, depth)
                }
                used += tokenWidth
                if used > limit { break }
            }
            if used <= limit { pieces.append(prefix + rest.map(\.text).joined()); break }
            guard let cut = best else {
                // Nothing to break at: cut the run of tokens up to the next break at the width.
                let end = rest.dropFirst().firstIndex { $0.breakDepth != nil } ?? rest.endIndex
                let text = rest[..<end].map(\.text).joined()
                let head = DisplayWidth.prefix(Substring(text), columns: max(1, limit))
                pieces.append(prefix + head)
                let tail = String(text[head.endIndex...])
                rest = (tail.isEmpty ? [] : [FormulaToken(tail)]) + rest[end...]
                prefix = lead + String(repeating: " ", count: indent)
                continue
            }
            pieces.append(prefix + rest.prefix(cut.index).map(\.text).joined())
            rest = rest.dropFirst(cut.index)
            let next = rest[rest.startIndex].text.drop { $0 == " " }
            rest[rest.startIndex] = FormulaToken(String(next), breakDepth: nil)
            prefix = lead + String(repeating: " ", count: indent)
        }
        return pieces
    }
}
