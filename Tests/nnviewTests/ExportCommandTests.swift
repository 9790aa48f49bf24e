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
}
