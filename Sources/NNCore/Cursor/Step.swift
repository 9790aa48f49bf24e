/// What a step of training computes.
public enum Phase: Hashable, Sendable {
    /// Net and activations of one layer (0-based after the input).
    case forward(layer: Int)
    /// The batch loss.
    case loss
    /// Deltas and gradients of one layer (0-based after the input).
    case backward(layer: Int)
    /// W ← W − η ∂J/∂W for every layer.
    case update

    /// "forward", "loss", "backward" or "update", as in the trace's `phase` field.
    public var name: String {
        switch self {
        case .forward: return "forward"
        case .loss: return "loss"
        case .backward: return "backward"
        case .update: return "update"
        }
    }

    /// The layer the step works on, if any.
    public var layer: Int? {
        switch self {
        case .forward(let layer), .backward(let layer): return layer
        case .loss, .update: return nil
        }
    }

    /// The position of this phase within its batch (0-based): forward layers, loss, backward
    /// layers from the output down, update. A value is computed once the batch has reached its phase.
    public func order(layerCount: Int) -> Int {
        switch self {
        case .forward(let layer): return layer
        case .loss: return layerCount
        case .backward(let layer): return 2 * layerCount - layer
        case .update: return 2 * layerCount + 1
        }
    }

    /// Steps in one batch of a net with `layerCount` layers after the input: forward each, loss,
    /// backward each, update.
    public static func stepsPerBatch(layerCount: Int) -> Int { 2 * layerCount + 2 }

    /// The phase at position `index` within a batch.
    public static func at(_ index: Int, layerCount: Int) -> Phase {
        if index < layerCount { return .forward(layer: index) }
        if index == layerCount { return .loss }
        if index <= 2 * layerCount { return .backward(layer: 2 * layerCount - index) }
        return .update
    }
}

/// One step of the training run, with everything its batch computed.
public struct Step: Sendable, Equatable {
    /// What it computes.
    public var phase: Phase
    /// 0-based epoch.
    public var epoch: Int
    /// 0-based batch in the epoch.
    public var batch: Int
    /// 0-based position in the epoch, counting forward, loss, backward, update steps of every batch.
    public var stepInEpoch: Int
    /// 0-based position in the whole run.
    public var index: Int
    /// The batch's numbers (all of them, including those later steps of the batch will show).
    public var record: BatchRecord

    /// Creates a step; ``StepCursor`` makes them for a run.
    public init(phase: Phase, epoch: Int, batch: Int, stepInEpoch: Int, index: Int, record: BatchRecord) {
        self.phase = phase
        self.epoch = epoch
        self.batch = batch
        self.stepInEpoch = stepInEpoch
        self.index = index
        self.record = record
    }
}
