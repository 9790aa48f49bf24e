import NNCore

/// The chain rule of the selected weight: every path, every factor (pending until the backward
/// pass computes it), each path's product, their sum, the numeric check, and the update.
enum ChainPanel {
    /// The panel's content at an inner width: a heading, the paths in full (one factor a line)
    /// and compact (one path a line), and the closing lines (sum, numeric check, update).
    struct Content {
        var heading: [(String, CellStyle)] = []
        var full: [[(String, CellStyle)]] = []
        /// The full form without its formula column: each factor's label and value.
        var labelled: [[(String, CellStyle)]] = []
        /// Whether the labelled form shows every sample.
        var labelledIsWhole = true
        /// "each path: ∂E/∂Y₁ · …": the compact form's legend, the first line to go when space is short.
        var legend: [(String, CellStyle)] = []
        var compact: [(String, CellStyle)] = []
        /// The output deltas' simplifications: after the full form's paths, or the compact form's.
        /// They go after the legend when space is short.
        var simplifications: [(String, CellStyle)] = []
        /// Whether the full form shows the simplifications (its tables carry them otherwise).
        var fullShowsSimplifications = true
        var tail: [(String, CellStyle)] = []
        /// Whether the screen is ASCII-only (text is wrapped at its ASCII width).
        var ascii = false
        /// Whether the full form is whole at this width (sample tables can be too wide for it).
        var fullIsWhole = true

        /// Rows the full form takes, wrapped at `width`.
        func fullRows(width: Int) -> Int {
            wrappedCount(heading, width) + full.count + (fullShowsSimplifications ? wrappedCount(simplifications, width) : 0)
                + wrappedCount(tail, width)
        }

        /// Rows the compact form takes.
        func compactRows(width: Int) -> Int {
            wrappedCount(heading, width) + wrappedCount(legend + compact + simplifications, width) + wrappedCount(tail, width)
        }

        /// Rows the labelled form takes: `complete` with the heading, the simplifications and the
        /// update line, else only the factors, the products, the sum and the numeric check.
        func labelledRows(width: Int, complete: Bool) -> Int {
            guard complete else { return labelled.count + wrappedCount(Array(tail.dropLast()), width) }
            return wrappedCount(heading, width) + labelled.count + (fullShowsSimplifications ? wrappedCount(simplifications, width) : 0)
                + wrappedCount(tail, width)
        }

        /// Rows of the least the panel shows: the sum and the numeric check (or the pending line).
        func minimalRows(width: Int) -> Int { wrappedCount(Array(tail.dropLast()), width) }

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
        var rows: [[(String, CellStyle)]] = []
        // Single-segment rows wrap at formula break points.
        func add(_ single: [(String, CellStyle)]) {
            for (text, lineStyle) in single {
                for piece in TextFitting.wrap(text, width: inner.width, ascii: canvas.ascii) { rows.append([(piece, lineStyle)]) }
            }
        }
        let width = inner.width, height = inner.height
        let compactCount = parts.legend.count + parts.compact.count + parts.simplifications.count
        if parts.fullIsWhole && (parts.fullRows(width: width) <= height || compactCount >= parts.full.count) {
            add(parts.heading)
            rows += parts.full
            if parts.fullShowsSimplifications { add(parts.simplifications) }
            add(parts.tail)
            return rows
        }
        // Without the formula column: complete when it fits, else down to the factors, sum and check.
        if parts.labelledIsWhole && parts.labelledRows(width: width, complete: true) <= height {
            add(parts.heading)
            rows += parts.labelled
            if parts.fullShowsSimplifications { add(parts.simplifications) }
            add(parts.tail)
            return rows
        }
        if parts.labelledIsWhole && parts.labelledRows(width: width, complete: false) <= height {
            rows += parts.labelled
            add(Array(parts.tail.dropLast()))
            return rows
        }
        add(compactLines(parts, height: height))
        return rows
    }

