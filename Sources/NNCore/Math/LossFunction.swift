import Foundation

/// The per-sample loss E, summed over the output units k.
public enum LossFunction: String, Sendable, CaseIterable, Codable {
    /// The loss's name in prose: "binary cross-entropy", not the file's identifier.
    public var prose: String {
        switch self {
        case .binaryCrossEntropy: return "binary cross-entropy"
        case .meanSquaredError: return "mean squared error"
        case .crossEntropy: return "cross-entropy"
        }
    }

    /// E = −Σ_k [Q_k log Y_k + (1 − Q_k) log(1 − Y_k)]; needs sigmoid outputs.
    case binaryCrossEntropy = "binary_cross_entropy"
    /// E = ½ Σ_k (Y_k − Q_k)².
    case meanSquaredError = "mse"
    /// E = −Σ_k Q_k log Y_k; needs softmax or sigmoid outputs.
    case crossEntropy = "cross_entropy"

    /// The output activations this loss is defined for (its logarithms need outputs in (0, 1)).
    public var allowedOutputActivations: [Activation] {
        switch self {
        case .binaryCrossEntropy: return [.sigmoid]
        case .crossEntropy: return [.softmax, .sigmoid]
        case .meanSquaredError: return [.sigmoid, .tanh, .relu, .linear]
        }
    }

    /// One sample's loss, computed from the pre-activations where the output is sigmoid or
    /// softmax, so that a saturated unit gives a large finite loss instead of log(0).
    @inline(__always)
    public func sampleLoss(
        net: UnsafePointer<Double>, out: UnsafePointer<Double>, target: UnsafePointer<Double>,
        count: Int, activation: Activation
    ) -> Double {
        var total = 0.0
        switch (self, activation) {
        case (.binaryCrossEntropy, _):
            // −log σ(t) = softplus(−t) = softplus(t) − t and −log(1 − σ(t)) = softplus(t),
            // so E_k = softplus(t) − Q·t: one exp and one log per output, never log(0).
            for k in 0..<count {
                total += Activation.softplus(net[k]) - target[k] * net[k]
            }
        case (.crossEntropy, .softmax):
            var largest = -Double.infinity
            for k in 0..<count { largest = max(largest, net[k]) }
            var sum = 0.0
            for k in 0..<count { sum += exp(net[k] - largest) }
            let logSumExp = largest + log(sum)
            for k in 0..<count { total -= target[k] * (net[k] - logSumExp) }
        case (.crossEntropy, _):
            for k in 0..<count { total += target[k] * Activation.softplus(-net[k]) }
        case (.meanSquaredError, _):
            for k in 0..<count {
                let difference = out[k] - target[k]
                total += 0.5 * difference * difference
            }
        }
        return total
    }

    /// ∂E/∂net_k for one sample's output layer, written into `delta`. Uses the exact simplified
    /// forms (Y − Q for sigmoid + BCE; Y·ΣQ − Q for softmax + cross-entropy) rather than the
    /// product of the two factors, which would divide by Y(1 − Y) and lose accuracy near 0 or 1.
    @inline(__always)
    public func outputDelta(
        net: UnsafePointer<Double>, out: UnsafePointer<Double>, target: UnsafePointer<Double>,
        count: Int, activation: Activation, delta: UnsafeMutablePointer<Double>
    ) {
        switch (self, activation) {
        case (.binaryCrossEntropy, _):
            for k in 0..<count { delta[k] = out[k] - target[k] }
        case (.crossEntropy, .softmax):
            var targetSum = 0.0
            for k in 0..<count { targetSum += target[k] }
            for k in 0..<count { delta[k] = out[k] * targetSum - target[k] }
        case (.crossEntropy, _):
            for k in 0..<count { delta[k] = -target[k] * (1 - out[k]) }
        case (.meanSquaredError, _):
            for k in 0..<count { delta[k] = (out[k] - target[k]) * activation.derivative(net: net[k], out: out[k]) }
        }
    }

    /// ∂E/∂Y_k, the loss's own factor in the chain rule (shown, not used for the update).
    public func derivativeWithRespectToOutput(out: Double, target: Double) -> Double {
        switch self {
        case .binaryCrossEntropy: return (out - target) / (out * (1 - out))
        case .crossEntropy: return -target / out
        case .meanSquaredError: return out - target
        }
    }

