/// sin, cos and log written with +, −, ×, ÷ and rounding only, for the generated data sets.
///
/// IEEE 754 rounds those operations the same way on every machine (and Swift never fuses a
/// multiply and an add on its own), whereas each C library computes sin, cos and log its own way
/// and may differ in the last bit. Written out here, a data set's seed gives the same points bit
/// for bit on Linux, macOS and any other platform. They agree with the C library to within a
/// few units in the last place, which a test checks.
enum PortableMath {
    /// π/2 in two parts (fdlibm's): the high part ends in zero bits, so k · piOver2High is exact
    /// for every |k| < 2²⁰ and the reduced angle keeps its full precision.
    private static let piOver2High = 1.57079632673412561417e+00
    private static let piOver2Low = 6.07710050650619224932e-11
    /// ln 2 in two parts, likewise exact when multiplied by any exponent of a Double.
    private static let ln2High = 6.93147180369123816490e-01
    private static let ln2Low = 1.90821492927058770002e-10
    /// Beyond this the reduction k · π/2 would lose precision; the generators stay below 20.
    static let largestAngle = 1e5

    /// (sin x, cos x) for |x| ≤ ``largestAngle``.
    ///
    /// x = k·π/2 + r with |r| ≤ π/4; sin r and cos r come from their Taylor series to r¹⁷ and
    /// r¹⁶ (the first term left out is below 10⁻¹⁷), and k mod 4 says which of ±sin r, ±cos r
    /// each result is.
    static func sinCos(_ x: Double) -> (sin: Double, cos: Double) {
        precondition(abs(x) <= largestAngle, "angle \(x) out of the reduced range")
        let k = (x / (piOver2High + piOver2Low)).rounded()
        let r = (x - k * piOver2High) - k * piOver2Low
        let r2 = r * r
        var sinSeries = 0.0, cosSeries = 0.0
        // Horner's rule from the highest term: each term is the one before times r²/((n + 1)(n + 2)).
        for n in stride(from: 17.0, through: 3, by: -2) { sinSeries = 1 - sinSeries * r2 / ((n + 2) * (n + 1)) }
        for n in stride(from: 16.0, through: 2, by: -2) { cosSeries = 1 - cosSeries * r2 / ((n + 2) * (n + 1)) }
        let sinR = r * (1 - r2 / 6 * sinSeries)
        let cosR = 1 - r2 / 2 * cosSeries
        switch Int(k) & 3 {
        case 0: return (sinR, cosR)
        case 1: return (cosR, -sinR)
        case 2: return (-sinR, -cosR)
        default: return (-cosR, sinR)
        }
    }

    /// The natural logarithm of a positive, finite x.
    ///
    /// x = m · 2ᵉ with √½ < m ≤ √2 (exact), then log m = 2 atanh s = 2(s + s³/3 + s⁵/5 + …) with
    /// s = (m − 1)/(m + 1), |s| ≤ 0.172, summed to s²³ (the rest is below 10⁻¹⁸ of the result).
    static func log(_ x: Double) -> Double {
        precondition(x > 0 && x.isFinite, "log of \(x)")
        var m = x.significand
        var e = Double(x.exponent)
        if m > 2.0.squareRoot() {
            m /= 2
            e += 1
        }
        let s = (m - 1) / (m + 1)
        let s2 = s * s
        var tail = 0.0
        for n in stride(from: 23.0, through: 3, by: -2) { tail = (tail + 1 / n) * s2 }
        return e * ln2High + (2 * s + (2 * s * tail + e * ln2Low))
    }
}