    /// The one-line paths, trimmed of their legend, simplifications and heading when space is
    /// short; when even that does not fit, the sum and the check come first so they always show.
    private static func compactLines(_ parts: Content, height: Int) -> [(String, CellStyle)] {
        var heading = parts.heading, legend = parts.legend, simplifications = parts.simplifications
        func total() -> Int { heading.count + legend.count + parts.compact.count + simplifications.count + parts.tail.count }
        if total() > height, !parts.compact.isEmpty { legend = [] }
        if total() > height { simplifications = [] }
        if total() > height { heading = [] }
        if total() > height { return parts.tail.dropLast() + parts.compact + parts.tail.suffix(1) }
        return heading + legend + parts.compact + simplifications + parts.tail
    }

    /// Builds the panel's content for an inner width of `width`.
    static func content(_ state: ViewerState, canvas: Canvas, width: Int) -> Content {
        content(state, state.derived.decomposition, canvas: canvas, width: width)
    }

    /// Builds the panel's content for `d` (the selected weight's, or another's to size the panel by).
    static func content(_ state: ViewerState, _ d: ChainRuleDecomposition, canvas: Canvas, width: Int) -> Content {
        let step = state.derived.step
        let theme = canvas.theme
        let style = state.numberStyle
        let layerCount = state.scenario.layers.count
        let current = step.phase.order(layerCount: layerCount)
        let renderer = canvas.formulas(style)
        let several = d.sampleGradients.count > 1
        let symbols = Symbols(scenario: state.scenario)

        func known(_ factor: ChainFactor) -> Bool { current >= factor.computedAt.order(layerCount: layerCount) }
        let gradientKnown = current >= Phase.backward(layer: d.weight.layer).order(layerCount: layerCount)

        var heading: [(String, CellStyle)] = []
        for formula in [d.batchFormula, d.formula].compactMap({ $0 }) {
            for piece in TextFitting.wrap(renderer.tokens(formula), width: width) { heading.append((piece, theme.heading)) }
        }
        var content = Content(heading: heading, ascii: canvas.ascii)
        var blocks: [[(String, CellStyle)]] = [], labelledBlocks: [[(String, CellStyle)]] = []
        for (index, path) in d.paths.enumerated() where !several {
            blocks.append(pathBlock(path, index: index, d, symbols: symbols, renderer: renderer, canvas: canvas, known: known))
            labelledBlocks.append(pathBlock(path, index: index, d, symbols: symbols, renderer: renderer, canvas: canvas,
                                            known: known, formulas: false))
        }
        // Tables that leave samples out are not the full form: the compact one shows them all.
        if several {
            // Several samples: one table a route, a row a factor and a column a sample, so the
            // formulas are written once and the samples' numbers line up.
            (content.full, content.fullIsWhole) = sampleTables(d, symbols: symbols, renderer: renderer, canvas: canvas,
                                                               width: width, known: known)
            (content.labelled, content.labelledIsWhole) = sampleTables(d, symbols: symbols, renderer: renderer, canvas: canvas,
                                                                       width: width, known: known, formulas: false)
        }
        content.full += sideBySide(blocks, width: width, canvas: canvas)
        content.labelled += sideBySide(labelledBlocks, width: width, canvas: canvas)
        (content.legend, content.compact) = compactPaths(d, symbols: symbols, renderer: renderer, theme: theme, known: known)
        if d.omittedPathCount > 0 {
            let line = ("… \(d.omittedPathCount) more paths, summing to \(gradientKnown ? style.format(d.omittedSum) : "pending")", theme.secondary)
            content.full.append([line])
            content.labelled.append([line])
            content.compact.append(line)
        }
        if current >= Phase.backward(layer: layerCount - 1).order(layerCount: layerCount) {
            content.simplifications = simplificationLines(d, renderer: renderer, theme: theme)
            content.fullShowsSimplifications = !several
        }
        content.tail = tail(state, d, renderer: renderer, theme: theme, gradientKnown: gradientKnown)
        return content
    }

