import Foundation
import Testing
@testable import NNCore

/// The handouts `nnview export --format markdown|latex` writes: sound LaTeX (article and amsmath
/// alone) and Markdown for every scenario file and every step of an epoch, the right numbers, and
/// hostile names and descriptions escaped.
@Suite struct HandoutTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    static var scenarioFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    static func load(_ file: String) throws -> Scenario {
        try ScenarioDecoder.decode(try Data(contentsOf: directory.appendingPathComponent(file)), file: file)
    }

    /// Every step of the first epoch, and the last step (the update) of the second, as export writes them.
    static func handouts(_ scenario: Scenario) -> [(place: String, handout: Handout)] {
        var scenario = scenario
        scenario.epochs = max(scenario.epochs, 2)
        let run = TrainingRun(scenario: scenario)
        var cursor = StepCursor(run: run)
        let indices = Array(0..<cursor.stepsPerEpoch) + [2 * cursor.stepsPerEpoch - 1]
        return indices.map { index in
            cursor.move(to: index)
            return ("step index \(index)", Handout(scenario: scenario, step: cursor.step, weights: [], run: run))
        }
    }

    /// The handout of step `step` (1-based) of epoch 1, as `nnview export --step` writes it.
    static func handout(_ scenario: Scenario, step: Int, weights: [WeightID] = []) -> Handout {
        let run = TrainingRun(scenario: scenario)
        var cursor = StepCursor(run: run)
        cursor.move(to: step - 1)
        return Handout(scenario: scenario, step: cursor.step, weights: weights, run: run)
    }

    @Test func theScenariosFolderIsFound() {
        #expect(Self.scenarioFiles.count >= 6)
    }

    /// tanh′ in layered notation squares A[2]₁, which already has a superscript: TeX needs
    /// {A^{[2]}_{1}}^{2}, where A^{[2]}_{1}^{2} stops with "Double superscript".
    @Test func aSquaredLayeredSymbolIsOneGroup() {
        let latex = FormulaRenderer(.latex)
        #expect(latex.text(.power(.symbol(MathSymbol("A", 1, layer: 2)), .integer(2))) == "{A^{[2]}_{1}}^{2}")
        #expect(latex.text(.power(.symbol(MathSymbol("Z", 1)), .integer(2))) == "Z_{1}^{2}")
    }

    @Test(arguments: scenarioFiles)
    func everyStepIsSoundLaTeX(_ file: String) throws {
        for (place, handout) in Self.handouts(try Self.load(file)) {
            let problems = LaTeXLint.problems(handout.latex())
            #expect(problems.isEmpty, "\(file) \(place): \(problems.prefix(5).joined(separator: "\n"))")
        }
    }

    @Test(arguments: scenarioFiles)
    func everyStepIsSoundMarkdown(_ file: String) throws {
        for (place, handout) in Self.handouts(try Self.load(file)) {
            let markdown = handout.markdown()
            let problems = MarkdownLint.problems(markdown)
            #expect(problems.isEmpty, "\(file) \(place): \(problems.prefix(5).joined(separator: "\n"))")
            #expect(markdown.hasPrefix("# ") && markdown.contains("\n## "), "\(file) \(place)")
        }
    }

    /// The linters themselves find what they are for, so a sound result means something.
    @Test func theLintersCatchBrokenDocuments() {
        let frame = { (body: String) in
            "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n\(body)\n\\end{document}\n"
        }
        #expect(LaTeXLint.problems(frame("$\\frac{a}{b} = \\text{ok \\{\\}} \\cdot 2$ x\\_y \\^{}")).isEmpty)
        let broken: [(String, String)] = [
            ("$\\mathbb{R}$", "unknown macro \\mathbb"), ("a { b", "never closed"), ("a } b", "closes no group"),
            ("$a + b", "not closed on its line"), ("x_1", "_ outside math"), ("50%", "comments out"), ("a & b", "unescaped &"),
            ("caf\u{E9}", "byte 0xc3"), ("{$a}$", "not closed before its }"), ("a\\\\b", "control symbol \\\\"),
            ("bell\u{07}", "byte 0x7"), ("$\\text{$a}$", "not closed before its }"),
        ]
        for (body, expected) in broken {
            let problems = LaTeXLint.problems(frame(body))
            #expect(problems.contains { $0.contains(expected) }, "\(body): \(problems)")
        }
        #expect(LaTeXLint.problems("\\documentclass{article}\n\\usepackage{xcolor}\n\\begin{document}\n\\end{document}\n")
            .contains { $0.contains("expected [amsmath] alone") })
        #expect(MarkdownLint.problems("a $x_{1}$ and \\$5, \\<b\\>\n- $y$.\n").isEmpty)
        let brokenMarkdown = [("$x", "not closed"), ("$ x$", "space inside"), ("$x$5", "digit after"), ("<b>", "raw <"),
                              ("$\\frac{a}{b$", "unbalanced"), ("a\u{1B}[31m", "U+1B"), ("\u{202E}x", "U+202E"), ("\u{9B}", "U+9B")]
        for (text, expected) in brokenMarkdown {
            #expect(MarkdownLint.problems(text).contains { $0.contains(expected) }, "\(text)")
        }
    }
}

