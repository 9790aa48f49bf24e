import NNCore

/// The network as columns of units with their current values, the weights between them listed
/// in the gaps, the selected weight and its chain-rule paths highlighted, and the units the
/// current step computes marked.
enum NetworkDiagram {
    /// Rows the diagram would like: three per unit of the widest layer, plus a heading.
    static func rowsWanted(_ state: ViewerState) -> Int {
        3 * (state.scenario.layerSizes.max() ?? 1) + 1
    }

    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        let scenario = state.scenario
        let step = state.derived.step
        let record = step.record
        let samples = record.sampleCount
        let title = samples > 1 ? "Network (sample 1 of \(samples) in the batch)" : "Network"
        let inner = canvas.panel(rect, title: title)
        guard inner.width > 10, inner.height > 1 else { return }
        let theme = canvas.theme
        let symbols = Symbols(scenario: scenario)
        let sizes = scenario.layerSizes
        let layerCount = scenario.layers.count
        let current = step.phase.order(layerCount: layerCount)
        let style = NumberStyle.standard
        let selected = state.selectedWeight

        // Geometry.
        let columns = sizes.count
        let boxed = inner.height - 1 >= 3 * (sizes.max() ?? 1)
        let cellWidth = 12, targetWidth = 9
        let free = inner.width - columns * cellWidth - targetWidth - 1
        let gap = max(1, free / max(1, columns - 1))
        let listWeights = gap >= 13
        let rowsAvailable = inner.height - 1
        let perUnit = boxed ? 3 : (rowsAvailable >= 2 * (sizes.max() ?? 1) ? 2 : 1)

        func columnX(_ column: Int) -> Int {
            column < columns ? inner.x + column * (cellWidth + gap) : inner.x + (columns - 1) * (cellWidth + gap) + cellWidth + 1
        }

        // Headings: X, V, Z, W, Y, Q (or A[l], W[l]).
        for column in 0..<columns {
            let role = column == 0 ? "input" : column == columns - 1 ? "output" : "hidden"
            let name = "\(symbols.activationVector(layer: column - 1)) \(role)"
            let width = column < columns - 1 && listWeights ? cellWidth + gap - 1 : cellWidth
            canvas.writeFitted(name, x: columnX(column), y: inner.y, width: width, style: theme.heading)
        }
        canvas.writeFitted(scenario.notation == .classic ? "Q target" : "y target", x: columnX(columns), y: inner.y, width: inner.maxX - columnX(columns), style: theme.heading)

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
            for unit in 0..<shown {
                let y = inner.y + 1 + unit * perUnit
                let x = columnX(column)
                let name = symbols.activation(layer: layer, unit: unit)
                let known = column == 0 || current >= layer
                let value = column == 0 ? scenario.samples[record.sampleRange.lowerBound].x[unit] : record.out[layer][0][unit]
                let valueText = known ? style.format(value) : "·"
                var cellStyle = theme.plain
                if onPath(column: column, unit: unit) { cellStyle = theme.path }
                if computedNow { cellStyle = theme.current }
                if boxed {
                    canvas.grid.box(x: x, y: y, width: cellWidth, height: 3, style: cellStyle, ascii: canvas.ascii)
                    canvas.write(" \(name) ", x: x + 1, y: y, style: cellStyle)
                    canvas.writeFitted(valueText, x: x + cellWidth - 1 - min(cellWidth - 2, canvas.length(valueText)) - 1, y: y + 1, width: cellWidth - 2, style: known ? cellStyle : theme.pending)
                    if column > 0, current >= 2 * layerCount - layer {
                        let delta = record.delta[layer][0][unit]
                        let label = (scenario.notation == .classic ? (canvas.ascii ? "d " : "δ ") : "dZ ") + style.format(delta)
                        canvas.writeFitted(label, x: x + 1, y: y + 2, width: cellWidth - 2, style: cellStyle)
                    }
                } else {
                    let text = "\(name) \(valueText)"
                    canvas.write("[", x: x, y: y, style: cellStyle)
                    canvas.writeFitted(text, x: x + 1, y: y, width: cellWidth - 2, style: known ? cellStyle : theme.pending)
                    canvas.write("]", x: x + cellWidth - 1, y: y, style: cellStyle)
                }
            }
            if shown < units {
                canvas.write("⋮ +\(units - shown) more", x: columnX(column) + 1, y: inner.y + 1 + shown * perUnit, style: theme.secondary)
            }
            // Targets next to the outputs.
            if column == columns - 1 {
                for unit in 0..<shown {
                    let y = inner.y + 1 + unit * perUnit + (boxed ? 1 : 0)
                    let target = scenario.samples[record.sampleRange.lowerBound].y[unit]
                    let targetStyle = step.phase == .loss ? theme.current : theme.plain
                    canvas.writeFitted("\(symbols.target(unit)) \(style.compact(target))", x: columnX(columns), y: y, width: inner.maxX - columnX(columns), style: targetStyle)
                }
            }
        }

        // Weights in the gaps.
        guard listWeights else { return }
        for layer in 0..<layerCount {
            let x = columnX(layer) + cellWidth + 1
            let units = sizes[layer + 1]
            var entries: [WeightID] = []
            for from in 0..<sizes[layer] { for to in 0..<units { entries.append(WeightID(layer: layer, from: from, to: to)) } }
            for to in 0..<units { entries.append(WeightID(layer: layer, from: nil, to: to)) }
            let rows = rowsAvailable
            var start = 0
            if let index = entries.firstIndex(of: selected), index >= rows { start = index - rows + 1 }
            let updated = step.phase == .update
            for (row, id) in entries[start...].prefix(rows).enumerated() {
                let parameters = updated ? record.parametersAfter : record.parametersBefore
                let value = id.from.map { parameters.weights[layer][$0 * units + id.to] } ?? parameters.biases[layer][id.to]
                var entryStyle = value < 0 ? theme.negative : theme.positive
                if abs(value) < 0.1 { entryStyle.dim = true }
                if abs(value) >= 1 { entryStyle.bold = true }
                let onSelectedPath = id.layer > selected.layer && id.from != nil && (selected.layer + 1 == id.layer ? id.from == selected.to : true)
                if onSelectedPath { entryStyle = theme.path }
                if updated { entryStyle = theme.current }
                if id == selected { entryStyle = theme.selected }
                let text = "\(symbols.parameter(id)) \(style.format(value))"
                canvas.writeFitted(text, x: x, y: inner.y + 1 + row, width: gap - 2, style: entryStyle)
            }
            if entries.count - start > rows {
                canvas.write("+\(entries.count - start - rows)", x: x + gap - 5, y: inner.y + rows, style: theme.secondary)
            }
        }
    }
}
