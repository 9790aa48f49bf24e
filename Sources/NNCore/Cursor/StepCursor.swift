/// A position in the training run that moves one step at a time, to any epoch, or to either end.
/// Moving back shows exactly the earlier numbers, because every step is recomputed
/// deterministically from the run's checkpoints.
public struct StepCursor: Equatable {
    /// Two cursors are equal when they stand at the same step of the same run.
    public static func == (lhs: StepCursor, rhs: StepCursor) -> Bool {
        lhs.index == rhs.index && lhs.run === rhs.run
    }

    /// The run the cursor moves over (shared between copies; it only memoises).
    public let run: TrainingRun
    /// 0-based position in the whole run.
    public private(set) var index: Int

    /// A cursor at the first step of `run`.
    public init(run: TrainingRun) {
        self.run = run
        index = 0
    }

    /// Steps in one batch.
    public var stepsPerBatch: Int { Phase.stepsPerBatch(layerCount: run.scenario.layers.count) }
    /// Steps in one epoch.
    public var stepsPerEpoch: Int { stepsPerBatch * run.scenario.batchesPerEpoch }
    /// Steps in the run.
    public var stepCount: Int { stepsPerEpoch * run.scenario.epochs }

    /// 0-based epoch of the current step.
    public var epoch: Int { index / stepsPerEpoch }
    /// 0-based batch of the current step.
    public var batch: Int { (index / stepsPerBatch) % run.scenario.batchesPerEpoch }
    /// The current step's phase.
    public var phase: Phase { Phase.at(index % stepsPerBatch, layerCount: run.scenario.layers.count) }
    /// Whether the cursor is on the first step.
    public var isAtStart: Bool { index == 0 }
    /// Whether the cursor is on the last step.
    public var isAtEnd: Bool { index == stepCount - 1 }

    /// The current step with its batch's numbers.
    public var step: Step {
        Step(
            phase: phase, epoch: epoch, batch: batch, stepInEpoch: index % stepsPerEpoch, index: index,
            record: run.record(epoch: epoch, batch: batch)
        )
    }

    /// Moves to step `index`, clamped to the run.
    public mutating func move(to index: Int) {
        self.index = min(max(0, index), stepCount - 1)
    }

    /// One step forward; false (and no move) at the end.
    @discardableResult
    public mutating func stepForward() -> Bool {
        guard !isAtEnd else { return false }
        index += 1
        return true
    }

    /// One step back; false (and no move) at the start.
    @discardableResult
    public mutating func stepBack() -> Bool {
        guard !isAtStart else { return false }
        index -= 1
        return true
    }

    /// To the first step of `epoch` (0-based, clamped).
    public mutating func moveToEpoch(_ epoch: Int) {
        move(to: min(max(0, epoch), run.scenario.epochs - 1) * stepsPerEpoch)
    }

    /// To the first step.
    public mutating func moveToStart() { index = 0 }

    /// To the last step (the final update).
    public mutating func moveToEnd() { index = stepCount - 1 }
}
