/// Checks a student's formula for ∂J/∂w against the true gradient, at the scenario's values and
/// at several random parameter settings, and names the classic mistake it looks like.
///
/// The formula is evaluated for each sample of the batch and the results are summed: it is one
/// sample's share of ∂J/∂w. With a mean over m samples that share includes 1/m (write `/m`, as
/// in seed 003's ∂J/∂w = Xᵀ(ŷ − y)/m); with one sample, 1/m = 1 and ∂J/∂w = ∂E/∂w.
public struct DerivationCheck: Sendable {
    /// One place the formula was evaluated.
    public struct Point: Sendable, Equatable {
        /// Where: "current values", "at epoch 50" or "random parameters 2".
        public var label: String
        /// What the formula gave (summed over the batch's samples).
        public var formulaValue: Double
        /// ∂J/∂w there.
        public var gradient: Double
        /// Whether the two agree.
        public var agrees: Bool

        /// Whether this point says nothing about the formula: the true gradient is NaN or
        /// infinite (a diverged run), so no formula can match it and a mismatch is no evidence.
        public var isSkipped: Bool { !gradient.isFinite }
    }

    /// The classic mistakes of the seed questions.
    public enum Mistake: String, Sendable, Equatable {
        case flippedSign = "the sign of the (1 − y)/(1 − ŷ) term is flipped: d/dŷ log(1 − ŷ) = −1/(1 − ŷ), so ∂E/∂ŷ = −(y/ŷ − (1 − y)/(1 − ŷ)) (seed 003)"
        case missingSumOverOutputs = "it follows only one output: the weight reaches E through every output, so sum the paths over k (seed 000)"
        case missingMean = "the 1/m of the mean is missing: J averages over the batch's m samples, so each sample's share carries 1/m (seed 003)"
        case missingActivationDerivative = "a σ′ factor is missing: each sigmoid on the path contributes its derivative, e.g. Z(1 − Z)"
        case extraOutputDerivative = "there is an extra Y(1 − Y): with sigmoid and binary cross-entropy, ∂E/∂net = Y − Q already includes ∂Y/∂net"
        case oppositeSign = "the whole result has the opposite sign: the gradient points uphill, and the update subtracts it"
    }

    /// The formula as typed.
    public var formula: String
    /// The weight it was checked for.
    public var weight: WeightID
    /// Every evaluation.
    public var points: [Point]
    /// The mistake it looks like, when wrong and recognised.
    public var mistake: Mistake?

    /// The points where the true gradient is finite, which judge the formula.
    public var comparablePoints: [Point] { points.filter { !$0.isSkipped } }

    /// Whether at least one point can judge the formula.
    public var isComparable: Bool { points.contains { !$0.isSkipped } }

    /// Whether the formula gave the gradient at every comparable point (and there was one).
    public var isCorrect: Bool { isComparable && comparablePoints.allSatisfy(\.agrees) }
}

/// Why a formula could not be checked.
public struct DerivationCheckError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The message, with a caret line under the formula for parse errors.
    public var description: String
}

/// Runs ``DerivationCheck``s.
public enum DerivationChecker {
    /// Random parameter settings tried besides the scenario's values.
    public static let randomPoints = 4

    /// Checks `formula` for `weight` on the batch of `record` and at random parameters. `label`
    /// names the point of `record` in the report, e.g. "at epoch 50".
    public static func check(
        _ formula: String, weight: WeightID, scenario: Scenario, record: BatchRecord, label: String = "current values"
    ) throws(DerivationCheckError) -> DerivationCheck {
        let expression: Expression
        do {
            expression = try Expression.parse(formula)
        } catch {
            // The formula is shown escaped (one line, no control character), so the caret counts
            // the escaped text before the column.
            let before = TerminalText.escaped(String(formula.prefix(max(0, error.column - 1))))
            let caret = String(repeating: " ", count: before.count) + "^"
            throw DerivationCheckError(description: "\(error.message)\n  \(TerminalText.escaped(formula))\n  \(caret)")
        }
        var records = [(label, record)]
        var random = SeededRandom(seed: 0x5EED)
        for index in 1...randomPoints {
            var shifted = scenario
            for l in shifted.layers.indices {
                shifted.layers[l].weights = shifted.layers[l].weights.map { $0.map { _ in random.uniform(limit: 1.5) } }
                shifted.layers[l].biases = shifted.layers[l].biases.map { _ in random.uniform(limit: 0.5) }
            }
            records.append(("random parameters \(index)", TrainingRun(scenario: shifted).record(epoch: 0, batch: record.batch)))
        }

        var points: [DerivationCheck.Point] = []
        var decompositions: [ChainRuleDecomposition] = []
        var values: [Double] = []
        for (label, point) in records {
            var total = 0.0
            for sample in 0..<point.sampleCount {
                let symbols = DerivationSymbols(scenario: scenario, record: point, sample: sample)
                do {
                    total += try expression.evaluate { symbols.value($0) }
                } catch {
                    switch error {
                    case .unknownSymbol(let name, _):
                        throw DerivationCheckError(description: "\(error): \(DerivationSymbols.hint(for: name, scenario: scenario))")
                    }
                }
            }
            let decomposition = ChainRule.decompose(weight, record: point, scenario: scenario)
            decompositions.append(decomposition)
            values.append(total)
            points.append(.init(label: label, formulaValue: total, gradient: decomposition.gradient, agrees: agree(total, decomposition.gradient)))
        }
        var check = DerivationCheck(formula: formula, weight: weight, points: points)
        if check.isComparable && !check.isCorrect {
            // Only the comparable points: at a non-finite gradient every candidate is NaN too.
            let kept = points.indices.filter { !points[$0].isSkipped }
            check.mistake = recognise(
                values: kept.map { values[$0] }, decompositions: kept.map { decompositions[$0] },
                records: kept.map { records[$0].1 }, scenario: scenario
            )
        }
        return check
    }

