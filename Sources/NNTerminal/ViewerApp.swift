import Foundation
import NNCore

/// Runs the viewer in the terminal: draw, wait for a key or the autoplay timer, update, repeat.
/// The terminal is restored on every way out (q, Ctrl-C, SIGTERM, SIGHUP, errors).
public enum ViewerApp {
    /// Why the viewer could not run.
    public enum Failure: Error, CustomStringConvertible {
        case notATerminal
        case unknownTerminal(String)

        public var description: String {
            switch self {
            case .notATerminal:
                return "the viewer needs a terminal (standard input and output are not both one); for the numbers as text use 'nnview trace'"
            case .unknownTerminal(let term):
                return "cannot start the viewer: the terminal type '\(term)' is unknown (set TERM, e.g. TERM=xterm-256color); for the numbers as text use 'nnview trace'"
            }
        }
    }

    /// Opens `state` in the terminal and returns when the user quits: nil, or the signal that
    /// stopped the viewer (the caller exits with 128 + its number, as shells expect).
    @discardableResult
    public static func run(_ initial: ViewerState) throws(Failure) -> Int32? {
        let terminal: NCursesTerminal
        do {
            terminal = try NCursesTerminal(useColor: initial.options.color)
        } catch {
            switch error {
            case .notATerminal: throw .notATerminal
            case .unknownTerminal(let term): throw .unknownTerminal(term)
            }
        }
        defer { terminal.restore() }
        var state = initial
        let startSize = terminal.size
        state = state.updated(with: .key(.resize(width: startSize.width, height: startSize.height)))
        var nextTick = Date().addingTimeInterval(Double(state.playInterval) / 1000)
        while !state.shouldQuit {
            let size = terminal.size
            terminal.draw(Renderer.render(state, width: size.width, height: size.height))
            let wait: Int
            if state.playing {
                wait = max(0, Int(nextTick.timeIntervalSinceNow * 1000))
            } else {
                wait = 250
            }
            if let key = terminal.readKey(timeoutMilliseconds: wait) {
                if let notice = state.workNotice(for: key) {
                    // Training to a far epoch can take seconds: say so before starting.
                    var working = state
                    working.message = notice
                    terminal.draw(Renderer.render(working, width: size.width, height: size.height))
                }
                let wasPlaying = state.playing
                state = state.updated(with: .key(key))
                if state.playing && !wasPlaying { nextTick = Date().addingTimeInterval(Double(state.playInterval) / 1000) }
            } else if state.playing, nextTick.timeIntervalSinceNow <= 0 {
                state = state.updated(with: .tick)
                nextTick = Date().addingTimeInterval(Double(state.playInterval) / 1000)
            }
        }
        return terminal.stopSignal
    }
}
