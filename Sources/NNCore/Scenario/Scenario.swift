/// A training scenario: a small network, its data, and how to train it. Decoded and validated
/// from a scenario file by ``ScenarioDecoder``; every field here is resolved (no defaults left).
public struct Scenario: Sendable, Equatable {
    /// The title shown at the top of the viewer.
    public var name: String
    /// Free text: the question the scenario answers and what to watch.
    public var description: String
    /// Which symbols the tool uses for this network.
    public var notation: Notation
    /// Units of the input layer (the width of every sample's x).
    public var inputUnits: Int
    /// The layers after the input, in order.
    public var layers: [LayerSpec]
    /// The per-sample loss.
    public var loss: LossFunction
    /// How a batch combines its samples' losses.
    public var reduction: Reduction
    /// η in W ← W − η ∂J/∂W.
    public var learningRate: Double
    /// How many passes over the data.
    public var epochs: Int
    /// Samples per batch; batches are consecutive samples in data order, the last may be smaller.
    public var batchSize: Int
    /// Seed of the random initialisation of weights the file leaves out.
    public var seed: UInt64
    /// The training samples.
    public var samples: [Sample]
    /// Weights whose chain rule is shown, by their ids (see ``WeightID``).
    public var watch: [WeightID]
    /// Where the scenario came from, for messages ("two-outputs.json", or "(default scenario)").
    public var source: String
    /// A lecturer's notes, shown when their step is reached.
    public var notes: [LessonNote] = []
    /// How the update step moves the parameters.
    public var optimizer: Optimizer = .sgd
    /// λ of weight decay: J gains (λ/2)·Σ w² over the weights (not the biases).
    public var weightDecay: Double = 0
    /// Whether the update moves the biases; false keeps them at their starting values.
    public var trainBiases: Bool = true
    /// The optimizer's state the run starts from (an exported run's), nil for a fresh start.
    public var initialOptimizerState: OptimizerState?

    /// Creates a scenario from resolved parts; use ``ScenarioDecoder`` to read one from a file.
    public init(
        name: String, description: String = "", notation: Notation, inputUnits: Int, layers: [LayerSpec],
        loss: LossFunction, reduction: Reduction = .mean, learningRate: Double, epochs: Int, batchSize: Int,
        seed: UInt64 = 0, samples: [Sample], watch: [WeightID] = [], source: String = "(scenario)"
    ) {
        self.name = name
        self.description = description
        self.notation = notation
        self.inputUnits = inputUnits
        self.layers = layers
        self.loss = loss
        self.reduction = reduction
        self.learningRate = learningRate
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.samples = samples
        self.watch = watch
        self.source = source
    }

    /// Units per layer, the input layer first.
    public var layerSizes: [Int] { [inputUnits] + layers.map(\.units) }

    /// Steps per epoch: forward, loss, backward and update of every batch.
    public var stepsPerEpoch: Int { Phase.stepsPerBatch(layerCount: layers.count) * batchesPerEpoch }

    /// Batches per epoch.
    public var batchesPerEpoch: Int { (samples.count + batchSize - 1) / batchSize }

    /// The sample indices of batch `batch` (0-based).
    public func batchRange(_ batch: Int) -> Range<Int> {
        let start = batch * batchSize
        return start..<min(samples.count, start + batchSize)
    }

    /// Weights and biases of all layers.
    public var parameterCount: Int {
        let sizes = layerSizes
        return sizes.indices.dropFirst().reduce(0) { $0 + (sizes[$1 - 1] + 1) * sizes[$1] }
    }

    /// The optimizer's state the run starts from: the file's, or every buffer zero.
    public var startingOptimizerState: OptimizerState {
        initialOptimizerState ?? .initial(optimizer, parameterCount: parameterCount)
    }

    /// The parameters the scenario starts from.
    public var initialParameters: Parameters {
        Parameters(layers: layers)
    }
}

/// One layer after the input: its size, activation and starting parameters.
public struct LayerSpec: Sendable, Equatable {
    /// Number of units.
    public var units: Int
    /// g in out = g(net).
    public var activation: Activation
    /// weights[i][j]: from unit i of the previous layer to unit j of this one.
    public var weights: [[Double]]
    /// One bias per unit.
    public var biases: [Double]

    /// Creates a layer.
    public init(units: Int, activation: Activation, weights: [[Double]], biases: [Double]) {
        self.units = units
        self.activation = activation
        self.weights = weights
        self.biases = biases
    }
}

/// One training example: inputs x and targets y (Q in classic notation).
public struct Sample: Sendable, Equatable {
    /// Inputs, one per input unit.
    public var x: [Double]
    /// Targets, one per output unit.
    public var y: [Double]

    /// Creates a sample.
    public init(x: [Double], y: [Double]) {
        self.x = x
        self.y = y
    }
}

/// The two symbol systems nnview writes, described in <doc:NotationGuide>.
public enum Notation: String, Sendable, CaseIterable {
    /// X, V, Z, W, Y, Q for nets with at most one hidden layer (Z is an activation).
    case classic
    /// A[l], W[l], b[l], Z[l] for deeper nets (Z is a pre-activation).
    case layered
}

/// A note a lecturer prepared for one step of a run (`"notes": [{"epoch": 1, "step": 5, "text": "…"}]`).
public struct LessonNote: Sendable, Equatable {
    /// The epoch, from 1.
    public var epoch: Int
    /// The step within the epoch, from 1.
    public var step: Int
    /// What to say there.
    public var text: String

    /// Creates a note.
    public init(epoch: Int, step: Int, text: String) {
        self.epoch = epoch
        self.step = step
        self.text = text
    }

    /// The note's step in the whole run (0-based), for `stepsPerEpoch` steps an epoch.
    public func index(stepsPerEpoch: Int) -> Int { (epoch - 1) * stepsPerEpoch + step - 1 }
}