    /// The output deltas' simplifications, one line an output unit: with one sample its value,
    /// with several each sample's (the tables of the full form carry them as a row).
    static func simplificationLines(_ d: ChainRuleDecomposition, renderer: FormulaRenderer, theme: Theme) -> [(String, CellStyle)] {
        var units: [Int] = []
        for simplification in d.simplifications where !units.contains(simplification.unit) { units.append(simplification.unit) }
        let shownSamples = 12
        return units.compactMap { unit in
            let rows = d.simplifications.filter { $0.unit == unit }
            guard let first = rows.first else { return nil }
            if rows.count == 1 {
                return (renderer.text(Equation(first.label, first.formula, .number(first.value, .value))), theme.secondary)
            }
            let values = rows.prefix(shownSamples).map { "s\($0.sample + 1) \(renderer.number($0.value, .value))" }.joined(separator: ", ")
            let more = rows.count > shownSamples ? ", … (\(rows.count - shownSamples) more samples)" : ""
            return (renderer.text(Equation(first.label, first.formula)) + ": " + values + more, theme.secondary)
        }
    }

    /// One path in full: a heading, one factor a line, and the product.
    static func pathBlock(_ path: ChainPath, index: Int, _ d: ChainRuleDecomposition, symbols: Symbols, renderer: FormulaRenderer, canvas: Canvas,
                          known: (ChainFactor) -> Bool, formulas withFormulas: Bool = true) -> [(String, CellStyle)] {
        let theme = canvas.theme
        let pathCount = d.paths.count + d.omittedPathCount
        let sampleNote = d.sampleGradients.count > 1 ? ", \(d.sampleGradients.count) samples" : ""
        let allKnown = path.factors.allSatisfy(known)
        let through = route(path.units, d, symbols: symbols, renderer: renderer).joined(separator: " → ")
        var block: [(String, CellStyle)] = [("path \(index + 1)/\(pathCount)\(sampleNote): \(renderer.target.write(d.symbol)) → \(through) → E", theme.plain)]
        let labels = path.factors.map { renderer.text($0.label) }, formulas = path.factors.map { renderer.text($0.formula) }
        let labelWidth = labels.map(canvas.length).max() ?? 0
        let formulaWidth = formulas.map(canvas.length).max() ?? 0
        for (factor, (label, formula)) in zip(path.factors, zip(labels, formulas)) {
            let row = withFormulas ? "  \(pad(label, labelWidth, canvas)) = \(pad(formula, formulaWidth, canvas)) = "
                : "  \(pad(label, labelWidth, canvas)) = "
            block.append(known(factor) ? (row + renderer.style.format(factor.value), theme.plain) : (row + "pending", theme.pending))
        }
        block.append(("  product = \(allKnown ? renderer.style.format(path.product) : "pending")", allKnown ? theme.heading : theme.pending))
        return block
    }

    /// The symbols of the units a path passes through: Z₁, Y₁.
    static func route(_ units: [Int], _ d: ChainRuleDecomposition, symbols: Symbols, renderer: FormulaRenderer) -> [String] {
        units.enumerated().map { renderer.target.write(symbols.activation(layer: d.weight.layer + $0.offset, unit: $0.element)) }
    }

    static func pad(_ text: String, _ width: Int, _ canvas: Canvas) -> String {
        text + String(repeating: " ", count: max(0, width - canvas.length(text)))
    }

    /// Blocks side by side, as many to a row as fit in `width`.
    static func sideBySide(_ blocks: [[(String, CellStyle)]], width: Int, canvas: Canvas) -> [[(String, CellStyle)]] {
        let blockWidth = blocks.flatMap { $0.map { canvas.length($0.0) } }.max() ?? 0
        let perRow = max(1, min(blocks.count, (width + 3) / max(1, blockWidth + 3)))
        var rows: [[(String, CellStyle)]] = []
        for first in stride(from: 0, to: blocks.count, by: perRow) {
            let group = blocks[first..<min(blocks.count, first + perRow)]
            for row in 0..<(group.map(\.count).max() ?? 0) {
                rows.append(group.map { block in
                    let (text, lineStyle) = row < block.count ? block[row] : ("", canvas.theme.plain)
                    return (perRow > 1 ? pad(text, blockWidth + 3, canvas) : text, lineStyle)
                })
            }
        }
        return rows
    }

