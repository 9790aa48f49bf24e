import Foundation
import NNCore

/// Where nnview's text leaves the program: every command's output, every message and the
/// argument parser's help and errors go through here, so two things hold everywhere.
///
/// - Nothing from a file or an argument reaches the terminal as a control character:
///   ``TerminalText/escaped(_:keepingNewlines:)`` makes them visible on the way out.
/// - A write that fails is never a crash and never a silent success. A closed pipe
///   (`nnview trace | head -1`) ends quietly with status 141, as a process that SIGPIPE ends;
///   any other failure (a full disk, a closed descriptor) is said on standard error, where
///   that still works, and ends with status 74 (EX_IOERR).
enum Output {
    /// The exit status after output was lost: EX_IOERR, beside the parser's EX_USAGE (64).
    static let writeFailedStatus: Int32 = 74
    /// The exit status after the reader closed the pipe: what a shell reports for a process
    /// that SIGPIPE ended (128 + 13), which is how it ends when SIGPIPE is not ignored.
    static let closedPipeStatus: Int32 = 141

    /// Writes text whose lines the program composed: its line feeds stay, any other control
    /// character is escaped.
    static func write(_ text: String) {
        send(TerminalText.escaped(text, keepingNewlines: true), to: .standardOutput)
    }

    /// Writes each of `lines` as one line: a line feed inside one is escaped too.
    static func write(lines: [String]) {
        send(lines.map { TerminalText.escaped($0) + "\n" }.joined(), to: .standardOutput)
    }

    /// Writes `nnview: message` to standard error as one line, then each of `details` as a line
    /// of its own (a formula and the caret under its error).
    static func error(_ message: String, details: [String] = []) {
        let lines = ["nnview: " + message] + details
        send(lines.map { TerminalText.escaped($0) + "\n" }.joined(), to: .standardError)
    }

    /// Writes text the argument parser composed (usage, help) to `stream`.
    static func parserText(_ text: String, to stream: Stream) {
        send(TerminalText.escaped(text, keepingNewlines: true), to: stream)
    }

    /// The two streams nnview writes.
    enum Stream {
        case standardOutput, standardError

        var descriptor: Int32 { self == .standardOutput ? STDOUT_FILENO : STDERR_FILENO }
        var name: String { self == .standardOutput ? "standard output" : "standard error" }
    }

    /// The "working…" line that a command quiet for a second shows on a terminal.
    static let notice = WorkingNotice()

    /// Writes all of `text`, or ends the process as the type's summary says.
    private static func send(_ text: String, to stream: Stream) {
        notice.settle()
        var text = text
        let failure: Int32? = text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(stream.descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    return errno
                }
            }
            return nil
        }
        guard let failure else { return }
        if failure == EPIPE { exit(closedPipeStatus) }
        if stream == .standardOutput {
            // Said once, plainly; if standard error fails too there is nobody left to tell.
            let reason = String(cString: strerror(failure))
            send("nnview: cannot write to \(stream.name): \(reason)\n", to: .standardError)
        }
        exit(writeFailedStatus)
    }
}

/// Standard output for long runs of text: collects it and writes it through ``Output`` in large
/// chunks, so that a long trace costs few system calls.
struct BufferedOutput {
    private var pending = ""

    /// Adds `text` (lines the program composed), writing when enough has collected.
    mutating func write(_ text: String) {
        pending += text
        if pending.utf8.count > 1 << 16 { flush() }
    }

    /// Writes what has collected.
    mutating func flush() {
        Output.write(pending)
        pending = ""
    }
}

/// A command that prints nothing for a second says on standard error, when that is a terminal,
/// that it is working and that Ctrl-C stops it (a batch of 100,000 samples through a wide net
/// takes a while). The line goes away before the first output.
final class WorkingNotice: @unchecked Sendable {
    private let lock = NSLock()
    private var settled = false
    private var shown = false

    /// Shows the notice after `seconds` unless output came first.
    func arm(after seconds: Double) {
        guard isatty(STDERR_FILENO) == 1 else { return }
        let thread = Thread { [self] in
            Thread.sleep(forTimeInterval: seconds)
            lock.withLock {
                guard !settled else { return }
                shown = true
                Self.raw("nnview: working… (Ctrl-C stops)")
            }
        }
        thread.start()
    }

    /// No notice from now on; the one on screen, if any, is erased.
    func settle() {
        lock.withLock {
            settled = true
            if shown { Self.raw("\r\u{1B}[K") }
            shown = false
        }
    }

    /// The program's own text and erase sequence, straight to standard error.
    private static func raw(_ text: String) {
        var text = text
        text.withUTF8 { _ = Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
