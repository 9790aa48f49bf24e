import NNCore

/// The chain rule of the selected weight: every path, every factor (pending until the backward
/// pass computes it), each path's product, their sum, the numeric check, and the update.
enum ChainPanel {
    /// The panel's content at an inner width: a heading, the paths in full (one factor a line)
    /// and compact (one path a line), and the closing lines (sum, numeric check, update).
    struct Content {
        var heading: [(String, CellStyle)] = []
        var full: [[(String, CellStyle)]] = []
        var compact: [(String, CellStyle)] = []
        var tail: [(String, CellStyle)] = []
        /// Whether the screen is ASCII-only (text is wrapped at its ASCII width).
        var ascii = false
        /// Whether the full form is whole at this width (sample tables can be too wide for it).
        var fullIsWhole = true

        /// Rows the full form takes, wrapped at `width`.
        func fullRows(width: Int) -> Int {
            wrappedCount(heading, width) + full.count + wrappedCount(tail, width)
        }

        /// Rows the compact form takes.
        func compactRows(width: Int) -> Int {
            wrappedCount(heading, width) + wrappedCount(compact, width) + wrappedCount(tail, width)
        }

        func wrappedCount(_ lines: [(String, CellStyle)], _ width: Int) -> Int {
            lines.reduce(0) { $0 + TextFitting.wrap($1.0, width: width, ascii: ascii).count }
        }
    }

