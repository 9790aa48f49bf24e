import Foundation
import Testing
@testable import NNCore

/// Each file in Scenarios/ answers one seed question: its formula, typed as a student would, is
/// checked against the engine's gradient at several steps of training (and at random parameters).
@Suite struct SeedScenarioTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Scenarios")

    static func load(_ name: String) throws -> Scenario {
        try ScenarioDecoder.load(path: directory.appendingPathComponent(name).path)
    }

    /// Checks `formula` for `weight` at the first batch of several epochs.
    static func check(_ file: String, weight: String, formula: String, epochs: [Int] = [0, 7, 40]) throws -> [DerivationCheck] {
        let scenario = try load(file)
        let id = try WeightID.parse(weight, layerSizes: scenario.layerSizes, notation: scenario.notation)
        let run = TrainingRun(scenario: scenario)
        return try epochs.filter { $0 < scenario.epochs }.map { epoch in
            try DerivationChecker.check(formula, weight: id, scenario: scenario, record: run.record(epoch: epoch, batch: 0))
        }
    }

    @Test func everyScenarioFileLoadsAndLearns() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files == ["last-layer.json", "logistic-regression.json", "one-hidden.json", "two-outputs-softmax.json", "two-outputs.json", "xor.json"])
        for file in files {
            let scenario = try Self.load(file)
            #expect(!scenario.description.isEmpty, "\(file) states its question")
            let start = Kernel(scenario: scenario).datasetLoss()
            let trained = TrainReport(scenario: scenario)
            #expect(trained.finalLoss < start / 5, "\(file): loss \(start) → \(trained.finalLoss)")
        }
    }

    @Test func seed000SumOverBothOutputs() throws {
        let formula = "(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)"
        for check in try Self.check("two-outputs.json", weight: "v11", formula: formula) {
            #expect(check.isCorrect, "\(check.points)")
        }
        // The same written with a sum, and the softmax version of the net has the same formula.
        #expect(try Self.check("two-outputs.json", weight: "v11", formula: "sum(k, 1, 2, (Y{k}-Q{k})*W1{k})*X1*Z1*(1-Z1)").allSatisfy(\.isCorrect))
        #expect(try Self.check("two-outputs-softmax.json", weight: "v11", formula: formula).allSatisfy(\.isCorrect))
        let oneOutput = try Self.check("two-outputs.json", weight: "v11", formula: "(Y1-Q1)*W11*X1*Z1*(1-Z1)")
        #expect(oneOutput.allSatisfy { !$0.isCorrect && $0.mistake == .missingSumOverOutputs })
    }

    @Test func seed001OutputAndHiddenLayers() throws {
        // m = 2 samples, mean: each sample's share carries 1/m.
        #expect(try Self.check("last-layer.json", weight: "W[3]11", formula: "(A[3]1 - y1)*A[2]1/m").allSatisfy(\.isCorrect))
        let hidden = "(A[3]1-y1)*W[3]11*A[2]1*(1-A[2]1)*W[2]11*A[1]1*(1-A[1]1)*X1/m + (A[3]1-y1)*W[3]21*A[2]2*(1-A[2]2)*W[2]12*A[1]1*(1-A[1]1)*X1/m"
        #expect(try Self.check("last-layer.json", weight: "W[1]11", formula: hidden).allSatisfy(\.isCorrect))
        // dA[3] = −(y/a − (1 − y)/(1 − a)) times σ′ gives a − y.
        #expect(try Self.check("last-layer.json", weight: "W[3]21", formula: "-(y1/A[3]1 - (1-y1)/(1-A[3]1))*A[3]1*(1-A[3]1)*A[2]2/m").allSatisfy(\.isCorrect))
    }

    @Test func seed002SecondWeightMatrix() throws {
        for j in 1...4 {
            #expect(try Self.check("one-hidden.json", weight: "w\(j)1", formula: "(Y1 - Q1)*Z\(j)").allSatisfy(\.isCorrect), "w\(j)1")
        }
        let missingDerivative = try Self.check("one-hidden.json", weight: "v11", formula: "(Y1 - Q1)*W11*X1")
        #expect(missingDerivative.allSatisfy { $0.mistake == .missingActivationDerivative })
    }

    @Test func seed003MeanAndSign() throws {
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(yhat - y)*X1/m").allSatisfy(\.isCorrect))
        #expect(try Self.check("logistic-regression.json", weight: "w2", formula: "-(y/yhat - (1-y)/(1-yhat))*yhat*(1-yhat)*X2/m").allSatisfy(\.isCorrect))
        // Seed 003's answer names the pre-activation h = wᵀX and the prediction z = σ(h).
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(z - y)*X1/m").allSatisfy(\.isCorrect))
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(sigma(h) - y)*X1/m").allSatisfy(\.isCorrect))
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(yhat - y)*X1").allSatisfy { $0.mistake == .missingMean })
        let flipped = try Self.check("logistic-regression.json", weight: "w1", formula: "-(y/yhat + (1-y)/(1-yhat))*yhat*(1-yhat)*X1/m")
        #expect(flipped.allSatisfy { !$0.isCorrect && $0.mistake == .flippedSign })
    }

    @Test func xorHiddenWeight() throws {
        #expect(try Self.check("xor.json", weight: "v21", formula: "(Y1-Q1)*W11*Z1*(1-Z1)*X2/m", epochs: [0, 100, 2000]).allSatisfy(\.isCorrect))
    }

    @Test func checkerErrorsAreClear() throws {
        let scenario = try Self.load("two-outputs.json")
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        let v11 = WeightID(layer: 0, from: 0, to: 0)
        #expect(throws: DerivationCheckError.self) { try DerivationChecker.check("(Y1 - ", weight: v11, scenario: scenario, record: record) }
        do {
            _ = try DerivationChecker.check("Y1*K7", weight: v11, scenario: scenario, record: record)
            Issue.record("an unknown symbol must be an error")
        } catch {
            #expect(error.description.contains("K7"))
            #expect(error.description.contains("X1, Z1, netz1, Y1"))
        }
    }
}
