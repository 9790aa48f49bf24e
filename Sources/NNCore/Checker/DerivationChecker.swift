/// Checks a student's formula for a weight's gradient against the true one, at the scenario's
/// values and at several random parameter settings, and names the classic mistake it looks like.
///
/// The formula is evaluated for each sample s of the batch. Two readings are correct:
/// - **one sample's share of ∂J/∂w**: the values summed over the batch give ∂J/∂w (with a mean
///   over m samples the share carries 1/m, as in seed 003's ∂J/∂w = Xᵀ(ŷ − y)/m);
/// - **∂E⁽ˢ⁾/∂w for one sample**: the value at every sample is that sample's gradient, and ∂J/∂w
///   is their mean (or sum) over the batch.
/// With one sample, or a sum over the batch, the two are the same.
public struct DerivationCheck: Sendable {
    /// Which reading of the formula matched.
    public enum Form: String, Sendable, Equatable {
        /// Summed over the batch's samples, the formula gives ∂J/∂w.
        case batchShare = "batch_share"
        /// At every sample s, the formula gives ∂E⁽ˢ⁾/∂w.
        case perSample = "per_sample"
        /// The formula sums over the batch's samples itself (Σ_s) and gives ∂J/∂w.
        case batch
    }

    /// Which readings the caller accepts: both for `check` and the viewer; a quiz asking for
    /// ∂J/∂w itself may insist on the batch's.
    public enum Expectation: Sendable, Equatable {
        case either, batchShare, perSample

        func accepts(_ form: Form) -> Bool {
            switch self {
            case .either: return true
            case .batchShare: return form == .batchShare || form == .batch
            case .perSample: return form == .perSample
            }
        }
    }

    /// One place the formula was evaluated.
    public struct Point: Sendable, Equatable {
        /// Where: "current values", "at epoch 50" or "random point 2".
        public var label: String
        /// What the formula gave, summed over the batch's samples (its one value when it sums
        /// over them itself).
        public var formulaValue: Double
        /// ∂J/∂w there.
        public var gradient: Double
        /// Whether the sum agrees with ∂J/∂w.
        public var agrees: Bool
        /// The formula at each sample of the batch (none when it sums over the samples itself).
        public var sampleValues: [Double]
        /// ∂E⁽ˢ⁾/∂w at each sample.
        public var sampleGradients: [Double]
        /// Whether the formula gives ∂E⁽ˢ⁾/∂w at every sample.
        public var agreesPerSample: Bool

        /// Whether this point says nothing about the formula: the true gradient is NaN or
        /// infinite (a diverged run), so no formula can match it and a mismatch is no evidence.
        public var isSkipped: Bool { !gradient.isFinite }

        /// Whether the point really tests the formula: where the true gradient is 0 at every
        /// sample (a relu unit that is off) and the formula gives 0 too, 0 = 0 tests nothing.
        public var testsFormula: Bool {
            !isSkipped && (gradient != 0 || formulaValue != 0 || sampleGradients.contains { $0 != 0 } || sampleValues.contains { $0 != 0 })
        }
    }

    /// The classic mistakes, by the code the JSON report carries.
    public enum Mistake: String, Sendable, Equatable, CaseIterable {
        /// The whole result has the opposite sign.
        case sign
        /// ∂J/∂w was asked for, but the 1/m of the mean is missing.
        case missingMean = "missing_mean"
        /// A 1/m too many (or any 1/m when J is a sum).
        case extraMean = "extra_mean"
        /// Twice the gradient: the ½ of E = ½Σ(Y − Q)² was lost.
        case missingHalf = "missing_half"
        /// Half the gradient: the 2 from differentiating the square was lost.
        case extraHalf = "extra_half"
        /// Another constant factor between the formula and the gradient.
        case constantFactor = "constant_factor"
        /// The sign of the (1 − y)/(1 − ŷ) term of ∂E/∂ŷ is flipped (binary cross-entropy).
        case bceTermSign = "bce_term_sign"
        /// Only the paths through one output, not the sum over all outputs.
        case missingSum = "missing_sum"
        /// A layer's activation derivative is missing or is another activation's.
        case activationDerivative = "activation_derivative"
        /// An extra Y(1 − Y) where ∂E/∂net = Y − Q already contains it.
        case extraActivationDerivative = "extra_activation_derivative"
        /// Weight indices swapped: w_kj for w_jk, the transposed matrix.
        case swappedIndices = "swapped_indices"
        /// Softmax outputs treated as independent sigmoids.
        case softmaxAsSigmoid = "softmax_as_sigmoid"
        /// The input the weight multiplies is another unit's, or missing.
        case inputFactor = "input_factor"

        /// The code in JSON reports, e.g. "missing_mean".
        public var code: String { rawValue }
    }

