import Foundation
import Testing
@testable import NNCore

/// A scenario written at an epoch loads back and continues the run bit for bit.
@Suite struct ScenarioWriterTests {
    static func bits(_ parameters: Parameters) -> [UInt64] {
        (parameters.weights + parameters.biases).flatMap { $0.map(\.bitPattern) }
    }

    static var scenarios: [(name: String, scenario: Scenario)] {
        get throws {
            let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("Scenarios")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
            let plain = try TestScenarios.all.map { ($0.name, try TestScenarios.decode($0.json)) }
            return try files.map { ($0, try ScenarioDecoder.load(path: folder.appendingPathComponent($0).path)) }
                + plain + plain.flatMap { name, scenario in withUpdateRules(name, scenario) }
        }
    }

    /// The scenario with momentum and with Adam, each with weight decay, Adam also with fixed biases.
    static func withUpdateRules(_ name: String, _ scenario: Scenario) -> [(name: String, scenario: Scenario)] {
        var momentum = scenario, adam = scenario
        momentum.optimizer = .momentum(0.9)
        momentum.weightDecay = 0.01
        adam.optimizer = .adam(beta1: 0.8, beta2: 0.99, epsilon: 1e-7)
        adam.weightDecay = 0.003
        adam.trainBiases = false
        return [("\(name) with momentum", momentum), ("\(name) with Adam", adam)]
    }

    @Test func everyScenarioContinuesExactlyFromItsExport() throws {
        let all = try Self.scenarios
        #expect(all.count >= 20, "the Scenarios folder and the test scenarios, plain and with update rules")
        for (name, scenario) in all {
            let run = TrainingRun(scenario: scenario)
            for epoch in [0, 1, 3] where epoch < scenario.epochs {
                let text = ScenarioWriter.text(scenario, parameters: run.parameters(atStartOf: epoch),
                                               optimizerState: run.optimizerState(atStartOf: epoch),
                                               epochs: scenario.epochs - epoch, name: "exported")
                let exported = try ScenarioDecoder.decode(Data(text.utf8), file: "exported.json")
                #expect(exported.epochs == scenario.epochs - epoch && exported.samples == scenario.samples, "\(name)")
                #expect(exported.watch == scenario.watch && exported.batchSize == scenario.batchSize, "\(name)")
                #expect(exported.optimizer == scenario.optimizer && exported.weightDecay == scenario.weightDecay, "\(name)")
                #expect(exported.trainBiases == scenario.trainBiases, "\(name)")
                if scenario.optimizer.stateBuffers > 0 {
                    #expect(exported.startingOptimizerState == run.optimizerState(atStartOf: epoch), "\(name) state")
                }
                // Training the export k epochs is the original from `epoch` on, to the bit.
                let k = min(4, scenario.epochs - epoch)
                let continued = TrainingRun(scenario: exported).parameters(atStartOf: k)
                let original = run.parameters(atStartOf: epoch + k)
                #expect(Self.bits(continued) == Self.bits(original), "\(name) from epoch \(epoch + 1)")
                #expect(TrainingRun(scenario: exported).epochLoss(0).bitPattern == run.epochLoss(epoch).bitPattern, "\(name)")
            }
        }
    }

    /// Without its state a momentum run does not continue exactly: the state is what the test
    /// above relies on, not an accident of the numbers.
    @Test func theStateIsNeededToContinue() throws {
        var scenario = try TestScenarios.decode(TestScenarios.seed000)
        scenario.optimizer = .momentum(0.9)
        let run = TrainingRun(scenario: scenario)
        let text = ScenarioWriter.text(scenario, parameters: run.parameters(atStartOf: 3), epochs: 10, name: "stateless")
        #expect(!text.contains("optimizer_state"))
        let continued = TrainingRun(scenario: try ScenarioDecoder.decode(Data(text.utf8), file: "stateless.json"))
        #expect(Self.bits(continued.parameters(atStartOf: 2)) != Self.bits(run.parameters(atStartOf: 5)))
    }

    @Test func negativeZeroAndTinyNumbersKeepTheirBits() throws {
        var scenario = try TestScenarios.decode(TestScenarios.logistic)
        var parameters = scenario.initialParameters
        parameters.weights[0] = [-0.0, Double.leastNonzeroMagnitude]
        parameters.biases[0] = [0.1 + 0.2]
        scenario.samples[0].x = [1e300, -2.5e-308]
        let text = ScenarioWriter.text(scenario, parameters: parameters, epochs: 3, name: "edge")
        let back = try ScenarioDecoder.decode(Data(text.utf8), file: "edge.json")
        #expect(Self.bits(back.initialParameters) == Self.bits(parameters))
        #expect(back.samples[0].x.map(\.bitPattern) == scenario.samples[0].x.map(\.bitPattern))
    }
}
