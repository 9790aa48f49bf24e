/// A plain forward pass over many input points at once, without the kernel's training buffers:
/// for drawing what a net computes over its input plane (a decision map) or at its data points.
public enum Network {
    /// Points a chunk of the forward pass holds: enough for σ and tanh to run on long vectors,
    /// small enough that a chunk's layers stay in the cache.
    static let chunk = 256

    /// The outputs of the net of `scenario` with `parameters` at each point of `inputs` (flat,
    /// row-major: `scenario.inputUnits` values a point), flat, `outputs` values a point.
    ///
    /// Each unit's weighted sum is added in the kernel's order (the bias, then input 1, 2, …), so
    /// the values are those training computes. Two buffers are allocated per call, none per point.
    public static func outputs(parameters: Parameters, scenario: Scenario, inputs: [Double]) -> [Double] {
        let sizes = scenario.layerSizes
        let count = inputs.count / sizes[0]
        var result = [Double](repeating: 0, count: count * sizes[sizes.count - 1])
        let widest = sizes.max() ?? 1
        var net = [Double](repeating: 0, count: chunk * widest)
        var activations = [Double](repeating: 0, count: chunk * widest)
        var start = 0
        while start < count {
            let rows = min(chunk, count - start)
            for index in 0..<(rows * sizes[0]) { activations[index] = inputs[start * sizes[0] + index] }
            for (l, layer) in scenario.layers.enumerated() {
                forward(rows: rows, previous: sizes[l], units: sizes[l + 1], weights: parameters.weights[l],
                        biases: parameters.biases[l], activation: layer.activation, net: &net, activations: &activations)
            }
            let outputs = sizes[sizes.count - 1]
            for index in 0..<(rows * outputs) { result[start * outputs + index] = activations[index] }
            start += rows
        }
        return result
    }

    /// Every layer's pre-activations and activations for one input point (`:predict`).
    public static func layers(parameters: Parameters, scenario: Scenario, input: [Double]) -> (net: [[Double]], out: [[Double]]) {
        let widest = scenario.layerSizes.max() ?? 1
        var net = [Double](repeating: 0, count: widest), activations = input + [Double](repeating: 0, count: max(0, widest - input.count))
        var nets: [[Double]] = [], outs: [[Double]] = []
        for (l, layer) in scenario.layers.enumerated() {
            forward(rows: 1, previous: scenario.layerSizes[l], units: layer.units, weights: parameters.weights[l],
                    biases: parameters.biases[l], activation: layer.activation, net: &net, activations: &activations)
            nets.append(Array(net.prefix(layer.units)))
            outs.append(Array(activations.prefix(layer.units)))
        }
        return (nets, outs)
    }

    /// One layer over `rows` points: net = b + a·W row by row, then the activation in place of a.
    private static func forward(rows: Int, previous: Int, units: Int, weights: [Double], biases: [Double],
                                activation: Activation, net: inout [Double], activations: inout [Double]) {
        weights.withUnsafeBufferPointer { w in
            biases.withUnsafeBufferPointer { b in
                net.withUnsafeMutableBufferPointer { net in
                    activations.withUnsafeMutableBufferPointer { a in
                        for r in 0..<rows {
                            let out = net.baseAddress! + r * units, input = a.baseAddress! + r * previous
                            for j in 0..<units { out[j] = b[j] }
                            for i in 0..<previous {
                                let value = input[i], row = w.baseAddress! + i * units
                                for j in 0..<units { out[j] += value * row[j] }
                            }
                        }
                        activation.apply(net: net.baseAddress!, out: a.baseAddress!, rows: rows, units: units)
                    }
                }
            }
        }
    }
}

/// A net of two inputs evaluated at the centres of a grid of cells over a rectangle of its input
/// plane: X₁ grows to the right, X₂ upwards, so row 0 is the top (the largest X₂).
public struct DecisionMap: Sendable, Equatable {
    /// The range of X₁ across the grid (left edge to right edge).
    public let x1: ClosedRange<Double>
    /// The range of X₂ (bottom edge to top edge).
    public let x2: ClosedRange<Double>
    /// Cells across and down.
    public let columns: Int, rows: Int
    /// Output units per point.
    public let outputs: Int
    /// Outputs, row by row from the top, `outputs` values a cell.
    public let values: [Double]

    /// Evaluates the net of `scenario` (which must have two inputs) with `parameters` at the
    /// centre of each of `columns` × `rows` cells covering `x1` × `x2`.
    public init(parameters: Parameters, scenario: Scenario, x1: ClosedRange<Double>, x2: ClosedRange<Double>,
                columns: Int, rows: Int) {
        precondition(scenario.inputUnits == 2, "a decision map needs a net with two inputs")
        self.x1 = x1
        self.x2 = x2
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        outputs = scenario.layers[scenario.layers.count - 1].units
        var inputs = [Double](repeating: 0, count: self.columns * self.rows * 2)
        for row in 0..<self.rows {
            let second = Self.centre(row, of: self.rows, in: x2, downwards: true)
            for column in 0..<self.columns {
                inputs[(row * self.columns + column) * 2] = Self.centre(column, of: self.columns, in: x1, downwards: false)
                inputs[(row * self.columns + column) * 2 + 1] = second
            }
        }
        values = Network.outputs(parameters: parameters, scenario: scenario, inputs: inputs)
    }

    /// Output `unit` at the cell in `column` and `row`.
    public func value(column: Int, row: Int, unit: Int = 0) -> Double {
        values[(row * columns + column) * outputs + unit]
    }

    /// The point at the centre of cell `index` of `count` across `range`; counted from the top
    /// (the upper end) when `downwards`.
    public static func centre(_ index: Int, of count: Int, in range: ClosedRange<Double>, downwards: Bool) -> Double {
        let span = range.upperBound - range.lowerBound
        let offset = (Double(index) + 0.5) / Double(count) * span
        return downwards ? range.upperBound - offset : range.lowerBound + offset
    }

    /// The cell (0-based, clamped to the grid) holding `value` when `count` cells cover `range`,
    /// counted from the top when `downwards`.
    public static func cell(of value: Double, count: Int, in range: ClosedRange<Double>, downwards: Bool) -> Int {
        let span = range.upperBound - range.lowerBound
        let fraction = span > 0 ? (value - range.lowerBound) / span : 0.5
        let index = Int(((downwards ? 1 - fraction : fraction) * Double(count)).rounded(.down))
        return min(max(0, index), count - 1)
    }

    /// The range of input `input` over `samples`, widened by `margin` of its span on each side
    /// (by 0.5 on each side when every sample has the same value), so no point sits on an edge.
    public static func inputRange(_ samples: [Sample], input: Int, margin: Double = 0.1) -> ClosedRange<Double> {
        let values = samples.map { $0.x[input] }.filter(\.isFinite)
        guard let low = values.min(), let high = values.max() else { return -1...1 }
        let span = high - low
        let pad = span > 0 ? span * margin : 0.5
        return (low - pad)...(high + pad)
    }
}
