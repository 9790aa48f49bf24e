import NNCore

/// A box over the middle of the screen whose lines scroll: help, the scenario's description
/// (as the first screen's banner and on `i`), and a derivation check's result.
enum Overlay {
    /// One line: an optional key column, then text.
    struct Line {
        var key = ""
        var text: String
        var style: CellStyle = .plain
        /// Whether the text stands in the text column after the keys (a key's description and
        /// its wrapped lines) rather than at the left edge (notes).
        var inTextColumn = false
    }

    /// Lines for `text` wrapped to `width` columns after a key column of `keyWidth`.
    static func wrapped(_ text: String, key: String = "", keyWidth: Int = 0, width: Int, style: CellStyle = .plain,
                        ascii: Bool) -> [Line] {
        TextFitting.wrap(text, width: width - keyWidth, indent: 0, prose: true, ascii: ascii).enumerated().map {
            Line(key: $0.offset == 0 ? key : "", text: $0.element, style: style, inTextColumn: keyWidth > 0)
        }
    }

    /// Draws `lines` from line `scroll` (clamped) in a box `boxWidth` wide; returns how many
    /// lines the box cannot show at once (0 when all fit).
    @discardableResult
    static func draw(_ canvas: inout Canvas, title: String, lines: [Line], keyWidth: Int, boxWidth: Int, scroll: Int,
                     closing: String, width: Int, height: Int) -> Int {
        let boxHeight = min(height - 2, lines.count + 4)
        let x = (width - boxWidth) / 2, y = (height - boxHeight) / 2
        canvas.grid.fill(x: x, y: y, width: boxWidth, height: boxHeight)
        let inner = canvas.panel(Rect(x: x, y: y, width: boxWidth, height: boxHeight), title: title)
        let rows = max(1, inner.height - 2)
        let overflow = max(0, lines.count - rows)
        let first = min(max(0, scroll), overflow)
        let textColumn = keyWidth > 0 ? keyWidth + 3 : 0
        for (row, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            if !line.key.isEmpty { canvas.write(line.key, x: inner.x, y: inner.y + row, style: canvas.theme.key) }
            let column = line.inTextColumn ? textColumn : 0
            canvas.writeFitted(line.text, x: inner.x + column, y: inner.y + row, width: inner.width - column, style: line.style)
        }
        let position = overflow == 0 ? closing
            : "lines \(first + 1)–\(first + rows) of \(lines.count) · ↑/↓ PgUp/PgDn scroll · other keys close"
        canvas.writeFitted(position, x: inner.x, y: inner.maxY - 1, width: inner.width, style: canvas.theme.heading)
        return overflow
    }
}

/// The help overlay: every key, what the highlights mean, and the symbols.
enum HelpOverlay {
    /// The keys and what they do, from the one keymap table.
    static var entries: [(String, String)] { Keymap.rows.map { ($0.helpKeys, $0.text) } }

    static func draw(_ canvas: inout Canvas, _ state: ViewerState, width: Int, height: Int) -> Int {
        let keyWidth = entries.map { canvas.length($0.0) }.max() ?? 0
        let textWidth = entries.map { canvas.length($0.1) }.max() ?? 0
        let boxWidth = min(width - 2, max(keyWidth + textWidth + 7, 64))
        let innerWidth = boxWidth - 4
        var lines: [Overlay.Line] = []
        for (key, text) in entries {
            lines += Overlay.wrapped(text, key: key, keyWidth: keyWidth + 3, width: innerWidth, ascii: canvas.ascii)
        }
        let formulas = state.scenario.notation == .classic
            ? "Formulas (d): X1 Z1 Y1 Q1 v11 w21 netz1 nety1 bz1 by1 m, + − * / ^, sigma exp log sqrt, sum(k,1,2,…{k}); see the README."
            : "Formulas (d): X1 A[2]1 Z[2]1 W[2]13 b[2]1 y1 m, + − * / ^, sigma exp log sqrt, sum(k,1,2,…{k}); see the README."
        let notation = state.scenario.notation == .classic
            ? "Classic notation: X inputs, Z hidden activations, Y outputs, Q targets, v/w weights."
            : "Layered notation: A[l] activations, Z[l] pre-activations, W[l] weights, b[l] biases."
        lines.append(Overlay.Line(text: ""))
        for note in ["Pending factors fill in as the backward pass reaches them.", notation, formulas] {
            lines += Overlay.wrapped(note, width: innerWidth, ascii: canvas.ascii)
        }
        lines.append(Overlay.Line(text: ""))
        lines += Legend.lines(canvas, width: innerWidth)
        return Overlay.draw(&canvas, title: "Keys", lines: lines, keyWidth: keyWidth, boxWidth: boxWidth, scroll: state.overlayScroll,
                            closing: "press any key to close", width: width, height: height)
    }

