import Foundation

/// The arithmetic of training on flat, preallocated buffers: forward, loss, backward and update
/// for one batch. Both the fast trainer and the step cursor run this one kernel, so the numbers
/// the viewer shows are the numbers training produces.
///
/// All storage is one arena allocated at init; a batch does no allocation, no dictionary or
/// string work. Not thread-safe: one kernel per thread.
public final class Kernel {
    /// Units per layer, the input first.
    public let sizes: [Int]
    /// Activation of each layer after the input.
    public let activations: [Activation]
    /// The per-sample loss.
    public let loss: LossFunction
    /// How batches reduce their samples' losses.
    public let reduction: Reduction
    /// η.
    public let learningRate: Double
    /// Samples in the data set.
    public let sampleCount: Int
    /// The largest batch.
    public let batchCapacity: Int
    /// The update rule.
    public let optimizer: Optimizer
    /// λ of the weight-decay term (λ/2)·Σ w² of J.
    public let weightDecay: Double
    /// Whether updates move the biases.
    public let trainBiases: Bool
    /// Updates made since the optimizer's state was last loaded (Adam's t − 1 before an update).
    public private(set) var updateCount = 0

    /// Layers after the input.
    public var layerCount: Int { sizes.count - 1 }

    private let arena: UnsafeMutablePointer<Double>
    /// Where each layer's buffers start in the arena. Immutable after init, so the hot loops
    /// read it without exclusivity checks.
    private struct LayerPlan {
        var previous: Int, units: Int, activation: Activation
        var weight: Int, bias: Int, gradientWeight: Int, gradientBias: Int
        var net: Int, out: Int, delta: Int, outGradient: Int
        /// The optimizer's buffers: the layer's weights' state, then its biases'.
        var firstMoment: Int, secondMoment: Int
        var weightCount: Int { previous * units }
    }
    private let plans: [LayerPlan]
    private let inputOffset: Int, targetOffset: Int, sampleLossOffset: Int
    /// Room for the largest layer's Wᵀ, written by each backward pass.
    private let transposedWeightOffset: Int

    /// Builds a kernel for `scenario`, loaded with its initial parameters and its data.
    public init(scenario: Scenario) {
        sizes = scenario.layerSizes
        activations = scenario.layers.map(\.activation)
        loss = scenario.loss
        reduction = scenario.reduction
        learningRate = scenario.learningRate
        sampleCount = scenario.samples.count
        batchCapacity = scenario.batchSize
        optimizer = scenario.optimizer
        weightDecay = scenario.weightDecay
        trainBiases = scenario.trainBiases
        let buffers = scenario.optimizer.stateBuffers

        var count = 0
        func reserve(_ n: Int) -> Int {
            defer { count += n }
            return count
        }
        var plans: [LayerPlan] = []
        for l in 0..<(sizes.count - 1) {
            let (previous, units) = (sizes[l], sizes[l + 1])
            plans.append(LayerPlan(
                previous: previous, units: units, activation: activations[l],
                weight: reserve(previous * units), bias: reserve(units),
                gradientWeight: reserve(previous * units), gradientBias: reserve(units),
                net: reserve(batchCapacity * units), out: reserve(batchCapacity * units),
                delta: reserve(batchCapacity * units), outGradient: reserve(batchCapacity * units),
                firstMoment: reserve(buffers >= 1 ? (previous + 1) * units : 0),
                secondMoment: reserve(buffers >= 2 ? (previous + 1) * units : 0)
            ))
        }
        self.plans = plans
        inputOffset = reserve(sampleCount * sizes[0])
        targetOffset = reserve(sampleCount * sizes[sizes.count - 1])
        sampleLossOffset = reserve(batchCapacity)
        transposedWeightOffset = reserve(plans.map { $0.previous * $0.units }.max() ?? 0)
        arena = .allocate(capacity: count)
        arena.initialize(repeating: 0, count: count)

        for (s, sample) in scenario.samples.enumerated() {
            for i in 0..<sizes[0] { arena[inputOffset + s * sizes[0] + i] = sample.x[i] }
            let outputs = sizes[sizes.count - 1]
            for k in 0..<outputs { arena[targetOffset + s * outputs + k] = sample.y[k] }
        }
        load(scenario.initialParameters)
        // A fresh state is the arena's zeros.
        if let state = scenario.initialOptimizerState { load(state) }
    }

