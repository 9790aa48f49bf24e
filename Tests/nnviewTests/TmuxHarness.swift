import Foundation

/// Runs a command in a private tmux server, 120×40 by default, so tests see exactly what a user
/// sees: they type with ``sendKeys(_:)`` and read the screen with ``capture()``.
final class TmuxSession {
    /// Why a tmux step failed; carries the last screen for the test's message.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    let socket: String
    let directory: URL
    private var closed = false

    /// Whether tmux is installed (the end-to-end tests are skipped with a message when not).
    static var isAvailable: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/tmux") }
    }

    /// Starts `command` (an argument vector) in a new detached session.
    init(command: [String], width: Int = 120, height: Int = 40, environment: [String: String] = [:]) throws {
        let number = Self.lock.withLock {
            Self.counter += 1
            return Self.counter
        }
        socket = "nnview-test-\(getpid())-\(number)"
        directory = FileManager.default.temporaryDirectory.appendingPathComponent(socket)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let quoted = command.map(Self.quote).joined(separator: " ")
        let exports = environment.map { "export \($0.key)=\(Self.quote($0.value))" }.joined(separator: "; ")
        // The pane stays open after the command ends so its last screen can be read. The exit
        // code is written last: once it is there, the terminal settings are too.
        let script = """
        \(exports)
        \(quoted)
        status=$?
        stty -a > \(Self.quote(directory.appendingPathComponent("stty").path)) 2>&1
        echo $status > \(Self.quote(directory.appendingPathComponent("exit-code").path))
        sleep 600
        """
        try script.write(to: directory.appendingPathComponent("run.sh"), atomically: true, encoding: .utf8)
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-e", "TERM=tmux-256color",
                  "bash \(Self.quote(directory.appendingPathComponent("run.sh").path))"])
    }

    deinit {
        close()
    }

    /// Types keys, in tmux's names: "n", "Space", "C-c", "Left", "Enter", "q".
    func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys", "-t", socketTarget] + keys)
    }

    /// Types raw bytes, as a terminal sends them: "\u{1B}[1~" is Home on tmux, PuTTY and rxvt.
    func sendRaw(_ text: String) throws {
        try tmux(["send-keys", "-l", "-t", socketTarget, text])
    }

    /// Puts the opening banner (the scenario's description) away, as a first key does.
    func dismissBanner() throws {
        try sendKeys("Escape")
        try waitUntil { !$0.contains("press any key to begin") }
    }

    /// The screen as text; with `attributes`, with the escape sequences of its colours and styles.
    func capture(attributes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p"] + (attributes ? ["-e"] : []) + ["-t", socketTarget])
    }

    /// Waits until the screen shows `text`; returns that screen.
    @discardableResult
    func waitFor(_ text: String, timeout: Double = 10) throws -> String {
        try waitUntil(timeout: timeout) { $0.contains(text) }
    }

    /// Waits until `predicate` holds for the screen, polling every 50 ms.
    @discardableResult
    func waitUntil(timeout: Double = 10, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        while Date() < deadline {
            screen = try capture()
            if predicate(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "timed out after \(timeout) s; the screen was:\n\(screen)")
    }

    /// Resizes the window, as a user dragging the terminal's corner.
    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", socketTarget, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Waits for the command to end and returns its exit status.
    func waitForExit(timeout: Double = 10) throws -> Int32 {
        let file = directory.appendingPathComponent("exit-code")
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), let code = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return code
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw Failure(description: "the command did not exit within \(timeout) s; the screen was:\n\((try? capture()) ?? "")")
    }

    /// `stty -a` as the shell saw it right after the command ended.
    func terminalSettingsAfterExit() throws -> String {
        try String(contentsOf: directory.appendingPathComponent("stty"), encoding: .utf8)
    }

    /// The process id of the command running in the pane's shell (its first child).
    func commandProcessID() throws -> Int32? {
        let shell = try tmux(["display-message", "-p", "-t", socketTarget, "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    /// Stops the private server.
    func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: directory)
        let socketDirectory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(socketDirectory)/tmux-\(getuid())/\(socket)")
    }

    private var socketTarget: String { "0" }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let outputFile = directory.appendingPathComponent("tmux-output-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let status = try Self.spawnAndWait(["/usr/bin/env", "--default-signal", "tmux", "-L", socket] + arguments, output: outputFile.path)
        let text = (try? String(contentsOf: outputFile, encoding: .utf8)) ?? ""
        if status != 0 && arguments.first != "kill-server" {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed: \(text)")
        }
        return text
    }

    /// Runs a program with its output in a file and waits for it with waitpid. Foundation's
    /// Process is avoided here: new-session forks the tmux server, which keeps pipes open, and
    /// Process's own child reaping is not reliable in the test runner.
    private static func spawnAndWait(_ arguments: [String], output: String) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        let argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, environ)
        guard result == 0 else { throw Failure(description: "cannot start \(arguments[0]): error \(result)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    private static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
