import NNCore

/// The batch loss now, and a chart of the loss of every finished epoch: a loss axis with tick
/// labels (linear from 0, or logarithmic with `l`), an epoch axis labelled with the first, middle
/// and last epoch shown, and the latest finished epoch marked with ▲ (^ in ASCII) under its bar.
enum LossPanel {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        // The border takes "┌─ " and " ─┐".
        let inner = canvas.panel(rect, title: title(state, width: rect.width - 5))
        guard inner.height > 0, inner.width > 8 else { return }
        drawBatchLoss(&canvas, state, inner)
        let derived = state.derived
        guard inner.height > 1 else { return }
        let summaryRow = inner.y + 1
        guard derived.finishedEpochs > 0 else {
            // Said whole at any width: the chart starts once the first epoch has ended.
            let note = ["history: from the end of epoch 1", "chart: after epoch 1", "after epoch 1"]
                .first { canvas.length($0) <= inner.width } ?? "after epoch 1"
            canvas.writeFitted(note, x: inner.x, y: summaryRow, width: inner.width, style: canvas.theme.secondary)
            return
        }
        let area = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        var frame = ChartFrame(area: area, hasNoteRow: false)
        var chart = frame.chart(state, canvas: canvas)
        if chart.buckets.isEmpty, let range = state.chartRange {
            let text = "no finished epoch in \(rangeText(range)) yet (:chart all shows every epoch)"
            canvas.writeFitted(text, x: inner.x, y: summaryRow, width: inner.width, style: canvas.theme.secondary)
            return
        }
        let notes = notes(chart, state, canvas: canvas)
        // A note line at the bottom, when the summary line cannot say everything and there is room.
        if pack(notes, width: inner.width, canvas: canvas, lines: 1).count < notes.count, area.height >= 9 {
            frame = ChartFrame(area: area, hasNoteRow: true)
            chart = frame.chart(state, canvas: canvas)
        }
        let lines = pack(notes, width: inner.width, canvas: canvas, lines: frame.hasNoteRow ? 2 : 1)
        writeNotes(&canvas, lines.lines, frame: frame, summaryRow: summaryRow, width: inner.width)
        guard frame.plotRows > 0, !chart.buckets.isEmpty else { return }
        drawChart(&canvas, chart, frame: frame)
    }

    /// `layout` with a taller loss chart when the chain rule beside the step panel has rows to
    /// spare: the loss panel then takes the top of the right-hand column, as wide as the chain
    /// rule, down to half the body (less if the chain rule would have to scroll), and the
    /// network diagram narrows to the left-hand column. Stacked layouts stay as they are.
    static func grown(_ layout: Layout, chainRows: Int) -> Layout {
        let sideBySide = layout.chain.x > 0 && layout.chain.y == layout.step.y
        guard sideBySide else { return layout }
        let top = layout.loss.y
        let body = layout.chain.maxY - top
        let height = min(body / 2, body - (chainRows + 2))
        guard height > layout.loss.height else { return layout }
        var grown = layout
        grown.loss = Rect(x: layout.chain.x, y: top, width: layout.chain.width, height: height)
        grown.chain = Rect(x: layout.chain.x, y: top + height, width: layout.chain.width, height: body - height)
        grown.diagram.width = layout.chain.x - layout.diagram.x
        return grown
    }

    /// "Loss per epoch", and the log scale and zoom range when they are on: the history keeps
    /// one loss per epoch (the loss over its batches as they trained), so per batch there is
    /// only the current batch's J, on the first line.
    static func title(_ state: ViewerState, width: Int = .max) -> String {
        var title = "Loss per epoch"
        if state.chartLogScale { title += " · log scale" }
        if let range = state.chartRange { title += " · epochs \(rangeText(range))" }
        guard title.count > width else { return title }
        // A narrow panel: never cut a range in the middle ("epochs 1…" reads as epoch 1).
        var short = "Loss"
        if state.chartLogScale { short += " · log" }
        if let range = state.chartRange { short += " · \(rangeText(range))" }
        return short
    }

    static func rangeText(_ range: ClosedRange<Int>) -> String {
        "\(StatusBar.grouped(range.lowerBound))–\(StatusBar.grouped(range.upperBound))"
    }

    private static func drawBatchLoss(_ canvas: inout Canvas, _ state: ViewerState, _ inner: Rect) {
        let theme = canvas.theme
        let step = state.derived.step
        let layerCount = state.scenario.layers.count
        let lossKnown = step.phase.order(layerCount: layerCount) >= Phase.loss.order(layerCount: layerCount)
        let batchLoss = step.record.loss
        let batchLine = lossKnown ? "J = \(NumberStyle.standard.format(batchLoss)) (this batch)" : "J: pending (loss step)"
        let batchStyle = !lossKnown ? theme.pending : batchLoss.isFinite ? theme.heading : theme.bad
        canvas.writeFitted(batchLine, x: inner.x, y: inner.y, width: inner.width, style: batchStyle)
    }

    /// Something the chart says in words, in a long and a short form.
    struct Note {
        var text: String, short: String
        var style: CellStyle
    }

    /// What the chart needs said in words, most important first.
    static func notes(_ chart: LossChart, _ state: ViewerState, canvas: Canvas) -> [Note] {
        let derived = state.derived
        var notes: [Note] = []
        if let latest = derived.latestEpochLoss {
            let value = "epoch \(StatusBar.grouped(derived.finishedEpochs)) = \(NumberStyle.standard.format(latest))"
            let shown = chart.latestBucket != nil
            let text = shown ? "\(canvas.ascii ? "^" : "▲") \(value)" : "\(value) (not in the zoom)"
            notes.append(Note(text: text, short: shown ? text : "\(value), not shown",
                              style: latest.isFinite ? canvas.theme.current : canvas.theme.bad))
        }
        if let diverged = chart.firstNonFinite(in: derived.lossHistory) {
            let epoch = (diverged.exact ? "" : "~") + StatusBar.grouped(diverged.epoch)
            notes.append(Note(text: "! = ∞/NaN: diverged at epoch \(epoch)", short: "! ∞/NaN from \(epoch)", style: canvas.theme.bad))
        }
        if let widest = chart.buckets.map(\.epochs.count).max(), widest > 1 {
            let count = StatusBar.grouped(widest)
            notes.append(Note(text: "a bar is the mean of ≤\(count) epochs", short: "bar: mean of ≤\(count)", style: canvas.theme.secondary))
        }
        if case .logarithmic = chart.scale, chart.buckets.contains(where: { $0.value == 0 }) {
            notes.append(Note(text: "a loss of 0 stays on the floor", short: "0 on the floor", style: canvas.theme.secondary))
        }
        return notes
    }

    /// Packs `notes` into `lines` lines of `width` columns, in order, in their long form where
    /// it fits and else their short one, each into the first line with room; returns the lines
    /// and how many notes found a place.
    static func pack(_ notes: [Note], width: Int, canvas: Canvas, lines: Int) -> (lines: [[(String, CellStyle)]], count: Int) {
        var result = Array(repeating: [(String, CellStyle)](), count: lines)
        var used = Array(repeating: 0, count: lines), count = 0
        for note in notes {
            let placed = [note.text, note.short].lazy.compactMap { text in
                (0..<lines).first { used[$0] + (used[$0] > 0 ? 3 : 0) + canvas.length(text) <= width }.map { ($0, text) }
            }.first
            guard let (line, text) = placed else { continue }
            if used[line] > 0 { result[line].append((" · ", canvas.theme.secondary)); used[line] += 3 }
            result[line].append((text, note.style))
            used[line] += canvas.length(text)
            count += 1
        }
        return (result, count)
    }

    private static func writeNotes(_ canvas: inout Canvas, _ lines: [[(String, CellStyle)]], frame: ChartFrame,
                                   summaryRow: Int, width: Int) {
        for (index, line) in lines.enumerated() {
            var x = frame.area.x
            let y = index == 0 ? summaryRow : frame.noteRow
            for (text, style) in line { x = canvas.writeFitted(text, x: x, y: y, width: frame.area.x + width - x, style: style) }
        }
    }
}

