import NNCore

/// The help overlay: every key, drawn over the middle of the screen.
enum HelpOverlay {
    static let entries: [(String, String)] = [
        ("n  Space  →", "next step"),
        ("p  b  ←", "previous step (exactly the earlier numbers)"),
        ("e / E", "start of the next / previous epoch"),
        ("g", "go to epoch N (type it, Enter)"),
        ("Home / End", "first / last step of training"),
        ("r", "run / pause autoplay"),
        ("+ / -", "autoplay faster / slower"),
        ("Tab / Shift-Tab  ↓ / ↑", "select the weight whose chain rule is shown"),
        ("w", "type a weight name: v11, w21, W[2]13, bz1, by1"),
        ("d", "check your formula for the selected weight's ∂J/∂w"),
        ("f", "4 or 10 decimals"),
        ("PgDn / PgUp", "scroll the step panel"),
        ("] / [", "scroll the chain-rule panel"),
        ("?  h", "this help (any key closes it)"),
        ("q  Esc  Ctrl-C", "quit"),
    ]

    static func draw(_ canvas: inout Canvas, _ state: ViewerState, width: Int, height: Int) {
        let keyWidth = entries.map { canvas.length($0.0) }.max() ?? 0
        let textWidth = entries.map { canvas.length($0.1) }.max() ?? 0
        let notes = [
            "Pending factors fill in as the backward pass reaches them.",
            state.scenario.notation == .classic
                ? "Classic notation: X inputs, Z hidden activations, Y outputs, Q targets, v/w weights."
                : "Layered notation: A[l] activations, Z[l] pre-activations, W[l] weights, b[l] biases.",
        ]
        let boxWidth = min(width - 2, max(keyWidth + textWidth + 7, (notes.map { canvas.length($0) }.max() ?? 0) + 4))
        let boxHeight = min(height - 2, entries.count + notes.count + 5)
        let x = (width - boxWidth) / 2, y = (height - boxHeight) / 2
        canvas.grid.fill(x: x, y: y, width: boxWidth, height: boxHeight)
        let inner = canvas.panel(Rect(x: x, y: y, width: boxWidth, height: boxHeight), title: "Keys")
        for (row, (key, text)) in entries.enumerated() where row < inner.height {
            canvas.write(key, x: inner.x, y: inner.y + row, style: canvas.theme.key)
            canvas.writeFitted(text, x: inner.x + keyWidth + 3, y: inner.y + row, width: inner.width - keyWidth - 3)
        }
        for (index, note) in notes.enumerated() {
            canvas.writeFitted(note, x: inner.x, y: inner.y + entries.count + 1 + index, width: inner.width, style: canvas.theme.secondary)
        }
        canvas.writeFitted("press any key to close", x: inner.x, y: inner.maxY - 1, width: inner.width, style: canvas.theme.secondary)
    }

    /// The result of a derivation check, over the middle of the screen.
    static func drawCheck(_ canvas: inout Canvas, lines: [String], width: Int, height: Int) {
        let boxWidth = min(width - 4, max(50, (lines.map { canvas.length($0) }.max() ?? 0) + 4))
        var wrapped: [String] = []
        for line in lines { wrapped += TextFitting.wrap(line, width: boxWidth - 4, prose: true) }
        let boxHeight = min(height - 2, wrapped.count + 4)
        let x = (width - boxWidth) / 2, y = (height - boxHeight) / 2
        canvas.grid.fill(x: x, y: y, width: boxWidth, height: boxHeight)
        let inner = canvas.panel(Rect(x: x, y: y, width: boxWidth, height: boxHeight), title: "Derivation check")
        for (row, line) in wrapped.prefix(inner.height - 1).enumerated() {
            let style = line.hasPrefix("✓") ? canvas.theme.good : line.hasPrefix("✗") ? canvas.theme.bad : CellStyle.plain
            canvas.writeFitted(line, x: inner.x, y: inner.y + row, width: inner.width, style: style)
        }
        canvas.writeFitted("press any key to close", x: inner.x, y: inner.maxY - 1, width: inner.width, style: canvas.theme.secondary)
    }
}
