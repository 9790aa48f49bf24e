/// The whole training run of a scenario, addressable by epoch and batch without keeping every
/// step in memory: parameters and the optimizer's state are checkpointed at the start of every
/// `checkpointInterval`-th epoch and anything in between is recomputed from the nearest checkpoint.
///
/// It memoises deterministic results only, so sharing one run between cursor copies is safe on
/// one thread. Long work on another thread takes a ``copy()``, which shares the checkpoints.
///
/// An edited run (``init(editing:fromEpoch:scenario:parameters:optimizerState:)``) takes the
/// epochs before its edit from the run it edits and trains its own checkpoints from there on.
public final class TrainingRun {
    /// The scenario being trained (for an edited run: as edited, in effect from ``firstEpoch`` on).
    public let scenario: Scenario
    /// The run whose epochs before ``firstEpoch`` this one shows unchanged (nil: not edited).
    private let base: TrainingRun?
    /// The first epoch this run trains itself: 0, or the epoch of its edit.
    public let firstEpoch: Int
    /// The optimizer's update count at the start of ``firstEpoch``.
    private let startingSteps: Int
    /// Epochs between two checkpoints.
    public let checkpointInterval: Int
    /// Made on first use: a copy for another thread may never need the one it was copied from.
    private lazy var kernel = Kernel(scenario: scenario)
    /// The checkpoints, one after another: the parameters in ``Parameters``' flat order, then the
    /// optimizer's buffers (``OptimizerState``). One array instead of one small array per layer
    /// and checkpoint, so ten million epochs fit in 16 MB. The update count is not stored: it is
    /// the starting count plus the batches trained.
    private var checkpoints: [Double]
    private let parameterCount: Int
    /// Numbers per checkpoint.
    private let checkpointStride: Int
    /// The loss of each epoch trained so far, see ``Kernel/trainEpoch(batchSize:)``.
    public private(set) var lossHistory = LossHistory()
    private var cachedRecord: BatchRecord?

    /// Checkpoint storage, in numbers: 16 MB.
    static let checkpointBudget = 2_000_000

    /// Prepares the run; nothing is trained until asked for.
    public init(scenario: Scenario) {
        self.scenario = scenario
        parameterCount = scenario.parameterCount
        checkpointStride = parameterCount * (1 + scenario.optimizer.stateBuffers)
        // Keep checkpoints within the budget, and recompute at most a few hundred epochs.
        let affordable = max(16, Self.checkpointBudget / max(1, checkpointStride))
        checkpointInterval = max(1, (scenario.epochs + affordable - 1) / affordable)
        let state = scenario.startingOptimizerState
        checkpoints = Self.flatten(scenario.initialParameters) + state.first + state.second
        base = nil
        firstEpoch = 0
        startingSteps = state.steps
    }

    /// A run that shows `base` unchanged before `epoch` and from the start of `epoch` on trains
    /// `scenario` (same layers and sample count as `base`'s, any data, learning rate or length)
    /// from `parameters` and `optimizerState`. The loss history keeps `base`'s epochs before it.
    public init(
        editing base: TrainingRun, fromEpoch epoch: Int, scenario: Scenario, parameters: Parameters,
        optimizerState state: OptimizerState
    ) {
        precondition(epoch >= 0 && epoch < scenario.epochs, "an edit lies within the run")
        self.scenario = scenario
        self.base = base
        firstEpoch = epoch
        startingSteps = state.steps
        parameterCount = scenario.parameterCount
        checkpointStride = parameterCount * (1 + scenario.optimizer.stateBuffers)
        let affordable = max(16, Self.checkpointBudget / max(1, checkpointStride))
        checkpointInterval = max(1, (scenario.epochs - epoch + affordable - 1) / affordable)
        checkpoints = Self.flatten(parameters) + state.first + state.second
        if base.lossHistory.count < epoch { _ = base.parameters(atStartOf: epoch) }
        lossHistory = base.lossHistory.prefix(epoch) { base.epochLoss($0) }
    }

    private init(copying run: TrainingRun) {
        scenario = run.scenario
        base = run.base?.copy()
        firstEpoch = run.firstEpoch
        startingSteps = run.startingSteps
        checkpointInterval = run.checkpointInterval
        checkpoints = run.checkpoints
        parameterCount = run.parameterCount
        checkpointStride = run.checkpointStride
        lossHistory = run.lossHistory
        cachedRecord = run.cachedRecord
    }

