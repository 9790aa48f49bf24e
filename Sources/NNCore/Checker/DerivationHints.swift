import Foundation

/// Recognises the classic mistakes in a wrong formula. Each candidate is what a student with
/// that mistake would compute (the gradient with one part of the chain rule changed, or the
/// formula read with transposed weights); a candidate times a constant ratio (−1, m, 1/m, 2, ½
/// and their products) that matches the formula at every sample of every point names the
/// mistakes, alone or together.
enum DerivationHints {
    typealias Mistake = DerivationCheck.Mistake
    typealias Hint = DerivationCheck.Hint

    /// Samples per point the candidates are compared on: enough to rule out chance, few enough
    /// that a 100,000-sample batch stays quick.
    static let sampleLimit = 64

    /// Fewer samples on wide, deep nets, where each candidate's backward pass costs more: about
    /// 400,000 multiplications per point and candidate, and never fewer than 4 samples.
    static func sampleLimit(for truth: Truth) -> Int {
        let sizes = truth.scenario.layerSizes
        let downstream = (truth.weight.layer + 1..<sizes.count - 1).reduce(1) { $0 + sizes[$1] * sizes[$1 + 1] }
        return max(4, min(sampleLimit, 400_000 / downstream))
    }

    /// A part of a hint: its mistake, a short phrase, and why.
    struct Part {
        var mistake: Mistake
        var phrase: String
        var explanation: String
    }

    /// A changed chain rule: per point, per sample, what it gives.
    struct Candidate {
        var parts: [Part]
        var values: [[Double]]
    }

    /// A constant factor and the mistakes it means: `constant` × (1/m)^`meanPower`.
    struct Ratio {
        var constant: Double
        var meanPower: Int
        var parts: [Part]
        /// Whether it compares the formula with ∂E⁽ˢ⁾/∂w itself, without the mean's 1/m.
        var perSample = false
        /// The batch's m.
        var sampleCount: Int

        /// The factor at the batch's m.
        var value: Double { value(sampleCount: sampleCount) }

        /// The factor were the batch `sampleCount` samples: a formula that reads m is checked at another m.
        func value(sampleCount: Int) -> Double { constant * pow(1 / Double(sampleCount), Double(meanPower)) }
    }

    /// The hint for a wrong formula whose values at each point (per sample) are `values`. A
    /// formula that reads m was evaluated again with m = `otherCount.count`: a hint must hold
    /// for those values too, with its ratios taken at that m.
    static func recognise(
        _ expression: Expression, values: [[Double]], records: [BatchRecord], truth: Truth, expecting: DerivationCheck.Expectation,
        otherCount: (count: Int, values: [[Double]])? = nil
    ) -> Hint? {
        let limit = sampleLimit(for: truth)
        let subsets = records.map { 0..<min($0.sampleCount, limit) }
        let observed = zip(values, subsets).map { Array($0[$1]) }
        let other = otherCount.map { (count: $0.count, values: zip($0.values, subsets).map { Array($0[$1]) }) }
        let context = Context(truth: truth, records: records, subsets: subsets, expecting: expecting)
        let exact = records.indices.map { truth.sampleGradients(records[$0], samples: subsets[$0]) }
        // What the formula gives, and what a student with those mistakes computes. A formula read
        // with transposed weights is compared with the true gradient (at the batch's m only).
        var best: Hint?
        func consider(_ hint: Hint?) {
            guard let hint else { return }
            if best == nil || hint.mistakes.count < best!.mistakes.count { best = hint }
        }
        for candidate in [Candidate(parts: [], values: exact)] + context.structuralCandidates() {
            consider(match(observed, candidate, context: context, other: other))
        }
        // A reading that transposes nothing the formula names says nothing about its indices.
        for transposed in context.transposedCandidates(expression) where transposed.values != observed {
            consider(match(transposed.values, Candidate(parts: transposed.parts, values: exact), context: context))
        }
        return best ?? constantFactor(observed, exact, context: context, other: other)
    }

