import NNCore

/// The network as columns of units with their current values, the weights between them listed
/// in the gaps, the selected weight and its chain-rule paths highlighted, and the units the
/// current step computes marked.
enum NetworkDiagram {
    /// Rows of content with one, two and three rows a unit (the heading included).
    static func levels(_ state: ViewerState) -> [Int] {
        let widest = state.scenario.layerSizes.max() ?? 1
        return [widest + 1, 2 * widest + 1, 3 * widest + 1, 4 * widest + 1]
    }

    /// Whether a diagram in `rect` (borders included) lists every weight and bias in its gaps.
    static func listsEveryWeight(_ state: ViewerState, canvas: Canvas, rect: Rect) -> Bool {
        let inner = Rect(x: rect.x + 2, y: rect.y + 1, width: max(0, rect.width - 4), height: max(0, rect.height - 2))
        let sizes = state.scenario.layerSizes
        let geometry = geometry(state, canvas: canvas, inner: inner)
        let longest = (0..<state.scenario.layers.count).map { (sizes[$0] + 1) * sizes[$0 + 1] }.max() ?? 0
        return geometry.listWeights && longest <= inner.height - 1
    }

    /// The geometry of the diagram of `state` in `inner`.
    static func geometry(_ state: ViewerState, canvas: Canvas, inner: Rect) -> Geometry {
        let scenario = state.scenario
        let symbols = Symbols(scenario: scenario)
        let sizes = scenario.layerSizes
        let layerCount = scenario.layers.count
        let record = state.derived.step.record
        let data = scenario.samples[record.sampleRange.lowerBound + min(state.shownSample, record.sampleCount - 1)]
        let targets = (0..<sizes[layerCount]).map { "\(symbols.target($0)) \(NumberStyle.standard.compact(data.y[$0]))" }
        let targetWidth = (targets.map(canvas.length).max() ?? 0) + 1
        let nameWidth = sizes.indices.map { canvas.length(symbols.activation(layer: $0 - 1, unit: sizes[$0] - 1).description) }.max() ?? 2
        return geometry(sizes: sizes, nameWidth: nameWidth, parameterWidth: parameterWidth(state, canvas: canvas),
                        targetWidth: targetWidth, inner: inner)
    }

    /// The widest parameter name of the net (v₁₂, bʸ₂, W[2]₁₃).
    static func parameterWidth(_ state: ViewerState, canvas: Canvas) -> Int {
        let symbols = Symbols(scenario: state.scenario)
        let sizes = state.scenario.layerSizes
        return (0..<state.scenario.layers.count).map { l in
            max(canvas.length(symbols.weight(layer: l, from: sizes[l] - 1, to: sizes[l + 1] - 1).description),
                canvas.length(symbols.parameter(WeightID(layer: l, from: nil, to: sizes[l + 1] - 1)).description))
        }.max() ?? 4
    }

    /// Characters a value usually takes ("−0.1234"); longer ones are cut with "…".
    static let valueWidth = 7

    /// Where the columns go.
    struct Geometry {
        /// Width of a unit's cell (a box or a bracketed line).
        var cellWidth: Int
        /// Columns between two cells.
        var gap: Int
        /// Whether cells name their unit (else the column heading and the row say which it is).
        var namesInCells: Bool
        /// Whether the gaps are wide enough to list the weights.
        var listWeights: Bool
        /// Rows per unit: 4 (boxes with dA and the delta), 3 (boxes with the delta), 2 or 1.
        var perUnit: Int
        /// Whether units are drawn as boxes.
        var boxed: Bool
    }

