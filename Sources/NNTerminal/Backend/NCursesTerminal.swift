import CNcursesw
import Foundation

/// Why the terminal could not be started.
public enum TerminalStartError: Error, Equatable {
    /// Standard input or standard output is not a terminal.
    case notATerminal
    /// ncurses does not know the terminal type (the value of TERM).
    case unknownTerminal(String)
    /// `--record` could not open the pseudo-terminal it records through (the system's reason).
    case recordingFailed(String)
}

/// The thin ncurses backend: it flushes a ``Grid`` to the screen and reads keys. Nothing else in
/// the viewer touches ncurses.
///
/// Every signal whose default action ends the process (SIGINT, SIGTERM, SIGHUP, SIGQUIT,
/// SIGPIPE, SIGUSR1, SIGALRM, the real-time signals, …) is caught by a handler that only sets a
/// flag, and reported as ``Key/interrupt``, so the caller always leaves through ``restore()``
/// and the terminal is given back sane.
public final class NCursesTerminal {
    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let useColor: Bool
    private var restored = false
    /// With `--record`: what passes ncurses's output on to the terminal and the cast.
    private var relay: RecordingRelay?
    private var pairs: [Int: Int16] = [:]
    /// The size of the last frame drawn: a new size repaints the whole screen.
    private var drawnSize: (width: Int, height: Int) = (0, 0)

    /// Starts full-screen mode on the process's terminal; with `recording`, everything the
    /// terminal receives also goes into that cast, under the title given.
    public init(useColor: Bool, recording: (cast: CastFile, title: String)? = nil) throws(TerminalStartError) {
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        setlocale(LC_ALL, "")
        if nn_locale_is_utf8() == 0 { setlocale(LC_ALL, "C.UTF-8") }
        // Before ncurses changes the terminal's modes, so a crash can put them back.
        CrashGuard.install()
        relay = try recording.map(Self.startRelay)
        guard let screen = relay.map({ nn_newterm_on($0.output) }) ?? nn_newterm() else {
            relay?.finish()
            throw .unknownTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "(unset)")
        }
        self.screen = screen
        set_term(screen)
        guard let window = nn_stdscr() else {
            delscreen(screen)
            relay?.finish()
            throw .unknownTerminal(ProcessInfo.processInfo.environment["TERM"] ?? "(unset)")
        }
        self.window = window
        raw()
        noecho()
        nonl()
        relay?.mirrorModes()
        keypad(window, true)
        curs_set(0)
        // Long enough for a sequence split over a slow link, short enough for Esc to feel instant.
        set_escdelay(50)
        Self.defineKeyVariants()
        self.useColor = useColor && has_colors()
        if self.useColor {
            start_color()
            use_default_colors()
        }

