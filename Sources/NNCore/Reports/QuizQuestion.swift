import Foundation

/// A quiz question about a step before it shows its numbers (`nnview --quiz`): the next unit's
/// activation at a forward step, the loss, the selected weight's next chain-rule factor at a
/// backward step, the updated weight at the update.
public struct QuizQuestion: Sendable, Equatable {
    /// The step (0-based, in the whole run) whose number is asked.
    public var index: Int
    /// What is asked, e.g. "Z₁ of sample 1".
    public var prompt: String
    /// The quantity in symbols with its formula, for a hint, e.g. Z₁ = σ(X₁·v₁₁ + X₂·v₂₁ + bᶻ₁).
    public var hint: FormulaLine
    /// The value.
    public var truth: Double
    /// The sample (0-based in the batch) whose symbols a typed formula takes.
    public var sample: Int
    /// The batch's numbers, for evaluating a typed formula.
    public var record: BatchRecord

    /// The question for `step`, about the selected `weight` at a backward step; sample `shown`
    /// of the batch.
    public init(step: Step, scenario: Scenario, weight: WeightID, shown: Int) {
        let record = step.record
        let sample = min(shown, record.sampleCount - 1)
        let symbols = Symbols(scenario: scenario)
        let several = record.sampleCount > 1 ? " of sample \(sample + 1)" : ""
        let explanation = StepExplanation(step: step, scenario: scenario, sampleLimit: sample + 1, parameterLimit: 64)
        func line(_ kind: FormulaLine.Kind, _ matches: (FormulaLine) -> Bool) -> FormulaLine? {
            explanation.lines.first { $0.kind == kind && ($0.sample == nil || $0.sample == sample) && matches($0) }
        }
        func symbolic(_ line: FormulaLine?) -> FormulaLine {
            guard let equation = line?.equations.first else { return FormulaLine(text: "", kind: .note) }
            return FormulaLine(Equation(Array(equation.sides.prefix(2)), assigns: equation.assigns), kind: .note)
        }
        index = step.index
        self.record = record
        self.sample = sample
        switch step.phase {
        case .forward(let l):
            let out = symbols.activation(layer: l, unit: 0)
            prompt = "\(out)\(several)"
            truth = record.out[l][sample][0]
            hint = symbolic(line(.activation) { $0.equations.first?.sides.first == .symbol(out) })
        case .loss:
            prompt = "the loss J of this batch"
            truth = record.loss
            hint = FormulaLine([.math(scenario.loss.formula(out: symbols.activation(layer: scenario.layers.count - 1, unit: 0).indexed(by: "k"),
                                                            target: symbols.target(0).indexed(by: "k")))], kind: .note)
        case .backward(let l):
            let d = ChainRule.decompose(weight, record: record, scenario: scenario, maximumPaths: 4)
            let path = d.paths.first { $0.sample == sample } ?? d.paths.first
            if let factor = path?.factors.first(where: { $0.computedAt == .backward(layer: l) }) {
                prompt = "\(factor.label.text) on the first path of \(d.symbol)\(several)"
                truth = factor.value
                hint = FormulaLine(Equation(factor.label, factor.formula), kind: .note)
            } else {
                let delta = symbols.delta(layer: l, unit: 0)
                prompt = "\(delta)\(several)"
                truth = record.delta[l][sample][0]
                hint = symbolic(line(.delta) { _ in true })
            }
        case .update:
            let d = ChainRule.decompose(weight, record: record, scenario: scenario, maximumPaths: 1)
            let w = Formula.symbol(d.symbol)
            prompt = "\(d.symbol) after the update"
            truth = d.valueAfter
            hint = FormulaLine(Equation([w, .minus(w, .times(.symbol(MathSymbol("η")), .partial(.symbol(MathSymbol("J")), w)))], assigns: true),
                               kind: .note)
        }
    }

    /// How an answer fared.
    public enum Verdict: Equatable, Sendable {
        /// Within 3 significant figures.
        case right
        /// Off.
        case wrong(Double)
        /// Not a number or a formula that can be evaluated here, with why.
        case unreadable(String)
    }

    /// Judges `answer`: a number, or a formula in the checker's notation evaluated at the
    /// step's numbers for the question's sample; right within 3 significant figures.
    public func judge(_ answer: String, scenario: Scenario) -> Verdict {
        let value: Double
        if let number = Double(answer.replacingOccurrences(of: "−", with: "-").trimmingCharacters(in: .whitespaces)) {
            value = number
        } else {
            do {
                let expression = try Expression.parse(answer)
                let values = try DerivationChecker.evaluate(expression, scenario: scenario, record: record, samples: sample..<sample + 1)
                value = values[0]
            } catch {
                return .unreadable("\(error)".split(separator: "\n").first.map(String.init) ?? "not a number or a formula")
            }
        }
        return Self.agrees(value, truth) ? .right : .wrong(value)
    }

    /// Whether `value` is `truth` to 3 significant figures (half a unit of the third digit).
    public static func agrees(_ value: Double, _ truth: Double) -> Bool {
        guard value.isFinite, truth.isFinite else { return value == truth || (value.isNaN && truth.isNaN) }
        guard truth != 0 else { return abs(value) < 5e-4 }
        let unit = pow(10, floor(log10(abs(truth))) - 2)
        return abs(value - truth) <= unit / 2 + 1e-12 * abs(truth)
    }
}
