import Foundation

/// What one step computes, for people: a title, a sentence, and each formula with the numbers
/// substituted (e.g. `Z₁ = σ(X₁·v₁₁ + X₂·v₂₁ + b₁) = σ(0.05·0.15 + 0.1·0.2 + 0.35) = σ(0.3775) = 0.5933`).
/// The viewer's step panel and `nnview trace --format text` both show it.
public struct StepExplanation: Sendable, Equatable {
    /// E.g. "Forward · hidden layer Z".
    public var title: String
    /// What the step does, in words.
    public var summary: String
    /// The formulas with their numbers, one a line.
    public var lines: [String]

    /// Explains `step` of `scenario` with numbers in `style`, writing out the formulas of at
    /// most `sampleLimit` samples of the batch (a line says how many more there are): a screen
    /// cannot show 100,000 samples' lines, and building them would take seconds.
    /// Likewise at most `parameterLimit` weights of a layer are written out: 8 layers of 64
    /// units have 33,000 of them.
    public init(step: Step, scenario: Scenario, style: NumberStyle = .standard, sampleLimit: Int = .max,
                parameterLimit: Int = .max) {
        let writer = ExplanationWriter(scenario: scenario, record: step.record, style: style, sampleLimit: max(1, sampleLimit),
                                       parameterLimit: max(1, parameterLimit))
        (title, summary, lines) = writer.explain(step.phase)
    }
}

/// Builds the lines of a ``StepExplanation``.
private struct ExplanationWriter {
    let scenario: Scenario
    let record: BatchRecord
    let style: NumberStyle
    let symbols: Symbols
    let sampleLimit: Int
    let parameterLimit: Int

    /// Terms written out in full up to this many; beyond, a Σ stands for them.
    let maximumTerms = 4

    init(scenario: Scenario, record: BatchRecord, style: NumberStyle, sampleLimit: Int, parameterLimit: Int) {
        self.sampleLimit = sampleLimit
        self.parameterLimit = parameterLimit
        self.scenario = scenario
        self.record = record
        self.style = style
        symbols = Symbols(scenario: scenario)
    }

    var last: Int { scenario.layers.count - 1 }
    var layered: Bool { scenario.notation == .layered }
    var sampleCount: Int { record.sampleCount }

    func f(_ value: Double) -> String { style.format(value) }
    func p(_ value: Double) -> String { style.factor(value) }
    func c(_ value: Double) -> String { style.compactFactor(value) }

    /// "sample 2 (data[5])" headings, only when the batch has several samples.
    func forEachSample(_ body: (Int) -> [String]) -> [String] {
        guard sampleCount > 1 else { return body(0) }
        var lines: [String] = []
        for s in 0..<min(sampleCount, sampleLimit) {
            lines.append("sample \(s + 1) of \(sampleCount) (data[\(record.sampleRange.lowerBound + s)]):")
            lines += body(s).map { "  " + $0 }
        }
        if sampleCount > sampleLimit {
            lines.append("samples \(sampleLimit + 1)–\(sampleCount): the same formulas with their own numbers"
                         + " (nnview trace --format jsonl lists every value)")
        }
        return lines
    }

    func input(_ l: Int, _ s: Int, _ i: Int) -> Double {
        l == 0 ? scenario.samples[record.sampleRange.lowerBound + s].x[i] : record.out[l - 1][s][i]
    }

    func weight(_ l: Int, _ i: Int, _ j: Int, after: Bool = false) -> Double {
        (after ? record.parametersAfter : record.parametersBefore).weights[l][i * scenario.layerSizes[l + 1] + j]
    }

    func biasSymbol(_ l: Int, _ j: Int) -> String { symbols.parameter(WeightID(layer: l, from: nil, to: j)) }

    func deltaSymbol(_ l: Int, _ j: Int) -> String { symbols.delta(layer: l, unit: j) }

    func outGradientSymbol(_ l: Int, _ j: Int) -> String {
        layered ? "dA[\(l + 1)]" + Subscript.number(j + 1) : "∂E/∂" + symbols.activation(layer: l, unit: j)
    }

    func explain(_ phase: Phase) -> (String, String, [String]) {
        switch phase {
        case .forward(let l): return forward(l)
        case .loss: return loss()
        case .backward(let l): return backward(l)
        case .update: return update()
        }
    }

