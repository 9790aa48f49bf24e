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
        let derived = state.derived
        guard inner.height > 1 else { return }
        guard let last = derived.latestEpochLoss, let first = derived.firstEpochLoss else {
            canvas.writeFitted("history: from the end of epoch 1", x: inner.x, y: inner.y + 1, width: inner.width, style: theme.secondary)
            return
        }
        let finished = derived.finishedEpochs
        let latest = "epoch \(finished): \(style.format(last))"
        let firstText = " · epoch 1: \(style.format(first))"
        let summary = finished > 1 && canvas.length(latest + firstText) <= inner.width ? latest + firstText : latest
        canvas.writeFitted(summary, x: inner.x, y: inner.y + 1, width: inner.width, style: last.isFinite ? theme.plain : theme.bad)
        // Rows: the summary, the chart, and a scale line under it.
        let chartRows = inner.height - 3
        guard chartRows > 0 else { return }
        let shown = derived.lossHistory.chartableCount(finished)
        drawChart(&canvas, history: derived.lossHistory, epochs: shown, x: inner.x, top: inner.y + 2, width: inner.width, rows: chartRows)
    }

    /// Bars from 0 (every loss here is ≥ 0) up to the largest finite epoch loss, so a bar's
    /// height reads as a fraction of the worst epoch whatever the terminal's width. With more
    /// epochs than columns a bar is the mean of its group of epochs, and the scale line says so.
    /// Non-finite losses are drawn as "!" columns.
    static func drawChart(_ canvas: inout Canvas, history: LossHistory, epochs: Int, x: Int, top: Int, width: Int, rows: Int) {
        let theme = canvas.theme
        let columns = min(width, epochs)
        guard columns > 0 else { return }
        let values = (0..<columns).map { column in
            let start = column * epochs / columns
            return history.mean(of: start..<max(start + 1, (column + 1) * epochs / columns))
        }
        let high = history.largestFinite(in: epochs)
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
        let range = epochs == 1 ? "epoch 1" : "epochs 1–\(epochs)"
        let perBar = epochs > columns ? ", a bar is the mean of ~\(Int((Double(epochs) / Double(columns)).rounded()))" : ""
        // The most that fits, the scale's top always.
        let candidates = ["\(range)\(perBar); top \(highest)", "\(range); top \(highest)", "top \(highest)"]
        let scale = candidates.first { canvas.length($0) <= width } ?? candidates[candidates.count - 1]
        canvas.writeFitted(scale, x: x, y: top + rows, width: width, style: theme.secondary)
    }
}
