import Foundation

/// What one step computes, for people: a title, a sentence, and each formula with the numbers
/// substituted (e.g. `Z₁ = σ(X₁·v₁₁ + X₂·v₂₁ + b₁) = σ(0.05·0.15 + 0.1·0.2 + 0.35) = σ(0.3775) = 0.5933`).
/// The formulas are values (``FormulaLine``): the viewer's step panel, `nnview trace --format
/// text` and the handouts of `nnview export` each render them for their target.
public struct StepExplanation: Sendable, Equatable {
    /// E.g. "Forward · hidden layer Z".
    public var title: String
    /// What the step does, in words with formulas.
    public var summary: FormulaLine
    /// The formulas with their numbers, one a line.
    public var lines: [FormulaLine]

    /// Explains `step` of `scenario`, writing out the formulas of at most `sampleLimit` samples
    /// of the batch (a line says how many more there are): a screen cannot show 100,000
    /// samples' lines, and building them would take seconds. Likewise at most `parameterLimit`
    /// weights of a layer are written out: 8 layers of 64 units have 33,000 of them.
    public init(step: Step, scenario: Scenario, sampleLimit: Int = .max, parameterLimit: Int = .max) {
        let writer = ExplanationWriter(scenario: scenario, record: step.record, sampleLimit: max(1, sampleLimit),
                                       parameterLimit: max(1, parameterLimit))
        (title, summary, lines) = writer.explain(step.phase)
    }
}

/// Builds the lines of a ``StepExplanation``.
private struct ExplanationWriter {
    let scenario: Scenario
    let record: BatchRecord
    let symbols: Symbols
    let sampleLimit: Int
    let parameterLimit: Int

    /// Terms written out in full up to this many; beyond, a Σ stands for them.
    let maximumTerms = 4

    init(scenario: Scenario, record: BatchRecord, sampleLimit: Int, parameterLimit: Int) {
        self.sampleLimit = sampleLimit
        self.parameterLimit = parameterLimit
        self.scenario = scenario
        self.record = record
        symbols = Symbols(scenario: scenario)
    }

    typealias Explanation = (String, FormulaLine, [FormulaLine])

    var last: Int { scenario.layers.count - 1 }
    var layered: Bool { scenario.notation == .layered }
    var sampleCount: Int { record.sampleCount }

    /// A computed value: 0.5933.
    func f(_ value: Double) -> Formula { .number(value, .value) }
    /// A computed value as a factor: (−0.2486).
    func p(_ value: Double) -> Formula { .number(value, .factor) }
    /// A given value as a factor: 0.05, (−0.5).
    func c(_ value: Double) -> Formula { .number(value, .compactFactor) }
    func s(_ symbol: MathSymbol) -> Formula { .symbol(symbol) }

    let e = Formula.symbol(MathSymbol("E"))
    let j = Formula.symbol(MathSymbol("J"))

    /// A line of one equation about the current sample.
    func line(_ sides: [Formula], _ kind: FormulaLine.Kind, parameter: WeightID? = nil) -> FormulaLine {
        FormulaLine(Equation(sides), kind: kind, parameter: parameter)
    }

    /// "sample 2 (data[5])" headings, only when the batch has several samples; each line is
    /// marked with its sample.
    func forEachSample(_ body: (Int) -> [FormulaLine]) -> [FormulaLine] {
        func marked(_ lines: [FormulaLine], _ s: Int, indent: Int) -> [FormulaLine] {
            lines.map { line in
                var line = line
                line.sample = s
                line.indent += indent
                return line
            }
        }
        guard sampleCount > 1 else { return marked(body(0), 0, indent: 0) }
        var lines: [FormulaLine] = []
        for s in 0..<min(sampleCount, sampleLimit) {
            lines.append(FormulaLine(text: "sample \(s + 1) of \(sampleCount) (data[\(record.sampleRange.lowerBound + s)]):",
                                     kind: .sampleHeading, sample: s))
            lines += marked(body(s), s, indent: 1)
        }
        if sampleCount > sampleLimit {
            lines.append(FormulaLine(text: "samples \(sampleLimit + 1)–\(sampleCount): the same formulas with their own numbers"
                                     + " (nnview trace --format jsonl lists every value)", kind: .note))
        }
        return lines
    }

    func input(_ l: Int, _ s: Int, _ i: Int) -> Double {
        l == 0 ? scenario.samples[record.sampleRange.lowerBound + s].x[i] : record.out[l - 1][s][i]
    }

    func weight(_ l: Int, _ i: Int, _ j: Int) -> Double {
        record.parametersBefore.weights[l][i * scenario.layerSizes[l + 1] + j]
    }