    // MARK: Forward

    func forward(_ l: Int) -> (String, String, [String]) {
        let layer = scenario.layers[l]
        let previous = scenario.layerSizes[l]
        let a = symbols.activationVector(layer: l), aPrev = symbols.activationVector(layer: l - 1)
        let g = layer.activation.symbol
        let summary: String
        if layered {
            summary = "Z[\(l + 1)] = \(aPrev)·W[\(l + 1)] + b[\(l + 1)], then \(a) = \(g)(Z[\(l + 1)]): each unit weighs its inputs, adds its bias and applies \(g)."
        } else {
            summary = "\(a) = \(g)(\(aPrev)·\(symbols.weightMatrix(layer: l)) + b): each unit weighs its inputs, adds its bias and applies \(g)."
        }
        let lines = forEachSample { s in
            var lines: [String] = []
            for j in 0..<layer.units {
                let net = record.net[l][s][j], out = record.out[l][s][j]
                let netSymbol = symbols.preActivation(layer: l, unit: j), outSymbol = symbols.activation(layer: l, unit: j)
                let sumSymbols: String, sumNumbers: String
                if previous <= maximumTerms {
                    sumSymbols = (0..<previous).map { "\(symbols.activation(layer: l - 1, unit: $0))·\(symbols.weight(layer: l, from: $0, to: j))" }.joined(separator: " + ") + " + " + biasSymbol(l, j)
                    sumNumbers = (0..<previous).map { "\(c(input(l, s, $0)))·\(c(weight(l, $0, j)))" }.joined(separator: " + ") + " + " + c(record.parametersBefore.biases[l][j])
                } else {
                    let i = "ᵢ"
                    sumSymbols = "Σ\(i) \(aPrev)\(i)·\(symbols.weightMatrix(layer: l))\(i)\(Subscript.number(j + 1)) + \(biasSymbol(l, j))"
                    sumNumbers = ""
                }
                if layer.activation == .softmax {
                    lines.append("\(netSymbol) = \(sumSymbols)\(sumNumbers.isEmpty ? "" : " = \(sumNumbers)") = \(f(net))")
                    lines.append(softmaxLine(l, s, j))
                } else if layered {
                    lines.append("\(netSymbol) = \(sumSymbols)\(sumNumbers.isEmpty ? "" : " = \(sumNumbers)") = \(f(net))")
                    lines.append("\(outSymbol) = \(g)(\(netSymbol)) = \(g)(\(f(net))) = \(f(out))")
                } else {
                    let numbers = sumNumbers.isEmpty ? "" : " = \(g)(\(sumNumbers))"
                    lines.append("\(outSymbol) = \(g)(\(sumSymbols))\(numbers) = \(g)(\(f(net))) = \(f(out))")
                }
            }
            if l == last && layer.activation == .sigmoid && layer.units > 1 && !layered {
                let total = record.out[l][s].reduce(0, +)
                lines.append("(\((0..<layer.units).map { symbols.activation(layer: l, unit: $0) }.joined(separator: " + ")) = \(f(total)): independent sigmoids need not sum to 1)")
            }
            return lines
        }
        return ("Forward · \(symbols.layerTitle(l))", summary, lines)
    }

    /// Y_j = e^net_j / Σₗ e^netₗ with its numbers. The engine subtracts the largest net first so
    /// that e^net cannot overflow; the line shows the plain exponentials when they are moderate,
    /// and says so when it shows the shifted ones.
    func softmaxLine(_ l: Int, _ s: Int, _ j: Int) -> String {
        let nets = record.net[l][s]
        let largest = nets.max() ?? 0
        let netSymbol = symbols.preActivation(layer: l, unit: j), outSymbol = symbols.activation(layer: l, unit: j)
        let netM = String(symbols.preActivation(layer: l, unit: 0).dropLast()) + "ₗ"
        let out = record.out[l][s][j]
        if nets.allSatisfy({ abs($0) <= 30 }) {
            let exponentials = nets.map { exp($0) }
            return "\(outSymbol) = e^\(netSymbol) / Σₗ e^\(netM) = \(f(exponentials[j])) / \(f(exponentials.reduce(0, +))) = \(f(out))"
        }
        let shifted = nets.map { exp($0 - largest) }
        return "\(outSymbol) = e^(\(netSymbol) − max) / Σₗ e^(\(netM) − max) = \(f(shifted[j])) / \(f(shifted.reduce(0, +))) = \(f(out))"
            + " (max = \(f(largest)) subtracted so that e^ cannot overflow; the ratio is the same)"
    }

