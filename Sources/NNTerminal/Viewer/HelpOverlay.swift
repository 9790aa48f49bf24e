import NNCore

/// The help overlay: every key, drawn over the middle of the screen.
enum HelpOverlay {
    /// The keys and what they do, from the one keymap table.
    static var entries: [(String, String)] { Keymap.rows.map { ($0.helpKeys, $0.text) } }

    static func draw(_ canvas: inout Canvas, _ state: ViewerState, width: Int, height: Int) {
        let keyWidth = entries.map { canvas.length($0.0) }.max() ?? 0
        let textWidth = entries.map { canvas.length($0.1) }.max() ?? 0
        let formulas = state.scenario.notation == .classic
            ? "Formulas (d): X1 Z1 Y1 Q1 v11 w21 netz1 nety1 bz1 by1 m, + − * / ^, sigma exp log sqrt, sum(k,1,2,…{k}); see the README."
            : "Formulas (d): X1 A[2]1 Z[2]1 W[2]13 b[2]1 y1 m, + − * / ^, sigma exp log sqrt, sum(k,1,2,…{k}); see the README."
        let notes = [
            "Pending factors fill in as the backward pass reaches them.",
            state.scenario.notation == .classic
                ? "Classic notation: X inputs, Z hidden activations, Y outputs, Q targets, v/w weights."
                : "Layered notation: A[l] activations, Z[l] pre-activations, W[l] weights, b[l] biases.",
            formulas,
        ]
        let boxWidth = min(width - 2, max(keyWidth + textWidth + 7, 64))
        let innerWidth = boxWidth - 4, textColumn = keyWidth + 3
        // Rows: each key with its text wrapped in the text column; then the notes, which give way
        // first when the terminal is short.
        var rows: [(key: String, text: String, style: CellStyle)] = []
        for (key, text) in entries {
            for (index, piece) in TextFitting.wrap(text, width: innerWidth - textColumn, indent: 0, prose: true, ascii: canvas.ascii).enumerated() {
                rows.append((index == 0 ? key : "", piece, .plain))
            }
        }
        var noteRows: [(key: String, text: String, style: CellStyle)] = [("", "", .plain)]
        for note in notes {
            noteRows += TextFitting.wrap(note, width: innerWidth, indent: 2, prose: true, ascii: canvas.ascii).map { ("", $0, canvas.theme.secondary) }
        }
        let available = height - 4 - 2
        if rows.count + noteRows.count <= available { rows += noteRows }
        let closing = rows.count + 2 <= available
        let boxHeight = min(height - 2, rows.count + (closing ? 2 : 0) + 2)
        let x = (width - boxWidth) / 2, y = (height - boxHeight) / 2
        canvas.grid.fill(x: x, y: y, width: boxWidth, height: boxHeight)
        let inner = canvas.panel(Rect(x: x, y: y, width: boxWidth, height: boxHeight), title: "Keys")
        for (row, entry) in rows.prefix(inner.height).enumerated() {
            if entry.key.isEmpty {
                let indent = entry.style == .plain && !entry.text.isEmpty ? textColumn : 0
                canvas.writeFitted(entry.text, x: inner.x + indent, y: inner.y + row, width: inner.width - indent, style: entry.style)
            } else {
                canvas.write(entry.key, x: inner.x, y: inner.y + row, style: canvas.theme.key)
                canvas.writeFitted(entry.text, x: inner.x + textColumn, y: inner.y + row, width: inner.width - textColumn)
            }
        }
        if closing {
            canvas.writeFitted("press any key to close", x: inner.x, y: inner.maxY - 1, width: inner.width, style: canvas.theme.secondary)
        }
    }

    /// The result of a derivation check, over the middle of the screen.
    static func drawCheck(_ canvas: inout Canvas, lines: [String], width: Int, height: Int) {
        let boxWidth = min(width - 4, max(50, (lines.map { canvas.length($0) }.max() ?? 0) + 4))
        var wrapped: [String] = []
        for line in lines { wrapped += TextFitting.wrap(line, width: boxWidth - 4, prose: true, ascii: canvas.ascii) }
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
