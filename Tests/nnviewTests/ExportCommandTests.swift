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

/// `nnview export --format markdown|latex`: every scenario file at its first and last step, the
/// range of --step said in one line, --weight where it applies and where it names no weight, and
/// --output written whole without replacing a file unasked.
@Suite struct ExportHandoutCommandTests {
    static var scenarioFiles: [String] {
        let folder = "Scenarios".absoluteFromPackage
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }
            .sorted().map { "\(folder)/\($0)" }
    }

    /// Steps in an epoch, from the file itself: a forward and a backward step per layer, the loss
    /// and the update make 2L + 2 steps a batch; batches of batch_size samples (all by default),
    /// of the samples listed in data or the number a dataset generates (200 by default).
    static func stepsPerEpoch(_ path: String) throws -> Int {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let layers = try #require(json["layers"] as? [Any]).count - 1
        let generated = (json["dataset"] as? [String: Any]).map { $0["samples"] as? Int ?? 200 }
        let samples = try generated ?? #require(json["data"] as? [Any]).count
        let batchSize = json["batch_size"] as? Int ?? samples
        return (2 * layers + 2) * ((samples + batchSize - 1) / batchSize)
    }

    @Test func everyScenarioFileIsFound() {
        #expect(Self.scenarioFiles.count >= 6)
    }

    @Test(arguments: scenarioFiles)
    func firstAndLastStepInBothFormats(_ path: String) throws {
        let last = try Self.stepsPerEpoch(path)
        for step in [1, last] {
            let latex = try NNViewBinary.run(["export", path, "--format", "latex", "--step", "\(step)"])
            #expect(latex.status == 0 && latex.error.isEmpty, "\(path) step \(step): \(latex.error)")
            #expect(latex.output.hasPrefix("\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n"))
            #expect(latex.output.hasSuffix("\\end{document}\n") && latex.output.contains("step \(step) of \(last) "))
            let markdown = try NNViewBinary.run(["export", path, "--format", "markdown", "--step", "\(step)"])
            #expect(markdown.status == 0 && markdown.error.isEmpty, "\(path) step \(step): \(markdown.error)")
            #expect(markdown.output.hasPrefix("# ") && markdown.output.contains("step \(step) of \(last) "))
        }
        let past = try NNViewBinary.run(["export", path, "--format", "markdown", "--step", "\(last + 1)"])
        #expect(past.status == 64 && past.error.contains("expected a whole number from 1 to \(last)\n"), "\(path): \(past.error)")
    }

    @Test func aLaterEpochIsWrittenUp() throws {
        let result = try NNViewBinary.run(["export", "Scenarios/xor.json".absoluteFromPackage, "--format", "markdown",
                                           "--epoch", "300", "--step", "6"])
        #expect(result.status == 0 && result.output.contains("epoch 300 of 5000, step 6 of 6"), "\(result.error)")
        #expect(result.output.contains("after the update"))
    }

    @Test(arguments: ["0", "99", "-3", "7"])
    func aStepOutsideTheEpochIsOneLineNamingTheRange(_ step: String) throws {
        let xor = "Scenarios/xor.json".absoluteFromPackage
        let result = try NNViewBinary.run(["export", xor, "--format", "latex", "--step", step])
        #expect(result.status == 64)
        #expect(result.output.isEmpty)
        #expect(result.error.hasPrefix("nnview: --step: \(step) is not a step of the epoch"), "\(result.error)")
        #expect(result.error.hasSuffix("XOR has 6 steps an epoch, so expected a whole number from 1 to 6\n"), "\(result.error)")
        #expect(result.error.split(separator: "\n").count == 1)
    }

    @Test func stepAndWeightAreRefusedForTheScenarioFormat() throws {
        for option in [["--weight", "v11"], ["--step", "2"]] {
            let result = try NNViewBinary.run(["export", "Scenarios/xor.json".absoluteFromPackage] + option)
            #expect(result.status == 64 && result.output.isEmpty)
            #expect(result.error == "nnview: \(option[0]) applies to --format markdown and latex; "
                    + "--format scenario writes the start of --epoch\n")
        }
    }

    @Test func aWeightTheNetLacksIsNamed() throws {
        let xor = "Scenarios/xor.json".absoluteFromPackage
        let result = try NNViewBinary.run(["export", xor, "--format", "latex", "--weight", "v99"])
        #expect(result.status == 1 && result.output.isEmpty)
        #expect(result.error.hasPrefix("nnview: \(xor): --weight 'v99' is not a weight of this network: "), "\(result.error)")
        #expect(result.error.hasSuffix("; this net's weights are v11…v23, w11…w31, bz1…bz3, by1\n"))
        let chosen = try NNViewBinary.run(["export", xor, "--format", "markdown", "--weight", "v12", "--weight", "w31"])
        #expect(chosen.status == 0)
        let sections = chosen.output.split(separator: "\n").filter { $0.hasPrefix("## The chain rule of ") }
        #expect(sections == ["## The chain rule of $v_{12}$", "## The chain rule of $w_{31}$"])
    }

    @Test func outputIsWrittenWholeAndNotReplacedUnasked() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-handout-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("step.tex").path, keep = folder.appendingPathComponent("keep.tex").path
        let xor = "Scenarios/xor.json".absoluteFromPackage
        let first = try NNViewBinary.run(["export", xor, "--format", "latex", "--step", "1", "--output", path])
        #expect(first.status == 0 && first.output.isEmpty && first.error.isEmpty, "\(first.error)")
        let expected = try NNViewBinary.run(["export", xor, "--format", "latex", "--step", "1"]).output
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected)
        let again = try NNViewBinary.run(["export", xor, "--format", "latex", "--step", "2", "--output", path])
        #expect(again.status == 1)
        #expect(again.error == "nnview: --output: \(path) exists; choose another name, or add --force to replace it\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == expected, "the first file is untouched")
        // A second name for the old file: written in place, it would change too; renamed over, it keeps the old text.
        #expect(link(path, keep) == 0)
        let forced = try NNViewBinary.run(["export", xor, "--format", "latex", "--step", "2", "--output", path, "--force"])
        #expect(forced.status == 0, "\(forced.error)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("step 2 of 6"))
        #expect(try String(contentsOfFile: keep, encoding: .utf8) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["keep.tex", "step.tex"],
                "no temporary file is left")
    }
}
