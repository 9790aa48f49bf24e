import Foundation
import Testing
@testable import NNCore

/// PyTorch's published update rules (the algorithm boxes of torch.optim.SGD and torch.optim.Adam)
/// as plain loops over the reference network's gradients: no kernel, no buffers shared with the
/// engine. weight_decay enters as PyTorch has it, g ← g + λ·θ before the rule, on the weights
/// only (a parameter group of biases with weight_decay 0); biases not trained are left out.
struct TorchStyleTraining {
    enum Rule { case sgd, momentum(Double), adam(Double, Double, Double) }

    var network: ReferenceNetwork
    let rule: Rule, learningRate: Double, weightDecay: Double, trainBiases: Bool
    /// Per layer: b (momentum's buffer) or m, and v, shaped as the weights and the biases.
    var first: [([[Double]], [Double])], second: [([[Double]], [Double])]
    var t = 0

    init(_ scenario: Scenario) {
        network = ReferenceComparisonTests.reference(scenario)
        switch scenario.optimizer {
        case .sgd: rule = .sgd
        case .momentum(let mu): rule = .momentum(mu)
        case .adam(let beta1, let beta2, let epsilon): rule = .adam(beta1, beta2, epsilon)
        }
        learningRate = scenario.learningRate
        weightDecay = scenario.weightDecay
        trainBiases = scenario.trainBiases
        let zeros = network.layers.map { layer in (layer.weights.map { $0.map { _ in 0.0 } }, layer.biases.map { _ in 0.0 }) }
        first = zeros
        second = zeros
    }

    /// θ after one step of the rule with gradient g (weight decay already in g).
    func step(_ theta: Double, _ g: Double, _ b: inout Double, _ v: inout Double) -> Double {
        switch rule {
        case .sgd:
            return theta - learningRate * g
        case .momentum(let mu):
            b = t > 1 ? mu * b + g : g
            return theta - learningRate * b
        case .adam(let beta1, let beta2, let epsilon):
            b = beta1 * b + (1 - beta1) * g
            v = beta2 * v + (1 - beta2) * g * g
            let mHat = b / (1 - pow(beta1, Double(t))), vHat = v / (1 - pow(beta2, Double(t)))
            return theta - learningRate * mHat / (vHat.squareRoot() + epsilon)
        }
    }

    /// One batch; returns the sum of its samples' losses (before the reduction).
    mutating func train(xs: [[Double]], ys: [[Double]]) -> Double {
        let graph = network.graph(xs: xs, ys: ys)
        let sampleLosses = graph.sampleLosses.map(graph.tape.value).reduce(0, +)
        let gradients = network.gradients(xs: xs, ys: ys)
        t += 1
        for l in network.layers.indices {
            for i in network.layers[l].weights.indices {
                for j in network.layers[l].weights[i].indices {
                    let theta = network.layers[l].weights[i][j]
                    let g = gradients.weights[l][i][j] + weightDecay * theta
                    var (b, v) = (first[l].0[i][j], second[l].0[i][j])
                    network.layers[l].weights[i][j] = step(theta, g, &b, &v)
                    (first[l].0[i][j], second[l].0[i][j]) = (b, v)
                }
            }
            guard trainBiases else { continue }
            for j in network.layers[l].biases.indices {
                let theta = network.layers[l].biases[j]
                var (b, v) = (first[l].1[j], second[l].1[j])
                network.layers[l].biases[j] = step(theta, gradients.biases[l][j], &b, &v)
                (first[l].1[j], second[l].1[j]) = (b, v)
            }
        }
        return sampleLosses
    }

    /// (λ/2)·Σ w² over the weights.
    var penalty: Double {
        weightDecay / 2 * network.layers.reduce(0) { $0 + $1.weights.joined().reduce(0) { $0 + $1 * $1 } }
    }

    /// One epoch of consecutive batches; returns its loss as nnview reports it: the samples'
    /// losses reduced, plus the penalty of the weights the epoch starts from.
    mutating func epoch(_ scenario: Scenario) -> Double {
        let startPenalty = penalty
        var total = 0.0
        for start in stride(from: 0, to: scenario.samples.count, by: scenario.batchSize) {
            let batch = scenario.samples[start..<min(scenario.samples.count, start + scenario.batchSize)]
            total += train(xs: batch.map(\.x), ys: batch.map(\.y))
        }
        return total * (scenario.reduction == .mean ? 1 / Double(scenario.samples.count) : 1) + startPenalty
    }

    var flatParameters: [Double] {
        network.layers.flatMap { $0.weights.joined() + $0.biases }
    }
}