    func bias(_ l: Int, _ j: Int) -> MathSymbol { symbols.parameter(WeightID(layer: l, from: nil, to: j)) }

    func delta(_ l: Int, _ j: Int) -> Formula { s(symbols.delta(layer: l, unit: j)) }

    func explain(_ phase: Phase) -> Explanation {
        switch phase {
        case .forward(let l): return forward(l)
        case .loss: return loss()
        case .backward(let l): return backward(l)
        case .update: return update()
        }
    }

    // MARK: Forward

    func forward(_ l: Int) -> Explanation {
        let layer = scenario.layers[l]
        let a = s(symbols.activationVector(layer: l)), aPrev = s(symbols.activationVector(layer: l - 1))
        let g = layer.activation.function
        let summary: FormulaLine
        if layered {
            let z = s(MathSymbol("Z", layer: l + 1)), w = s(MathSymbol("W", layer: l + 1)), b = s(MathSymbol("b", layer: l + 1))
            summary = FormulaLine([.math(Equation(z, .sum([.times(aPrev, w), b]))), .text(", then "), .math(Equation(a, .apply(g, z))),
                                   .text(": each unit weighs its inputs, adds its bias and applies \(layer.activation.symbol).")],
                                  kind: .summary)
        } else {
            let weighted = Formula.sum([.times(aPrev, s(symbols.weightMatrix(layer: l))), s(MathSymbol("b"))])
            summary = FormulaLine([.math(Equation(a, .apply(g, weighted))),
                                   .text(": each unit weighs its inputs, adds its bias and applies \(layer.activation.symbol).")],
                                  kind: .summary)
        }
        let lines = forEachSample { sample in
            var lines: [FormulaLine] = []
            for unit in 0..<layer.units { lines += forwardLines(l, sample, unit) }
            if l == last && layer.activation == .sigmoid && layer.units > 1 && !layered {
                let total = record.out[l][sample].reduce(0, +)
                let outputs = Formula.sum((0..<layer.units).map { s(symbols.activation(layer: l, unit: $0)) })
                lines.append(FormulaLine([.text("("), .math(Equation(outputs, f(total))),
                                          .text(": independent sigmoids need not sum to 1)")], kind: .activation))
            }
            return lines
        }
        return ("Forward · \(symbols.layerTitle(l))", summary, lines)
    }

    /// The lines of one unit's pre-activation and activation.
    func forwardLines(_ l: Int, _ sample: Int, _ unit: Int) -> [FormulaLine] {
        let layer = scenario.layers[l]
        let previous = scenario.layerSizes[l]
        let g = layer.activation.function
        let net = record.net[l][sample][unit], out = record.out[l][sample][unit]
        let netSymbol = s(symbols.preActivation(layer: l, unit: unit)), outSymbol = s(symbols.activation(layer: l, unit: unit))
        let sumSymbols: Formula, sumNumbers: Formula?
        if previous <= maximumTerms {
            sumSymbols = .sum((0..<previous).map { .times(s(symbols.activation(layer: l - 1, unit: $0)), s(symbols.weight(layer: l, from: $0, to: unit))) }
                              + [s(bias(l, unit))])
            sumNumbers = .sum((0..<previous).map { .times(c(input(l, sample, $0)), c(weight(l, $0, unit))) }
                              + [c(record.parametersBefore.biases[l][unit])])
        } else {
            var matrix = symbols.weightMatrix(layer: l)
            matrix.indices = [.letter("i"), .number(unit + 1)]
            let term = Formula.times(s(symbols.activationVector(layer: l - 1).indexed(by: "i")), s(matrix))
            sumSymbols = .sum([.summation(.letter("i"), count: previous, term), s(bias(l, unit))])
            sumNumbers = nil
        }
        if layer.activation == .softmax || layered {
            let netLine = line([netSymbol, sumSymbols] + (sumNumbers.map { [$0] } ?? []) + [f(net)], .activation)
            if layer.activation == .softmax { return [netLine, softmaxLine(l, sample, unit)] }
            return [netLine, line([outSymbol, .apply(g, netSymbol), .apply(g, f(net)), f(out)], .activation)]
        }
        let numbers = sumNumbers.map { [Formula.apply(g, $0)] } ?? []
        return [line([outSymbol, .apply(g, sumSymbols)] + numbers + [.apply(g, f(net)), f(out)], .activation)]
    }