    /// The hint for a wrong formula that sums over the batch's samples itself: its one value at
    /// each point is compared with ∂J/∂w, and with what the classic mistakes give for the batch
    /// (when the batch is small enough to run them on every sample).
    static func recogniseBatch(values: [Double], records: [BatchRecord], truth: Truth) -> Hint? {
        let observed = values.map { [$0] }
        let whole = records.allSatisfy { $0.sampleCount <= sampleLimit(for: truth) }
        let context = Context(truth: truth, records: records, subsets: records.map { 0..<$0.sampleCount }, expecting: .batchShare)
        let share = truth.scenario.reduction.factor(count: context.sampleCount)
        var candidates = [Candidate(parts: [], values: records.map { [truth.gradient($0)] })]
        if whole {
            candidates += context.structuralCandidates().map { Candidate(parts: $0.parts, values: $0.values.map { [$0.reduce(0, +) * share] }) }
        }
        var best: Hint?
        for candidate in candidates {
            guard let hint = match(observed, candidate, context: context, ratios: context.batchRatios()) else { continue }
            if best == nil || hint.mistakes.count < best!.mistakes.count { best = hint }
        }
        return best
    }

    /// The hint when the formula names weights that exist only with their indices swapped.
    static func swappedOnly(_ expression: Expression, truth: Truth, records: [BatchRecord]) -> Hint? {
        let finite = records.filter { truth.gradient($0).isFinite }
        guard !finite.isEmpty else { return nil }
        let limit = sampleLimit(for: truth)
        let context = Context(truth: truth, records: finite, subsets: finite.map { 0..<min($0.sampleCount, limit) }, expecting: .either)
        let exact = finite.indices.map { truth.sampleGradients(finite[$0], samples: context.subsets[$0]) }
        for candidate in context.transposedCandidates(expression) {
            if let hint = match(candidate.values, Candidate(parts: candidate.parts, values: exact), context: context) { return hint }
        }
        return nil
    }

    /// The simplest ratio under which `candidate` gives `observed` (and `other`'s values, with
    /// the ratio taken at its m), as a hint.
    static func match(
        _ observed: [[Double]], _ candidate: Candidate, context: Context, other: (count: Int, values: [[Double]])? = nil,
        ratios: [Ratio]? = nil
    ) -> Hint? {
        for ratio in ratios ?? context.ratios() where !(candidate.parts.isEmpty && ratio.parts.isEmpty) {
            guard matches(observed, candidate.values, ratio: ratio.value) else { continue }
            if let other, !matches(other.values, candidate.values, ratio: ratio.value(sampleCount: other.count)) { continue }
            let parts = candidate.parts + ratio.parts
            return Hint(
                mistakes: parts.map(\.mistake), text: text(parts), factor: candidate.parts.isEmpty ? ratio.value : nil,
                perSample: ratio.perSample
            )
        }
        return nil
    }

    /// "a and b: why a; why b".
    static func text(_ parts: [Part]) -> String {
        let phrases = parts.map(\.phrase)
        let joined = phrases.count < 2 ? phrases.joined() : phrases.dropLast().joined(separator: ", ") + " and " + phrases.last!
        return joined + ": " + parts.map(\.explanation).joined(separator: "; ")
    }

    /// Whether `observed` = `ratio` × `candidate` at every sample, with at least two samples
    /// where the candidate is not 0 (one agreement could be chance).
    static func matches(_ observed: [[Double]], _ candidate: [[Double]], ratio: Double) -> Bool {
        var informative = 0
        for (values, expected) in zip(observed, candidate) {
            let scale = expected.reduce(0) { max($0, abs(ratio * $1)) }
            for (value, truth) in zip(values, expected) {
                let target = ratio * truth
                guard target.isFinite else { continue }
                guard DerivationChecker.agree(value, target, scale: scale) else { return false }
                if target != 0 { informative += 1 }
            }
        }
        return informative >= 2
    }

    /// A constant factor that no classic mistake explains, e.g. "3 times". A formula that reads
    /// m may be a constant times one sample's share (1/m)·∂E/∂w: its ratio then moves with m.
    static func constantFactor(
        _ observed: [[Double]], _ exact: [[Double]], context: Context, other: (count: Int, values: [[Double]])? = nil
    ) -> Hint? {
        guard let ratio = ratio(observed, exact), matches(observed, exact, ratio: ratio) else { return nil }
        var factor = ratio, unit = "∂E/∂w"
        if let other {
            guard let otherRatio = Self.ratio(other.values, exact), matches(other.values, exact, ratio: otherRatio) else { return nil }
            let m = Double(context.sampleCount), otherM = Double(other.count)
            if !DerivationChecker.agree(otherRatio, ratio) {
                // Only a ratio proportional to 1/m is a constant times the share.
                guard DerivationChecker.agree(otherRatio * otherM, ratio * m) else { return nil }
                factor = ratio * m
                unit = "one sample's share (1/m)·∂E/∂w"
            }
        }
        let written = NumberStyle.standard.format(factor)
        return Hint(
            mistakes: [.constantFactor],
            text: "at every sample it is \(written) times \(unit): a constant factor is off; "
                + "compare each constant of your formula with the chain rule's",
            factor: ratio
        )
    }