/// One handout's numbers against values computed here from the formulas of the Notation article
/// (Sources/NNCore/NNCore.docc/NotationGuide.md), not from the engine: Scenarios/two-outputs.json
/// (seed 000), step 5 of epoch 1, the backward step of the hidden layer.
@Suite struct HandoutNumberTests {
    /// Seed 000 by hand: x, V (input i → hidden j), W (hidden j → output k), biases, targets, η.
    struct SeedByHand {
        let x = [0.05, 0.10], v = [[0.15, 0.25], [0.20, 0.30]], w = [[0.40, 0.50], [0.45, 0.55]]
        let hiddenBias = 0.35, outputBias = 0.60, q = [1.0, 0.0], eta = 0.5

        func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        var netZ: [Double] { (0..<2).map { j in x[0] * v[0][j] + x[1] * v[1][j] + hiddenBias } }
        var z: [Double] { netZ.map(sigmoid) }
        var netY: [Double] { (0..<2).map { k in z[0] * w[0][k] + z[1] * w[1][k] + outputBias } }
        var y: [Double] { netY.map(sigmoid) }
        /// Binary cross-entropy after a sigmoid: δʸₖ = Yₖ − Qₖ.
        var deltaY: [Double] { (0..<2).map { y[$0] - q[$0] } }
        var dEdZ: [Double] { (0..<2).map { j in deltaY[0] * w[j][0] + deltaY[1] * w[j][1] } }
        var deltaZ: [Double] { (0..<2).map { dEdZ[$0] * z[$0] * (1 - z[$0]) } }
        /// ∂E/∂Yₖ = −(Qₖ/Yₖ − (1 − Qₖ)/(1 − Yₖ)).
        func dEdY(_ k: Int) -> Double { -(q[k] / y[k] - (1 - q[k]) / (1 - y[k])) }
        /// The path v₁₁ → Z₁ → Yₖ → E.
        func pathV11(_ k: Int) -> Double { dEdY(k) * y[k] * (1 - y[k]) * w[0][k] * z[0] * (1 - z[0]) * x[0] }
    }

    let seed = SeedByHand()
    let latex: String
    let markdown: String

    init() throws {
        let handout = HandoutTests.handout(try HandoutTests.load("two-outputs.json"), step: 5)
        latex = handout.latex()
        markdown = handout.markdown()
    }