    // MARK: Loss

    func loss() -> (String, String, [String]) {
        let outputs = scenario.layerSizes[last + 1]
        let lossFormula = scenario.loss.formula(out: generic(symbols.activation(layer: last, unit: 0), "ₖ"), target: generic(symbols.target(0), "ₖ"))
        let summary = "\(lossFormula), per sample, summed over the output units" + (sampleCount > 1 ? "; J = \(scenario.reduction == .mean ? "mean" : "sum") over the \(sampleCount) samples of the batch."
               : "; with one sample in the batch, J = E.")
        var lines = forEachSample { s in
            let y = record.out[last][s], q = scenario.samples[record.sampleRange.lowerBound + s].y
            let ys = (0..<outputs).map { symbols.activation(layer: last, unit: $0) }, qs = (0..<outputs).map { symbols.target($0) }
            var symbolic: String, numeric: String
            switch scenario.loss {
            case .binaryCrossEntropy:
                symbolic = (0..<outputs).map { "−[\(qs[$0]) log \(ys[$0]) + (1 − \(qs[$0])) log(1 − \(ys[$0]))]" }.joined(separator: " ")
                numeric = (0..<outputs).map { "−[\(c(q[$0]))·log \(f(y[$0])) + \(c(1 - q[$0]))·log \(f(1 - y[$0]))]" }.joined(separator: " ")
            case .crossEntropy:
                symbolic = "−[" + (0..<outputs).map { "\(qs[$0]) log \(ys[$0])" }.joined(separator: " + ") + "]"
                numeric = "−[" + (0..<outputs).map { "\(c(q[$0]))·log \(f(y[$0]))" }.joined(separator: " + ") + "]"
            case .meanSquaredError:
                symbolic = "½[" + (0..<outputs).map { "(\(ys[$0]) − \(qs[$0]))²" }.joined(separator: " + ") + "]"
                numeric = "½[" + (0..<outputs).map { "(\(f(y[$0])) − \(c(q[$0])))²" }.joined(separator: " + ") + "]"
            }
            if outputs > maximumTerms { symbolic = String(lossFormula.dropFirst(4)); numeric = "" }
            let e = sampleCount > 1 ? "E⁽\(superscript(s + 1))⁾" : "E"
            var lines = ["\(e) = \(symbolic)"]
            lines.append(String(repeating: " ", count: e.count) + " = " + (numeric.isEmpty ? "" : "\(numeric) = ") + f(record.sampleLosses[s]))
            return lines
        }
        if sampleCount > 1 {
            let prefix = scenario.reduction == .mean ? "(1/\(sampleCount))·" : ""
            let shown = sampleCount <= 8 ? "\(prefix)(\(record.sampleLosses.map(f).joined(separator: " + "))) = " : ""
            lines.append("J = \(prefix)Σₛ E⁽ˢ⁾ = \(shown)\(f(record.loss))")
        }
        return ("Loss", summary, lines)
    }

    // MARK: Backward

