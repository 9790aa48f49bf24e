import NNCore

/// How the decision map turns outputs into shades and classes, worked out from the scenario
/// alone (no drawing). One output is a value on a scale cut into four bands, the two upper ones
/// the class 1 side of the threshold in the middle; several outputs are the class of the largest.
struct MapShading: Equatable {
    /// What a shade stands for.
    enum Kind: Equatable {
        /// One output from `lower` to `upper`; the threshold is the middle.
        case value(lower: Double, upper: Double)
        /// The index of the largest of `count` outputs.
        case classes(count: Int)
    }

    let kind: Kind

    /// Bands of the value scale.
    static let valueBands = 4

    /// The scale of the scenario's output: σ from 0 to 1, tanh from −1 to 1, others over the
    /// targets' range (from 0 to 1 when the targets are all alike).
    init(scenario: Scenario) {
        let output = scenario.layers[scenario.layers.count - 1]
        guard output.units == 1 else {
            kind = .classes(count: output.units)
            return
        }
        switch output.activation {
        case .sigmoid, .softmax: kind = .value(lower: 0, upper: 1)
        case .tanh: kind = .value(lower: -1, upper: 1)
        case .relu, .linear:
            let targets = scenario.samples.map { $0.y[0] }.filter(\.isFinite)
            let (low, high) = (targets.min() ?? 0, targets.max() ?? 1)
            kind = low < high ? .value(lower: low, upper: high) : .value(lower: 0, upper: 1)
        }
    }

    /// Shades in use: the value bands, or one a class.
    var levels: Int {
        switch kind {
        case .value: return Self.valueBands
        case .classes(let count): return count
        }
    }

    /// The shade of a point whose outputs are `outputs[first..<first + units]`.
    func level(_ outputs: [Double], at first: Int) -> Int {
        switch kind {
        case .value(let lower, let upper):
            let fraction = (outputs[first] - lower) / (upper - lower)
            guard fraction.isFinite else { return fraction > 0 ? Self.valueBands - 1 : 0 }
            return min(Self.valueBands - 1, max(0, Int((fraction * Double(Self.valueBands)).rounded(.down))))
        case .classes(let count):
            return Self.largest(outputs, first: first, count: count)
        }
    }

    /// The class a shade level predicts: the side of the threshold, or the class itself.
    func predictedClass(level: Int) -> Int {
        switch kind {
        case .value: return level >= Self.valueBands / 2 ? 1 : 0
        case .classes: return level
        }
    }

    /// A sample's class: its target on the upper side of the threshold (1) or not (0), or the
    /// index of its largest target.
    func targetClass(_ sample: Sample) -> Int {
        switch kind {
        case .value(let lower, let upper): return sample.y[0] >= (lower + upper) / 2 ? 1 : 0
        case .classes(let count): return Self.largest(sample.y, first: 0, count: count)
        }
    }

    /// The index of the largest of `count` values from `first` (the first of equal ones).
    private static func largest(_ values: [Double], first: Int, count: Int) -> Int {
        var best = 0
        for index in 1..<max(1, count) where values[first + index] > values[first + best] { best = index }
        return best
    }
}
