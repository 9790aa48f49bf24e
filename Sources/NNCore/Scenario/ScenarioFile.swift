import Foundation

/// Reads a scenario file's bytes, never more than a scenario may have.
///
/// The size is checked before reading (a 3 GB file cost 15 s and 3.1 GB of memory when it was
/// read first), and pipes, whose size nothing tells in advance, are read up to one byte past the
/// limit. Devices are refused without reading: /dev/zero never ends and a terminal would wait.
enum ScenarioFile {
    /// The bytes of the file at `path`, or why it cannot be a scenario file.
    static func contents(at path: String) throws(ScenarioError) -> Data {
        func fail(_ message: String) -> ScenarioError { ScenarioError(file: path, path: "", message: message) }
        let limit = ScenarioLimits.maximumFileBytes
        var status = stat()
        guard stat(path, &status) == 0 else { throw fail(reason(errno)) }
        let kind = status.st_mode & S_IFMT
        if let refusal = refusal(kind: kind, status: status) { throw fail(refusal) }
        if kind == S_IFREG && status.st_size > limit {
            throw fail("is \(status.st_size) bytes, more than the \(limit) a scenario may have")
        }
        // Without O_NONBLOCK, opening a named pipe that nothing writes to would wait forever.
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw fail(reason(errno)) }
        defer { close(descriptor) }
        // Reads wait again, so that a pipe's writer may be slower than this reader.
        _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
        let data = try readAtMost(limit + 1, from: descriptor, failing: fail)
        let isPipe = kind == S_IFIFO
        if data.count > limit {
            throw fail(isPipe ? "is a pipe that gives more than \(limit) bytes, the most a scenario may have"
                : "is more than \(limit) bytes, the most a scenario may have")
        }
        if data.isEmpty && isPipe {
            throw fail("is a pipe that gave nothing to read (is anything writing to it?), expected a scenario (JSON)")
        }
        return data
    }

    /// Why a file of this kind is no scenario file, before anything is read from it.
    private static func refusal(kind: mode_t, status: stat) -> String? {
        switch kind {
        case S_IFDIR: return "is a directory, expected a scenario file (JSON)"
        case S_IFCHR:
            return isNullDevice(status) ? "is empty (it is /dev/null), expected a scenario (a JSON object)"
                : "is a character device, not a scenario file (JSON)"
        case S_IFBLK: return "is a block device, not a scenario file (JSON)"
        case S_IFSOCK: return "is a socket, not a scenario file (JSON)"
        default: return nil
        }
    }

    private static func isNullDevice(_ status: stat) -> Bool {
        var null = stat()
        return stat("/dev/null", &null) == 0 && null.st_rdev == status.st_rdev
    }

    /// Up to `count` bytes, fewer at the end of the file.
    private static func readAtMost(
        _ count: Int, from descriptor: Int32, failing fail: (String) -> ScenarioError
    ) throws(ScenarioError) -> Data {
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while data.count < count {
            let wanted = min(chunk.count, count - data.count)
            let got = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, wanted) }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                throw fail(reason(errno))
            }
            data.append(contentsOf: chunk[0..<got])
        }
        return data
    }

    /// The message for a failed `stat`, `open` or `read`.
    private static func reason(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file"
        case ENOTDIR: return "no such file (a part of its path is not a folder)"
        case EACCES: return "cannot be read (permission denied: check its permissions)"
        default: return "cannot be read: \(String(cString: strerror(code)))"
        }
    }
}