        for number in Self.endingSignals { nn_catch_stop_signal(number) }
    }

    deinit {
        restore()
    }

    /// The pseudo-terminal and relay that `--record` draws through.
    private static func startRelay(_ recording: (cast: CastFile, title: String))
        throws(TerminalStartError) -> RecordingRelay {
        guard let relay = RecordingRelay(cast: recording.cast, title: recording.title) else {
            throw .recordingFailed(String(cString: strerror(errno)))
        }
        return relay
    }

    /// The signal (SIGINT, SIGTERM or SIGHUP) that asked the viewer to stop, if one did.
    public var stopSignal: Int32? {
        let number = nn_stop_signal()
        return number == 0 ? nil : Int32(number)
    }

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
        if stopSignal != nil { return .interrupt }
        if let resized = relay?.syncSize() {
            resizeterm(Int32(resized.height), Int32(resized.width))
            return .resize(width: resized.width, height: resized.height)
        }
        wtimeout(window, Int32(max(0, timeoutMilliseconds)))
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if stopSignal != nil { return .interrupt }
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
            case nn_key_f(1)...nn_key_f(63): return .function(Int(Int32(value) - nn_key_f(0)))
            default: return .unknown(String(cString: keyname(Int32(value))))
            }
        }
        guard result == nn_ok() else { return nil }
        switch value {
        case 3: return .interrupt
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return readAfterEscape()
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(UInt32(value)), value >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    /// Home and End as tmux, PuTTY, rxvt and the Linux console send them, whatever TERM says:
    /// without these, `ESC [1~` arrives as Esc and the keys `[`, `1`, `~`.
    private static func defineKeyVariants() {
        for (sequence, key) in [("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
                                ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
                                ("\u{1B}[5~", KEY_PPAGE), ("\u{1B}[6~", KEY_NPAGE), ("\u{1B}[3~", KEY_DC), ("\u{1B}[Z", KEY_BTAB),
                                ("\u{1B}[2~", KEY_IC)] {
            define_key(sequence, key)
        }
        // The arrows in both cursor modes, whichever the terminal is in.
        for (final, key) in [("A", KEY_UP), ("B", KEY_DOWN), ("C", KEY_RIGHT), ("D", KEY_LEFT)] {
            define_key("\u{1B}[" + final, key)
            define_key("\u{1B}O" + final, key)
        }
        // F1–F4 as VT100 (ESC O P…) and as PuTTY and rxvt (ESC [11~…) send them.
        for (index, final) in ["P", "Q", "R", "S"].enumerated() { define_key("\u{1B}O" + final, nn_key_f(Int32(index + 1))) }
        for (index, code) in [11, 12, 13, 14].enumerated() { define_key("\u{1B}[\(code)~", nn_key_f(Int32(index + 1))) }
    }

    /// What follows an Esc that ncurses did not recognise as a key: nothing (a lone Esc), a
    /// character (Alt+character), or the rest of an unknown sequence, read up to its final
    /// byte so that none of it is taken for keys.
    private func readAfterEscape() -> Key {
        wtimeout(window, 0)
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == nn_key_code_yes() { return .unknown("Alt+\(String(cString: keyname(Int32(value))))") }
        guard result == nn_ok(), let first = Unicode.Scalar(UInt32(value)) else { return .escape }
        guard first == "[" || first == "O" else {
            if value == 27 { return .escape }
            return value >= 32 && value != 127 ? .alt(Character(first)) : .unknown("Alt+^\(Character(Unicode.Scalar(UInt8(value % 32) + 64)))")
        }
        var sequence = "ESC" + String(first)
        // CSI: parameter and intermediate bytes, then a final byte from @ to ~; SS3: one byte.
        for _ in 0..<16 {
            guard wget_wch(window, &value) == nn_ok(), let scalar = Unicode.Scalar(UInt32(value)), scalar.isASCII,
                  value >= 0x20 else {
                return sequence.count == 4 ? .alt(Character(first)) : .unknown(sequence)
            }
            sequence.unicodeScalars.append(scalar)
            if (0x40...0x7E).contains(value) && (first == "O" || sequence.count > 4) { return .unknown(sequence) }
        }
        return .unknown(sequence)
    }

    /// Leaves full-screen mode and gives the terminal back as it was. Safe to call twice.
    public func restore() {
        guard !restored else { return }
        restored = true
        curs_set(1)
        endwin()
        delscreen(screen)
        relay?.finish()
        for number in Self.endingSignals { signal(number, SIG_DFL) }
    }

    /// The signals whose default action ends the process, other than the crash signals that
    /// ``CrashGuard`` handles and SIGKILL, which nothing can catch.
    static var endingSignals: [Int32] {
        [SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF,
         SIGXCPU, SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT]
            + Array(nn_sigrtmin()...nn_sigrtmax())
    }

    private func attributes(_ style: CellStyle) -> attr_t {
        var value = nn_attr_normal()
        if style.bold { value |= nn_attr_bold() }
        if style.dim { value |= nn_attr_dim() }
        if style.reverse { value |= nn_attr_reverse() }
        if style.underline { value |= nn_attr_underline() }
        if style.italic { value |= nn_attr_italic() }
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
