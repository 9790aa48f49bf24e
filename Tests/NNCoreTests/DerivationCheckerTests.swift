import Foundation
import Testing
@testable import NNCore

/// How the checker judges a formula when some points cannot judge it.
@Suite struct DerivationCheckerTests {
    /// Seed 000's net with linear outputs, mse and η = 100: by epoch 400 the run has diverged
    /// and every gradient is NaN.
    static let diverging = """
    {"layers": [{"units": 2},
      {"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.25], [0.20, 0.30]], "biases": [0.35, 0.35]},
      {"units": 2, "activation": "linear", "weights": [[0.40, 0.50], [0.45, 0.55]], "biases": [0.60, 0.60]}],
     "loss": "mse", "learning_rate": 100, "epochs": 500,
     "data": [{"x": [0.05, 0.10], "y": [1, 0]}]}
    """

    /// An input so large that ∂J/∂w overflows at any parameters.
    static let overflowing = """
    {"layers": [{"units": 1}, {"units": 1, "activation": "linear"}], "loss": "mse", "learning_rate": 0.1, "epochs": 3,
     "data": [{"x": [1e300], "y": 0}]}
    """

    let w11 = WeightID(layer: 1, from: 0, to: 0)

    @Test func aNonFiniteGradientIsSkippedNotCountedAgainstTheFormula() throws {
        let scenario = try TestScenarios.decode(Self.diverging)
        let record = TrainingRun(scenario: scenario).record(epoch: 399, batch: 0)
        let check = try DerivationChecker.check("(Y1-Q1)*Z1", weight: w11, scenario: scenario, record: record)
        #expect(check.points[0].isSkipped && check.points[0].gradient.isNaN)
        #expect(check.comparablePoints.count == 4)
        #expect(check.isCorrect, "\(check.points)")
        let lines = CheckReport.lines(check, symbol: "w₁₁")
        #expect(lines[0] == "✓ correct: (Y1-Q1)*Z1 gives ∂J/∂w₁₁ at all 4 points where it is finite (1 skipped)")
        #expect(lines[1] == "  – current values: skipped, ∂J/∂w₁₁ = NaN is not finite here (formula NaN)")
        // A wrong formula is still wrong on the remaining points.
        let wrong = try DerivationChecker.check("(Y1-Q1)*Z2", weight: w11, scenario: scenario, record: record)
        #expect(!wrong.isCorrect && wrong.isComparable)
        let json = CheckReport.json(check, weightName: "w11").text
        #expect(json.contains(#""correct":true"#) && json.contains(#""skipped":true"#))
    }

    @Test func noComparablePointMeansNoVerdict() throws {
        let scenario = try TestScenarios.decode(Self.overflowing)
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        let check = try DerivationChecker.check("(Y-Q)*X1", weight: WeightID(layer: 0, from: 0, to: 0), scenario: scenario, record: record)
        #expect(!check.isComparable && !check.isCorrect)
        #expect(check.mistake == nil)
        #expect(CheckReport.lines(check, symbol: "w₁")[0] == "? cannot judge (Y-Q)*X1: ∂J/∂w₁ is not finite at any of the 5 points")
    }
}
