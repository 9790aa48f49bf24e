import Testing
@testable import NNCore

/// Seed 000's network checked against values computed by hand (in a separate Python session,
/// straight from the formulas of the Notation article, Sources/NNCore/NNCore.docc/NotationGuide.md),
/// not against the engine's own output.
@Suite struct Seed000Tests {
    let scenario: Scenario
    let record: BatchRecord

    init() throws {
        scenario = try TestScenarios.decode(TestScenarios.seed000)
        record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
    }

    @Test func forwardValues() {
        #expect(close(record.net[0][0], [0.3775, 0.3925]))
        #expect(close(record.out[0][0], [0.5932699921071872, 0.596884378259767]))
        #expect(close(record.net[1][0], [1.10590596705977, 1.2249214040964653]))
        #expect(close(record.out[1][0], [0.7513650695523157, 0.7729284653214625]))
    }

    @Test func lossIsBinaryCrossEntropySummedOverOutputs() {
        #expect(close(record.loss, 1.768353814478596))
    }

    @Test func outputFactors() {
        // ∂E/∂Y_k = (Y_k − Q_k)/(Y_k(1 − Y_k)), ∂Y_k/∂net_k = Y_k(1 − Y_k), δ_k = Y_k − Q_k
        #expect(close(record.outGradient[1][0], [-1.3309109519768172, 4.403898539795789]))
        #expect(close(record.activationDerivative[1][0], [0.18681560180895948, 0.17551005281727122]))
        #expect(close(record.delta[1][0], [0.7513650695523157 - 1, 0.7729284653214625]))
    }

    @Test func gradientOfV11IsTheSumOfBothPaths() throws {
        let v11 = try WeightID.parse("v11", layerSizes: scenario.layerSizes, notation: .classic)
        let decomposition = ChainRule.decompose(v11, record: record, scenario: scenario)
        #expect(decomposition.paths.count == 2)
        #expect(close(decomposition.paths[0].product, -0.0011999156978571403))
        #expect(close(decomposition.paths[1].product, 0.004662704658944721))
        #expect(close(decomposition.gradient, 0.0034627889610875807))
        #expect(decomposition.paths.map(\.factors.count) == [5, 5])
        #expect(decomposition.paths[0].factors.map(\.label.text) == ["∂E/∂Y₁", "∂Y₁/∂netʸ₁", "∂netʸ₁/∂Z₁", "∂Z₁/∂netᶻ₁", "∂netᶻ₁/∂v₁₁"])
        #expect(decomposition.paths[1].factors[2].formula.text == "w₁₂")
        #expect(close(decomposition.valueAfter, 0.1482686055194562))
    }

    @Test func outputWeightGradients() {
        let expected = [-0.14750764322426868, 0.4585552645206844, -0.14840630587392645, 0.46134892646267706]
        #expect(close(record.weightGradients[1], expected))
    }
}

/// |a − b| ≤ 1e-12·max(1, |b|), element-wise.
func close(_ a: Double, _ b: Double, tolerance: Double = 1e-12) -> Bool {
    abs(a - b) <= tolerance * max(1, abs(b))
}

func close(_ a: [Double], _ b: [Double], tolerance: Double = 1e-12) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { close($0, $1, tolerance: tolerance) }
}
