import Foundation

/// One step of a run written up for lecture notes or slides (`nnview export --format markdown|latex`
/// and the viewer's `x` key): the step's explanation with every formula's numbers, the network's
/// values at that step, and the chain rule of the chosen weights.
public struct Handout: Sendable {
    /// The scenario.
    public var scenario: Scenario
    /// The step written up.
    public var step: Step
    /// The weights whose chain rule is written out.
    public var weights: [WeightID]
    /// The central-difference check of each weight's gradient, in the order of `weights`.
    public var numericGradients: [Double]
    /// How numbers are written.
    public var style: NumberStyle

    /// Paths of a weight written out before the rest are summed up, as on screen.
    public static let shownPaths = 32
    /// Samples whose lines are written out.
    public static let shownSamples = 8

    /// A handout of `step`, with the chain rule of `weights` (the scenario's watched weights when empty).
    public init(scenario: Scenario, step: Step, weights: [WeightID], run: TrainingRun, style: NumberStyle = .standard) {
        self.scenario = scenario
        self.step = step
        self.weights = weights.isEmpty ? Array(scenario.watch.prefix(4)) : weights
        self.numericGradients = self.weights.map {
            run.numericGradient(of: $0, at: step.record.parametersBefore, range: step.record.sampleRange, epoch: step.epoch)
        }
        self.style = style
    }

    /// Where the step is: "epoch 3, step 5 of 6 (batch 1 of 1)".
    var place: String {
        let stepsPerEpoch = Phase.stepsPerBatch(layerCount: scenario.layers.count) * scenario.batchesPerEpoch
        return "epoch \(step.epoch + 1) of \(scenario.epochs), step \(step.stepInEpoch + 1) of \(stepsPerEpoch)"
            + " (batch \(step.batch + 1) of \(scenario.batchesPerEpoch))"
    }

    /// The handout as a document, with its parts in order.
    func document() -> [Block] {
        let explanation = StepExplanation(step: step, scenario: scenario, sampleLimit: Self.shownSamples, parameterLimit: 64)
        var blocks: [Block] = [.title("\(scenario.name): \(explanation.title)"), .paragraph([.text(place + ".")])]
        let description = scenario.description.trimmingCharacters(in: .whitespacesAndNewlines)
        if !description.isEmpty { blocks.append(.paragraph([.text(description)])) }
        blocks.append(.section([.text("What this step computes")]))
        blocks.append(.paragraph(explanation.summary.parts))
        blocks.append(.formulas(explanation.lines))
        blocks.append(.section([.text("The network's values")]))
        blocks += values()
        for (weight, numeric) in zip(weights, numericGradients) {
            blocks += chainRule(weight, numeric: numeric)
        }
        return blocks
    }

    /// A part of the document.
    enum Block {
        case title(String)
        case section([FormulaLine.Part])
        case paragraph([FormulaLine.Part])
        case formulas([FormulaLine])
    }