    /// The last number of the first math span that begins with `left`: "$δᶻ₁ = … = 0.0693$" gives 0.0693.
    static func lastNumber(of left: String, in text: String) -> Double? {
        guard let start = text.range(of: "$" + left + " = ") ?? text.range(of: "$" + left + "$") else { return nil }
        guard let end = text[start.upperBound...].firstIndex(of: "$") else { return nil }
        let span = text[start.upperBound..<end]
        return (span.matches(of: #/-?[0-9]+\.[0-9]+/#).last?.output).flatMap { Double($0) }
    }

    /// Written with four decimals, so within half a unit of the fourth.
    func expectWritten(_ left: String, _ expected: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        for (format, text) in [("latex", latex), ("markdown", markdown)] {
            let written: Double? = Self.lastNumber(of: left, in: text)
            let close = written.map { abs($0 - expected) <= 0.5e-4 + 1e-12 } ?? false
            let shown = written.map { "\($0)" } ?? "missing"
            #expect(close, "\(format): \(left) is \(shown), expected \(expected)", sourceLocation: sourceLocation)
        }
    }

    @Test func saysWhereTheStepIs() {
        #expect(latex.contains("\\section*{Two sigmoid outputs (seed 000): Backward $\\cdot$ hidden layer Z}"))
        #expect(latex.contains("epoch 1 of 100, step 5 of 6 (batch 1 of 1)."))
        #expect(markdown.hasPrefix("# Two sigmoid outputs (seed 000): Backward · hidden layer Z\n"))
    }

    @Test func forwardValues() {
        #expect(abs(seed.z[0] - 0.5933) < 0.5e-4, "the hand computation itself: Z₁ = σ(0.3775)")
        for unit in 0..<2 {
            expectWritten("\\mathrm{net}^{z}_{\(unit + 1)}", seed.netZ[unit])
            expectWritten("Z_{\(unit + 1)}", seed.z[unit])
            expectWritten("\\mathrm{net}^{y}_{\(unit + 1)}", seed.netY[unit])
            expectWritten("Y_{\(unit + 1)}", seed.y[unit])
        }
    }

    @Test func hiddenDeltasAndGradients() {
        for j in 0..<2 {
            expectWritten("\\frac{\\partial E}{\\partial Z_{\(j + 1)}}", seed.dEdZ[j])
            expectWritten("\\delta^{z}_{\(j + 1)}", seed.deltaZ[j])
            expectWritten("\\frac{\\partial J}{\\partial b^{z}_{\(j + 1)}}", seed.deltaZ[j])
            for i in 0..<2 {
                expectWritten("\\frac{\\partial J}{\\partial v_{\(i + 1)\(j + 1)}}", seed.deltaZ[j] * seed.x[i])
            }
        }
    }

    @Test func chainRuleOfV11() throws {
        // Paths 1 and 2 of v₁₁ are the first two "product:" lines; each factor of path 1 on its own line.
        let products = latex.matches(of: #/product: \$[^$]* = (-?[0-9.]+)\$/#).prefix(2)
            .compactMap { Double($0.output.1) }
        #expect(products.count == 2)
        for (written, k) in zip(products, 0..<2) { #expect(abs(written - seed.pathV11(k)) <= 0.5e-4, "path \(k + 1)") }
        expectWritten("\\frac{\\partial E}{\\partial Y_{1}}", seed.dEdY(0))
        expectWritten("\\frac{\\partial Y_{1}}{\\partial \\mathrm{net}^{y}_{1}}", seed.y[0] * (1 - seed.y[0]))
        let gradient = seed.pathV11(0) + seed.pathV11(1)
        #expect(abs(gradient - seed.deltaZ[0] * seed.x[0]) < 1e-15, "both ways by hand agree")
        let numeric = try #require(latex.firstMatch(of: #/numeric check \(central difference\): \$(-?[0-9.]+)\$/#))
        #expect(abs(try #require(Double(numeric.output.1)) - gradient) <= 0.5e-4)
        expectWritten("v_{11} \\leftarrow v_{11} - \\eta \\cdot \\frac{\\partial J}{\\partial v_{11}}", 0.15 - seed.eta * gradient)
    }
}

/// Names and descriptions with TeX's and Markdown's special characters, controls and non-Latin
/// letters still give sound documents, with the characters escaped rather than lost.
@Suite struct HandoutHostileTextTests {
    static let name = "Bad \\ {x} $5 100% #1 a_b x^2 ~y & <b>|</b> \u{1B}[31m \u{07}\u{9B}2J \u{202E}evil\u{200B} "
        + "Σχέδιο Сеть 网络 🧠 👨‍👩‍👧 e\u{301} \u{2028}\r\nend\u{7F}"
    static let description = "Line1\nLine2\t\u{0}$x$ \\textbf{y} `code` *em* [l](u) \r\n# not a heading\n"
        + "\\end{document} %comment ^^M \u{85} 🙂 ¿qué? ∂E/∂v₁₁ ≈ 0.5"

    static func hostile() throws -> Handout {
        var scenario = try HandoutTests.load("two-outputs.json")
        scenario.name = name
        scenario.description = description
        return HandoutTests.handout(scenario, step: 2)
    }

    @Test func latexStaysSoundAndKeepsTheCharacters() throws {
        let latex = try Self.hostile().latex()
        #expect(LaTeXLint.problems(latex).isEmpty, "\(LaTeXLint.problems(latex).prefix(5))")
        #expect(latex.contains("\\section*{Bad \\textbackslash{} \\{x\\} \\$5 100\\% \\#1 a\\_b x\\^{}2 \\~{}y \\& "
                               + "\\textless{}b\\textgreater{}\\textbar{}\\textless{}/b\\textgreater{}"))
        #expect(latex.contains("\\textbackslash{}end\\{document\\} \\%comment \\^{}\\^{}M"))
        #expect(latex.contains("\\'e"), "an accent written with a combining mark is kept")
    }

    @Test func markdownStaysSoundAndKeepsTheCharacters() throws {
        let markdown = try Self.hostile().markdown()
        #expect(MarkdownLint.problems(markdown).isEmpty, "\(MarkdownLint.problems(markdown).prefix(5))")
        #expect(markdown.hasPrefix("# Bad \\\\ \\{x\\} \\$5 100% \\#1 a\\_b x^2 ~y \\& \\<b\\>\\|\\</b\\>"))
        #expect(markdown.contains("Σχέδιο Сеть 网络 🧠"))
        #expect(markdown.contains("\\\\u202eevil"), "a bidi override is shown, not obeyed")
        #expect(markdown.contains("\\$x\\$ \\\\textbf\\{y\\} \\`code\\` \\*em\\* \\[l\\](u)"))
        #expect(!markdown.contains("\n# not a heading"), "a description's line break does not start a heading")
    }
}
