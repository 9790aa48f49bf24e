import Foundation
import Testing

/// A learning rate far too large is a classic lesson: the loss overflows to ∞ and then NaN.
/// The viewer must keep showing it, never crash.
@Suite struct DivergenceTests {
    /// y = w·x with mse and η = 100: |w| grows about 600-fold per epoch, overflowing near epoch 57.
    static let scenario = #"""
    {"name": "Too large a step", "layers": [{"units": 1}, {"units": 1, "activation": "linear", "weights": [[1.0]], "biases": [0]}],
     "loss": "mse", "learning_rate": 100, "epochs": 500, "data": [{"x": [3], "y": [1]}, {"x": [-2], "y": [0]}]}
    """#

    static func writeScenario() throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-diverging-\(UUID()).json")
        try scenario.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func theScreenShowsTheOverflowInsteadOfCrashing() throws {
        let file = try Self.writeScenario()
        defer { try? FileManager.default.removeItem(at: file) }
        for epoch in ["57", "58", "100", "500"] {
            let result = try NNViewBinary.run(["screen", file.path, "--keys", "g\(epoch){Enter}{End}"])
            #expect(result.status == 0, "epoch \(epoch): \(result.error)")
            #expect(result.output.contains("epoch 500/500"))
            #expect(result.output.contains("NaN") || result.output.contains("∞"), "epoch \(epoch)")
        }
    }

    @Test func theChartMarksEpochsWhoseLossIsNotFinite() throws {
        let file = try Self.writeScenario()
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try NNViewBinary.run(["screen", file.path, "--keys", "g100{Enter}"])
        #expect(result.status == 0)
        // Epochs 1…99 are history; the later ones overflowed, and their columns show "!".
        #expect(result.output.contains("!!!"))
        #expect(result.output.contains("∞/NaN"))
    }

    @Test func theNumericCheckSaysWhenItCannotJudge() throws {
        let file = try Self.writeScenario()
        defer { try? FileManager.default.removeItem(at: file) }
        // Epoch 100's backward step: the gradient is finite (about −2.5e279), the loss around it is not.
        let result = try NNViewBinary.run(["screen", file.path, "--keys", "g100{Enter}nn"])
        #expect(result.status == 0)
        #expect(result.output.contains("not possible here, the loss is not finite"))
        #expect(!result.output.contains("✗ differs"))
    }
}