    func backward(_ l: Int) -> (String, String, [String]) {
        let layer = scenario.layers[l]
        let outputActivation = layer.activation
        var summary: String
        var lines: [String]
        if l == last {
            summary = layered
                ? "The output layer's dA[\(l + 1)] = ∂E/∂A[\(l + 1)] comes from the loss itself; dZ[\(l + 1)] = dA[\(l + 1)] · g′(Z[\(l + 1)])."
                : outputActivation == .softmax
                ? "Each output's error signal \(generic(deltaSymbol(l, 0), "ₖ")) = ∂E/∂\(generic(symbols.preActivation(layer: l, unit: 0), "ₖ")) = Σₗ ∂E/∂Yₗ · ∂Yₗ/∂\(generic(symbols.preActivation(layer: l, unit: 0), "ₖ")): every softmax output depends on every net."
                : "Each output's error signal \(generic(deltaSymbol(l, 0), "ₖ")) = ∂E/∂Yₖ · ∂Yₖ/∂\(generic(symbols.preActivation(layer: l, unit: 0), "ₖ"))."
            if scenario.loss == .binaryCrossEntropy || scenario.loss == .crossEntropy { summary += " With \(outputActivation.symbol) and \(scenario.loss.prose) the factors simplify." }
            lines = forEachSample { s in
                var lines: [String] = []
                for k in 0..<layer.units {
                    let y = symbols.activation(layer: l, unit: k), q = symbols.target(k), net = symbols.preActivation(layer: l, unit: k)
                    let dE = record.outGradient[l][s][k], dY = record.activationDerivative[l][s][k], delta = record.delta[l][s][k]
                    let yValue = record.out[l][s][k], qValue = scenario.samples[record.sampleRange.lowerBound + s].y[k]
                    if outputActivation == .softmax {
                        lines.append("\(deltaSymbol(l, k)) = ∂E/∂\(net) = Σₗ ∂E/∂Yₗ·∂Yₗ/∂\(net) = \(y) − \(q) = \(f(yValue)) − \(c(qValue)) = \(f(delta))")
                        continue
                    }
                    let defining = scenario.loss.derivativeFormula(out: y, target: q)
                    let combined = scenario.loss.combinedDerivativeFormula(out: y, target: q).map { " = \($0)" } ?? ""
                    let dY_dNet = Symbols.factor(outputActivation.derivativeFormula(out: y, net: net))
                    let named = layered ? " = ∂E/∂\(y)" : ""
                    lines.append("\(outGradientSymbol(l, k))\(named) = \(defining)\(combined) = \(f(dE))")
                    var line = "\(deltaSymbol(l, k)) = \(outGradientSymbol(l, k)) · \(dY_dNet) = \(p(dE))·\(p(dY)) = \(f(delta))"
                    // The engine uses the exact simplified delta; show it, with its own numbers.
                    switch scenario.loss {
                    case .binaryCrossEntropy:
                        line += "; exactly \(y) − \(q) = \(f(yValue)) − \(c(qValue)) = \(f(delta))"
                    case .crossEntropy:
                        line += "; exactly −\(q)(1 − \(y)) = −\(c(qValue))·(1 − \(f(yValue))) = \(f(delta))"
                    case .meanSquaredError:
                        break
                    }
                    lines.append(line)
                }
                return lines
            }
        } else {
            let next = scenario.layerSizes[l + 2]
            summary = layered
                ? "A hidden layer's dA[\(l + 1)] = W[\(l + 2)]ᵀ·dZ[\(l + 2)] comes from the layer above; dZ[\(l + 1)] = dA[\(l + 1)] · g′(Z[\(l + 1)])."
                : "Each hidden unit collects the output errors through its weights: ∂E/∂Zⱼ = \(next == 1 ? "\(deltaSymbol(l + 1, 0))·wⱼ₁" : "Σₖ \(generic(deltaSymbol(l + 1, 0), "ₖ"))·wⱼₖ"), then \(generic(deltaSymbol(l, 0), "ⱼ")) = ∂E/∂Zⱼ · \(Symbols.factor(layer.activation.derivativeFormula(out: "Zⱼ", net: generic(symbols.preActivation(layer: l, unit: 0), "ⱼ"))))."
            lines = forEachSample { s in
                var lines: [String] = []
                for j in 0..<layer.units {
                    let a = symbols.activation(layer: l, unit: j), net = symbols.preActivation(layer: l, unit: j)
                    let symbolic: String, numbers: String
                    if next <= maximumTerms {
                        symbolic = (0..<next).map { "\(deltaSymbol(l + 1, $0))·\(symbols.weight(layer: l + 1, from: j, to: $0))" }.joined(separator: " + ")
                        numbers = " = " + (0..<next).map { "\(p(record.delta[l + 1][s][$0]))·\(c(weight(l + 1, j, $0)))" }.joined(separator: " + ")
                    } else {
                        symbolic = layered ? "Σₖ W[\(l + 2)]\(Subscript.number(j + 1))ₖ·dZ[\(l + 2)]ₖ" : "Σₖ \(generic(deltaSymbol(l + 1, 0), "ₖ"))·w\(Subscript.number(j + 1))ₖ"
                        numbers = ""
                    }
                    lines.append("\(outGradientSymbol(l, j)) = \(symbolic)\(numbers) = \(f(record.outGradient[l][s][j]))")
                    let derivative = Symbols.factor(scenario.layers[l].activation.derivativeFormula(out: a, net: net))
                    lines.append("\(deltaSymbol(l, j)) = \(outGradientSymbol(l, j)) · \(derivative) = \(p(record.outGradient[l][s][j]))·\(p(record.activationDerivative[l][s][j])) = \(f(record.delta[l][s][j]))")
                }
                return lines
            }
        }
        // Gradients of this layer's weights and biases.
        let aPrev = symbols.activationVector(layer: l - 1)
        if layered {
            lines.append("dW[\(l + 1)] = \(aPrev)ᵀ·dZ[\(l + 1)]\(sampleCount > 1 ? (scenario.reduction == .mean ? " / \(sampleCount)" : "") : ""): a \(scenario.layerSizes[l])×\(layer.units) matrix, one entry per weight")
        }
        let reduction = sampleCount > 1 ? (scenario.reduction == .mean ? "(1/\(sampleCount))·Σₛ " : "Σₛ ") : ""
        let weightCount = scenario.layerSizes[l] * layer.units
        for index in 0..<min(weightCount, parameterLimit) {
            do {
                let (i, j) = (index / layer.units, index % layer.units)
                let id = WeightID(layer: l, from: i, to: j)
                let gradient = record.weightGradients[l][i * layer.units + j]
                let product = "\(deltaSymbol(l, j))·\(symbols.activation(layer: l - 1, unit: i))"
                let numbers = sampleCount == 1 ? " = \(p(record.delta[l][0][j]))·\(c(input(l, 0, i)))" : ""
                lines.append("∂J/∂\(symbols.parameter(id)) = \(reduction)\(product)\(numbers) = \(f(gradient))")
            }
        }
        if weightCount > parameterLimit {
            lines.append("… and \(weightCount - parameterLimit) more weights of this layer, each δ of its unit times its input")
        }
        for j in 0..<layer.units {
            lines.append("∂J/∂\(biasSymbol(l, j)) = \(reduction)\(deltaSymbol(l, j)) = \(f(record.biasGradients[l][j]))")
        }
        return ("Backward · \(symbols.layerTitle(l))", summary, lines)
    }