    /// What a wrong formula looks like: one or more mistakes, said in words.
    public struct Hint: Sendable, Equatable {
        /// The mistakes, most telling first.
        public var mistakes: [Mistake]
        /// The hint, e.g. "the sign is flipped and the 1/m of the mean is missing: …".
        public var text: String
        /// formula ÷ gradient when that is a constant, e.g. −1 or 4.
        public var factor: Double?
        /// Whether the hint reads the formula as ∂E/∂w for one sample (its values are best
        /// compared sample by sample).
        public var perSample = false
    }

    /// The formula as typed.
    public var formula: String
    /// The weight it was checked for.
    public var weight: WeightID
    /// Every evaluation.
    public var points: [Point]
    /// The readings the caller accepted.
    public var expectation: Expectation = .either
    /// The reading that matched, when the formula is right.
    public var form: Form?
    /// What it looks like, when wrong and recognised.
    public var hint: Hint?
    /// ∂J/∂E⁽ˢ⁾: 1/m for a mean over m samples, 1 for a sum.
    public var reductionFactor: Double = 1
    /// The weight's value at the first point: the parameters as the batch began, before its update.
    public var weightValue: Double = 0

    /// The first mistake of the hint.
    public var mistake: Mistake? { hint?.mistakes.first }

    /// Samples in the batch.
    public var sampleCount: Int { points.first?.sampleGradients.count ?? 0 }

    /// Whether the formula sums over the batch's samples itself (Σ_s), so that its one value is ∂J/∂w.
    public var formulaSumsOverSamples = false

    /// The points where the true gradient is finite, which judge the formula.
    public var comparablePoints: [Point] { points.filter { !$0.isSkipped } }

    /// How many points really tested the formula (see ``Point/testsFormula``).
    public var testedPointCount: Int { points.filter(\.testsFormula).count }

    /// Whether at least one point can judge the formula.
    public var isComparable: Bool { points.contains { !$0.isSkipped } }

    /// Whether the formula gave the gradient, in an accepted reading, at every comparable point.
    public var isCorrect: Bool { isComparable && form != nil }
}

/// Why a formula could not be checked.
public struct DerivationCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, with a caret line under the formula for parse errors.
    public var description: String
}

/// Runs ``DerivationCheck``s.
public enum DerivationChecker {
    /// Random points (parameters and data) tried besides the scenario's values.
    public static let randomPoints = 4
    /// The most names and numbers a check reads, over every sample and point (about a second).
    public static let maximumWork = 20_000_000
    /// Random settings drawn at most, looking for ones where the gradient is not 0.
    static let maximumDraws = 24

    /// Checks `formula` for `weight` on the batch of `record` and at random points. `label`
    /// names the point of `record` in the report, e.g. "at epoch 50". `expecting` says which
    /// readings count as right (both by default).
    public static func check(
        _ formula: String, weight: WeightID, scenario: Scenario, record: BatchRecord, label: String = "current values",
        expecting: DerivationCheck.Expectation = .either
    ) throws(DerivationCheckError) -> DerivationCheck {
        let expression = try parse(formula)
        let wholeBatch = expression.sumsOverSamples
        // ∂E⁽ˢ⁾/∂w does not depend on m: a formula that reads m is evaluated again with another m.
        let otherCount = expression.mentionsSampleCount && !wholeBatch ? 2 * record.sampleCount + 1 : nil
        try limitWork(expression, sampleCount: record.sampleCount, passes: otherCount == nil ? 1 : 2)
        // The random points' data is appended to the scenario's: from here on, `scenario` holds both.
        let random = RandomPoints(for: weight, scenario: scenario, batch: record.batch, count: randomPoints, maximumDraws: maximumDraws)
        let scenario = random.scenario
        let records = [(label, record)] + random.records
        let truth = Truth(scenario: scenario, weight: weight)
        var points: [DerivationCheck.Point] = [], otherValues: [[Double]] = []
        for (label, pointRecord) in records {
            do {
                if wholeBatch {
                    // Its sum over the samples is inside: one value for the batch.
                    let value = try evaluate(expression, scenario: scenario, record: pointRecord, samples: 0..<1)[0]
                    points.append(batchPoint(label: label, value: value, record: pointRecord, truth: truth))
                    continue
                }
                let samples = 0..<pointRecord.sampleCount
                var point = point(label: label, values: try evaluate(expression, scenario: scenario, record: pointRecord, samples: samples),
                                  record: pointRecord, truth: truth)
                if let otherCount {
                    let other = try evaluate(expression, scenario: scenario, record: pointRecord, samples: samples, sampleCount: otherCount)
                    point.agreesPerSample = point.agreesPerSample && agreePerSample(other, point.sampleGradients)
                    otherValues.append(other)
                }
                points.append(point)
            } catch {
                // A name the net has only with its indices the other way round is a hint, not an error.
                if let hint = DerivationHints.swappedOnly(expression, truth: truth, records: records.map(\.1)) {
                    return wrongBySwap(formula, weight: weight, records: records, truth: truth, hint: hint, expecting: expecting)
                }
                throw error
            }
        }
        var check = DerivationCheck(formula: formula, weight: weight, points: points, expectation: expecting)
        check.reductionFactor = scenario.reduction.factor(count: record.sampleCount)
        check.weightValue = truth.parameter(record)
        check.formulaSumsOverSamples = wholeBatch
        check.form = form(of: check)
        if check.isComparable && !check.isCorrect {
            let kept = records.indices.filter { !points[$0].isSkipped }
            if wholeBatch {
                check.hint = DerivationHints.recogniseBatch(values: kept.map { points[$0].formulaValue }, records: kept.map { records[$0].1 }, truth: truth)
                return check
            }
            check.hint = DerivationHints.recognise(
                expression, values: kept.map { points[$0].sampleValues }, records: kept.map { records[$0].1 },
                truth: truth, expecting: expecting, otherCount: otherCount.map { count in (count, kept.map { otherValues[$0] }) }
            )
        }
        return check
    }

