import CNcursesw
import Dispatch
import Foundation

/// Why the terminal could not be started.
public enum TerminalStartError: Error, Equatable {
    /// Standard input or standard output is not a terminal.
    case notATerminal
    /// ncurses does not know the terminal type (the value of TERM).
    case unknownTerminal(String)
}

/// The thin ncurses backend: it flushes a ``Grid`` to the screen and reads keys. Nothing else in
/// the viewer touches ncurses.
///
/// SIGINT, SIGTERM and SIGHUP are caught (never handled inside a signal handler: a dispatch
/// source sets a flag) and reported as ``Key/interrupt``, so the caller always leaves through
/// ``restore()`` and the terminal is given back sane.
public final class NCursesTerminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let useColor: Bool
    private var restored = false
    private var pairs: [Int: Int16] = [:]
    /// The size of the last frame drawn: a new size repaints the whole screen.
    private var drawnSize: (width: Int, height: Int) = (0, 0)
    private let signalSources: [DispatchSourceSignal]
    private let interrupted = SignalFlag()

    /// Starts full-screen mode on the process's terminal.
    public init(useColor: Bool) throws(TerminalStartError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        if nn_locale_is_utf8() == 0 { setlocale(LC_ALL, "C.UTF-8") }
        // Before ncurses changes the terminal's modes, so a crash can put them back.
        CrashGuard.install()
        guard let screen = nn_newterm() else {
            throw .unknownTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "(unset)")
        }
        self.screen = screen
        set_term(screen)
        guard let window = nn_stdscr() else {
            delscreen(screen)
            throw .unknownTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "(unset)")
        }
        self.window = window
        raw()
        noecho()
        nonl()
        keypad(window, true)
        curs_set(0)
        set_escdelay(25)
        self.useColor = useColor && has_colors()
        if self.useColor {
            start_color()
            use_default_colors()
        }

        // Signals: ignore the default action, watch them from the main queue.
        let flag = interrupted
        signalSources = [SIGINT, SIGTERM, SIGHUP].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { flag.set(number) }
            source.resume()
            return source
        }
    }

    deinit {
        restore()
    }

    /// The signal (SIGINT, SIGTERM or SIGHUP) that asked the viewer to stop, if one did.
    public var stopSignal: Int32? { interrupted.signal }

    /// The terminal's size in columns and rows.
    public var size: (width: Int, height: Int) {
        (Int(nn_cols(window)), Int(nn_lines(window)))
    }

    /// Draws `grid` and shows it. Cells outside the screen are skipped.
    public func draw(_ grid: Grid) {
        let (width, height) = size
        if drawnSize != (width, height) {
            // The bottom-right cell is never written (below), so after a resize it could keep a
            // character of the old frame; a full repaint clears it.
            werase(window)
            clearok(window, true)
            drawnSize = (width, height)
        }
        var cell = cchar_t()
        for y in 0..<min(height, grid.height) {
            for x in 0..<min(width, grid.width) {
                // The bottom-right cell would scroll some terminals; it is always blank chrome.
                if y == height - 1 && x == width - 1 { continue }
                let source = grid[x, y]
                // A two-column character's right half: ncurses fills it when drawing the left one.
                if source.isContinuation { continue }
                // The base character and its combining marks, as many as a cell holds.
                var characters = source.character.unicodeScalars.prefix(Int(CCHARW_MAX) - 1).map { wchar_t(bitPattern: $0.value) }
                characters.append(0)
                if setcchar(&cell, characters, attributes(source.style), pair(source.style), nil) != nn_ok() {
                    characters = [characters[0], 0]
                    setcchar(&cell, characters, attributes(source.style), pair(source.style), nil)
                }
                mvwadd_wch(window, Int32(y), Int32(x), &cell)
            }
        }
        wrefresh(window)
    }

    /// The next key, waiting at most `timeoutMilliseconds`; nil when none came.
    public func readKey(timeoutMilliseconds: Int) -> Key? {
        if interrupted.isSet { return .interrupt }
        wtimeout(window, Int32(max(0, timeoutMilliseconds)))
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if interrupted.isSet { return .interrupt }
        if result == nn_key_code_yes() {
            switch Int32(value) {
            case KEY_UP: return .up
            case KEY_DOWN: return .down
            case KEY_LEFT: return .left
            case KEY_RIGHT: return .right
            case KEY_HOME: return .home
            case KEY_END: return .end
            case KEY_PPAGE: return .pageUp
            case KEY_NPAGE: return .pageDown
            case KEY_BTAB: return .backTab
            case KEY_ENTER: return .enter
            case KEY_BACKSPACE: return .backspace
            case KEY_DC: return .delete
            case nn_key_resize():
                let (width, height) = size
                return .resize(width: width, height: height)
            default: return nil
            }
        }
        guard result == nn_ok() else { return nil }
        switch value {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(value)), value >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Leaves full-screen mode and gives the terminal back as it was. Safe to call twice.
    public func restore() {
        guard !restored else { return }
        restored = true
        for source in signalSources { source.cancel() }
        curs_set(1)
        endwin()
        delscreen(screen)
        for number in [SIGINT, SIGTERM, SIGHUP] { signal(number, SIG_DFL) }
    }

    private func attributes(_ style: CellStyle) -> attr_t {
        var value = nn_attr_normal()
        if style.bold { value |= nn_attr_bold() }
        if style.dim { value |= nn_attr_dim() }
        if style.reverse { value |= nn_attr_reverse() }
        if style.underline { value |= nn_attr_underline() }
        return value
    }

    /// The colour pair for a style's colours, made on first use (0 is the terminal's default).
    private func pair(_ style: CellStyle) -> Int16 {
        guard useColor, style.foreground != nil || style.background != nil else { return 0 }
        let key = Int(style.foreground.map { $0.rawValue + 1 } ?? 0) * 16 + Int(style.background.map { $0.rawValue + 1 } ?? 0)
        if let existing = pairs[key] { return existing }
        let number = Int16(pairs.count + 1)
        guard Int32(number) < nn_color_pairs() else { return 0 }
        init_pair(number, style.foreground.map { Int16($0.rawValue) } ?? -1, style.background.map { Int16($0.rawValue) } ?? -1)
        pairs[key] = number
        return number
    }
}

/// A flag set from a signal source's queue and read on the main thread.
private final class SignalFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int32?

    var isSet: Bool { lock.withLock { value != nil } }

    /// The first signal that arrived.
    var signal: Int32? { lock.withLock { value } }

    func set(_ number: Int32) { lock.withLock { if value == nil { value = number } } }
}
