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
