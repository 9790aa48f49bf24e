import Foundation
import Testing
@testable import NNCore

/// A Σ over an index that no name uses sums over the batch's samples: the formula is ∂J/∂w
/// itself, compared once with it.
@Suite struct CheckerBatchSumTests {
    static func message(_ file: String, _ formula: String) throws -> String {
        do {
            _ = try SeedScenarioTests.check(file, weight: "w1", formula: formula, epochs: [0])
            return ""
        } catch {
            return "\(error)"
        }
    }

    /// Seed 003 (m = 6, mean): (1/m)·Σ_s (ŷ − y)·X1 is the mean itself.
    @Test func aMeanWrittenAsASumIsTheBatchGradient() throws {
        for formula in ["(1/m)·Σ_s (ŷ - y)·X1", "(1/m)·Σ_{i=1}^{m} (ŷ - y)·X1", "Σ_n (ŷ - y)·X1/m", "(1/m)·∑_{s} (z − y) X_1"] {
            let checks = try SeedScenarioTests.check("logistic-regression.json", weight: "w1", formula: formula)
            #expect(checks.allSatisfy { $0.isCorrect && $0.form == .batch }, "\(formula): \(checks.map(\.hint))")
        }
        let check = try SeedScenarioTests.check("logistic-regression.json", weight: "w1", formula: "(1/m)·Σ_s (ŷ - y)·X1", epochs: [0])[0]
        // Compared once: the value is the mean of the samples' (ŷ − y)·X1, not summed again.
        let scenario = try SeedScenarioTests.load("logistic-regression.json")
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        let mean = record.sampleRange.map { (record.out[0][$0 - record.sampleRange.lowerBound][0] - scenario.samples[$0].y[0]) * scenario.samples[$0].x[0] }
            .reduce(0, +) / Double(record.sampleCount)
        #expect(abs(check.points[0].formulaValue - mean) < 1e-12)
        #expect(CheckReport.lines(check, symbol: "w₁")[0] == "✓ correct: (1/m)·Σ_s (ŷ - y)·X1 gives ∂J/∂w₁, the mean over the batch, at all 5 points")
        #expect(CheckReport.json(check, weightName: "w1").text.contains(#""form":"batch""#))
        // A caller that insists on ∂J/∂w accepts it; one that wants ∂E/∂w for one sample does not.
        let id = WeightID(layer: 0, from: 0, to: 0)
        #expect(try DerivationChecker.check("(1/m)·Σ_s (ŷ - y)·X1", weight: id, scenario: scenario, record: record, expecting: .batchShare).isCorrect)
        #expect(try !DerivationChecker.check("(1/m)·Σ_s (ŷ - y)·X1", weight: id, scenario: scenario, record: record, expecting: .perSample).isCorrect)
    }

    @Test func batchSumsGetTheMeansHints() throws {
        let missing = try SeedScenarioTests.check("logistic-regression.json", weight: "w1", formula: "Σ_s (ŷ - y)·X1")
        #expect(missing.allSatisfy { !$0.isCorrect && $0.hint?.mistakes == [.missingMean] })
        let sign = try SeedScenarioTests.check("logistic-regression.json", weight: "w1", formula: "(1/m)·Σ_s (y - ŷ)·X1")
        #expect(sign.allSatisfy { $0.hint?.mistakes == [.sign] })
        let extra = try SeedScenarioTests.check("logistic-regression.json", weight: "w1", formula: "Σ_s (ŷ - y)·X1/m^2")
        #expect(extra.allSatisfy { $0.hint?.mistakes == [.extraMean] })
        // Seed 000's sum over outputs inside a sum over samples; one output only is missing_sum.
        let outputs = try SeedScenarioTests.check("two-outputs.json", weight: "v11", formula: "(1/m)·Σ_s Σ_k (Y_k − Q_k)·W_1k·X1·Z1(1 − Z1)")
        #expect(outputs.allSatisfy { $0.form == .batch })
        let one = try SeedScenarioTests.check("two-outputs.json", weight: "v11", formula: "(1/m)·Σ_s (Y1 − Q1)·W11·X1·Z1(1 − Z1)")
        #expect(one.allSatisfy { $0.mistake == .missingSum })
    }

    /// The sample index on the names, or a sample's value outside the sum, is an error that says how to write it.
    @Test func sampleIndexedNamesGetAdvice() throws {
        let indexed = try Self.message("logistic-regression.json", "(1/m)·Σ_i (ŷ_i - y_i)·X_i")
        #expect(indexed.contains("to sum over the batch's samples, write the index on no name"), "\(indexed)")
        let bounded = try Self.message("logistic-regression.json", "(1/m)·Σ_{i=1}^{m} (ŷ_i - y_i)·X1")
        #expect(bounded.hasPrefix("Σ_{i=1}^{m} sums over the batch's samples"), "\(bounded)")
        let outside = try Self.message("logistic-regression.json", "X1·(1/m)·Σ_s (ŷ - y)")
        #expect(outside.hasPrefix("'X1' at column 1 is outside the sum over the batch's samples"), "\(outside)")
        // Weights and m do not depend on the sample: they may stand outside.
        #expect(try Self.message("logistic-regression.json", "w1·0 + (1/m)·Σ_s (ŷ - y)·X1").isEmpty)
    }
}
