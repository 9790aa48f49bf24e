import Foundation
import Testing
@testable import NNCore
@testable import NNTerminal

/// Quiz mode: n asks for the next step's number before showing it, judges a number or a
/// formula to 3 significant figures, and keeps the score.
@Suite struct QuizTests {
    func open(_ keys: String, quiz: Bool = true) throws -> ViewerState {
        let state = ViewerState(scenario: ScenarioDecoder.defaultScenario, options: .init(quiz: quiz))
            .updated(with: .key(.resize(width: 80, height: 24)))
        return try KeyScript.parse(keys).reduce(state) { $0.updated(with: .key($1)) }
    }

    // Seed 000 by hand.
    let z1 = 1 / (1 + exp(-0.3775)), z2 = 1 / (1 + exp(-0.3925))
    var y1: Double { 1 / (1 + exp(-(z1 * 0.4 + z2 * 0.45 + 0.6))) }
    var y2: Double { 1 / (1 + exp(-(z1 * 0.5 + z2 * 0.55 + 0.6))) }

    @Test func aQuestionComesBeforeTheStepAndANumberIsJudged() throws {
        let asked = try open("n")
        #expect(asked.mode == .input(.quiz, text: ""))
        #expect(asked.question?.prompt == "Y₁" && asked.cursor.index == 0)
        #expect(Renderer.render(asked, width: 80, height: 24).text.contains("Quiz · Y₁ = "))
        let right = try open("n" + String(format: "%.3f", y1) + "{Enter}")
        #expect(right.cursor.index == 1 && right.quizRight == 1 && right.quizAsked == 1)
        #expect(right.message == String(format: "✓ right: Y₁ = %.4f · score 1/1", y1))
        // Off in the third significant figure.
        let wrong = try open("n" + String(format: "%.3f", y1 + 0.002) + "{Enter}")
        #expect(wrong.quizRight == 0 && wrong.quizAsked == 1 && wrong.message?.hasPrefix("✗ Y₁ = ") == true)
    }

    @Test func aFormulaIsEvaluatedAtTheStepsNumbers() throws {
        // The loss: −[1·log Y₁ + log(1 − Y₂)] for Q = (1, 0), typed as a formula.
        let state = try open("n" + String(format: "%.4f", y1) + "{Enter}n-(log(Y1) + log(1 - Y2)){Enter}")
        #expect(state.quizRight == 2 && state.cursor.index == 2)
        #expect(abs(state.derived.step.record.loss - -(log(y1) + log(1 - y2))) < 1e-12)
    }

    @Test func hintsSkipsAndUnreadableAnswers() throws {
        let hint = try open("n?")
        #expect(hint.message == "hint: Y₁ = σ(Z₁·w₁₁ + Z₂·w₂₁ + bʸ₁)")
        let unreadable = try open("nabc((")
        let after = unreadable.updated(with: .key(.enter))
        #expect(after.mode == .input(.quiz, text: "abc((") && after.quizAsked == 0)
        let skipped = try open("n{Esc}")
        #expect(skipped.cursor.index == 1 && skipped.quizAsked == 0 && skipped.message?.hasPrefix("skipped: Y₁ = ") == true)
        // The backward step asks for the selected weight's next factor: ∂E/∂Y₁ on v₁₁'s first path.
        let factor = try open("n{Esc}n{Esc}n")
        #expect(factor.question?.prompt == "∂E/∂Y₁ on the first path of v₁₁")
        #expect(QuizQuestion.agrees(-1 / y1, factor.question!.truth) && !QuizQuestion.agrees(-1 / y1 + 0.01, factor.question!.truth))
        #expect(try open(":quiz{Enter}n", quiz: true).cursor.index == 1, ":quiz turns it off")
    }
}