    /// The label a batch's ∂J/∂E⁽ˢ⁾ row or legend shows for a factor: the reduction in general terms.
    static func rowLabel(_ factor: ChainFactor) -> Formula {
        factor.kind == .reduction ? .partial(.symbol(MathSymbol("J")), .symbol(MathSymbol("E", sample: .letter("s")))) : factor.label
    }

    /// The compact form: a legend naming the factors, then one line a path with its numbers.
    static func compactPaths(_ d: ChainRuleDecomposition, symbols: Symbols, renderer: FormulaRenderer, theme: Theme,
                             known: (ChainFactor) -> Bool) -> (legend: [(String, CellStyle)], paths: [(String, CellStyle)]) {
        let style = renderer.style
        var legend: [(String, CellStyle)] = []
        if let first = d.paths.first {
            legend.append(("each path: " + renderer.text(.chain(first.factors.map(rowLabel))), theme.secondary))
        }
        let paths: [(String, CellStyle)] = d.paths.map { path in
            let values = path.factors.map { known($0) ? style.factor($0.value) : "?" }.joined(separator: "·")
            let allKnown = path.factors.allSatisfy(known)
            let names = route(path.units, d, symbols: symbols, renderer: renderer)
            let through = names.count > 1 ? names.dropFirst().joined(separator: "→") : names[0]
            let sample = d.sampleGradients.count > 1 ? "s\(path.sample + 1) " : ""
            return ("\(sample)via \(through): \(values) = \(allKnown ? style.format(path.product) : "pending")", allKnown ? theme.plain : theme.pending)
        }
        return (legend, paths)
    }

    /// Why a path's product is finite when one of its factors is not: an output so close to 0
    /// or 1 that ∂E/∂Y overflows (and ∂Y/∂net is 0), while the engine multiplies the exact
    /// simplified δ. Nil when every factor is finite.
    static func overflowNote(_ d: ChainRuleDecomposition, renderer: FormulaRenderer) -> String? {
        guard let path = d.paths.first(where: { $0.product.isFinite && $0.factors.contains { !$0.value.isFinite } }),
              let factor = path.factors.first(where: { !$0.value.isFinite }) else { return nil }
        let simplified = d.simplifications.first { $0.sample == path.sample && $0.unit == path.units[path.units.count - 1] }
        let exact = simplified.map { " δ = " + renderer.text(Equation($0.formula, .number($0.value, .value))) + "," } ?? " δ,"
        return "\(renderer.text(factor.label)) = \(renderer.number(factor.value, .value)) because the output is so close to 0 or 1 "
            + "that the unsimplified form overflows; the product uses the simplified\(exact) which is exact"
    }