    deinit {
        arena.deallocate()
    }

    /// Replaces the current parameters.
    public func load(_ parameters: Parameters) {
        for l in 0..<layerCount {
            for (index, value) in parameters.weights[l].enumerated() { arena[plans[l].weight + index] = value }
            for (index, value) in parameters.biases[l].enumerated() { arena[plans[l].bias + index] = value }
        }
    }

    /// Replaces the optimizer's state (buffers in ``Parameters``' flat order).
    public func load(_ state: OptimizerState) {
        updateCount = state.steps
        var index = 0
        for plan in plans {
            let count = plan.weightCount + plan.units
            for offset in 0..<count {
                if optimizer.stateBuffers >= 1 { arena[plan.firstMoment + offset] = state.first[index + offset] }
                if optimizer.stateBuffers >= 2 { arena[plan.secondMoment + offset] = state.second[index + offset] }
            }
            index += count
        }
    }

    /// A copy of the optimizer's current state.
    public var optimizerState: OptimizerState {
        let counts = plans.map { $0.weightCount + $0.units }
        let buffers = optimizer.stateBuffers
        return OptimizerState(
            steps: updateCount,
            first: buffers >= 1 ? zip(plans, counts).flatMap { copy($0.firstMoment, $1) } : [],
            second: buffers >= 2 ? zip(plans, counts).flatMap { copy($0.secondMoment, $1) } : []
        )
    }

    /// (λ/2)·Σ w² over every layer's weights (not the biases): weight decay's share of J.
    public func weightPenalty() -> Double {
        guard weightDecay != 0 else { return 0 }
        var sum = 0.0
        for plan in plans {
            for index in 0..<plan.weightCount { sum += arena[plan.weight + index] * arena[plan.weight + index] }
        }
        return weightDecay / 2 * sum
    }

    /// A copy of the current parameters.
    public var parameters: Parameters {
        Parameters(
            weights: (0..<layerCount).map { copy(plans[$0].weight, sizes[$0] * sizes[$0 + 1]) },
            biases: (0..<layerCount).map { copy(plans[$0].bias, sizes[$0 + 1]) }
        )
    }

    private func copy(_ offset: Int, _ count: Int) -> [Double] {
        Array(UnsafeBufferPointer(start: arena + offset, count: count))
    }

    /// Forward pass over samples `range`, leaving net and out of every layer in the buffers;
    /// returns the batch loss J and leaves the per-sample losses in the buffers.
    ///
    /// Layer by layer: each sample's weighted sums, then the activation over the whole batch's
    /// rows at once, so that σ and tanh run on long vectors.
    @discardableResult
    public func forward(_ range: Range<Int>) -> Double {
        plans.withUnsafeBufferPointer { plans in
            let arena = self.arena, rows = range.count
            for l in plans.indices {
                let plan = plans[l]
                let input = l == 0 ? arena + inputOffset + range.lowerBound * plan.previous : arena + plans[l - 1].out
                Kernel.withSmallConstant(plan.units) { units in
                    Kernel.multiply(
                        rows: rows, depth: plan.previous, width: units, input,
                        by: arena + plan.weight, adding: arena + plan.bias, into: arena + plan.net
                    )
                }
                plan.activation.apply(net: arena + plan.net, out: arena + plan.out, rows: rows, units: plan.units)
            }
            let output = plans[plans.count - 1], outputs = output.units
            var total = 0.0
            for row in 0..<rows {
                let sampleLoss = loss.sampleLoss(
                    net: arena + output.net + row * outputs, out: arena + output.out + row * outputs,
                    target: arena + targetOffset + (range.lowerBound + row) * outputs, count: outputs,
                    activation: output.activation
                )
                arena[sampleLossOffset + row] = sampleLoss
                total += sampleLoss
            }
            return total * reduction.factor(count: rows) + weightPenalty()
        }
    }

