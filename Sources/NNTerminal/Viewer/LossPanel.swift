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
        let batchLoss = step.record.loss
        let batchLine = lossKnown ? "J = \(style.format(batchLoss)) (this batch)" : "J: pending (loss step)"
        let batchStyle = !lossKnown ? theme.pending : batchLoss.isFinite ? theme.heading : theme.bad
        canvas.writeFitted(batchLine, x: inner.x, y: inner.y, width: inner.width, style: batchStyle)
        let history = state.derived.lossHistory
        guard inner.height > 1 else { return }
        guard let last = history.last else {
            canvas.writeFitted("history: from the end of epoch 1", x: inner.x, y: inner.y + 1, width: inner.width, style: theme.secondary)
            return
        }
        let latest = "epoch \(history.count): \(style.format(last))"
        let first = " · epoch 1: \(style.format(history[0]))"
        let summary = history.count > 1 && canvas.length(latest + first) <= inner.width ? latest + first : latest
        canvas.writeFitted(summary, x: inner.x, y: inner.y + 1, width: inner.width, style: last.isFinite ? theme.plain : theme.bad)
        // Rows: the summary, the chart, and a scale line under it.
        let chartRows = inner.height - 3
        guard chartRows > 0 else { return }
        drawChart(&canvas, history: history, x: inner.x, top: inner.y + 2, width: inner.width, rows: chartRows)
    }

    /// Bars from 0 (every loss here is ≥ 0) up to the largest finite epoch loss, so a bar's
    /// height reads as a fraction of the worst epoch whatever the terminal's width. With more
    /// epochs than columns a bar is the mean of its group of epochs, and the scale line says so.
    /// Non-finite losses are drawn as "!" columns.
    static func drawChart(_ canvas: inout Canvas, history: ArraySlice<Double>, x: Int, top: Int, width: Int, rows: Int) {
        let theme = canvas.theme
        let columns = min(width, history.count)
        var values: [Double] = []
        for column in 0..<columns {
            let start = column * history.count / columns, end = max(start + 1, (column + 1) * history.count / columns)
            values.append(history[start..<end].reduce(0, +) / Double(end - start))
        }
        let high = history.filter(\.isFinite).max() ?? 0
        for (column, value) in values.enumerated() {
            guard value.isFinite else {
                for row in 0..<rows { canvas.grid[x + column, top + row] = Cell("!", style: theme.bad) }
                continue
            }
            // Height in eighths of a row; a non-zero loss always shows at least one eighth.
            let fraction = high > 0 ? max(0, value) / high : 0
            let eighths = value > 0 ? max(1, Int((fraction * Double(rows * 8)).rounded())) : 0
            for row in 0..<rows {
                let filled = eighths - row * 8
                guard filled > 0 else { break }
                let character: Character = canvas.ascii ? (filled >= 8 ? "#" : "_") : bars[min(7, filled - 1)]
                canvas.grid[x + column, top + rows - 1 - row] = Cell(character, style: theme.chart)
            }
        }
        let highest = NumberStyle.standard.format(high)
        let epochs = history.count == 1 ? "epoch 1" : "epochs 1–\(history.count)"
        let perBar = history.count > columns ? ", a bar is the mean of ~\(Int((Double(history.count) / Double(columns)).rounded()))" : ""
        // The most that fits, the scale's top always.
        let candidates = ["\(epochs)\(perBar); top \(highest)", "\(epochs); top \(highest)", "top \(highest)"]
        let scale = candidates.first { canvas.length($0) <= width } ?? candidates[candidates.count - 1]
        canvas.writeFitted(scale, x: x, y: top + rows, width: width, style: theme.secondary)
    }
}
