/// The names of a net's quantities in its notation (<doc:NotationGuide>), with Unicode subscripts:
/// classic X, Z, Y, Q, v, w, net for nets with at most one hidden layer; layered A[l], Z[l], W[l],
/// b[l] otherwise. In classic notation Z is an activation; in layered notation a pre-activation.
public struct Symbols: Sendable, Equatable {
    /// Units per layer, the input first.
    public let layerSizes: [Int]
    /// Which symbol system.
    public let notation: Notation

    /// Symbols for a scenario's net.
    public init(scenario: Scenario) {
        self.init(layerSizes: scenario.layerSizes, notation: scenario.notation)
    }

    /// Symbols for a net of the given sizes.
    public init(layerSizes: [Int], notation: Notation) {
        self.layerSizes = layerSizes
        self.notation = notation
    }

    private var outputLayer: Int { layerSizes.count - 2 }

    /// Input i (0-based): X₁.
    public func input(_ i: Int) -> String { "X" + Subscript.number(i + 1) }

    /// The activation of unit j (0-based) of layer l (0-based after the input); l = −1 is the input.
    public func activation(layer l: Int, unit j: Int) -> String {
        if l < 0 { return input(j) }
        switch notation {
        case .classic: return (l == outputLayer ? "Y" : "Z") + Subscript.number(j + 1)
        case .layered: return "A[\(l + 1)]" + Subscript.number(j + 1)
        }
    }

    /// In classic notation with a hidden layer, hidden and output quantities share their
    /// subscripts (net₁ could be either), so they carry a ᶻ or ʸ, as the biases bᶻ₁ and bʸ₁ do.
    private var marksLayers: Bool { notation == .classic && layerSizes.count > 2 }

    private func layerMark(_ l: Int) -> String { marksLayers ? (l == outputLayer ? "ʸ" : "ᶻ") : "" }

    /// The pre-activation of unit j of layer l: netᶻ₁ (hidden) or netʸ₁ (output) in classic
    /// notation (net₁ without a hidden layer), Z[l]₁ in layered notation.
    public func preActivation(layer l: Int, unit j: Int) -> String {
        switch notation {
        case .classic: return "net" + layerMark(l) + Subscript.number(j + 1)
        case .layered: return "Z[\(l + 1)]" + Subscript.number(j + 1)
        }
    }

    /// The error signal ∂E/∂net of unit j of layer l: δᶻ₁ / δʸ₁ (classic; δ₁ without a hidden
    /// layer) or dZ[l]₁ (layered).
    public func delta(layer l: Int, unit j: Int) -> String {
        switch notation {
        case .classic: return "δ" + layerMark(l) + Subscript.number(j + 1)
        case .layered: return "dZ[\(l + 1)]" + Subscript.number(j + 1)
        }
    }

    /// A formula used as a factor, in parentheses when it has operators: "(1 − Z₁²)", but "Z₁(1 − Z₁)".
    public static func factor(_ formula: String) -> String {
        // An Iverson bracket such as [netᶻ₁ > 0] is already one factor.
        if formula.hasPrefix("["), formula.hasSuffix("]"), formula.dropFirst().firstIndex(of: "[") == nil { return formula }
        var depth = 0
        for character in formula {
            if character == "(" { depth += 1 } else if character == ")" { depth -= 1 } else if depth == 0 && character == " " { return "(\(formula))" }
        }
        return formula
    }

    /// The target of output k: Q₁ (classic) or y₁ (layered).
    public func target(_ k: Int) -> String {
        (notation == .classic ? "Q" : "y") + Subscript.number(k + 1)
    }

    /// A weight or bias: v₁₁, w₂₁, W[2]₁₃, bᶻ₁ (hidden), bʸ₁ (output), b[2]₁.
    public func parameter(_ id: WeightID) -> String {
        return id.symbol(layerSizes: layerSizes, notation: notation)
    }

    /// A weight by position: from unit i of layer l−1 to unit j of layer l.
    public func weight(layer l: Int, from i: Int, to j: Int) -> String {
        parameter(WeightID(layer: l, from: i, to: j))
    }

    /// The name of a whole layer's activations: X, Z, Y or A[l].
    public func activationVector(layer l: Int) -> String {
        if l < 0 { return "X" }
        switch notation {
        case .classic: return l == outputLayer ? "Y" : "Z"
        case .layered: return "A[\(l + 1)]"
        }
    }

    /// The name of a whole layer's weight matrix: V, W or W[l].
    public func weightMatrix(layer l: Int) -> String {
        switch notation {
        case .classic: return layerSizes.count == 3 && l == 0 ? "V" : "W"
        case .layered: return "W[\(l + 1)]"
        }
    }

    /// A short description of layer l: "hidden layer Z", "output layer Y", "layer 2 (hidden)".
    public func layerTitle(_ l: Int) -> String {
        let role = l == outputLayer ? "output" : "hidden"
        switch notation {
        case .classic: return "\(role) layer \(activationVector(layer: l))"
        case .layered: return "layer \(l + 1) (\(role))"
        }
    }
}
