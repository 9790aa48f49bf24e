import Foundation
import Testing
@testable import NNCore
@testable import NNTerminal

/// `x` writes the current step as a Markdown handout into the folder it is given, never over a file.
@Suite struct HandoutKeyTests {
    func scenario(_ file: String) throws -> Scenario { try ScenarioFiles.load(file) }

    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "nnview-handout-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func press(_ keys: String, in state: ViewerState) throws -> ViewerState {
        try KeyScript.parse(keys).reduce(state) { $0.updated(with: .key($1)) }
    }

    @Test func xWritesTheStepAndNeverReplacesAFile() throws {
        let directory = try folder()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let start = ViewerState(scenario: try scenario("two-outputs.json"), options: .init(exportDirectory: directory))
            .updated(with: .key(.resize(width: 120, height: 40)))
        // Step 5 of 6 is the hidden layer's backward step.
        let state = try press("nnnnx", in: start)
        let first = directory + "/two-outputs-epoch1-step5.md"
        #expect(state.message == "wrote this step's handout to \(first) (Markdown)")
        let text = try String(contentsOfFile: first, encoding: .utf8)
        #expect(text.hasPrefix("# Two sigmoid outputs (seed 000): Backward · hidden layer Z\n"))
        // Seed 000 by hand: δᶻ₁ = (δʸ₁·w₁₁ + δʸ₂·w₁₂)·Z₁(1 − Z₁) with Z₁ = σ(0.3775).
        let z1 = 1 / (1 + exp(-0.3775)), z2 = 1 / (1 + exp(-0.3925))
        let y1 = 1 / (1 + exp(-(z1 * 0.4 + z2 * 0.45 + 0.6))), y2 = 1 / (1 + exp(-(z1 * 0.5 + z2 * 0.55 + 0.6)))
        let delta = ((y1 - 1) * 0.4 + (y2 - 0) * 0.5) * z1 * (1 - z1)
        #expect(text.contains(String(format: "- $\\delta^{z}_{1} = \\frac{\\partial E}{\\partial Z_{1}} \\cdot Z_{1}(1 - Z_{1}) = %.4f \\cdot %.4f = %.4f$",
                                     (y1 - 1) * 0.4 + y2 * 0.5, z1 * (1 - z1), delta)))
        // The selected weight's chain rule comes first.
        #expect(text.contains("## The chain rule of $v_{11}$"))

        let again = try press("x", in: state)
        #expect(again.message == "wrote this step's handout to \(directory)/two-outputs-epoch1-step5-2.md (Markdown)")
        #expect(try String(contentsOfFile: first, encoding: .utf8) == text)
    }

    @Test func aFolderThatCannotBeWrittenSaysSo() throws {
        let start = ViewerState(scenario: try scenario("xor.json"), options: .init(exportDirectory: "/nonexistent-nnview-folder"))
            .updated(with: .key(.resize(width: 120, height: 40)))
        let state = try press("x", in: start)
        #expect(state.message?.hasPrefix("the handout was not written: cannot write /nonexistent-nnview-folder/xor-epoch1-step1.md") == true)
    }
}
