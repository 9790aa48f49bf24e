import NNCore

/// The current step: what it computes in words, and each formula with its numbers.
enum StepPanel {
    /// The panel's lines at an inner width of `width`, wrapped, with their styles.
    static func content(_ state: ViewerState, theme: Theme, width: Int, ascii: Bool) -> [(String, CellStyle)] {
        let explanation = state.derived.explanation
        let renderer = FormulaRenderer(ascii ? .ascii : .unicode, style: state.numberStyle)
        var lines: [(String, CellStyle)] = []
        // A lecturer's note for this step comes first, in the current step's highlight.
        let index = state.derived.step.index
        for note in state.scenario.notes where note.index(stepsPerEpoch: state.cursor.stepsPerEpoch) == index {
            let text = FormulaRenderer(ascii ? .ascii : .unicode).textTokens("note: " + note.text)
            lines += TextFitting.wrap(text, width: width, indent: 2, prose: true).map { ($0, theme.current) }
        }
        lines += TextFitting.wrap(renderer.tokens(explanation.summary), width: width, indent: 0, prose: true)
            .map { ($0, theme.secondary) }
        let selected = state.derived.decomposition.weight
        for line in explanation.lines {
            let mentionsSelected = line.parameter == selected
            for piece in TextFitting.wrap(renderer.tokens(line), width: width) {
                lines.append((piece, mentionsSelected ? theme.path : theme.plain))
            }
        }
        return lines
    }

    /// Draws the panel with its `lines` (``content(_:theme:width:ascii:)`` at the inner width).
    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect, lines: [(String, CellStyle)]) {
        let explanation = state.derived.explanation
        let step = state.derived.step
        let inner = canvas.panel(rect, title: "Step \(step.stepInEpoch + 1)/\(state.cursor.stepsPerEpoch) · \(explanation.title)")
        guard inner.height > 0, inner.width > 10 else { return }
        let theme = canvas.theme
        let scroll = min(state.stepScroll, max(0, lines.count - inner.height))
        let visible = lines.dropFirst(scroll).prefix(inner.height)
        for (row, (text, style)) in visible.enumerated() {
            canvas.writeFitted(text, x: inner.x, y: inner.y + row, width: inner.width, style: style)
        }
        let below = lines.count - scroll - inner.height
        if below > 0 {
            canvas.write(" ↓ \(below) more: PgDn ", x: rect.maxX - 22, y: rect.maxY - 1, style: theme.secondary)
        } else if scroll > 0 {
            canvas.write(" ↑ PgUp ", x: rect.maxX - 10, y: rect.maxY - 1, style: theme.secondary)
        }
    }
}