    static func geometry(sizes: [Int], nameWidth: Int, parameterWidth: Int, targetWidth: Int, inner: Rect) -> Geometry {
        let columns = sizes.count
        let widest = sizes.max() ?? 1
        let rowsAvailable = inner.height - 1
        let boxed = rowsAvailable >= 3 * widest
        let perUnit = rowsAvailable >= 4 * widest ? 4 : boxed ? 3 : (rowsAvailable >= 2 * widest ? 2 : 1)
        let space = inner.width - targetWidth
        // Boxes carry the name on their border; bracketed cells need room for it beside the value.
        let named = boxed ? max(12, nameWidth + 4) : max(12, nameWidth + 1 + valueWidth + 2)
        let fitsNamed = columns * named + (columns - 1) <= space
        let cellWidth = fitsNamed ? named : max(4, min(valueWidth + 2, (space - (columns - 1)) / columns))
        let gap = max(1, (space - columns * cellWidth) / max(1, columns - 1))
        return Geometry(cellWidth: cellWidth, gap: gap, namesInCells: fitsNamed || boxed, listWeights: gap - 2 >= parameterWidth + 1 + valueWidth, perUnit: perUnit, boxed: boxed)
    }

    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        let scenario = state.scenario
        let step = state.derived.step
        let record = step.record
        let samples = record.sampleCount
        let sample = min(state.shownSample, samples - 1)
        let longTitle = "Network · sample \(sample + 1) of \(samples) in the batch (s: next)"
        let title = samples == 1 ? "Network" : canvas.length(longTitle) + 6 <= rect.width ? longTitle : "Network · sample \(sample + 1)/\(samples) (s)"
        let inner = canvas.panel(rect, title: title)
        guard inner.width > 10, inner.height > 1 else { return }
        let theme = canvas.theme
        let symbols = Symbols(scenario: scenario)
        let sizes = scenario.layerSizes
        let layerCount = scenario.layers.count
        let current = step.phase.order(layerCount: layerCount)
        // Four decimals here even in precise mode: the cells are narrow; the panels show more.
        let style = NumberStyle.standard
        let selected = state.selectedWeight
        let data = scenario.samples[record.sampleRange.lowerBound + sample]

        let targets = (0..<sizes[layerCount]).map { "\(symbols.target($0)) \(style.compact(data.y[$0]))" }
        let geometry = geometry(state, canvas: canvas, inner: inner)
        let (cellWidth, gap, perUnit) = (geometry.cellWidth, geometry.gap, geometry.perUnit)
        let columns = sizes.count
        let rowsAvailable = inner.height - 1

        func columnX(_ column: Int) -> Int {
            column < columns ? inner.x + column * (cellWidth + gap) : inner.x + (columns - 1) * (cellWidth + gap) + cellWidth + 1
        }

        // Headings: X, V, Z, W, Y, Q (or A[l], W[l]).
        for column in 0..<columns {
            let role = column == 0 ? "input" : column == columns - 1 ? "output" : "hidden"
            let vector = symbols.activationVector(layer: column - 1).description
            let width = column < columns - 1 ? cellWidth + gap - 1 : cellWidth
            let name = canvas.length("\(vector) \(role)") <= width ? "\(vector) \(role)" : vector
            canvas.writeFitted(name, x: columnX(column), y: inner.y, width: width, style: theme.heading)
        }
        let targetVector = scenario.notation == .classic ? "Q" : "y"
        let targetRoom = inner.maxX - columnX(columns)
        canvas.writeFitted(canvas.length("\(targetVector) target") <= targetRoom ? "\(targetVector) target" : targetVector, x: columnX(columns), y: inner.y, width: targetRoom, style: theme.heading)

        // Which units lie on the selected weight's paths.
        func onPath(column: Int, unit: Int) -> Bool {
            if column == selected.layer, let from = selected.from { return unit == from }
            if column == selected.layer + 1 { return unit == selected.to }
            if column > selected.layer + 1 { return selected.layer + 1 < columns - 1 || unit == selected.to }
            return false
        }

