import Foundation

/// The built `nnview` binary, run as a child process.
enum NNViewBinary {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// The binary beside this test bundle (`swift test` builds it because the tests depend on it),
    /// or `NNVIEW_BINARY` when set.
    static var path: String {
        if let explicit = ProcessInfo.processInfo.environment["NNVIEW_BINARY"] { return explicit }
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [bundle, bundle.deletingLastPathComponent(), bundle.deletingLastPathComponent().deletingLastPathComponent()] {
            let binary = candidate.appendingPathComponent("nnview").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/nnview").path
    }

    /// Runs nnview with `arguments`, standard input from /dev/null, and collects its output.
    static func run(_ arguments: [String]) throws -> Result {
        try run(executable: path, arguments)
    }

    /// Runs `executable` with `arguments` (and `environment`, when given), standard input from
    /// /dev/null, and collects its output. Standard error stays small (a line, or a usage text),
    /// so reading the streams one after the other cannot block.
    static func run(executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle(forReadingAtPath: "/dev/null")
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self), error: String(decoding: errorData, as: UTF8.self))
    }
}