    /// The parameters as the batch began (and after it, at the update), the samples' inputs and
    /// targets, and the activations the forward pass has computed by this step.
    func values() -> [Block] {
        let symbols = Symbols(scenario: scenario)
        let record = step.record
        var lines: [FormulaLine] = []
        func equation(_ symbol: MathSymbol, _ value: Double) -> FormulaLine.Part {
            .math(Equation(.symbol(symbol), .number(value, .value)))
        }
        func list(_ title: String, _ parts: [FormulaLine.Part], sample: Int? = nil) -> FormulaLine {
            var all: [FormulaLine.Part] = [.text(title + ": ")]
            for (index, part) in parts.enumerated() { all += (index == 0 ? [] : [.text(", ")]) + [part] }
            return FormulaLine(all, kind: .note, sample: sample)
        }
        let after = step.phase == .update
        for l in 0..<scenario.layers.count {
            let ids = WeightID.all(layerSizes: scenario.layerSizes).filter { $0.layer == l }.prefix(64)
            let parameters = after ? record.parametersAfter : record.parametersBefore
            let parts = ids.map { id in
                equation(symbols.parameter(id), id.from.map { parameters.weights[l][$0 * scenario.layerSizes[l + 1] + id.to] }
                         ?? parameters.biases[l][id.to])
            }
            lines.append(list("\(symbols.layerTitle(l)), \(after ? "after the update" : "as the batch began")", parts))
        }
        let current = step.phase.order(layerCount: scenario.layers.count)
        for s in 0..<min(record.sampleCount, Self.shownSamples) {
            let sample = scenario.samples[record.sampleRange.lowerBound + s]
            let heading = record.sampleCount > 1 ? "sample \(s + 1) of \(record.sampleCount), " : ""
            lines.append(list(heading + "inputs", sample.x.indices.map { equation(symbols.input($0), sample.x[$0]) }, sample: s))
            lines.append(list(heading + "targets", sample.y.indices.map { equation(symbols.target($0), sample.y[$0]) }, sample: s))
            for l in 0..<scenario.layers.count where current >= Phase.forward(layer: l).order(layerCount: scenario.layers.count) {
                let units = 0..<scenario.layerSizes[l + 1]
                let parts = units.map { equation(symbols.preActivation(layer: l, unit: $0), record.net[l][s][$0]) }
                    + units.map { equation(symbols.activation(layer: l, unit: $0), record.out[l][s][$0]) }
                lines.append(list(heading + symbols.layerTitle(l), parts, sample: s))
            }
        }
        if record.sampleCount > Self.shownSamples {
            lines.append(FormulaLine(text: "samples \(Self.shownSamples + 1)–\(record.sampleCount) are left out here "
                                     + "(nnview trace --format jsonl lists every value)", kind: .note))
        }
        return [.formulas(lines)]
    }

    /// The chain rule of one weight: the general formula, each path's factors, the sum, the
    /// numeric check and the update.
    func chainRule(_ weight: WeightID, numeric: Double) -> [Block] {
        let d = ChainRule.decompose(weight, record: step.record, scenario: scenario, maximumPaths: Self.shownPaths)
        let w = Formula.symbol(d.symbol)
        let gradient = Formula.partial(.symbol(MathSymbol("J")), w)
        var blocks: [Block] = [.section([.text("The chain rule of "), .math(Equation(w))]),
                               .formulas([d.batchFormula, d.formula].compactMap { $0 })]
        let symbols = Symbols(scenario: scenario)
        for (index, path) in d.paths.enumerated() {
            let route = [w] + path.units.enumerated().map { Formula.symbol(symbols.activation(layer: weight.layer + $0.offset, unit: $0.element)) }
                + [.symbol(MathSymbol("E"))]
            let sample = d.sampleGradients.count > 1 ? " in sample \(path.sample + 1)" : ""
            var heading: [FormulaLine.Part] = [.text("Path \(index + 1)\(sample): ")]
            for (position, unit) in route.enumerated() { heading += (position == 0 ? [] : [.text(" → ")]) + [.math(Equation(unit))] }
            var lines = [FormulaLine(heading, kind: .sampleHeading)]
            lines += path.factors.map { factor in
                var line = FormulaLine(Equation(factor.label, factor.formula, .number(factor.value, .value)), kind: .general, sample: path.sample)
                line.indent = 1
                return line
            }
            var product = FormulaLine([.text("product: "), .math(Equation(.product(path.factors.map { .number($0.value, .factor) }, .tight),
                                                                         .number(path.product, .value)))], kind: .general)
            product.indent = 1
            lines.append(product)
            blocks.append(.formulas(lines))
        }
        var closing: [FormulaLine] = []
        if d.omittedPathCount > 0 {
            closing.append(FormulaLine(text: "… and \(d.omittedPathCount) more paths, summing to \(style.format(d.omittedSum))", kind: .note))
        }
        var seen: [Formula] = []
        for simplification in d.simplifications where simplification.sample == 0 && !seen.contains(simplification.label) {
            seen.append(simplification.label)
            closing.append(FormulaLine(Equation(simplification.label, simplification.formula, .number(simplification.value, .value)),
                                       kind: .general, sample: 0))
        }
        let decayLine = ChainRule.weightDecayLine(d, scenario: scenario)
        if let decayLine { closing.append(decayLine) }
        let decay: [Formula] = decayLine == nil ? [] : [.number(d.weightDecayTerm, .factor)]
        let products = d.paths.map { Formula.number($0.product, .factor) } + decay
        let sum: [Formula] = products.count > 1 && products.count <= 7 && d.omittedPathCount == 0 ? [.sum(products)] : []
        closing.append(FormulaLine(Equation([gradient] + sum + [.number(d.gradient, .value)]), kind: .parameterGradient, parameter: weight))
        closing.append(FormulaLine([.text("numeric check (central difference): "), .math(Equation(.number(numeric, .value)))], kind: .note))
        if let note = ChainRule.updateNote(d, scenario: scenario, renderer: FormulaRenderer(.unicode)) {
            closing.append(FormulaLine(text: note, kind: .note))
            blocks.append(.formulas(closing))
            return blocks
        }
        let eta = Formula.number(scenario.learningRate, .compact)
        closing.append(FormulaLine(Equation([w, .minus(w, .times(.symbol(MathSymbol("η")), gradient)),
                                             .minus(.number(d.valueBefore, .value), .times(eta, .number(d.gradient, .factor))),
                                             .number(d.valueAfter, .value)], assigns: true), kind: .update, parameter: weight))
        blocks.append(.formulas(closing))
        return blocks
    }
}

