/// One factor of a chain-rule path, e.g. ∂E/∂Y₁ = (Y₁ − Q₁)/(Y₁(1 − Y₁)) = −0.6953.
public struct ChainFactor: Sendable, Equatable {
    /// What a factor is, so that a display can treat kinds apart without reading formulas.
    public enum Kind: Sendable, Equatable {
        /// ∂J/∂E⁽ˢ⁾ = 1/m: the batch's mean.
        case reduction
        /// ∂E/∂Y: the loss's derivative.
        case lossDerivative
        /// ∂E/∂net of a softmax output: Y − Q.
        case outputDelta
        /// ∂Y/∂net: an activation's derivative.
        case activationDerivative
        /// ∂net/∂Z: a weight on the path.
        case weight
        /// ∂net/∂w: the input (or activation, or bias's 1) the weight multiplies.
        case input
    }

    /// The derivative it is, e.g. ∂E/∂Y₁.
    public var label: Formula
    /// How it is computed, in symbols, e.g. (Y₁ − Q₁)/(Y₁(1 − Y₁)).
    public var formula: Formula
    /// Its value.
    public var value: Double
    /// The step from which its value is known (the viewer shows it as pending before then): a
    /// weight, an input and 1/m from the start, an activation once its layer's forward step has
    /// run, a derivative once the backward pass reaches it.
    public var computedAt: Phase
    /// What kind of factor it is.
    public var kind: Kind
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
    /// What is simplified, e.g. ∂E/∂Y₁ · ∂Y₁/∂net₁.
    public var label: Formula
    /// The simplified formula, e.g. Y₁ − Q₁.
    public var formula: Formula
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
    public var symbol: MathSymbol
    /// The general formula in symbols for one sample's loss E, e.g.
    /// ∂E/∂v₁₁ = Σₖ ∂E/∂Yₖ · ∂Yₖ/∂netʸₖ · ∂netʸₖ/∂Z₁ · ∂Z₁/∂netᶻ₁ · ∂netᶻ₁/∂v₁₁.
    public var formula: FormulaLine
    /// How the batch loss J combines the samples' gradients, when the batch has several, e.g.
    /// "∂J/∂w₁ = (1/6)·Σₛ ∂E⁽ˢ⁾/∂w₁: the mean over the batch's 6 samples"; nil for one sample.
    public var batchFormula: FormulaLine?
    /// The paths, sample by sample (at most ``ChainRule/maximumPaths`` of them).
    public var paths: [ChainPath]
    /// Paths not listed because there were too many to read.
    public var omittedPathCount: Int
    /// The sum of the products of the omitted paths.
    public var omittedSum: Double
    /// ∂E⁽ˢ⁾/∂w for each sample of the batch (before the reduction).
    public var sampleGradients: [Double]
    /// ∂J/∂w: the sum of all paths' products, plus ``weightDecayTerm``, as the backward pass computed it.
    public var gradient: Double
    /// Weight decay's λ·w, which ∂J/∂w adds to the paths' sum (0 for a bias or without weight decay).
    public var weightDecayTerm: Double = 0
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
    ///
    /// Only the paths that are listed are walked: a deep, wide net has (units per layer)^(layers)
    /// paths, far too many to enumerate, so the omitted paths' total is the gradient from the
    /// backward pass minus the listed paths. The cost is at most `maximumPaths` paths plus one
    /// pass over the batch's samples.
    public static func decompose(_ weight: WeightID, record: BatchRecord, scenario: Scenario,
                                 maximumPaths: Int = ChainRule.maximumPaths) -> ChainRuleDecomposition {
        let walker = PathWalker(weight: weight, record: record, scenario: scenario)
        let count = record.sampleCount
        let l = weight.layer, j = weight.to
        let index = weight.from.map { $0 * scenario.layerSizes[l + 1] + j }
        let before = index.map { record.parametersBefore.weights[l][$0] } ?? record.parametersBefore.biases[l][j]
        let after = index.map { record.parametersAfter.weights[l][$0] } ?? record.parametersAfter.biases[l][j]
        let gradient = index.map { record.weightGradients[l][$0] } ?? record.biasGradients[l][j]
        let sampleGradients = (0..<count).map { s in walker.inputValue(sample: s) * record.delta[l][s][j] }

        var paths: [ChainPath] = []
        var simplifications: [ChainSimplification] = []
        for s in 0..<count where paths.count < maximumPaths {
            simplifications += walker.simplifications(sample: s)
            walker.appendPaths(sample: s, to: &paths, limit: maximumPaths)
        }
        let total = count.multipliedReportingOverflow(by: walker.pathsPerSample)
        let omittedCount = total.overflow ? Int.max - paths.count : total.partialValue - paths.count
        let decay = weight.from == nil ? 0 : scenario.weightDecay * before
        let omittedSum = omittedCount == 0 ? 0 : gradient - decay - paths.reduce(0) { $0 + $1.product }

        let symbols = walker.symbols
        let weightSymbol = symbols.parameter(weight)
        var decomposition = ChainRuleDecomposition(
            weight: weight, symbol: weightSymbol, formula: generalFormula(weight, scenario: scenario, symbols: symbols),
            batchFormula: count > 1 ? batchFormula(weightSymbol, count: count, reduction: scenario.reduction) : nil,
            paths: paths, omittedPathCount: omittedCount, omittedSum: omittedSum, sampleGradients: sampleGradients,
            gradient: gradient, reductionFactor: walker.reductionFactor, simplifications: simplifications,
            valueBefore: before, valueAfter: after
        )
        decomposition.weightDecayTerm = decay
        return decomposition
    }

