/// Every number one batch of training computed: the forward values, the loss, the backward
/// values and the update. Steps of the cursor show slices of it.
public struct BatchRecord: Sendable, Equatable {
    /// 0-based epoch.
    public var epoch: Int
    /// 0-based batch within the epoch.
    public var batch: Int
    /// The data indices of the batch's samples.
    public var sampleRange: Range<Int>
    /// Parameters when the batch began.
    public var parametersBefore: Parameters
    /// Parameters after its update.
    public var parametersAfter: Parameters
    /// Per layer after the input, per sample: pre-activations net.
    public var net: [[[Double]]]
    /// Per layer, per sample: activations out = g(net).
    public var out: [[[Double]]]
    /// Per layer, per sample: ∂E⁽ˢ⁾/∂out (the output layer: ∂E/∂Y; hidden: Wᵀ·δ of the next layer).
    public var outGradient: [[[Double]]]
    /// Per layer, per sample: ∂out/∂net, the activation's derivative at each unit (diagonal for softmax).
    public var activationDerivative: [[[Double]]]
    /// Per layer, per sample: δ = ∂E⁽ˢ⁾/∂net (before the batch reduction).
    public var delta: [[[Double]]]
    /// Per layer: ∂J/∂W, flat row-major as in ``Parameters``.
    public var weightGradients: [[Double]]
    /// Per layer: ∂J/∂b.
    public var biasGradients: [[Double]]
    /// Each sample's loss E⁽ˢ⁾.
    public var sampleLosses: [Double]
    /// The batch loss J: the reduction of the sample losses, plus ``weightPenalty``.
    public var loss: Double
    /// Weight decay's (λ/2)·Σ w² at the batch's starting weights (0 without weight decay).
    public var weightPenalty: Double = 0
    /// The optimizer's state when the batch began.
    public var optimizerStateBefore = OptimizerState(steps: 0, first: [], second: [])
    /// The optimizer's state after the batch's update.
    public var optimizerStateAfter = OptimizerState(steps: 0, first: [], second: [])

    /// Samples in the batch.
    public var sampleCount: Int { sampleRange.count }

    /// Runs one batch on `kernel` (which must hold the parameters the batch starts from) and
    /// records everything; the kernel is left holding the updated parameters.
    public static func record(kernel: Kernel, epoch: Int, batch: Int, range: Range<Int>) -> BatchRecord {
        let before = kernel.parameters
        let stateBefore = kernel.optimizerState
        let loss = kernel.forward(range)
        kernel.backward(range)
        let layers = 0..<kernel.layerCount
        let count = range.count
        let net = layers.map { kernel.netRows(layer: $0, count: count) }
        let out = layers.map { kernel.outRows(layer: $0, count: count) }
        let derivative = layers.map { l in
            zip(net[l], out[l]).map { netRow, outRow in
                zip(netRow, outRow).map { kernel.activations[l].derivative(net: $0, out: $1) }
            }
        }
        var record = BatchRecord(
            epoch: epoch, batch: batch, sampleRange: range, parametersBefore: before, parametersAfter: before,
            net: net, out: out,
            outGradient: layers.map { kernel.outGradientRows(layer: $0, count: count) },
            activationDerivative: derivative,
            delta: layers.map { kernel.deltaRows(layer: $0, count: count) },
            weightGradients: layers.map { kernel.weightGradient(layer: $0) },
            biasGradients: layers.map { kernel.biasGradient(layer: $0) },
            sampleLosses: kernel.sampleLosses(count: count), loss: loss
        )
        record.weightPenalty = kernel.weightPenalty()
        record.optimizerStateBefore = stateBefore
        kernel.update()
        record.parametersAfter = kernel.parameters
        record.optimizerStateAfter = kernel.optimizerState
        return record
    }
}