    /// Y_j = e^net_j / Σₗ e^netₗ with its numbers. The engine subtracts the largest net first so
    /// that e^net cannot overflow; the line shows the plain exponentials when they are moderate,
    /// and says so when it shows the shifted ones.
    func softmaxLine(_ l: Int, _ sample: Int, _ unit: Int) -> FormulaLine {
        let nets = record.net[l][sample]
        let largest = nets.max() ?? 0
        let netSymbol = s(symbols.preActivation(layer: l, unit: unit)), outSymbol = s(symbols.activation(layer: l, unit: unit))
        let netL = s(symbols.preActivation(layer: l, unit: 0).indexed(by: "l"))
        let euler = s(MathSymbol("e")), max = s(MathSymbol("max"))
        let out = record.out[l][sample][unit]
        let count = nets.count
        if nets.allSatisfy({ abs($0) <= 30 }) {
            let exponentials = nets.map { exp($0) }
            return line([outSymbol, .quotient(.power(euler, netSymbol), .summation(.letter("l"), count: count, .power(euler, netL)), spaced: true),
                         .quotient(f(exponentials[unit]), f(exponentials.reduce(0, +)), spaced: true), f(out)], .activation)
        }
        let shifted = nets.map { exp($0 - largest) }
        let equation = Equation([outSymbol, .quotient(.power(euler, .minus(netSymbol, max)),
                                                      .summation(.letter("l"), count: count, .power(euler, .minus(netL, max))), spaced: true),
                                 .quotient(f(shifted[unit]), f(shifted.reduce(0, +)), spaced: true), f(out)])
        return FormulaLine([.math(equation), .text(" (max = "), .math(Equation(f(largest))),
                            .text(" subtracted so that e^ cannot overflow; the ratio is the same)")], kind: .activation)
    }

    // MARK: Loss

    func loss() -> Explanation {
        let outputs = scenario.layerSizes[last + 1]
        let lossFormula = scenario.loss.formula(out: symbols.activation(layer: last, unit: 0).indexed(by: "k"),
                                                target: symbols.target(0).indexed(by: "k"))
        let batch = sampleCount > 1 ? "; J = \(scenario.reduction == .mean ? "mean" : "sum") over the \(sampleCount) samples of the batch."
            : "; with one sample in the batch, J = E."
        let summary = FormulaLine([.math(lossFormula), .text(", per sample, summed over the output units" + batch)], kind: .summary)
        var lines = forEachSample { sample in
            let y = record.out[last][sample], q = scenario.samples[record.sampleRange.lowerBound + sample].y
            var (symbolic, numeric) = lossTerms(y: y, q: q, outputs: outputs)
            if outputs > maximumTerms {
                symbolic = scenario.loss.formula(out: symbols.activation(layer: last, unit: 0).indexed(by: "k"),
                                                 target: symbols.target(0).indexed(by: "k"), count: outputs).sides[1]
                numeric = nil
            }
            let name = s(sampleCount > 1 ? MathSymbol("E", sample: .number(sample + 1)) : MathSymbol("E"))
            return [line([name, symbolic], .loss), line([.phantom(name)] + (numeric.map { [$0] } ?? []) + [f(record.sampleLosses[sample])], .loss)]
        }
        lines += batchLossLines()
        return ("Loss", summary, lines)
    }

    /// J from the samples' losses (with several samples) and weight decay's term on its own line.
    func batchLossLines() -> [FormulaLine] {
        let decay = scenario.weightDecay != 0
        var data: (symbolic: Formula, numbers: Formula?)?
        if sampleCount > 1 {
            let perSample = Formula.summation(.letter("s"), count: sampleCount, s(MathSymbol("E", sample: .letter("s"))))
            let losses = Formula.parenthesised(.sum(record.sampleLosses.map(f)))
            let mean = scenario.reduction == .mean
            let fraction = Formula.parenthesised(.ratio(1, sampleCount))
            let numbers: Formula? = sampleCount <= 8 ? (mean ? .times(fraction, losses) : losses) : nil
            data = (mean ? .times(fraction, perSample) : perSample, numbers)
        } else if decay {
            data = (e, f(record.sampleLosses[0]))
        }
        guard let data else { return [] }
        var lines: [FormulaLine] = []
        var symbolic = data.symbolic, numbers = data.numbers
        if decay {
            let (term, termNumbers) = penaltyFormulas()
            lines.append(line([term, termNumbers, f(record.weightPenalty)], .loss))
            symbolic = .sum([symbolic, term])
            numbers = numbers.map { .sum([$0, f(record.weightPenalty)]) }
        }
        lines.append(line([j, symbolic] + (numbers.map { [$0] } ?? []) + [f(record.loss)], .loss))
        return lines
    }