/// Where the parts of the chart go inside the rows under the summary line: the plot, the epoch
/// axis line, its labels on a row of their own when there is room (else on the axis line), and
/// a note line at the bottom when the panel is tall.
struct ChartFrame {
    let area: Rect
    /// Whether the bottom row is a note line.
    let hasNoteRow: Bool
    var hasLabelRow: Bool { area.height >= 5 }
    /// Rows of bars.
    var plotRows: Int { max(0, area.height - 1 - (hasLabelRow ? 1 : 0) - (hasNoteRow ? 1 : 0)) }
    var axisRow: Int { area.y + plotRows }
    var labelRow: Int { hasLabelRow ? axisRow + 1 : axisRow }
    var noteRow: Int { area.y + area.height - 1 }

    /// The chart for `state` in this frame, its width left of the loss labels.
    func chart(_ state: ViewerState, canvas: Canvas) -> LossChart {
        let derived = state.derived
        func chart(labelWidth: Int) -> LossChart {
            LossChart(history: derived.lossHistory, finished: derived.finishedEpochs, range: state.chartRange,
                      logScale: state.chartLogScale, plotWidth: max(1, area.width - labelWidth - 1))
        }
        // The labels' width depends on the scale, which depends on the bars, which depend on the
        // width: a first guess, then the chart again with the labels it needs.
        let guess = chart(labelWidth: 4)
        return chart(labelWidth: labelWidth(guess, canvas: canvas))
    }

