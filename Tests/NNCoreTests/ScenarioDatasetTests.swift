import Foundation
import Testing
@testable import NNCore

/// A scenario's `"dataset"`: the samples it generates, its defaults, the messages for every kind
/// of bad value, and an export that writes the points as plain data.
@Suite struct ScenarioDatasetTests {
    /// A 2-4-`outputs` net with `dataset` (a JSON object's members) and `extra` top-level members.
    static func json(dataset: String, outputs: Int = 1, inputs: Int = 2, activation: String = "sigmoid",
                     loss: String = "binary_cross_entropy", extra: String = "") -> String {
        """
        {"layers": [{"units": \(inputs)}, {"units": 4, "activation": "tanh"},
                    {"units": \(outputs), "activation": "\(activation)"}],
         "loss": "\(loss)", "learning_rate": 0.5, "epochs": 3, "seed": 5,
         "dataset": {\(dataset)}\(extra)}
        """
    }

    func message(_ text: String) -> String {
        do {
            _ = try ScenarioDecoder.decode(Data(text.utf8), file: "bad.json")
            return "(accepted)"
        } catch {
            return error.description
        }
    }

    // MARK: what it generates

    @Test func defaultsAreTwoHundredCleanPointsFromTheScenarioSeed() throws {
        let scenario = try TestScenarios.decode(Self.json(dataset: #""kind": "circle""#))
        #expect(scenario.samples.count == 200 && scenario.batchSize == 200)
        let expected = DatasetSpec(kind: .circle, samples: 200, noise: 0, seed: 5).points()
        #expect(scenario.samples == expected.map { Sample(x: [$0.x1, $0.x2], y: [Double($0.label)]) })
        // Without noise every point is on its shape: the inner disc is class 1.
        for sample in scenario.samples {
            let radius = hypot(sample.x[0], sample.x[1])
            #expect(sample.y == [radius <= 0.5 ? 1 : 0])
        }
    }

    @Test func givenSamplesNoiseAndSeedAreUsed() throws {
        let text = Self.json(dataset: #""kind": "moons", "samples": 31, "noise": 0.25, "seed": 9"#)
        let scenario = try TestScenarios.decode(text)
        let expected = DatasetSpec(kind: .moons, samples: 31, noise: 0.25, seed: 9).points()
        #expect(scenario.samples.map(\.x) == expected.map { [$0.x1, $0.x2] })
        #expect(scenario.seed == 5, "the scenario's seed still draws the weights")
        let otherSeed = try TestScenarios.decode(Self.json(dataset: #""kind": "moons", "samples": 31, "noise": 0.25"#))
        #expect(otherSeed.samples != scenario.samples)
    }

    /// Two output units get one-hot targets, which softmax with cross-entropy accepts.
    @Test func twoOutputsGetOneHotTargets() throws {
        let sigmoid = try TestScenarios.decode(Self.json(dataset: #""kind": "xor", "samples": 40"#, outputs: 2))
        let softmax = try TestScenarios.decode(Self.json(dataset: #""kind": "xor", "samples": 40"#, outputs: 2,
                                                         activation: "softmax", loss: "cross_entropy"))
        for scenario in [sigmoid, softmax] {
            for (index, sample) in scenario.samples.enumerated() {
                #expect(sample.y == (index % 2 == 0 ? [1, 0] : [0, 1]))
                // XOR's rule: class 1 where x₁·x₂ > 0.
                #expect((sample.x[0] * sample.x[1] > 0) == (sample.y[1] == 1))
            }
        }
    }

    @Test func aScenarioWithADatasetTrains() throws {
        var scenario = try TestScenarios.decode(Self.json(dataset: #""kind": "linear", "samples": 100"#))
        scenario.epochs = 200
        scenario.batchSize = 10
        let start = Kernel(scenario: scenario).datasetLoss()
        #expect(TrainReport(scenario: scenario).finalLoss < start / 3)
    }

    /// Export writes the generated points as plain data, which reads back to the same bits.
    @Test func exportWritesThePointsAsData() throws {
        let scenario = try TestScenarios.decode(Self.json(dataset: #""kind": "spiral", "samples": 50, "noise": 0.1"#))
        let text = ScenarioWriter.text(scenario, parameters: scenario.initialParameters, epochs: 3, name: "exported")
        #expect(!text.contains("\"dataset\"") && text.contains("\"data\": ["))
        let back = try TestScenarios.decode(text)
        #expect(back.samples.count == 50)
        #expect(Self.bits(back.samples) == Self.bits(scenario.samples))
    }

    static func bits(_ samples: [Sample]) -> [UInt64] {
        samples.flatMap { sample -> [Double] in sample.x + sample.y }.map(\.bitPattern)
    }

    // MARK: bad values

    @Test func unknownKindSuggestsTheNearestOne() {
        let text = message(Self.json(dataset: #""kind": "spirals""#))
        let kinds = #""xor", "circle", "gauss", "spiral", "moons", "linear""#
        #expect(text == #"bad.json: dataset.kind is "spirals" (did you mean "spiral"?), expected one of "#
                + kinds + " (line 4, column 22)")
        #expect(message(Self.json(dataset: #""kind": "Moons""#)).contains(#"(did you mean "moons"?)"#))
        #expect(message(Self.json(dataset: #""kind": "checkerboard""#))
            .hasPrefix(#"bad.json: dataset.kind is "checkerboard", expected one of "xor""#))
        #expect(message(Self.json(dataset: #""kind": 3"#)).hasPrefix("bad.json: dataset.kind is a number, expected a string"))
        #expect(message(Self.json(dataset: #""samples": 30"#))
            == "bad.json: dataset.kind is missing (required) from the object that starts at (line 4, column 13)")
    }

    @Test func samplesOutOfRangeSayTheRange() {
        for bad in ["1", "0", "100001", "2.5", "-4"] {
            let text = message(Self.json(dataset: "\"kind\": \"xor\", \"samples\": \(bad)"))
            #expect(text.hasPrefix("bad.json: dataset.samples is \(bad), expected a whole number from 2 to 100000"), "\(text)")
        }
        #expect(message(Self.json(dataset: #""kind": "xor", "samples": 2"#)) == "(accepted)")
    }

    @Test func negativeNoiseAndABadSeedAreRefused() {
        #expect(message(Self.json(dataset: #""kind": "gauss", "noise": -0.1"#))
            .hasPrefix("bad.json: dataset.noise is -0.1, expected a finite number of at least 0"))
        #expect(message(Self.json(dataset: #""kind": "gauss", "noise": "lots""#))
            .hasPrefix("bad.json: dataset.noise is a string, expected a number"))
        #expect(message(Self.json(dataset: #""kind": "gauss", "seed": -1"#))
            .hasPrefix("bad.json: dataset.seed is -1, expected a whole number from 0 to"))
        #expect(message(Self.json(dataset: #""kind": "gauss", "noise": 0"#)) == "(accepted)")
    }

    @Test func unknownFieldsInsideTheDataset() {
        let text = message(Self.json(dataset: #""kind": "gauss", "noize": 0.1"#))
        #expect(text.hasPrefix(#"bad.json: dataset has an unknown field "noize" (did you mean "noise"?); "#
                               + "known fields: kind, samples, noise, seed"))
        #expect(message(Self.json(dataset: "")).hasPrefix("bad.json: dataset.kind is missing"))
        let notAnObject = #"{"layers": [{"units": 2}, {"units": 1}], "loss": "mse", "learning_rate": 1, "epochs": 1, "#
            + #""dataset": "xor"}"#
        #expect(message(notAnObject).hasPrefix("bad.json: dataset is a string, expected an object"))
    }

    @Test func dataAndDatasetTogetherOrNeither() {
        let both = message(Self.json(dataset: #""kind": "xor""#, extra: #", "data": [{"x": [1, 2], "y": 1}]"#))
        #expect(both == "bad.json: dataset is given together with data, expected one of the two: "
                + "data lists the samples, dataset generates them (line 4, column 13)")
        let neither = #"{"layers": [{"units": 2}, {"units": 1}], "loss": "mse", "learning_rate": 1, "epochs": 1}"#
        #expect(message(neither) == "bad.json: data is missing (required, or a dataset to generate the samples) "
                + "from the object that starts at (line 1, column 1)")
        #expect(message(#"{"datset": 1}"#).contains(#"unknown field "datset" (did you mean "dataset"?)"#))
    }

    @Test func theNetMustTakeTwoInputsAndGiveOneOrTwoOutputs() {
        #expect(message(Self.json(dataset: #""kind": "xor""#, inputs: 3))
            .hasPrefix("bad.json: layers[0].units is 3, but a dataset generates points of 2 inputs (x1, x2): expected 2 (line 1"))
        #expect(message(Self.json(dataset: #""kind": "xor""#, outputs: 3)).hasPrefix(
            "bad.json: layers[2].units is 3, but a dataset generates a class 0 or 1 for each point: expected 1 (the class) or 2 (one-hot"))
        #expect(message(Self.json(dataset: #""kind": "xor""#, outputs: 1, activation: "softmax", loss: "cross_entropy"))
            .hasPrefix("bad.json: layers[2].units is 1, but a softmax over one unit is always 1: expected 2 units"))
        // A batch size counts the generated samples.
        #expect(message(Self.json(dataset: #""kind": "xor", "samples": 10"#, extra: #", "batch_size": 11"#))
            .hasPrefix("bad.json: batch_size is 11, expected a whole number from 1 to 10"))
    }
}
