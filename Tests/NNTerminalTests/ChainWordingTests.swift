import Foundation
import Testing
@testable import NNCore
@testable import NNTerminal

/// What the chain-rule panel says where a plain reading would mislead.
@Suite struct ChainWordingTests {
    func open(_ json: String, keys: String, width: Int = 120, height: Int = 40) throws -> ViewerState {
        let scenario = try ScenarioDecoder.decode(Data(json.utf8), file: "wording.json")
        let sized = ViewerState(scenario: scenario).updated(with: .key(.resize(width: width, height: height)))
        return try KeyScript.parse(keys).reduce(sized) { $0.updated(with: .key($1)) }
    }

    /// σ(800) is exactly 1 in Doubles, so with Q = 0 the loss's derivative −(Q/Y − (1 − Q)/(1 − Y))
    /// divides by 0: ∞; σ′ = Y(1 − Y) = 0. The path's product is the exact δ = Y − Q = 1 times the input.
    @Test func anOverflowingFactorBesideAFiniteProductIsExplained() throws {
        let json = #"""
        {"layers": [{"units": 1}, {"units": 1, "activation": "sigmoid", "weights": [[400]], "biases": [0]}],
         "loss": "binary_cross_entropy", "learning_rate": 0.1, "epochs": 2, "data": [{"x": [2], "y": [0]}]}
        """#
        let state = try open(json, keys: "nn")
        let text = Renderer.render(state, width: 120, height: 40).text
        #expect(text.contains("∂E/∂Y₁") && text.contains("= ∞"))
        #expect(text.contains("∂E/∂Y₁ = ∞ because the output is so close to 0 or 1 that the unsimplified form overflows;"))
        #expect(text.contains("δ = Y₁ − Q₁ = 1.0000"))
        // ∂J/∂w₁ = δ·X₁ = 1·2.
        #expect(text.contains("∂J/∂w₁ = 2.0000"))
    }

    @Test func everySampleHasItsSimplification() throws {
        // Logistic regression, batch of 2: Y = σ(w·x + b) with w = 1, b = 0.
        let json = #"""
        {"layers": [{"units": 1}, {"units": 1, "activation": "sigmoid", "weights": [[1]], "biases": [0]}],
         "loss": "binary_cross_entropy", "learning_rate": 0.1, "epochs": 2, "data": [{"x": [0], "y": [1]}, {"x": [2], "y": [0]}]}
        """#
        let state = try open(json, keys: "nn", width: 80, height: 24)
        let content = ChainPanel.content(state, canvas: Canvas(grid: Grid(width: 80, height: 24), theme: Theme(color: false), ascii: false),
                                         width: 76)
        // δ⁽¹⁾ = σ(0) − 1 = −0.5; δ⁽²⁾ = σ(2) − 0.
        let second = String(format: "%.4f", 1 / (1 + exp(-2.0)))
        #expect(content.simplifications.map(\.0) == ["∂E/∂Y₁ · ∂Y₁/∂net₁ = Y₁ − Q₁: s1 −0.5000, s2 \(second)"])
    }
}

/// `M`: the step as matrices, whose product is the gradient shown.
@Suite struct MatrixViewTests {
    @Test func theBackwardStepIsAProductOfTheMatricesShown() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/logistic-regression.json")
        let scenario = try ScenarioDecoder.decode(Data(contentsOf: url), file: "logistic-regression.json")
        let state = try KeyScript.parse("nnM").reduce(ViewerState(scenario: scenario).updated(with: .key(.resize(width: 120, height: 40)))) {
            $0.updated(with: .key($1))
        }
        #expect(state.mode == .matrices)
        let lines = MatrixView.lines(state, ascii: false)
        #expect(lines.contains("∂J/∂W = Xᵀ·δ / 6   (2×1 = 2×6 · 6×1)"))
        #expect(lines.contains("∂J/∂Wᵀ = δᵀ·X / 6   (1×2 = 1×6 · 6×2)"))
        // Xᵀ·δ / 6 by hand from the samples' inputs and the deltas Y − Q.
        let record = state.derived.step.record
        for i in 0..<2 {
            let sum = (0..<6).reduce(0.0) { $0 + scenario.samples[$1].x[i] * (record.out[0][$1][0] - scenario.samples[$1].y[0]) } / 6
            let text = String(format: "%.4f", sum).replacingOccurrences(of: "-", with: "−")
            #expect(lines.contains { $0.hasPrefix("[ \(text) ]") || $0.hasPrefix("[ \(text)  ") || $0.contains("[ \(text)  ") }, "row \(i): \(text)")
        }
        let rendered = Renderer.render(state, width: 120, height: 40).text
        #expect(rendered.contains("Matrices · Backward"))
    }
}

/// Seed 001: with room, each unit shows dA = ∂E/∂A beside its dZ (δ), the output's from the
/// loss and the hidden layer's from the layer above.
@Suite struct DAInTheDiagramTests {
    @Test func tallBoxesShowDABesideTheDelta() throws {
        let state = try KeyScript.parse("nnnn").reduce(ViewerState(scenario: ScenarioDecoder.defaultScenario)
            .updated(with: .key(.resize(width: 200, height: 60)))) { $0.updated(with: .key($1)) }
        let text = Renderer.render(state, width: 200, height: 60).text
        // Seed 000 by hand: ∂E/∂Y₁ = −(1/Y₁) with Q₁ = 1, Y₁ = σ(Z₁·0.4 + Z₂·0.45 + 0.6).
        let z1 = 1 / (1 + exp(-0.3775)), z2 = 1 / (1 + exp(-0.3925))
        let y1 = 1 / (1 + exp(-(z1 * 0.4 + z2 * 0.45 + 0.6))), y2 = 1 / (1 + exp(-(z1 * 0.5 + z2 * 0.55 + 0.6)))
        let dA = String(format: "dA %.4f", (y1 - 1) * 0.4 + y2 * 0.5)
        #expect(text.contains(dA), "the hidden unit's dA from the layer above")
        #expect(text.contains("dA −1.3"), "the output's dA from the loss: \(-1 / y1)")
        #expect(text.contains("δ 0.0693"))
    }
}
