/// The chain rule of one weight over the first batch at the initial parameters, for
/// `nnview explain`: the decomposition, its numeric check, as text or JSON.
public struct ExplainReport {
    /// The decomposition.
    public var decomposition: ChainRuleDecomposition
    /// Central-difference estimate of the same gradient.
    public var numericGradient: Double
    /// The scenario.
    public var scenario: Scenario

    /// Builds the report for `weight` at the start of training.
    public init(scenario: Scenario, weight: WeightID) {
        let run = TrainingRun(scenario: scenario)
        let record = run.record(epoch: 0, batch: 0)
        decomposition = ChainRule.decompose(weight, record: record, scenario: scenario)
        numericGradient = run.numericGradient(of: weight, at: record.parametersBefore, range: record.sampleRange)
        self.scenario = scenario
    }

    /// `weight`, `gradient`, `numeric_gradient`, `paths` (each with `sample`, `units`,
    /// `factors` — `label`, `formula`, `value` — and `product`), plus the simplifications and the update.
    public var json: JSONOutput {
        let symbols = Symbols(scenario: scenario)
        let d = decomposition
        return .object([
            ("weight", .string(d.weight.name(layerSizes: scenario.layerSizes, notation: scenario.notation))),
            ("symbol", .string(d.symbol.description)),
            ("notation", .string(scenario.notation.rawValue)),
            ("formula", .string(d.formula.text)),
            ("gradient", .number(d.gradient)),
            ("numeric_gradient", .number(numericGradient)),
            ("samples", .integer(d.sampleGradients.count)),
            ("sample_gradients", .numbers(d.sampleGradients)),
            ("reduction_factor", .number(d.reductionFactor)),
            ("paths", .array(d.paths.map { path in
                .object([
                    ("sample", .integer(path.sample + 1)),
                    ("through", .array(path.units.enumerated().map { .string(symbols.activation(layer: d.weight.layer + $0.offset, unit: $0.element).description) })),
                    ("factors", .array(path.factors.map { .object([("label", .string($0.label.text)), ("formula", .string($0.formula.text)), ("value", .number($0.value))]) })),
                    ("product", .number(path.product)),
                ])
            })),
            ("omitted_paths", .integer(d.omittedPathCount)),
            ("simplifications", .array(d.simplifications.map {
                .object([("sample", .integer($0.sample + 1)), ("label", .string($0.label.text)), ("formula", .string($0.formula.text)), ("value", .number($0.value))])
            })),
            ("learning_rate", .number(scenario.learningRate)),
            ("value_before", .number(d.valueBefore)),
            ("value_after", .number(d.valueAfter)),
        ])
    }

    /// The decomposition for people: each path with its factors, the sum, and the check.
    public func text(style: NumberStyle = .standard) -> String {
        let d = decomposition
        let symbols = Symbols(scenario: scenario)
        // A line feed in the name must not start a line of its own: escape it here.
        var lines = ["\(TerminalText.escaped(scenario.name)) — \(scenario.notation.rawValue) notation", "", d.formula.text] + (d.batchFormula.map { [$0.text] } ?? []) + [""]
        for (index, path) in d.paths.enumerated() {
            let through = path.units.enumerated().map { symbols.activation(layer: d.weight.layer + $0.offset, unit: $0.element).description }.joined(separator: " → ")
            let sample = d.sampleGradients.count > 1 ? "sample \(path.sample + 1), " : ""
            lines.append("path \(index + 1) (\(sample)\(d.symbol) → \(through) → E):")
            let labelWidth = path.factors.map(\.label.text.count).max() ?? 0
            let formulaWidth = path.factors.map(\.formula.text.count).max() ?? 0
            for factor in path.factors {
                lines.append("  " + pad(factor.label.text, labelWidth) + " = " + pad(factor.formula.text, formulaWidth) + " = " + style.format(factor.value))
            }
            lines.append("  product = " + style.format(path.product))
            lines.append("")
        }
        if d.omittedPathCount > 0 {
            lines.append("… and \(d.omittedPathCount) more paths, summing to \(style.format(d.omittedSum))")
            lines.append("")
        }
        var seen = Set<String>()
        for simplification in d.simplifications where seen.insert("\(simplification.label.text)\(simplification.sample)").inserted {
            let sample = d.sampleGradients.count > 1 ? " (sample \(simplification.sample + 1))" : ""
            lines.append("\(simplification.label.text) = \(simplification.formula.text) = \(style.format(simplification.value))\(sample)")
        }
        if !d.simplifications.isEmpty { lines.append("") }
        if let decay = ChainRule.weightDecayLine(d, scenario: scenario) { lines.append(decay.text) }
        let decay = d.weightDecayTerm == 0 ? [] : [style.factor(d.weightDecayTerm)]
        let products = d.paths.map { style.factor($0.product) } + decay
        let sum = products.count <= 1 && d.omittedPathCount == 0 ? "" : products.count <= 6 ? products.joined(separator: " + ") + (d.omittedPathCount > 0 ? " + …" : "") + " = " : ""
        lines.append("∂J/∂\(d.symbol) = \(sum)\(style.format(d.gradient))")
        lines.append("numeric check (central difference): \(style.format(numericGradient))")
        if let note = ChainRule.updateNote(d, scenario: scenario, renderer: FormulaRenderer(.unicode, style: style)) {
            lines.append(note)
            return lines.joined(separator: "\n")
        }
        lines.append("update: \(d.symbol) ← \(style.format(d.valueBefore)) − \(style.compact(scenario.learningRate))·\(style.factor(d.gradient)) = \(style.format(d.valueAfter))")
        return lines.joined(separator: "\n")
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - text.count))
    }
}