@Suite struct UpdateRuleTests {
    static let rules: [Optimizer] = [
        .sgd, .momentum(0.9), .momentum(0.5), .defaultAdam, .adam(beta1: 0.8, beta2: 0.99, epsilon: 1e-6),
    ]

    static func agree(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(b), 1e-6) }

    /// Every rule, with and without weight decay and trained biases, at several batch sizes:
    /// the parameters after each of 6 epochs and each epoch's loss equal PyTorch's algorithm's.
    @Test(arguments: rules)
    func eachRuleFollowsPyTorchsAlgorithm(_ optimizer: Optimizer) throws {
        var compared = 0
        for (name, json) in TestScenarios.all.map({ ($0.name, $0.json) }) {
            let base = try TestScenarios.decode(json)
            for batchSize in Set([1, 2, base.samples.count]) where batchSize <= base.samples.count {
                for (decay, trainBiases) in [(0.0, true), (0.01, true), (0.03, false)] {
                    var scenario = base
                    scenario.optimizer = optimizer
                    scenario.weightDecay = decay
                    scenario.trainBiases = trainBiases
                    scenario.batchSize = batchSize
                    scenario.learningRate = optimizer.stateBuffers == 2 ? 0.01 : base.learningRate
                    let context = "\(name), batch \(batchSize), λ \(decay), biases \(trainBiases)"
                    var torch = TorchStyleTraining(scenario)
                    let run = TrainingRun(scenario: scenario)
                    for epoch in 0..<min(6, scenario.epochs) {
                        let loss = torch.epoch(scenario)
                        let engine = Self.flat(run.parameters(atStartOf: epoch + 1))
                        #expect(zip(engine, torch.flatParameters).allSatisfy { Self.agree($0, $1) }, "\(context), epoch \(epoch + 1)")
                        #expect(Self.agree(run.epochLoss(epoch), loss), "\(context), epoch \(epoch + 1)'s loss")
                        compared += 1
                    }
                    if !trainBiases {
                        let biases = run.parameters(atStartOf: min(6, scenario.epochs)).biases
                        #expect(biases == scenario.initialParameters.biases, "\(context): the biases moved")
                    }
                }
            }
        }
        #expect(compared > 100)
    }

    static func flat(_ parameters: Parameters) -> [Double] {
        zip(parameters.weights, parameters.biases).flatMap { $0 + $1 }
    }

    /// The rule's first update by hand: momentum's velocity starts as the gradient, Adam's first
    /// step is η·g/(|g| + ε) (m̂ = g and v̂ = g² after the bias correction).
    @Test func firstUpdatesByHand() throws {
        for optimizer in [Optimizer.momentum(0.9), .defaultAdam] {
            var scenario = try TestScenarios.decode(TestScenarios.seed000)
            scenario.optimizer = optimizer
            let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
            for l in 0..<2 {
                for (index, g) in record.weightGradients[l].enumerated() {
                    let before = record.parametersBefore.weights[l][index], after = record.parametersAfter.weights[l][index]
                    let expected = optimizer == .defaultAdam ? before - 0.5 * g / (abs(g) + 1e-8) : before - 0.5 * g
                    #expect(abs(after - expected) <= 1e-12, "\(optimizer) layer \(l) weight \(index)")
                }
            }
        }
    }

    /// With checkpoints every few epochs, the optimizer's state is restored with the parameters:
    /// records reached by jumping, stepping back and stepping forth equal one straight run's.
    @Test(arguments: [Optimizer.momentum(0.9), .defaultAdam])
    func steppingAndJumpingKeepTheState(_ optimizer: Optimizer) throws {
        var scenario = try TestScenarios.decode(TestScenarios.deep)
        scenario.optimizer = optimizer
        scenario.weightDecay = 0.01
        scenario.epochs = 1_000_000
        let straight = Kernel(scenario: scenario)
        var records: [BatchRecord] = []
        for epoch in 0..<30 {
            for batch in 0..<scenario.batchesPerEpoch {
                records.append(BatchRecord.record(kernel: straight, epoch: epoch, batch: batch, range: scenario.batchRange(batch)))
            }
        }
        let run = TrainingRun(scenario: scenario)
        #expect(run.checkpointInterval > 1, "the test needs epochs between checkpoints")
        let order = [(29, 2), (3, 1), (17, 0), (16, 2), (17, 0), (17, 1), (0, 0), (29, 1), (15, 2)]
        for (epoch, batch) in order {
            let expected = records[epoch * scenario.batchesPerEpoch + batch]
            #expect(run.record(epoch: epoch, batch: batch) == expected, "epoch \(epoch + 1) batch \(batch + 1)")
        }
        #expect(run.optimizerState(atStartOf: 30) == straight.optimizerState)
    }

    /// Matt Mazur's step-by-step example: biases fixed, mse summed, η = 0.5.
    @Test func reproducesTheStepByStepExample() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Scenarios")
        let scenario = try ScenarioDecoder.load(path: folder.appendingPathComponent("step-by-step.json").path)
        let run = TrainingRun(scenario: scenario)
        // The example's numbers, printed to 9 digits.
        #expect(abs(run.epochLoss(0) - 0.298371109) < 5e-10)
        let after = run.record(epoch: 0, batch: 0).parametersAfter
        let published = [[0.149780716, 0.24975114, 0.19956143, 0.29950229], [0.35891648, 0.511301270, 0.408666186, 0.561370121]]
        for l in 0..<2 {
            #expect(zip(after.weights[l], published[l]).allSatisfy { abs($0 - $1) < 5e-9 }, "layer \(l + 1): \(after.weights[l])")
        }
        #expect(after.biases == scenario.initialParameters.biases)
        // 0.291027924 in the example, worked from its rounded intermediate numbers: 6 decimals agree.
        #expect(abs(run.epochLoss(1) - 0.291027924) < 5e-7)
        #expect(abs(run.epochLoss(1) - 0.291027924) > 1e-7, "if this fails, the rounding explanation is wrong")
        #expect(abs(run.epochLoss(9_999) - 0.0000351085) < 5e-11)
    }

    /// The derivation checker judges the chain rule of the loss: weight decay's λ·w, which no
    /// chain rule gives, does not make a right formula wrong.
    @Test func theCheckerLeavesWeightDecayOut() throws {
        var scenario = try TestScenarios.decode(TestScenarios.seed000)
        scenario.weightDecay = 0.1
        let id = try WeightID.parse("v11", layerSizes: scenario.layerSizes, notation: scenario.notation)
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        let right = try DerivationChecker.check("sum(k, 1, 2, (Y{k}-Q{k})*W1{k})*X1*Z1*(1-Z1)", weight: id, scenario: scenario, record: record)
        #expect(right.isCorrect, "\(right.points)")
        let wrong = try DerivationChecker.check("(Y1-Q1)*W11*X1*Z1*(1-Z1)", weight: id, scenario: scenario, record: record)
        #expect(!wrong.isCorrect)
    }

    /// Weight decay: J is the data loss plus (λ/2)·Σ w², and ∂J/∂w its central difference.
    @Test func weightDecayIsTheGradientOfItsPenalty() throws {
        for json in [TestScenarios.seed000, TestScenarios.deep, TestScenarios.logistic] {
            var scenario = try TestScenarios.decode(json)
            scenario.weightDecay = 0.05
            let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
            let batch = Array(scenario.samples[record.sampleRange])
            func loss(_ network: ReferenceNetwork) -> Double {
                network.batchLoss(xs: batch.map(\.x), ys: batch.map(\.y))
                    + 0.05 / 2 * network.layers.reduce(0) { $0 + $1.weights.joined().reduce(0) { $0 + $1 * $1 } }
            }
            let reference = ReferenceComparisonTests.reference(scenario)
            #expect(abs(record.loss - loss(reference)) <= 1e-12 * max(1, loss(reference)))
            for id in WeightID.all(layerSizes: scenario.layerSizes) {
                let h = 1e-6
                var plus = reference, minus = reference
                if let from = id.from {
                    plus.layers[id.layer].weights[from][id.to] += h
                    minus.layers[id.layer].weights[from][id.to] -= h
                } else {
                    plus.layers[id.layer].biases[id.to] += h
                    minus.layers[id.layer].biases[id.to] -= h
                }
                let numeric = (loss(plus) - loss(minus)) / (2 * h)
                let units = scenario.layerSizes[id.layer + 1]
                let engine = id.from.map { record.weightGradients[id.layer][$0 * units + id.to] } ?? record.biasGradients[id.layer][id.to]
                #expect(abs(engine - numeric) <= 1e-7 * max(1, abs(numeric)), "\(id): \(engine) vs \(numeric)")
                let d = ChainRule.decompose(id, record: record, scenario: scenario)
                let paths = d.paths.map(\.product).reduce(0, +) + d.omittedSum
                #expect(abs(paths + d.weightDecayTerm - engine) <= 1e-12 * max(1, abs(engine)), "\(id): paths + λ·w")
            }
        }
    }
}
