import NNCore

/// The batch loss now, and the loss of every finished epoch as a bar chart.
enum LossPanel {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        let inner = canvas.panel(rect, title: "Loss")
        guard inner.height > 0, inner.width > 8 else { return }
        let theme = canvas.theme
        let step = state.derived.step
        let layerCount = state.scenario.layers.count
        let style = NumberStyle.standard
        let lossKnown = step.phase.order(layerCount: layerCount) >= Phase.loss.order(layerCount: layerCount)
        let batchLine = lossKnown ? "J = \(style.format(step.record.loss)) (this batch)" : "J: pending until the loss step"
        canvas.writeFitted(batchLine, x: inner.x, y: inner.y, width: inner.width, style: lossKnown ? theme.heading : theme.pending)
        let history = state.derived.lossHistory
        guard inner.height > 1 else { return }
        guard let last = history.last else {
            canvas.writeFitted("history: after epoch 1", x: inner.x, y: inner.y + 1, width: inner.width, style: theme.secondary)
            return
        }
        canvas.writeFitted("epoch \(history.count): \(style.format(last))  (first: \(style.format(history[0])))", x: inner.x, y: inner.y + 1, width: inner.width, style: theme.plain)
        let chartRows = inner.height - 2
        guard chartRows > 0 else { return }
        // One bar per column: the mean of the epochs that fall into it.
        let columns = min(inner.width, history.count)
        var values: [Double] = []
        for column in 0..<columns {
            let start = column * history.count / columns, end = max(start + 1, (column + 1) * history.count / columns)
            values.append(history[start..<end].reduce(0, +) / Double(end - start))
        }
        let low = values.min() ?? 0, high = values.max() ?? 1
        let span = high - low
        for (column, value) in values.enumerated() {
            // Height in eighths of a row.
            let eighths = span > 0 ? Int(((value - low) / span * Double(chartRows * 8 - 1)).rounded()) + 1 : chartRows * 4
            for row in 0..<chartRows {
                let filled = eighths - row * 8
                guard filled > 0 else { break }
                let bar = bars[min(7, filled - 1)]
                let character: Character = canvas.ascii ? (filled >= 8 ? "#" : "_") : (filled >= 8 ? "█" : bar)
                canvas.grid[inner.x + column, inner.y + 1 + chartRows - row] = Cell(character, style: theme.chart)
            }
        }
    }
}
