import CNcursesw
import Dispatch
import Foundation

/// For `--record`: ncurses draws on a pseudo-terminal, and a thread passes every byte it reads
/// from the other end on to the real terminal and into the cast, timed as it arrives. So the cast
/// holds exactly what the terminal received, including the bytes that give the terminal back.
///
/// ncurses sets its modes (raw, no echo) on the pseudo-terminal; ``mirrorModes()`` copies them
/// to the real terminal, from which the keys are still read. ``syncSize()`` passes the real
/// terminal's size on, since its SIGWINCH does not reach the pseudo-terminal.
final class RecordingRelay: @unchecked Sendable {
    /// The pseudo-terminal's slave as a stream, for `newterm`.
    let output: UnsafeMutablePointer<FILE>
    private let master: Int32
    private let cast: CastFile
    private let finished = DispatchSemaphore(value: 0)
    private var savedModes: termios
    private var size: (width: Int, height: Int)
    private var done = false

    /// Opens the pseudo-terminal with the real terminal's modes and size and starts the relay.
    init?(cast: CastFile, title: String) {
        var master: Int32 = -1, slave: Int32 = -1
        var rows: Int32 = 0, columns: Int32 = 0
        var savedModes = termios()
        guard tcgetattr(STDIN_FILENO, &savedModes) == 0, nn_open_pty(&master, &slave) == 0 else { return nil }
        guard nn_get_window_size(STDOUT_FILENO, &rows, &columns) == 0, tcsetattr(slave, TCSANOW, &savedModes) == 0,
              nn_set_window_size(slave, rows, columns) == 0, let stream = fdopen(slave, "w") else {
            Glibc.close(master)
            Glibc.close(slave)
            return nil
        }
        self.master = master
        self.cast = cast
        self.savedModes = savedModes
        output = stream
        size = (Int(columns), Int(rows))
        cast.begin(width: size.width, height: size.height, title: title)
        let thread = Thread { [self] in relay() }
        thread.start()
    }

    /// Gives the real terminal the input modes ncurses set on the pseudo-terminal. Output
    /// processing stays with the pseudo-terminal (its line feeds already arrive as CR LF), so the
    /// real terminal passes bytes through unchanged, as a terminal emulator replaying the cast does.
    func mirrorModes() {
        var modes = termios()
        guard tcgetattr(fileno(output), &modes) == 0 else { return }
        modes.c_oflag &= ~tcflag_t(OPOST)
        tcsetattr(STDIN_FILENO, TCSANOW, &modes)
    }

    /// When the real terminal's size has changed: passes it to the pseudo-terminal, records it and
    /// returns it; nil otherwise.
    func syncSize() -> (width: Int, height: Int)? {
        var rows: Int32 = 0, columns: Int32 = 0
        guard nn_get_window_size(STDOUT_FILENO, &rows, &columns) == 0,
              (Int(columns), Int(rows)) != size else { return nil }
        size = (Int(columns), Int(rows))
        nn_set_window_size(fileno(output), rows, columns)
        cast.resize(width: size.width, height: size.height)
        return size
    }

    /// After ncurses has ended: closes the pseudo-terminal, waits until the relay has passed on
    /// its last bytes, closes the cast and gives the real terminal its modes back.
    func finish() {
        guard !done else { return }
        done = true
        fclose(output)
        // The relay ends once it has read everything; a terminal that stopped reading must not
        // keep the process from exiting.
        _ = finished.wait(timeout: .now() + .seconds(2))
        cast.close()
        tcsetattr(STDIN_FILENO, TCSANOW, &savedModes)
    }

    /// Reads the master until the slave is closed and drained (read then fails with EIO).
    private func relay() {
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        var text = UTF8Reassembler()
        var terminalOpen = true
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            let chunk = buffer[0..<count]
            if terminalOpen { terminalOpen = Self.writeAll(chunk, to: STDOUT_FILENO) }
            cast.output(text.text(appending: chunk))
        }
        cast.output(text.flush())
        Glibc.close(master)
        finished.signal()
    }

    /// Writes all of `bytes`, through partial writes and interruptions; false when the terminal is gone.
    private static func writeAll(_ bytes: ArraySlice<UInt8>, to descriptor: Int32) -> Bool {
        var offset = bytes.startIndex
        while offset < bytes.endIndex {
            let written = bytes[offset...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