    /// A unit's symbol with a letter for its index, for sentences about any unit: δʸₖ, netᶻⱼ.
    func generic(_ symbolOfFirstUnit: String, _ index: String) -> String {
        String(symbolOfFirstUnit.dropLast()) + index
    }

    // MARK: Update

    func update() -> (String, String, [String]) {
        let eta = style.compact(scenario.learningRate)
        var lines: [String] = []
        let all = WeightID.all(layerSizes: scenario.layerSizes)
        for l in 0..<scenario.layers.count {
            let layerParameters = all.filter { $0.layer == l }
            for id in layerParameters.prefix(parameterLimit) {
                let units = scenario.layerSizes[l + 1]
                let before = id.from.map { record.parametersBefore.weights[l][$0 * units + id.to] } ?? record.parametersBefore.biases[l][id.to]
                let after = id.from.map { record.parametersAfter.weights[l][$0 * units + id.to] } ?? record.parametersAfter.biases[l][id.to]
                let gradient = id.from.map { record.weightGradients[l][$0 * units + id.to] } ?? record.biasGradients[l][id.to]
                let w = symbols.parameter(id)
                lines.append("\(w) ← \(w) − η·∂J/∂\(w) = \(f(before)) − \(eta)·\(p(gradient)) = \(f(after))")
            }
            if layerParameters.count > parameterLimit {
                lines.append("… and \(layerParameters.count - parameterLimit) more parameters of this layer, by the same rule")
            }
        }
        return ("Update · gradient descent, η = \(eta)", "Every weight and bias moves against its gradient: w ← w − η·∂J/∂w.", lines)
    }
}

/// Superscript digits for sample indices: E⁽¹²⁾.
func superscript(_ value: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    return String(String(value).map { digits[$0.wholeNumberValue ?? 0] })
}