    /// A run that shares what this one has computed so far (copy on write) and has a kernel of
    /// its own, for work on another thread.
    public func copy() -> TrainingRun { TrainingRun(copying: self) }

    /// Whether this run was edited (it, or a run it continues).
    public var isEdited: Bool { base != nil }

    /// The run as the scenario trains it, before any edit.
    public var original: TrainingRun { base?.original ?? self }

    /// The scenario in effect during `epoch`: the edited one from ``firstEpoch`` on, before it
    /// that of the run edited (with this run's length, which the cursor steps over).
    public func scenario(atEpoch epoch: Int) -> Scenario {
        guard let base, epoch < firstEpoch else { return scenario }
        var earlier = base.scenario(atEpoch: epoch)
        earlier.epochs = scenario.epochs
        return earlier
    }

    private static func flatten(_ parameters: Parameters) -> [Double] {
        zip(parameters.weights, parameters.biases).flatMap { $0 + $1 }
    }

    private var checkpointCount: Int { checkpoints.count / max(1, checkpointStride) }

    /// Loads checkpoint `index` into the kernel: its parameters and its optimizer state.
    private func loadCheckpoint(_ index: Int) {
        kernel.load(checkpoint(index))
        let start = index * checkpointStride + parameterCount
        let buffers = scenario.optimizer.stateBuffers
        let first = buffers >= 1 ? Array(checkpoints[start..<start + parameterCount]) : []
        let second = buffers >= 2 ? Array(checkpoints[start + parameterCount..<start + 2 * parameterCount]) : []
        let steps = startingSteps + index * checkpointInterval * scenario.batchesPerEpoch
        kernel.load(OptimizerState(steps: steps, first: first, second: second))
    }

    private func appendCheckpoint() {
        let state = kernel.optimizerState
        checkpoints += Self.flatten(kernel.parameters) + state.first + state.second
    }

    private func checkpoint(_ index: Int) -> Parameters {
        var offset = index * checkpointStride
        var weights: [[Double]] = [], biases: [[Double]] = []
        let sizes = scenario.layerSizes
        for l in 1..<sizes.count {
            weights.append(Array(checkpoints[offset..<offset + sizes[l - 1] * sizes[l]]))
            offset += sizes[l - 1] * sizes[l]
            biases.append(Array(checkpoints[offset..<offset + sizes[l]]))
            offset += sizes[l]
        }
        return Parameters(weights: weights, biases: biases)
    }

    /// Parameters at the start of `epoch` (0-based; `scenario.epochs` means after training).
    public func parameters(atStartOf epoch: Int) -> Parameters {
        // Without a control nothing cancels.
        (try? parameters(atStartOf: epoch, control: nil)) ?? scenario.initialParameters
    }

    /// Parameters at the start of `epoch`, reporting progress in epochs to `control` and
    /// stopping when it is cancelled (what was trained by then stays memoised).
    public func parameters(atStartOf epoch: Int, control: WorkControl?) throws(WorkCancelled) -> Parameters {
        if let base, epoch < firstEpoch { return try base.parameters(atStartOf: epoch, control: control) }
        try moveKernel(toStartOf: epoch, control: control)
        return kernel.parameters
    }

    /// The optimizer's state at the start of `epoch` (0-based): what an export from there writes.
    public func optimizerState(atStartOf epoch: Int) -> OptimizerState {
        if let base, epoch < firstEpoch { return base.optimizerState(atStartOf: epoch) }
        // Without a control nothing cancels.
        try! moveKernel(toStartOf: epoch, control: nil)
        return kernel.optimizerState
    }

