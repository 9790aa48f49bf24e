import Foundation
import Testing
@testable import NNCore

/// The update rule's fields: what is accepted, and one clear message for each kind of bad value.
@Suite struct UpdateRuleValidationTests {
    func message(_ fields: String) -> String {
        let text = TestScenarios.seed000.replacingOccurrences(of: "\"epochs\": 100,", with: "\"epochs\": 100, \(fields),")
        do {
            _ = try ScenarioDecoder.decode(Data(text.utf8), file: "bad.json")
            return "(accepted)"
        } catch {
            return error.description
        }
    }

    func decode(_ fields: String) throws -> Scenario {
        try TestScenarios.decode(TestScenarios.seed000.replacingOccurrences(of: "\"epochs\": 100,", with: "\"epochs\": 100, \(fields),"))
    }

    @Test func theRulesAndTheirDefaults() throws {
        #expect(try TestScenarios.decode(TestScenarios.seed000).optimizer == .sgd)
        #expect(try decode(#""optimizer": "sgd""#).optimizer == .sgd)
        #expect(try decode(#""optimizer": "momentum""#).optimizer == .momentum(0.9))
        #expect(try decode(#""optimizer": {"kind": "momentum", "momentum": 0.5}"#).optimizer == .momentum(0.5))
        #expect(try decode(#""optimizer": "adam""#).optimizer == .adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8))
        let adam = try decode(#""optimizer": {"kind": "adam", "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-6}"#)
        #expect(adam.optimizer == .adam(beta1: 0.8, beta2: 0.99, epsilon: 1e-6))
        let decay = try decode(#""weight_decay": 0.01, "train_biases": false"#)
        #expect(decay.weightDecay == 0.01 && !decay.trainBiases)
        #expect(try decode(#""optimizer": {"kind": "momentum", "momentum": 0}"#).optimizer == .momentum(0))
    }

    @Test func badValuesAreNamed() {
        let cases: [(String, String)] = [
            (#""optimizer": "rmsprop""#, #"bad.json: optimizer is "rmsprop", expected "sgd", "momentum" or "adam""#),
            (#""optimizer": {"kind": "nesterov"}"#, #"bad.json: optimizer.kind is "nesterov", expected "sgd", "momentum" or "adam""#),
            (#""optimizer": {"momentum": 0.9}"#, "bad.json: optimizer.kind is missing (required)"),
            (#""optimizer": 3"#, #"bad.json: optimizer is a number, expected "sgd", "momentum" or "adam" or an object"#),
            (#""optimizer": {"kind": "momentum", "momentum": 1}"#,
             "bad.json: optimizer.momentum is 1, expected a number from 0 up to but not including 1"),
            (#""optimizer": {"kind": "momentum", "momentum": -0.1}"#,
             "bad.json: optimizer.momentum is -0.1, expected a number from 0 up to but not including 1"),
            (#""optimizer": {"kind": "adam", "beta1": 1.5}"#, "bad.json: optimizer.beta1 is 1.5, expected a number from 0 up to"),
            (#""optimizer": {"kind": "adam", "beta2": 1}"#, "bad.json: optimizer.beta2 is 1, expected a number from 0 up to"),
            (#""optimizer": {"kind": "adam", "epsilon": 0}"#, "bad.json: optimizer.epsilon is 0, expected a number greater than 0"),
            (#""optimizer": {"kind": "adam", "epsilon": -1e-8}"#, "bad.json: optimizer.epsilon is -1e-08, expected a number greater than 0"),
            (#""optimizer": {"kind": "adam", "beta": 0.9}"#, #"bad.json: optimizer has an unknown field "beta" (did you mean "beta1"?)"#),
            (#""optimizer": {"kind": "sgd", "momentum": 0.9}"#, #"bad.json: optimizer has an unknown field "momentum""#),
            (#""weight_decay": -0.01"#, "bad.json: weight_decay is -0.01, expected a number of at least 0"),
            (#""weight_decay": "0.01""#, "bad.json: weight_decay is a string, expected a number"),
            (#""train_biases": "no""#, "bad.json: train_biases is a string, expected true or false"),
            (#""train_biases": 0"#, "bad.json: train_biases is a number, expected true or false"),
            (#""optimizer_state": {"steps": 1}"#, #"bad.json: optimizer_state is given, but the optimizer "sgd" keeps no state"#),
            (#""optimizer": "momentum", "optimizer_state": {"steps": 1}"#, "bad.json: optimizer_state.velocity is missing (required)"),
            (#""optimizer": "momentum", "optimizer_state": {"steps": 1.5, "velocity": []}"#,
             "bad.json: optimizer_state.steps is 1.5, expected a whole number from 0 to"),
            (#""optimizer": "momentum", "optimizer_state": {"steps": 1, "velocity": []}"#,
             "bad.json: optimizer_state.velocity has 0 entries, expected 2 (one per layer after the input)"),
            (#""optimizer": "adam", "optimizer_state": {"steps": 1, "m": [{"weights": [[0, 0]], "biases": [0, 0]}, {}], "v": []}"#,
             "bad.json: optimizer_state.m[0].weights has 1 rows, expected 2"),
        ]
        for (fields, expected) in cases {
            let text = message(fields)
            #expect(text.hasPrefix(expected), "\(fields)\n→ \(text)")
            #expect(!text.contains("\n"), "one line: \(text)")
        }
    }

    /// An exported state reads back into the buffers, in Parameters' flat order.
    @Test func aStateReadsBackInFlatOrder() throws {
        let layer1 = #"{"weights": [[1, 2], [3, 4]], "biases": [5, 6]}"#, layer2 = #"{"weights": [[7, 8], [9, 10]], "biases": [11, 12]}"#
        let scenario = try decode(#""optimizer": "adam", "optimizer_state": {"steps": 4, "m": [\#(layer1), \#(layer2)], "#
                                  + #""v": [\#(layer2), \#(layer1)]}"#)
        #expect(scenario.initialOptimizerState == OptimizerState(steps: 4, first: (1...12).map(Double.init),
                                                                  second: (7...12).map(Double.init) + (1...6).map(Double.init)))
        let v11 = OptimizerState.index(of: WeightID(layer: 0, from: 1, to: 0), layerSizes: scenario.layerSizes)
        let by2 = OptimizerState.index(of: WeightID(layer: 1, from: nil, to: 1), layerSizes: scenario.layerSizes)
        #expect(scenario.initialOptimizerState!.first[v11] == 3 && scenario.initialOptimizerState!.first[by2] == 12)
    }
}
