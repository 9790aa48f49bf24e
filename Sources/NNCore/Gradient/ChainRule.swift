/// One factor of a chain-rule path, e.g. ∂E/∂Y₁ = (Y₁ − Q₁)/(Y₁(1 − Y₁)) = −0.6953.
public struct ChainFactor: Sendable, Equatable {
    /// The derivative it is, e.g. "∂E/∂Y₁".
    public var label: String
    /// How it is computed, in symbols, e.g. "(Y₁ − Q₁)/(Y₁(1 − Y₁))".
    public var formula: String
    /// Its value.
    public var value: Double
    /// The backward step that computes it (the viewer shows it as pending before then).
    public var computedAt: Phase
}

/// One path from a weight to the loss through one unit of each later layer, for one sample.
public struct ChainPath: Sendable, Equatable {
    /// The sample (0-based within the batch).
    public var sample: Int
    /// The units the path passes through, from the weight's own unit to the output unit (0-based).
    public var units: [Int]
    /// Factors in order from the loss back to the weight.
    public var factors: [ChainFactor]
    /// Their product: this path's share of ∂J/∂w.
    public var product: Double
}

/// A simplification shown next to the paths, e.g. δ₁ = ∂E/∂Y₁ · ∂Y₁/∂net₁ = Y₁ − Q₁.
public struct ChainSimplification: Sendable, Equatable {
    /// What is simplified, e.g. "∂E/∂Y₁ · ∂Y₁/∂net₁".
    public var label: String
    /// The simplified formula, e.g. "Y₁ − Q₁".
    public var formula: String
    /// Its value (for the sample named).
    public var value: Double
    /// The sample (0-based within the batch).
    public var sample: Int
    /// The output unit (0-based).
    public var unit: Int
}

/// The chain-rule decomposition of ∂J/∂w for one weight over one batch: every path, every
/// factor, and the sum, which is the gradient.
public struct ChainRuleDecomposition: Sendable, Equatable {
    /// The weight.
    public var weight: WeightID
    /// Its symbol, e.g. v₁₁.
    public var symbol: String
    /// The general formula in symbols for one sample's loss E, e.g.
    /// "∂E/∂v₁₁ = Σₖ ∂E/∂Yₖ · ∂Yₖ/∂netʸₖ · ∂netʸₖ/∂Z₁ · ∂Z₁/∂netᶻ₁ · ∂netᶻ₁/∂v₁₁".
    public var formula: String
    /// How the batch loss J combines the samples' gradients, when the batch has several, e.g.
    /// "∂J/∂w₁ = (1/6)·Σₛ ∂E⁽ˢ⁾/∂w₁: the mean over the batch's 6 samples"; nil for one sample.
    public var batchFormula: String?
    /// The paths, sample by sample (at most ``ChainRule/maximumPaths`` of them).
    public var paths: [ChainPath]
    /// Paths not listed because there were too many to read.
    public var omittedPathCount: Int
    /// The sum of the products of the omitted paths.
    public var omittedSum: Double
    /// ∂E⁽ˢ⁾/∂w for each sample of the batch (before the reduction).
    public var sampleGradients: [Double]
    /// ∂J/∂w: the sum of all paths' products, as the backward pass computed it.
    public var gradient: Double
    /// ∂J/∂E⁽ˢ⁾: 1/m for a mean over m samples, 1 for a sum.
    public var reductionFactor: Double
    /// The output deltas' simplifications, per sample and output unit.
    public var simplifications: [ChainSimplification]
    /// The weight when the batch began.
    public var valueBefore: Double
    /// The weight after the batch's update: valueBefore − η·gradient.
    public var valueAfter: Double
}

/// Builds chain-rule decompositions from a batch's recorded numbers.
public enum ChainRule {
    /// Paths listed before the rest are summed up as "omitted".
    public static let maximumPaths = 512

