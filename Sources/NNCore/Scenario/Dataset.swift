/// The shapes a scenario's `"dataset"` can generate, after TensorFlow Playground's. Every kind
/// gives points (x₁, x₂) of two classes, 0 and 1; README's "Generated data sets" gives each
/// geometry as a formula.
public enum DatasetKind: String, Sendable, CaseIterable {
    /// Four quadrants: class 1 where x₁·x₂ > 0.
    case xor
    /// Class 1 in a disc of radius 0.5, class 0 in the ring from 0.7 to 1.
    case circle
    /// Two Gaussian blobs around (0.5, 0.5) (class 1) and (−0.5, −0.5) (class 0).
    case gauss
    /// Two interleaved spirals, half a turn apart.
    case spiral
    /// Two interleaving half circles.
    case moons
    /// Uniform in the square, class 1 above the line x₁ + x₂ = 0.
    case linear
}

/// A generated data set as a scenario file asks for it:
/// `"dataset": {"kind": "spiral", "samples": 200, "noise": 0.1, "seed": 3}`.
public struct DatasetSpec: Sendable, Equatable {
    /// Samples when the file does not say.
    public static let defaultSamples = 200
    /// Noise when the file does not say: the points lie exactly on their shapes.
    public static let defaultNoise = 0.0
    /// The fewest samples a data set may have: one of each class.
    public static let minimumSamples = 2

    /// Which shape.
    public var kind: DatasetKind
    /// How many points, alternating class 0, class 1, class 0, …
    public var samples: Int
    /// The standard deviation of the Gaussian jitter added to each coordinate.
    public var noise: Double
    /// The seed of the points (the scenario's `seed` when the file does not give one).
    public var seed: UInt64

    /// Creates a spec; the decoder checks the ranges, so this does not.
    public init(kind: DatasetKind, samples: Int = defaultSamples, noise: Double = defaultNoise, seed: UInt64) {
        self.kind = kind
        self.samples = samples
        self.noise = noise
        self.seed = seed
    }

    /// The points, in order; point i has class i mod 2, so any run of consecutive samples (a
    /// batch) holds both classes in equal numbers, give or take one.
    public func points() -> [DatasetPoint] {
        var random = SeededRandom(seed: seed ^ Self.streamSalt)
        return (0..<samples).map { index in
            let label = index % 2
            let (x1, x2) = Self.place(kind, label: label, random: &random)
            // Drawn for every point, even without noise, so a second noise level jitters the
            // very same points further instead of drawing new ones.
            let jitter = random.gaussianPair()
            return DatasetPoint(x1: x1 + noise * jitter.0, x2: x2 + noise * jitter.1, label: label)
        }
    }

    /// The samples for a net with `outputUnits` outputs: the class itself for one output, one-hot
    /// (class 0 → [1, 0], class 1 → [0, 1]) for two.
    public func samples(outputUnits: Int) -> [Sample] {
        points().map { point in
            let target = Double(point.label)
            return Sample(x: [point.x1, point.x2], y: outputUnits == 2 ? [1 - target, target] : [target])
        }
    }

    /// Mixed into the seed (the ASCII of "datasets") so that the default, the scenario's own seed,
    /// does not give the points the very numbers the weights were drawn from.
    static let streamSalt: UInt64 = 0x6461_7461_7365_7473
}

/// One generated point and its class.
public struct DatasetPoint: Sendable, Equatable {
    /// The first input.
    public var x1: Double
    /// The second input.
    public var x2: Double
    /// The class, 0 or 1.
    public var label: Int
}

extension DatasetSpec {
    /// A point of class `label` exactly on the shape of `kind`.
    static func place(_ kind: DatasetKind, label: Int, random: inout SeededRandom) -> (Double, Double) {
        let side = Double(label)
        switch kind {
        case .xor:
            let sign1: Double = random.unit() < 0.5 ? 1 : -1
            let sign2 = label == 1 ? sign1 : -sign1
            return (sign1 * (0.1 + 0.9 * random.unit()), sign2 * (0.1 + 0.9 * random.unit()))
        case .circle:
            let angle = PortableMath.sinCos(2 * .pi * random.unit())
            let radius = label == 1 ? 0.5 * random.unit() : 0.7 + 0.3 * random.unit()
            return (radius * angle.cos, radius * angle.sin)
        case .gauss:
            let (z1, z2) = random.gaussianPair()
            let centre = 2 * side - 1
            return (0.5 * centre + 0.15 * z1, 0.5 * centre + 0.15 * z2)
        case .spiral:
            let radius = random.unit()
            let angle = PortableMath.sinCos(spiralTurns * 2 * .pi * radius + side * .pi)
            return (radius * angle.cos, radius * angle.sin)
        case .moons:
            let angle = PortableMath.sinCos(.pi * random.unit())
            let (x, y) = label == 0 ? (angle.cos, angle.sin) : (1 - angle.cos, 0.5 - angle.sin)
            return ((x - 0.5) / 1.5, (y - 0.25) / 1.5)
        case .linear:
            let x1 = random.uniform(limit: 1), x2 = random.uniform(limit: 1)
            // Reflecting through the origin flips the side of x₁ + x₂ = 0 and stays in the square.
            return (x1 + x2 > 0) == (label == 1) ? (x1, x2) : (-x1, -x2)
        }
    }

    /// Turns of each spiral from the centre to radius 1.
    static let spiralTurns = 1.25
}

extension SeededRandom {
    /// Two independent standard normal values (Box–Muller), from two uniforms of this generator.
    mutating func gaussianPair() -> (Double, Double) {
        // 1 − unit lies in (0, 1], so the logarithm is finite.
        let magnitude = (-2 * PortableMath.log(1 - unit())).squareRoot()
        let angle = PortableMath.sinCos(2 * .pi * unit())
        return (magnitude * angle.cos, magnitude * angle.sin)
    }
}
