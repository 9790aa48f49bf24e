import NNCore

/// A place where `continue` and autoplay stop.
public enum Breakpoint: Equatable, Sendable, CustomStringConvertible {
    /// Every step of this kind: forward, loss, backward or update.
    case phase(PhaseKind)
    /// The loss step of a batch whose loss J compares with `value` as `comparison` says.
    case loss(Comparison, Double)
    /// The loss step of a batch whose loss is ∞ or NaN.
    case nonFinite
    /// The first step of an epoch (from 1).
    case epoch(Int)

    /// The kinds of step.
    public enum PhaseKind: String, Equatable, Sendable, CaseIterable {
        case forward, loss, backward, update

        func matches(_ phase: Phase) -> Bool {
            switch (self, phase) {
            case (.forward, .forward), (.loss, .loss), (.backward, .backward), (.update, .update): return true
            default: return false
            }
        }
    }

    /// How a loss breakpoint compares.
    public enum Comparison: String, Equatable, Sendable, CaseIterable {
        case below = "<", atMost = "<=", above = ">", atLeast = ">="

        func holds(_ value: Double, _ limit: Double) -> Bool {
            switch self {
            case .below: return value < limit
            case .atMost: return value <= limit
            case .above: return value > limit
            case .atLeast: return value >= limit
            }
        }
    }

    /// As the command line writes it: "loss < 0.1".
    public var description: String {
        switch self {
        case .phase(let kind): return kind.rawValue
        case .loss(let comparison, let value): return "loss \(comparison.rawValue) \(NumberStyle.standard.compact(value))"
        case .nonFinite: return "nan (a loss that is ∞ or NaN)"
        case .epoch(let epoch): return "epoch \(epoch)"
        }
    }

    /// Whether the breakpoint needs a batch's loss to decide.
    var needsLoss: Bool {
        switch self {
        case .loss, .nonFinite: return true
        default: return false
        }
    }

    /// Whether the loss crossed into the breakpoint's condition: it holds at `loss` and did not
    /// at the batch before (`previous`, nil for none), so a breakpoint stops once, not at every
    /// later batch.
    func stops(atLoss loss: Double, previous: Double?) -> Bool {
        stops(atLoss: loss) && !(previous.map { stops(atLoss: $0) } ?? false)
    }

    /// Whether a batch loss of `loss` satisfies the breakpoint.
    func stops(atLoss loss: Double) -> Bool {
        switch self {
        case .loss(let comparison, let limit): return loss.isFinite && comparison.holds(loss, limit)
        case .nonFinite: return !loss.isFinite
        default: return false
        }
    }
}

/// Where a run of steps stops: the first breakpoint or note after a step, found without
/// drawing any step in between.
struct BreakpointScan {
    let scenario: Scenario
    let breakpoints: [Breakpoint]
    /// Steps (0-based, in the whole run) that carry a lesson note.
    let notes: [Int]

    var stepsPerBatch: Int { Phase.stepsPerBatch(layerCount: scenario.layers.count) }
    var stepsPerEpoch: Int { scenario.stepsPerEpoch }

    /// The first step after `start` and at most `limit` where a breakpoint or a note stops, with
    /// why (nil when none does before `limit`). A loss that is not finite always stops.
    func next(after start: Int, upTo limit: Int, run: TrainingRun, control: WorkControl?) throws(WorkCancelled) -> (index: Int, reason: String?) {
        var best: (index: Int, reason: String?) = (limit, nil)
        func consider(_ index: Int, _ reason: String) {
            if index > start, index < best.index || (index == best.index && best.reason == nil) { best = (index, reason) }
        }
        for (number, breakpoint) in breakpoints.enumerated() {
            switch breakpoint {
            case .phase(let kind):
                if let index = (start + 1...min(limit, start + stepsPerBatch)).first(where: { kind.matches(phaseAt($0)) }) {
                    consider(index, "breakpoint \(number + 1): \(breakpoint)")
                }
            case .epoch(let epoch): consider((epoch - 1) * stepsPerEpoch, "breakpoint \(number + 1): \(breakpoint)")
            default: break
            }
        }
        for note in notes { consider(note, "a lesson note") }
        try scanLosses(after: start, until: best.index, run: run, control: control, found: &best)
        return best
    }

    private func phaseAt(_ index: Int) -> Phase { Phase.at(index % stepsPerBatch, layerCount: scenario.layers.count) }

    /// Walks the batches' loss steps up to `until`, stopping at the first loss a breakpoint (or
    /// a non-finite loss) stops at. One batch an epoch reads the run's epoch losses, which
    /// training memoises; several batches need each batch's record.
    private func scanLosses(after start: Int, until end: Int, run: TrainingRun, control: WorkControl?,
                            found best: inout (index: Int, reason: String?)) throws(WorkCancelled) {
        let lossPosition = scenario.layers.count
        let firstBatch = start / stepsPerBatch
        var batchIndex = (start % stepsPerBatch) < lossPosition ? firstBatch : firstBatch + 1
        func loss(ofBatch index: Int) throws(WorkCancelled) -> Double {
            let epoch = index / scenario.batchesPerEpoch, batch = index % scenario.batchesPerEpoch
            return scenario.batchesPerEpoch == 1 ? try run.epochLoss(epoch, control: control)
                : try run.record(epoch: epoch, batch: batch, control: control).loss
        }
        var previous = batchIndex > 0 && batchIndex * stepsPerBatch + lossPosition <= end ? try loss(ofBatch: batchIndex - 1) : nil
        while batchIndex * stepsPerBatch + lossPosition <= end {
            let lossIndex = batchIndex * stepsPerBatch + lossPosition
            let loss = try loss(ofBatch: batchIndex)
            defer { previous = loss }
            if !loss.isFinite && (previous?.isFinite ?? true) {
                best = (lossIndex, "the loss is not finite (\(NumberStyle.standard.format(loss))): the run diverged")
                return
            }
            if let number = breakpoints.firstIndex(where: { $0.stops(atLoss: loss, previous: previous) }) {
                best = (lossIndex, "breakpoint \(number + 1): \(breakpoints[number]) (J = \(NumberStyle.standard.format(loss)))")
                return
            }
            batchIndex += 1
        }
    }
}