    /// observed ÷ exact at the sample where the exact value is largest.
    static func ratio(_ observed: [[Double]], _ exact: [[Double]]) -> Double? {
        var largest = (value: 0.0, truth: 0.0)
        for (values, truths) in zip(observed, exact) {
            for (value, truth) in zip(values, truths) where truth.isFinite && abs(truth) > abs(largest.truth) { largest = (value, truth) }
        }
        guard largest.truth != 0 else { return nil }
        let ratio = largest.value / largest.truth
        return ratio.isFinite && ratio != 0 ? ratio : nil
    }
}

/// What the candidates are built from.
struct Context {
    let truth: Truth
    let records: [BatchRecord]
    let subsets: [Range<Int>]
    let expecting: DerivationCheck.Expectation

    var scenario: Scenario { truth.scenario }
    var symbols: Symbols { Symbols(scenario: scenario) }
    var last: Int { scenario.layers.count - 1 }
    var sampleCount: Int { records.first?.sampleCount ?? 1 }

    typealias Part = DerivationHints.Part

    /// The constant factors, fewest mistakes first: the sign, the mean's 1/m, the ½ of squared error.
    func ratios() -> [DerivationHints.Ratio] {
        let m = sampleCount
        let mean = scenario.reduction == .mean
        // Powers of 1/m: with a mean, one sample's share carries one, ∂E/∂w none.
        var means: [(power: Int, parts: [Part])] = []
        if mean && m > 1 {
            means.append((1, expecting == .perSample ? [extraMean] : []))
            means.append((0, expecting == .batchShare ? [missingMean] : []))
            if expecting != .perSample { means.append((2, [extraMean])) }
        } else if mean {
            // One sample: both readings are 1 here, and only a formula that reads m tells them apart.
            means += [(1, []), (0, [])]
        } else {
            means.append((0, []))
            if m > 1 { means.append((1, [extraMean])) }
        }
        return combined(means, perSample: mean && m > 1)
    }

    /// The constant factors of a formula that gives ∂J/∂w for the whole batch: the mean's 1/m
    /// missing (m times ∂J/∂w) or one too many.
    func batchRatios() -> [DerivationHints.Ratio] {
        var means: [(power: Int, parts: [Part])] = [(0, [])]
        if sampleCount > 1 {
            if scenario.reduction == .mean { means.append((-1, [missingMean])) }
            means.append((1, [extraMean]))
        }
        return combined(means, perSample: false)
    }

    /// The means with the sign and the ½ of squared error, fewest mistakes first.
    func combined(_ means: [(power: Int, parts: [Part])], perSample: Bool) -> [DerivationHints.Ratio] {
        let m = sampleCount
        var halves: [(Double, [Part])] = [(1, [])]
        if scenario.loss == .meanSquaredError {
            halves += [(2, [Part(mistake: .missingHalf, phrase: "the result is twice the gradient", explanation: halfExplanation)]),
                       (0.5, [Part(mistake: .extraHalf, phrase: "the result is half the gradient", explanation: halfExplanation)])]
        }
        var ratios: [DerivationHints.Ratio] = []
        for (sign, signParts) in [(1.0, [Part]()), (-1.0, [signPart])] {
            for (power, meanParts) in means {
                for (half, halfParts) in halves {
                    ratios.append(.init(
                        constant: sign * half, meanPower: power, parts: signParts + meanParts + halfParts,
                        perSample: perSample && power == 0, sampleCount: m
                    ))
                }
            }
        }
        return ratios.enumerated().sorted { ($0.element.parts.count, $0.offset) < ($1.element.parts.count, $1.offset) }.map(\.element)
    }

    var signPart: Part {
        let reason = scenario.loss == .meanSquaredError
            ? "look for a lost minus: ∂E/∂Y = Y − Q, not Q − Y"
            : "look for a lost minus: the loss −[y log ŷ + (1 − y) log(1 − ŷ)] starts with one, and d/dŷ log(1 − ŷ) = −1/(1 − ŷ)"
        return Part(mistake: .sign, phrase: "the sign is flipped", explanation: "every value has the opposite sign of the gradient; \(reason)")
    }

