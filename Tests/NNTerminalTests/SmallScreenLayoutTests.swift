import Foundation
import NNCore
import Testing
@testable import NNTerminal

/// A projector shows 80×24 or 100×30 with large fonts: what each step of two-outputs.json must
/// show there without scrolling, the focus layouts of `z`, and panels that keep their heights
/// when the weight changes. Expected numbers are seed 000's, computed by hand (see
/// Seed000Tests in NNCoreTests).
@Suite struct SmallScreenLayoutTests {
    static let scenario = ScenarioDecoder.defaultScenario

    static func scenario(_ file: String) throws -> Scenario {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios").appendingPathComponent(file)
        return try ScenarioDecoder.decode(Data(contentsOf: url), file: file)
    }

    func state(_ keys: String, scenario: Scenario = Self.scenario, width: Int = 80, height: Int = 24) throws -> ViewerState {
        let sized = ViewerState(scenario: scenario).updated(with: .key(.resize(width: width, height: height)))
        return try KeyScript.parse(keys).reduce(sized) { $0.updated(with: .key($1)) }
    }

    func screen(_ state: ViewerState, width: Int = 80, height: Int = 24) -> String {
        Renderer.render(state, width: width, height: height).text
    }

    /// The values each step of epoch 1 computes: Z, Y, E, δʸ, δᶻ, and v₁₁'s update.
    static let results: [[String]] = [
        ["Z₁ = ", "= 0.5933", "Z₂ = ", "= 0.5969"],
        ["Y₁ = ", "= 0.7514", "Y₂ = ", "= 0.7729"],
        ["= 1.7684"],
        ["δʸ₁ = ", "= −0.2486", "δʸ₂ = ", "= 0.7729"],
        ["δᶻ₁ = ", "= 0.0693", "δᶻ₂ = ", "= 0.0754"],
        ["v₁₁ ← ", "= 0.1483"],
    ]

    /// v₁₁'s factors on its two paths (through Y₁ and Y₂) and the step from which each is known.
    static let factors: [(label: String, value: String, known: Int)] = [
        ("∂E/∂Y₁", "−1.3309", 3), ("∂Y₁/∂netʸ₁", "0.1868", 3), ("∂netʸ₁/∂Z₁", "0.4000", 0), ("∂Z₁/∂netᶻ₁", "0.2413", 4),
        ("∂netᶻ₁/∂v₁₁", "0.0500", 0), ("∂E/∂Y₂", "4.4039", 3), ("∂Y₂/∂netʸ₂", "0.1755", 3), ("∂netʸ₂/∂Z₁", "0.5000", 0),
    ]

