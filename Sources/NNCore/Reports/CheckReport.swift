/// A derivation check for people: the verdict, the value at each point, and the hint.
public enum CheckReport {
    /// The check as lines of text.
    public static func lines(_ check: DerivationCheck, symbol: String, style: NumberStyle = .standard) -> [String] {
        var lines: [String] = []
        if check.isCorrect {
            lines.append("✓ correct: \(check.formula) gives ∂J/∂\(symbol) at all \(check.points.count) points")
        } else {
            lines.append("✗ not ∂J/∂\(symbol): \(check.formula)")
            if let mistake = check.mistake { lines.append("  it looks like \(mistake.rawValue)") }
        }
        for point in check.points {
            let mark = point.agrees ? "✓" : "✗"
            lines.append("  \(mark) \(point.label): formula \(style.format(point.formulaValue)), ∂J/∂\(symbol) = \(style.format(point.gradient))")
        }
        return lines
    }

    /// `formula`, `weight`, `correct`, `mistake`, `points` (each `label`, `value`, `gradient`, `agrees`).
    public static func json(_ check: DerivationCheck, weightName: String) -> JSONOutput {
        .object([
            ("formula", .string(check.formula)),
            ("weight", .string(weightName)),
            ("correct", .bool(check.isCorrect)),
            ("mistake", check.mistake.map { .string($0.rawValue) } ?? .null),
            ("points", .array(check.points.map {
                .object([("label", .string($0.label)), ("value", .number($0.formulaValue)), ("gradient", .number($0.gradient)), ("agrees", .bool($0.agrees))])
            })),
        ])
    }
}
