/// exp, tanh and σ over SIMD vectors, for the activations of whole layers at once. Each agrees
/// with Foundation's scalar function to within a few units in the last place (1e-12 relative is
/// what the tests demand), including ±0, ±∞, NaN, overflow to ∞ and underflow to 0.
///
/// The method is the textbook one: e^x = 2^k · e^r with k = round(x / ln 2) and |r| ≤ ln 2 / 2,
/// e^r − 1 from its Taylor series to r¹³ (the next term is below 2⁻⁵⁵ of the result), and 2^k
/// written straight into the exponent bits.
enum VectorMath {
    /// log₂ e.
    private static let log2e = 1.4426950408889634
    /// ln 2 in two parts (fdlibm's): the high part's last bits are zero, so k · ln2High is exact
    /// for every k used here and r = x − k ln 2 keeps its full precision.
    private static let ln2High = 6.93147180369123816490e-01
    private static let ln2Low = 1.90821492927058770002e-10
    /// 1.5 · 2⁵²: adding it rounds a double below 2⁵¹ in magnitude to an integer k, and leaves
    /// the bits of the sum equal to the bits of this constant plus k.
    private static let roundingShift = 6755399441055744.0
    /// Arguments beyond which e^x is ∞ or 0 in Double (the exact limits are 709.78 and −745.13).
    private static let expUpperClamp = 710.0, expLowerClamp = -746.0
    /// tanh(x) rounds to ±1 for |x| > 19.1, so 2|x| is clamped to 40, where e^(2|x|) is still finite.
    private static let tanhClamp = 40.0
    private static let signBit: UInt64 = 1 << 63
    private static let shiftBits = roundingShift.bitPattern

    /// e^x for each lane.
    @inline(__always)
    static func exp<V: DoubleLanes>(_ x: V) -> V {
        // NaN fails both comparisons, stays NaN through every step, and comes out NaN.
        let x = x.clamped(above: expUpperClamp).clamped(below: expLowerClamp)
        let (shifted, r) = reduce(x)
        // 2^k as two factors, each a normal double, so that results near the limits underflow
        // to subnormals or overflow to ∞ with one rounding, as the scalar exp does. Biased by
        // 2048 the exponent is positive, and halving it is a logical shift.
        let biased = bits(shifted) &- (shiftBits - 2048)
        let half = biased &>> 1
        let firstFactor: V = double((half &- 1) &<< 52), secondFactor: V = double((biased &- half &- 1) &<< 52)
        return (1 + expMinusOne(r)) * firstFactor * secondFactor
    }

    /// tanh(x) for each lane: (e^(2|x|) − 1) / (e^(2|x|) + 1) with the sign of x, the numerator
    /// from an expm1 so that small arguments keep their full relative precision.
    @inline(__always)
    static func tanh<V: DoubleLanes>(_ x: V) -> V {
        let sign = bits(x) & signBit
        let twiceMagnitude: V = 2 * double(bits(x) & ~signBit)
        let u = twiceMagnitude.clamped(above: tanhClamp)
        let (shifted, r) = reduce(u)
        // 0 ≤ k ≤ 58, a single normal factor: e^u − 1 = 2^k (e^r − 1) + (2^k − 1), both terms exact
        // but for the polynomial's rounding.
        let scale: V = double((bits(shifted) &+ 1023) &<< 52)
        let expMinusOne = scale * expMinusOne(r) + (scale - 1)
        return double(bits(expMinusOne / (expMinusOne + 2)) | sign)
    }

    /// σ(t) = 1/(1 + e^(−t)) for each lane, the scalar ``Activation/sigmoid(_:)`` formula.
    @inline(__always)
    static func sigmoid<V: DoubleLanes>(_ t: V) -> V {
        1 / (1 + exp(-t))
    }

    /// The functions that ``map(_:_:into:count:)`` applies.
    enum Function { case sigmoid, tanh }

    /// `function` of every lane.
    @inline(__always)
    static func evaluate<V: DoubleLanes>(_ function: Function, _ x: V) -> V {
        switch function {
        case .sigmoid: sigmoid(x)
        case .tanh: tanh(x)
        }
    }

