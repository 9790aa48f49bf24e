import Foundation

/// Reads a scenario file (JSON, version 1) into a validated ``Scenario``; every problem becomes
/// one ``ScenarioError`` naming the file, the field and what was expected.
public enum ScenarioDecoder {
    /// Loads and validates the scenario file at `path`.
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        let data = try ScenarioFile.contents(at: path)
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try decode(data, file: path, defaultName: name)
    }

    /// Validates scenario `data` read from `file` (used in messages).
    public static func decode(_ data: Data, file: String, defaultName: String = "scenario") throws(ScenarioError) -> Scenario {
        if data.isEmpty { throw ScenarioError(file: file, path: "", message: "is empty, expected a scenario (a JSON object)") }
        if data.count > ScenarioLimits.maximumFileBytes {
            throw ScenarioError(file: file, path: "", message: "is \(data.count) bytes, more than the \(ScenarioLimits.maximumFileBytes) a scenario may have")
        }
        if data.contains(0) { throw ScenarioError(file: file, path: "", message: "is a binary file, expected a scenario (JSON text)") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioError(file: file, path: "", message: "is not UTF-8 text, expected a scenario (JSON)")
        }
        let root: JSONValue
        do {
            root = try JSONParser.parse(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text)
        } catch {
            throw ScenarioError(file: file, path: "", message: "is not valid JSON: \(error.message)", line: error.line, column: error.column)
        }
        var reader = Reader(file: file)
        return try reader.scenario(root, defaultName: defaultName)
    }

    /// The seed 000 network (two sigmoid outputs, BCE), used when nnview is run without a file.
    public static var defaultScenario: Scenario {
        // The embedded text is valid by construction, and a test decodes it.
        try! decode(Data(DefaultScenario.json.utf8), file: "(default scenario)")
    }
}

/// Walks the JSON tree with the current path, producing errors that name it.
struct Reader {
    let file: String

    func fail(_ path: String, _ message: String, at value: JSONValue? = nil) -> ScenarioError {
        ScenarioError(file: file, path: path, message: message, line: value?.line, column: value?.column)
    }

