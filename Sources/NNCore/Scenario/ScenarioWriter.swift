/// Writes a scenario back as a version-1 scenario file, with everything spelled out: every
/// weight and bias (whatever a seed drew), the data, and every setting with its default
/// resolved. Numbers are written as the shortest text that reads back as the same Double, so
/// the file continues a run bit for bit.
public enum ScenarioWriter {
    /// The file for `scenario` starting from `parameters`, training for `epochs` epochs, titled `name`.
    /// The run starts at the scenario's epoch `firstEpoch` (from 1): lesson notes of earlier epochs
    /// are left out and the others renumbered.
    public static func text(_ scenario: Scenario, parameters: Parameters, epochs: Int, name: String, firstEpoch: Int = 1) -> String {
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
            ("epochs", String(epochs)),
            ("batch_size", String(scenario.batchSize)),
            ("seed", String(scenario.seed)),
            ("data", "[\n" + data.joined(separator: ",\n") + "\n  ]"),
            ("watch", JSONOutput.array(watch).text),
        ]
        let notes = scenario.notes.filter { $0.epoch >= firstEpoch && $0.epoch - firstEpoch < epochs }.map { note in
            "    {\"epoch\": \(note.epoch - firstEpoch + 1), \"step\": \(note.step), \"text\": \(JSONOutput.string(note.text).text)}"
        }
        let all = members + (notes.isEmpty ? [] : [("notes", "[\n" + notes.joined(separator: ",\n") + "\n  ]")])
        return "{\n" + all.map { "  \"\($0.0)\": \($0.1)" }.joined(separator: ",\n") + "\n}\n"
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
