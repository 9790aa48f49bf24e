/// The machine-readable form of a step, one JSON object a line in `nnview trace --format jsonl`.
///
/// Fields (epoch, batch, step and layer are 1-based; `step` counts within the epoch):
/// - all: `phase`, `epoch`, `batch`, `step`
/// - forward: `layer`, `net`, `out` (one row per sample of the batch)
/// - loss: `loss` (the batch loss J), `sample_losses`
/// - backward: `layer`, `d_out` (∂E/∂out per sample), `delta` (∂E/∂net per sample, before the
///   reduction), `grad_weights` (∂J/∂W in the scenario's layout), `grad_biases`
/// - update: `weights`, `biases` of every layer after the step, in the scenario's layout
public enum TraceRecord {
    /// The JSON object of `step`.
    public static func json(_ step: Step, scenario: Scenario) -> JSONOutput {
        let record = step.record
        var members: [(String, JSONOutput)] = [
            ("phase", .string(step.phase.name)), ("epoch", .integer(step.epoch + 1)),
            ("batch", .integer(step.batch + 1)), ("step", .integer(step.stepInEpoch + 1)),
        ]
        switch step.phase {
        case .forward(let l):
            members += [("layer", .integer(l + 1)), ("net", .matrix(record.net[l])), ("out", .matrix(record.out[l]))]
        case .loss:
            members += [("loss", .number(record.loss)), ("sample_losses", .numbers(record.sampleLosses))]
        case .backward(let l):
            let units = scenario.layerSizes[l + 1]
            members += [
                ("layer", .integer(l + 1)), ("d_out", .matrix(record.outGradient[l])), ("delta", .matrix(record.delta[l])),
                ("grad_weights", .matrix(rows(record.weightGradients[l], units: units))),
                ("grad_biases", .numbers(record.biasGradients[l])),
            ]
        case .update:
            members += parameters(record.parametersAfter, scenario: scenario)
        }
        return .object(members)
    }

    /// `weights` (per layer, weights[i][j]) and `biases` (per layer) members for `parameters`.
    public static func parameters(_ parameters: Parameters, scenario: Scenario) -> [(String, JSONOutput)] {
        let sizes = scenario.layerSizes
        return [
            ("weights", .array(parameters.weights.indices.map { .matrix(rows(parameters.weights[$0], units: sizes[$0 + 1])) })),
            ("biases", .array(parameters.biases.map(JSONOutput.numbers))),
        ]
    }

    static func rows(_ flat: [Double], units: Int) -> [[Double]] {
        stride(from: 0, to: flat.count, by: units).map { Array(flat[$0..<$0 + units]) }
    }
}
