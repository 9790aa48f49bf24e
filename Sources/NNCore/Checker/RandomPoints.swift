/// The random test points of a check: random parameters and random data in place of the batch's.
///
/// Varying only the parameters is not enough: on a batch whose one sample has y = 1, every term
/// of ∂E/∂ŷ that carries (1 − y) is 0 at every point, so a formula with that term wrong passes;
/// one-hot targets hide softmax taken as sigmoids, and fixed inputs hide a wrong input factor.
/// So each random point also draws the batch's inputs (around the scale of the data) and valid
/// targets for the loss.
struct RandomPoints {
    /// The scenario with the random points' samples appended after its own: every point's record
    /// reads its data through its sample range, as the current point's does.
    var scenario: Scenario
    /// The points, labelled "random point 1" and so on.
    var records: [(String, BatchRecord)]

    /// Points for `weight` at batch `batch`, chosen where ∂J/∂w is not 0 when such points can be
    /// found (on relu nets a random setting often switches the weight's paths off, and 0 = 0
    /// tests nothing).
    init(for weight: WeightID, scenario: Scenario, batch: Int, count: Int, maximumDraws: Int) {
        var random = SeededRandom(seed: 0x5EED)
        let data = DataRanges(scenario)
        let sampleCount = scenario.batchRange(batch).count
        var useful: [(BatchRecord, [Sample])] = [], idle: [(BatchRecord, [Sample])] = []
        for draw in 0..<maximumDraws where useful.count < count {
            var drawn = scenario
            for l in drawn.layers.indices {
                drawn.layers[l].weights = drawn.layers[l].weights.map { $0.map { _ in random.uniform(limit: 1.5) } }
                drawn.layers[l].biases = drawn.layers[l].biases.map { _ in random.uniform(limit: 0.5) }
            }
            // Each draw's targets follow a pattern of its own, so that across the points targets
            // strictly between 0 and 1, 0 and 1 all occur.
            drawn.samples = (0..<sampleCount).map { data.sample(point: draw, index: $0, random: &random) }
            drawn.batchSize = sampleCount
            let record = TrainingRun(scenario: drawn).record(epoch: 0, batch: 0)
            if Truth(scenario: drawn, weight: weight).sampleGradients(record).contains(where: { $0 != 0 && $0.isFinite }) {
                useful.append((record, drawn.samples))
            } else if idle.count < count {
                idle.append((record, drawn.samples))
            }
        }
        // Most points where the gradient is not 0, and one where it is when there is one: there a
        // formula that leaves out relu′ still gives a value, and is caught.
        let chosen = (useful.prefix(count - min(1, idle.count)) + idle + useful.dropFirst(count - 1)).prefix(count)
        var extended = scenario
        records = []
        for (offset, (record, samples)) in chosen.enumerated() {
            var moved = record
            moved.sampleRange = extended.samples.count..<extended.samples.count + samples.count
            extended.samples += samples
            records.append(("random point \(offset + 1)", moved))
        }
        self.scenario = extended
    }
}

/// The scale of a scenario's inputs and the range of its targets, for drawing random data.
struct DataRanges {
    let loss: LossFunction
    let softmax: Bool
    /// Per input: the largest |x| in the data (1 where every x is 0).
    let inputScales: [Double]
    /// Per output: the smallest and largest target.
    let targetBounds: [(low: Double, high: Double)]

    init(_ scenario: Scenario) {
        loss = scenario.loss
        softmax = scenario.layers.last?.activation == .softmax
        let inputs = scenario.inputUnits, outputs = scenario.layerSizes.last ?? 1
        var scales = [Double](repeating: 0, count: inputs)
        var bounds = [(low: Double, high: Double)](repeating: (.infinity, -.infinity), count: outputs)
        for sample in scenario.samples {
            for j in 0..<inputs where sample.x[j].isFinite { scales[j] = max(scales[j], abs(sample.x[j])) }
            for k in 0..<outputs where sample.y[k].isFinite {
                bounds[k] = (min(bounds[k].low, sample.y[k]), max(bounds[k].high, sample.y[k]))
            }
        }
        inputScales = scales.map { $0 > 0 ? $0 : 1 }
        targetBounds = bounds.map { $0.low <= $0.high ? $0 : (0, 1) }
    }

    /// A random sample for point `point`: inputs uniform within ± the data's scale, targets valid
    /// for the loss.
    func sample(point: Int, index: Int, random: inout SeededRandom) -> Sample {
        let x = inputScales.map { random.uniform(limit: $0) }
        return Sample(x: x, y: targets(point: point, index: index, random: &random))
    }

    func targets(point: Int, index: Int, random: inout SeededRandom) -> [Double] {
        let outputs = targetBounds.indices
        switch (loss, softmax) {
        case (.crossEntropy, true):
            // A probability vector: with one-hot targets softmax's outputs summing to 1 hides
            // a formula that treats them as independent sigmoids.
            let weights = outputs.map { _ in 0.05 + random.unit() }
            let total = weights.reduce(0, +)
            return weights.map { $0 / total }
        case (.meanSquaredError, _):
            return targetBounds.map { bounds in
                let spread = bounds.high - bounds.low
                let pad = spread > 0 ? spread / 4 : max(1, abs(bounds.low))
                return bounds.low - pad + random.unit() * (spread + 2 * pad)
            }
        default:
            // y strictly between 0 and 1, 0 or 1 in turn, so that both terms of binary
            // cross-entropy count.
            return outputs.map { k in
                switch (point + index + k) % 3 {
                case 0: return 0.05 + 0.9 * random.unit()
                case 1: return 0
                default: return 1
                }
            }
        }
    }
}