    /// A titled list over the middle of the screen: the breakpoints, the lesson notes.
    static func drawList(_ canvas: inout Canvas, _ state: ViewerState, title: String, lines: [String], width: Int, height: Int) -> Int {
        let boxWidth = min(width - 4, max(50, (lines.map { canvas.length($0) }.max() ?? 0) + 4))
        let wrapped = lines.flatMap { Overlay.wrapped($0, width: boxWidth - 4, style: .plain, ascii: canvas.ascii) }
        return Overlay.draw(&canvas, title: title, lines: wrapped, keyWidth: 0, boxWidth: boxWidth,
                            scroll: state.overlayScroll, closing: "press any key to close", width: width, height: height)
    }

    /// The result of a derivation check, over the middle of the screen.
    /// The first line is the verdict, coloured by `correct`.
    static func drawCheck(_ canvas: inout Canvas, _ state: ViewerState, lines: [String], correct: Bool?, width: Int, height: Int) -> Int {
        let boxWidth = min(width - 4, max(50, (lines.map { canvas.length($0) }.max() ?? 0) + 4))
        var wrapped: [Overlay.Line] = []
        for (index, line) in lines.enumerated() {
            let verdict = index == 0 ? correct : nil
            let style = verdict == true ? canvas.theme.good : verdict == false ? canvas.theme.bad : CellStyle.plain
            wrapped += Overlay.wrapped(line, width: boxWidth - 4, style: style, ascii: canvas.ascii)
        }
        return Overlay.draw(&canvas, title: "Derivation check", lines: wrapped, keyWidth: 0, boxWidth: boxWidth,
                            scroll: state.overlayScroll, closing: "press any key to close", width: width, height: height)
    }
}

/// The scenario's question: a banner on the first screen, and on `i` with the net's facts and the legend.
enum InfoOverlay {
    @discardableResult
    static func draw(_ canvas: inout Canvas, _ state: ViewerState, banner: Bool, width: Int, height: Int) -> Int {
        let scenario = state.scenario
        let boxWidth = min(width - 2, 100)
        let innerWidth = boxWidth - 4
        var lines = Overlay.wrapped(scenario.description.isEmpty ? "(this scenario has no description)" : scenario.description,
                                    width: innerWidth, ascii: canvas.ascii)
        if !banner {
            let sizes = scenario.layerSizes.map(String.init).joined(separator: "-")
            let batch = scenario.batchSize == scenario.samples.count ? "full batch" : "batches of \(scenario.batchSize)"
            let facts = [
                "Net: \(sizes) units, \(scenario.layers.map(\.activation.rawValue).joined(separator: ", ")); \(scenario.notation.rawValue) notation.",
                "Loss: \(scenario.loss.prose), the \(scenario.reduction.rawValue) over each batch; η = \(NumberStyle.standard.format(scenario.learningRate)).",
                "Data: \(plural(scenario.samples.count, "sample")), \(batch), \(plural(scenario.epochs, "epoch")).",
            ]
            lines.append(Overlay.Line(text: ""))
            for fact in facts { lines += Overlay.wrapped(fact, width: innerWidth, ascii: canvas.ascii) }
            lines.append(Overlay.Line(text: ""))
            lines += Legend.lines(canvas, width: innerWidth)
        }
        let closing = banner ? "press any key to begin · i shows this again" : "press any key to close"
        return Overlay.draw(&canvas, title: scenario.name, lines: lines, keyWidth: 0, boxWidth: boxWidth, scroll: state.overlayScroll,
                            closing: closing, width: width, height: height)
    }
}

/// What each highlight means, each written in its own style, so it reads in monochrome too.
enum Legend {
    static func lines(_ canvas: Canvas, width: Int) -> [Overlay.Line] {
        let theme = canvas.theme
        let entries: [(String, CellStyle)] = [
            ("What the highlights mean:", theme.heading),
            ("  what the current step computes", theme.current),
            ("  the selected weight", theme.selected),
            ("  units and weights on the selected weight's chain-rule paths", theme.path),
            ("  ✓ a check that agrees", theme.good),
            ("  ✗ a check that differs, an error, a loss that overflowed", theme.bad),
            ("  · or pending: not computed yet at this step", theme.pending),
        ]
        return entries.flatMap { Overlay.wrapped($0.0, width: width, style: $0.1, ascii: canvas.ascii) }
    }
}

/// "1 sample", "4 samples".
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
