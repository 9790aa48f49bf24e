import Foundation

/// How numbers are written for people: a fixed number of decimals, a real minus sign (−), and
/// scientific notation for values too small to show in those decimals.
public struct NumberStyle: Sendable, Equatable {
    /// Decimals after the point.
    public var decimals: Int
    /// Whether to write the minus as U+2212 (−) rather than ASCII '-'.
    public var unicodeMinus: Bool

    /// Creates a style.
    public init(decimals: Int = 4, unicodeMinus: Bool = true) {
        self.decimals = decimals
        self.unicodeMinus = unicodeMinus
    }

    /// Four decimals, the viewer's default.
    public static let standard = NumberStyle()
    /// Ten decimals, the viewer's precise mode.
    public static let precise = NumberStyle(decimals: 10)

    /// Writes `value`: `0.5933`, `−0.2486`, `3.463e−7`, `∞`, `NaN`.
    public func format(_ value: Double) -> String {
        let minus = unicodeMinus ? "−" : "-"
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "\(minus)∞" : "∞" }
        // Below 10^-(decimals-1) fixed decimals would keep one significant digit or none.
        let threshold = pow(10, -Double(decimals - 1))
        var text: String
        if value != 0 && abs(value) < threshold {
            text = String(format: "%.\(max(1, min(decimals, 6)) - 1)e", value)
            // "3.463e-07" → "3.463e-7"
            if let e = text.firstIndex(of: "e") {
                let mantissa = text[..<e]
                var exponent = String(text[text.index(after: e)...])
                let negative = exponent.hasPrefix("-")
                exponent = String(exponent.drop { $0 == "-" || $0 == "+" || $0 == "0" })
                text = "\(mantissa)e\(negative ? "-" : "")\(exponent)"
            }
        } else if abs(value) >= 1e9 {
            text = String(format: "%.\(min(decimals, 6))e", value)
        } else {
            text = String(format: "%.\(decimals)f", value)
            if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { text.removeFirst() }
        }
        return unicodeMinus ? text.replacingOccurrences(of: "-", with: minus) : text
    }

    /// ``format(_:)`` in at most `maxLength` characters, giving up decimals (then significant
    /// digits) rather than cutting: 8.458e−4 → 8.46e−4 → 8.5e−4, never "8.458e…".
    public func format(_ value: Double, maxLength: Int) -> String {
        var text = format(value)
        var decimals = self.decimals
        while text.count > maxLength && decimals > 1 {
            decimals -= 1
            text = NumberStyle(decimals: decimals, unicodeMinus: unicodeMinus).format(value)
        }
        return text
    }

    /// Writes `value` in parentheses when negative, for products such as 0.40·(−0.2486).
    public func factor(_ value: Double) -> String {
        let text = format(value)
        return value < 0 && !text.allSatisfy({ $0 == "0" || $0 == "." }) ? "(\(text))" : text
    }
}

extension NumberStyle {
    /// Like ``format(_:)`` but without trailing zeros (0.0500 → 0.05, 1.0000 → 1): for given
    /// inputs and weights, which read best as they were written.
    public func compact(_ value: Double) -> String {
        var text = format(value)
        guard text.contains("."), !text.contains("e") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// ``compact(_:)`` in parentheses when negative.
    public func compactFactor(_ value: Double) -> String {
        let text = compact(value)
        return value < 0 && text != "0" ? "(\(text))" : text
    }
}