    /// Calls `body` with `n`, as a literal when n is 1…4: inlined with a constant, loops over a
    /// small layer's units unroll and its sums live in one SIMD register. Teaching nets have a
    /// handful of units per layer, where loop overhead, not arithmetic, is the cost.
    @inline(__always)
    private static func withSmallConstant(_ n: Int, _ body: (Int) -> Void) {
        switch n {
        case 1: body(1)
        case 2: body(2)
        case 3: body(3)
        case 4: body(4)
        default: body(n)
        }
    }

    /// Y = A · M (+ b on every row): `rows` rows of A, each of `depth` values, times the `depth` × `width`
    /// matrix M, all row-major. Each Y[r][j] is the plain sum b[j] + A[r][0]·M[0][j] + A[r][1]·M[1][j] + …
    /// in that order, so vectorising over j changes no bit of it. For net = b + input · W and for
    /// ∂E/∂out = δ · Wᵀ.
    @inline(__always)
    private static func multiply(
        rows: Int, depth: Int, width: Int, _ a: UnsafePointer<Double>, by matrix: UnsafePointer<Double>,
        adding bias: UnsafePointer<Double>?, into y: UnsafeMutablePointer<Double>
    ) {
        if width <= 4 {
            for r in 0..<rows {
                let coefficients = a + r * depth
                var sums = SIMD4<Double>.zero
                if let bias { for j in 0..<width { sums[j] = bias[j] } }
                for i in 0..<depth {
                    let c = coefficients[i], row = matrix + i * width
                    for j in 0..<width { sums[j] += c * row[j] }
                }
                for j in 0..<width { y[r * width + j] = sums[j] }
            }
            return
        }
        @inline(__always) func lanes<V: SIMD>(_: V.Type, from j: Int) where V.Scalar == Double {
            let start: V = bias.map { VectorMath.load($0 + j) } ?? V()
            var coefficients = a, out = y + j
            for _ in 0..<rows {
                var sums = start, row = matrix + j
                for i in 0..<depth {
                    sums += coefficients[i] * VectorMath.load(row) as V
                    row += width
                }
                VectorMath.store(sums, at: out)
                coefficients += depth
                out += width
            }
        }
        forEachChunk(width) { lanes($0, from: $1) } or: { lanes($0, from: $1) } or: { lanes($0, from: $1) }
    }

    /// Covers 0..<width (more than 4) with chunks of 16, 8 or 4 lanes, calling the body for each
    /// chunk's type and first lane. A width that is no multiple of the chunk ends with a chunk that
    /// overlaps the one before: its lanes are computed twice, with the same result, rather than
    /// left to a scalar loop.
    @inline(__always)
    private static func forEachChunk(
        _ width: Int, _ sixteen: (SIMD16<Double>.Type, Int) -> Void, or eight: (SIMD8<Double>.Type, Int) -> Void,
        or four: (SIMD4<Double>.Type, Int) -> Void
    ) {
        let lanes = width >= 16 ? 16 : width >= 8 ? 8 : 4
        var j = 0
        while j < width {
            let first = min(j, width - lanes)
            switch lanes {
            case 16: sixteen(SIMD16<Double>.self, first)
            case 8: eight(SIMD8<Double>.self, first)
            default: four(SIMD4<Double>.self, first)
            }
            j += lanes
        }
    }