    /// (λ/2)·(Σᵢ Σⱼ vᵢⱼ² + …), one double sum per layer, and the same with each layer's sum as a number.
    func penaltyFormulas() -> (Formula, Formula) {
        let half = Formula.parenthesised(.quotient(s(MathSymbol("λ")), .integer(2), spaced: false))
        let halfNumbers = Formula.parenthesised(.quotient(c(scenario.weightDecay), .integer(2), spaced: false))
        var sums: [Formula] = [], values: [Formula] = []
        for l in 0..<scenario.layers.count {
            var w = symbols.weight(layer: l, from: 0, to: 0)
            let single = w.indices.count == 1
            w.indices = single ? [.letter("i")] : [.letter("i"), .letter("j")]
            let square = Formula.power(s(w), .integer(2))
            let inner = single ? square : .summation(.letter("j"), count: scenario.layerSizes[l + 1], square)
            sums.append(.summation(.letter("i"), count: scenario.layerSizes[l], inner))
            values.append(f(record.parametersBefore.weights[l].reduce(0) { $0 + $1 * $1 }))
        }
        return (.times(half, .parenthesised(.sum(sums))), .times(halfNumbers, .parenthesised(.sum(values))))
    }

    /// One sample's loss in symbols and with its numbers.
    func lossTerms(y: [Double], q: [Double], outputs: Int) -> (Formula, Formula?) {
        let ys = (0..<outputs).map { s(symbols.activation(layer: last, unit: $0)) }, qs = (0..<outputs).map { s(symbols.target($0)) }
        let one = Formula.integer(1)
        switch scenario.loss {
        case .binaryCrossEntropy:
            let symbolic = Formula.sum((0..<outputs).map { k in
                .negated(.bracketed(.sum([.product([qs[k], .apply(.log, ys[k])], .space),
                                          .product([.minus(one, qs[k]), .apply(.log, .minus(one, ys[k]))], .space)])))
            })
            let numeric = Formula.sum((0..<outputs).map { k in
                .negated(.bracketed(.sum([.times(c(q[k]), .apply(.log, f(y[k]))), .times(c(1 - q[k]), .apply(.log, f(1 - y[k])))])))
            })
            return (symbolic, numeric)
        case .crossEntropy:
            return (.negated(.bracketed(.sum((0..<outputs).map { .product([qs[$0], .apply(.log, ys[$0])], .space) }))),
                    .negated(.bracketed(.sum((0..<outputs).map { .times(c(q[$0]), .apply(.log, f(y[$0]))) }))))
        case .meanSquaredError:
            let half = Formula.half
            return (.product([half, .bracketed(.sum((0..<outputs).map { .power(.parenthesised(.minus(ys[$0], qs[$0])), .integer(2)) }))], .adjacent),
                    .product([half, .bracketed(.sum((0..<outputs).map { .power(.parenthesised(.minus(f(y[$0]), c(q[$0]))), .integer(2)) }))], .adjacent))
        }
    }

    // MARK: Backward

    func backward(_ l: Int) -> Explanation {
        let (summary, lines) = l == last ? outputBackward() : hiddenBackward(l)
        return ("Backward · \(symbols.layerTitle(l))", summary, lines + parameterGradients(l))
    }

    /// The summary of a layered layer's backward step: dZ[l] = dA[l] · g′(Z[l]).
    func layeredDeltaRule(_ l: Int) -> Equation {
        let dZ = s(MathSymbol("dZ", layer: l + 1)), dA = s(MathSymbol("dA", layer: l + 1))
        return Equation(dZ, .chain([dA, .apply(.gPrime, s(MathSymbol("Z", layer: l + 1)))]))
    }

    func outputBackward() -> (FormulaLine, [FormulaLine]) {
        let l = last
        let activation = scenario.layers[l].activation
        let deltaK = s(symbols.delta(layer: l, unit: 0).indexed(by: "k"))
        let netK = s(symbols.preActivation(layer: l, unit: 0).indexed(by: "k"))
        let yK = s(MathSymbol("Y").indexed(by: "k")), yL = s(MathSymbol("Y").indexed(by: "l"))
        var parts: [FormulaLine.Part]
        if layered {
            let dA = s(MathSymbol("dA", layer: l + 1))
            parts = [.text("The output layer's "), .math(Equation(dA, .partial(e, s(MathSymbol("A", layer: l + 1))))),
                     .text(" comes from the loss itself; "), .math(layeredDeltaRule(l)), .text(".")]
        } else if activation == .softmax {
            let sum = Formula.summation(.letter("l"), count: nil, .chain([.partial(e, yL), .partial(yL, netK)]))
            parts = [.text("Each output's error signal "), .math(Equation(deltaK, .partial(e, netK), sum)),
                     .text(": every softmax output depends on every net.")]
        } else {
            parts = [.text("Each output's error signal "), .math(Equation(deltaK, .chain([.partial(e, yK), .partial(yK, netK)]))), .text(".")]
        }
        if scenario.loss == .binaryCrossEntropy || scenario.loss == .crossEntropy {
            parts.append(.text(" With \(activation.symbol) and \(scenario.loss.prose) the factors simplify."))
        }
        let lines = forEachSample { sample in
            (0..<scenario.layers[l].units).flatMap { outputDeltaLines(sample, $0) }
        }
        return (FormulaLine(parts, kind: .summary), lines)
    }

