import Foundation

/// A layer's activation function g, applied to its pre-activation: out = g(net).
public enum Activation: String, Sendable, CaseIterable, Codable {
    case sigmoid, tanh, relu, linear
    /// Normalises the layer's units to probabilities; output layer only, with cross_entropy.
    case softmax

    /// Applies the activation to `rows` samples' pre-activations `net`, `units` to a row, one row
    /// after another, writing into `out`. Element-wise activations take the rows as one long vector.
    @inline(__always)
    public func apply(net: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>, rows: Int, units: Int) {
        if self == .softmax {
            for row in 0..<rows { apply(net: net + row * units, out: out + row * units, count: units) }
        } else {
            apply(net: net, out: out, count: rows * units)
        }
    }

    /// Applies the activation to one sample's pre-activations `net`, writing into `out`.
    /// σ and tanh go a SIMD vector at a time (`VectorMath`), within a few units in the last
    /// place of the scalar ``sigmoid(_:)`` and Foundation's tanh.
    @inline(__always)
    public func apply(net: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>, count: Int) {
        switch self {
        case .sigmoid: VectorMath.map(.sigmoid, net, into: out, count: count)
        case .tanh: VectorMath.map(.tanh, net, into: out, count: count)
        case .relu: for i in 0..<count { out[i] = net[i] > 0 ? net[i] : 0 }
        case .linear: for i in 0..<count { out[i] = net[i] }
        case .softmax:
            var largest = -Double.infinity
            for i in 0..<count { largest = max(largest, net[i]) }
            var total = 0.0
            for i in 0..<count {
                out[i] = exp(net[i] - largest)
                total += out[i]
            }
            for i in 0..<count { out[i] /= total }
        }
    }

    /// ∂out/∂net of an element-wise activation at one unit, from its pre-activation and its output.
    /// relu′(0) is taken as 0. For softmax this is the diagonal of its Jacobian, Y(1 − Y).
    @inline(__always)
    public func derivative(net: Double, out: Double) -> Double {
        switch self {
        case .sigmoid, .softmax: return out * (1 - out)
        case .tanh: return 1 - out * out
        case .relu: return net > 0 ? 1 : 0
        case .linear: return 1
        }
    }

    /// delta = gradient ⊙ ∂out/∂net for a whole layer, with the activation chosen once outside the loop.
    @inline(__always)
    public func multiplyByDerivative(
        gradient: UnsafePointer<Double>, net: UnsafePointer<Double>, out: UnsafePointer<Double>,
        into delta: UnsafeMutablePointer<Double>, count: Int
    ) {
        switch self {
        case .sigmoid, .softmax: for i in 0..<count { delta[i] = gradient[i] * (out[i] * (1 - out[i])) }
        case .tanh: for i in 0..<count { delta[i] = gradient[i] * (1 - out[i] * out[i]) }
        case .relu: for i in 0..<count { delta[i] = net[i] > 0 ? gradient[i] : 0 }
        case .linear: for i in 0..<count { delta[i] = gradient[i] }
        }
    }

    /// The logistic function σ(t) = 1/(1 + e^(−t)).
    /// (For t → −∞, e^(−t) overflows to ∞ and the result is the correct limit 0; for large
    /// negative t the quotient keeps full relative precision.)
    @inline(__always)
    public static func sigmoid(_ t: Double) -> Double {
        1 / (1 + exp(-t))
    }

    /// log(1 + e^t), evaluated without overflow: the building block of a stable cross-entropy.
    @inline(__always)
    public static func softplus(_ t: Double) -> Double {
        max(t, 0) + log1p(exp(-abs(t)))
    }

    /// The derivative ∂out/∂net in a formula, for the unit's output `out` and pre-activation
    /// `net`: Y₁(1 − Y₁), 1 − Z₁², [netᶻ₁ > 0], 1.
    public func derivative(out: Formula, net: Formula) -> Formula {
        switch self {
        case .sigmoid, .softmax: return .product([out, .parenthesised(.minus(.integer(1), out))], .adjacent)
        case .tanh: return .minus(.integer(1), .power(out, .integer(2)))
        case .relu: return .bracketed(.greater(net, .integer(0)))
        case .linear: return .integer(1)
        }
    }

    /// The function as formulas apply it: σ, tanh, relu, id, softmax.
    public var function: Formula.Function {
        switch self {
        case .sigmoid: return .sigmoid
        case .tanh: return .tanh
        case .relu: return .relu
        case .linear: return .identity
        case .softmax: return .softmax
        }
    }

    /// The function's symbol in formulas: σ, tanh, relu, id, softmax.
    public var symbol: String {
        switch self {
        case .sigmoid: return "σ"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .linear: return "id"
        case .softmax: return "softmax"
        }
    }
}