extension Handout {
    /// Parts as inline text: math between `$` signs in LaTeX, words escaped by `escape`.
    func inline(_ parts: [FormulaLine.Part], escape: (String) -> String) -> String {
        let latex = FormulaRenderer(.latex, style: style)
        return parts.map { part in
            switch part {
            case .math(let equation): return "$" + latex.text(equation) + "$"
            case .text(let words): return escape(words)
            }
        }.joined()
    }

    /// Markdown for a code-hosting site: headings, and the math between `$` signs.
    public func markdown() -> String {
        func inline(_ parts: [FormulaLine.Part]) -> String { self.inline(parts, escape: MarkdownText.escaped) }
        var output: [String] = []
        for block in document() {
            switch block {
            case .title(let text): output.append("# " + MarkdownText.escaped(text))
            case .section(let parts): output.append("## " + inline(parts))
            case .paragraph(let parts): output.append(inline(parts))
            case .formulas(let lines):
                output.append(lines.map { line in
                    String(repeating: "  ", count: line.indent) + "- " + inline(line.parts)
                }.joined(separator: "\n"))
            }
        }
        return output.joined(separator: "\n\n") + "\n"
    }

    /// A standalone LaTeX document (article class, amsmath only) that compiles as it is.
    public func latex() -> String {
        func inline(_ parts: [FormulaLine.Part]) -> String { self.inline(parts, escape: LaTeXText.escaped) }
        var output = ["\\documentclass{article}", "\\usepackage{amsmath}", "\\begin{document}", ""]
        for block in document() {
            switch block {
            case .title(let text): output.append("\\section*{\(LaTeXText.escaped(text))}")
            case .section(let parts): output.append("\\subsection*{\(inline(parts))}")
            case .paragraph(let parts): output.append("\\noindent " + inline(parts) + "\n")
            case .formulas(let lines):
                // One paragraph a line: inline math lets TeX break a long one after = and +.
                output += lines.map { "\\noindent\\hspace*{\($0.indent * 2)em}" + inline($0.parts) + "\\par" }
                output.append("")
            }
        }
        output.append("\\end{document}")
        return output.joined(separator: "\n") + "\n"
    }
}

/// Text for Markdown: the characters that would start markup are escaped.
public enum MarkdownText {
    /// `text` with \ ` * _ { } [ ] < > # ! | $ & escaped, C0 controls (line breaks, tabs) replaced by spaces,
    /// and the other scalars ``TerminalText/isHidden(_:)`` names (C1 and bidi controls, zero-width
    /// characters) written as `\u202e`, so that none of them reaches a terminal or a page unseen.
    public static func escaped(_ text: String) -> String {
        let spaced = String(String.UnicodeScalarView(text.unicodeScalars.map { $0.value < 0x20 ? " " : $0 }))
        var result = ""
        for character in TerminalText.escaped(spaced) {
            if "\\`*_{}[]<>#|$!&".contains(character) {
                result += "\\\(character)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