    /// The lines of output unit k's ∂E/∂Y and δ in one sample.
    func outputDeltaLines(_ sample: Int, _ k: Int) -> [FormulaLine] {
        let l = last
        let activation = scenario.layers[l].activation
        let y = s(symbols.activation(layer: l, unit: k)), q = s(symbols.target(k)), net = s(symbols.preActivation(layer: l, unit: k))
        let dE = record.outGradient[l][sample][k], dY = record.activationDerivative[l][sample][k], delta = record.delta[l][sample][k]
        let yValue = record.out[l][sample][k], qValue = scenario.samples[record.sampleRange.lowerBound + sample].y[k]
        let difference = Equation(.minus(y, q), .minus(f(yValue), c(qValue)), f(delta))
        if activation == .softmax {
            let yL = s(symbols.activation(layer: l, unit: 0).indexed(by: "l"))
            let sum = Formula.summation(.letter("l"), count: scenario.layers[l].units, .times(.partial(e, yL), .partial(yL, net)))
            return [line([self.delta(l, k), .partial(e, net), sum] + difference.sides, .delta)]
        }
        let gradient = symbols.outputGradient(layer: l, unit: k)
        let named: [Formula] = layered ? [.partial(e, y)] : []
        let combined = scenario.loss.combinedDerivative(out: y, target: q).map { [$0] } ?? []
        var lines = [line([gradient] + named + [scenario.loss.derivative(out: y, target: q)] + combined + [f(dE)], .outputGradient)]
        if scenario.loss == .binaryCrossEntropy && sample == 0 && k == 0 { lines.append(LossFunction.bceSigns(out: y, target: q)) }
        let factor = activation.derivative(out: y, net: net).asFactor
        var parts: [FormulaLine.Part] = [.math(Equation(self.delta(l, k), .chain([gradient, factor]), .times(p(dE), p(dY)), f(delta)))]
        // The engine uses the exact simplified delta; show it, with its own numbers.
        switch scenario.loss {
        case .binaryCrossEntropy:
            parts += [.text("; exactly "), .math(difference)]
        case .crossEntropy:
            let exact = Formula.negated(.product([q, .parenthesised(.minus(.integer(1), y))], .adjacent))
            let numbers = Formula.negated(.times(c(qValue), .parenthesised(.minus(.integer(1), f(yValue)))))
            parts += [.text("; exactly "), .math(Equation(exact, numbers, f(delta)))]
        case .meanSquaredError:
            break
        }
        lines.append(FormulaLine(parts, kind: .delta))
        return lines
    }

    func hiddenBackward(_ l: Int) -> (FormulaLine, [FormulaLine]) {
        let layer = scenario.layers[l]
        let next = scenario.layerSizes[l + 2]
        let summary: FormulaLine
        if layered {
            let dA = s(MathSymbol("dA", layer: l + 1))
            let above = Formula.times(.transposed(s(MathSymbol("W", layer: l + 2))), s(MathSymbol("dZ", layer: l + 2)))
            summary = FormulaLine([.text("A hidden layer's "), .math(Equation(dA, above)), .text(" comes from the layer above; "),
                                   .math(layeredDeltaRule(l)), .text(".")], kind: .summary)
        } else {
            let zJ = s(MathSymbol("Z").indexed(by: "j"))
            let wJ1 = s(MathSymbol("w", indices: [.letter("j"), .number(1)])), wJK = s(MathSymbol("w", indices: [.letter("j"), .letter("k")]))
            let collected: Formula = next == 1 ? .times(delta(l + 1, 0), wJ1)
                : .summation(.letter("k"), count: nil, .times(s(symbols.delta(layer: l + 1, unit: 0).indexed(by: "k")), wJK))
            let netJ = s(symbols.preActivation(layer: l, unit: 0).indexed(by: "j"))
            let rule = Equation(s(symbols.delta(layer: l, unit: 0).indexed(by: "j")),
                                .chain([.partial(e, zJ), layer.activation.derivative(out: zJ, net: netJ).asFactor]))
            summary = FormulaLine([.text("Each hidden unit collects the output errors through its weights: "),
                                   .math(Equation(.partial(e, zJ), collected)), .text(", then "), .math(rule), .text(".")], kind: .summary)
        }
        let lines = forEachSample { sample in
            (0..<layer.units).flatMap { hiddenDeltaLines(l, sample, $0) }
        }
        return (summary, lines)
    }