    @Test(arguments: 0..<6)
    func everyStepOfTwoOutputsShowsItsResultsAndTheWholeChainRuleAt80x24(step: Int) throws {
        let text = screen(try state(String(repeating: "n", count: step)))
        let stepPanel = text.components(separatedBy: "Chain rule")[0]
        for piece in Self.results[step] { #expect(stepPanel.contains(piece), "step \(step + 1): \(piece)\n\(text)") }
        for factor in Self.factors {
            // Label and value on one row, with no formula between them: "∂E/∂Y₁      = −1.3309".
            let value = step >= factor.known ? factor.value : "pending"
            let pattern = NSRegularExpression.escapedPattern(for: factor.label) + " += " + NSRegularExpression.escapedPattern(for: value)
            #expect(text.range(of: pattern, options: .regularExpression) != nil, "step \(step + 1): \(factor.label) = \(value)\n\(text)")
        }
        if step >= 4 {
            #expect(text.contains("∂J/∂v₁₁ = (−0.0012) + 0.0047 = 0.0035"), "step \(step + 1)\n\(text)")
            #expect(text.contains("numeric check (central difference) ≈ 0.0035 ✓ agrees"), "step \(step + 1)\n\(text)")
        } else {
            #expect(text.contains("∂J/∂v₁₁ = pending"), "step \(step + 1)\n\(text)")
        }
        #expect(!text.contains("more: ]"), "the chain rule does not scroll at step \(step + 1)\n\(text)")
    }

    @Test(arguments: 0..<6)
    func at100x30TheDiagramAlsoListsTheWeights(step: Int) throws {
        let text = screen(try state(String(repeating: "n", count: step), width: 100, height: 30), width: 100, height: 30)
        // The initial weights of seed 000; the update step lists the new ones: v₂₂ = 0.3 − 0.5·δᶻ₂·X₂
        // = 0.3 − 0.5·0.0754·0.1 and w₁₁ = 0.4 − 0.5·δʸ₁·Z₁ = 0.4 + 0.5·0.248635·0.593270 (δʸ₁ = Y₁ − Q₁).
        let weights = step == 5 ? ["v₂₂ 0.2962", "w₁₁ 0.4738"] : ["v₁₁ 0.1500", "v₁₂ 0.2500", "v₂₁ 0.2000", "v₂₂ 0.3000", "bᶻ₁ 0.3500",
                                                             "w₁₁ 0.4000", "w₂₂ 0.5500", "bʸ₂ 0.6000"]
        for weight in weights { #expect(text.contains(weight), "step \(step + 1): \(weight)\n\(text)") }
        for piece in Self.results[step] { #expect(text.contains(piece), "step \(step + 1): \(piece)") }
        if step >= 4 { #expect(text.contains("numeric check (central difference) ≈ 0.0035 ✓ agrees")) }
    }

    @Test(arguments: ["xor.json", "last-layer.json", "logistic-regression.json"])
    func layeredAndMultiSampleScenariosKeepTheShownSamplesResultsAndTheTotal(file: String) throws {
        let scenario = try Self.scenario(file)
        var current = try state("", scenario: scenario)
        for _ in 0..<current.cursor.stepsPerEpoch {
            let text = screen(current)
            let stepPanel = text.components(separatedBy: "Chain rule")[0]
            let explanation = current.derived.explanation
            let renderer = FormulaRenderer(.unicode)
            // The results of sample 1: each line's symbol and its value (its first and last side).
            for line in explanation.lines where line.sample == 0 && [.activation, .delta].contains(line.kind) {
                guard case .math(let equation)? = line.parts.first, equation.sides.count > 1 else { continue }
                let value = renderer.text(Equation(equation.sides[equation.sides.count - 1]))
                #expect(stepPanel.contains(renderer.text(Equation(equation.sides[0]))), "\(file) \(explanation.title)\n\(text)")
                #expect(stepPanel.contains("= " + value), "\(file) \(explanation.title): \(value)\n\(text)")
            }
            let symbol = renderer.target.write(current.derived.decomposition.symbol)
            #expect(text.contains("∂J/∂\(symbol) = "), "\(file) \(explanation.title)\n\(text)")
            current = current.updated(with: .key(.character("n")))
        }
    }

    /// The rows where panels begin (their top borders).
    func panelTops(_ text: String) -> [Int] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { $0.element.hasPrefix("┌") ? $0.offset : nil }
    }

    @Test(arguments: [(80, 24), (100, 30), (120, 40)], ["", "nnn", "nnnn", "nnnnn"])
    func tabDoesNotMoveThePanels(size: (Int, Int), keys: String) throws {
        var current = try state(keys, width: size.0, height: size.1)
        let tops = panelTops(screen(current, width: size.0, height: size.1))
        let layout = Renderer.layout(current, width: size.0, height: size.1)
        for _ in 0..<5 {
            current = current.updated(with: .key(.tab))
            #expect(panelTops(screen(current, width: size.0, height: size.1)) == tops, "\(size) \(keys) \(current.selectedWeight)")
            #expect(Renderer.layout(current, width: size.0, height: size.1) == layout)
        }
        // ↓ walks every weight, biases included: the heights stay too.
        for _ in 0..<12 {
            current = current.updated(with: .key(.down))
            #expect(Renderer.layout(current, width: size.0, height: size.1) == layout, "\(size) \(keys) \(current.selectedWeight)")
        }
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func zCyclesTheFocusLayouts(size: (Int, Int)) throws {
        let (width, height) = size
        let chain = try state("nnnnz", width: width, height: height)
        #expect(chain.focus == .chain)
        let chainText = screen(chain, width: width, height: height)
        #expect(chainText.contains("Chain rule · ∂J/∂v₁₁") && !chainText.contains("Network") && !chainText.contains("Step 5/6"))
        // Full screen, the chain rule has room for its formulas.
        #expect(chainText.contains("= −(Q₁/Y₁ − (1 − Q₁)/(1 − Y₁))") && chainText.contains("∂J/∂v₁₁ = (−0.0012) + 0.0047 = 0.0035"))

        let step = chain.updated(with: .key(.character("z")))
        #expect(step.focus == .step)
        let stepText = screen(step, width: width, height: height)
        #expect(stepText.contains("Step 5/6 · Backward · hidden layer Z") && !stepText.contains("Chain rule") && !stepText.contains("Network"))
        // Every line of the step: the last weight's gradient is ∂J/∂bᶻ₂ = δᶻ₂ = 0.0754.
        #expect(stepText.contains("∂J/∂bᶻ₂ = δᶻ₂ = 0.0754") && !stepText.contains("more: PgDn"))

        let network = step.updated(with: .key(.character("z")))
        #expect(network.focus == .network)
        let networkText = screen(network, width: width, height: height)
        #expect(networkText.contains("Network") && !networkText.contains("Chain rule") && !networkText.contains("Step 5/6"))
        for weight in ["v₁₁ 0.1500", "v₁₂ 0.2500", "v₂₁ 0.2000", "v₂₂ 0.3000", "bᶻ₁ 0.3500", "bᶻ₂ 0.3500",
                       "w₁₁ 0.4000", "w₁₂ 0.5000", "w₂₁ 0.4500", "w₂₂ 0.5500", "bʸ₁ 0.6000", "bʸ₂ 0.6000"] {
            #expect(networkText.contains(weight), "\(width)×\(height): \(weight)")
        }
        let all = network.updated(with: .key(.character("z")))
        #expect(all.focus == .all)
        // Back to all panels: the same screen as before z, but for the status line's message.
        func panels(_ text: String) -> [Substring] { text.split(separator: "\n").dropLast() }
        #expect(panels(screen(all, width: width, height: height)) == panels(screen(try state("nnnn", width: width, height: height),
                                                                                  width: width, height: height)))
    }

    @Test func theFocusSurvivesStepsAndWeights() throws {
        let focused = try state("zz{Tab}n{Down}")
        #expect(focused.focus == .step)
        #expect(screen(focused).contains("Step 2/6"))
    }

    @Test func theNetworkFocusListsEveryWeightOfALayeredNet() throws {
        // last-layer.json's initial weights, from the file.
        let scenario = try Self.scenario("last-layer.json")
        let text = screen(try state("zzz", scenario: scenario))
        for weight in ["W[1]₁₁ 0.2000", "W[1]₂₃ −0.2000", "b[1]₃ 0.0500", "W[2]₃₂ 0.4000", "b[2]₂ 0.1000", "W[3]₂₁ −0.6000", "b[3]₁ 0.2000"] {
            #expect(text.contains(weight), "\(weight)\n\(text)")
        }
    }
}