    /// The reading of the formula that agrees at every comparable point, if any.
    static func form(of check: DerivationCheck) -> DerivationCheck.Form? {
        let comparable = check.comparablePoints
        guard !comparable.isEmpty else { return nil }
        if check.formulaSumsOverSamples {
            return check.expectation.accepts(.batch) && comparable.allSatisfy(\.agrees) ? .batch : nil
        }
        if check.expectation.accepts(.batchShare) && comparable.allSatisfy(\.agrees) { return .batchShare }
        if check.expectation.accepts(.perSample) && comparable.allSatisfy(\.agreesPerSample) { return .perSample }
        return nil
    }

    static func parse(_ formula: String) throws(DerivationCheckError) -> Expression {
        do {
            return try Expression.parse(formula)
        } catch {
            // The formula is shown escaped (one line, no control character), so the caret counts
            // the escaped text before the column.
            let before = TerminalText.escaped(String(formula.prefix(max(0, error.column - 1))))
            let caret = String(repeating: " ", count: before.count) + "^"
            throw DerivationCheckError(description: "\(error.message)\n  \(TerminalText.escaped(formula))\n  \(caret)")
        }
    }

    /// The formula is read at every sample of every point (`passes` times); past this much work
    /// a check would keep a lecture waiting.
    static func limitWork(_ expression: Expression, sampleCount: Int, passes: Int) throws(DerivationCheckError) {
        let pointCount = 1 + randomPoints
        let (work, overflow) = expression.evaluationCost.multipliedReportingOverflow(by: sampleCount * pointCount * passes)
        guard !overflow, work <= maximumWork else {
            throw DerivationCheckError(description: "the formula is too long for this batch: its \(expression.evaluationCost) terms at each of "
                + "\(sampleCount) samples and \(pointCount) points are more than \(maximumWork) to evaluate; write it with fewer terms")
        }
    }

    /// The formula at each of `samples`, with the names looked up in `scenario` at `record`.
    static func evaluate(
        _ expression: Expression, scenario: Scenario, record: BatchRecord, samples: Range<Int>, transposed: Set<Int> = [],
        sampleCount: Int? = nil
    ) throws(DerivationCheckError) -> [Double] {
        do {
            let formula = try CompiledFormula(expression, scenario: scenario, record: record, transposed: transposed, sampleCount: sampleCount)
            var values: [Double] = []
            values.reserveCapacity(samples.count)
            for sample in samples { values.append(try formula.evaluate(record: record, sample: sample)) }
            return values
        } catch {
            switch error {
            case .unknownSymbol(let name, _):
                let advice = sampleIndexAdvice(expression, scenario: scenario, record: record).map { "; \($0)" } ?? ""
                throw DerivationCheckError(description: "\(error): \(DerivationSymbols.hint(for: name, scenario: scenario))\(advice)")
            case .outsideSampleSum:
                throw DerivationCheckError(description: "\(error)")
            }
        }
    }

    /// Advice for `Σ_i (ŷ_i − y_i)·X1`, where i is meant as the sample: names carry no sample index.
    static func sampleIndexAdvice(_ expression: Expression, scenario: Scenario, record: BatchRecord) -> String? {
        let symbols = DerivationSymbols(scenario: scenario, record: record, sample: 0)
        for (index, name) in expression.indexedNames {
            var base = name.replacingOccurrences(of: "{\(index)}", with: "")
            while base.hasSuffix("_") { base.removeLast() }
            guard let reference = symbols.reference(base), reference.dependsOnSample else { continue }
            return "Σ_\(index) runs \(index) over units here; to sum over the batch's samples, write the index on no name "
                + "(every name inside the sum stands for its value at sample \(index)): (1/m)·Σ_\(index) (ŷ − y)·X1"
        }
        return nil
    }