    /// The lines of hidden unit j's ∂E/∂Z and δ in one sample.
    func hiddenDeltaLines(_ l: Int, _ sample: Int, _ unit: Int) -> [FormulaLine] {
        let next = scenario.layerSizes[l + 2]
        let a = s(symbols.activation(layer: l, unit: unit)), net = s(symbols.preActivation(layer: l, unit: unit))
        let gradient = symbols.outputGradient(layer: l, unit: unit)
        var sides: [Formula] = [gradient]
        if next <= maximumTerms {
            sides.append(.sum((0..<next).map { .times(delta(l + 1, $0), s(symbols.weight(layer: l + 1, from: unit, to: $0))) }))
            sides.append(.sum((0..<next).map { .times(p(record.delta[l + 1][sample][$0]), c(weight(l + 1, unit, $0))) }))
        } else if layered {
            let w = s(MathSymbol("W", layer: l + 2, indices: [.number(unit + 1), .letter("k")]))
            sides.append(.summation(.letter("k"), count: next, .times(w, s(MathSymbol("dZ", layer: l + 2, indices: [.letter("k")])))))
        } else {
            let w = s(MathSymbol("w", indices: [.number(unit + 1), .letter("k")]))
            sides.append(.summation(.letter("k"), count: next, .times(s(symbols.delta(layer: l + 1, unit: 0).indexed(by: "k")), w)))
        }
        let outGradient = record.outGradient[l][sample][unit]
        let derivative = scenario.layers[l].activation.derivative(out: a, net: net).asFactor
        return [
            line(sides + [f(outGradient)], .outputGradient),
            line([delta(l, unit), .chain([gradient, derivative]), .times(p(outGradient), p(record.activationDerivative[l][sample][unit])),
                  f(record.delta[l][sample][unit])], .delta),
        ]
    }

    /// ∂J/∂w of each of layer l's weights and biases (layered: with the matrix form first).
    func parameterGradients(_ l: Int) -> [FormulaLine] {
        let layer = scenario.layers[l]
        var lines: [FormulaLine] = []
        let mean = scenario.reduction == .mean && sampleCount > 1
        if layered {
            let product = Formula.times(.transposed(s(symbols.activationVector(layer: l - 1))), s(MathSymbol("dZ", layer: l + 1)))
            let matrix = Equation(s(MathSymbol("dW", layer: l + 1)), mean ? .quotient(product, .integer(sampleCount), spaced: true) : product)
            lines.append(FormulaLine([.math(matrix), .text(": a \(scenario.layerSizes[l])×\(layer.units) matrix, one entry per weight")],
                                     kind: .general))
        }
        func reduced(_ perSample: Formula) -> Formula {
            guard sampleCount > 1 else { return perSample }
            let sum = Formula.summation(.letter("s"), count: sampleCount, perSample)
            return mean ? .times(.parenthesised(.ratio(1, sampleCount)), sum) : sum
        }
        let weightCount = scenario.layerSizes[l] * layer.units
        for index in 0..<min(weightCount, parameterLimit) {
            let (i, unit) = (index / layer.units, index % layer.units)
            let id = WeightID(layer: l, from: i, to: unit)
            let gradient = record.weightGradients[l][i * layer.units + unit]
            let product = Formula.times(delta(l, unit), s(symbols.activation(layer: l - 1, unit: i)))
            var numbers: [Formula] = sampleCount == 1 ? [.times(p(record.delta[l][0][unit]), c(input(l, 0, i)))] : []
            var symbolic = reduced(product)
            if scenario.weightDecay != 0 {
                // Weight decay's λ·w joins the gradient of J (not of the samples' E).
                symbolic = .sum([symbolic, .times(s(MathSymbol("λ")), s(symbols.parameter(id)))])
                numbers = numbers.map { .sum([$0, .times(c(scenario.weightDecay), c(weight(l, i, unit)))]) }
            }
            lines.append(line([.partial(j, s(symbols.parameter(id))), symbolic] + numbers + [f(gradient)], .parameterGradient,
                              parameter: id))
        }
        if weightCount > parameterLimit {
            lines.append(FormulaLine(text: "… and \(weightCount - parameterLimit) more weights of this layer, each δ of its unit times its input",
                                     kind: .note))
        }
        for unit in 0..<layer.units {
            let id = WeightID(layer: l, from: nil, to: unit)
            lines.append(line([.partial(j, s(bias(l, unit))), reduced(delta(l, unit)), f(record.biasGradients[l][unit])],
                              .parameterGradient, parameter: id))
        }
        // With one sample, the symbols are that sample's.
        return lines.map { line in
            var line = line
            if sampleCount == 1 { line.sample = 0 }
            return line
        }
    }

