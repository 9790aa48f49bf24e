/// The names of a net's quantities in its notation (<doc:NotationGuide>), as symbols (``MathSymbol``):
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
    public func input(_ i: Int) -> MathSymbol { MathSymbol("X", i + 1) }

    /// The activation of unit j (0-based) of layer l (0-based after the input); l = −1 is the input.
    public func activation(layer l: Int, unit j: Int) -> MathSymbol {
        var symbol = activationVector(layer: l)
        symbol.indices = [.number(j + 1)]
        return symbol
    }

    /// In classic notation with a hidden layer, hidden and output quantities share their
    /// subscripts (net₁ could be either), so they carry a ᶻ or ʸ, as the biases bᶻ₁ and bʸ₁ do.
    private var marksLayers: Bool { notation == .classic && layerSizes.count > 2 }

    private func layerMark(_ l: Int) -> MathSymbol.Mark? { marksLayers ? (l == outputLayer ? .output : .hidden) : nil }

    /// The pre-activation of unit j of layer l: netᶻ₁ (hidden) or netʸ₁ (output) in classic
    /// notation (net₁ without a hidden layer), Z[l]₁ in layered notation.
    public func preActivation(layer l: Int, unit j: Int) -> MathSymbol {
        switch notation {
        case .classic: return MathSymbol("net", j + 1, mark: layerMark(l))
        case .layered: return MathSymbol("Z", j + 1, layer: l + 1)
        }
    }

    /// The error signal ∂E/∂net of unit j of layer l: δᶻ₁ / δʸ₁ (classic; δ₁ without a hidden
    /// layer) or dZ[l]₁ (layered).
    public func delta(layer l: Int, unit j: Int) -> MathSymbol {
        switch notation {
        case .classic: return MathSymbol("δ", j + 1, mark: layerMark(l))
        case .layered: return MathSymbol("dZ", j + 1, layer: l + 1)
        }
    }

    /// ∂E/∂ of unit j's activation in layer l: ∂E/∂Z₁ (classic) or dA[l]₁ (layered).
    public func outputGradient(layer l: Int, unit j: Int) -> Formula {
        switch notation {
        case .classic: return .partial(.symbol(MathSymbol("E")), .symbol(activation(layer: l, unit: j)))
        case .layered: return .symbol(MathSymbol("dA", j + 1, layer: l + 1))
        }
    }

    /// The target of output k: Q₁ (classic) or y₁ (layered).
    public func target(_ k: Int) -> MathSymbol {
        MathSymbol(notation == .classic ? "Q" : "y", k + 1)
    }

    /// A weight or bias: v₁₁, w₂₁, W[2]₁₃, bᶻ₁ (hidden), bʸ₁ (output), b[2]₁.
    public func parameter(_ id: WeightID) -> MathSymbol {
        let units = [Int(id.to + 1)]
        guard let from = id.from else {
            switch notation {
            case .classic: return MathSymbol("b", mark: layerMark(id.layer), indices: units.map(MathSymbol.Index.number))
            case .layered: return MathSymbol("b", id.to + 1, layer: id.layer + 1)
            }
        }
        var symbol = weightMatrix(layer: id.layer)
        symbol.indices = [.number(from + 1), .number(id.to + 1)]
        if notation == .classic {
            symbol.base = symbol.base.lowercased()
            // A single output's weights w₁, w₂ carry one index (as in NOTATION's perceptron).
            if layerSizes.count == 2 && layerSizes.last == 1 { symbol.indices = [.number(from + 1)] }
        }
        return symbol
    }

    /// A weight by position: from unit i of layer l−1 to unit j of layer l.
    public func weight(layer l: Int, from i: Int, to j: Int) -> MathSymbol {
        parameter(WeightID(layer: l, from: i, to: j))
    }

    /// The name of a whole layer's activations: X, Z, Y or A[l].
    public func activationVector(layer l: Int) -> MathSymbol {
        if l < 0 { return MathSymbol("X") }
        switch notation {
        case .classic: return MathSymbol(l == outputLayer ? "Y" : "Z")
        case .layered: return MathSymbol("A", layer: l + 1)
        }
    }

    /// The name of a whole layer's weight matrix: V, W or W[l].
    public func weightMatrix(layer l: Int) -> MathSymbol {
        switch notation {
        case .classic: return MathSymbol(layerSizes.count == 3 && l == 0 ? "V" : "W")
        case .layered: return MathSymbol("W", layer: l + 1)
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