    func labelWidth(_ chart: LossChart, canvas: Canvas) -> Int {
        chart.lossTicks(rows: plotRows).map { canvas.length($0.text) }.max() ?? 1
    }
}

extension LossPanel {
    /// The loss labels and axis, the bars, and the epoch axis with its labels and the ▲ mark.
    static func drawChart(_ canvas: inout Canvas, _ chart: LossChart, frame: ChartFrame) {
        let labelWidth = frame.labelWidth(chart, canvas: canvas)
        let plotX = frame.area.x + labelWidth + 1
        drawLossAxis(&canvas, chart, frame: frame, labelWidth: labelWidth)
        drawBars(&canvas, chart, x: plotX, top: frame.area.y, rows: frame.plotRows)
        drawEpochAxis(&canvas, chart, frame: frame, x: plotX)
    }

    /// Labels right-aligned left of the axis, each on the row whose top edge it names; the
    /// floor's label on the axis line.
    private static func drawLossAxis(_ canvas: inout Canvas, _ chart: LossChart, frame: ChartFrame, labelWidth: Int) {
        let theme = canvas.theme
        let axisX = frame.area.x + labelWidth
        let rows = frame.plotRows
        for row in 0..<rows { canvas.grid[axisX, frame.area.y + row] = Cell(canvas.ascii ? "|" : "│", style: theme.border) }
        canvas.grid[axisX, frame.axisRow] = Cell(canvas.ascii ? "+" : "└", style: theme.border)
        for tick in chart.lossTicks(rows: rows) {
            let y = frame.axisRow - tick.level
            let text = canvas.ascii ? TextFitting.ascii(tick.text) : tick.text
            canvas.write(text, x: axisX - canvas.length(text), y: y, style: theme.plain)
            if tick.level > 0 { canvas.grid[axisX, y] = Cell(canvas.ascii ? "+" : "┤", style: theme.border) }
        }
    }

    /// Bars in eighths of a row; the latest epoch's bar in the current step's highlight; an
    /// ∞/NaN bar a column of "!". When every bar is three columns wide or more, each keeps a
    /// gap on its right, so neighbouring epochs stay apart.
    private static func drawBars(_ canvas: inout Canvas, _ chart: LossChart, x: Int, top: Int, rows: Int) {
        let theme = canvas.theme
        let gap = chart.narrowestBar >= 3 ? 1 : 0
        for (index, bucket) in chart.buckets.enumerated() {
            let columns = chart.columns(of: index)
            let left = x + columns.lowerBound, width = columns.count - gap
            guard bucket.value.isFinite else {
                for row in 0..<rows { canvas.grid.write(String(repeating: "!", count: width), x: left, y: top + row, style: theme.bad) }
                continue
            }
            let style = index == chart.latestBucket ? theme.current : theme.chart
            // A loss above the floor always shows at least one eighth.
            let exact = chart.scale.fraction(bucket.value) * Double(rows * 8)
            let eighths = bucket.value > 0 ? max(1, Int(exact.rounded())) : 0
            for row in 0..<rows {
                let filled = eighths - row * 8
                guard filled > 0 else { break }
                let text = String(repeating: barCharacter(filled: filled, ascii: canvas.ascii), count: width)
                canvas.grid.write(text, x: left, y: top + rows - 1 - row, style: style)
            }
        }
    }