    /// Backward pass over samples `range` after ``forward(_:)``: deltas (∂E⁽ˢ⁾/∂net per sample,
    /// before the reduction) and ∂E⁽ˢ⁾/∂out of every layer, and the gradients ∂J/∂W, ∂J/∂b of the batch loss.
    /// `withOutputFactor`: also store ∂E/∂Y of the output layer, a factor shown to people but
    /// not needed for the update (training leaves it out: it costs a division per output).
    public func backward(_ range: Range<Int>, withOutputFactor: Bool = true) {
        plans.withUnsafeBufferPointer { plans in
            let arena = self.arena, rows = range.count
            let last = plans.count - 1
            let output = plans[last], outputs = output.units
            for row in 0..<rows {
                let outputNet = arena + output.net + row * outputs, outputOut = arena + output.out + row * outputs
                let target = arena + targetOffset + (range.lowerBound + row) * outputs
                loss.outputDelta(
                    net: outputNet, out: outputOut, target: target, count: outputs,
                    activation: output.activation, delta: arena + output.delta + row * outputs
                )
                let outputGradient = arena + output.outGradient + row * outputs
                if withOutputFactor {
                    for k in 0..<outputs { outputGradient[k] = loss.derivativeWithRespectToOutput(out: outputOut[k], target: target[k]) }
                }
            }
            // Down the layers: ∂E/∂out of the layer below is δ · Wᵀ (Wᵀ written once per batch, so
            // each of its rows is added as a vector), and the layer below's delta is that ⊙ g′.
            let transposed = arena + transposedWeightOffset
            for l in stride(from: last, to: 0, by: -1) {
                let plan = plans[l], below = plans[l - 1]
                Kernel.transpose(arena + plan.weight, rows: plan.previous, columns: plan.units, into: transposed)
                Kernel.withSmallConstant(plan.previous) { previous in
                    Kernel.multiply(
                        rows: rows, depth: plan.units, width: previous, arena + plan.delta,
                        by: transposed, adding: nil, into: arena + below.outGradient
                    )
                }
                below.activation.multiplyByDerivative(
                    gradient: arena + below.outGradient, net: arena + below.net, out: arena + below.out,
                    into: arena + below.delta, count: rows * plan.previous
                )
            }
            // ∂J/∂b = Σₛ scale·δ and ∂J/∂W = Σₛ scale·inputᵀδ, layer by layer, each sum kept in
            // registers over the batch's samples and stored once.
            let scale = reduction.factor(count: rows)
            for l in 0...last {
                let plan = plans[l]
                let input = l == 0 ? arena + inputOffset + range.lowerBound * plan.previous : arena + plans[l - 1].out
                Kernel.withSmallConstant(plan.units) { units in
                    Kernel.gradients(
                        units: units, previous: plan.previous, samples: rows, scale: scale, input: input,
                        delta: arena + plan.delta, gradientWeights: arena + plan.gradientWeight, gradientBias: arena + plan.gradientBias
                    )
                }
                // Weight decay's λ·w, added as torch.optim adds weight_decay·w before its step.
                if weightDecay != 0 {
                    let weights = arena + plan.weight, gradient = arena + plan.gradientWeight
                    for index in 0..<plan.weightCount { gradient[index] += weightDecay * weights[index] }
                }
            }
        }
    }

    /// Writes the `rows` × `columns` row-major `matrix` transposed.
    @inline(__always)
    private static func transpose(
        _ matrix: UnsafePointer<Double>, rows: Int, columns: Int, into result: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<rows {
            for j in 0..<columns { result[j * rows + i] = matrix[i * columns + j] }
        }
    }

    /// One layer's gradients over a batch of `samples`: rows of `input` and `delta` per sample.
    /// The terms are added in sample order, scale·input first, so the result is the same to the
    /// bit as accumulating sample by sample; vectorised over the units j (as in
    /// ``multiply(rows:depth:width:_:by:adding:into:)``).
    @inline(__always)
    private static func gradients(
        units: Int, previous: Int, samples: Int, scale: Double, input: UnsafePointer<Double>, delta: UnsafePointer<Double>,
        gradientWeights: UnsafeMutablePointer<Double>, gradientBias: UnsafeMutablePointer<Double>
    ) {
        if units == 1 && previous > 4 {
            oneUnitGradients(previous: previous, samples: samples, scale: scale, input: input, delta: delta,
                             gradientWeights: gradientWeights, gradientBias: gradientBias)
            return
        }
        if units <= 4 {
            var biasSums = SIMD4<Double>.zero
            for s in 0..<samples {
                let deltaRow = delta + s * units
                for j in 0..<units { biasSums[j] += scale * deltaRow[j] }
            }
            for j in 0..<units { gradientBias[j] = biasSums[j] }
            for i in 0..<previous {
                var sums = SIMD4<Double>.zero
                for s in 0..<samples {
                    let a = scale * input[s * previous + i], deltaRow = delta + s * units
                    for j in 0..<units { sums[j] += a * deltaRow[j] }
                }
                let gradientRow = gradientWeights + i * units
                for j in 0..<units { gradientRow[j] = sums[j] }
            }
            return
        }
        @inline(__always) func lanes<V: SIMD>(_: V.Type, from j: Int) where V.Scalar == Double {
            var biasSums = V(), deltaRow = delta + j
            for _ in 0..<samples {
                biasSums += scale * VectorMath.load(deltaRow) as V
                deltaRow += units
            }
            VectorMath.store(biasSums, at: gradientBias + j)
            for i in 0..<previous {
                var sums = V(), inputValue = input + i, deltaRow = delta + j
                for _ in 0..<samples {
                    sums += (scale * inputValue.pointee) * VectorMath.load(deltaRow) as V
                    inputValue += previous
                    deltaRow += units
                }
                VectorMath.store(sums, at: gradientWeights + i * units + j)
            }
        }
        forEachChunk(units) { lanes($0, from: $1) } or: { lanes($0, from: $1) } or: { lanes($0, from: $1) }
    }

