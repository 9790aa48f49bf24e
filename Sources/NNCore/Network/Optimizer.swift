/// How the update step turns a gradient into a change of the weights, with PyTorch's conventions
/// (`torch.optim.SGD` with dampening 0 and without Nesterov, `torch.optim.Adam` without AMSGrad).
/// The README's "Update rules" section writes each rule out.
public enum Optimizer: Sendable, Equatable {
    /// w ← w − η·g.
    case sgd
    /// u ← μ·u + g (u ← g at the first update), then w ← w − η·u.
    case momentum(Double)
    /// m ← β₁·m + (1 − β₁)·g, v ← β₂·v + (1 − β₂)·g², m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ),
    /// w ← w − η·m̂/(√v̂ + ε), with t counting updates from 1.
    case adam(beta1: Double, beta2: Double, epsilon: Double)

    /// The `kind` of the scenario file: "sgd", "momentum" or "adam".
    public var kind: String {
        switch self {
        case .sgd: return "sgd"
        case .momentum: return "momentum"
        case .adam: return "adam"
        }
    }

    /// The rule's name in prose: "gradient descent", "momentum", "Adam".
    public var prose: String {
        switch self {
        case .sgd: return "gradient descent"
        case .momentum: return "momentum"
        case .adam: return "Adam"
        }
    }

    /// Numbers of state kept per parameter: none, the velocity, or Adam's two moments.
    public var stateBuffers: Int {
        switch self {
        case .sgd: return 0
        case .momentum: return 1
        case .adam: return 2
        }
    }

    /// PyTorch's default for Adam: β₁ = 0.9, β₂ = 0.999, ε = 1e-8.
    public static let defaultAdam = Optimizer.adam(beta1: 0.9, beta2: 0.999, epsilon: 1e-8)
    /// Momentum 0.9, the usual choice.
    public static let defaultMomentum = Optimizer.momentum(0.9)
}

/// What an optimizer remembers between updates, so that a run can be checkpointed, stepped back
/// and exported mid-way and still continue exactly: the number of updates made, and one or two
/// numbers per parameter in ``Parameters``' flat order (per layer, its weights row-major, then
/// its biases). Plain SGD keeps only the count.
public struct OptimizerState: Sendable, Equatable {
    /// Updates made so far (Adam's t before the next update).
    public var steps: Int
    /// The velocity u (momentum) or the first moment m (Adam), one per parameter; empty for SGD.
    public var first: [Double]
    /// Adam's second moment v, one per parameter; empty otherwise.
    public var second: [Double]

    /// Creates a state.
    public init(steps: Int, first: [Double], second: [Double]) {
        self.steps = steps
        self.first = first
        self.second = second
    }

    /// The state before the first update: every buffer zero.
    public static func initial(_ optimizer: Optimizer, parameterCount: Int) -> OptimizerState {
        let zeros = [Double](repeating: 0, count: parameterCount)
        return OptimizerState(steps: 0, first: optimizer.stateBuffers >= 1 ? zeros : [],
                              second: optimizer.stateBuffers >= 2 ? zeros : [])
    }

    /// The index in ``first`` and ``second`` of a weight or bias of a net with `layerSizes`.
    public static func index(of id: WeightID, layerSizes: [Int]) -> Int {
        var offset = 0
        for l in 0..<id.layer { offset += (layerSizes[l] + 1) * layerSizes[l + 1] }
        let units = layerSizes[id.layer + 1]
        return offset + (id.from.map { $0 * units + id.to } ?? layerSizes[id.layer] * units + id.to)
    }
}