    /// Applies `function` to `count` values of `input`, writing `output`: eight at a time (four
    /// registers on SSE2, Swift's default x86-64 target: four chains through the polynomial that
    /// still fit the registers), then four, then the last one to three padded with zeros. Small
    /// layers, such as XOR's 3 hidden units of 4 samples, waste no lanes.
    @inline(__always)
    static func map(
        _ function: Function, _ input: UnsafePointer<Double>, into output: UnsafeMutablePointer<Double>, count: Int
    ) {
        var index = 0
        while index + 8 <= count {
            store(evaluate(function, load(input + index) as SIMD8<Double>), at: output + index)
            index += 8
        }
        if index + 4 <= count {
            store(evaluate(function, load(input + index) as SIMD4<Double>), at: output + index)
            index += 4
        }
        guard index < count else { return }
        var padded = SIMD4<Double>()
        for lane in 0..<(count - index) { padded[lane] = input[index + lane] }
        let result = evaluate(function, padded)
        for lane in 0..<(count - index) { output[index + lane] = result[lane] }
    }

    /// x = k ln 2 + r with k an integer and |r| ≤ ln 2 / 2. k comes as `shifted` = k + 1.5 · 2⁵²,
    /// whose bits are those of ``roundingShift`` plus k; the constant's low bits are zero, so
    /// (bits + 1023) shifted left by 52 is the exponent field of 2^k.
    @inline(__always)
    private static func reduce<V: DoubleLanes>(_ x: V) -> (shifted: V, r: V) {
        let shifted = x * log2e + roundingShift
        let k = shifted - roundingShift
        return (shifted, (x - k * ln2High) - k * ln2Low)
    }

    /// e^r − 1 for |r| ≤ ln 2 / 2: r + r²(1/2! + r/3! + … + r¹¹/13!). The inner polynomial by
    /// Estrin's scheme (pairs, then pairs of pairs in r², r⁴, r⁸): as many operations as Horner's
    /// rule, a third of its chain of dependent ones.
    @inline(__always)
    private static func expMinusOne<V: DoubleLanes>(_ r: V) -> V {
        let r2 = r * r, r4 = r2 * r2, r8 = r4 * r4
        let p01 = 1.0 / 2 + r * (1.0 / 6), p23 = 1.0 / 24 + r * (1.0 / 120)
        let p45 = 1.0 / 720 + r * (1.0 / 5_040), p67 = 1.0 / 40_320 + r * (1.0 / 362_880)
        let p89 = 1.0 / 3_628_800 + r * (1.0 / 39_916_800), p1011 = 1.0 / 479_001_600 + r * (1.0 / 6_227_020_800)
        let low = (p01 + r2 * p23) + r4 * (p45 + r2 * p67), high = p89 + r2 * p1011
        return r + r2 * (low + r8 * high)
    }

    @inline(__always)
    private static func bits<V: DoubleLanes>(_ x: V) -> V.Bits { unsafeBitCast(x, to: V.Bits.self) }

    @inline(__always)
    private static func double<V: DoubleLanes>(_ bits: V.Bits) -> V { unsafeBitCast(bits, to: V.self) }
}

/// The vectors of doubles ``VectorMath`` computes on, with their bits as unsigned integers of the
/// same width. The clamps are requirements so that they compile as the concrete types' comparisons
/// (one instruction for a register); compared through a generic SIMD type, masks are built lane by lane.
protocol DoubleLanes: SIMD where Scalar == Double {
    associatedtype Bits: SIMD where Bits.Scalar == UInt64
    /// Each lane above `limit` replaced by `limit`; NaN stays NaN.
    func clamped(above limit: Double) -> Self
    /// Each lane below `limit` replaced by `limit`; NaN stays NaN.
    func clamped(below limit: Double) -> Self
}

extension SIMD4: DoubleLanes where Scalar == Double {
    typealias Bits = SIMD4<UInt64>
    @inline(__always) func clamped(above limit: Double) -> Self { replacing(with: limit, where: self .> limit) }
    @inline(__always) func clamped(below limit: Double) -> Self { replacing(with: limit, where: self .< limit) }
}

extension SIMD8: DoubleLanes where Scalar == Double {
    typealias Bits = SIMD8<UInt64>
    @inline(__always) func clamped(above limit: Double) -> Self { replacing(with: limit, where: self .> limit) }
    @inline(__always) func clamped(below limit: Double) -> Self { replacing(with: limit, where: self .< limit) }
}

extension VectorMath {
    /// The vector of doubles that starts at `pointer` (any alignment).
    @inline(__always)
    static func load<V: SIMD>(_ pointer: UnsafePointer<Double>) -> V where V.Scalar == Double {
        UnsafeRawPointer(pointer).loadUnaligned(as: V.self)
    }

    /// Writes `vector` at `pointer` (any alignment).
    @inline(__always)
    static func store<V: SIMD>(_ vector: V, at pointer: UnsafeMutablePointer<Double>) where V.Scalar == Double {
        UnsafeMutableRawPointer(pointer).storeBytes(of: vector, as: V.self)
    }
}