    /// Gradients of a layer of one unit (a net's usual output layer) after a wide one: the inputs i
    /// go in the lanes instead of the units, so that the sums over the batch run side by side
    /// rather than as one long chain of dependent additions per weight.
    @inline(__always)
    private static func oneUnitGradients(
        previous: Int, samples: Int, scale: Double, input: UnsafePointer<Double>, delta: UnsafePointer<Double>,
        gradientWeights: UnsafeMutablePointer<Double>, gradientBias: UnsafeMutablePointer<Double>
    ) {
        var biasSum = 0.0
        for s in 0..<samples { biasSum += scale * delta[s] }
        gradientBias[0] = biasSum
        @inline(__always) func sums<V: SIMD>(_: V.Type, from i: Int) where V.Scalar == Double {
            var sums = V(), inputRow = input + i
            for s in 0..<samples {
                sums += (scale * VectorMath.load(inputRow) as V) * delta[s]
                inputRow += previous
            }
            VectorMath.store(sums, at: gradientWeights + i)
        }
        forEachChunk(previous) { sums($0, from: $1) } or: { sums($0, from: $1) } or: { sums($0, from: $1) }
    }

    /// One step of the optimizer with the gradients of the last ``backward(_:withOutputFactor:)``.
    public func update() {
        let eta = learningRate, moveBiases = trainBiases
        plans.withUnsafeBufferPointer { plans in
            switch optimizer {
            case .sgd:
                for plan in plans {
                    Kernel.descend(arena + plan.weight, arena + plan.gradientWeight, count: plan.weightCount, eta: eta)
                    if moveBiases { Kernel.descend(arena + plan.bias, arena + plan.gradientBias, count: plan.units, eta: eta) }
                }
            case .momentum(let mu):
                let first = updateCount == 0
                for plan in plans {
                    let velocity = arena + plan.firstMoment
                    Kernel.momentum(arena + plan.weight, arena + plan.gradientWeight, velocity, count: plan.weightCount,
                                    mu: mu, eta: eta, first: first)
                    if moveBiases {
                        Kernel.momentum(arena + plan.bias, arena + plan.gradientBias, velocity + plan.weightCount,
                                        count: plan.units, mu: mu, eta: eta, first: first)
                    }
                }
            case .adam(let beta1, let beta2, let epsilon):
                let t = Double(updateCount + 1)
                let rule = AdamStep(beta1: beta1, beta2: beta2, epsilon: epsilon, eta: eta,
                                    correction1: 1 - pow(beta1, t), correction2: 1 - pow(beta2, t))
                for plan in plans {
                    let m = arena + plan.firstMoment, v = arena + plan.secondMoment
                    rule.apply(arena + plan.weight, arena + plan.gradientWeight, m, v, count: plan.weightCount)
                    if moveBiases {
                        rule.apply(arena + plan.bias, arena + plan.gradientBias, m + plan.weightCount, v + plan.weightCount,
                                   count: plan.units)
                    }
                }
            }
        }
        updateCount += 1
    }

    /// w ← w − η·g.
    @inline(__always)
    private static func descend(
        _ weights: UnsafeMutablePointer<Double>, _ gradient: UnsafePointer<Double>, count: Int, eta: Double
    ) {
        for index in 0..<count { weights[index] -= eta * gradient[index] }
    }