    var missingMean: Part {
        Part(mistake: .missingMean, phrase: "the 1/m of the mean is missing",
             explanation: "J is the mean of the m samples' losses, so ∂J/∂w = (1/m)·Σₛ ∂E⁽ˢ⁾/∂w")
    }

    var extraMean: Part {
        let explanation = scenario.reduction == .sum
            ? "here J is the sum of the samples' losses (\"reduction\": \"sum\"), so ∂J/∂w = Σₛ ∂E⁽ˢ⁾/∂w has no 1/m"
            : "the mean's 1/m appears once: ∂J/∂w = (1/m)·Σₛ ∂E⁽ˢ⁾/∂w, and ∂E/∂w for one sample has none"
        return Part(mistake: .extraMean, phrase: "there is an extra 1/m", explanation: explanation)
    }

    var halfExplanation: String {
        "E = ½ Σₖ (Y − Q)², and the 2 from differentiating the square cancels the ½, so ∂E/∂Y = Y − Q"
    }

    // MARK: Changed chain rules

    /// ∂E⁽ˢ⁾/∂w by a backward pass from the record's values, with the output's δ and the
    /// hidden layers' activation derivatives replaced where a mistake changes them.
    func gradients(
        outputDelta: (BatchRecord, Int, Int) -> Double,
        derivative: (BatchRecord, Int, Int, Int) -> Double = { record, layer, s, unit in record.activationDerivative[layer][s][unit] },
        input: ((BatchRecord, Int) -> Double)? = nil
    ) -> [[Double]] {
        let sizes = scenario.layerSizes, l = truth.weight.layer
        return records.indices.map { p in
            let record = records[p]
            return subsets[p].map { s in
                var delta = (0..<sizes[last + 1]).map { outputDelta(record, s, $0) }
                var layer = last
                while layer > l {
                    let rows = sizes[layer], columns = sizes[layer + 1]
                    let weights = record.parametersBefore.weights[layer]
                    delta = (0..<rows).map { i in
                        var total = 0.0
                        for k in 0..<columns { total += weights[i * columns + k] * delta[k] }
                        return total * derivative(record, layer - 1, s, i)
                    }
                    layer -= 1
                }
                return (input?(record, s) ?? truth.input(record, sample: s)) * delta[truth.weight.to]
            }
        }
    }

    func out(_ record: BatchRecord, _ layer: Int, _ s: Int, _ unit: Int) -> Double { record.out[layer][s][unit] }
    func target(_ record: BatchRecord, _ s: Int, _ k: Int) -> Double { scenario.samples[record.sampleRange.lowerBound + s].y[k] }

    func structuralCandidates() -> [DerivationHints.Candidate] {
        var candidates = missingSum() + outputCandidates()
        for layer in truth.weight.layer..<last { candidates += derivativeCandidates(layer: layer) }
        return candidates + inputCandidates()
    }

    /// The units the weight's input may be mistaken for, at most: each costs a backward pass.
    static let inputCandidateLimit = 16

    /// The factor ∂net/∂w taken from another unit of the layer below, or left out.
    func inputCandidates() -> [DerivationHints.Candidate] {
        guard let from = truth.weight.from else { return [] }
        let l = truth.weight.layer
        func name(_ unit: Int) -> String {
            (l == 0 ? symbols.input(unit) : symbols.activation(layer: l - 1, unit: unit)).description
        }
        let real = name(from)
        let why = "∂net/∂w is the value the weight multiplies, \(real): the unit it comes from"
        let delta = { (record: BatchRecord, s: Int, k: Int) in record.delta[self.last][s][k] }
        var candidates = [DerivationHints.Candidate(
            parts: [Part(mistake: .inputFactor, phrase: "the input factor \(real) is missing", explanation: why)],
            values: gradients(outputDelta: delta, input: { _, _ in 1 })
        )]
        let others = (0..<scenario.layerSizes[l]).filter { $0 != from }.prefix(Self.inputCandidateLimit)
        for unit in others {
            candidates.append(.init(
                parts: [Part(mistake: .inputFactor, phrase: "the input factor differs: \(name(unit)) where the path has \(real)", explanation: why)],
                values: gradients(outputDelta: delta, input: { record, s in self.truth.input(record, sample: s, unit: unit) })
            ))
        }
        return candidates
    }

