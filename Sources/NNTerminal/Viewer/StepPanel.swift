import NNCore

/// The current step: what it computes in words, and each formula with its numbers. When the
/// panel is short it shows the lines by priority: the values the step computes for the sample
/// the diagram shows first (shortened to their last sides if need be), then the lines that
/// lead to them, the summary, and the rest; the lines it leaves out follow below (PgDn).
enum StepPanel {
    /// A styled row of the panel.
    typealias Row = (String, CellStyle)

    /// How important a line is when rows are short: lower comes first.
    enum Priority: Int, Comparable {
        /// A value the step computes, of the shown sample: Z₁ = … = 0.5933, δ, the loss, the selected weight's update.
        case result
        /// What leads to a result, or says which sample: ∂E/∂Y₁, a sample heading, the selected weight's gradient.
        case support
        /// The step in words.
        case summary
        /// Everything else: other samples, other weights.
        case rest

        static func < (lhs: Priority, rhs: Priority) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// Rows of content the panel would like: its results as short as they go, its results in
    /// full, those with their support and summary, and every line.
    struct Wants: Equatable {
        var essential: Int, results: Int, more: Int, all: Int
    }

    /// One line of the explanation with its priority and its forms, longest first (a summary or
    /// a line that is not a result has one form).
    struct Entry {
        var priority: Priority
        var forms: [[Row]]
    }

    /// The explanation's lines in order, each with its priority and forms at an inner width of `width`.
    static func entries(_ state: ViewerState, theme: Theme, width: Int, ascii: Bool) -> [Entry] {
        let explanation = state.derived.explanation
        let renderer = FormulaRenderer(ascii ? .ascii : .unicode, style: state.numberStyle)
        let summary = TextFitting.wrap(renderer.tokens(explanation.summary), width: width, indent: 0, prose: true).map { ($0, theme.secondary) }
        var entries: [Entry] = []
        // A lecturer's note for this step comes first, in the current step's highlight.
        let index = state.derived.step.index
        for note in state.scenario.notes where note.index(stepsPerEpoch: state.cursor.stepsPerEpoch) == index {
            let text = renderer.textTokens("note: " + note.text)
            entries.append(Entry(priority: .result, forms: [TextFitting.wrap(text, width: width, indent: 2, prose: true).map { ($0, theme.current) }]))
        }
        entries.append(Entry(priority: .summary, forms: [summary]))
        let selected = state.derived.decomposition.weight
        let shown = min(state.shownSample, max(0, state.derived.step.record.sampleCount - 1))
        for line in explanation.lines {
            let style = line.parameter == selected ? theme.path : theme.plain
            let priority = priority(of: line, selected: selected, sample: shown)
            let variants = priority == .result ? shortened(line) : [line]
            // A remark reads as a sentence: it fills its lines rather than breaking at its first "=".
            let forms = variants.map { variant in
                TextFitting.wrap(renderer.tokens(variant), width: width, prose: line.kind == .note).map { ($0, style) }
            }
            entries.append(Entry(priority: priority, forms: forms))
        }
        return entries
    }

    /// Where `line` ranks, by its kind, its sample and its weight (never by its text).
    static func priority(of line: FormulaLine, selected: WeightID, sample: Int) -> Priority {
        guard line.sample == nil || line.sample == sample else { return .rest }
        let startsWithMath: Bool
        if case .math? = line.parts.first { startsWithMath = true } else { startsWithMath = false }
        switch line.kind {
        // dA, which a hidden layer gets from the layer above, is the point of its backward step (seed 001).
        case .activation, .loss, .delta, .outputGradient: return startsWithMath ? .result : .support
        case .update: return line.parameter == selected ? .result : .rest
        case .sampleHeading: return .support
        // "… and 8 more parameters of this layer" belongs after the lines it sums up, which rank as the rest.
        case .note: return .rest
        case .parameterGradient: return line.parameter == selected ? .support : .rest
        case .summary, .general: return .rest
        }
    }

    /// A result line and shorter forms of it: its first equation alone, then with its middle
    /// sides dropped one by one from the left, down to `symbol = value`.
    static func shortened(_ line: FormulaLine) -> [FormulaLine] {
        guard case .math(let equation)? = line.parts.first else { return [line] }
        var forms = [line]
        var sides = equation.sides
        func add() {
            forms.append(FormulaLine([.math(Equation(sides, assigns: equation.assigns))],
                                     kind: line.kind, sample: line.sample, indent: line.indent, parameter: line.parameter))
        }
        if line.parts.count > 1 { add() }
        while sides.count > 2 {
            sides.remove(at: 1)
            add()
        }
        return forms
    }

    /// The rows each level of ``Wants`` needs.
    static func wants(_ entries: [Entry]) -> Wants {
        func rows(_ entries: [Entry], shortest: Bool) -> Int {
            entries.reduce(0) { total, entry in
                total + (shortest ? entry.forms.map(\.count).min() ?? 0 : entry.forms[0].count)
            }
        }
        let results = entries.filter { $0.priority == .result }
        let more = entries.filter { $0.priority <= .summary }
        return Wants(essential: rows(results, shortest: true), results: rows(results, shortest: false),
                     more: rows(more, shortest: false), all: rows(entries, shortest: false))
    }

    /// The panel's rows for `height` rows of room: every line when it fits, else by priority
    /// (results shortened as little as will fit), followed by the lines left out.
    static func rows(_ entries: [Entry], height: Int, theme: Theme) -> [Row] {
        let all = entries.flatMap { $0.forms[0] }
        guard all.count > height else { return all }
        let results = entries.indices.filter { entries[$0].priority == .result }
        // The results first, each as long as lets them all fit (the same depth of shortening for all).
        let depth = results.map { entries[$0].forms.count }.max() ?? 1
        var chosen: [Int: Int] = [:]  // entry index → form index
        for level in 0..<depth {
            for index in results { chosen[index] = min(level, entries[index].forms.count - 1) }
            if results.reduce(0, { $0 + entries[$1].forms[chosen[$1] ?? 0].count }) <= height { break }
        }
        var used = results.reduce(0) { $0 + entries[$1].forms[chosen[$1] ?? 0].count }
        // Other samples' and weights' lines stay together below, rather than fill gaps one by one.
        for priority in [Priority.support, .summary] {
            for index in entries.indices where entries[index].priority == priority {
                let count = entries[index].forms[0].count
                if used + count <= height { chosen[index] = 0; used += count }
            }
        }
        var shown: [Row] = [], left: [Row] = []
        for (index, entry) in entries.enumerated() {
            if let form = chosen[index] { shown += entry.forms[form] }
            if chosen[index] != 0 { left += entry.forms[0] }
        }
        guard !left.isEmpty else { return shown }
        return shown + [("the rest of this step, in full:", theme.secondary)] + left
    }

    /// Draws the panel with its `rows` (``rows(_:height:theme:)`` at the inner size).
    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect, lines: [Row]) {
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
