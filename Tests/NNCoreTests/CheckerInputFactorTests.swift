import Foundation
import Testing
@testable import NNCore

/// With the data varied, a wrong input factor is named instead of passing for a constant factor,
/// and the output's σ′ left out of a cross-entropy net's dA is named.
@Suite struct CheckerInputFactorTests {
    @Test func aWrongOrMissingInputIsNamed() throws {
        let other = try SeedScenarioTests.check("logistic-regression.json", weight: "w1", formula: "(ŷ - y)·X2/m")
        #expect(other.allSatisfy { $0.mistake == .inputFactor && $0.hint?.text.hasPrefix("the input factor differs: X₂ where the path has X₁") == true })
        let missing = try SeedScenarioTests.check("logistic-regression.json", weight: "w1", formula: "(ŷ - y)/m")
        #expect(missing.allSatisfy { $0.mistake == .inputFactor && $0.hint?.text.hasPrefix("the input factor X₁ is missing") == true })
        let hidden = try SeedScenarioTests.check("two-outputs.json", weight: "v11", formula: "Σ_k (Y_k − Q_k)·W_1k·X2·Z1(1 − Z1)")
        #expect(hidden.allSatisfy { $0.mistake == .inputFactor && $0.mistake != .constantFactor })
    }

    /// Seed 001: dA[3] = −(y/a − (1 − y)/(1 − a)) used as if it were dZ[3].
    @Test func theOutputsDerivativeMissingFromDA() throws {
        let formula = "-(y1/A[3]1 - (1-y1)/(1-A[3]1))·W[3]11·A[2]1(1-A[2]1)·A[1]1/m"
        let checks = try SeedScenarioTests.check("last-layer.json", weight: "W[2]11", formula: formula)
        #expect(checks.allSatisfy { $0.mistake == .activationDerivative && $0.hint?.text.contains("layer 3 (A[3])") == true })
        #expect(try SeedScenarioTests.check("last-layer.json", weight: "W[2]11", formula: "(A[3]1 - y1)·W[3]11·A[2]1(1-A[2]1)·A[1]1/m")
            .allSatisfy(\.isCorrect))
    }
}
