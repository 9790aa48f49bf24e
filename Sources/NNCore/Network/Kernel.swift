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

    /// Layers after the input.
    public var layerCount: Int { sizes.count - 1 }

    private let arena: UnsafeMutablePointer<Double>
    /// Where each layer's buffers start in the arena. Immutable after init, so the hot loops
    /// read it without exclusivity checks.
    private struct LayerPlan {
        var previous: Int, units: Int, activation: Activation
        var weight: Int, bias: Int, gradientWeight: Int, gradientBias: Int
        var net: Int, out: Int, delta: Int, outGradient: Int
    }
    private let plans: [LayerPlan]
    private let inputOffset: Int, targetOffset: Int, sampleLossOffset: Int

    /// Builds a kernel for `scenario`, loaded with its initial parameters and its data.
    public init(scenario: Scenario) {
        sizes = scenario.layerSizes
        activations = scenario.layers.map(\.activation)
        loss = scenario.loss
        reduction = scenario.reduction
        learningRate = scenario.learningRate
        sampleCount = scenario.samples.count
        batchCapacity = scenario.batchSize

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
                delta: reserve(batchCapacity * units), outGradient: reserve(batchCapacity * units)
            ))
        }
        self.plans = plans
        inputOffset = reserve(sampleCount * sizes[0])
        targetOffset = reserve(sampleCount * sizes[sizes.count - 1])
        sampleLossOffset = reserve(batchCapacity)
        arena = .allocate(capacity: count)
        arena.initialize(repeating: 0, count: count)

        for (s, sample) in scenario.samples.enumerated() {
            for i in 0..<sizes[0] { arena[inputOffset + s * sizes[0] + i] = sample.x[i] }
            let outputs = sizes[sizes.count - 1]
            for k in 0..<outputs { arena[targetOffset + s * outputs + k] = sample.y[k] }
        }
        load(scenario.initialParameters)
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
    @discardableResult
    public func forward(_ range: Range<Int>) -> Double {
        plans.withUnsafeBufferPointer { plans in
            let arena = self.arena
            let last = plans.count - 1
            let output = plans[last]
            var total = 0.0
            for s in range {
                let row = s - range.lowerBound
                for l in 0...last {
                    let plan = plans[l]
                    let previous = plan.previous, units = plan.units
                    let input = l == 0 ? arena + inputOffset + s * previous : arena + plans[l - 1].out + row * previous
                    let net = arena + plan.net + row * units, out = arena + plan.out + row * units
                    let weights = arena + plan.weight
                    let bias = arena + plan.bias
                    // A constant unit count for the small layers of teaching nets (see weightedSums).
                    @inline(__always) func sums(_ units: Int) {
                        Kernel.weightedSums(units: units, previous: previous, input: input, weights: weights, bias: bias, net: net)
                    }
                    switch units {
                    case 1: sums(1)
                    case 2: sums(2)
                    case 3: sums(3)
                    case 4: sums(4)
                    default: sums(units)
                    }
                    plan.activation.apply(net: net, out: out, count: units)
                }
                let sampleLoss = loss.sampleLoss(
                    net: arena + output.net + row * output.units, out: arena + output.out + row * output.units,
                    target: arena + targetOffset + s * output.units, count: output.units, activation: output.activation
                )
                arena[sampleLossOffset + row] = sampleLoss
                total += sampleLoss
            }
            return total * reduction.factor(count: range.count)
        }
    }

    /// net = bias + input · W for one sample of one layer. Inlined with a constant `units` of 1…4,
    /// the sums live in one SIMD register and the loop over units disappears: teaching nets have a
    /// handful of units per layer, where loop overhead, not arithmetic, is the cost.
    @inline(__always)
    private static func weightedSums(
        units: Int, previous: Int, input: UnsafePointer<Double>, weights: UnsafePointer<Double>,
        bias: UnsafePointer<Double>, net: UnsafeMutablePointer<Double>
    ) {
        if units <= 4 {
            var sums = SIMD4<Double>.zero
            for j in 0..<units { sums[j] = bias[j] }
            for i in 0..<previous {
                let a = input[i], weightRow = weights + i * units
                for j in 0..<units { sums[j] += a * weightRow[j] }
            }
            for j in 0..<units { net[j] = sums[j] }
        } else {
            for j in 0..<units { net[j] = bias[j] }
            for i in 0..<previous {
                let a = input[i], weightRow = weights + i * units
                for j in 0..<units { net[j] += a * weightRow[j] }
            }
        }
    }

    /// Backward pass over samples `range` after ``forward(_:)``: deltas (∂E⁽ˢ⁾/∂net per sample,
    /// before the reduction) and ∂E⁽ˢ⁾/∂out of every layer, and the gradients ∂J/∂W, ∂J/∂b of the batch loss.
    /// `withOutputFactor`: also store ∂E/∂Y of the output layer, a factor shown to people but
    /// not needed for the update (training leaves it out: it costs a division per output).
    public func backward(_ range: Range<Int>, withOutputFactor: Bool = true) {
        plans.withUnsafeBufferPointer { plans in
            let arena = self.arena
            let last = plans.count - 1
            let output = plans[last]
            let outputs = output.units
            let scale = reduction.factor(count: range.count)
            // Pass 1, sample by sample: the output deltas, then each layer's ∂E/∂out (Wδ of the
            // layer above) and delta, down to the first layer.
            for s in range {
                let row = s - range.lowerBound
                let outputNet = arena + output.net + row * outputs, outputOut = arena + output.out + row * outputs
                let target = arena + targetOffset + s * outputs
                loss.outputDelta(
                    net: outputNet, out: outputOut, target: target, count: outputs,
                    activation: output.activation, delta: arena + output.delta + row * outputs
                )
                let outputGradient = arena + output.outGradient + row * outputs
                if withOutputFactor {
                    for k in 0..<outputs { outputGradient[k] = loss.derivativeWithRespectToOutput(out: outputOut[k], target: target[k]) }
                }
                for l in stride(from: last, to: 0, by: -1) {
                    let plan = plans[l], below = plans[l - 1]
                    let previous = plan.previous
                    let delta = arena + plan.delta + row * plan.units
                    let previousOutGradient = arena + below.outGradient + row * previous
                    @inline(__always) func propagate(_ units: Int) {
                        Kernel.propagate(units: units, previous: previous, weights: arena + plan.weight, delta: delta, into: previousOutGradient)
                    }
                    switch plan.units {
                    case 1: propagate(1)
                    case 2: propagate(2)
                    case 3: propagate(3)
                    case 4: propagate(4)
                    default: propagate(plan.units)
                    }
                    below.activation.multiplyByDerivative(
                        gradient: previousOutGradient, net: arena + below.net + row * previous,
                        out: arena + below.out + row * previous, into: arena + below.delta + row * previous, count: previous
                    )
                }
            }
            // Pass 2, layer by layer: ∂J/∂b = Σₛ scale·δ and ∂J/∂W = Σₛ scale·inputᵀδ, each sum
            // kept in registers over the batch's samples and stored once.
            for l in 0...last {
                let plan = plans[l]
                let input = l == 0 ? arena + inputOffset + range.lowerBound * plan.previous : arena + plans[l - 1].out
                @inline(__always) func gradients(_ units: Int) {
                    Kernel.gradients(
                        units: units, previous: plan.previous, samples: range.count, scale: scale, input: input,
                        delta: arena + plan.delta, gradientWeights: arena + plan.gradientWeight, gradientBias: arena + plan.gradientBias
                    )
                }
                switch plan.units {
                case 1: gradients(1)
                case 2: gradients(2)
                case 3: gradients(3)
                case 4: gradients(4)
                default: gradients(plan.units)
                }
            }
        }
    }

    /// ∂E/∂out of the layer below for one sample: (Wδ)_i = Σⱼ W_ij δ_j.
    @inline(__always)
    private static func propagate(
        units: Int, previous: Int, weights: UnsafePointer<Double>, delta: UnsafePointer<Double>,
        into previousOutGradient: UnsafeMutablePointer<Double>
    ) {
        for i in 0..<previous {
            let weightRow = weights + i * units
            var sum = 0.0
            for j in 0..<units { sum += weightRow[j] * delta[j] }
            previousOutGradient[i] = sum
        }
    }

    /// One layer's gradients over a batch of `samples`: rows of `input` and `delta` per sample.
    /// Inlined with a constant `units` of 1…4 each row of sums lives in one SIMD register (see
    /// ``weightedSums``). The terms are added in sample order, scale·input first, so the result
    /// is the same to the bit as accumulating sample by sample.
    @inline(__always)
    private static func gradients(
        units: Int, previous: Int, samples: Int, scale: Double, input: UnsafePointer<Double>, delta: UnsafePointer<Double>,
        gradientWeights: UnsafeMutablePointer<Double>, gradientBias: UnsafeMutablePointer<Double>
    ) {
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
        } else {
            gradientBias.update(repeating: 0, count: units)
            gradientWeights.update(repeating: 0, count: previous * units)
            for s in 0..<samples {
                let deltaRow = delta + s * units
                for j in 0..<units { gradientBias[j] += scale * deltaRow[j] }
                for i in 0..<previous {
                    let a = scale * input[s * previous + i], gradientRow = gradientWeights + i * units
                    for j in 0..<units { gradientRow[j] += a * deltaRow[j] }
                }
            }
        }
    }

    /// One gradient-descent step with the gradients of the last ``backward(_:)``.
    public func update() {
        plans.withUnsafeBufferPointer { plans in
            for plan in plans {
                let weights = arena + plan.weight, gradient = arena + plan.gradientWeight
                for index in 0..<(plan.previous * plan.units) { weights[index] -= learningRate * gradient[index] }
                let bias = arena + plan.bias, gradientBias = arena + plan.gradientBias
                for j in 0..<plan.units { bias[j] -= learningRate * gradientBias[j] }
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
        return total * reduction.factor(count: sampleCount)
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