    /// Draws the panel with its `content` (``content(_:canvas:width:)`` at the inner width).
    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect, content: Content) {
        let d = state.derived.decomposition
        let inner = canvas.panel(rect, title: "Chain rule · ∂J/∂\(d.symbol) · Tab: next weight, w: type one")
        guard inner.height > 0, inner.width > 10 else { return }
        finish(&canvas, rows: rows(content, canvas: canvas, inner: inner), state: state, inner: inner, rect: rect)
    }

    /// The rows the panel shows in `inner` before scrolling: the full form when it fits, else the
    /// compact one, trimmed of its legend and simplifications when even that is tight.
    static func rows(_ parts: Content, canvas: Canvas, inner: Rect) -> [[(String, CellStyle)]] {
        let theme = canvas.theme
        var rows: [[(String, CellStyle)]] = []
        // Single-segment rows wrap at formula break points.
        func add(_ single: [(String, CellStyle)]) {
            for (text, lineStyle) in single {
                for piece in TextFitting.wrap(text, width: inner.width, ascii: canvas.ascii) { rows.append([(piece, lineStyle)]) }
            }
        }
        add(parts.heading)
        if parts.fullIsWhole && (parts.fullRows(width: inner.width) <= inner.height || parts.compact.count >= parts.full.count) {
            rows += parts.full
            add(parts.tail)
            return rows
        }
        var body = parts.compact
        var ending = parts.tail
        if rows.count + body.count + ending.count > inner.height, body.count > 1 { body.removeFirst() }
        if rows.count + body.count + ending.count > inner.height {
            body.removeAll { $0.0.hasPrefix("sample 1: ") }
            ending.removeAll { $0.1 == theme.secondary && $0.0.contains(" = ") && !$0.0.hasPrefix("∂J") && !$0.0.contains("now;") }
        }
        add(body)
        add(ending)
        return rows
    }

    /// Builds the panel's content for an inner width of `width`.
    static func content(_ state: ViewerState, canvas: Canvas, width: Int) -> Content {
        let d = state.derived.decomposition
        let step = state.derived.step
        let scenario = state.scenario
        let theme = canvas.theme
        let style = state.numberStyle
        let layerCount = scenario.layers.count
        let current = step.phase.order(layerCount: layerCount)
        let symbols = Symbols(scenario: scenario)
        let several = d.sampleGradients.count > 1

        func known(_ factor: ChainFactor) -> Bool { current >= factor.computedAt.order(layerCount: layerCount) }
        let gradientKnown = current >= Phase.backward(layer: d.weight.layer).order(layerCount: layerCount)

        var lines: [(String, CellStyle)] = []
        for formula in [d.batchFormula, d.formula].compactMap({ $0 }) {
            for piece in TextFitting.wrap(formula, width: width, ascii: canvas.ascii) { lines.append((piece, theme.heading)) }
        }
        let sampleNote = d.sampleGradients.count > 1 ? ", \(d.sampleGradients.count) samples" : ""
        let pathCount = d.paths.count + d.omittedPathCount

        func pathName(_ path: ChainPath) -> String {
            let through = path.units.enumerated().map { symbols.activation(layer: d.weight.layer + $0.offset, unit: $0.element) }
            let sample = d.sampleGradients.count > 1 ? "sample \(path.sample + 1): " : ""
            return "\(sample)\(d.symbol) → \(through.joined(separator: " → ")) → E"
        }

        // Full form: one block a path, one factor a line; blocks side by side when they fit.
        var blocks: [[(String, CellStyle)]] = []
        for (index, path) in d.paths.enumerated() where !several {
            let allKnown = path.factors.allSatisfy(known)
            var block: [(String, CellStyle)] = [("path \(index + 1)/\(pathCount)\(sampleNote): \(pathName(path))", theme.plain)]
            let labelWidth = path.factors.map { canvas.length($0.label) }.max() ?? 0
            let formulaWidth = path.factors.map { canvas.length($0.formula) }.max() ?? 0
            for factor in path.factors {
                let label = factor.label + String(repeating: " ", count: max(0, labelWidth - canvas.length(factor.label)))
                let formula = factor.formula + String(repeating: " ", count: max(0, formulaWidth - canvas.length(factor.formula)))
                block.append(known(factor) ? ("  \(label) = \(formula) = \(style.format(factor.value))", theme.plain) : ("  \(label) = \(formula) = pending", theme.pending))
            }
            block.append(("  product = \(allKnown ? style.format(path.product) : "pending")", allKnown ? theme.heading : theme.pending))
            blocks.append(block)
        }
        let blockWidth = blocks.flatMap { $0.map { canvas.length($0.0) } }.max() ?? 0
        let perRow = max(1, min(blocks.count, (width + 3) / max(1, blockWidth + 3)))
        var full: [[(String, CellStyle)]] = []
        // Tables that leave samples out are not the full form: the compact one shows them all.
        var whole = true
        if several {
            // Several samples: one table a route, a row a factor and a column a sample, so the
            // formulas are written once and the samples' numbers line up.
            (full, whole) = sampleTables(d, symbols: symbols, canvas: canvas, style: style, width: width, known: known)
        }
        for first in stride(from: 0, to: blocks.count, by: perRow) {
            let group = blocks[first..<min(blocks.count, first + perRow)]
            for row in 0..<(group.map(\.count).max() ?? 0) {
                full.append(group.map { block in
                    let (text, lineStyle) = row < block.count ? block[row] : ("", theme.plain)
                    return (perRow > 1 ? text + String(repeating: " ", count: max(0, blockWidth + 3 - canvas.length(text))) : text, lineStyle)
                })
            }
        }
        var compact: [(String, CellStyle)] = []
        if let first = d.paths.first {
            let labels = first.factors.map { isReduction($0) ? "∂J/∂E⁽ˢ⁾" : $0.label }
            compact.append(("each path: " + labels.joined(separator: " · "), theme.secondary))
        }
        for path in d.paths {
            let values = path.factors.map { known($0) ? style.factor($0.value) : "?" }.joined(separator: "·")
            let allKnown = path.factors.allSatisfy(known)
            let route = path.units.enumerated().dropFirst().map { symbols.activation(layer: d.weight.layer + $0.offset, unit: $0.element) }
            let through = route.isEmpty ? symbols.activation(layer: d.weight.layer, unit: path.units[0]) : route.joined(separator: "→")
            let sample = d.sampleGradients.count > 1 ? "s\(path.sample + 1) " : ""
            compact.append(("\(sample)via \(through): \(values) = \(allKnown ? style.format(path.product) : "pending")", allKnown ? theme.plain : theme.pending))
        }
        if d.omittedPathCount > 0 {
            let line = ("… \(d.omittedPathCount) more paths, summing to \(gradientKnown ? style.format(d.omittedSum) : "pending")", theme.secondary)
            full.append([line])
            compact.append(line)
        }

        var tail: [(String, CellStyle)] = []
        if current >= Phase.backward(layer: layerCount - 1).order(layerCount: layerCount) {
            // With several samples the tables carry these as a row; the compact form names the sample.
            var seen = Set<String>()
            for simplification in d.simplifications where simplification.sample == 0 && seen.insert(simplification.label).inserted {
                let text = "\(simplification.label) = \(simplification.formula) = \(style.format(simplification.value))"
                if several { compact.append(("sample 1: " + text, theme.secondary)) } else { tail.append((text, theme.secondary)) }
            }
        }
        if gradientKnown {
            let products = d.paths.map { style.factor($0.product) }
            let written = products.count > 1 && products.count <= 4 && d.omittedPathCount == 0
            let sum = written ? products.joined(separator: " + ") + " = " : ""
            // The sum is of the exact products; say so when the rounded terms add up differently.
            let shown = d.paths.map { Double(style.format($0.product).replacingOccurrences(of: "−", with: "-")) ?? $0.product }
            let rounded = written && style.format(shown.reduce(0, +)) != style.format(d.gradient) ? " (the terms are rounded)" : ""
            tail.append(("∂J/∂\(d.symbol) = \(sum)\(style.format(d.gradient))\(rounded)", theme.heading))
            let numeric = state.derived.numericGradient
            if numeric.isFinite && d.gradient.isFinite {
                let agrees = abs(d.gradient - numeric) <= 1e-6 * max(1, abs(d.gradient))
                tail.append(("numeric check (central difference) ≈ \(style.format(numeric)) \(agrees ? "✓ agrees" : "✗ differs")", agrees ? theme.good : theme.bad))
            } else {
                // A diverged run: the loss overflows, and differences of ∞ say nothing.
                tail.append(("numeric check (central difference) ≈ \(style.format(numeric)): not possible here, the loss is not finite", theme.secondary))
            }
        } else {
            tail.append(("∂J/∂\(d.symbol) = pending: the backward pass reaches it at step \(Phase.backward(layer: d.weight.layer).order(layerCount: layerCount) + 1 + step.batch * state.cursor.stepsPerBatch)", theme.pending))
        }
        let eta = style.compact(scenario.learningRate)
        if step.phase == .update {
            tail.append(("update: \(d.symbol) ← \(style.format(d.valueBefore)) − \(eta)·\(style.factor(d.gradient)) = \(style.format(d.valueAfter))", theme.current))
        } else {
            tail.append(("\(d.symbol) = \(style.format(d.valueBefore)) now; the update step applies \(d.symbol) ← \(d.symbol) − \(eta)·∂J/∂\(d.symbol)", theme.secondary))
        }

        return Content(heading: lines, full: full, compact: compact, tail: tail, ascii: canvas.ascii, fullIsWhole: whole)
    }

    /// The full form for a batch of several samples: for each route from the weight to the loss,
    /// a table with the factors as rows (label, formula) and the samples as columns, then the
    /// route's products. Columns that do not fit are counted in the header; `whole` says
    /// whether every sample fits.
    static func sampleTables(
        _ d: ChainRuleDecomposition, symbols: Symbols, canvas: Canvas, style: NumberStyle, width: Int, known: (ChainFactor) -> Bool
    ) -> (rows: [[(String, CellStyle)]], whole: Bool) {
        var whole = true
        let theme = canvas.theme
        var routes: [[Int]] = []
        for path in d.paths where !routes.contains(path.units) { routes.append(path.units) }
        let samples = d.sampleGradients.count
        var rows: [[(String, CellStyle)]] = []
        for (routeIndex, route) in routes.enumerated() {
            let paths = d.paths.filter { $0.units == route }
            guard let first = paths.first else { continue }
            let labels = first.factors.enumerated().map { index, factor in
                // ∂J/∂E⁽¹⁾, ∂J/∂E⁽²⁾, … are one row: ∂J/∂E⁽ˢ⁾.
                index == 0 && isReduction(factor) ? "∂J/∂E⁽ˢ⁾" : factor.label
            }
            let labelWidth = (labels + ["product"]).map(canvas.length).max() ?? 0
            // The exact simplification of the output factors, e.g. ∂E/∂Y₁ · ∂Y₁/∂netʸ₁ = Y₁ − Q₁.
            let outputUnit = route[route.count - 1]
            let simplified = paths.compactMap { path in d.simplifications.first { $0.sample == path.sample && $0.unit == outputUnit } }
            let simplifiedLabel = simplified.first.map { "\($0.label) = \($0.formula)" } ?? ""
            // Where the value columns start: after "label = formula", or the simplification's label.
            let formulaWidth = max(first.factors.map { canvas.length($0.formula) }.max() ?? 0, canvas.length(simplifiedLabel) - labelWidth - 3)
            let values = paths.flatMap { path in path.factors.map { style.format($0.value) } + [style.format(path.product)] }
                + simplified.map { style.format($0.value) }
            let columnWidth = max(6, (values.map(canvas.length).max() ?? 6)) + 2
            let fixed = 2 + labelWidth + 3 + formulaWidth + 1
            let fitting = max(1, (width - fixed) / columnWidth)
            let shown = paths.count <= fitting ? paths.count : max(1, fitting - 1)
            if shown < paths.count { whole = false }
            func pad(_ text: String, _ count: Int) -> String { text + String(repeating: " ", count: max(0, count - canvas.length(text))) }
            func right(_ text: String) -> String { String(repeating: " ", count: max(0, columnWidth - canvas.length(text))) + text }
            // Samples left out: counted once in the header, marked "…" on the rows.
            let more = paths.count > shown ? right("…") : ""
            let through = route.enumerated().map { symbols.activation(layer: d.weight.layer + $0.offset, unit: $0.element) }
            let heading = "path \(routeIndex + 1)/\(routes.count): \(d.symbol) → \(through.joined(separator: " → ")) → E, in each of the \(samples) samples"
            rows.append([(heading, theme.plain)])
            let header = "  " + pad("", labelWidth + 3 + formulaWidth + 1) + paths.prefix(shown).map { right("s\($0.sample + 1)") }.joined() + (more.isEmpty ? "" : "  +\(paths.count - shown) more")
            rows.append([(header, theme.secondary)])
            for (index, factor) in first.factors.enumerated() {
                let isKnown = known(factor)
                let cells = paths.prefix(shown).map { right(isKnown ? style.format($0.factors[index].value) : "·") }.joined()
                rows.append([("  \(pad(labels[index], labelWidth)) = \(pad(factor.formula, formulaWidth)) \(cells)\(more)", isKnown ? theme.plain : theme.pending)])
            }
            let outputFactor = first.factors[first.factors.count > 1 && isReduction(first.factors[0]) ? 1 : 0]
            if simplified.count == paths.count, !simplified.isEmpty, known(outputFactor) {
                let cells = simplified.prefix(shown).map { right(style.format($0.value)) }.joined()
                rows.append([("  \(pad(simplifiedLabel, labelWidth + 3 + formulaWidth + 1))\(cells)\(more)", theme.secondary)])
            }
            let allKnown = first.factors.allSatisfy(known)
            let products = paths.prefix(shown).map { right(allKnown ? style.format($0.product) : "·") }.joined()
            rows.append([("  \(pad("product", labelWidth + 3 + formulaWidth + 1))\(products)\(more)", allKnown ? theme.heading : theme.pending)])
        }
        return (rows, whole)
    }

    /// Whether `factor` is a batch's ∂J/∂E⁽ˢ⁾ = 1/m, the one factor whose label names its sample.
    static func isReduction(_ factor: ChainFactor) -> Bool { factor.label.hasPrefix("∂J/∂E⁽") }

    /// Draws the rows from the panel's scroll position, with a "more" hint when they overflow.
    private static func finish(_ canvas: inout Canvas, rows wrapped: [[(String, CellStyle)]], state: ViewerState, inner: Rect, rect: Rect) {
        let theme = canvas.theme
        let scroll = min(state.chainScroll, max(0, wrapped.count - inner.height))
        for (row, segments) in wrapped.dropFirst(scroll).prefix(inner.height).enumerated() {
            var x = inner.x
            for (text, lineStyle) in segments {
                x = canvas.writeFitted(text, x: x, y: inner.y + row, width: inner.maxX - x, style: lineStyle)
            }
        }
        let below = wrapped.count - scroll - inner.height
        if below > 0 { canvas.write(" ↓ \(below) more: ] ", x: rect.maxX - 18, y: rect.maxY - 1, style: theme.secondary) }
    }
}