    // MARK: Update

    func update() -> Explanation {
        var lines: [FormulaLine] = []
        let all = WeightID.all(layerSizes: scenario.layerSizes)
        for l in 0..<scenario.layers.count {
            let layerParameters = all.filter { $0.layer == l }
            for id in layerParameters.prefix(parameterLimit) { lines += updateLines(id) }
            if layerParameters.count > parameterLimit {
                lines.append(FormulaLine(text: "… and \(layerParameters.count - parameterLimit) more parameters of this layer, by the same rule",
                                         kind: .note))
            }
        }
        return (updateTitle(), updateSummary(), lines)
    }

    let eta = Formula.symbol(MathSymbol("η"))
    let velocity = Formula.symbol(MathSymbol("u"))
    let firstMoment = Formula.symbol(MathSymbol("m")), secondMoment = Formula.symbol(MathSymbol("v"))
    let firstHat = Formula.symbol(MathSymbol("m̂")), secondHat = Formula.symbol(MathSymbol("v̂"))
    let beta1 = Formula.symbol(MathSymbol("β", 1)), beta2 = Formula.symbol(MathSymbol("β", 2))
    let epsilon = Formula.symbol(MathSymbol("ε")), updates = Formula.symbol(MathSymbol("t"))

    func updateTitle() -> String {
        let rate = FormulaRenderer(.unicode).number(scenario.learningRate, .compact)
        switch scenario.optimizer {
        case .sgd: return "Update · gradient descent, η = \(rate)"
        case .momentum(let mu): return "Update · momentum, μ = \(FormulaRenderer(.unicode).number(mu, .compact)), η = \(rate)"
        case .adam: return "Update · Adam, update t = \(record.optimizerStateBefore.steps + 1), η = \(rate)"
        }
    }

    func updateSummary() -> FormulaLine {
        let w = s(MathSymbol("w")), gradient = Formula.partial(j, s(MathSymbol("w")))
        var parts: [FormulaLine.Part]
        switch scenario.optimizer {
        case .sgd:
            parts = [.text("Every weight and bias moves against its gradient: "),
                     .math(Equation([w, .minus(w, .times(eta, gradient))], assigns: true)), .text(".")]
        case .momentum:
            parts = [.text("Each parameter's velocity u gathers its gradients, "),
                     .math(Equation([velocity, .sum([.times(s(MathSymbol("μ")), velocity), gradient])], assigns: true)),
                     .text(" (u starts as the first gradient), and the parameter moves against it: "),
                     .math(Equation([w, .minus(w, .times(eta, velocity))], assigns: true)), .text(".")]
        case .adam:
            parts = [.text("Adam keeps moving averages of each parameter's gradient ("), .math(Equation(firstMoment)),
                     .text(") and squared gradient ("), .math(Equation(secondMoment)),
                     .text("), divides out their start at 0 after t updates ("), .math(Equation(firstHat)), .text(", "),
                     .math(Equation(secondHat)), .text("), and moves by "),
                     .math(Equation([w, .minus(w, adamStep(eta, firstHat, secondHat, epsilon))], assigns: true)), .text(".")]
        }
        if !scenario.trainBiases { parts.append(.text(" The biases stay as they are (train_biases is false).")) }
        if scenario.weightDecay != 0 {
            parts += [.text(" Each weight's gradient includes weight decay's "), .math(Equation(.times(s(MathSymbol("λ")), w))),
                      .text(".")]
        }
        return FormulaLine(parts, kind: .summary)
    }

    /// η·m̂/(√v̂ + ε), in symbols or numbers.
    func adamStep(_ rate: Formula, _ mHat: Formula, _ vHat: Formula, _ eps: Formula) -> Formula {
        .times(rate, .quotient(mHat, .parenthesised(.sum([.apply(.squareRoot, vHat), eps])), spaced: false))
    }