    /// The decomposition of ∂J/∂`weight` over the batch of `record`.
    public static func decompose(_ weight: WeightID, record: BatchRecord, scenario: Scenario) -> ChainRuleDecomposition {
        let symbols = Symbols(scenario: scenario)
        let sizes = scenario.layerSizes
        let last = scenario.layers.count - 1
        let outputActivation = scenario.layers[last].activation
        let softmaxOutput = outputActivation == .softmax
        let count = record.sampleCount
        let reductionFactor = scenario.reduction.factor(count: count)
        let l = weight.layer, j = weight.to
        let weightSymbol = symbols.parameter(weight)
        let units = sizes[l + 1]
        let index = weight.from.map { $0 * units + j }
        let before = index.map { record.parametersBefore.weights[l][$0] } ?? record.parametersBefore.biases[l][j]
        let after = index.map { record.parametersAfter.weights[l][$0] } ?? record.parametersAfter.biases[l][j]
        let gradient = index.map { record.weightGradients[l][$0] } ?? record.biasGradients[l][j]

        var paths: [ChainPath] = []
        var omittedCount = 0, omittedSum = 0.0
        var sampleGradients: [Double] = []
        var simplifications: [ChainSimplification] = []

        for s in 0..<count {
            // Factors that do not depend on the path.
            let lead: [ChainFactor] = count > 1 && reductionFactor != 1
                ? [ChainFactor(label: "∂J/∂E⁽\(superscript(s + 1))⁾", formula: "1/\(count)", value: reductionFactor, computedAt: .backward(layer: last))]
                : []
            let inputFactor: ChainFactor
            if let from = weight.from {
                let a = symbols.activation(layer: l - 1, unit: from)
                let value = l == 0 ? scenario.samples[record.sampleRange.lowerBound + s].x[from] : record.out[l - 1][s][from]
                inputFactor = ChainFactor(label: "∂\(symbols.preActivation(layer: l, unit: j))/∂\(weightSymbol)", formula: a, value: value, computedAt: .backward(layer: l))
            } else {
                inputFactor = ChainFactor(label: "∂\(symbols.preActivation(layer: l, unit: j))/∂\(weightSymbol)", formula: "1", value: 1, computedAt: .backward(layer: l))
            }
            sampleGradients.append((weight.from.map { l == 0 ? scenario.samples[record.sampleRange.lowerBound + s].x[$0] : record.out[l - 1][s][$0] } ?? 1) * record.delta[l][s][j])

            for k in 0..<sizes[last + 1] where l < last || k == j {
                let y = symbols.activation(layer: last, unit: k), q = symbols.target(k), net = symbols.preActivation(layer: last, unit: k)
                let delta = record.delta[last][s][k]
                let formula = scenario.loss == .crossEntropy && softmaxOutput ? "\(y) − \(q)"
                    : scenario.loss == .binaryCrossEntropy ? "\(y) − \(q)"
                    : scenario.loss == .crossEntropy ? "−\(q)(1 − \(y))"
                    : "(\(y) − \(q))·\(outputActivation.derivativeFormula(out: y, net: net))"
                let label = softmaxOutput ? "Σₘ ∂E/∂Yₘ · ∂Yₘ/∂\(net)" : "∂E/∂\(y) · ∂\(y)/∂\(net)"
                simplifications.append(ChainSimplification(label: label, formula: formula, value: delta, sample: s, unit: k))
            }

            // Walk every path from unit j of layer l to each output unit, depth first.
            var stack: [(layer: Int, units: [Int], factors: [ChainFactor], product: Double)] = [(l, [j], [inputFactor], inputFactor.value)]
            while let (layer, pathUnits, factors, product) = stack.popLast() {
                let unit = pathUnits[pathUnits.count - 1]
                if layer == last {
                    let y = symbols.activation(layer: last, unit: unit), q = symbols.target(unit), net = symbols.preActivation(layer: last, unit: unit)
                    let output: [ChainFactor]
                    if softmaxOutput {
                        output = [ChainFactor(label: "∂E/∂\(net)", formula: "\(y) − \(q)", value: record.delta[last][s][unit], computedAt: .backward(layer: last))]
                    } else {
                        output = [
                            ChainFactor(label: "∂E/∂\(y)", formula: scenario.loss.derivativeFormula(out: y, target: q), value: record.outGradient[last][s][unit], computedAt: .backward(layer: last)),
                            ChainFactor(label: "∂\(y)/∂\(net)", formula: outputActivation.derivativeFormula(out: y, net: net), value: record.activationDerivative[last][s][unit], computedAt: .backward(layer: last)),
                        ]
                    }
                    // The exact delta replaces the two loss-side factors: their product divides by Y(1 − Y).
                    let full = reductionFactor * record.delta[last][s][unit] * product
                    if paths.count < maximumPaths {
                        paths.append(ChainPath(sample: s, units: pathUnits, factors: lead + output + factors.reversed(), product: full))
                    } else {
                        omittedCount += 1
                        omittedSum += full
                    }
                    continue
                }
                // One more layer: through weight (unit → next) of layer+1 and the activation of `unit`.
                let a = symbols.activation(layer: layer, unit: unit), netSymbol = symbols.preActivation(layer: layer, unit: unit)
                let derivative = ChainFactor(
                    label: "∂\(a)/∂\(netSymbol)", formula: scenario.layers[layer].activation.derivativeFormula(out: a, net: netSymbol),
                    value: record.activationDerivative[layer][s][unit], computedAt: .backward(layer: layer)
                )
                let nextUnits = sizes[layer + 2]
                for next in stride(from: nextUnits - 1, through: 0, by: -1) {
                    let w = record.parametersBefore.weights[layer + 1][unit * nextUnits + next]
                    let edge = ChainFactor(
                        label: "∂\(symbols.preActivation(layer: layer + 1, unit: next))/∂\(a)", formula: symbols.weight(layer: layer + 1, from: unit, to: next),
                        value: w, computedAt: .backward(layer: layer)
                    )
                    stack.append((layer + 1, pathUnits + [next], factors + [derivative, edge], product * derivative.value * w))
                }
            }
        }

        return ChainRuleDecomposition(
            weight: weight, symbol: weightSymbol, formula: generalFormula(weight, scenario: scenario, symbols: symbols),
            batchFormula: count > 1 ? batchFormula(weightSymbol, count: count, reduction: scenario.reduction) : nil,
            paths: paths, omittedPathCount: omittedCount, omittedSum: omittedSum, sampleGradients: sampleGradients,
            gradient: gradient, reductionFactor: reductionFactor, simplifications: simplifications,
            valueBefore: before, valueAfter: after
        )
    }

