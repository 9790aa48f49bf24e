/// The whole training run of a scenario, addressable by epoch and batch without keeping every
/// step in memory: parameters are checkpointed at the start of every `checkpointInterval`-th
/// epoch and anything in between is recomputed from the nearest checkpoint.
///
/// It memoises deterministic results only, so sharing one run between cursor copies is safe.
public final class TrainingRun {
    /// The scenario being trained.
    public let scenario: Scenario
    /// Epochs between two checkpoints.
    public let checkpointInterval: Int
    private let kernel: Kernel
    private var checkpoints: [Parameters]
    /// Loss of each epoch computed so far (index = 0-based epoch), see ``Kernel/trainEpoch(batchSize:)``.
    public private(set) var epochLosses: [Double] = []
    private var cachedRecord: BatchRecord?

    /// Prepares the run; nothing is trained until asked for.
    public init(scenario: Scenario) {
        self.scenario = scenario
        kernel = Kernel(scenario: scenario)
        let parameterCount = scenario.layerSizes.indices.dropFirst().reduce(0) {
            $0 + (scenario.layerSizes[$1 - 1] + 1) * scenario.layerSizes[$1]
        }
        // Keep checkpoints within about 32 MiB, and recompute at most a few hundred epochs.
        let affordable = max(16, 4_000_000 / max(1, parameterCount))
        checkpointInterval = max(1, (scenario.epochs + affordable - 1) / affordable)
        checkpoints = [scenario.initialParameters]
    }

    /// Parameters at the start of `epoch` (0-based; `scenario.epochs` means after training).
    public func parameters(atStartOf epoch: Int) -> Parameters {
        let target = min(max(0, epoch), scenario.epochs)
        // Extend the checkpoints (and the loss history) as far as needed.
        while (checkpoints.count - 1) * checkpointInterval + checkpointInterval <= target {
            let start = (checkpoints.count - 1) * checkpointInterval
            kernel.load(checkpoints[checkpoints.count - 1])
            for e in start..<(start + checkpointInterval) { recordEpochLoss(e, kernel.trainEpoch(batchSize: scenario.batchSize)) }
            checkpoints.append(kernel.parameters)
        }
        let base = target / checkpointInterval
        kernel.load(checkpoints[base])
        for e in (base * checkpointInterval)..<target { recordEpochLoss(e, kernel.trainEpoch(batchSize: scenario.batchSize)) }
        return kernel.parameters
    }

    private func recordEpochLoss(_ epoch: Int, _ loss: Double) {
        if epoch == epochLosses.count { epochLosses.append(loss) }
    }

    /// Everything batch `batch` of epoch `epoch` computes (both 0-based).
    public func record(epoch: Int, batch: Int) -> BatchRecord {
        if let cachedRecord, cachedRecord.epoch == epoch, cachedRecord.batch == batch { return cachedRecord }
        let start: Parameters
        if let cachedRecord, cachedRecord.epoch == epoch, cachedRecord.batch == batch - 1 {
            start = cachedRecord.parametersAfter
        } else if let cachedRecord, batch == 0, cachedRecord.epoch == epoch - 1,
                  cachedRecord.batch == scenario.batchesPerEpoch - 1 {
            start = cachedRecord.parametersAfter
        } else {
            kernel.load(parameters(atStartOf: epoch))
            for b in 0..<batch {
                let range = scenario.batchRange(b)
                kernel.forward(range)
                kernel.backward(range)
                kernel.update()
            }
            start = kernel.parameters
        }
        kernel.load(start)
        let record = BatchRecord.record(kernel: kernel, epoch: epoch, batch: batch, range: scenario.batchRange(batch))
        cachedRecord = record
        return record
    }

    /// The loss of `epoch`, training up to it if needed.
    public func epochLoss(_ epoch: Int) -> Double {
        if epoch >= epochLosses.count { _ = parameters(atStartOf: epoch + 1) }
        return epochLosses[epoch]
    }

    /// Numeric ∂J/∂w at `parameters` over the samples `range` by central differences.
    public func numericGradient(of weight: WeightID, at parameters: Parameters, range: Range<Int>) -> Double {
        NumericGradient.centralDifference(kernel: kernel, weight: weight, at: parameters, range: range)
    }
}
