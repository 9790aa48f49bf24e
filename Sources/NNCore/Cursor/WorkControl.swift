import Synchronization

/// Lets long work (training to a far epoch, a first batch of 100,000 samples) be watched and
/// stopped from another thread: the work reports how far it got and checks whether it should stop.
public final class WorkControl: Sendable {
    private let cancelled = Atomic<Bool>(false)
    private let done = Atomic<Int>(0)
    private let total = Atomic<Int>(0)

    /// A control that nobody has cancelled yet.
    public init() {}

    /// Asks the work to stop at its next check.
    public func cancel() { cancelled.store(true, ordering: .relaxed) }

    /// Whether ``cancel()`` was called.
    public var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Records progress: `done` of `total` units (epochs, usually).
    public func report(_ done: Int, of total: Int) {
        self.total.store(total, ordering: .relaxed)
        self.done.store(done, ordering: .relaxed)
    }

    /// The last progress reported, if any.
    public var progress: (done: Int, total: Int)? {
        let total = total.load(ordering: .relaxed)
        return total > 0 ? (done.load(ordering: .relaxed), total) : nil
    }

    /// Throws ``WorkCancelled`` once the work has been cancelled.
    public func check() throws(WorkCancelled) {
        if isCancelled { throw WorkCancelled() }
    }
}

/// Long work stopped because its ``WorkControl`` was cancelled.
public struct WorkCancelled: Error, Equatable {
    /// Creates the error.
    public init() {}
}