    /// λ·w = 0.001·0.15 = 0.00015: what weight decay adds to ∂J/∂w, nil when it adds nothing.
    public static func weightDecayLine(_ d: ChainRuleDecomposition, scenario: Scenario) -> FormulaLine? {
        guard scenario.weightDecay != 0, d.weight.from != nil else { return nil }
        let lambda = Formula.symbol(MathSymbol("λ")), w = Formula.symbol(d.symbol)
        let numbers = Formula.times(.number(scenario.weightDecay, .compactFactor), .number(d.valueBefore, .compactFactor))
        let equation = Equation(.times(lambda, w), numbers,
                                .number(d.weightDecayTerm, .value))
        return FormulaLine([.text("weight decay adds "), .math(equation), .text(" to the paths' sum")], kind: .general)
    }

    /// How the update step moves the weight, in words when the rule is not plain gradient descent
    /// (its state is in the update step's lines), with the new value once it is `applied`; nil for
    /// plain gradient descent.
    public static func updateNote(_ d: ChainRuleDecomposition, scenario: Scenario, renderer: FormulaRenderer,
                                  applied: Bool = true) -> String? {
        let symbol = renderer.target.write(d.symbol), style = renderer.style
        if d.weight.from == nil && !scenario.trainBiases {
            return "\(symbol) = \(style.format(d.valueBefore)) stays: the biases are not trained (train_biases is false)"
        }
        switch scenario.optimizer {
        case .sgd: return nil
        case .momentum, .adam:
            guard applied else {
                return "\(symbol) = \(style.format(d.valueBefore)) now; the update step moves it by \(scenario.optimizer.prose)"
            }
            return "update (\(scenario.optimizer.prose), see the update step): \(symbol) = \(style.format(d.valueBefore))"
                + " → \(style.format(d.valueAfter))"
        }
    }

    /// ∂J/∂w from the samples' ∂E⁽ˢ⁾/∂w: the reduction the per-sample formula leaves out.
    static func batchFormula(_ w: MathSymbol, count: Int, reduction: Reduction) -> FormulaLine {
        let perSample = Formula.partial(.symbol(MathSymbol("E", sample: .letter("s"))), .symbol(w))
        let sum = Formula.summation(.letter("s"), count: count, perSample)
        let total = Formula.partial(.symbol(MathSymbol("J")), .symbol(w))
        switch reduction {
        case .mean:
            return FormulaLine([.math(Equation(total, .times(.parenthesised(.ratio(1, count)), sum))),
                                .text(": the mean over the batch's \(count) samples")], kind: .general)
        case .sum:
            return FormulaLine([.math(Equation(total, sum)), .text(": the sum over the batch's \(count) samples")], kind: .general)
        }
    }

