import NNCore

/// Where the parts of the decision map go inside its panel: a legend line on top when there is
/// room, the X₂ labels left of the plot, the axis line under it, and the X₁ labels on a row of
/// their own when there is room (else on the axis line).
struct MapFrame {
    let x1: ClosedRange<Double>, x2: ClosedRange<Double>
    let hasLegend: Bool, hasLabelRow: Bool
    /// Colours: two pixels a cell in half blocks.
    let halfBlocks: Bool
    /// Colours (with --ascii, one pixel a cell: the shade character on the shade's colour).
    let coloured: Bool
    let labels: (top: String, bottom: String, left: String, right: String)
    let names: (x1: String, x2: String)
    let legendRow: Int, legendStart: Int, legendEnd: Int, plotX: Int, plotY: Int, plotWidth: Int, plotRows: Int

    init(inner: Rect, state: ViewerState, canvas: Canvas) {
        let samples = state.scenario.samples
        x1 = DecisionMap.inputRange(samples, input: 0)
        x2 = DecisionMap.inputRange(samples, input: 1)
        hasLegend = inner.height >= 7
        hasLabelRow = inner.height - (hasLegend ? 1 : 0) >= 5
        halfBlocks = canvas.theme.color && !canvas.ascii
        coloured = canvas.theme.color
        func label(_ value: Double) -> String {
            let text = LossChart.compact(value).replacingOccurrences(of: "-", with: "−")
            return canvas.ascii ? TextFitting.ascii(text) : text
        }
        labels = (label(x2.upperBound), label(x2.lowerBound), label(x1.lowerBound), label(x1.upperBound))
        let symbols = Symbols(scenario: state.scenario)
        names = (symbols.input(0).description, symbols.input(1).description)
        let labelWidth = [labels.top, labels.bottom, names.x2].map(canvas.length).max() ?? 1
        (legendRow, legendStart, legendEnd) = (inner.y, inner.x, inner.maxX)
        plotY = inner.y + (hasLegend ? 1 : 0)
        plotRows = inner.height - (hasLegend ? 1 : 0) - 1 - (hasLabelRow ? 1 : 0)
        plotX = inner.x + labelWidth + 1
        plotWidth = inner.width - labelWidth - 1
    }

    var pixelRows: Int { halfBlocks ? 2 * plotRows : plotRows }
    var axisRow: Int { plotY + plotRows }
    var labelRow: Int { hasLabelRow ? axisRow + 1 : axisRow }

    /// The cell of a point: its column, its row, and its row in pixels.
    func cell(_ point: [Double]) -> (column: Int, row: Int, pixelRow: Int) {
        (DecisionMap.cell(of: point[0], count: plotWidth, in: x1, downwards: false),
         DecisionMap.cell(of: point[1], count: plotRows, in: x2, downwards: true),
         DecisionMap.cell(of: point[1], count: pixelRows, in: x2, downwards: true))
    }
}

extension DecisionMapPanel {
    /// The axis lines and the input ranges' ends, with the inputs' names between them.
    static func drawAxes(_ canvas: inout Canvas, frame: MapFrame) {
        let theme = canvas.theme
        let axisX = frame.plotX - 1
        for row in 0..<frame.plotRows {
            canvas.grid[axisX, frame.plotY + row] = Cell(canvas.ascii ? "|" : "│", style: theme.border)
        }
        canvas.grid[axisX, frame.axisRow] = Cell(canvas.ascii ? "+" : "└", style: theme.border)
        let line = String(repeating: canvas.ascii ? "-" : "─", count: frame.plotWidth)
        canvas.grid.write(line, x: frame.plotX, y: frame.axisRow, style: theme.border)
        func right(_ text: String, _ y: Int) { canvas.write(text, x: axisX - canvas.length(text), y: y, style: theme.plain) }
        right(frame.labels.top, frame.plotY)
        if frame.plotRows >= 2 { right(frame.labels.bottom, frame.plotY + frame.plotRows - 1) }
        if frame.plotRows >= 3 { right(frame.names.x2, frame.plotY + (frame.plotRows - 1) / 2) }
        let (left, last) = (frame.labels.left, frame.labels.right)
        let lastX = frame.plotX + frame.plotWidth - canvas.length(last)
        canvas.write(left, x: frame.plotX, y: frame.labelRow, style: theme.plain)
        if lastX > frame.plotX + canvas.length(left) { canvas.write(last, x: lastX, y: frame.labelRow, style: theme.plain) }
        let nameX = frame.plotX + (frame.plotWidth - canvas.length(frame.names.x1)) / 2
        if nameX > frame.plotX + canvas.length(left) + 1, nameX + canvas.length(frame.names.x1) < lastX - 1 {
            canvas.write(frame.names.x1, x: nameX, y: frame.labelRow, style: theme.heading)
        }
    }

