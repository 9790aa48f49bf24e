import Foundation
import Testing

/// Arguments and files that looked like something else: a key script that starts with '-', and
/// scenario paths that are devices or pipes.
@Suite struct InputHardeningTests {
    @Test func aKeyScriptMayStartWithAMinus() throws {
        // '-' slows autoplay; "-n" used to be taken for a flag and refused as a usage error.
        let separate = try NNViewBinary.run(["screen", "--keys", "-n", "--width", "100", "--height", "30"])
        #expect(separate.status == 0, "\(separate.error)")
        #expect(separate.error.isEmpty)
        let joined = try NNViewBinary.run(["screen", "--keys=-n", "--width", "100", "--height", "30"])
        #expect(joined.status == 0)
        #expect(separate.output == joined.output)
        let untouched = try NNViewBinary.run(["screen", "--width", "100", "--height", "30"])
        #expect(untouched.output != separate.output, "the keys were pressed")
        #expect(separate.output.contains("step 2/6"))
        let alone = try NNViewBinary.run(["screen", "--keys", "-", "--width", "100", "--height", "30"])
        #expect(alone.status == 0, "\(alone.error)")
    }

    @Test func devicesAndPipesGetAMessageThatFitsThem() throws {
        let zero = try NNViewBinary.run(["trace", "/dev/zero"])
        #expect(zero.status == 1)
        #expect(zero.output.isEmpty)
        #expect(zero.error == "nnview: /dev/zero: is a character device, not a scenario file (JSON)\n")
        let null = try NNViewBinary.run(["train", "/dev/null"])
        #expect(null.status == 1)
        #expect(null.error == "nnview: /dev/null: is empty (it is /dev/null), expected a scenario (a JSON object)\n")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("scenario.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let pipe = try NNViewBinary.run(["explain", fifo])
        #expect(pipe.status == 1)
        #expect(pipe.error == "nnview: \(fifo): is a pipe that gave nothing to read (is anything writing to it?), expected a scenario (JSON)\n")
    }
}