        // Units.
        for column in 0..<columns {
            let units = sizes[column]
            let capacity = max(1, rowsAvailable / perUnit)
            let shown = units <= capacity ? units : capacity - 1
            let layer = column - 1
            let computedNow: Bool
            switch step.phase {
            case .forward(let l): computedNow = l == layer
            case .loss: computedNow = layer == layerCount - 1
            case .backward(let l): computedNow = l == layer
            case .update: computedNow = false
            }
            let x = columnX(column)
            for unit in 0..<shown {
                let y = inner.y + 1 + unit * perUnit
                let name = symbols.activation(layer: layer, unit: unit).description
                let known = column == 0 || current >= layer
                let value = column == 0 ? data.x[unit] : record.out[layer][sample][unit]
                var cellStyle = theme.plain
                if onPath(column: column, unit: unit) { cellStyle = theme.path }
                if computedNow { cellStyle = theme.current }
                let valueStyle = known ? cellStyle : theme.pending
                let deltaKnown = column > 0 && current >= 2 * layerCount - layer
                let deltaSymbol = scenario.notation == .classic ? (canvas.ascii ? "d" : "δ") : "dZ"
                // Numbers give up digits to fit their cell; they are never cut.
                func number(_ value: Double, room: Int) -> String { style.format(value, maxLength: room) }
                if geometry.boxed {
                    let inside = cellWidth - 2
                    let valueText = known ? number(value, room: inside - 1) : "·"
                    // A tall box has a row for dA = ∂E/∂A above the delta, so the output layer's dA (from
                    // the loss) and a hidden layer's (from the layer above) sit side by side (seed 001).
                    let height = perUnit >= 4 ? 4 : 3
                    canvas.grid.box(x: x, y: y, width: cellWidth, height: height, style: cellStyle, ascii: canvas.ascii)
                    if height == 4, deltaKnown {
                        let label = "dA " + number(record.outGradient[layer][sample][unit], room: inside - 3)
                        canvas.writeFitted(label, x: x + 1, y: y + 2, width: inside, style: cellStyle)
                    }
                    canvas.writeFitted(" \(name) ", x: x + 1, y: y, width: cellWidth - 2, style: cellStyle)
                    let valueX = x + 1 + max(0, inside - 1 - canvas.length(valueText))
                    canvas.writeFitted(valueText, x: valueX, y: y + 1, width: x + cellWidth - 1 - valueX, style: valueStyle)
                    if deltaKnown {
                        let room = inside - canvas.length(deltaSymbol) - 1
                        let label = "\(deltaSymbol) \(number(record.delta[layer][sample][unit], room: room))"
                        canvas.writeFitted(label, x: x + 1, y: y + height - 1, width: inside, style: cellStyle)
                    }
                } else {
                    let prefix = geometry.namesInCells ? "\(name) " : ""
                    let valueText = known ? number(value, room: cellWidth - 2 - canvas.length(prefix)) : "·"
                    canvas.write("[", x: x, y: y, style: cellStyle)
                    canvas.writeFitted(prefix + valueText, x: x + 1, y: y, width: cellWidth - 2, style: valueStyle)
                    canvas.write("]", x: x + cellWidth - 1, y: y, style: cellStyle)
                    // With a spare row under each unit, its delta goes there.
                    if perUnit >= 2, deltaKnown {
                        let room = cellWidth - 1 - canvas.length(deltaSymbol) - 1
                        let label = "\(deltaSymbol) \(number(record.delta[layer][sample][unit], room: room))"
                        canvas.writeFitted(label, x: x + 1, y: y + 1, width: cellWidth - 1, style: cellStyle)
                    }
                }
            }
            if shown < units {
                let more = ["⋮ +\(units - shown) more", "⋮ +\(units - shown)", "+\(units - shown)"].first { canvas.length($0) <= cellWidth - 1 } ?? "+"
                canvas.writeFitted(more, x: x + 1, y: inner.y + 1 + shown * perUnit, width: cellWidth - 1, style: theme.secondary)
            }
            // Targets next to the outputs.
            if column == columns - 1 {
                for unit in 0..<shown {
                    let y = inner.y + 1 + unit * perUnit + (geometry.boxed ? 1 : 0)
                    let targetStyle = step.phase == .loss ? theme.current : theme.plain
                    canvas.writeFitted(targets[unit], x: columnX(columns), y: y, width: inner.maxX - columnX(columns), style: targetStyle)
                }
            }
        }

