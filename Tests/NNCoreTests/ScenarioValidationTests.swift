import Foundation
import Testing
@testable import NNCore

/// Every kind of bad scenario gets one message naming the file, the field and what was expected.
@Suite struct ScenarioValidationTests {
    /// The seed 000 scenario with one edit applied to its JSON object.
    func message(_ edit: (inout [String: Any]) -> Void) -> String {
        var object = try! JSONSerialization.jsonObject(with: Data(TestScenarios.seed000.utf8)) as! [String: Any]
        edit(&object)
        let data = try! JSONSerialization.data(withJSONObject: object)
        return message(data)
    }

    func message(_ data: Data) -> String {
        do {
            _ = try ScenarioDecoder.decode(data, file: "bad.json")
            return "(accepted)"
        } catch {
            return error.description
        }
    }

    func message(_ text: String) -> String { message(Data(text.utf8)) }

    @Test func theExamplesAreValid() throws {
        for (name, json) in TestScenarios.all {
            #expect(throws: Never.self, "\(name)") { try TestScenarios.decode(json) }
        }
    }

    @Test func wrongNumberOfWeightRows() {
        let text = message { object in
            var layers = object["layers"] as! [[String: Any]]
            layers[1]["weights"] = [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]]
            object["layers"] = layers
        }
        #expect(text.hasPrefix("bad.json: layers[1].weights has 3 rows, expected 2 (units of layers[0])"))
    }

    @Test func wrongRowWidth() {
        let text = message { object in
            var layers = object["layers"] as! [[String: Any]]
            layers[2]["weights"] = [[0.1, 0.2], [0.3]]
            object["layers"] = layers
        }
        #expect(text.hasPrefix("bad.json: layers[2].weights[1] has 1 value, expected 2 (units of layers[2])"))
    }

    @Test func wrongTypes() {
        #expect(message { $0["learning_rate"] = "fast" }.hasPrefix("bad.json: learning_rate is a string, expected a number"))
        #expect(message { $0["epochs"] = 2.5 }.hasPrefix("bad.json: epochs is 2.5, expected a whole number"))
        #expect(message { $0["layers"] = 3 }.hasPrefix("bad.json: layers is a number, expected an array"))
        #expect(message { $0["data"] = [["x": [0.1, "a"], "y": [1, 0]]] }.hasPrefix("bad.json: data[0].x[1] is a string, expected a number"))
    }

    @Test func unknownActivationAndLoss() {
        let activation = message { object in
            var layers = object["layers"] as! [[String: Any]]
            layers[1]["activation"] = "swish"
            object["layers"] = layers
        }
        #expect(activation.hasPrefix("bad.json: layers[1].activation is \"swish\", expected one of \"sigmoid\", \"tanh\", \"relu\", \"linear\", \"softmax\""))
        #expect(message { $0["loss"] = "hinge" }.hasPrefix("bad.json: loss is \"hinge\", expected one of \"binary_cross_entropy\", \"mse\", \"cross_entropy\""))
    }

    @Test func dataRowsOfTheWrongWidth() {
        #expect(message { $0["data"] = [["x": [0.1], "y": [1, 0]]] }.hasPrefix("bad.json: data[0].x has 1 value, expected 2 (units of layers[0])"))
        #expect(message { $0["data"] = [["x": [0.1, 0.2], "y": [1]]] }.hasPrefix("bad.json: data[0].y has 1 value, expected 2 (units of the output layer, layers[2])"))
        #expect(message { $0["data"] = [["x": [0.1, 0.2]]] }.hasPrefix("bad.json: data[0].y is missing (required)"))
    }

    @Test func binaryCrossEntropyTargetsOutsideZeroOne() {
        #expect(message { $0["data"] = [["x": [0.1, 0.2], "y": [2, 0]]] }.hasPrefix("bad.json: data[0].y[0] is 2, but \"binary_cross_entropy\" needs targets from 0 to 1"))
    }

    @Test func softmaxNeedsCrossEntropy() {
        let text = message { object in
            var layers = object["layers"] as! [[String: Any]]
            layers[2]["activation"] = "softmax"
            object["layers"] = layers
        }
        #expect(text.hasPrefix("bad.json: layers[2].activation is \"softmax\", but softmax goes with \"cross_entropy\" only"))
        let hidden = message { object in
            var layers = object["layers"] as! [[String: Any]]
            layers[1]["activation"] = "softmax"
            object["layers"] = layers
        }
        #expect(hidden.hasPrefix("bad.json: layers[1].activation is \"softmax\", which is allowed on the output layer only"))
    }

    @Test func softmaxTargetsMustSumToOne() throws {
        let text = TestScenarios.softmax.replacingOccurrences(of: "\"y\": [1, 0, 0]", with: "\"y\": [1, 1, 0]")
        #expect(message(text).hasPrefix("bad.json: data[0].y sums to 2, but softmax with \"cross_entropy\" needs targets that sum to 1"))
    }

    @Test func emptyDataAndNonPositiveEpochs() {
        #expect(message { $0["data"] = [Any]() }.hasPrefix("bad.json: data is empty, expected at least one sample"))
        #expect(message { $0["epochs"] = 0 }.hasPrefix("bad.json: epochs is 0, expected a whole number from 1 to 10000000"))
        #expect(message { $0["learning_rate"] = -0.1 }.hasPrefix("bad.json: learning_rate is -0.1, expected a number greater than 0"))
        // One sample: the only batch size is 1, said as such.
        #expect(message { $0["batch_size"] = 5 }.hasPrefix("bad.json: batch_size is 5, expected 1 ("))
        #expect(message { $0["version"] = 2 }.hasPrefix("bad.json: version is 2, expected 1 ("))
    }

    @Test func sizesTooLargeForATeachingNet() {
        let text = message { object in
            var layers = object["layers"] as! [[String: Any]]
            layers[0]["units"] = 65
            object["layers"] = layers
        }
        #expect(text.hasPrefix("bad.json: layers[0].units is 65, expected a whole number from 1 to 64"))
        let deep = message { object in
            object["layers"] = [["units": 1]] + Array(repeating: ["units": 1, "activation": "sigmoid"], count: 9)
        }
        #expect(deep.hasPrefix("bad.json: layers has 10 layers, expected at most 9"))
    }

    @Test func missingAndUnknownFields() {
        #expect(message { $0["loss"] = nil }.hasPrefix("bad.json: loss is missing (required)"))
        #expect(message { $0["learning-rate"] = 0.1 }.contains("has an unknown field \"learning-rate\" (did you mean \"learning_rate\"?)"))
        #expect(message { $0["layers"] = [["units": 2]] }.hasPrefix("bad.json: layers has 1 layer, expected at least 2"))
    }

    @Test func invalidJSONNamesLineAndColumn() {
        let text = message("{\n  \"name\": \"x\",\n  \"layers\": [1, 2,]\n}")
        #expect(text == "bad.json: is not valid JSON: trailing ',' before ']' (line 3, column 19)")
        #expect(message("{\"a\": 1 \"b\": 2}").contains("expected ',' or '}'"))
        #expect(message("[1, 2").contains("unexpected end of file"))
    }

    @Test func emptyBinaryAndMissingFiles() throws {
        #expect(message(Data()) == "bad.json: is empty, expected a scenario (a JSON object)")
        #expect(message(Data([0x7B, 0x00, 0xFF])) == "bad.json: is a binary file, expected a scenario (JSON text)")
        #expect(message(Data([0xC3, 0x28])) == "bad.json: is not UTF-8 text, expected a scenario (JSON)")
        #expect(throws: ScenarioError(file: "/no/such/file.json", path: "", message: "no such file")) {
            try ScenarioDecoder.load(path: "/no/such/file.json")
        }
        #expect(message("[]").hasPrefix("bad.json: is an array, expected a scenario"))
    }

    @Test func watchedWeightsMustExist() {
        #expect(message { $0["watch"] = ["v31"] }.hasPrefix("bad.json: watch[0] is \"v31\", not a weight of this network: vᵢⱼ goes from unit 3, but the layer before has 2 units; its weights are v11…v22, w11…w22, bz1…bz2, by1…by2 (line "))
        #expect(message { $0["watch"] = ["q1"] }.contains("expected v_ij, w_jk or W[l]ij"))
    }

    @Test func wholeNumbersOutOfRangeNameTheRange() {
        #expect(message(TestScenarios.seed000.replacingOccurrences(of: "\"epochs\": 100", with: "\"epochs\": 100, \"seed\": 1180591620717411303424"))
            .hasPrefix("bad.json: seed is 1.1805916207174113e+21, expected a whole number from 0 to 9007199254740992 ("))
        #expect(message { $0["seed"] = 1.5 }.hasPrefix("bad.json: seed is 1.5, expected a whole number from 0 to 9007199254740992 ("))
        #expect(message { $0["epochs"] = 2.5 }.hasPrefix("bad.json: epochs is 2.5, expected a whole number from 1 to 10000000 ("))
        #expect(message { $0["epochs"] = 1e300 }.hasPrefix("bad.json: epochs is 1e+300, expected a whole number from 1 to 10000000 ("))
        // Seeds up to 2⁵³ are allowed, also those above 10¹⁵.
        #expect(message { $0["seed"] = 9_007_199_254_740_992 } == "(accepted)")
        #expect(message { $0["seed"] = 2_000_000_000_000_000 } == "(accepted)")
    }

    @Test func classicNotationNeedsAtMostOneHiddenLayer() {
        #expect(message(TestScenarios.deep.replacingOccurrences(of: "\"loss\"", with: "\"notation\": \"classic\", \"loss\"")).hasPrefix("bad.json: notation is \"classic\", which names nets with at most one hidden layer"))
    }

    @Test func theDefaultScenarioMatchesTheExampleFile() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios/two-outputs.json")
        let file = try ScenarioDecoder.load(path: url.path)
        var embedded = ScenarioDecoder.defaultScenario
        embedded.source = file.source
        #expect(file == embedded)
    }
}