    /// ∂E/∂Y as it comes out of differentiating the loss, for output `y` and target `q`: for
    /// BCE −(Q/Y − (1 − Q)/(1 − Y)), the form seeds 001 and 003 ask about.
    public func derivative(out y: Formula, target q: Formula) -> Formula {
        switch self {
        case .binaryCrossEntropy:
            return .negated(.minus(.quotient(q, y, spaced: false), .quotient(.minus(.integer(1), q), .minus(.integer(1), y), spaced: false)))
        case .crossEntropy: return .negated(.quotient(q, y, spaced: false))
        case .meanSquaredError: return .minus(y, q)
        }
    }

    /// ∂E/∂Y over one denominator where that is simpler to read: (Y − Q)/(Y(1 − Y)) for BCE.
    public func combinedDerivative(out y: Formula, target q: Formula) -> Formula? {
        guard self == .binaryCrossEntropy else { return nil }
        return .quotient(.minus(y, q), .product([y, .parenthesised(.minus(.integer(1), y))], .adjacent), spaced: false)
    }

    /// The per-sample loss written out with symbols Yₖ and Qₖ.
    public var formula: String { FormulaRenderer(.unicode).text(formula(out: MathSymbol("Y").indexed(by: "k"),
                                                                         target: MathSymbol("Q").indexed(by: "k"))) }

    /// The per-sample loss with the symbols `y` and `q` of output k (Aₖ and yₖ in layered notation):
    /// E = −Σₖ [Qₖ log Yₖ + (1 − Qₖ) log(1 − Yₖ)]. With the number of outputs as `count`, the sum
    /// can be evaluated.
    public func formula(out y: MathSymbol, target q: MathSymbol, count: Int? = nil) -> Equation {
        let y = Formula.symbol(y), q = Formula.symbol(q), e = Formula.symbol(MathSymbol("E"))
        switch self {
        case .binaryCrossEntropy:
            let term = Formula.sum([.product([q, .apply(.log, y)], .space),
                                    .product([.minus(.integer(1), q), .apply(.log, .minus(.integer(1), y))], .space)])
            return Equation(e, .negated(.summation(.letter("k"), count: count, .bracketed(term))))
        case .crossEntropy:
            return Equation(e, .negated(.summation(.letter("k"), count: count, .product([q, .apply(.log, y)], .space))))
        case .meanSquaredError:
            return Equation(e, .product([.half, .summation(.letter("k"), count: count, .power(.parenthesised(.minus(y, q)), .integer(2)))], .space))
        }
    }
}

/// How a batch's loss J combines its samples' losses E⁽ˢ⁾.
public enum Reduction: String, Sendable, CaseIterable, Codable {
    /// J = (1/m) Σₛ E⁽ˢ⁾ over the m samples of the batch.
    case mean
    /// J = Σₛ E⁽ˢ⁾.
    case sum

    /// ∂J/∂E⁽ˢ⁾ for a batch of `count` samples.
    @inline(__always)
    public func factor(count: Int) -> Double {
        self == .mean ? 1 / Double(count) : 1
    }
}

extension LossFunction {
    /// Where each minus of binary cross-entropy's ∂E/∂Y comes from (seed 003): the derivative of
    /// each log term, the chain rule through 1 − Y, and the loss's leading minus.
    public static func bceSigns(out y: Formula, target q: Formula) -> FormulaLine {
        let one = Formula.integer(1)
        let first = Equation(.product([.partial(.words(""), y), .bracketed(.product([q, .apply(.log, y)], .space))], .space),
                             .quotient(q, y, spaced: false))
        let second = Equation(.product([.partial(.words(""), y), .bracketed(.product([.minus(one, q), .apply(.log, .minus(one, y))], .space))], .space),
                              .negated(.quotient(.minus(one, q), .minus(one, y), spaced: false)))
        return FormulaLine([.text("the signs: "), .math(first), .text(", "), .math(second),
                            .text(" (the chain rule through 1 − Y gives its minus), and E's leading − turns the sum around")],
                           kind: .note)
    }
}
