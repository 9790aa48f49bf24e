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
        #expect(files == ["last-layer.json", "logistic-regression.json", "momentum-plain-sgd.json", "momentum.json", "one-hidden.json",
                          "spiral.json", "step-by-step.json", "two-outputs-softmax.json", "two-outputs.json", "xor.json"])
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
        #expect(oneOutput.allSatisfy { !$0.isCorrect && $0.mistake == .missingSum })
    }

    /// Seed 000's formula as the question writes it: Σ_k (Y_k − Q_k) W_1k X₁ Z₁(1 − Z₁).
    @Test func seed000InItsOwnNotation() throws {
        for formula in ["Σ_k (Y_k − Q_k)·W_1k·X1·Z1(1 − Z1)", "∑_{k} (Y_k - Q_k) W_{1k} X_1 Z_1(1 - Z_1)", "sum_k (Yk-Qk)*W1k*X1*Z1*(1-Z1)",
                        "Σ_{k=1}^{2} (Y_k − Q_k)·W_1k·X₁·Z₁(1 − Z₁)", "Σₖ (Yₖ − Qₖ)·W₁ₖ·X₁·σ'(netz1)", "X1 Z1(1 − Z1) Σ_k (Y_k − Q_k) W_1k"] {
            let checks = try Self.check("two-outputs.json", weight: "v11", formula: formula)
            #expect(checks.allSatisfy { $0.isCorrect && $0.form == .batchShare }, "\(formula)")
        }
        let swapped = try Self.check("two-outputs.json", weight: "v11", formula: "Σ_k (Y_k − Q_k)·W_k1·X1·Z1(1 − Z1)")
        #expect(swapped.allSatisfy { $0.mistake == .swappedIndices && $0.hint?.text.hasPrefix("the indices of W are swapped") == true })
    }

    @Test func seed001OutputAndHiddenLayers() throws {
        // m = 2 samples, mean: each sample's share carries 1/m.
        #expect(try Self.check("last-layer.json", weight: "W[3]11", formula: "(A[3]1 - y1)*A[2]1/m").allSatisfy(\.isCorrect))
        let hidden = "(A[3]1-y1)*W[3]11*A[2]1*(1-A[2]1)*W[2]11*A[1]1*(1-A[1]1)*X1/m + (A[3]1-y1)*W[3]21*A[2]2*(1-A[2]2)*W[2]12*A[1]1*(1-A[1]1)*X1/m"
        #expect(try Self.check("last-layer.json", weight: "W[1]11", formula: hidden).allSatisfy(\.isCorrect))
        // dA[3] = −(y/a − (1 − y)/(1 − a)) times σ′ gives a − y.
        #expect(try Self.check("last-layer.json", weight: "W[3]21", formula: "-(y1/A[3]1 - (1-y1)/(1-A[3]1))*A[3]1*(1-A[3]1)*A[2]2/m").allSatisfy(\.isCorrect))
    }

    /// Seed 001 in its own terms, for one sample: the output's dA = −(y/a − (1 − y)/(1 − a)) times
    /// σ′, and a hidden layer's dA = W[3]ᵀ·dZ[3] times σ′.
    @Test func seed001LastLayerDAPerSample() throws {
        let output = "-(y1/A[3]1 - (1-y1)/(1-A[3]1))·A[3]1(1 - A[3]1)·A[2]1"
        #expect(try Self.check("last-layer.json", weight: "W[3]11", formula: output).allSatisfy { $0.isCorrect && $0.form == .perSample })
        #expect(try Self.check("last-layer.json", weight: "W[3]11", formula: "-(y1/A[3]1 - (1-y1)/(1-A[3]1))·σ'(Z[3]1)·A[2]1").allSatisfy(\.isCorrect))
        let hidden = "W[3]21·(A[3]1 − y1)·A[2]2(1 − A[2]2)·A[1]3"
        #expect(try Self.check("last-layer.json", weight: "W[2]32", formula: hidden).allSatisfy { $0.isCorrect && $0.form == .perSample })
        // The classic slip: d/da log(1 − a) taken as +1/(1 − a).
        let flipped = try Self.check("last-layer.json", weight: "W[3]11", formula: "-(y1/A[3]1 + (1-y1)/(1-A[3]1))·A[3]1(1 - A[3]1)·A[2]1")
        #expect(flipped.allSatisfy { $0.mistake == .bceTermSign })
    }

    @Test func seed002SecondWeightMatrix() throws {
        for j in 1...4 {
            #expect(try Self.check("one-hidden.json", weight: "W[2]\(j)1", formula: "(A[2]1 - y1)*A[1]\(j)").allSatisfy(\.isCorrect), "W[2]\(j)1")
        }
        let missingDerivative = try Self.check("one-hidden.json", weight: "W[1]11", formula: "(A[2]1 - y1)*W[2]11*X1")
        #expect(missingDerivative.allSatisfy { $0.mistake == .activationDerivative })
    }

    /// Seed 002's (σ − y)·A[1]ᵀ, entry by entry, in the layered names it uses.
    @Test func seed002InItsOwnNotation() throws {
        for j in 1...4 {
            let checks = try Self.check("one-hidden.json", weight: "W[2]\(j)1", formula: "(σ − y)·A[1]\(j)")
            #expect(checks.allSatisfy { $0.isCorrect }, "W[2]\(j)1")
        }
        // The 1×4 reading of W[2] (column convention) names W[2]1j: the indices are swapped.
        let transposed = try Self.check("one-hidden.json", weight: "W[1]12", formula: "(σ − y)·W[2]12·A[1]2(1 − A[1]2)·X1")
        #expect(transposed.allSatisfy { !$0.isCorrect && $0.mistake == .swappedIndices })
    }

    @Test func seed003MeanAndSign() throws {
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(yhat - y)*X1/m").allSatisfy(\.isCorrect))
        #expect(try Self.check("logistic-regression.json", weight: "w2", formula: "-(y/yhat - (1-y)/(1-yhat))*yhat*(1-yhat)*X2/m").allSatisfy(\.isCorrect))
        // Seed 003's answer names the pre-activation h = wᵀX and the prediction z = σ(h).
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(z - y)*X1/m").allSatisfy(\.isCorrect))
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(sigma(h) - y)*X1/m").allSatisfy(\.isCorrect))
        // Without the 1/m it is ∂E/∂w for one sample: right, read per sample.
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(yhat - y)*X1").allSatisfy { $0.form == .perSample })
        let flipped = try Self.check("logistic-regression.json", weight: "w1", formula: "-(y/yhat + (1-y)/(1-yhat))*yhat*(1-yhat)*X1/m")
        #expect(flipped.allSatisfy { !$0.isCorrect && $0.mistake == .bceTermSign })
    }

    /// Seed 003's formulas as the question and its answer write them.
    @Test func seed003InItsOwnNotation() throws {
        #expect(try Self.check("logistic-regression.json", weight: "w1", formula: "(z - y)*X1/m").allSatisfy { $0.form == .batchShare })
        for formula in ["-(y/ŷ - (1-y)/(1-ŷ))·ŷ(1-ŷ)·X1", "-(y/y_hat - (1-y)/(1-y_hat))·y_hat(1-y_hat)·X_1", "(ŷ − y)X1"] {
            #expect(try Self.check("logistic-regression.json", weight: "w1", formula: formula).allSatisfy { $0.form == .perSample }, "\(formula)")
        }
        let flipped = try Self.check("logistic-regression.json", weight: "w1", formula: "-(y/ŷ + (1-y)/(1-ŷ))·ŷ(1-ŷ)·X1")
        #expect(flipped.allSatisfy { $0.mistake == .bceTermSign && $0.hint?.text.contains("seed") == false })
        let signAndMean = try Self.check("logistic-regression.json", weight: "w1", formula: "(y - ŷ)·X1/m/m")
        #expect(signAndMean.allSatisfy { $0.hint?.mistakes == [.sign, .extraMean] })
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
