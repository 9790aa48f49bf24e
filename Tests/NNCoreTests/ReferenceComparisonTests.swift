import Testing
@testable import NNCore

/// The engine against an independent implementation: reverse-mode automatic differentiation over
/// scalars (Support/ReferenceNetwork.swift), which knows nothing of deltas or matrix formulas.
@Suite struct ReferenceComparisonTests {
    static func reference(_ scenario: Scenario) -> ReferenceNetwork {
        ReferenceNetwork(
            layers: scenario.layers.map { ReferenceLayer(activation: $0.activation.rawValue, weights: $0.weights, biases: $0.biases) },
            loss: scenario.loss.rawValue, reduction: scenario.reduction.rawValue
        )
    }

    static func relativeError(_ a: Double, _ b: Double) -> Double {
        abs(a - b) / max(1e-12, abs(b))
    }

    /// Agreement to 1e-9 relative, or 1e-15 absolute for values near zero.
    static func agree(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * abs(b) || abs(a - b) <= 1e-15
    }

    static func agree(_ a: [Double], _ b: [Double]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { agree($0, $1) }
    }

    @Test(arguments: TestScenarios.all.map(\.name))
    func everyBatchOfTheFirstEpochsMatches(name: String) throws {
        let scenario = try TestScenarios.decode(TestScenarios.all.first { $0.name == name }!.json)
        let run = TrainingRun(scenario: scenario)
        for epoch in 0..<min(3, scenario.epochs) {
            for batch in 0..<scenario.batchesPerEpoch {
                let record = run.record(epoch: epoch, batch: batch)
                var current = scenario
                for l in current.layers.indices {
                    current.layers[l].weights = record.parametersBefore.weightMatrix(l, units: current.layers[l].units)
                    current.layers[l].biases = record.parametersBefore.biases[l]
                }
                let reference = Self.reference(current)
                let samples = Array(scenario.samples[record.sampleRange])
                let xs = samples.map(\.x), ys = samples.map(\.y)
                let expected = reference.gradients(xs: xs, ys: ys)
                #expect(Self.agree(record.loss, expected.loss), "\(name) e\(epoch) b\(batch) loss")
                for l in scenario.layers.indices {
                    #expect(Self.agree(record.weightGradients[l], expected.weights[l].flatMap { $0 }), "\(name) e\(epoch) b\(batch) ∂J/∂W[\(l + 1)]")
                    #expect(Self.agree(record.biasGradients[l], expected.biases[l]), "\(name) e\(epoch) b\(batch) ∂J/∂b[\(l + 1)]")
                }
                // Per-sample deltas: the reference's ∂J/∂net divided by ∂J/∂E⁽ˢ⁾.
                let nodes = reference.nodeGradients(xs: xs, ys: ys)
                let factor = scenario.reduction.factor(count: samples.count)
                for l in scenario.layers.indices {
                    for s in samples.indices {
                        #expect(Self.agree(record.delta[l][s], nodes.dNet[l][s].map { $0 / factor }), "\(name) δ layer \(l + 1) sample \(s)")
                        #expect(Self.agree(record.out[l][s], reference.forward(samples[s].x).outs[l]), "\(name) out layer \(l + 1)")
                    }
                }
            }
        }
    }

    @Test(arguments: TestScenarios.all.map(\.name))
    func trainingMatchesEpochByEpoch(name: String) throws {
        let scenario = try TestScenarios.decode(TestScenarios.all.first { $0.name == name }!.json)
        let epochs = min(scenario.epochs, 50)
        let report = TrainReport(scenario: scenario, epochs: epochs)
        let samples = scenario.samples
        let expected = Self.reference(scenario).trained(
            xs: samples.map(\.x), ys: samples.map(\.y), learningRate: scenario.learningRate, epochs: epochs, batchSize: scenario.batchSize
        )
        #expect(Self.agree(report.loss, expected.epochLosses[epochs - 1]), "\(name): last epoch's loss")
        let run = TrainingRun(scenario: scenario)
        for epoch in 0..<epochs {
            #expect(Self.agree(run.epochLoss(epoch), expected.epochLosses[epoch]), "\(name): loss of epoch \(epoch + 1)")
        }
        for l in scenario.layers.indices {
            #expect(Self.agree(report.parameters.weights[l], expected.network.layers[l].weights.flatMap { $0 }), "\(name): trained W[\(l + 1)]")
            #expect(Self.agree(report.parameters.biases[l], expected.network.layers[l].biases), "\(name): trained b[\(l + 1)]")
        }
        #expect(Self.agree(report.finalLoss, expected.network.batchLoss(xs: samples.map(\.x), ys: samples.map(\.y))))
    }

    @Test func chainRuleSumsEqualTheReferenceGradientForEveryWeight() throws {
        for (name, json) in TestScenarios.all {
            let scenario = try TestScenarios.decode(json)
            let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
            let samples = Array(scenario.samples[record.sampleRange])
            let expected = Self.reference(scenario).gradients(xs: samples.map(\.x), ys: samples.map(\.y))
            for id in WeightID.all(layerSizes: scenario.layerSizes) {
                let d = ChainRule.decompose(id, record: record, scenario: scenario)
                let sum = d.paths.map(\.product).reduce(0, +) + d.omittedSum
                let truth = id.from.map { expected.weights[id.layer][$0][id.to] } ?? expected.biases[id.layer][id.to]
                #expect(abs(sum - truth) <= 1e-9 * max(1e-6, abs(truth)), "\(name) \(id): paths sum to \(sum), reference \(truth)")
            }
        }
    }
}
