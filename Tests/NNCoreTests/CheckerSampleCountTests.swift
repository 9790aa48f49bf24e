import Foundation
import Testing
@testable import NNCore

/// ∂E⁽ˢ⁾/∂w for one sample cannot depend on m: a formula that reads m is only accepted per
/// sample if it gives the same values with another m.
@Suite struct CheckerSampleCountTests {
    /// Seed 001 (m = 2): 2(a − y)·A/m equals (a − y)·A at m = 2 only.
    @Test func aFormulaWithMIsNotOneSamplesGradient() throws {
        let checks = try SeedScenarioTests.check("last-layer.json", weight: "W[3]11", formula: "2(A[3]1 - y1)·A[2]1/m")
        for check in checks {
            #expect(!check.isCorrect && check.form == nil, "\(check.points)")
            #expect(check.mistake == .constantFactor, "\(String(describing: check.hint))")
            #expect(check.hint?.text.hasPrefix("at every sample it is 2.0000 times one sample's share (1/m)·∂E/∂w") == true,
                    "\(String(describing: check.hint?.text))")
        }
        // Right readings stay right: the share with its 1/m, and ∂E/∂w without m.
        #expect(try SeedScenarioTests.check("last-layer.json", weight: "W[3]11", formula: "(A[3]1 - y1)·A[2]1/m")
            .allSatisfy { $0.form == .batchShare })
        #expect(try SeedScenarioTests.check("last-layer.json", weight: "W[3]11", formula: "(A[3]1 - y1)·A[2]1·m/m")
            .allSatisfy { $0.form == .perSample })
    }

    /// On a squared-error net the same slip is the lost ½, whatever m is.
    @Test func twiceTheShareOnSquaredErrorIsTheMissingHalf() throws {
        let scenario = try TestScenarios.decode(CheckerTutorTests.sigmoidMSE)
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        let w11 = WeightID(layer: 1, from: 0, to: 0)
        for formula in ["2(Y1 − Q1)·Y1(1 − Y1)·Z1/m", "2(Y1 − Q1)·Y1(1 − Y1)·Z1"] {
            let check = try DerivationChecker.check(formula, weight: w11, scenario: scenario, record: record)
            #expect(!check.isCorrect && check.hint?.mistakes == [.missingHalf], "\(formula): \(String(describing: check.hint))")
        }
        // With one sample (seed 002's net has one), 2·share is the same slip, and g/m is right.
        let oneSample = try SeedScenarioTests.check("one-hidden.json", weight: "W[2]21", formula: "2(σ - y)·A[1]2/m")
        #expect(oneSample.allSatisfy { $0.mistake == .constantFactor && $0.hint?.factor.map { abs($0 - 2) < 1e-9 } == true })
        #expect(try SeedScenarioTests.check("one-hidden.json", weight: "W[2]21", formula: "(σ - y)·A[1]2/m").allSatisfy(\.isCorrect))
    }
}
