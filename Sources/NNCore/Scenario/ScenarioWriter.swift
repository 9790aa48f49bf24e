/// Writes a scenario back as a version-1 scenario file, with everything spelled out: every
/// weight and bias (whatever a seed drew), the data, and every setting with its default
/// resolved. Numbers are written as the shortest text that reads back as the same Double, so
/// the file continues a run bit for bit.
public enum ScenarioWriter {
    /// The file for `scenario` starting from `parameters` (and the optimizer's `state`, when the
    /// optimizer keeps one), training for `epochs` epochs, titled `name`.
    /// The run starts at the scenario's epoch `firstEpoch` (from 1): lesson notes of earlier epochs
    /// are left out and the others renumbered.
    public static func text(
        _ scenario: Scenario, parameters: Parameters, optimizerState state: OptimizerState? = nil, epochs: Int, name: String,
        firstEpoch: Int = 1
    ) -> String {
        let sizes = scenario.layerSizes
        var layers = ["    {\"units\": \(sizes[0])}"]
        for (l, layer) in scenario.layers.enumerated() {
            let weights = JSONOutput.matrix(parameters.weightMatrix(l, units: layer.units)).exactText
            let biases = JSONOutput.numbers(parameters.biases[l]).exactText
            layers.append("    {\"units\": \(layer.units), \"activation\": \"\(layer.activation.rawValue)\", "
                          + "\"weights\": \(weights), \"biases\": \(biases)}")
        }
        let data = scenario.samples.map {
            "    {\"x\": \(JSONOutput.numbers($0.x).exactText), \"y\": \(JSONOutput.numbers($0.y).exactText)}"
        }
        let watch = scenario.watch.map { JSONOutput.string($0.name(layerSizes: sizes, notation: scenario.notation)) }
        let members: [(String, String)] = [
            ("version", "1"),
            ("name", JSONOutput.string(name).text),
            ("description", JSONOutput.string(scenario.description).text),
            ("notation", JSONOutput.string(scenario.notation.rawValue).text),
            ("layers", "[\n" + layers.joined(separator: ",\n") + "\n  ]"),
            ("loss", JSONOutput.string(scenario.loss.rawValue).text),
            ("reduction", JSONOutput.string(scenario.reduction.rawValue).text),
            ("learning_rate", JSONOutput.number(scenario.learningRate).exactText),
            ("optimizer", optimizerText(scenario.optimizer)),
            ("weight_decay", JSONOutput.number(scenario.weightDecay).exactText),
            ("train_biases", scenario.trainBiases ? "true" : "false"),
            ("epochs", String(epochs)),
            ("batch_size", String(scenario.batchSize)),
            ("seed", String(scenario.seed)),
            ("data", "[\n" + data.joined(separator: ",\n") + "\n  ]"),
            ("watch", JSONOutput.array(watch).text),
        ]
        let notes = scenario.notes.filter { $0.epoch >= firstEpoch && $0.epoch - firstEpoch < epochs }.map { note in
            "    {\"epoch\": \(note.epoch - firstEpoch + 1), \"step\": \(note.step), \"text\": \(JSONOutput.string(note.text).text)}"
        }
        var all = members + (notes.isEmpty ? [] : [("notes", "[\n" + notes.joined(separator: ",\n") + "\n  ]")])
        if let state, scenario.optimizer.stateBuffers > 0 {
            all.append(("optimizer_state", stateText(state, optimizer: scenario.optimizer, sizes: sizes)))
        }
        return "{\n" + all.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
    }
}

extension ScenarioWriter {
    /// The optimizer with every number spelled out.
    static func optimizerText(_ optimizer: Optimizer) -> String {
        func number(_ value: Double) -> String { JSONOutput.number(value).exactText }
        switch optimizer {
        case .sgd: return "\"sgd\""
        case .momentum(let mu): return "{\"kind\": \"momentum\", \"momentum\": \(number(mu))}"
        case .adam(let beta1, let beta2, let epsilon):
            return "{\"kind\": \"adam\", \"beta1\": \(number(beta1)), \"beta2\": \(number(beta2)), "
                + "\"epsilon\": \(number(epsilon))}"
        }
    }

    /// The optimizer's state as the decoder reads it: the update count and each buffer shaped as the layers.
    static func stateText(_ state: OptimizerState, optimizer: Optimizer, sizes: [Int]) -> String {
        func buffer(_ flat: [Double]) -> String {
            var offset = 0, layers: [String] = []
            for l in 1..<sizes.count {
                let weights = stride(from: 0, to: sizes[l - 1] * sizes[l], by: sizes[l]).map {
                    Array(flat[offset + $0..<offset + $0 + sizes[l]])
                }
                offset += sizes[l - 1] * sizes[l]
                let biases = Array(flat[offset..<offset + sizes[l]])
                offset += sizes[l]
                let (weightText, biasText) = (JSONOutput.matrix(weights).exactText, JSONOutput.numbers(biases).exactText)
                layers.append("      {\"weights\": \(weightText), \"biases\": \(biasText)}")
            }
            return "[\n" + layers.joined(separator: ",\n") + "\n    ]"
        }
        let buffers: [(String, [Double])] = optimizer.stateBuffers == 1 ? [("velocity", state.first)]
            : [("m", state.first), ("v", state.second)]
        let members = [("steps", String(state.steps))] + buffers.map { ($0.0, buffer($0.1)) }
        return "{\n" + members.map { "    \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n  }"
    }
}

extension JSONOutput {
    /// The text, with a negative zero kept as `-0.0` so that it reads back with its sign.
    var exactText: String {
        switch self {
        case .number(let value) where value == 0 && value.sign == .minus: return "-0.0"
        case .array(let elements): return "[" + elements.map(\.exactText).joined(separator: ",") + "]"
        default: return text
        }
    }
}
