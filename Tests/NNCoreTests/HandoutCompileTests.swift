import Foundation
import Testing
@testable import NNCore

/// A TeX engine on PATH, if there is one: the compile test runs where it finds pdflatex and is
/// reported as skipped elsewhere. .ci/run installs texlive-latex-base (it says why there).
enum TeXEngine {
    static let pdflatex: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/pdflatex" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Compiles `latex` in a fresh folder; nil when it gave a PDF, else the errors of its log.
    static func compile(_ latex: String, engine: String, timeout: TimeInterval = 60) throws -> (failure: String?, log: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-tex-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try latex.write(to: folder.appendingPathComponent("handout.tex"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: engine)
        process.arguments = ["-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "handout.tex"]
        process.currentDirectoryURL = folder
        // The transcript goes to handout.log; the terminal output is not read, so it must not fill a pipe.
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            return ("no PDF after \(Int(timeout)) s", "")
        }
        let log = (try? String(contentsOf: folder.appendingPathComponent("handout.log"), encoding: .utf8)) ?? ""
        let pdf = FileManager.default.fileExists(atPath: folder.appendingPathComponent("handout.pdf").path)
        guard process.terminationStatus != 0 || !pdf else { return (nil, log) }
        let lines = log.split(separator: "\n", omittingEmptySubsequences: false)
        let errors = lines.indices.filter { lines[$0].hasPrefix("!") }.flatMap { lines[$0..<min($0 + 3, lines.count)] }
        return ("exit \(process.terminationStatus): \(errors.joined(separator: "\n"))", log)
    }

    /// The widest overfull line of a log, in points: how far a formula runs into the margin.
    static func widestOverflow(_ log: String) -> Double {
        log.matches(of: #/Overfull \\hbox \(([0-9.]+)pt too wide\)/#).compactMap { Double($0.output.1) }.max() ?? 0
    }
}

@Suite(.serialized) struct HandoutCompileTests {
    @Test(.enabled(if: TeXEngine.pdflatex != nil, "no TeX engine (pdflatex) on PATH"),
          arguments: HandoutTests.scenarioFiles)
    func everyStepCompiles(_ file: String) throws {
        let engine = try #require(TeXEngine.pdflatex)
        for (place, handout) in HandoutTests.handouts(try HandoutTests.load(file)) {
            let (failure, log) = try TeXEngine.compile(handout.latex(), engine: engine)
            #expect(failure == nil, "\(file) \(place): \(failure ?? "")")
            // A few points past the margin go unnoticed; a formula running off the page does not.
            #expect(TeXEngine.widestOverflow(log) < 20, "\(file) \(place): a line \(TeXEngine.widestOverflow(log))pt too wide")
            #expect(!log.contains("Missing character"), "\(file) \(place): a glyph the font lacks")
        }
    }

    @Test(.enabled(if: TeXEngine.pdflatex != nil, "no TeX engine (pdflatex) on PATH"))
    func hostileTextCompiles() throws {
        let engine = try #require(TeXEngine.pdflatex)
        let (failure, log) = try TeXEngine.compile(try HandoutHostileTextTests.hostile().latex(), engine: engine)
        #expect(failure == nil, "\(failure ?? "")")
        #expect(!log.contains("Missing character"))
    }

    /// The compile test finds a broken document broken, so a pass means something.
    @Test(.enabled(if: TeXEngine.pdflatex != nil, "no TeX engine (pdflatex) on PATH"))
    func aBrokenDocumentFails() throws {
        let engine = try #require(TeXEngine.pdflatex)
        let broken = "\\documentclass{article}\n\\begin{document}\n$A^{[2]}^{\\top}$\n\\end{document}\n"
        let (failure, _) = try TeXEngine.compile(broken, engine: engine)
        #expect(failure?.contains("Double superscript") == true, "\(failure ?? "compiled")")
    }
}