        // Weights in the gaps.
        guard geometry.listWeights else { return }
        for layer in 0..<layerCount {
            let x = columnX(layer) + cellWidth + 1
            let width = gap - 2
            let units = sizes[layer + 1]
            var entries: [WeightID] = []
            for from in 0..<sizes[layer] { for to in 0..<units { entries.append(WeightID(layer: layer, from: from, to: to)) } }
            for to in 0..<units { entries.append(WeightID(layer: layer, from: nil, to: to)) }
            // When the list does not fit, its last row says how many are left out.
            let rows = entries.count <= rowsAvailable ? rowsAvailable : rowsAvailable - 1
            var start = 0
            if let index = entries.firstIndex(of: selected), index >= rows { start = index - rows + 1 }
            let updated = step.phase == .update
            for (row, id) in entries[start...].prefix(rows).enumerated() {
                let parameters = updated ? record.parametersAfter : record.parametersBefore
                let value = id.from.map { parameters.weights[layer][$0 * units + id.to] } ?? parameters.biases[layer][id.to]
                var entryStyle = value < 0 ? theme.negative : theme.positive
                if abs(value) >= 1 { entryStyle.bold = true }
                let onSelectedPath = id.layer > selected.layer && id.from != nil && (selected.layer + 1 == id.layer ? id.from == selected.to : true)
                if onSelectedPath { entryStyle = theme.path }
                if updated { entryStyle = theme.current }
                if id == selected { entryStyle = theme.selected }
                let parameter = symbols.parameter(id).description
                let text = "\(parameter) \(style.format(value, maxLength: max(valueWidth, width - canvas.length(parameter) - 1)))"
                canvas.writeFitted(text, x: x, y: inner.y + 1 + row, width: width, style: entryStyle)
            }
            let hidden = entries.count - min(rows, entries.count - start)
            if hidden > 0 {
                let text = ["⋮ \(hidden) more (↓)", "⋮ \(hidden) more", "+\(hidden)"].first { canvas.length($0) <= width } ?? "+"
                canvas.writeFitted(text, x: x, y: inner.y + rowsAvailable, width: width, style: theme.secondary)
            }
        }
    }

    /// Every weight and bias with its value, layer by layer, in as many columns as fit: the
    /// network focus shows it when the diagram's gaps cannot hold them all.
    static func drawWeightList(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        let inner = canvas.panel(rect, title: "Weights · ↓/↑ or Tab selects one")
        guard inner.height > 0, inner.width > 10 else { return }
        let scenario = state.scenario
        let symbols = Symbols(scenario: scenario)
        let record = state.derived.step.record
        let updated = state.derived.step.phase == .update
        let parameters = updated ? record.parametersAfter : record.parametersBefore
        let entryWidth = parameterWidth(state, canvas: canvas) + 1 + valueWidth + 3
        let perRow = max(1, (inner.width + 3) / entryWidth)
        var rows: [[(String, CellStyle)]] = []
        for layer in scenario.layers.indices {
            let units = scenario.layerSizes[layer + 1]
            let ids = WeightID.all(layerSizes: scenario.layerSizes).filter { $0.layer == layer }
            let matrix = symbols.weightMatrix(layer: layer).description
            rows.append([("\(matrix) and its biases\(updated ? ", after the update" : ""):", canvas.theme.heading)])
            for first in stride(from: 0, to: ids.count, by: perRow) {
                rows.append(ids[first..<min(ids.count, first + perRow)].map { id in
                    let value = id.from.map { parameters.weights[layer][$0 * units + id.to] } ?? parameters.biases[layer][id.to]
                    var style = value < 0 ? canvas.theme.negative : canvas.theme.positive
                    if id == state.selectedWeight { style = canvas.theme.selected }
                    let text = "\(symbols.parameter(id).description) \(NumberStyle.standard.format(value))"
                    return (ChainPanel.pad(text, entryWidth, canvas), style)
                })
            }
        }
        for (row, segments) in rows.prefix(inner.height).enumerated() {
            var x = inner.x
            for (text, style) in segments {
                canvas.writeFitted(text.trimmingSuffixSpaces, x: x, y: inner.y + row, width: max(0, inner.maxX - x), style: style)
                x += canvas.length(text)
            }
        }
        if rows.count > inner.height {
            canvas.write(" ↓ \(rows.count - inner.height) more rows: a taller terminal ", x: rect.x + 2, y: rect.maxY - 1,
                         style: canvas.theme.secondary)
        }
    }
}

private extension String {
    /// The text without the spaces that pad it to a column.
    var trimmingSuffixSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
