import Foundation
import Testing
@testable import NNCore

/// The checker as a tutor: what it accepts, and the hint it gives for each classic mistake, on
/// nets of every activation and loss. The formulas are derived by hand from the chain rule.
@Suite struct CheckerTutorTests {
    /// Sigmoid hidden layer, one sigmoid output, mse, mean over 3 samples.
    static let sigmoidMSE = """
    {"layers": [{"units": 2},
      {"units": 2, "activation": "sigmoid", "weights": [[0.3, -0.4], [0.2, 0.6]], "biases": [0.1, -0.1]},
      {"units": 1, "activation": "sigmoid", "weights": [[0.5], [-0.7]], "biases": [0.05]}],
     "loss": "mse", "reduction": "mean", "learning_rate": 0.1, "epochs": 5,
     "data": [{"x": [0.5, -1.0], "y": [1]}, {"x": [0.2, 0.7], "y": [0]}, {"x": [-0.4, 0.3], "y": [1]}]}
    """

    /// Relu hidden layer, linear output, mse, one sample: a relu unit is often off.
    static let reluOneSample = """
    {"layers": [{"units": 2}, {"units": 3, "activation": "relu"}, {"units": 1, "activation": "linear"}],
     "loss": "mse", "learning_rate": 0.1, "epochs": 5, "seed": 3, "data": [{"x": [0.5, -1.0], "y": [1]}]}
    """

    /// Tanh hidden layer, two linear outputs, mse summed over 3 samples.
    static let tanhSum = """
    {"layers": [{"units": 2},
      {"units": 2, "activation": "tanh", "weights": [[0.3, -0.4], [0.2, 0.6]], "biases": [0.1, -0.1]},
      {"units": 2, "activation": "linear", "weights": [[0.5, -0.2], [-0.7, 0.4]], "biases": [0.05, 0.0]}],
     "loss": "mse", "reduction": "sum", "learning_rate": 0.1, "epochs": 5,
     "data": [{"x": [0.5, -1.0], "y": [1, 0]}, {"x": [0.2, 0.7], "y": [0, 1]}, {"x": [-0.4, 0.3], "y": [1, 1]}]}
    """

    /// Softmax output, cross-entropy, mean over 2 samples of different classes.
    static let softmaxMean = """
    {"layers": [{"units": 2},
      {"units": 2, "activation": "sigmoid", "weights": [[0.3, -0.4], [0.2, 0.6]], "biases": [0.1, -0.1]},
      {"units": 2, "activation": "softmax", "weights": [[0.5, -0.2], [-0.7, 0.4]], "biases": [0.05, 0.0]}],
     "loss": "cross_entropy", "learning_rate": 0.1, "epochs": 5,
     "data": [{"x": [0.5, -1.0], "y": [1, 0]}, {"x": [0.2, 0.7], "y": [0, 1]}]}
    """

    /// Sigmoid outputs with cross-entropy −Σ Q log Y (no (1 − Q) term), one sample.
    static let sigmoidCrossEntropy = """
    {"layers": [{"units": 2}, {"units": 2, "activation": "sigmoid", "weights": [[0.3, -0.4], [0.2, 0.6]], "biases": [0.1, -0.1]}],
     "loss": "cross_entropy", "learning_rate": 0.1, "epochs": 5, "data": [{"x": [0.5, -1.0], "y": [1, 0.5]}]}
    """

    func check(
        _ json: String, _ weight: String, _ formula: String, expecting: DerivationCheck.Expectation = .either
    ) throws -> DerivationCheck {
        let scenario = try TestScenarios.decode(json)
        let id = try WeightID.parse(weight, layerSizes: scenario.layerSizes, notation: scenario.notation)
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        return try DerivationChecker.check(formula, weight: id, scenario: scenario, record: record, expecting: expecting)
    }

    // MARK: What the checker accepts

    /// ∂E/∂w for one sample is right; so is one sample's share of ∂J/∂w. The issue's example:
    /// (Y1-Q1)*X2 on a 4-sample logistic regression with a mean.
    @Test func perSampleAndBatchShareAreBothRight() throws {
        let perSample = try check(TestScenarios.logistic, "w2", "(Y1-Q1)*X2")
        #expect(perSample.isCorrect && perSample.form == .perSample)
        let lines = CheckReport.lines(perSample, symbol: "w₂")
        #expect(lines[0] == "✓ correct as ∂E/∂w₂ for one sample; ∂J/∂w₂ is their mean over the batch, (1/m)·Σₛ")
        let share = try check(TestScenarios.logistic, "w2", "(Y1-Q1)*X2/m")
        #expect(share.isCorrect && share.form == .batchShare)
        #expect(CheckReport.lines(share, symbol: "w₂")[0] == "✓ correct: (Y1-Q1)*X2/m gives ∂J/∂w₂ at all 5 points")
        // Under a sum both readings are one: Σₛ ∂E⁽ˢ⁾/∂w.
        let summed = try check(Self.tanhSum, "w11", "(Y1-Q1)*Z1")
        #expect(summed.form == .batchShare)
        let json = CheckReport.json(perSample, weightName: "w2").text
        #expect(json.contains(#""verdict":"correct""#) && json.contains(#""form":"per_sample""#) && json.contains(#""mistake":null"#))
    }