    /// Only the paths through one output k.
    func missingSum() -> [DerivationHints.Candidate] {
        let outputs = scenario.layerSizes[last + 1]
        guard outputs > 1, truth.weight.layer < last else { return [] }
        let y = symbols.activationVector(layer: last)
        return (0..<outputs).map { k in
            let part = Part(
                mistake: .missingSum, phrase: "it follows only the path through \(symbols.activation(layer: last, unit: k))",
                explanation: "the weight reaches E through every output, so the chain rule adds the paths through all of them: Σₖ over \(y)ₖ"
            )
            return .init(parts: [part], values: gradients { record, s, j in j == k ? record.delta[last][s][j] : 0 })
        }
    }

    /// Mistakes at the output: the loss's derivative, the output activation's derivative, softmax.
    func outputCandidates() -> [DerivationHints.Candidate] {
        let activation = scenario.layers[last].activation
        let y = symbols.activationVector(layer: last)
        var candidates: [DerivationHints.Candidate] = []
        let extraDerivative = gradients { record, s, k in
            record.delta[last][s][k] * self.out(record, last, s, k) * (1 - self.out(record, last, s, k))
        }
        if activation == .sigmoid && scenario.loss != .meanSquaredError {
            // dA of the output taken for δ: ∂E/∂Y without σ′.
            candidates.append(.init(parts: [derivativePart(layer: last, form: .one)], values: gradients { record, s, k in
                record.outGradient[last][s][k]
            }))
        }
        switch (scenario.loss, activation) {
        case (.binaryCrossEntropy, _):
            candidates.append(.init(parts: [Part(
                mistake: .bceTermSign, phrase: "the sign of the (1 − y)/(1 − ŷ) term is flipped",
                explanation: "d/dŷ log(1 − ŷ) = −1/(1 − ŷ) by the chain rule, "
                    + "so ∂E/∂ŷ = −(y/ŷ − (1 − y)/(1 − ŷ)), with a minus between the terms"
            )], values: gradients { record, s, k in
                let a = self.out(record, last, s, k), q = self.target(record, s, k)
                return -(q / a + (1 - q) / (1 - a)) * a * (1 - a)
            }))
            candidates.append(.init(parts: [Part(
                mistake: .extraActivationDerivative, phrase: "there is an extra \(y)(1 − \(y))",
                explanation: "with a sigmoid output and cross-entropy, ∂E/∂net = \(y) − \(targetVector) already contains "
                    + "σ′ = \(y)(1 − \(y)), because ∂E/∂\(y) = (\(y) − \(targetVector))/(\(y)(1 − \(y))) cancels it"
            )], values: extraDerivative))
        case (.crossEntropy, .softmax):
            let part = Part(
                mistake: .softmaxAsSigmoid, phrase: "it treats the softmax outputs as independent sigmoids",
                explanation: "each softmax output depends on every net (∂\(y)ₖ/∂netₗ = \(y)ₖ(δₖₗ − \(y)ₗ), "
                    + "not only \(y)ₖ(1 − \(y)ₖ)); with cross-entropy these terms add up to ∂E/∂netₖ = \(y)ₖ − \(targetVector)ₖ"
            )
            candidates.append(.init(parts: [part], values: gradients { record, s, k in
                -self.target(record, s, k) * (1 - self.out(record, last, s, k))
            }))
            candidates.append(.init(parts: [part], values: extraDerivative))
        case (.crossEntropy, _):
            candidates.append(.init(parts: [Part(
                mistake: .extraActivationDerivative, phrase: "there is an extra \(y)(1 − \(y))",
                explanation: "∂E/∂net = −\(targetVector)(1 − \(y)) already contains the sigmoid's derivative"
            )], values: extraDerivative))
        case (.meanSquaredError, _):
            // δ = (Y − Q)·g′(net): the output activation's derivative, missing or another's.
            for form in DerivativeForm.allCases where form != DerivativeForm.real(activation) {
                candidates.append(.init(parts: [derivativePart(layer: last, form: form)], values: gradients { record, s, k in
                    (self.out(record, last, s, k) - self.target(record, s, k)) * form.value(net: record.net[last][s][k], out: self.out(record, last, s, k))
                }))
            }
        }
        return candidates
    }

    var targetVector: String { scenario.notation == .layered ? "y" : "Q" }

    /// A hidden layer's activation derivative left out, or another activation's used.
    func derivativeCandidates(layer: Int) -> [DerivationHints.Candidate] {
        let real = DerivativeForm.real(scenario.layers[layer].activation)
        return DerivativeForm.allCases.filter { $0 != real }.map { form in
            .init(parts: [derivativePart(layer: layer, form: form)], values: gradients(
                outputDelta: { record, s, k in record.delta[self.last][s][k] },
                derivative: { record, l, s, unit in
                    l == layer ? form.value(net: record.net[l][s][unit], out: record.out[l][s][unit]) : record.activationDerivative[l][s][unit]
                }
            ))
        }
    }