    static func agree(_ value: Double, _ truth: Double) -> Bool {
        value.isFinite && abs(value - truth) <= 1e-6 * max(abs(truth), 1e-9)
    }

    /// The first classic mistake whose value matches the formula's at every point.
    static func recognise(values: [Double], decompositions: [ChainRuleDecomposition], records: [BatchRecord], scenario: Scenario) -> DerivationCheck.Mistake? {
        let last = scenario.layers.count - 1
        let candidates: [(DerivationCheck.Mistake, (ChainRuleDecomposition, BatchRecord) -> Double?)] = [
            (.flippedSign, { d, record in
                guard scenario.loss == .binaryCrossEntropy else { return nil }
                let symbols = Symbols(scenario: scenario)
                return d.paths.map { path in
                    let k = path.units[path.units.count - 1]
                    let y = record.out[last][path.sample][k], q = scenario.samples[record.sampleRange.lowerBound + path.sample].y[k]
                    let label = "∂E/∂" + symbols.activation(layer: last, unit: k)
                    return path.factors.map { $0.label == label ? -(q / y + (1 - q) / (1 - y)) : $0.value }.reduce(1, *)
                }.reduce(0, +)
            }),
            (.missingSumOverOutputs, { d, _ in
                guard scenario.layerSizes[last + 1] > 1, d.weight.layer < last else { return nil }
                // Only the paths through one output k (any k).
                let outputs = Set(d.paths.map { $0.units.last! })
                return outputs.sorted().map { k in d.paths.filter { $0.units.last == k }.map(\.product).reduce(0, +) }.first
            }),
            (.missingMean, { d, _ in
                guard scenario.reduction == .mean, d.reductionFactor != 1 else { return nil }
                return d.gradient / d.reductionFactor
            }),
            (.missingActivationDerivative, { d, _ in
                // The derivative nearest the weight (e.g. Z₁(1 − Z₁)) left out of every path.
                guard d.paths.allSatisfy({ $0.factors.dropFirst(2).contains(where: isActivationDerivative) }) else { return nil }
                return d.paths.map { path in
                    let index = path.factors.lastIndex(where: isActivationDerivative)!
                    return path.factors.enumerated().filter { $0.offset != index }.map(\.element.value).reduce(1, *)
                }.reduce(0, +)
            }),
            (.missingActivationDerivative, { d, _ in
                // With mse, the output's ∂Y/∂net left out.
                guard scenario.loss == .meanSquaredError else { return nil }
                return d.paths.map { path in
                    let index = path.factors.firstIndex(where: isActivationDerivative) ?? -1
                    return path.factors.enumerated().filter { $0.offset != index }.map(\.element.value).reduce(1, *)
                }.reduce(0, +)
            }),
            (.extraOutputDerivative, { d, _ in
                guard scenario.loss != .meanSquaredError else { return nil }
                return d.paths.map { path in
                    let output = path.factors.first { $0.label.hasPrefix("∂Y") || $0.label.hasPrefix("∂A[\(last + 1)]") }?.value ?? 1
                    return path.product * output
                }.reduce(0, +)
            }),
            (.oppositeSign, { d, _ in -d.gradient }),
        ]
        for (mistake, value) in candidates {
            let alternatives = zip(decompositions, records).map { value($0, $1) }
            if alternatives.allSatisfy({ $0 != nil }), zip(values, alternatives).allSatisfy({ agree($0, $1!) }) {
                return mistake
            }
        }
        return nil
    }

    static func isActivationDerivative(_ factor: ChainFactor) -> Bool {
        let formula = factor.formula
        return formula.contains("(1 − ") && !formula.contains("/") || formula.hasPrefix("1 − ") || formula.hasPrefix("[")
    }
}
