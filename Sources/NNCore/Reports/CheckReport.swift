/// A derivation check for people: the verdict, the value at each point, and the hint.
public enum CheckReport {
    /// The check as lines of text. Points where ∂J/∂w is not finite are listed as skipped, and
    /// the verdict rests on the others.
    public static func lines(_ check: DerivationCheck, symbol: String, style: NumberStyle = .standard) -> [String] {
        var lines: [String] = []
        let skipped = check.points.count - check.comparablePoints.count
        if !check.isComparable {
            lines.append("? cannot judge \(check.formula): ∂J/∂\(symbol) is not finite at any of the \(check.points.count) points")
        } else if check.isCorrect {
            let points = check.comparablePoints.count
            let scope = skipped == 0 ? "all \(points) points" : "all \(points) points where it is finite (\(skipped) skipped)"
            lines.append("✓ correct: \(check.formula) gives ∂J/∂\(symbol) at \(scope)")
        } else {
            lines.append("✗ not ∂J/∂\(symbol): \(check.formula)")
            if let mistake = check.mistake { lines.append("  it looks like \(mistake.rawValue)") }
        }
        for point in check.points {
            if point.isSkipped {
                lines.append("  – \(point.label): skipped, ∂J/∂\(symbol) = \(style.format(point.gradient)) is not finite here (formula \(style.format(point.formulaValue)))")
                continue
            }
            let mark = point.agrees ? "✓" : "✗"
            lines.append("  \(mark) \(point.label): formula \(style.format(point.formulaValue)), ∂J/∂\(symbol) = \(style.format(point.gradient))")
        }
        return lines
    }

    /// `formula`, `weight`, `correct`, `mistake`, `points` (each `label`, `value`, `gradient`,
    /// `agrees`, and `skipped` when the gradient there is not finite).
    public static func json(_ check: DerivationCheck, weightName: String) -> JSONOutput {
        .object([
            ("formula", .string(check.formula)),
            ("weight", .string(weightName)),
            ("correct", .bool(check.isCorrect)),
            ("mistake", check.mistake.map { .string($0.rawValue) } ?? .null),
            ("points", .array(check.points.map {
                .object([("label", .string($0.label)), ("value", .number($0.formulaValue)), ("gradient", .number($0.gradient)), ("agrees", .bool($0.agrees)), ("skipped", .bool($0.isSkipped))])
            })),
        ])
    }
}