    /// ∂J/∂w from the samples' ∂E⁽ˢ⁾/∂w: the reduction the per-sample formula leaves out.
    static func batchFormula(_ w: String, count: Int, reduction: Reduction) -> String {
        switch reduction {
        case .mean: return "∂J/∂\(w) = (1/\(count))·Σₛ ∂E⁽ˢ⁾/∂\(w): the mean over the batch's \(count) samples"
        case .sum: return "∂J/∂\(w) = Σₛ ∂E⁽ˢ⁾/∂\(w): the sum over the batch's \(count) samples"
        }
    }

    /// The decomposition in symbols, e.g. ∂E/∂v₁₁ = Σₖ ∂E/∂Yₖ · ∂Yₖ/∂netʸₖ · ∂netʸₖ/∂Z₁ · ∂Z₁/∂netᶻ₁ · ∂netᶻ₁/∂v₁₁.
    static func generalFormula(_ weight: WeightID, scenario: Scenario, symbols: Symbols) -> String {
        let last = scenario.layers.count - 1
        let l = weight.layer, j = weight.to
        let w = symbols.parameter(weight)
        let input = "∂\(symbols.preActivation(layer: l, unit: j))/∂\(w)"
        let outputs = scenario.layerSizes[last + 1]
        let softmax = scenario.layers[last].activation == .softmax
        func outputPart(_ y: String, _ net: String) -> String { softmax ? "∂E/∂\(net)" : "∂E/∂\(y) · ∂\(y)/∂\(net)" }
        // A symbol of output unit 1 with the summation index k instead: Yₖ, netʸₖ, A[3]ₖ.
        func indexed(_ first: String) -> String { String(first.dropLast()) + "ₖ" }
        if l == last {
            // The weight feeds one output directly: no sum.
            return "∂E/∂\(w) = \(outputPart(symbols.activation(layer: last, unit: j), symbols.preActivation(layer: last, unit: j))) · \(input)"
        }
        let a = symbols.activation(layer: l, unit: j), net = symbols.preActivation(layer: l, unit: j)
        let hidden = "∂\(a)/∂\(net) · \(input)"
        let firstY = symbols.activation(layer: last, unit: 0), firstNet = symbols.preActivation(layer: last, unit: 0)
        if l + 1 == last {
            if outputs == 1 {
                return "∂E/∂\(w) = \(outputPart(firstY, firstNet)) · ∂\(firstNet)/∂\(a) · \(hidden)"
            }
            let netK = indexed(firstNet)
            return "∂E/∂\(w) = Σₖ \(outputPart(indexed(firstY), netK)) · ∂\(netK)/∂\(a) · \(hidden)"
        }
        let output = outputs == 1 ? outputPart(firstY, firstNet) : outputPart(indexed(firstY), indexed(firstNet))
        return "∂E/∂\(w) = Σ over paths \(output) · … · \(hidden)"
    }
}