    /// The data points by class, the shown sample last (on top) and marked on both axes;
    /// returns how many points the net gets wrong, of how many.
    static func drawPoints(_ canvas: inout Canvas, _ state: ViewerState, parameters: Parameters, levels: [Int],
                           frame: MapFrame, shading: MapShading) -> (wrong: Int, total: Int) {
        let samples = state.scenario.samples
        let outputs = Network.outputs(parameters: parameters, scenario: state.scenario, inputs: samples.flatMap(\.x))
        let units = outputs.count / max(1, samples.count)
        let record = state.derived.step.record
        let shown = record.sampleRange.lowerBound + min(state.shownSample, max(0, record.sampleCount - 1))
        var wrong = 0
        for index in samples.indices.filter({ $0 != shown }) + [shown] where samples.indices.contains(index) {
            let sample = samples[index]
            guard sample.x.allSatisfy(\.isFinite) else { continue }
            let target = shading.targetClass(sample)
            let predicted = shading.predictedClass(level: shading.level(outputs, at: index * units))
            if predicted != target { wrong += 1 }
            let (column, row, pixelRow) = frame.cell(sample.x)
            let background = frame.coloured ? colour(levels[pixelRow * frame.plotWidth + column], shading) : nil
            let style = pointStyle(background: background, wrong: predicted != target, shown: index == shown)
            let point = Cell(glyph(target, shading, ascii: canvas.ascii), style: style)
            canvas.grid[frame.plotX + column, frame.plotY + row] = point
            if index == shown { markAxes(&canvas, column: column, row: row, frame: frame) }
        }
        return (wrong, samples.count)
    }

    /// ○ and ● (o and x) for the two sides of one output, the class's number (from 1) for several.
    static func glyph(_ target: Int, _ shading: MapShading, ascii: Bool) -> Character {
        guard isValue(shading) else { return target < 9 ? Character(String(target + 1)) : "*" }
        return ascii ? (target == 0 ? "o" : "x") : (target == 0 ? "○" : "●")
    }

    /// Bold on the map's colour; a wrong point in reverse video, the shown sample underlined on
    /// white: attributes that keep their meaning without colours.
    static func pointStyle(background: TerminalColor?, wrong: Bool, shown: Bool) -> CellStyle {
        let ground = shown && background != nil ? TerminalColor.white : background
        return CellStyle(foreground: ground.map(contrast), background: ground, bold: true, reverse: wrong, underline: shown)
    }

    private static func markAxes(_ canvas: inout Canvas, column: Int, row: Int, frame: MapFrame) {
        let style = canvas.theme.current
        canvas.grid[frame.plotX - 1, frame.plotY + row] = Cell(canvas.ascii ? ">" : "▶", style: style)
        if frame.hasLabelRow {
            canvas.grid[frame.plotX + column, frame.axisRow] = Cell(canvas.ascii ? "^" : "▲", style: style)
        }
    }

    /// A run of text in styles.
    typealias Segments = [(String, CellStyle)]

    /// The classes' glyphs, the shades' meaning and how many points are wrong: each part in its
    /// long form, else the later parts in their short ones, else as many parts as fit.
    static func drawLegend(_ canvas: inout Canvas, _ state: ViewerState, frame: MapFrame, shading: MapShading,
                           summary: (wrong: Int, total: Int)) {
        let plain = canvas.theme.plain
        var parts = legendParts(canvas, state, shading: shading)
        let verdict = summary.wrong == 0 ? "all \(summary.total) right" : "\(summary.wrong) of \(summary.total) wrong (reversed)"
        let short = summary.wrong == 0 ? "all right" : "\(summary.wrong) wrong"
        let style = summary.wrong == 0 ? canvas.theme.good : plain
        parts.append((long: [(" · ", plain), (verdict, style)], short: [(" · ", plain), (short, style)]))
        let width = frame.legendEnd - frame.legendStart
        func length(_ segments: Segments) -> Int { segments.reduce(0) { $0 + canvas.length($1.0) } }
        let shortened = (0...parts.count).reversed().map { first in
            parts.indices.flatMap { $0 < first ? parts[$0].long : parts[$0].short }
        }
        let dropped = (1..<parts.count).reversed().map { count in parts.prefix(count).flatMap(\.short) }
        guard let chosen = (shortened + dropped).first(where: { length($0) <= width }) else { return }
        var x = frame.legendStart
        for (text, style) in chosen { x = canvas.write(text, x: x, y: frame.legendRow, style: style) }
    }

    /// The legend's parts before the verdict, each in a long and a short form.
    private static func legendParts(_ canvas: Canvas, _ state: ViewerState,
                                    shading: MapShading) -> [(long: Segments, short: Segments)] {
        let plain = canvas.theme.plain, bold = CellStyle(bold: true)
        let symbols = Symbols(scenario: state.scenario)
        let layer = state.scenario.layers.count - 1
        let swatches = (0..<shading.levels).map { swatch($0, shading, canvas) }
        guard case .value(let lower, let upper) = shading.kind else {
            let output = symbols.activationVector(layer: layer).description
            let classes = swatches.enumerated().flatMap { [$1, ("\($0 + 1) ", bold)] }
            return [(long: [("largest \(output): ", plain)] + classes, short: classes)]
        }
        let output = symbols.activation(layer: layer, unit: 0).description
        let glyphs: Segments = [(String(glyph(0, shading, ascii: canvas.ascii)), bold), (" 0 ", plain),
                                (String(glyph(1, shading, ascii: canvas.ascii)), bold), (" 1", plain)]
        let scale = [(" \(LossChart.compact(lower)) ", plain)] + swatches + [(" \(LossChart.compact(upper))", plain)]
        return [(long: glyphs, short: glyphs), (long: [(" · \(output)", plain)] + scale, short: [(" ·", plain)] + scale)]
    }

    /// A cell of a shade: its colour, or its character without colours.
    private static func swatch(_ level: Int, _ shading: MapShading, _ canvas: Canvas) -> (String, CellStyle) {
        guard canvas.theme.color else { return (String(shade(level, shading, ascii: canvas.ascii)), .plain) }
        return (" ", CellStyle(background: colour(level, shading)))
    }
}