    static func point(label: String, values: [Double], record: BatchRecord, truth: Truth) -> DerivationCheck.Point {
        let gradient = truth.gradient(record)
        let sampleGradients = truth.sampleGradients(record)
        let total = values.reduce(0, +)
        return .init(
            label: label, formulaValue: total, gradient: gradient, agrees: agree(total, gradient),
            sampleValues: values, sampleGradients: sampleGradients, agreesPerSample: agreePerSample(values, sampleGradients)
        )
    }

    /// A point of a formula that sums over the samples itself: its one value is compared with ∂J/∂w.
    static func batchPoint(label: String, value: Double, record: BatchRecord, truth: Truth) -> DerivationCheck.Point {
        let gradient = truth.gradient(record)
        return .init(
            label: label, formulaValue: value, gradient: gradient, agrees: agree(value, gradient),
            sampleValues: [], sampleGradients: truth.sampleGradients(record), agreesPerSample: false
        )
    }

    /// Whether `values` give ∂E⁽ˢ⁾/∂w at every sample.
    static func agreePerSample(_ values: [Double], _ sampleGradients: [Double]) -> Bool {
        let scale = sampleGradients.reduce(0) { max($0, abs($1)) }
        return zip(values, sampleGradients).allSatisfy { agree($0, $1, scale: scale) }
    }

    /// The report for a formula that only reads with its weight indices swapped.
    static func wrongBySwap(
        _ formula: String, weight: WeightID, records: [(String, BatchRecord)], truth: Truth, hint: DerivationCheck.Hint,
        expecting: DerivationCheck.Expectation
    ) -> DerivationCheck {
        // Its values are unknown as typed: the points list NaN for the formula.
        let points = records.map { label, record in
            let samples = record.sampleCount
            return point(label: label, values: Array(repeating: .nan, count: samples), record: record, truth: truth)
        }
        var check = DerivationCheck(formula: formula, weight: weight, points: points, expectation: expecting)
        check.hint = hint
        check.reductionFactor = truth.scenario.reduction.factor(count: records[0].1.sampleCount)
        check.weightValue = truth.parameter(records[0].1)
        return check
    }

    static func agree(_ value: Double, _ truth: Double) -> Bool {
        value.isFinite && abs(value - truth) <= 1e-6 * max(abs(truth), 1e-9)
    }

    /// Agreement of one sample's value, relative to the largest of the batch (`scale`), so that
    /// a sample whose gradient is tiny next to the others is not held to a tighter bound.
    static func agree(_ value: Double, _ truth: Double, scale: Double) -> Bool {
        value.isFinite && abs(value - truth) <= 1e-6 * max(abs(truth), 1e-9 * scale, 1e-300)
    }
}

/// The true gradient of one weight, read from a batch's record.
struct Truth {
    let scenario: Scenario
    let weight: WeightID

    /// ∂J/∂w of the loss itself: weight decay's λ·w, which no chain rule produces, is left out,
    /// so that a formula is judged on the derivation the checker asks about.
    func gradient(_ record: BatchRecord) -> Double {
        let l = weight.layer, units = scenario.layerSizes[l + 1]
        guard let from = weight.from else { return record.biasGradients[l][weight.to] }
        let index = from * units + weight.to
        let decay = scenario.weightDecay == 0 ? 0 : scenario.weightDecay * record.parametersBefore.weights[l][index]
        return record.weightGradients[l][index] - decay
    }

    /// The weight's value as the batch began.
    func parameter(_ record: BatchRecord) -> Double {
        let l = weight.layer, units = scenario.layerSizes[l + 1]
        return weight.from.map { record.parametersBefore.weights[l][$0 * units + weight.to] } ?? record.parametersBefore.biases[l][weight.to]
    }

    /// ∂net/∂w at sample s: the input the weight multiplies (1 for a bias).
    func input(_ record: BatchRecord, sample s: Int) -> Double {
        guard let from = weight.from else { return 1 }
        return input(record, sample: s, unit: from)
    }

    /// Unit `unit` of the layer the weight comes from, at sample s.
    func input(_ record: BatchRecord, sample s: Int, unit: Int) -> Double {
        weight.layer == 0 ? scenario.samples[record.sampleRange.lowerBound + s].x[unit] : record.out[weight.layer - 1][s][unit]
    }

    /// ∂E⁽ˢ⁾/∂w at each sample.
    func sampleGradients(_ record: BatchRecord, samples: Range<Int>? = nil) -> [Double] {
        (samples ?? 0..<record.sampleCount).map { input(record, sample: $0) * record.delta[weight.layer][$0][weight.to] }
    }
}
