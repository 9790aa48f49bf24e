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

    /// ∂E/∂w for one sample is right (exit 0), and the JSON says which reading matched.
    @Test func perSampleFormulasPassAndSaySo() throws {
        let text = try NNViewBinary.run(["check", "Scenarios/logistic-regression.json".absoluteFromPackage, "--weight", "w2", "--formula", "(Y1-Q1)*X2"])
        #expect(text.status == 0, "\(text.error)")
        #expect(text.output.hasPrefix("✓ correct as ∂E/∂w₂ for one sample; ∂J/∂w₂ is their mean over the batch, (1/m)·Σₛ\n"))
        let result = try NNViewBinary.run(["check", "Scenarios/logistic-regression.json".absoluteFromPackage, "--weight", "w2",
                                           "--formula", "(Y1-Q1)*X2", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "correct" && json["form"] as? String == "per_sample")
        #expect(json["tested_points"] as? Int == 5 && json["samples"] as? Int == 6)
    }

    /// A wrong formula's JSON carries the mistakes as codes and the hint.
    @Test func mistakesAreCodesInJSON() throws {
        let result = try NNViewBinary.run(["check", "Scenarios/logistic-regression.json".absoluteFromPackage, "--weight", "w1",
                                           "--formula", "(y - ŷ)·X1/m/m", "--format", "json"])
        #expect(result.status == 3)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["verdict"] as? String == "wrong" && json["form"] is NSNull)
        #expect(json["mistake"] as? String == "sign" && json["mistakes"] as? [String] == ["sign", "extra_mean"])
        #expect((json["hint"] as? String)?.hasPrefix("the sign is flipped and there is an extra 1/m: ") == true)
    }

    /// Issue 9 item 3: a sum bound at Int's limit is a clear error, not a crash, and sums side by
    /// side are not counted as nested.
    @Test func hugeSumBoundsAndSideBySideSums() throws {
        let huge = try NNViewBinary.run(["check", "--formula", "sum(k,0,9223372036854775807,1)"])
        #expect(huge.status == 1)
        #expect(huge.error == "nnview: --formula: the sums have more than 10000 terms in all\n  sum(k,0,9223372036854775807,1)\n  ^\n")
        let sideBySide = try NNViewBinary.run(["check", "--formula", "sum(k,1,100,1)+sum(j,1,101,1)"])
        #expect(sideBySide.status == 3, "a wrong formula, not an error: \(sideBySide.error)")
        #expect(sideBySide.output.contains("formula 201.0000"))
    }

    /// Seed 000's formula, typed as its question writes it.
    @Test func seed000AsWritten() throws {
        let result = try NNViewBinary.run(["check", "--weight", "v11", "--formula", "Σ_k (Y_k − Q_k)·W_1k·X1·Z1(1 − Z1)"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output.hasPrefix("✓ correct: Σ_k (Y_k − Q_k)·W_1k·X1·Z1(1 − Z1) gives ∂J/∂v₁₁ at all 5 points\n"))
    }
}
