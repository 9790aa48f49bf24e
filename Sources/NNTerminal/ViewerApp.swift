import CNcursesw
import Dispatch
import Foundation
import NNCore

/// Runs the viewer in the terminal: draw, wait for a key, the autoplay timer or long work,
/// update, repeat. Long work runs on another thread, so q, Esc, Ctrl-C and the signals are
/// answered within a frame however long it takes. The terminal is restored on every way out.
public enum ViewerApp {
    /// Why the viewer could not run.
    public enum Failure: Error, CustomStringConvertible {
        case notATerminal
        case unknownTerminal(String)
        case recordingFailed(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return "the viewer needs a terminal (standard input and output are not both one); for the numbers as text use 'nnview trace'"
            case .unknownTerminal(let term):
                return "cannot start the viewer: the terminal type '\(term)' is unknown (set TERM, e.g. TERM=xterm-256color); for the numbers as text use 'nnview trace'"
            case .recordingFailed(let reason):
                return "cannot record: no pseudo-terminal to record through (\(reason))"
            }
        }
    }

    /// Opens `state` in the terminal and returns when the user quits: nil, or the signal that
    /// stopped the viewer (the caller exits with 128 + its number, as shells expect).
    ///
    /// `keys` are typed first, each once the previous one's work has finished; then the viewer
    /// reads the keyboard as usual. With `recording`, the session is written to that cast.
    @discardableResult
    public static func run(_ initial: ViewerState, keys: [Key] = [],
                           recording: CastFile? = nil) throws(Failure) -> Int32? {
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(useColor: initial.options.color,
                                           recording: recording.map { ($0, initial.scenario.name) })
        } catch {
            switch error {
            case .notATerminal: throw .notATerminal
            case .unknownTerminal(let term): throw .unknownTerminal(term)
            case .recordingFailed(let reason): throw .recordingFailed(reason)
            }
        }
        defer { terminal.restore() }
        let loop = ViewerLoop(state: initial, terminal: terminal, scriptedKeys: keys)
        loop.run()
        // The process ends right after: freeing a batch of 100,000 samples' records would keep
        // the user waiting for seconds after q, so the loop and its state are left to the exit.
        _ = Unmanaged.passRetained(loop)
        return terminal.stopSignal
    }
}

/// The event loop: one state, the terminal, and at most one piece of long work.
private final class ViewerLoop {
    private var state: ViewerState
    private let terminal: NCursesTerminal
    private var work: BackgroundWork?
    private var nextTick = Date()
    /// How long to wait for new work before showing that it is under way: most steps take a
    /// millisecond, and a flash of "working" on each would be noise.
    private static let quietWait = 40
    /// How often the loop looks at keys, signals and progress while work runs.
    private static let workPoll = 25
    /// How long the loop waits for a key when idle: signals are noticed at the latest then.
    private static let idlePoll = 100

    /// Keys still to type for `--keys`, first one first.
    private var scriptedKeys: ArraySlice<Key>

    init(state: ViewerState, terminal: NCursesTerminal, scriptedKeys: [Key]) {
        self.state = state
        self.terminal = terminal
        self.scriptedKeys = scriptedKeys[...]
    }

    func run() {
        let size = terminal.size
        dispatch(.key(.resize(width: size.width, height: size.height)))
        if let pending = state.pending { perform(.start(pending.kind)) }
        while !state.shouldQuit {
            let size = terminal.size
            let frame = Renderer.frame(state, width: size.width, height: size.height)
            terminal.draw(frame.grid)
            if frame.metrics != state.panelMetrics { dispatch(.layout(frame.metrics)) }
            if let work {
                // Keys first: a q typed while the work ran quits even if the result is in.
                if let key = terminal.readKey(timeoutMilliseconds: Self.workPoll) {
                    dispatch(.key(key))
                    continue
                }
                if let result = work.result(waitingMilliseconds: 0) {
                    self.work = nil
                    dispatch(.workFinished(result))
                    continue
                }
                if let progress = work.control.progress { dispatch(.workProgress(done: progress.done, total: progress.total)) }
                continue
            }
            if let scripted = scriptedKeys.first {
                // A key from the keyboard goes first: q or Ctrl-C stops a demo half-way.
                let typed = terminal.readKey(timeoutMilliseconds: 0)
                if typed == nil { scriptedKeys.removeFirst() }
                press(typed ?? scripted)
                continue
            }
            let wait = state.playing ? max(0, min(Self.idlePoll, Int(nextTick.timeIntervalSinceNow * 1000))) : Self.idlePoll
            if let key = terminal.readKey(timeoutMilliseconds: wait) {
                press(key)
            } else if state.playing, nextTick.timeIntervalSinceNow <= 0 {
                dispatch(.tick)
                scheduleTick()
            }
        }
        // Work still running is abandoned: the process ends with the viewer.
        work?.control.cancel()
    }

    /// Applies a key outside long work; a key that starts autoplay starts its clock.
    private func press(_ key: Key) {
        let wasPlaying = state.playing
        dispatch(.key(key))
        if state.playing && !wasPlaying { scheduleTick() }
    }

    private func scheduleTick() {
        nextTick = Date().addingTimeInterval(Double(state.playInterval) / 1000)
    }

    private func dispatch(_ event: ViewerEvent) {
        if let command = state.update(event) { perform(command) }
    }

    private func perform(_ command: ViewerCommand) {
        work?.control.cancel()
        work = nil
        guard case .start(let kind) = command else { return }
        let started = BackgroundWork(state.work(kind, copyingRun: true))
        if let result = started.result(waitingMilliseconds: Self.quietWait) {
            dispatch(.workFinished(result))
        } else {
            work = started
        }
    }
}

/// One piece of long work on a thread of its own, with a control to watch and cancel it.
private final class BackgroundWork: @unchecked Sendable {
    let control = WorkControl()
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var value: WorkResult?

    init(_ work: ViewerWork) {
        let thread = Thread { [self] in
            // Below the input loop: on a busy machine Esc and q must not wait for a core.
            nn_lower_thread_priority()
            let result = work.perform(control: control)
            lock.withLock { value = result }
            finished.signal()
        }
        // Deep nets recurse little, but the default secondary-thread stack is small.
        thread.stackSize = 16 << 20
        thread.start()
    }

    /// The result once the work has ended, waiting at most `milliseconds` for it.
    func result(waitingMilliseconds milliseconds: Int) -> WorkResult? {
        if let value = lock.withLock({ value }) { return value }
        guard finished.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return nil }
        return lock.withLock { value }
    }
}