    /// "the derivative of the hidden layer's relu is missing: …", naming the layer's real activation.
    func derivativePart(layer: Int, form: DerivativeForm) -> Part {
        let activation = scenario.layers[layer].activation
        let a = symbols.activationVector(layer: layer).description
        let place: String
        switch (scenario.notation, layer == last) {
        case (.classic, true): place = "the output \(a)"
        case (.classic, false): place = "the hidden layer \(a)"
        case (.layered, _): place = "layer \(layer + 1) (\(a))"
        }
        let name = activation == .linear ? "linear (identity)" : activation.rawValue
        let real: String
        switch activation {
        case .sigmoid, .softmax: real = "σ′(net) = σ(net)(1 − σ(net)) = \(a)(1 − \(a))"
        case .tanh: real = "tanh′(net) = 1 − tanh²(net) = 1 − \(a)²"
        case .relu: real = "relu′, a step: 1 where net > 0 and 0 elsewhere (write step(net), relu'(net) or (net > 0))"
        case .linear: real = "1"
        }
        if form == .one {
            return Part(mistake: .activationDerivative, phrase: "the derivative of \(place)'s activation is missing",
                        explanation: "\(place) is \(name), and every path through it multiplies by its derivative, \(real)")
        }
        return Part(mistake: .activationDerivative, phrase: "the derivative of \(place)'s activation is wrong",
                    explanation: "\(place) is \(name), so its derivative is \(real); \(form.written(a)) \(form.owner)")
    }

    /// The formula read with the weight matrices transposed where their shapes allow: all at
    /// once, and each alone.
    func transposedCandidates(_ expression: Expression) -> [DerivationHints.Candidate] {
        let layers = Array(0...last)
        // One matrix at a time first: naming the matrix is the more precise hint.
        var sets = layers.map { Set([$0]) }
        if layers.count > 1 { sets.append(Set(layers)) }
        return sets.compactMap { set in
            var values: [[Double]] = []
            for (p, record) in records.enumerated() {
                guard let row = try? DerivationChecker.evaluate(
                    expression, scenario: scenario, record: record, samples: subsets[p], transposed: set
                ) else { return nil }
                values.append(row)
            }
            let matrix = set.count == 1 ? symbols.weightMatrix(layer: set.first!).description : "the weights"
            let part = Part(
                mistake: .swappedIndices, phrase: "the indices of \(matrix) are swapped",
                explanation: "w_jk is the weight from unit j of the layer below to unit k of the layer above "
                    + "(net = A_prev·W + b); your formula reads w_kj, the transposed matrix"
            )
            return DerivationHints.Candidate(parts: [part], values: values)
        }
    }
}

/// An activation derivative as a student may write it.
enum DerivativeForm: CaseIterable {
    case one, sigmoidOfOutput, tanhOfOutput, step, sigmoidOfNet

    static func real(_ activation: Activation) -> DerivativeForm {
        switch activation {
        case .sigmoid, .softmax: return .sigmoidOfOutput
        case .tanh: return .tanhOfOutput
        case .relu: return .step
        case .linear: return .one
        }
    }

    func value(net: Double, out: Double) -> Double {
        switch self {
        case .one: return 1
        case .sigmoidOfOutput: return out * (1 - out)
        case .tanhOfOutput: return 1 - out * out
        case .step: return net > 0 ? 1 : 0
        case .sigmoidOfNet:
            let s = Activation.sigmoid(net)
            return s * (1 - s)
        }
    }

    func written(_ a: String) -> String {
        switch self {
        case .one: return "1"
        case .sigmoidOfOutput: return "\(a)(1 − \(a))"
        case .tanhOfOutput: return "1 − \(a)²"
        case .step: return "a step (net > 0)"
        case .sigmoidOfNet: return "σ(net)(1 − σ(net))"
        }
    }

    /// Whose derivative this is, said without naming σ′ on a layer that is not a sigmoid.
    var owner: String {
        switch self {
        case .one: return "is a linear layer's"
        case .sigmoidOfOutput, .sigmoidOfNet: return "belongs to a sigmoid"
        case .tanhOfOutput: return "belongs to tanh"
        case .step: return "belongs to relu"
        }
    }
}
