import Foundation
import Testing
@testable import NNCore

/// A deep, wide net has (units per layer)^(layers) chain-rule paths per weight: the decomposition
/// must list a few and account for the rest without walking them.
@Suite struct PathExplosionTests {
    /// `hidden` layers of `width` units after `width` inputs, one sample per entry of `samples`.
    static func net(width: Int, hidden: Int, samples: Int) throws -> Scenario {
        let sample = "{\"x\": [\(Array(repeating: "0.5", count: width).joined(separator: ","))], "
            + "\"y\": [\(Array(repeating: "1", count: width).joined(separator: ","))]}"
        let json = """
        {"layers": [\(Array(repeating: "{\"units\": \(width)}", count: hidden + 1).joined(separator: ","))],
         "loss": "binary_cross_entropy", "learning_rate": 0.1, "epochs": 1, "seed": 5,
         "data": [\(Array(repeating: sample, count: samples).joined(separator: ","))]}
        """
        return try TestScenarios.decode(json)
    }

    @Test func theLargestNetInsideTheLimitsDecomposesAtOnce() throws {
        // 8 layers of 64 units: 64^7 paths from a first-layer weight, per sample.
        let scenario = try Self.net(width: 64, hidden: 8, samples: 2)
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        let weight = WeightID(layer: 0, from: 0, to: 0)
        let d = ChainRule.decompose(weight, record: record, scenario: scenario)
        let perSample = Int(pow(64.0, 7))
        #expect(d.paths.count == ChainRule.maximumPaths)
        #expect(d.omittedPathCount == 2 * perSample - ChainRule.maximumPaths)
        // Depth first in unit order: the first path runs through unit 1 of every layer.
        #expect(d.paths[0].units == Array(repeating: 0, count: 8))
        #expect(d.paths[1].units == Array(repeating: 0, count: 7) + [1])
        #expect(d.sampleGradients.count == 2)
    }

    @Test func omittedPathsCarryTheRestOfTheGradient() throws {
        // 8^3 = 512 paths per sample from a first-layer weight: the second sample's are all omitted.
        let scenario = try Self.net(width: 8, hidden: 4, samples: 2)
        let run = TrainingRun(scenario: scenario)
        let record = run.record(epoch: 0, batch: 0)
        for weight in [WeightID(layer: 0, from: 2, to: 3), WeightID(layer: 1, from: 1, to: 0), WeightID(layer: 0, from: nil, to: 5)] {
            let d = ChainRule.decompose(weight, record: record, scenario: scenario)
            let numeric = run.numericGradient(of: weight, at: record.parametersBefore, range: record.sampleRange)
            let listed = d.paths.reduce(0) { $0 + $1.product }
            #expect(abs(listed + d.omittedSum - numeric) <= 1e-7 * max(1e-3, abs(numeric)), "\(weight)")
            #expect(d.paths.count + d.omittedPathCount == 2 * d.paths.filter { $0.sample == 0 }.count)
            // The listed paths are sample 1's: their sum is its ∂E/∂w share, the omitted ones sample 2's.
            #expect(abs(listed - d.reductionFactor * d.sampleGradients[0]) <= 1e-12 * max(1e-6, abs(listed)) || d.paths.count < 512)
        }
    }
}

/// The step panel writes out a bounded number of samples: a batch of 100,000 used to build
/// millions of lines before the first screen appeared.
@Suite struct LargeBatchExplanationTests {
    @Test func explanationsStopAfterTheSampleLimit() throws {
        let scenario = try TestScenarios.decode(TestScenarios.logistic)
        var cursor = StepCursor(run: TrainingRun(scenario: scenario))
        for phase in 0..<cursor.stepsPerBatch {
            cursor.move(to: phase)
            let lines = StepExplanation(step: cursor.step, scenario: scenario, sampleLimit: 2).lines.map(\.text)
            let all = StepExplanation(step: cursor.step, scenario: scenario).lines.map(\.text)
            guard all.contains(where: { $0.hasPrefix("sample 4 of 4") }) else { continue }
            #expect(lines.contains { $0.hasPrefix("sample 2 of 4") }, "phase \(phase)")
            #expect(!lines.contains { $0.hasPrefix("sample 3 of 4") }, "phase \(phase)")
            #expect(lines.contains { $0.hasPrefix("samples 3–4: the same formulas") }, "phase \(phase)")
            // What is shown is the same as in the full explanation.
            let shared = lines.prefix { !$0.hasPrefix("samples 3–4") }
            #expect(Array(shared) == Array(all.prefix(shared.count)), "phase \(phase)")
        }
    }
}

/// The update and backward steps of a wide net write out a bounded number of weights per layer.
@Suite struct WideLayerExplanationTests {
    @Test func parameterLinesStopAtTheLimit() throws {
        let scenario = try PathExplosionTests.net(width: 16, hidden: 2, samples: 1)
        var cursor = StepCursor(run: TrainingRun(scenario: scenario))
        cursor.move(to: cursor.stepsPerBatch - 1)
        let update = StepExplanation(step: cursor.step, scenario: scenario, parameterLimit: 10).lines.map(\.text)
        // Two layers of 16×16 weights and 16 biases: 272 parameters each, 10 written out.
        #expect(update.filter { $0.contains(" ← ") }.count == 20)
        #expect(update.filter { $0 == "… and 262 more parameters of this layer, by the same rule" }.count == 2)
        cursor.move(to: cursor.stepsPerBatch - 2)
        let backward = StepExplanation(step: cursor.step, scenario: scenario, parameterLimit: 10).lines.map(\.text)
        #expect(backward.contains("… and 246 more weights of this layer, each δ of its unit times its input"))
        #expect(StepExplanation(step: cursor.step, scenario: scenario).lines.count > backward.count + 200)
    }
}

/// With one sample in the batch the loss step says that J is E.
@Suite struct SingleSampleLossWordingTests {
    @Test func oneSampleSaysJEqualsE() throws {
        let scenario = try TestScenarios.decode(TestScenarios.seed000)
        var cursor = StepCursor(run: TrainingRun(scenario: scenario))
        cursor.move(to: 2)
        #expect(StepExplanation(step: cursor.step, scenario: scenario).summary.text.hasSuffix("with one sample in the batch, J = E."))
        let logistic = try TestScenarios.decode(TestScenarios.logistic)
        var batch = StepCursor(run: TrainingRun(scenario: logistic))
        batch.move(to: 1)
        #expect(StepExplanation(step: batch.step, scenario: logistic).summary.text.hasSuffix("over the 4 samples of the batch."))
    }
}
