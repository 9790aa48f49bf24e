import Foundation

/// The last resort when the viewer crashes (a Swift runtime trap arrives as SIGILL or SIGTRAP):
/// give the terminal back before the process dies, so the user is not left in raw mode.
///
/// ncurses cannot be called from a signal handler, so the handler puts back the terminal modes
/// saved before ncurses started and leaves the alternate screen with plain escape sequences.
/// It only calls async-signal-safe functions (tcsetattr, write, signal, raise) and reads
/// storage prepared before it was installed.
enum CrashGuard {
    /// Saves the terminal's current modes and installs the handler for the crash signals.
    /// Call it before ncurses changes the modes.
    static func install() {
        guard tcgetattr(STDIN_FILENO, savedModes) == 0 else { return }
        // Initialise the lazy statics now, never inside the handler.
        _ = (screenReset, message)
        for number in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = crashHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(truncatingIfNeeded: SA_RESETHAND)  // 0x80000000 in an Int32 field
            sigaction(number, &action, nil)
        }
    }

    /// Termios storage allocated once and never freed: the handler must not allocate or touch
    /// Swift globals that might still need initialising.
    fileprivate nonisolated(unsafe) static let savedModes: UnsafeMutablePointer<termios> = {
        let pointer = UnsafeMutablePointer<termios>.allocate(capacity: 1)
        pointer.initialize(to: termios())
        return pointer
    }()

    /// What the handler writes: reset attributes, show the cursor, leave the alternate screen.
    fileprivate nonisolated(unsafe) static let screenReset = strdup("\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l\r\n")!
    fileprivate nonisolated(unsafe) static let message = strdup(
        "nnview: internal error: the viewer crashed and gave the terminal back; `nnview trace` shows the same numbers as text\n"
    )!
}

private func crashHandler(_ number: Int32) {
    tcsetattr(STDIN_FILENO, TCSANOW, CrashGuard.savedModes)
    _ = write(STDOUT_FILENO, CrashGuard.screenReset, strlen(CrashGuard.screenReset))
    _ = write(STDERR_FILENO, CrashGuard.message, strlen(CrashGuard.message))
    signal(number, SIG_DFL)
    raise(number)
}
