/// SplitMix64: a tiny, fully specified generator, so a seed gives the same weights on every
/// machine and in every version (Swift's own generators make no such promise).
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1): the top 53 bits over 2⁵³, so every value is exact.
    public mutating func unit() -> Double {
        Double(next() >> 11) / Double(1 << 53)
    }

    /// A uniform value in [−limit, limit), from the top 53 bits.
    public mutating func uniform(limit: Double) -> Double {
        (unit() * 2 - 1) * limit
    }
}
