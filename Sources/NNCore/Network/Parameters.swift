/// All weights and biases of a network in flat contiguous buffers, the layout the fast
/// training loop works on: layer l's weight from unit i to unit j is `weights[l][i * units + j]`.
public struct Parameters: Sendable, Equatable {
    /// Per layer after the input: the weight matrix, row-major (previous units × units).
    public var weights: [[Double]]
    /// Per layer after the input: the biases.
    public var biases: [[Double]]

    /// Creates parameters from flat buffers.
    public init(weights: [[Double]], biases: [[Double]]) {
        self.weights = weights
        self.biases = biases
    }

    /// Flattens the scenario's layers.
    public init(layers: [LayerSpec]) {
        weights = layers.map { $0.weights.flatMap { $0 } }
        biases = layers.map(\.biases)
    }

    /// The weight matrix of layer `layer` (0-based after the input) in the scenario's layout, weights[i][j].
    public func weightMatrix(_ layer: Int, units: Int) -> [[Double]] {
        stride(from: 0, to: weights[layer].count, by: units).map { Array(weights[layer][$0..<$0 + units]) }
    }
}