    /// Leaves the kernel holding the parameters and the optimizer's state at the start of `epoch`
    /// (at least ``firstEpoch``). Checkpoints count from ``firstEpoch``.
    private func moveKernel(toStartOf epoch: Int, control: WorkControl?) throws(WorkCancelled) {
        let target = min(max(firstEpoch, epoch), scenario.epochs) - firstEpoch
        // Extend the checkpoints (and the loss history) as far as needed.
        while checkpointCount * checkpointInterval <= target {
            let start = (checkpointCount - 1) * checkpointInterval
            loadCheckpoint(checkpointCount - 1)
            for e in start..<(start + checkpointInterval) {
                try control?.check()
                control?.report(firstEpoch + e, of: firstEpoch + target)
                recordEpochLoss(firstEpoch + e, kernel.trainEpoch(batchSize: scenario.batchSize))
            }
            appendCheckpoint()
        }
        let nearest = target / checkpointInterval
        loadCheckpoint(nearest)
        for e in (nearest * checkpointInterval)..<target {
            try control?.check()
            recordEpochLoss(firstEpoch + e, kernel.trainEpoch(batchSize: scenario.batchSize))
        }
    }

    private func recordEpochLoss(_ epoch: Int, _ loss: Double) {
        if epoch == lossHistory.count { lossHistory.append(loss) }
    }

    /// Everything batch `batch` of epoch `epoch` computes (both 0-based).
    public func record(epoch: Int, batch: Int) -> BatchRecord {
        // Without a control nothing cancels.
        try! record(epoch: epoch, batch: batch, control: nil)
    }

    /// Everything batch `batch` of epoch `epoch` computes, stopping between epochs and batches
    /// when `control` is cancelled.
    public func record(epoch: Int, batch: Int, control: WorkControl?) throws(WorkCancelled) -> BatchRecord {
        if let base, epoch < firstEpoch { return try base.record(epoch: epoch, batch: batch, control: control) }
        if let cachedRecord, cachedRecord.epoch == epoch, cachedRecord.batch == batch { return cachedRecord }
        let start: Parameters, startState: OptimizerState
        if let cachedRecord, cachedRecord.epoch == epoch, cachedRecord.batch == batch - 1 {
            (start, startState) = (cachedRecord.parametersAfter, cachedRecord.optimizerStateAfter)
        } else if let cachedRecord, batch == 0, cachedRecord.epoch == epoch - 1,
                  cachedRecord.batch == scenario.batchesPerEpoch - 1 {
            (start, startState) = (cachedRecord.parametersAfter, cachedRecord.optimizerStateAfter)
        } else {
            try moveKernel(toStartOf: epoch, control: control)
            for b in 0..<batch {
                try control?.check()
                let range = scenario.batchRange(b)
                kernel.forward(range)
                kernel.backward(range)
                kernel.update()
            }
            (start, startState) = (kernel.parameters, kernel.optimizerState)
        }
        try control?.check()
        kernel.load(start)
        kernel.load(startState)
        let record = BatchRecord.record(kernel: kernel, epoch: epoch, batch: batch, range: scenario.batchRange(batch))
        cachedRecord = record
        return record
    }

    /// The loss of `epoch`, training up to it if needed.
    public func epochLoss(_ epoch: Int) -> Double {
        (try? epochLoss(epoch, control: nil)) ?? .nan
    }

    /// The loss of `epoch`, training up to it if needed; an epoch whose loss the history keeps
    /// only as part of a block is trained again from its checkpoint.
    public func epochLoss(_ epoch: Int, control: WorkControl?) throws(WorkCancelled) -> Double {
        if let base, epoch < firstEpoch {
            if let loss = lossHistory.exactLoss(epoch) { return loss }
            return try base.epochLoss(epoch, control: control)
        }
        if epoch >= lossHistory.count { _ = try parameters(atStartOf: epoch + 1, control: control) }
        if let loss = lossHistory.exactLoss(epoch) { return loss }
        try moveKernel(toStartOf: epoch, control: control)
        return kernel.trainEpoch(batchSize: scenario.batchSize)
    }

    /// Numeric ∂J/∂w at `parameters` over the samples `range` by central differences, with the
    /// data of `epoch` (an edit may have changed the samples; nil: this run's own).
    public func numericGradient(of weight: WeightID, at parameters: Parameters, range: Range<Int>,
                                epoch: Int? = nil) -> Double {
        if let base, let epoch, epoch < firstEpoch {
            return base.numericGradient(of: weight, at: parameters, range: range, epoch: epoch)
        }
        return NumericGradient.centralDifference(kernel: kernel, weight: weight, at: parameters, range: range)
    }
}