    /// The closing lines: the sum of the paths, the numeric check, and the update.
    static func tail(_ state: ViewerState, _ d: ChainRuleDecomposition, renderer: FormulaRenderer, theme: Theme,
                     gradientKnown: Bool) -> [(String, CellStyle)] {
        let step = state.derived.step
        let style = renderer.style
        let symbol = renderer.target.write(d.symbol)
        var tail: [(String, CellStyle)] = []
        if gradientKnown {
            if let decay = ChainRule.weightDecayLine(d, scenario: state.scenario) { tail.append((renderer.text(decay), theme.plain)) }
            let products = d.paths.map { style.factor($0.product) } + (d.weightDecayTerm == 0 ? [] : [style.factor(d.weightDecayTerm)])
            let written = products.count > 1 && products.count <= 5 && d.omittedPathCount == 0
            let sum = written ? products.joined(separator: " + ") + " = " : ""
            // The sum is of the exact products; say so when the rounded terms add up differently.
            let shown = (d.paths.map(\.product) + [d.weightDecayTerm]).map {
                Double(style.format($0).replacingOccurrences(of: "−", with: "-")) ?? $0
            }
            let rounded = written && style.format(shown.reduce(0, +)) != style.format(d.gradient) ? " (the terms are rounded)" : ""
            tail.append(("∂J/∂\(symbol) = \(sum)\(style.format(d.gradient))\(rounded)", theme.heading))
            let numeric = state.derived.numericGradient
            if numeric.isFinite && d.gradient.isFinite {
                let agrees = abs(d.gradient - numeric) <= 1e-6 * max(1, abs(d.gradient))
                tail.append(("numeric check (central difference) ≈ \(style.format(numeric)) \(agrees ? "✓ agrees" : "✗ differs")", agrees ? theme.good : theme.bad))
            } else {
                // A diverged run: the loss overflows, and differences of ∞ say nothing.
                tail.append(("numeric check (central difference) ≈ \(style.format(numeric)): not possible here, the loss is not finite", theme.secondary))
            }
        } else {
            let layerCount = state.scenario.layers.count
            let at = Phase.backward(layer: d.weight.layer).order(layerCount: layerCount) + 1 + step.batch * state.cursor.stepsPerBatch
            tail.append(("∂J/∂\(symbol) = pending: the backward pass reaches it at step \(at)", theme.pending))
        }
        if let note = overflowNote(d, renderer: renderer) { tail.append((note, theme.secondary)) }
        let eta = style.compact(state.scenario.learningRate)
        if let note = ChainRule.updateNote(d, scenario: state.scenario, renderer: renderer, applied: step.phase == .update) {
            tail.append((note, step.phase == .update ? theme.current : theme.secondary))
        } else if step.phase == .update {
            tail.append(("update: \(symbol) ← \(style.format(d.valueBefore)) − \(eta)·\(style.factor(d.gradient)) = \(style.format(d.valueAfter))", theme.current))
        } else {
            tail.append(("\(symbol) = \(style.format(d.valueBefore)) now; the update step applies \(symbol) ← \(symbol) − \(eta)·∂J/∂\(symbol)", theme.secondary))
        }
        return tail
    }

    /// The full form for a batch of several samples: for each route from the weight to the loss,
    /// a table with the factors as rows (label, formula) and the samples as columns, then the
    /// route's products. Columns that do not fit are counted in the header; `whole` says
    /// whether every sample fits.
    static func sampleTables(
        _ d: ChainRuleDecomposition, symbols: Symbols, renderer: FormulaRenderer, canvas: Canvas, width: Int, known: (ChainFactor) -> Bool,
        formulas: Bool = true
    ) -> (rows: [[(String, CellStyle)]], whole: Bool) {
        var whole = true
        var routes: [[Int]] = []
        for path in d.paths where !routes.contains(path.units) { routes.append(path.units) }
        var rows: [[(String, CellStyle)]] = []
        for (routeIndex, route) in routes.enumerated() {
            let paths = d.paths.filter { $0.units == route }
            guard !paths.isEmpty else { continue }
            let (table, tableWhole) = sampleTable(paths, routeIndex: routeIndex, routeCount: routes.count, d, symbols: symbols,
                                                  renderer: renderer, canvas: canvas, width: width, known: known, formulas: formulas)
            rows += table
            whole = whole && tableWhole
        }
        return (rows, whole)
    }

