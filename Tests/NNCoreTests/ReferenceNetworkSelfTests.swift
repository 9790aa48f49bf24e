import Foundation
import Testing

/// The reference implementation itself, against numbers known by hand.
@Suite struct ReferenceNetworkSelfTests {
    /// Matt Mazur's worked example of backpropagation (sigmoid, mse, targets 0.01 and 0.99).
    @Test func mazurExample() {
        let network = ReferenceNetwork(
            layers: [
                ReferenceLayer(activation: "sigmoid", weights: [[0.15, 0.25], [0.20, 0.30]], biases: [0.35, 0.35]),
                ReferenceLayer(activation: "sigmoid", weights: [[0.40, 0.50], [0.45, 0.55]], biases: [0.60, 0.60]),
            ],
            loss: "mse", reduction: "sum"
        )
        let result = network.gradients(xs: [[0.05, 0.10]], ys: [[0.01, 0.99]])
        #expect(abs(result.loss - 0.298371109) < 1e-9)
        #expect(abs(result.weights[1][0][0] - 0.082167041) < 1e-9)
        #expect(abs(result.weights[0][0][0] - 0.000438568) < 1e-9)
    }

    /// Logistic regression: ∂J/∂w = Xᵀ(σ − y)/m.
    @Test func logisticRegression() {
        let network = ReferenceNetwork(layers: [ReferenceLayer(activation: "sigmoid", weights: [[0.3], [-0.2]], biases: [0.1])], loss: "binary_cross_entropy", reduction: "mean")
        let xs = [[1.0, 2.0], [-1.0, 0.5], [0.3, -0.7]], ys = [[1.0], [0.0], [1.0]]
        let result = network.gradients(xs: xs, ys: ys)
        for i in 0..<2 {
            var expected = 0.0
            for (x, y) in zip(xs, ys) {
                let z: Double = 0.3 * x[0] - 0.2 * x[1] + 0.1
                let sigma: Double = 1 / (1 + exp(-z))
                expected += x[i] * (sigma - y[0]) / 3
            }
            #expect(abs(result.weights[0][i][0] - expected) < 1e-14)
        }
    }
}