    func object(_ value: JSONValue, _ path: String, known: [String]) throws(ScenarioError) -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = value.kind else {
            throw fail(path, "is \(value.typeDescription), expected an object", at: value)
        }
        for member in members where !known.contains(member.key) {
            var message = "has an unknown field \"\(excerpt(member.key))\""
            if let suggestion = closestName(to: member.key, in: known) {
                message += " (did you mean \"\(suggestion)\"?)"
            }
            message += "; known fields: \(known.joined(separator: ", "))"
            throw fail(path.isEmpty ? "the scenario" : path, message, at: member.value)
        }
        return members
    }

    /// A missing field has no place of its own, so the message points at the object it is missing from.
    let missingField = "is missing (required) from the object that starts at"

    func number(_ value: JSONValue, _ path: String) throws(ScenarioError) -> Double {
        guard case .number(let number) = value.kind else {
            throw fail(path, "is \(value.typeDescription), expected a number", at: value)
        }
        return number
    }

    /// A whole number in `range`. Every refusal names the range ("expected 1" when it is one
    /// value), including for fractions and numbers too large for an Int, such as a seed of 2⁷⁰.
    func integer(_ value: JSONValue, _ path: String, in range: ClosedRange<Int>) throws(ScenarioError) -> Int {
        let number = try number(value, path)
        let expected = range.lowerBound == range.upperBound ? "\(range.lowerBound)"
            : range.upperBound == Int.max ? "a whole number of at least \(range.lowerBound)"
            : "a whole number from \(range.lowerBound) to \(range.upperBound)"
        // Compared as Doubles first, so that Int(number) below cannot trap; 9e18 < Int.max.
        guard number == number.rounded(), abs(number) < 9e18,
              number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw fail(path, "is \(format(number)), expected \(expected)", at: value)
        }
        return Int(number)
    }

    func string(_ value: JSONValue, _ path: String) throws(ScenarioError) -> String {
        guard case .string(let string) = value.kind else {
            throw fail(path, "is \(value.typeDescription), expected a string", at: value)
        }
        return string
    }

    func array(_ value: JSONValue, _ path: String) throws(ScenarioError) -> [JSONValue] {
        guard case .array(let elements) = value.kind else {
            throw fail(path, "is \(value.typeDescription), expected an array", at: value)
        }
        return elements
    }

    func choice<T: RawRepresentable & CaseIterable>(_ value: JSONValue, _ path: String, as type: T.Type) throws(ScenarioError) -> T where T.RawValue == String {
        let text = try string(value, path)
        guard let result = T(rawValue: text) else {
            let options = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")
            throw fail(path, "is \"\(excerpt(text))\", expected one of \(options)", at: value)
        }
        return result
    }

    func vector(_ value: JSONValue, _ path: String, count: Int, what: String) throws(ScenarioError) -> [Double] {
        let elements = try array(value, path)
        guard elements.count == count else {
            throw fail(path, "has \(elements.count) value\(elements.count == 1 ? "" : "s"), expected \(count) (\(what))", at: value)
        }
        var result: [Double] = []
        for (index, element) in elements.enumerated() { result.append(try number(element, "\(path)[\(index)]")) }
        return result
    }

    mutating func scenario(_ root: JSONValue, defaultName: String) throws(ScenarioError) -> Scenario {
        guard case .object = root.kind else {
            throw fail("", "is \(root.typeDescription), expected a scenario (a JSON object with \"layers\", \"loss\", \"data\", …)", at: root)
        }
        _ = try object(root, "", known: ScenarioDecoderFields.known)
        func required(_ key: String) throws(ScenarioError) -> JSONValue {
            guard let value = root[key] else { throw fail(key, missingField, at: root) }
            return value
        }

        if let version = root["version"] { _ = try integer(version, "version", in: 1...1) }
        let name = try root["name"].map { (v) throws(ScenarioError) in try string(v, "name") } ?? defaultName
        let description = try root["description"].map { (v) throws(ScenarioError) in try string(v, "description") } ?? ""

        // Layers.
        let layerValues = try array(try required("layers"), "layers")
        guard layerValues.count >= 2 else {
            throw fail("layers", "has \(layerValues.count) layer\(layerValues.count == 1 ? "" : "s"), expected at least 2 (the input layer and an output layer)", at: root["layers"])
        }
        guard layerValues.count <= ScenarioLimits.maximumLayers + 1 else {
            throw fail("layers", "has \(layerValues.count) layers, expected at most \(ScenarioLimits.maximumLayers + 1) (the input and \(ScenarioLimits.maximumLayers) with weights)", at: root["layers"])
        }
        let unitRange = 1...ScenarioLimits.maximumUnits
        _ = try object(layerValues[0], "layers[0]", known: ["units"])
        guard let inputUnitsValue = layerValues[0]["units"] else {
            throw fail("layers[0].units", missingField, at: layerValues[0])
        }
        let inputUnits = try integer(inputUnitsValue, "layers[0].units", in: unitRange)

        let seed = try root["seed"].map { (v) throws(ScenarioError) in UInt64(try integer(v, "seed", in: 0...(1 << 53))) } ?? 0
        var random = SeededRandom(seed: seed)
        var layers: [LayerSpec] = []
        var previousUnits = inputUnits
        for index in 1..<layerValues.count {
            let path = "layers[\(index)]"
            let value = layerValues[index]
            _ = try object(value, path, known: ["units", "activation", "weights", "biases"])
            guard let unitsValue = value["units"] else { throw fail("\(path).units", missingField, at: value) }
            let units = try integer(unitsValue, "\(path).units", in: unitRange)
            let activation = try value["activation"].map { (v) throws(ScenarioError) in try choice(v, "\(path).activation", as: Activation.self) } ?? .sigmoid
            if activation == .softmax && index != layerValues.count - 1 {
                throw fail("\(path).activation", "is \"softmax\", which is allowed on the output layer only", at: value["activation"])
            }
            var weights: [[Double]]
            if let weightsValue = value["weights"] {
                let rows = try array(weightsValue, "\(path).weights")
                guard rows.count == previousUnits else {
                    throw fail("\(path).weights", "has \(rows.count) row\(rows.count == 1 ? "" : "s"), expected \(previousUnits) (units of layers[\(index - 1)]); weights[i][j] goes from unit i of layers[\(index - 1)] to unit j of \(path)", at: weightsValue)
                }
                weights = []
                for (row, rowValue) in rows.enumerated() {
                    weights.append(try vector(rowValue, "\(path).weights[\(row)]", count: units, what: "units of \(path)"))
                }
            } else {
                // Glorot-uniform initialisation from the scenario's seed.
                let limit = (6.0 / Double(previousUnits + units)).squareRoot()
                weights = (0..<previousUnits).map { _ in (0..<units).map { _ in random.uniform(limit: limit) } }
            }
            let biases = try value["biases"].map { (v) throws(ScenarioError) in try vector(v, "\(path).biases", count: units, what: "units of \(path)") } ?? Array(repeating: 0, count: units)
            layers.append(LayerSpec(units: units, activation: activation, weights: weights, biases: biases))
            previousUnits = units
        }
        let outputUnits = previousUnits

        // Loss.
        let lossValue = try required("loss")
        let loss = try choice(lossValue, "loss", as: LossFunction.self)
        let outputActivation = layers[layers.count - 1].activation
        if !loss.allowedOutputActivations.contains(outputActivation) {
            let allowed = loss.allowedOutputActivations.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            let why = outputActivation == .softmax ? "softmax goes with \"cross_entropy\" only" : "\"\(loss.rawValue)\" needs an output activation of \(allowed)"
            throw fail("layers[\(layers.count)].activation", "is \"\(outputActivation.rawValue)\", but \(why)", at: layerValues[layers.count]["activation"] ?? layerValues[layers.count])
        }
        let reduction = try root["reduction"].map { (v) throws(ScenarioError) in try choice(v, "reduction", as: Reduction.self) } ?? .mean

        let learningRateValue = try required("learning_rate")
        let learningRate = try number(learningRateValue, "learning_rate")
        guard learningRate > 0 else { throw fail("learning_rate", "is \(format(learningRate)), expected a number greater than 0", at: learningRateValue) }
        let epochs = try integer(try required("epochs"), "epochs", in: 1...ScenarioLimits.maximumEpochs)

        // Data.
        let shape = SampleShape(
            inputUnits: inputUnits, outputUnits: outputUnits, outputLayer: layers.count, loss: loss,
            outputActivation: outputActivation, layerValues: layerValues
        )
        let samples = try samples(root, shape: shape, scenarioSeed: seed)
        let batchSize = try root["batch_size"].map { (v) throws(ScenarioError) in
            try integer(v, "batch_size", in: 1...samples.count)
        } ?? samples.count

        // Notation.
        let hiddenLayers = layers.count - 1
        var notation: Notation = hiddenLayers <= 1 ? .classic : .layered
        if let notationValue = root["notation"] {
            notation = try choice(notationValue, "notation", as: Notation.self)
            if notation == .classic && hiddenLayers > 1 {
                throw fail("notation", "is \"classic\", which names nets with at most one hidden layer; this one has \(hiddenLayers): use \"layered\"", at: notationValue)
            }
        }

        // Watched weights.
        let sizes = [inputUnits] + layers.map(\.units)
        var watch: [WeightID] = []
        if let watchValue = root["watch"] {
            for (index, element) in try array(watchValue, "watch").enumerated() {
                let text = try string(element, "watch[\(index)]")
                // No weight's name is that long, and reading one that long only costs time.
                guard excerpt(text) == text else {
                    let names = WeightID.nameRanges(layerSizes: sizes, notation: notation)
                    let why = "not a weight of this network: too long for a weight name; its weights are \(names)"
                    throw fail("watch[\(index)]", "is \"\(excerpt(text))\", \(why)", at: element)
                }
                do {
                    watch.append(try WeightID.parse(text, layerSizes: sizes, notation: notation))
                } catch {
                    let names = WeightID.nameRanges(layerSizes: sizes, notation: notation)
                    throw fail("watch[\(index)]", "is \"\(text)\", not a weight of this network: \(error.reason); its weights are \(names)", at: element)
                }
            }
        }
        if watch.isEmpty { watch = [WeightID(layer: 0, from: 0, to: 0)] }

        var scenario = Scenario(
            name: name, description: description, notation: notation, inputUnits: inputUnits, layers: layers,
            loss: loss, reduction: reduction, learningRate: learningRate, epochs: epochs, batchSize: batchSize,
            seed: seed, samples: samples, watch: watch, source: file
        )
        if let notesValue = root["notes"] { scenario.notes = try notes(notesValue, scenario: scenario) }
        try readUpdateRule(root, into: &scenario)
        return scenario
    }

    /// The optimizer, weight decay, train_biases and an exported run's optimizer state.
    func readUpdateRule(_ root: JSONValue, into scenario: inout Scenario) throws(ScenarioError) {
        if let value = root["optimizer"] { scenario.optimizer = try optimizer(value) }
        if let value = root["weight_decay"] {
            let decay = try number(value, "weight_decay")
            guard decay >= 0 else {
                let expected = "expected a number of at least 0 (λ of the term (λ/2)·Σ w² of J)"
                throw fail("weight_decay", "is \(format(decay)), \(expected)", at: value)
            }
            scenario.weightDecay = decay
        }
        if let value = root["train_biases"] {
            guard case .bool(let train) = value.kind else {
                throw fail("train_biases", "is \(value.typeDescription), expected true or false", at: value)
            }
            scenario.trainBiases = train
        }
        if let value = root["optimizer_state"] {
            let sizes = scenario.layerSizes
            scenario.initialOptimizerState = try optimizerState(value, optimizer: scenario.optimizer, sizes: sizes)
        }
    }

    static let optimizerKinds = "\"sgd\", \"momentum\" or \"adam\""

    /// "sgd", "momentum", "adam" (with their defaults), or an object with "kind" and the rule's numbers.
    func optimizer(_ value: JSONValue) throws(ScenarioError) -> Optimizer {
        if case .string(let text) = value.kind {
            switch text {
            case "sgd": return .sgd
            case "momentum": return .defaultMomentum
            case "adam": return .defaultAdam
            default: throw fail("optimizer", "is \"\(excerpt(text))\", expected \(Self.optimizerKinds)", at: value)
            }
        }
        guard case .object = value.kind else {
            throw fail("optimizer", "is \(value.typeDescription), expected \(Self.optimizerKinds) or an object such as "
                       + "{\"kind\": \"momentum\", \"momentum\": 0.9}", at: value)
        }
        guard let kindValue = value["kind"] else { throw fail("optimizer.kind", missingField, at: value) }
        let kind = try string(kindValue, "optimizer.kind")
        switch kind {
        case "sgd":
            _ = try object(value, "optimizer", known: ["kind"])
            return .sgd
        case "momentum":
            _ = try object(value, "optimizer", known: ["kind", "momentum"])
            return .momentum(try fraction(value["momentum"], "optimizer.momentum", default: 0.9))
        case "adam":
            _ = try object(value, "optimizer", known: ["kind", "beta1", "beta2", "epsilon"])
            let beta1 = try fraction(value["beta1"], "optimizer.beta1", default: 0.9)
            let beta2 = try fraction(value["beta2"], "optimizer.beta2", default: 0.999)
            var epsilon = 1e-8
            if let epsilonValue = value["epsilon"] {
                epsilon = try number(epsilonValue, "optimizer.epsilon")
                guard epsilon > 0 else {
                    throw fail("optimizer.epsilon", "is \(format(epsilon)), expected a number greater than 0", at: epsilonValue)
                }
            }
            return .adam(beta1: beta1, beta2: beta2, epsilon: epsilon)
        default:
            throw fail("optimizer.kind", "is \"\(excerpt(kind))\", expected \(Self.optimizerKinds)", at: kindValue)
        }
    }

    /// A number from 0 up to but not including 1, or `fallback` when the field is left out.
    func fraction(_ value: JSONValue?, _ path: String, default fallback: Double) throws(ScenarioError) -> Double {
        guard let value else { return fallback }
        let number = try number(value, path)
        guard number >= 0 && number < 1 else {
            throw fail(path, "is \(format(number)), expected a number from 0 up to but not including 1", at: value)
        }
        return number
    }

    /// {"steps": t, "velocity": [...]} or {"steps": t, "m": [...], "v": [...]}: each buffer one
    /// {"weights": [[…]], "biases": […]} per layer after the input, as the layers give theirs.
    func optimizerState(_ value: JSONValue, optimizer: Optimizer, sizes: [Int]) throws(ScenarioError) -> OptimizerState {
        let names: [String]
        switch optimizer {
        case .sgd:
            throw fail("optimizer_state", "is given, but the optimizer \"sgd\" keeps no state; expected no optimizer_state",
                       at: value)
        case .momentum: names = ["velocity"]
        case .adam: names = ["m", "v"]
        }
        _ = try object(value, "optimizer_state", known: ["steps"] + names)
        guard let stepsValue = value["steps"] else { throw fail("optimizer_state.steps", missingField, at: value) }
        let steps = try integer(stepsValue, "optimizer_state.steps", in: 0...(1 << 53))
        var buffers: [[Double]] = []
        for name in names {
            guard let buffer = value[name] else { throw fail("optimizer_state.\(name)", missingField, at: value) }
            buffers.append(try stateBuffer(buffer, "optimizer_state.\(name)", sizes: sizes))
        }
        return OptimizerState(steps: steps, first: buffers[0], second: buffers.count > 1 ? buffers[1] : [])
    }

    /// One buffer: per layer after the input, its weights' numbers row-major, then its biases'.
    func stateBuffer(_ value: JSONValue, _ path: String, sizes: [Int]) throws(ScenarioError) -> [Double] {
        let layers = try array(value, path)
        guard layers.count == sizes.count - 1 else {
            let expected = "expected \(sizes.count - 1) (one per layer after the input)"
            throw fail(path, "has \(layers.count) entries, \(expected)", at: value)
        }
        var flat: [Double] = []
        for (index, layer) in layers.enumerated() {
            let layerPath = "\(path)[\(index)]", units = sizes[index + 1]
            _ = try object(layer, layerPath, known: ["weights", "biases"])
            guard let weights = layer["weights"] else { throw fail("\(layerPath).weights", missingField, at: layer) }
            guard let biases = layer["biases"] else { throw fail("\(layerPath).biases", missingField, at: layer) }
            let rows = try array(weights, "\(layerPath).weights")
            guard rows.count == sizes[index] else {
                let expected = "expected \(sizes[index]) (as layers[\(index + 1)].weights)"
                throw fail("\(layerPath).weights", "has \(rows.count) rows, \(expected)", at: weights)
            }
            for (row, rowValue) in rows.enumerated() {
                let what = "units of layers[\(index + 1)]"
                flat += try vector(rowValue, "\(layerPath).weights[\(row)]", count: units, what: what)
            }
            flat += try vector(biases, "\(layerPath).biases", count: units, what: "units of layers[\(index + 1)]")
        }
        return flat
    }

    /// The lesson notes: each names a step of the run and says something there.
    func notes(_ value: JSONValue, scenario: Scenario) throws(ScenarioError) -> [LessonNote] {
        var notes: [LessonNote] = []
        let values = try array(value, "notes")
        guard values.count <= ScenarioLimits.maximumNotes else {
            throw fail("notes", "has \(values.count) notes, expected at most \(ScenarioLimits.maximumNotes)", at: value)
        }
        for (index, element) in values.enumerated() {
            let path = "notes[\(index)]"
            _ = try object(element, path, known: ["epoch", "step", "text"])
            guard let epochValue = element["epoch"] else { throw fail("\(path).epoch", missingField, at: element) }
            guard let textValue = element["text"] else { throw fail("\(path).text", missingField, at: element) }
            let epoch = try integer(epochValue, "\(path).epoch", in: 1...scenario.epochs)
            let step = try element["step"].map { (v) throws(ScenarioError) in
                try integer(v, "\(path).step", in: 1...scenario.stepsPerEpoch)
            } ?? 1
            let text = try string(textValue, "\(path).text")
            guard text.count <= ScenarioLimits.maximumNoteLength else {
                throw fail("\(path).text", "has \(text.count) characters, expected at most \(ScenarioLimits.maximumNoteLength)", at: textValue)
            }
            notes.append(LessonNote(epoch: epoch, step: step, text: text))
        }
        return notes.sorted { ($0.epoch, $0.step) < ($1.epoch, $1.step) }
    }

    /// The samples: listed in `data` or generated by `dataset`, exactly one of the two.
    func samples(_ root: JSONValue, shape: SampleShape, scenarioSeed: UInt64) throws(ScenarioError) -> [Sample] {
        switch (root["data"], root["dataset"]) {
        case (let data?, nil):
            return try listedSamples(data, shape: shape)
        case (nil, let dataset?):
            let spec = try datasetSpec(dataset, scenarioSeed: scenarioSeed)
            try checkShapeForDataset(shape)
            return spec.samples(outputUnits: shape.outputUnits)
        case (_?, let dataset?):
            let why = "is given together with data, expected one of the two: "
                + "data lists the samples, dataset generates them"
            throw fail("dataset", why, at: dataset)
        case (nil, nil):
            let why = "is missing (required, or a dataset to generate the samples) from the object that starts at"
            throw fail("data", why, at: root)
        }
    }

    func listedSamples(_ dataValue: JSONValue, shape: SampleShape) throws(ScenarioError) -> [Sample] {
        let rows = try array(dataValue, "data")
        guard !rows.isEmpty else {
            throw fail("data", "is empty, expected at least one sample {\"x\": [...], \"y\": [...]}", at: dataValue)
        }
        guard rows.count <= ScenarioLimits.maximumSamples else {
            throw fail("data", "has \(rows.count) samples, expected at most \(ScenarioLimits.maximumSamples)", at: dataValue)
        }
        var samples: [Sample] = []
        for (index, row) in rows.enumerated() {
            samples.append(try listedSample(row, path: "data[\(index)]", shape: shape))
        }
        return samples
    }

    func listedSample(_ row: JSONValue, path: String, shape: SampleShape) throws(ScenarioError) -> Sample {
        _ = try object(row, path, known: ["x", "y"])
        guard let xValue = row["x"] else { throw fail("\(path).x", missingField, at: row) }
        guard let yValue = row["y"] else { throw fail("\(path).y", missingField, at: row) }
        let x = try vector(xValue, "\(path).x", count: shape.inputUnits, what: "units of layers[0]")
        let y: [Double]
        if case .number(let single) = yValue.kind, shape.outputUnits == 1 {
            y = [single]
        } else {
            let what = "units of the output layer, layers[\(shape.outputLayer)]"
            y = try vector(yValue, "\(path).y", count: shape.outputUnits, what: what)
        }
        let loss = shape.loss
        if loss != .meanSquaredError {
            for (k, target) in y.enumerated() where !(0...1).contains(target) {
                let why = "but \"\(loss.rawValue)\" needs targets from 0 to 1"
                throw fail("\(path).y[\(k)]", "is \(format(target)), \(why)", at: yValue)
            }
        }
        if loss == .crossEntropy && shape.outputActivation == .softmax {
            let total = y.reduce(0, +)
            if abs(total - 1) > 1e-9 {
                let why = "but softmax with \"cross_entropy\" needs targets that sum to 1 (a probability distribution, e.g. one-hot)"
                throw fail("\(path).y", "sums to \(format(total)), \(why)", at: yValue)
            }
        }
        return Sample(x: x, y: y)
    }

    func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}