    /// The decomposition in symbols, e.g. ∂E/∂v₁₁ = Σₖ ∂E/∂Yₖ · ∂Yₖ/∂netʸₖ · ∂netʸₖ/∂Z₁ · ∂Z₁/∂netᶻ₁ · ∂netᶻ₁/∂v₁₁.
    static func generalFormula(_ weight: WeightID, scenario: Scenario, symbols: Symbols) -> FormulaLine {
        let last = scenario.layers.count - 1
        let l = weight.layer, j = weight.to
        let w = Formula.symbol(symbols.parameter(weight))
        let e = Formula.symbol(MathSymbol("E"))
        let input = Formula.partial(.symbol(symbols.preActivation(layer: l, unit: j)), w)
        let outputs = scenario.layerSizes[last + 1]
        let softmax = scenario.layers[last].activation == .softmax
        func outputPart(_ y: MathSymbol, _ net: MathSymbol) -> [Formula] {
            softmax ? [.partial(e, .symbol(net))] : [.partial(e, .symbol(y)), .partial(.symbol(y), .symbol(net))]
        }
        func line(_ right: Formula) -> FormulaLine { FormulaLine(Equation(.partial(e, w), right), kind: .general) }
        if l == last {
            // The weight feeds one output directly: no sum.
            return line(.chain(outputPart(symbols.activation(layer: last, unit: j), symbols.preActivation(layer: last, unit: j)) + [input]))
        }
        let a = symbols.activation(layer: l, unit: j), net = symbols.preActivation(layer: l, unit: j)
        let hidden: [Formula] = [.partial(.symbol(a), .symbol(net)), input]
        let firstY = symbols.activation(layer: last, unit: 0), firstNet = symbols.preActivation(layer: last, unit: 0)
        if l + 1 == last {
            if outputs == 1 {
                return line(.chain(outputPart(firstY, firstNet) + [.partial(.symbol(firstNet), .symbol(a))] + hidden))
            }
            let netK = firstNet.indexed(by: "k")
            let body = Formula.chain(outputPart(firstY.indexed(by: "k"), netK) + [.partial(.symbol(netK), .symbol(a))] + hidden)
            return line(.summation(.letter("k"), count: outputs, body))
        }
        let output = outputs == 1 ? outputPart(firstY, firstNet) : outputPart(firstY.indexed(by: "k"), firstNet.indexed(by: "k"))
        return line(.product([.words("Σ over paths"), .chain(output + [.ellipsis] + hidden)], .space))
    }
}

/// Walks the chain-rule paths of one weight through one batch's recorded numbers.
private struct PathWalker {
    let weight: WeightID
    let record: BatchRecord
    let scenario: Scenario
    let symbols: Symbols
    let sizes: [Int]
    let last: Int
    let reductionFactor: Double
    let weightSymbol: MathSymbol

    init(weight: WeightID, record: BatchRecord, scenario: Scenario) {
        self.weight = weight
        self.record = record
        self.scenario = scenario
        symbols = Symbols(scenario: scenario)
        sizes = scenario.layerSizes
        last = scenario.layers.count - 1
        reductionFactor = scenario.reduction.factor(count: record.sampleCount)
        weightSymbol = symbols.parameter(weight)
    }

    private var softmaxOutput: Bool { scenario.layers[last].activation == .softmax }

    /// Paths from the weight to the loss for one sample: one per output unit reached through
    /// each later layer's units (saturating at Int.max).
    var pathsPerSample: Int {
        guard weight.layer < last else { return 1 }
        var product = 1
        for layer in (weight.layer + 2)...(last + 1) {
            let next = product.multipliedReportingOverflow(by: sizes[layer])
            if next.overflow { return Int.max }
            product = next.partialValue
        }
        return product
    }

    /// The value that multiplies the weight in its pre-activation: the input or activation it
    /// comes from, or 1 for a bias.
    func inputValue(sample s: Int) -> Double {
        guard let from = weight.from else { return 1 }
        return weight.layer == 0 ? scenario.samples[record.sampleRange.lowerBound + s].x[from] : record.out[weight.layer - 1][s][from]
    }

    /// The output deltas' simplifications of one sample, for the output units its paths reach.
    func simplifications(sample s: Int) -> [ChainSimplification] {
        let outputActivation = scenario.layers[last].activation
        return (0..<sizes[last + 1]).filter { weight.layer < last || $0 == weight.to }.map { k in
            let y = Formula.symbol(symbols.activation(layer: last, unit: k)), q = Formula.symbol(symbols.target(k))
            let net = Formula.symbol(symbols.preActivation(layer: last, unit: k))
            let formula: Formula
            switch scenario.loss {
            case .binaryCrossEntropy: formula = .minus(y, q)
            case .crossEntropy: formula = softmaxOutput ? .minus(y, q) : .negated(.product([q, .parenthesised(.minus(.integer(1), y))], .adjacent))
            case .meanSquaredError: formula = .times(.parenthesised(.minus(y, q)), outputActivation.derivative(out: y, net: net))
            }
            // The softmax sum runs over the outputs with l: m is the batch size everywhere.
            let e = Formula.symbol(MathSymbol("E"))
            let label: Formula
            if softmaxOutput {
                let yL = Formula.symbol(symbols.activation(layer: last, unit: 0).indexed(by: "l"))
                label = .summation(.letter("l"), count: sizes[last + 1], .chain([.partial(e, yL), .partial(yL, net)]))
            } else {
                label = .chain([.partial(e, y), .partial(y, net)])
            }
            return ChainSimplification(label: label, formula: formula, value: record.delta[last][s][k], sample: s, unit: k)
        }
    }

