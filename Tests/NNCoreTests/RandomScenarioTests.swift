import Foundation
import PropertyBased
import Testing
@testable import NNCore

/// Random valid scenarios (any activation, loss, reduction, batch size, shape) written as JSON,
/// decoded, and trained by the engine and by the independent reference: every gradient and
/// every epoch's loss must agree to 1e-9 relative.
@Suite struct RandomScenarioTests {
    static func randomScenario(_ seed: Int) -> String {
        var random = SeededRandom(seed: UInt64(bitPattern: Int64(seed)))
        func pick<T>(_ options: [T]) -> T { options[Int(random.next() % UInt64(options.count))] }
        func number(_ limit: Double) -> Double { (random.uniform(limit: limit) * 1000).rounded() / 1000 }
        let loss = pick(["binary_cross_entropy", "mse", "cross_entropy"])
        let hiddenCount = pick([0, 1, 1, 2, 3])
        var sizes = [pick([1, 2, 3, 4])]
        for _ in 0..<hiddenCount { sizes.append(pick([1, 2, 3, 5])) }
        let outputs = loss == "binary_cross_entropy" ? pick([1, 2, 3]) : pick([1, 2, 3])
        sizes.append(outputs)
        let outputActivation: String
        switch loss {
        case "binary_cross_entropy": outputActivation = "sigmoid"
        case "cross_entropy": outputActivation = outputs > 1 ? pick(["softmax", "softmax", "sigmoid"]) : "sigmoid"
        default: outputActivation = pick(["sigmoid", "tanh", "relu", "linear"])
        }
        var layers = ["{\"units\": \(sizes[0])}"]
        for l in 1..<sizes.count {
            let activation = l == sizes.count - 1 ? outputActivation : pick(["sigmoid", "tanh", "relu", "linear"])
            let weights = (0..<sizes[l - 1]).map { _ in "[" + (0..<sizes[l]).map { _ in "\(number(1.2))" }.joined(separator: ", ") + "]" }
            let biases = (0..<sizes[l]).map { _ in "\(number(0.5))" }
            layers.append("{\"units\": \(sizes[l]), \"activation\": \"\(activation)\", \"weights\": [\(weights.joined(separator: ", "))], \"biases\": [\(biases.joined(separator: ", "))]}")
        }
        let sampleCount = pick([1, 2, 3, 5, 8])
        let data = (0..<sampleCount).map { _ -> String in
            let x = (0..<sizes[0]).map { _ in "\(number(2))" }
            var y: [Double]
            if outputActivation == "softmax" {
                y = Array(repeating: 0, count: outputs)
                y[Int(random.next() % UInt64(outputs))] = 1
            } else if loss == "mse" {
                y = (0..<outputs).map { _ in number(1) }
            } else {
                y = (0..<outputs).map { _ in abs(number(1)) }
            }
            return "{\"x\": [\(x.joined(separator: ", "))], \"y\": [\(y.map { "\($0)" }.joined(separator: ", "))]}"
        }
        return """
        {"layers": [\(layers.joined(separator: ", "))], "loss": "\(loss)", "reduction": "\(pick(["mean", "sum"]))",
         "learning_rate": \(pick([0.01, 0.05, 0.1])), "epochs": 6, "batch_size": \(1 + Int(random.next() % UInt64(sampleCount))),
         "data": [\(data.joined(separator: ", "))]}
        """
    }

    /// Counts the runs that were compared, so the test cannot pass by skipping them all.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    @Test func randomScenariosAgreeWithTheReference() async {
        let compared = Counter()
        await propertyCheck(count: 150, input: Gen.int(in: 0...1_000_000_000)) { seed in
            let json = Self.randomScenario(seed)
            let scenario: Scenario
            do {
                scenario = try TestScenarios.decode(json)
            } catch {
                Issue.record("generated scenario rejected: \(error)\n\(json)")
                return
            }
            let samples = scenario.samples
            let expected = ReferenceComparisonTests.reference(scenario).trained(
                xs: samples.map(\.x), ys: samples.map(\.y), learningRate: scenario.learningRate, epochs: scenario.epochs, batchSize: scenario.batchSize
            )
            // A run that diverges leaves the plain-log reference at NaN while the engine's stable
            // loss stays finite: such runs prove nothing either way, so they are not compared.
            guard expected.epochLosses.allSatisfy({ $0.isFinite && $0 < 1e6 }) else { return }
            compared.increment()
            let run = TrainingRun(scenario: scenario)
            for epoch in 0..<scenario.epochs {
                #expect(ReferenceComparisonTests.agree(run.epochLoss(epoch), expected.epochLosses[epoch]), "epoch \(epoch + 1) loss\n\(json)")
            }
            let trained = run.parameters(atStartOf: scenario.epochs)
            for l in scenario.layers.indices {
                #expect(zip(trained.weights[l], expected.network.layers[l].weights.flatMap { $0 }).allSatisfy { abs($0 - $1) <= 1e-9 * max(1, abs($1)) }, "W[\(l + 1)]\n\(json)")
            }
            // The chain rule of every weight at the start sums to the reference's gradient.
            let record = run.record(epoch: 0, batch: 0)
            let batch = Array(samples[record.sampleRange])
            let gradients = ReferenceComparisonTests.reference(scenario).gradients(xs: batch.map(\.x), ys: batch.map(\.y))
            for id in WeightID.all(layerSizes: scenario.layerSizes) {
                let d = ChainRule.decompose(id, record: record, scenario: scenario)
                let truth = id.from.map { gradients.weights[id.layer][$0][id.to] } ?? gradients.biases[id.layer][id.to]
                #expect(abs(d.gradient - truth) <= 1e-9 * max(1e-6, abs(truth)), "\(id)\n\(json)")
                #expect(abs(d.paths.map(\.product).reduce(0, +) + d.omittedSum - truth) <= 1e-9 * max(1e-6, abs(truth)), "\(id) paths\n\(json)")
            }
        }
        #expect(compared.count >= 120, "only \(compared.count) of 150 random runs were compared")
    }
}