/// What the samples must fit: the net's input and output layers and its loss.
struct SampleShape {
    let inputUnits: Int
    let outputUnits: Int
    /// The output layer's index in `layers` (the input is layers[0]).
    let outputLayer: Int
    let loss: LossFunction
    let outputActivation: Activation
    /// The file's layers, to point errors at their place.
    let layerValues: [JSONValue]
}

private enum ScenarioDecoderFields {
    static let known = [
        "version", "name", "description", "notation", "layers", "loss", "reduction", "learning_rate",
        "epochs", "batch_size", "seed", "data", "dataset", "watch", "notes", "optimizer", "weight_decay",
        "train_biases", "optimizer_state",
    ]
}

/// The known name within an edit distance of 3 of `name`, for "did you mean". A name much longer
/// than every known one is at a greater distance from all of them; skipping it keeps a 10 MB key
/// from costing an edit-distance table of 10 million rows.
func closestName(to name: String, in known: [String]) -> String? {
    let longest = known.map(\.utf8.count).max() ?? 0
    guard name.utf8.count <= 4 * (longest + 3) else { return nil }
    let distances = known.map { (name: $0, distance: editDistance($0, name)) }
    guard let best = distances.min(by: { $0.distance < $1.distance }), best.distance <= 3 else { return nil }
    return best.name
}

/// Levenshtein distance, for "did you mean" suggestions on misspelt field names.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
