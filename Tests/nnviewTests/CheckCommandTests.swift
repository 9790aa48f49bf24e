import Foundation
import Testing

/// `nnview check` on the command line: verdicts, labels and exit statuses.
@Suite struct CheckCommandTests {
    @Test func noComparablePointIsAnErrorThatSaysSo() throws {
        let scenario = try TemporaryScenario("""
        {"layers": [{"units": 1}, {"units": 1, "activation": "linear"}], "loss": "mse", "learning_rate": 0.1, "epochs": 3,
         "data": [{"x": [1e300], "y": 0}]}
        """)
        defer { scenario.remove() }
        let result = try NNViewBinary.run(["check", scenario.path, "--formula", "(Y-Q)*X1"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error == "nnview: --formula: cannot judge it: ∂J/∂w₁ is not finite at any of the 5 points (at epoch 1 and 4 random parameter settings)\n")
    }

    @Test func aDivergedRunDoesNotMakeACorrectFormulaWrong() throws {
        let scenario = try TemporaryScenario("""
        {"layers": [{"units": 2},
          {"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.25], [0.20, 0.30]], "biases": [0.35, 0.35]},
          {"units": 2, "activation": "linear", "weights": [[0.40, 0.50], [0.45, 0.55]], "biases": [0.60, 0.60]}],
         "loss": "mse", "learning_rate": 100, "epochs": 500, "data": [{"x": [0.05, 0.10], "y": [1, 0]}]}
        """)
        defer { scenario.remove() }
        let result = try NNViewBinary.run(["check", scenario.path, "--epoch", "400", "--weight", "w11", "--formula", "(Y1-Q1)*Z1"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("✓ correct: (Y1-Q1)*Z1 gives ∂J/∂w₁₁ at all 4 points where it is finite (1 skipped)\n"))
        #expect(result.output.contains("skipped, ∂J/∂w₁₁ = NaN is not finite here"))
    }

    @Test func thePointIsLabelledWithItsEpoch() throws {
        let formula = "(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)"
        let later = try NNViewBinary.run(["check", "--epoch", "50", "--formula", formula])
        #expect(later.status == 0)
        #expect(later.output.split(separator: "\n")[1].hasPrefix("  ✓ at epoch 50: formula "))
        #expect(!later.output.contains("current values"))
        let first = try NNViewBinary.run(["check", "--formula", formula, "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(first.output.utf8)) as? [String: Any])
        let points = try #require(json["points"] as? [[String: Any]])
        #expect(points.first?["label"] as? String == "at epoch 1")
    }
}
