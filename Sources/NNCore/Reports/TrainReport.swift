/// Training without recording steps, for `nnview train`.
public struct TrainReport {
    /// Epochs trained.
    public var epochs: Int
    /// The last epoch's loss, each sample's loss taken as its batch was processed.
    public var loss: Double
    /// The loss over all samples at the trained parameters.
    public var finalLoss: Double
    /// The trained parameters.
    public var parameters: Parameters
    /// The scenario.
    public var scenario: Scenario

    /// Trains `scenario` for `epochs` (default: the scenario's).
    public init(scenario: Scenario, epochs: Int? = nil) {
        let kernel = Kernel(scenario: scenario)
        let count = epochs ?? scenario.epochs
        var loss = Double.nan
        for _ in 0..<count { loss = kernel.trainEpoch(batchSize: scenario.batchSize) }
        self.epochs = count
        self.loss = loss
        parameters = kernel.parameters
        finalLoss = kernel.datasetLoss()
        self.scenario = scenario
    }

    /// `epochs`, `loss`, `final_loss`, `weights`, `biases`.
    public var json: JSONOutput {
        .object([("epochs", .integer(epochs)), ("loss", .number(loss)), ("final_loss", .number(finalLoss))]
            + TraceRecord.parameters(parameters, scenario: scenario))
    }

    /// A readable summary with every trained parameter.
    public func text(style: NumberStyle = .standard) -> String {
        let symbols = Symbols(scenario: scenario)
        // The name is escaped here, not only on the way out, so that a line feed in it cannot
        // start a line of its own.
        var lines = [
            "\(TerminalText.escaped(scenario.name)): trained \(epochs) epoch\(epochs == 1 ? "" : "s")",
            "loss of the last epoch: \(style.format(loss))",
            "loss at the trained parameters: \(style.format(finalLoss))",
            "",
        ]
        for l in 0..<scenario.layers.count {
            lines.append("\(symbols.weightMatrix(layer: l)) (\(symbols.layerTitle(l))):")
            let units = scenario.layerSizes[l + 1]
            for id in WeightID.all(layerSizes: scenario.layerSizes) where id.layer == l {
                let value = id.from.map { parameters.weights[l][$0 * units + id.to] } ?? parameters.biases[l][id.to]
                lines.append("  \(symbols.parameter(id)) = \(style.format(value))")
            }
        }
        return lines.joined(separator: "\n")
    }
}
