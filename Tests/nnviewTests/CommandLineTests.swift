import Foundation
import Testing

/// The command line as users and scripts see it: output contracts, exit codes, messages.
@Suite struct CommandLineTests {
    @Test func explainJSONGivesTheChainRuleOfV11() throws {
        let result = try NNViewBinary.run(["explain", "--weight", "v11", "--format", "json"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["weight"] as? String == "v11")
        // Hand-computed (Seed000Tests): Σ_k (Y_k − Q_k) W_1k X_1 Z_1(1 − Z_1).
        #expect(abs((json["gradient"] as? Double ?? 0) - 0.0034627889610875807) < 1e-15)
        #expect(abs((json["numeric_gradient"] as? Double ?? 0) - 0.0034627889610875807) < 1e-9)
        let paths = try #require(json["paths"] as? [[String: Any]])
        #expect(paths.count == 2)
        let products = paths.compactMap { $0["product"] as? Double }
        #expect(abs(products[0] - -0.0011999156978571403) < 1e-15 && abs(products[1] - 0.004662704658944721) < 1e-15)
        let factors = try #require(paths[0]["factors"] as? [[String: Any]])
        #expect(factors.map { $0["label"] as? String } == ["∂E/∂Y₁", "∂Y₁/∂netʸ₁", "∂netʸ₁/∂Z₁", "∂Z₁/∂netᶻ₁", "∂netᶻ₁/∂v₁₁"])
    }

    @Test func traceJSONLinesFollowTheContract() throws {
        let result = try NNViewBinary.run(["trace", "--format", "jsonl", "--epochs", "2"])
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 12)
        #expect(lines.prefix(6).map { $0["phase"] as? String } == ["forward", "forward", "loss", "backward", "backward", "update"])
        #expect(lines.map { $0["step"] as? Int } == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6])
        #expect(lines[4]["layer"] as? Int == 1)
        #expect(lines[6]["epoch"] as? Int == 2 && lines[6]["batch"] as? Int == 1)
        #expect(abs((lines[2]["loss"] as? Double ?? 0) - 1.768353814478596) < 1e-14)
        let out = try #require(lines[0]["out"] as? [[Double]])
        #expect(abs(out[0][0] - 0.5932699921071872) < 1e-15)
        let gradient = try #require(lines[3]["grad_weights"] as? [[Double]])
        #expect(abs(gradient[1][0] - -0.14840630587392645) < 1e-15, "grad_weights[j][k] = ∂J/∂w_jk in the scenario's layout")
        let weights = try #require(lines[5]["weights"] as? [[[Double]]])
        #expect(abs(weights[0][0][0] - 0.1482686055194562) < 1e-15)
    }

    @Test func trainJSONHasTheTrainedParameters() throws {
        let result = try NNViewBinary.run(["train", "--format", "json", "--epochs", "3"])
        #expect(result.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        #expect(json["epochs"] as? Int == 3)
        #expect(Set(json.keys) == ["epochs", "loss", "final_loss", "weights", "biases"])
    }

    @Test func badScenarioGivesOneClearLine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-cli-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("bad.json")
        try #"{"layers": [{"units": 2}, {"units": 1, "activation": "swish"}], "loss": "mse", "learning_rate": 0.1, "epochs": 1, "data": [{"x": [1, 2], "y": [1]}]}"#.write(to: file, atomically: true, encoding: .utf8)
        for arguments in [[file.path], ["trace", file.path], ["explain", file.path], ["train", file.path]] {
            let result = try NNViewBinary.run(arguments)
            #expect(result.status == 1)
            #expect(result.output.isEmpty)
            #expect(result.error == "nnview: \(file.path): layers[1].activation is \"swish\", expected one of \"sigmoid\", \"tanh\", \"relu\", \"linear\", \"softmax\" (line 1, column 54)\n")
        }
        let missing = try NNViewBinary.run(["trace", directory.appendingPathComponent("nope.json").path])
        #expect(missing.status == 1 && missing.error.hasSuffix("nope.json: no such file\n"))
    }

    @Test func theViewerNeedsATerminal() throws {
        let result = try NNViewBinary.run([])
        #expect(result.status == 1)
        #expect(result.error.contains("the viewer needs a terminal"))
        #expect(result.error.contains("nnview trace"))
    }

    @Test func badWeightAndVersion() throws {
        let weight = try NNViewBinary.run(["explain", "--weight", "v9"])
        #expect(weight.status == 1)
        #expect(weight.error.contains("'v9' is not a weight of this network"))
        let version = try NNViewBinary.run(["--version"])
        #expect(version.status == 0 && version.output == "0.1.0\n")
    }

    @Test func checkSaysRightOrWrongWithTheHint() throws {
        let right = try NNViewBinary.run(["check", "--weight", "v11", "--formula", "(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)"])
        #expect(right.status == 0)
        #expect(right.output.hasPrefix("✓ correct"))
        let logistic = "Scenarios/logistic-regression.json".absoluteFromPackage
        let flipped = try NNViewBinary.run(["check", logistic, "--weight", "w1", "--formula", "-(y/yhat + (1-y)/(1-yhat))*yhat*(1-yhat)*X1/m"])
        #expect(flipped.status == 3)
        #expect(flipped.output.contains("the sign of the (1 − y)/(1 − ŷ) term is flipped"))
        // Without the 1/m it is ∂E/∂w for one sample: right, and the JSON says so.
        let noMean = try NNViewBinary.run(["check", logistic, "--weight", "w1", "--formula", "(yhat-y)*X1", "--format", "json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(noMean.output.utf8)) as? [String: Any])
        #expect(json["correct"] as? Bool == true && json["form"] as? String == "per_sample")
        let extraMean = try NNViewBinary.run(["check", logistic, "--weight", "w1", "--formula", "(yhat-y)*X1/m^2", "--format", "json"])
        let wrong = try #require(try JSONSerialization.jsonObject(with: Data(extraMean.output.utf8)) as? [String: Any])
        #expect(wrong["correct"] as? Bool == false && wrong["mistake"] as? String == "extra_mean")
        let typo = try NNViewBinary.run(["check", "--formula", "(Y1-Q1)*Z1(1-Z1"])
        #expect(typo.status == 1)
        #expect(typo.error == "nnview: --formula: missing ')' to close the '(' at column 11\n  (Y1-Q1)*Z1(1-Z1\n                 ^\n")
    }
}

/// A scenario file in a fresh temporary directory, removed by `remove()`.
struct TemporaryScenario {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-cli-\(UUID())")
    let path: String

    init(_ json: String, name: String = "scenario.json") throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent(name)
        try json.write(to: file, atomically: true, encoding: .utf8)
        path = file.path
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
