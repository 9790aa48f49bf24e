/// Reads and checks a scenario's `"dataset"`, which generates the samples instead of `"data"`.
extension Reader {
    static let datasetFields = ["kind", "samples", "noise", "seed"]

    func datasetSpec(_ value: JSONValue, scenarioSeed: UInt64) throws(ScenarioError) -> DatasetSpec {
        _ = try object(value, "dataset", known: Self.datasetFields)
        guard let kindValue = value["kind"] else { throw fail("dataset.kind", missingField, at: value) }
        let kind = try datasetKind(kindValue)
        let sampleRange = DatasetSpec.minimumSamples...ScenarioLimits.maximumSamples
        let samples = try value["samples"].map { (v) throws(ScenarioError) in
            try integer(v, "dataset.samples", in: sampleRange)
        } ?? DatasetSpec.defaultSamples
        let noise = try value["noise"].map { (v) throws(ScenarioError) in
            try datasetNoise(v)
        } ?? DatasetSpec.defaultNoise
        let seed = try value["seed"].map { (v) throws(ScenarioError) in
            UInt64(try integer(v, "dataset.seed", in: 0...(1 << 53)))
        } ?? scenarioSeed
        return DatasetSpec(kind: kind, samples: samples, noise: noise, seed: seed)
    }

    /// The kind, with the nearest known kind for a misspelt one.
    func datasetKind(_ value: JSONValue) throws(ScenarioError) -> DatasetKind {
        let text = try string(value, "dataset.kind")
        if let kind = DatasetKind(rawValue: text) { return kind }
        let names = DatasetKind.allCases.map(\.rawValue)
        var message = "is \"\(excerpt(text))\""
        if let suggestion = closestName(to: text.lowercased(), in: names) {
            message += " (did you mean \"\(suggestion)\"?)"
        }
        message += ", expected one of " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        throw fail("dataset.kind", message, at: value)
    }

    func datasetNoise(_ value: JSONValue) throws(ScenarioError) -> Double {
        let noise = try number(value, "dataset.noise")
        guard noise >= 0, noise.isFinite else {
            let why = "expected a finite number of at least 0 "
                + "(the standard deviation of the jitter added to each input)"
            throw fail("dataset.noise", "is \(format(noise)), \(why)", at: value)
        }
        return noise
    }

    /// A generated point has two inputs and a class: the net needs 2 inputs and 1 or 2 outputs.
    func checkShapeForDataset(_ shape: SampleShape) throws(ScenarioError) {
        let input = shape.layerValues[0]
        guard shape.inputUnits == 2 else {
            let why = "but a dataset generates points of 2 inputs (x1, x2): expected 2"
            throw fail("layers[0].units", "is \(shape.inputUnits), \(why)", at: input["units"] ?? input)
        }
        let path = "layers[\(shape.outputLayer)].units"
        let output = shape.layerValues[shape.outputLayer]
        let place = output["units"] ?? output
        guard shape.outputUnits <= 2 else {
            let why = "but a dataset generates a class 0 or 1 for each point: expected 1 (the class) "
                + "or 2 (one-hot: [1, 0] for class 0, [0, 1] for class 1) units in the output layer"
            throw fail(path, "is \(shape.outputUnits), \(why)", at: place)
        }
        if shape.outputUnits == 1 && shape.outputActivation == .softmax {
            let why = "but a softmax over one unit is always 1: expected 2 units (one-hot classes) with a dataset"
            throw fail(path, "is 1, \(why)", at: place)
        }
    }
}