    /// The update of one weight or bias with its numbers: the rule's state first, then the parameter.
    func updateLines(_ id: WeightID) -> [FormulaLine] {
        let units = scenario.layerSizes[id.layer + 1]
        func value(_ weights: [[Double]], _ biases: [[Double]]) -> Double {
            id.from.map { weights[id.layer][$0 * units + id.to] } ?? biases[id.layer][id.to]
        }
        let before = value(record.parametersBefore.weights, record.parametersBefore.biases)
        let after = value(record.parametersAfter.weights, record.parametersAfter.biases)
        let gradient = value(record.weightGradients, record.biasGradients)
        let w = s(symbols.parameter(id))
        func assignment(_ sides: [Formula]) -> FormulaLine {
            FormulaLine(Equation(sides, assigns: true), kind: .update, parameter: id)
        }
        if id.from == nil && !scenario.trainBiases {
            let stays = FormulaLine.Part.text(" stays: the biases are not trained (train_biases is false)")
            return [FormulaLine([.math(Equation(w, f(before))), stays], kind: .update, parameter: id)]
        }
        let rate = Formula.number(scenario.learningRate, .compact)
        let index = OptimizerState.index(of: id, layerSizes: scenario.layerSizes)
        let old = record.optimizerStateBefore, new = record.optimizerStateAfter
        switch scenario.optimizer {
        case .sgd:
            return [assignment([w, .minus(w, .times(eta, .partial(j, w))), .minus(f(before), .times(rate, p(gradient))),
                                f(after)])]
        case .momentum(let mu):
            let u = new.first[index]
            let first: FormulaLine
            if old.steps == 0 {
                first = FormulaLine([.math(Equation([velocity, .partial(j, w), f(u)], assigns: true)),
                                     .text(", the velocity of "), .math(Equation(w)), .text(", starts as its gradient")],
                                    kind: .update, parameter: id)
            } else {
                let rule = Formula.sum([.times(s(MathSymbol("μ")), velocity), .partial(j, w)])
                let numbers = Formula.sum([.times(c(mu), p(old.first[index])), p(gradient)])
                first = FormulaLine([.math(Equation([velocity, rule, numbers, f(u)], assigns: true)),
                                     .text(", the velocity of "), .math(Equation(w))], kind: .update, parameter: id)
            }
            return [first, assignment([w, .minus(w, .times(eta, velocity)), .minus(f(before), .times(rate, p(u))), f(after)])]
        case .adam(let b1, let b2, let eps):
            return adamLines(id, w: w, gradient: gradient, before: before, after: after, index: index, rule: (b1, b2, eps))
        }
    }

    /// Adam's five lines for one parameter: m, v, m̂, v̂ and the parameter itself.
    func adamLines(_ id: WeightID, w: Formula, gradient: Double, before: Double, after: Double, index: Int,
                   rule: (beta1: Double, beta2: Double, epsilon: Double)) -> [FormulaLine] {
        let old = record.optimizerStateBefore, new = record.optimizerStateAfter
        let t = old.steps + 1
        let m = new.first[index], v = new.second[index]
        let mHat = m / (1 - pow(rule.beta1, Double(t))), vHat = v / (1 - pow(rule.beta2, Double(t)))
        let dJ = Formula.partial(j, w), one = Formula.integer(1)
        func complement(_ x: Formula) -> Formula { .parenthesised(.minus(one, x)) }
        func squared(_ x: Formula) -> Formula { .power(x, .integer(2)) }
        func line(_ sides: [Formula], assigns: Bool, tail: [FormulaLine.Part] = []) -> FormulaLine {
            FormulaLine([.math(Equation(sides, assigns: assigns))] + tail, kind: .update, parameter: id)
        }
        let of: [FormulaLine.Part] = [.text(", for "), .math(Equation(w))]
        return [
            line([firstMoment, .sum([.times(beta1, firstMoment), .times(complement(beta1), dJ)]),
                  .sum([.times(c(rule.beta1), p(old.first[index])), .times(complement(c(rule.beta1)), p(gradient))]), f(m)],
                 assigns: true, tail: of),
            line([secondMoment, .sum([.times(beta2, secondMoment), .times(complement(beta2), squared(.parenthesised(dJ)))]),
                  .sum([.times(c(rule.beta2), p(old.second[index])), .times(complement(c(rule.beta2)), squared(p(gradient)))]),
                  f(v)], assigns: true),
            line([firstHat, .quotient(firstMoment, complement(.power(beta1, updates)), spaced: false),
                  .quotient(p(m), complement(.power(c(rule.beta1), .integer(t))), spaced: false), f(mHat)], assigns: false),
            line([secondHat, .quotient(secondMoment, complement(.power(beta2, updates)), spaced: false),
                  .quotient(p(v), complement(.power(c(rule.beta2), .integer(t))), spaced: false), f(vHat)], assigns: false),
            line([w, .minus(w, adamStep(eta, firstHat, secondHat, epsilon)),
                  .minus(f(before), adamStep(.number(scenario.learningRate, .compact), p(mHat), f(vHat), c(rule.epsilon))),
                  f(after)],
                 assigns: true),
        ]
    }
}
