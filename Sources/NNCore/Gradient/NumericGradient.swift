/// The finite-difference check of an analytic gradient.
public enum NumericGradient {
    /// ∂J/∂w ≈ (J(w + h) − J(w − h)) / 2h over samples `range`, with h = 1e-6·max(1, |w|):
    /// small enough for a truncation error of order h², large enough to keep rounding below 1e-9.
    /// The kernel's parameters are overwritten.
    public static func centralDifference(kernel: Kernel, weight: WeightID, at parameters: Parameters, range: Range<Int>) -> Double {
        let units = kernel.sizes[weight.layer + 1]
        let original = weight.from.map { parameters.weights[weight.layer][$0 * units + weight.to] } ?? parameters.biases[weight.layer][weight.to]
        let step = 1e-6 * max(1, abs(original))
        func loss(at value: Double) -> Double {
            var shifted = parameters
            if let from = weight.from {
                shifted.weights[weight.layer][from * units + weight.to] = value
            } else {
                shifted.biases[weight.layer][weight.to] = value
            }
            kernel.load(shifted)
            return kernel.forward(range)
        }
        let plus = original + step, minus = original - step
        return (loss(at: plus) - loss(at: minus)) / (plus - minus)
    }
}
