import Foundation
import Testing

/// `nnview export --format scenario` writes a file that loads back, and never replaces one by accident.
@Suite struct ExportCommandTests {
    @Test func exportWritesALoadableScenarioAndKeepsExistingFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-export-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let first = try NNViewBinary.run(["export", "Scenarios/xor.json".absoluteFromPackage, "--epoch", "200", "--output", path])
        #expect(first.status == 0 && first.output.isEmpty, "\(first.error)")
        let trained = try NNViewBinary.run(["train", path, "--epochs", "3", "--format", "json"])
        let direct = try NNViewBinary.run(["train", "Scenarios/xor.json".absoluteFromPackage, "--epochs", "202", "--format", "json"])
        // Same weights after epoch 202 either way (the JSON's weights member, to the last digit).
        func weights(_ json: String) -> Substring? { json.firstRange(of: "\"weights\"").map { json[$0.lowerBound...] } }
        #expect(weights(trained.output) != nil && weights(trained.output) == weights(direct.output))
        let again = try NNViewBinary.run(["export", "--output", path])
        #expect(again.status == 1 && again.error.contains("exists; choose another name, or add --force"))
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("XOR · from epoch 200"), "the first file is untouched")
        #expect(try NNViewBinary.run(["export", "--output", path, "--force"]).status == 0)
    }

    @Test func anEpochPastTheEndContinuesTheRun() throws {
        let xor = "Scenarios/xor.json".absoluteFromPackage
        let exported = try NNViewBinary.run(["export", xor, "--epoch", "6000"])
        let trained = try NNViewBinary.run(["train", xor, "--epochs", "5999", "--format", "json"])
        // The first weight, to the last digit, written the same way by both.
        let first = try #require(exported.output.firstMatch(of: #/"weights": \[\[(-?[0-9.e-]+)/#)?.1)
        #expect(trained.output.contains("\"weights\":[[[\(first)"), "\(first)")
        #expect(exported.output.contains("\"epochs\": 1,"))
    }

    @Test func forceNeverReplacesWhatIsNotAFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-export-special-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("fifo").path, link = folder.appendingPathComponent("link.json").path
        let target = folder.appendingPathComponent("target.json").path
        #expect(mkfifo(fifo, 0o644) == 0)
        try "keep".write(toFile: target, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        for path in [fifo, link, folder.path, "/dev/null"] {
            let result = try NNViewBinary.run(["export", "--output", path, "--force"])
            #expect(result.status == 1 && result.error.contains("is not a regular file"), "\(path)")
        }
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "keep")
    }
}