    /// The table of one route: its factors as rows, its samples as columns.
    static func sampleTable(
        _ paths: [ChainPath], routeIndex: Int, routeCount: Int, _ d: ChainRuleDecomposition, symbols: Symbols, renderer: FormulaRenderer,
        canvas: Canvas, width: Int, known: (ChainFactor) -> Bool, formulas withFormulas: Bool = true
    ) -> (rows: [[(String, CellStyle)]], whole: Bool) {
        let theme = canvas.theme, style = renderer.style
        let first = paths[0], route = first.units
        // ∂J/∂E⁽¹⁾, ∂J/∂E⁽²⁾, … are one row: ∂J/∂E⁽ˢ⁾.
        let labels = first.factors.map { renderer.text(rowLabel($0)) }
        // Without formulas the column is empty, and its " = " goes with it.
        let formulas = first.factors.map { withFormulas ? renderer.text($0.formula) : "" }
        let labelWidth = (labels + ["product"]).map(canvas.length).max() ?? 0
        // The exact simplification of the output factors, e.g. ∂E/∂Y₁ · ∂Y₁/∂netʸ₁ = Y₁ − Q₁.
        let outputUnit = route[route.count - 1]
        let simplified = !withFormulas ? [] : paths.compactMap { path in
            d.simplifications.first { $0.sample == path.sample && $0.unit == outputUnit }
        }
        let simplifiedLabel = simplified.first.map { renderer.text(Equation($0.label, $0.formula)) } ?? ""
        // Where the value columns start: after "label = formula", or the simplification's label.
        let formulaWidth = max(formulas.map(canvas.length).max() ?? 0, canvas.length(simplifiedLabel) - labelWidth - 3)
        let values = paths.flatMap { path in path.factors.map { style.format($0.value) } + [style.format(path.product)] }
            + simplified.map { style.format($0.value) }
        let columnWidth = max(6, (values.map(canvas.length).max() ?? 6)) + 2
        let fixed = 2 + labelWidth + 3 + formulaWidth + 1
        let fitting = max(1, (width - fixed) / columnWidth)
        let shown = paths.count <= fitting ? paths.count : max(1, fitting - 1)
        func pad(_ text: String, _ count: Int) -> String { ChainPanel.pad(text, count, canvas) }
        func right(_ text: String) -> String { String(repeating: " ", count: max(0, columnWidth - canvas.length(text))) + text }
        // Samples left out: counted once in the header, marked "…" on the rows.
        let more = paths.count > shown ? right("…") : ""
        let through = ChainPanel.route(route, d, symbols: symbols, renderer: renderer).joined(separator: " → ")
        let samples = d.sampleGradients.count
        var rows: [[(String, CellStyle)]] = []
        let heading = "path \(routeIndex + 1)/\(routeCount): \(renderer.target.write(d.symbol)) → \(through) → E, in each of the \(samples) samples"
        rows.append([(heading, theme.plain)])
        let header = "  " + pad("", labelWidth + 3 + formulaWidth + 1) + paths.prefix(shown).map { right("s\($0.sample + 1)") }.joined()
            + (more.isEmpty ? "" : "  +\(paths.count - shown) more")
        rows.append([(header, theme.secondary)])
        for (index, factor) in first.factors.enumerated() {
            let isKnown = known(factor)
            let cells = paths.prefix(shown).map { right(isKnown ? style.format($0.factors[index].value) : "·") }.joined()
            let formula = withFormulas ? " = \(pad(formulas[index], formulaWidth))" : pad("", formulaWidth + 3)
            rows.append([("  \(pad(labels[index], labelWidth))\(formula) \(cells)\(more)", isKnown ? theme.plain : theme.pending)])
        }
        let outputFactor = first.factors[first.factors.count > 1 && first.factors[0].kind == .reduction ? 1 : 0]
        if simplified.count == paths.count, !simplified.isEmpty, known(outputFactor) {
            let cells = simplified.prefix(shown).map { right(style.format($0.value)) }.joined()
            rows.append([("  \(pad(simplifiedLabel, labelWidth + 3 + formulaWidth + 1))\(cells)\(more)", theme.secondary)])
        }
        let allKnown = first.factors.allSatisfy(known)
        let products = paths.prefix(shown).map { right(allKnown ? style.format($0.product) : "·") }.joined()
        rows.append([("  \(pad("product", labelWidth + 3 + formulaWidth + 1))\(products)\(more)", allKnown ? theme.heading : theme.pending)])
        return (rows, shown == paths.count)
    }

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
