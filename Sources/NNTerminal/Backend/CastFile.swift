import Foundation
import NNCore

/// A session recording for `--record FILE.cast` (asciicast v2, see ``Asciicast``). The file is
/// created when the command starts, before the screen does, and never over an existing file.
/// Output and resizes may come from different threads: each line is timed and written under a
/// lock, so the times in the file never go down.
public final class CastFile: @unchecked Sendable {
    /// Why the cast could not be created or written.
    public struct Failure: Error, CustomStringConvertible {
        /// One line naming the file and what went wrong.
        public var description: String
    }

    /// The path as the user gave it.
    public let path: String
    private var descriptor: Int32
    private let lock = NSLock()
    private var startNanoseconds: UInt64 = 0
    private var lastTime = 0.0
    private var writeFailure: Failure?

    /// Creates `path` for writing; refuses an existing file and a place it cannot write.
    public init(creating path: String) throws(Failure) {
        self.path = path
        descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST
                ? "already exists; --record never replaces a file, so choose another name or remove it"
                : "cannot be created: \(String(cString: strerror(errno)))"
            throw Failure(description: "\(path): \(reason)")
        }
    }

    /// The first failed write, if any: the viewer goes on, and the caller says so at the end.
    public var failure: Failure? { lock.withLock { writeFailure } }

    /// Removes the file again, when the viewer could not start and nothing was recorded.
    public func discard() {
        close()
        unlink(path)
    }

    /// Writes the header and starts the clock.
    func begin(width: Int, height: Int, title: String) {
        var environment: [String: String] = [:]
        for name in ["TERM", "SHELL"] { environment[name] = ProcessInfo.processInfo.environment[name] }
        // The title comes from the scenario file: a player may print it, so no control characters.
        let line = Asciicast.header(width: width, height: height, timestamp: Int(Date().timeIntervalSince1970),
                                    environment: environment, title: TerminalText.escaped(title))
        lock.withLock {
            startNanoseconds = DispatchTime.now().uptimeNanoseconds
            append(line)
        }
    }

    /// Records output the terminal received.
    func output(_ text: String) {
        guard !text.isEmpty else { return }
        record(kind: "o", data: text)
    }

    /// Records that the terminal changed size.
    func resize(width: Int, height: Int) {
        record(kind: "r", data: "\(width)x\(height)")
    }

    /// Closes the file; later records are dropped. Safe to call twice.
    func close() {
        lock.withLock {
            guard descriptor >= 0 else { return }
            if Glibc.close(descriptor) != 0 && writeFailure == nil {
                writeFailure = writeFailed()
            }
            descriptor = -1
        }
    }

    /// The failure for the `errno` of a write or close that failed.
    private func writeFailed() -> Failure {
        Failure(description: "\(path): could not be written: \(String(cString: strerror(errno)))")
    }

    private func record(kind: String, data: String) {
        lock.withLock {
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - startNanoseconds) / 1e9
            lastTime = max(lastTime, elapsed)
            append(Asciicast.event(time: lastTime, kind: kind, data: data))
        }
    }

    /// Writes one line; call with the lock held.
    private func append(_ line: String) {
        guard descriptor >= 0, writeFailure == nil else { return }
        let bytes = Array((line + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else {
                writeFailure = writeFailed()
                return
            }
            offset += written
        }
    }
}