    /// A cell filled `filled` eighths from below (8 or more: full).
    static func barCharacter(filled: Int, ascii: Bool) -> Character {
        guard ascii else { return bars[min(7, filled - 1)] }
        return filled >= 8 ? "#" : filled >= 4 ? "=" : "_"
    }

    /// The axis line under the bars with a tick under each labelled epoch and ▲ under the
    /// latest one; the labels on the row below, or on the axis line itself when the panel is short.
    private static func drawEpochAxis(_ canvas: inout Canvas, _ chart: LossChart, frame: ChartFrame, x: Int) {
        let theme = canvas.theme
        let line = String(repeating: canvas.ascii ? "-" : "─", count: chart.plotWidth)
        canvas.grid.write(line, x: x, y: frame.axisRow, style: theme.border)
        let ticks = chart.epochTicks()
        for tick in ticks { canvas.grid[x + tick.column, frame.axisRow] = Cell(canvas.ascii ? "+" : "┴", style: theme.border) }
        let mark = chart.latestBucket.map { chart.column(of: $0) }
        if let mark { canvas.grid[x + mark, frame.axisRow] = Cell(canvas.ascii ? "^" : "▲", style: theme.current) }
        let blocked = frame.hasLabelRow ? [] : mark.map { [$0] } ?? []
        for (column, text) in placeLabels(ticks, width: frame.area.maxX - x, blocked: blocked) {
            canvas.grid.write(text, x: x + column, y: frame.labelRow, style: theme.plain)
        }
    }

    /// Where each epoch label starts: centred on its tick, kept inside `width` columns, never
    /// over `blocked` columns or touching another label (the middle one gives way first).
    static func placeLabels(_ ticks: [(column: Int, text: String)], width: Int, blocked: [Int]) -> [(Int, String)] {
        var placed: [(start: Int, text: String)] = []
        // First, last, then middle.
        let order = ticks.count == 3 ? [0, 2, 1] : Array(ticks.indices)
        for index in order {
            let (column, text) = ticks[index]
            let length = text.count
            let centred = min(max(0, column - length / 2), max(0, width - length))
            let candidates = [centred] + blocked.flatMap { [$0 - length, $0 + 1] }
            let free = candidates.first { start in
                let span = start..<(start + length), padded = (start - 1)..<(start + length + 1)
                return start >= 0 && start + length <= width && !blocked.contains { span.contains($0) }
                    && !placed.contains { padded.overlaps($0.start..<($0.start + $0.text.count)) }
            }
            if let free { placed.append((free, text)) }
        }
        return placed.map { ($0.start, $0.text) }
    }
}

extension ViewerState {
    /// Zooms the loss chart to epochs `range` (1-based, both ends shown), or back to every
    /// finished epoch with nil. A range reaching outside the scenario's epochs is refused: the
    /// status line says why and the chart stays as it was. Returns whether the range was taken.
    @discardableResult
    public mutating func setChartRange(_ range: ClosedRange<Int>?) -> Bool {
        guard let range else {
            chartRange = nil
            message = "loss chart: every epoch"
            return true
        }
        guard range.lowerBound >= 1, range.upperBound <= scenario.epochs else {
            message = "epochs \(LossPanel.rangeText(range)) are not in training: epochs run from 1 to \(StatusBar.grouped(scenario.epochs))"
            return false
        }
        chartRange = range
        message = "loss chart: epochs \(LossPanel.rangeText(range))"
        return true
    }

    /// Runs the words after `:chart`: `all`, or a first and a last epoch (`100 500`); anything
    /// else is refused with a message saying what was expected. Returns whether it was taken.
    @discardableResult
    public mutating func chartCommand(_ arguments: String) -> Bool {
        let words = arguments.split(whereSeparator: \.isWhitespace)
        if words.count == 1, words[0].lowercased() == "all" { return setChartRange(nil) }
        let numbers = words.compactMap { Int($0.filter { $0 != "," && $0 != "_" }) }
        guard words.count == 2, numbers.count == 2, numbers[0] <= numbers[1] else {
            let shown = String(arguments.prefix(40))
            message = "':chart \(shown)' needs a first and a last epoch (:chart 100 500) or all"
            return false
        }
        return setChartRange(numbers[0]...numbers[1])
    }
}