    /// Appends sample `s`'s paths, depth first in unit order, until `paths` holds `limit`.
    func appendPaths(sample s: Int, to paths: inout [ChainPath], limit: Int) {
        let l = weight.layer, j = weight.to
        let lead: [ChainFactor] = record.sampleCount > 1 && reductionFactor != 1
            ? [ChainFactor(label: .partial(.symbol(MathSymbol("J")), .symbol(MathSymbol("E", sample: .number(s + 1)))),
                           formula: .ratio(1, record.sampleCount), value: reductionFactor,
                           computedAt: .forward(layer: 0), kind: .reduction)]
            : []
        let inputLabel = Formula.partial(.symbol(symbols.preActivation(layer: l, unit: j)), .symbol(weightSymbol))
        let inputFormula = weight.from.map { Formula.symbol(symbols.activation(layer: l - 1, unit: $0)) } ?? .integer(1)
        // An input or a bias's 1 is there from the start; a hidden activation after its forward step.
        let inputKnown: Phase = weight.from != nil && l > 0 ? .forward(layer: l - 1) : .forward(layer: 0)
        let input = ChainFactor(label: inputLabel, formula: inputFormula, value: inputValue(sample: s), computedAt: inputKnown, kind: .input)
        var stack: [(layer: Int, units: [Int], factors: [ChainFactor], product: Double)] = [(l, [j], [input], input.value)]
        while paths.count < limit, let (layer, pathUnits, factors, product) = stack.popLast() {
            let unit = pathUnits[pathUnits.count - 1]
            if layer == last {
                // The exact delta replaces the two loss-side factors: their product divides by Y(1 − Y).
                let full = reductionFactor * record.delta[last][s][unit] * product
                paths.append(ChainPath(sample: s, units: pathUnits, factors: lead + outputFactors(sample: s, unit: unit) + factors.reversed(), product: full))
                continue
            }
            // One more layer: through weight (unit → next) of layer+1 and the activation of `unit`.
            let a = Formula.symbol(symbols.activation(layer: layer, unit: unit))
            let netSymbol = Formula.symbol(symbols.preActivation(layer: layer, unit: unit))
            let derivative = ChainFactor(
                label: .partial(a, netSymbol), formula: scenario.layers[layer].activation.derivative(out: a, net: netSymbol),
                // Known once the forward step has computed the unit's output.
                value: record.activationDerivative[layer][s][unit], computedAt: .forward(layer: layer), kind: .activationDerivative
            )
            let nextUnits = sizes[layer + 2]
            for next in stride(from: nextUnits - 1, through: 0, by: -1) {
                let w = record.parametersBefore.weights[layer + 1][unit * nextUnits + next]
                let edge = ChainFactor(
                    label: .partial(.symbol(symbols.preActivation(layer: layer + 1, unit: next)), a),
                    formula: .symbol(symbols.weight(layer: layer + 1, from: unit, to: next)), value: w,
                    computedAt: .forward(layer: 0), kind: .weight
                )
                stack.append((layer + 1, pathUnits + [next], factors + [derivative, edge], product * derivative.value * w))
            }
        }
    }

    /// The loss-side factors of a path ending at output `unit`.
    private func outputFactors(sample s: Int, unit: Int) -> [ChainFactor] {
        let y = Formula.symbol(symbols.activation(layer: last, unit: unit)), q = Formula.symbol(symbols.target(unit))
        let net = Formula.symbol(symbols.preActivation(layer: last, unit: unit))
        let e = Formula.symbol(MathSymbol("E"))
        let computed = Phase.backward(layer: last)
        if softmaxOutput {
            return [ChainFactor(label: .partial(e, net), formula: .minus(y, q), value: record.delta[last][s][unit],
                                computedAt: computed, kind: .outputDelta)]
        }
        return [
            ChainFactor(label: .partial(e, y), formula: scenario.loss.derivative(out: y, target: q),
                        value: record.outGradient[last][s][unit], computedAt: .loss, kind: .lossDerivative),
            ChainFactor(label: .partial(y, net), formula: scenario.layers[last].activation.derivative(out: y, net: net),
                        value: record.activationDerivative[last][s][unit], computedAt: .forward(layer: last), kind: .activationDerivative),
        ]
    }
}