    /// A caller that wants ∂J/∂w itself (a quiz at the update step) gets the mean's 1/m named.
    @Test func aCallerCanInsistOnTheBatch() throws {
        let perSample = try check(TestScenarios.logistic, "w2", "(Y1-Q1)*X2", expecting: .batchShare)
        #expect(!perSample.isCorrect && perSample.hint?.mistakes == [.missingMean])
        #expect(CheckReport.lines(perSample, symbol: "w₂")[0] == "✗ not ∂J/∂w₂: (Y1-Q1)*X2")
        let both = try check(TestScenarios.logistic, "w2", "(Q1-Y1)*X2", expecting: .batchShare)
        #expect(both.hint?.mistakes == [.sign, .missingMean])
        #expect(both.hint?.text.hasPrefix("the sign is flipped and the 1/m of the mean is missing: ") == true)
        let onlySample = try check(TestScenarios.logistic, "w2", "(Y1-Q1)*X2/m", expecting: .perSample)
        #expect(onlySample.hint?.mistakes == [.extraMean])
    }

    /// relu′ written as relu'(x), step(x) or (x > 0); σ′ and tanh′ by name or by value.
    @Test func derivativesAsStudentsWriteThem() throws {
        for relu in ["relu'(netz1)", "step(netz1)", "(netz1 > 0)", "relu′(netz1)"] {
            #expect(try check(Self.reluOneSample, "v11", "(Y1-Q1)*W11*\(relu)*X1").isCorrect, "\(relu)")
        }
        for sigmoid in ["σ'(netz1)", "sigma'(netz1)", "σ(netz1)(1 − σ(netz1))", "Z_1(1 − Z_1)"] {
            #expect(try check(Self.sigmoidMSE, "v11", "(Y1 − Q1)·Y1(1 − Y1)·W11·\(sigmoid)·X1").isCorrect, "\(sigmoid)")
        }
        for tanh in ["tanh'(netz1)", "(1 − Z1^2)", "(1 - tanh(netz1)^2)"] {
            #expect(try check(Self.tanhSum, "v11", "Σ_k (Y_k − Q_k)·W_1k·\(tanh)·X1").isCorrect, "\(tanh)")
        }
    }

    /// On a relu net most random points have a gradient that is not 0, and the report says how
    /// many points really tested the formula.
    @Test func testPointsAvoidZeroGradients() throws {
        let right = try check(Self.reluOneSample, "v11", "(Y1-Q1)*W11*step(netz1)*X1")
        let random = right.points.dropFirst()
        #expect(random.filter { $0.gradient != 0 }.count >= 3, "\(random.map(\.gradient))")
        #expect(right.testedPointCount == right.points.filter { $0.gradient != 0 }.count)
        if right.testedPointCount < right.points.count {
            #expect(CheckReport.lines(right, symbol: "v₁₁")[0].contains("\(right.testedPointCount) of them test it"))
            #expect(CheckReport.lines(right, symbol: "v₁₁").contains { $0.hasSuffix("(0 = 0 tests nothing)") })
        }
        // The point where the unit is off catches a missing relu′.
        let missing = try check(Self.reluOneSample, "v11", "(Y1-Q1)*W11*X1")
        #expect(!missing.isCorrect && missing.mistake == .activationDerivative)
        #expect(missing.hint?.text.contains("relu′, a step") == true)
    }

    /// Every report says the parameters are those the batch began with (before the update).
    @Test func theReportNamesTheParametersUsed() throws {
        let scenario = try TestScenarios.decode(TestScenarios.seed000)
        let run = TrainingRun(scenario: scenario)
        let record = run.record(epoch: 3, batch: 0)
        let v11 = WeightID(layer: 0, from: 0, to: 0)
        let check = try DerivationChecker.check("Σ_k (Y_k − Q_k)·W_1k·X1·Z1(1 − Z1)", weight: v11, scenario: scenario, record: record)
        #expect(check.weightValue == record.parametersBefore.weights[0][0])
        #expect(check.weightValue != record.parametersAfter.weights[0][0])
        let last = try #require(CheckReport.lines(check, symbol: "v₁₁").last)
        #expect(last == "  every point uses the parameters as the batch began, before its update (v₁₁ = \(NumberStyle.standard.format(check.weightValue)) at the first)")
    }

