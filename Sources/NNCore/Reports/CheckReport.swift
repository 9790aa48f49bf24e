/// A derivation check for people: the verdict, the reading that matched, the value at each
/// point, the hint, and which parameters were used.
public enum CheckReport {
    /// The check as lines of text. Points where ∂J/∂w is not finite are listed as skipped, and
    /// the verdict rests on the others; points where the true gradient is 0 are marked as no test.
    public static func lines(_ check: DerivationCheck, symbol: String, style: NumberStyle = .standard) -> [String] {
        var lines = [verdict(check, symbol: symbol)]
        if check.form == .perSample {
            lines.append("  \(check.formula) gives ∂E⁽ˢ⁾/∂\(symbol) at every sample s of the batch, at \(scope(check))")
        }
        if let hint = check.hint { lines.append("  it looks like \(hint.text)") }
        for point in check.points { lines.append(line(point, check: check, symbol: symbol, style: style)) }
        let value = style.format(check.weightValue)
        lines.append("  every point uses the parameters as the batch began, before its update (\(symbol) = \(value) at the first)")
        return lines
    }

    static func verdict(_ check: DerivationCheck, symbol: String) -> String {
        guard check.isComparable else {
            return "? cannot judge \(check.formula): ∂J/∂\(symbol) is not finite at any of the \(check.points.count) points"
        }
        switch check.form {
        case .batchShare:
            return "✓ correct: \(check.formula) gives ∂J/∂\(symbol) at \(scope(check))"
        case .perSample:
            let batch = check.reductionFactor == 1 ? "their sum over the batch, Σₛ" : "their mean over the batch, (1/m)·Σₛ"
            return "✓ correct as ∂E/∂\(symbol) for one sample; ∂J/∂\(symbol) is \(batch)"
        case .batch:
            let batch = check.reductionFactor == 1 ? "the sum over the batch" : "the mean over the batch"
            return "✓ correct: \(check.formula) gives ∂J/∂\(symbol), \(batch), at \(scope(check))"
        case nil:
            let severalReadings = !check.formulaSumsOverSamples && check.expectation == .either && check.sampleCount > 1
                && check.reductionFactor != 1
            let what = severalReadings ? "neither ∂J/∂\(symbol) nor ∂E/∂\(symbol) for one sample" : "not ∂J/∂\(symbol)"
            return "✗ \(what): \(check.formula)"
        }
    }

    /// "all 5 points", with the skipped ones and those that test nothing said.
    static func scope(_ check: DerivationCheck) -> String {
        let comparable = check.comparablePoints.count, skipped = check.points.count - comparable
        var text = skipped == 0 ? "all \(comparable) points" : "all \(comparable) points where it is finite (\(skipped) skipped)"
        let tested = check.testedPointCount
        if tested < comparable {
            text += "; \(tested) of them test it (at \(comparable - tested) the true gradient is 0, and 0 = 0 tests nothing)"
        }
        return text
    }

    static func line(_ point: DerivationCheck.Point, check: DerivationCheck, symbol: String, style: NumberStyle) -> String {
        if point.isSkipped {
            return "  – \(point.label): skipped, ∂J/∂\(symbol) = \(style.format(point.gradient)) is not finite here (formula \(style.format(point.formulaValue)))"
        }
        let idle = point.testsFormula ? "" : " (0 = 0 tests nothing)"
        if check.form == .perSample, let first = point.sampleValues.first, let truth = point.sampleGradients.first {
            let count = point.sampleValues.count
            let values = "formula \(style.format(first)), ∂E⁽¹⁾/∂\(symbol) = \(style.format(truth))"
            return "  ✓ \(point.label): \(values) at sample 1 (all \(count) samples agree)\(idle)"
        }
        if check.hint?.perSample == true, let first = point.sampleValues.first, let truth = point.sampleGradients.first {
            // The hint reads the formula per sample: show it next to ∂E⁽¹⁾/∂w, not the batch's sum.
            let mark = point.agreesPerSample ? "✓" : "✗"
            return "  \(mark) \(point.label): formula \(style.format(first)), ∂E⁽¹⁾/∂\(symbol) = \(style.format(truth)) at sample 1\(idle)"
        }
        let agrees = check.expectation.acceptsBatch && point.agrees || check.expectation.acceptsPerSample && point.agreesPerSample
        let mark = agrees ? "✓" : "✗"
        return "  \(mark) \(point.label): formula \(style.format(point.formulaValue)), ∂J/∂\(symbol) = \(style.format(point.gradient))\(idle)"
    }

    /// `formula`, `weight`, `verdict` ("correct", "wrong", "cannot_judge"), `correct`, `form`
    /// ("batch_share": summed over the samples it gives ∂J/∂w; "per_sample": it gives ∂E⁽ˢ⁾/∂w at
    /// every sample; "batch": it sums over the samples itself (Σ_s) and gives ∂J/∂w; null when wrong), `mistake` (the first code, e.g. "missing_mean", or null),
    /// `mistakes` (every code), `hint`, `factor` (formula ÷ gradient when constant), `samples`,
    /// `tested_points`, `weight_value` (before the update), and `points` (each `label`, `value`
    /// (summed over the batch, or the formula's one value when it sums over the samples), `gradient`, `agrees`, `agrees_per_sample`, `tests` and `skipped`).
    public static func json(_ check: DerivationCheck, weightName: String) -> JSONOutput {
        let verdict = !check.isComparable ? "cannot_judge" : check.isCorrect ? "correct" : "wrong"
        return .object([
            ("formula", .string(check.formula)),
            ("weight", .string(weightName)),
            ("verdict", .string(verdict)),
            ("correct", .bool(check.isCorrect)),
            ("form", check.form.map { .string($0.rawValue) } ?? .null),
            ("mistake", check.mistake.map { .string($0.code) } ?? .null),
            ("mistakes", .array((check.hint?.mistakes ?? []).map { .string($0.code) })),
            ("hint", check.hint.map { .string($0.text) } ?? .null),
            ("factor", check.hint?.factor.map { .number($0) } ?? .null),
            ("samples", .integer(check.sampleCount)),
            ("tested_points", .integer(check.testedPointCount)),
            ("weight_value", .number(check.weightValue)),
            ("points", .array(check.points.map {
                .object([
                    ("label", .string($0.label)), ("value", .number($0.formulaValue)), ("gradient", .number($0.gradient)),
                    ("agrees", .bool($0.agrees)), ("agrees_per_sample", .bool($0.agreesPerSample)),
                    ("tests", .bool($0.testsFormula)), ("skipped", .bool($0.isSkipped)),
                ])
            })),
        ])
    }
}

extension DerivationCheck.Expectation {
    var acceptsBatch: Bool { self != .perSample }
    var acceptsPerSample: Bool { self != .batchShare }
}
