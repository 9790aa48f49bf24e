import Foundation
import Testing
@testable import NNCore

/// The vectorised exp, tanh and σ against Foundation's scalar functions (glibc's libm), lane by lane.
@Suite struct VectorMathTests {
    /// Arguments at the edges: zeros, the smallest numbers, where exp overflows (709.78) and
    /// underflows to subnormals (−708.4) and to 0 (−745.13), where tanh saturates (19.06), ∞ and NaN.
    static let edges: [Double] = [
        0, 1e-300, .leastNonzeroMagnitude, 1e-10, 1e-5, 0.1, 0.3465, 0.3466, 0.5, 1, 2, 3.5, 10, 19, 19.1, 20, 22, 30, 40, 100,
        700, 708.39, 708.4, 709.78, 709.79, 710, 720, 740, 745.13, 745.14, 746, 1000, 1e300,
        .greatestFiniteMagnitude, .infinity, .nan,
    ].flatMap { [$0, -$0] }

    /// Edges plus seeded values: uniform in [−50, 50] and in [−1, 1], and of every magnitude from 1e-20 to 1e3.
    static var arguments: [Double] {
        var random = SeededRandom(seed: 9)
        var values = edges
        for _ in 0..<4000 {
            values.append(Double.random(in: -50...50, using: &random))
            values.append(Double.random(in: -1...1, using: &random))
            values.append((Bool.random(using: &random) ? 1 : -1) * pow(10, Double.random(in: -20...3, using: &random)))
        }
        return values
    }

    /// Within 1e-12 relative; a subnormal result (which has fewer digits) to within one step of
    /// the smallest subnormal. NaN where the scalar is NaN, and zeros of the same sign.
    static func agree(_ vector: Double, _ scalar: Double) -> Bool {
        if scalar.isNaN { return vector.isNaN }
        if scalar == 0 && vector == 0 { return scalar.sign == vector.sign }
        if scalar.isInfinite { return vector == scalar }
        return abs(vector - scalar) <= max(1e-12 * abs(scalar), Double.leastNonzeroMagnitude)
    }

    /// Runs `vector` over `values`, a vector's width at a time.
    static func lanes<V: DoubleLanes>(_: V.Type, _ values: [Double], _ vector: (V) -> V) -> [Double] {
        var padded = values
        while padded.count % V.scalarCount != 0 { padded.append(0) }
        var results: [Double] = []
        for start in stride(from: 0, to: padded.count, by: V.scalarCount) {
            let result = vector(V(padded[start..<start + V.scalarCount]))
            results += (0..<V.scalarCount).map { result[$0] }
        }
        return Array(results.prefix(values.count))
    }

    /// The arguments where four or eight lanes disagree with the scalar function.
    static func disagreements(
        _ four: (SIMD4<Double>) -> SIMD4<Double>, _ eight: (SIMD8<Double>) -> SIMD8<Double>, scalar: (Double) -> Double
    ) -> [String] {
        let values = arguments
        return [lanes(SIMD4.self, values, four), lanes(SIMD8.self, values, eight)].flatMap { results in
            zip(values, results).compactMap { x, result in
                agree(result, scalar(x)) ? nil : "x = \(x): \(result), scalar \(scalar(x))"
            }
        }
    }

    @Test func expAgreesWithTheScalarExp() {
        let wrong = Self.disagreements({ VectorMath.exp($0) }, { VectorMath.exp($0) }) { Foundation.exp($0) }
        #expect(wrong.isEmpty, "\(wrong.count) values, first: \(wrong.prefix(5))")
    }

    @Test func tanhAgreesWithTheScalarTanh() {
        let wrong = Self.disagreements({ VectorMath.tanh($0) }, { VectorMath.tanh($0) }) { Foundation.tanh($0) }
        #expect(wrong.isEmpty, "\(wrong.count) values, first: \(wrong.prefix(5))")
    }

    @Test func sigmoidAgreesWithTheScalarSigmoid() {
        let wrong = Self.disagreements({ VectorMath.sigmoid($0) }, { VectorMath.sigmoid($0) }) { Activation.sigmoid($0) }
        #expect(wrong.isEmpty, "\(wrong.count) values, first: \(wrong.prefix(5))")
    }

    /// Spot values known independently of any libm: e^1, e^−1, tanh 0.5, σ(2), and the limits.
    @Test func knownValues() {
        let x = SIMD4<Double>(1, -1, 0.5, 2)
        let e = VectorMath.exp(x), t = VectorMath.tanh(x), s = VectorMath.sigmoid(x)
        #expect(Self.agree(e[0], 2.718281828459045) && Self.agree(e[1], 0.36787944117144233))
        #expect(Self.agree(t[2], 0.46211715726000974))
        #expect(Self.agree(s[3], 0.8807970779778823))
        let limits = SIMD4<Double>(.infinity, -.infinity, 800, -800)
        #expect(VectorMath.exp(limits) == SIMD4(.infinity, 0, .infinity, 0))
        #expect(VectorMath.tanh(limits) == SIMD4(1, -1, 1, -1))
        #expect(VectorMath.sigmoid(limits) == SIMD4(1, 0, 1, 0))
    }

    /// A layer's activation over buffers of every length up to 19: eights, a four, the padded tail.
    @Test(arguments: [Activation.sigmoid, .tanh])
    func activationBuffersOfEveryLength(activation: Activation) {
        let scalar: (Double) -> Double = activation == .tanh ? { Foundation.tanh($0) } : { Activation.sigmoid($0) }
        for count in 1...19 {
            let net = (0..<count).map { Double($0) * 0.37 - 3 }
            var out = [Double](repeating: .nan, count: count + 1)
            net.withUnsafeBufferPointer { net in
                out.withUnsafeMutableBufferPointer {
                    activation.apply(net: net.baseAddress!, out: $0.baseAddress!, count: count)
                }
            }
            #expect(zip(net, out).allSatisfy { Self.agree($1, scalar($0)) }, "\(activation) count \(count)")
            #expect(out[count].isNaN, "\(activation) count \(count) wrote past the end")
        }
    }
}