    /// A mistyped name gets the nearest accepted spelling.
    @Test func unknownNamesGetTheNearestSpelling() throws {
        #expect(throws: DerivationCheckError.self) { try check(TestScenarios.seed000, "v11", "Yl*X1") }
        func message(_ formula: String) -> String {
            do {
                _ = try check(TestScenarios.seed000, "v11", formula)
                return ""
            } catch {
                return "\(error)"
            }
        }
        #expect(message("(Y1-Q1)*Wl1").contains("did you mean 'W11'?"))
        #expect(message("sigmod(netz1)").hasPrefix("unknown function 'sigmod': did you mean 'sigmoid'?"))
    }

    /// A long formula on a big batch is refused before the work starts, not left to run.
    @Test func tooMuchWorkIsAnError() throws {
        let samples = (0..<1000).map { i in #"{"x": [\#(Double(i) / 1000), 0.5], "y": [\#(i % 2)]}"# }.joined(separator: ", ")
        let json = """
        {"layers": [{"units": 2}, {"units": 1, "activation": "sigmoid"}], "loss": "binary_cross_entropy", "learning_rate": 0.1,
         "epochs": 1, "data": [\(samples)]}
        """
        #expect(throws: DerivationCheckError.self) { try check(json, "w1", "sum(k, 1, 10000, X1)") }
        #expect(try check(json, "w1", "sum(k, 1, 100, X1)").isComparable)
    }

    // MARK: Hints

    @Test func constantRatiosAloneAndTogether() throws {
        func mistakes(_ json: String, _ weight: String, _ formula: String) throws -> [DerivationCheck.Mistake] {
            let result = try check(json, weight, formula)
            #expect(!result.isCorrect, "\(formula)")
            return result.hint?.mistakes ?? []
        }
        // Logistic regression (sigmoid, BCE, mean over 4).
        #expect(try mistakes(TestScenarios.logistic, "w1", "(Q1-Y1)*X1/m") == [.sign])
        #expect(try mistakes(TestScenarios.logistic, "w1", "(Q1-Y1)*X1") == [.sign])
        // Read per sample, its points are shown sample by sample: −∂E⁽¹⁾/∂w₁ next to ∂E⁽¹⁾/∂w₁.
        let perSampleSign = try check(TestScenarios.logistic, "w1", "(Q1-Y1)*X1")
        let record = TrainingRun(scenario: try TestScenarios.decode(TestScenarios.logistic)).record(epoch: 0, batch: 0)
        let first = NumberStyle.standard.format(record.delta[0][0][0] * 1)
        #expect(perSampleSign.hint?.perSample == true)
        #expect(CheckReport.lines(perSampleSign, symbol: "w₁")[2].hasSuffix(", ∂E⁽¹⁾/∂w₁ = \(first) at sample 1"))
        #expect(try mistakes(TestScenarios.logistic, "w1", "(Y1-Q1)*X1/m^2") == [.extraMean])
        #expect(try mistakes(TestScenarios.logistic, "w1", "(Q1-Y1)*X1/m^2") == [.sign, .extraMean])
        // Sigmoid + mse, mean over 3: the ½ of squared error.
        let right = "(Y1 − Q1)·Y1(1 − Y1)·W11·Z1(1 − Z1)·X1"
        #expect(try mistakes(Self.sigmoidMSE, "v11", "2" + right) == [.missingHalf])
        #expect(try mistakes(Self.sigmoidMSE, "v11", right + "/2") == [.extraHalf])
        #expect(try mistakes(Self.sigmoidMSE, "v11", "-2" + right + "/m") == [.sign, .missingHalf])
        // Tanh + linear + mse summed: any 1/m is extra.
        let sum = "Σ_k (Y_k − Q_k)·W_1k·(1 − Z1²)·X1"
        #expect(try mistakes(Self.tanhSum, "v11", sum.replacingOccurrences(of: "²", with: "^2") + "/m") == [.extraMean])
        let combined = try check(Self.tanhSum, "v11", "-" + sum.replacingOccurrences(of: "²", with: "^2") + "/(2m)")
        #expect(combined.hint?.mistakes == [.sign, .extraMean, .extraHalf])
        #expect(combined.hint?.text.hasPrefix("the sign is flipped, there is an extra 1/m and the result is half the gradient: ") == true)
        #expect(combined.hint?.text.contains("\"reduction\": \"sum\"") == true)
        // Anything else constant is named with its value.
        let three = try check(TestScenarios.logistic, "w1", "3(Y1-Q1)*X1")
        #expect(three.hint?.mistakes == [.constantFactor] && three.hint?.factor.map { abs($0 - 3) < 1e-9 } == true)
    }

    @Test func swappedIndices() throws {
        // W_k1 for W_1k on seed 000 (square W); on the tanh net too, and with the 1/m besides.
        let swapped = try check(TestScenarios.seed000, "v11", "Σ_k (Y_k − Q_k)·W_k1·X1·Z1(1 − Z1)")
        #expect(swapped.hint?.mistakes == [.swappedIndices])
        #expect(swapped.hint?.text.contains("transposed") == true)
        #expect(try check(Self.tanhSum, "v12", "Σ_k (Y_k − Q_k)·W_k2·(1 − Z2^2)·X1/m").hint?.mistakes == [.swappedIndices, .extraMean])
        // A name that exists only transposed (3×1 W read as 1×3) is a hint, not an error.
        let transposedOnly = try check(Self.sigmoidMSE, "v12", "(Y1 − Q1)·Y1(1 − Y1)·W12·Z2(1 − Z2)·X1")
        #expect(!transposedOnly.isCorrect && transposedOnly.mistake == .swappedIndices)
    }

    @Test func activationDerivativesNameTheRealActivation() throws {
        // relu layer given σ′'s form: the hint says relu′ is a step and never says σ′.
        let relu = try check(Self.reluOneSample, "v11", "(Y1-Q1)*W11*Z1(1-Z1)*X1")
        #expect(relu.mistake == .activationDerivative)
        let reluText = try #require(relu.hint?.text)
        #expect(reluText.contains("relu′, a step") && !reluText.contains("σ′"), "\(reluText)")
        // tanh layer given Z(1 − Z), and missing.
        let tanh = try check(Self.tanhSum, "v11", "Σ_k (Y_k − Q_k)·W_1k·Z1(1 − Z1)·X1")
        #expect(tanh.mistake == .activationDerivative && tanh.hint?.text.contains("1 − Z²") == true)
        #expect(try check(Self.tanhSum, "v11", "Σ_k (Y_k − Q_k)·W_1k·X1").hint?.text.contains("is missing") == true)
        // A sigmoid hidden layer's σ′ missing; the sigmoid output's σ′ missing under mse.
        let hidden = try check(Self.sigmoidMSE, "v11", "(Y1 − Q1)·Y1(1 − Y1)·W11·X1")
        #expect(hidden.hint?.text.hasPrefix("the derivative of the hidden layer Z's activation is missing") == true)
        let output = try check(Self.sigmoidMSE, "v11", "(Y1 − Q1)·W11·Z1(1 − Z1)·X1")
        #expect(output.hint?.text.hasPrefix("the derivative of the output Y's activation is missing") == true)
        // The deep layered net (tanh, relu, linear): a relu layer's derivative left out.
        let deep = try TestScenarios.decode(TestScenarios.deep)
        #expect(deep.notation == .layered)
        let full = "Σ_j Σ_k (A[3]k − y_k)·W[3]jk·(Z[2]j > 0)·W[2]1j·(1 − A[1]1^2)·X1"
        #expect(try check(TestScenarios.deep, "W[1]11", full).isCorrect)
        let noRelu = try check(TestScenarios.deep, "W[1]11", "Σ_j Σ_k (A[3]k − y_k)·W[3]jk·W[2]1j·(1 − A[1]1^2)·X1")
        #expect(noRelu.mistake == .activationDerivative && noRelu.hint?.text.contains("layer 2 (A[2]) is relu") == true, "\(String(describing: noRelu.hint))")
    }

    @Test func outputMistakesOfEachLoss() throws {
        // BCE: the (1 − y)/(1 − ŷ) term's sign, an extra Y(1 − Y), the sum over outputs.
        #expect(try check(TestScenarios.logistic, "w1", "-(y/ŷ + (1-y)/(1-ŷ))·ŷ(1-ŷ)·X1").mistake == .bceTermSign)
        #expect(try check(TestScenarios.logistic, "w1", "(ŷ − y)·ŷ(1 − ŷ)·X1").mistake == .extraActivationDerivative)
        let oneOutput = try check(TestScenarios.seed000, "v11", "(Y2 − Q2)·W12·X1·Z1(1 − Z1)")
        #expect(oneOutput.mistake == .missingSum && oneOutput.hint?.text.contains("Y₂") == true)
        // Cross-entropy with sigmoid outputs: δ = −Q(1 − Y); an extra Y(1 − Y).
        #expect(try check(Self.sigmoidCrossEntropy, "w12", "-Q2(1 − Y2)·X1").isCorrect)
        #expect(try check(Self.sigmoidCrossEntropy, "w12", "-Q2(1 − Y2)·Y2(1 − Y2)·X1").mistake == .extraActivationDerivative)
        // Softmax + cross-entropy: δ = Y − Q, not the sigmoid-style −Q(1 − Y) or (Y − Q)·Y(1 − Y).
        #expect(try check(Self.softmaxMean, "w11", "(Y1 − Q1)·Z1").isCorrect)
        let independent = try check(Self.softmaxMean, "w11", "-Q1(1 − Y1)·Z1")
        #expect(independent.mistake == .softmaxAsSigmoid && independent.hint?.text.contains("independent sigmoids") == true)
        #expect(try check(Self.softmaxMean, "w21", "(Y1 − Q1)·Y1(1 − Y1)·Z2").mistake == .softmaxAsSigmoid)
        #expect(try check(TestScenarios.softmax, "v11", "Σ_k (Y_k − Q_k)·W_1k·Z1(1 − Z1)·X1").isCorrect)
    }

    /// Hints speak to the student, not to the project's notes.
    @Test func hintsNameNoSeed() throws {
        let wrong = [
            (TestScenarios.logistic, "w1", "-(y/ŷ + (1-y)/(1-ŷ))·ŷ(1-ŷ)·X1"), (TestScenarios.seed000, "v11", "(Y1 − Q1)·W11·X1·Z1(1 − Z1)"),
            (TestScenarios.logistic, "w1", "(y - ŷ)X1/m/m"), (Self.sigmoidMSE, "v11", "(Y1 − Q1)·W11·Z1(1 − Z1)·X1"),
        ]
        for (json, weight, formula) in wrong {
            let text = try #require(try check(json, weight, formula).hint?.text)
            #expect(!text.lowercased().contains("seed"), "\(text)")
        }
    }

    /// The compiled formula the checker evaluates gives what the expression gives, name by name.
    @Test func compiledFormulasAgreeWithTheExpression() throws {
        let scenario = try TestScenarios.decode(TestScenarios.seed000)
        let record = TrainingRun(scenario: scenario).record(epoch: 2, batch: 0)
        let formulas = [
            "Σ_k (Y_k − Q_k)·W_1k·X1·Z1(1 − Z1)", "sum(k, 1, 2, sum(j, 1, 2, W{j}{k}*Z{j})) / m + eta", "sum(k, 1, 2, k*Y{k})",
            "Σ_j Σ_k V_1j·W_jk·(netz_j > 0.3)", "σ'(nety1) + tanh'(netz2) - relu'(-1) + exp(bz1) * by2", "sum(k, 1, 2, sum(k, 3, 4, k))",
        ]
        for formula in formulas {
            let expression = try Expression.parse(formula)
            let compiled = try CompiledFormula(expression, scenario: scenario, record: record, transposed: [])
            let symbols = DerivationSymbols(scenario: scenario, record: record, sample: 0)
            let expected = try expression.evaluate { symbols.value($0) }
            #expect(try compiled.evaluate(record: record, sample: 0) == expected, "\(formula)")
        }
        #expect(throws: ExpressionEvaluationError.unknownSymbol("Y3", column: 14)) {
            try CompiledFormula(Expression.parse("sum(k, 1, 3, Y{k})"), scenario: scenario, record: record, transposed: []).evaluate(record: record, sample: 0)
        }
    }

    /// The changed chain rules start from the true one: with nothing changed, the backward pass
    /// of the hints reproduces the engine's ∂E⁽ˢ⁾/∂w on every net.
    @Test func theHintsBackwardPassMatchesTheEngine() throws {
        for (name, json) in TestScenarios.all {
            let scenario = try TestScenarios.decode(json)
            let record = TrainingRun(scenario: scenario).record(epoch: 1, batch: 0)
            for layer in scenario.layers.indices {
                let weight = WeightID(layer: layer, from: 0, to: 0)
                let truth = Truth(scenario: scenario, weight: weight)
                let context = Context(truth: truth, records: [record], subsets: [0..<record.sampleCount], expecting: .either)
                let recomputed = context.gradients { record, s, k in record.delta[scenario.layers.count - 1][s][k] }[0]
                for (a, b) in zip(recomputed, truth.sampleGradients(record)) {
                    #expect(abs(a - b) <= 1e-12 * max(1, abs(b)), "\(name) layer \(layer): \(a) vs \(b)")
                }
            }
        }
    }
}