    /// u ← μ·u + g (u ← g at the first update, as torch.optim.SGD starts its buffer), w ← w − η·u.
    @inline(__always)
    private static func momentum(
        _ weights: UnsafeMutablePointer<Double>, _ gradient: UnsafePointer<Double>, _ velocity: UnsafeMutablePointer<Double>,
        count: Int, mu: Double, eta: Double, first: Bool
    ) {
        for index in 0..<count {
            let u = first ? gradient[index] : mu * velocity[index] + gradient[index]
            velocity[index] = u
            weights[index] -= eta * u
        }
    }

    /// One Adam update with its bias corrections 1 − β₁ᵗ and 1 − β₂ᵗ worked out once per step.
    private struct AdamStep {
        let beta1: Double, beta2: Double, epsilon: Double, eta: Double, correction1: Double, correction2: Double

        @inline(__always)
        func apply(
            _ weights: UnsafeMutablePointer<Double>, _ gradient: UnsafePointer<Double>, _ m: UnsafeMutablePointer<Double>,
            _ v: UnsafeMutablePointer<Double>, count: Int
        ) {
            for index in 0..<count {
                let g = gradient[index]
                let first = beta1 * m[index] + (1 - beta1) * g
                let second = beta2 * v[index] + (1 - beta2) * (g * g)
                m[index] = first
                v[index] = second
                let mHat = first / correction1, vHat = second / correction2
                weights[index] -= eta * (mHat / (vHat.squareRoot() + epsilon))
            }
        }
    }

    /// Trains one epoch (every batch: forward, backward, update) and returns the epoch's loss:
    /// the reduction over all samples of each sample's loss as computed during the epoch.
    @discardableResult
    public func trainEpoch(batchSize: Int) -> Double {
        passOverData(batchSize: batchSize, training: true)
    }

    /// The loss over all samples with the current parameters (forward only), reduced as the
    /// scenario says.
    public func datasetLoss() -> Double {
        passOverData(batchSize: batchCapacity, training: false)
    }

    /// Runs every batch in data order, training or not; returns the reduced loss of all samples.
    private func passOverData(batchSize: Int, training: Bool) -> Double {
        var total = 0.0
        var start = 0
        // J's weight-decay term, with the weights the epoch (or the evaluation) starts from.
        let penalty = weightPenalty()
        while start < sampleCount {
            let range = start..<min(sampleCount, start + batchSize)
            forward(range)
            for row in 0..<range.count { total += arena[sampleLossOffset + row] }
            if training {
                backward(range, withOutputFactor: false)
                update()
            }
            start = range.upperBound
        }
        return total * reduction.factor(count: sampleCount) + penalty
    }

    // MARK: Reading the buffers (for recording steps; not used by training)

    /// Rows (one per sample of the last batch) of layer `l`'s pre-activations.
    public func netRows(layer l: Int, count: Int) -> [[Double]] { rows(plans[l].net, units: sizes[l + 1], count: count) }
    /// Rows of layer `l`'s activations.
    public func outRows(layer l: Int, count: Int) -> [[Double]] { rows(plans[l].out, units: sizes[l + 1], count: count) }
    /// Rows of layer `l`'s deltas ∂E⁽ˢ⁾/∂net.
    public func deltaRows(layer l: Int, count: Int) -> [[Double]] { rows(plans[l].delta, units: sizes[l + 1], count: count) }
    /// Rows of ∂E⁽ˢ⁾/∂out of layer `l` (for the output layer: ∂E/∂Y; for hidden layers: Wᵀ·δ).
    public func outGradientRows(layer l: Int, count: Int) -> [[Double]] { rows(plans[l].outGradient, units: sizes[l + 1], count: count) }
    /// ∂J/∂W of layer `l`, flat row-major.
    public func weightGradient(layer l: Int) -> [Double] { copy(plans[l].gradientWeight, sizes[l] * sizes[l + 1]) }
    /// ∂J/∂b of layer `l`.
    public func biasGradient(layer l: Int) -> [Double] { copy(plans[l].gradientBias, sizes[l + 1]) }
    /// Per-sample losses of the last forward pass.
    public func sampleLosses(count: Int) -> [Double] { copy(sampleLossOffset, count) }

    private func rows(_ offset: Int, units: Int, count: Int) -> [[Double]] {
        (0..<count).map { copy(offset + $0 * units, units) }
    }
}
