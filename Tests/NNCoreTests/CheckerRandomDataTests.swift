import Foundation
import Testing
@testable import NNCore

/// The random test points vary the data as well as the parameters, so that a term of the loss
/// that the scenario's own data switches off (y = 1, one-hot targets) is still tested.
@Suite struct CheckerRandomDataTests {
    static func check(_ file: String, _ weight: String, _ formula: String) throws -> DerivationCheck {
        let scenario = try SeedScenarioTests.load(file)
        let id = try WeightID.parse(weight, layerSizes: scenario.layerSizes, notation: scenario.notation)
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        return try DerivationChecker.check(formula, weight: id, scenario: scenario, record: record)
    }

    /// Seed 002 has one sample with y = 1: a flipped (1 − y)/(1 − ŷ) term is 0 there, and only
    /// random targets below 1 expose it.
    @Test func aFlippedBCETermIsCaughtWhenTheOnlyTargetIs1() throws {
        let flipped = try Self.check("one-hidden.json", "W[2]21", "-(y/ŷ + (1-y)/(1-ŷ))·ŷ(1-ŷ)·A[1]2")
        #expect(!flipped.isCorrect && flipped.mistake == .bceTermSign, "\(flipped.points)")
        #expect(try Self.check("one-hidden.json", "W[2]21", "-(y/ŷ - (1-y)/(1-ŷ))·ŷ(1-ŷ)·A[1]2").isCorrect)
        // The current values' point stays first, with the scenario's own data.
        let scenario = try SeedScenarioTests.load("one-hidden.json")
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        #expect(flipped.points[0].gradient == record.weightGradients[1][1])
    }

    /// Softmax with one-hot targets: −Q₁(1 − Y₁) equals Y₁ − Q₁ when Q = (1, 0) and Y₁ + Y₂ = 1.
    @Test func softmaxAsSigmoidsIsCaughtWithOneHotData() throws {
        for (weight, formula) in [("w11", "-(Q1/Y1)*Y1*(1-Y1)*Z1"), ("w12", "-(Q2/Y2)*Y2*(1-Y2)*Z1"),
                                  ("v11", "Σ_k -(Q_k/Y_k) Y_k(1-Y_k) W_1k X_1 Z_1(1 − Z_1)")] {
            let check = try Self.check("two-outputs-softmax.json", weight, formula)
            #expect(!check.isCorrect && check.mistake == .softmaxAsSigmoid, "\(weight): \(String(describing: check.hint))")
        }
        #expect(try Self.check("two-outputs-softmax.json", "w12", "(Y2 - Q2)*Z1").isCorrect)
    }

    /// A minus between the two output paths is not the (1 − y)/(1 − ŷ) term's sign.
    @Test func aMinusBetweenPathsIsNotTheBCETermSign() throws {
        let formula = "(Y1-Q1)*W11*X1*Z1*(1-Z1) - (Y2-Q2)*W12*X1*Z1*(1-Z1)"
        let check = try Self.check("two-outputs.json", "v11", formula)
        #expect(!check.isCorrect && check.mistake != .bceTermSign, "\(String(describing: check.hint))")
    }

    /// The drawn data: inputs within the data's scale and not the batch's own; BCE targets in
    /// [0, 1] with 0, 1 and values between among them; softmax targets probability vectors.
    @Test func randomDataIsValidForTheLoss() throws {
        let oneHidden = try SeedScenarioTests.load("one-hidden.json")
        let weight = WeightID(layer: 1, from: 1, to: 0)
        let points = RandomPoints(for: weight, scenario: oneHidden, batch: 0, count: 4, maximumDraws: 24)
        #expect(points.records.count == 4)
        let targets = points.records.flatMap { _, record in record.sampleRange.map { points.scenario.samples[$0].y[0] } }
        #expect(targets.allSatisfy { (0...1).contains($0) })
        #expect(targets.contains(0) && targets.contains(1) && targets.contains { $0 > 0 && $0 < 1 }, "\(targets)")
        let scale = oneHidden.samples.flatMap(\.x).map(abs).max()!
        for (_, record) in points.records {
            let x = points.scenario.samples[record.sampleRange.lowerBound].x
            #expect(x != oneHidden.samples[0].x && x.allSatisfy { abs($0) <= scale }, "\(x)")
        }
        let softmax = try SeedScenarioTests.load("two-outputs-softmax.json")
        let softmaxPoints = RandomPoints(for: WeightID(layer: 1, from: 0, to: 0), scenario: softmax, batch: 0, count: 4, maximumDraws: 24)
        for (_, record) in softmaxPoints.records {
            for s in record.sampleRange {
                let y = softmaxPoints.scenario.samples[s].y
                #expect(abs(y.reduce(0, +) - 1) < 1e-12 && y.allSatisfy { $0 > 0 && $0 < 1 }, "\(y)")
            }
        }
    }
}
