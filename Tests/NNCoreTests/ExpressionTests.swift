import Foundation
import PropertyBased
import Testing
@testable import NNCore

/// The formula language of the derivation checker.
@Suite struct ExpressionTests {
    func value(_ text: String, _ symbols: [String: Double] = [:]) throws -> Double {
        try Expression.parse(text).evaluate { symbols[$0] }
    }

    @Test func precedenceAndAssociativity() throws {
        #expect(try value("1 + 2 * 3") == 7)
        #expect(try value("(1 + 2) * 3") == 9)
        #expect(try value("2 ^ 3 ^ 2") == 512)
        #expect(try value("-2 ^ 2") == -4)
        #expect(try value("2 ^ -1") == 0.5)
        #expect(try value("8 / 4 / 2") == 1)
        #expect(try value("1 - 2 - 3") == -4)
        #expect(try value("--3") == 3)
        #expect(try value(".5 + 1e-1 + 2E+1") == 20.6)
    }

    @Test func unicodeOperatorsAndSubscripts() throws {
        #expect(try value("3 − 1 · 2 × 1") == 1)
        #expect(try value("Y₁ − Q₁", ["Y1": 0.75, "Q1": 1]) == -0.25)
        #expect(try value("σ(0)") == 0.5)
        #expect(try value("sigmoid(0) + sigma(0)") == 1)
        #expect(abs(try value("ln(exp(2)) + log(1) + sqrt(4) + abs(-1) + tanh(0)") - 5) < 1e-15)
    }

    @Test func namesWithLayersAndSums() throws {
        let symbols = ["W[2]13": 2.0, "A[1]1": 3.0, "Y1": 0.75, "Q1": 1, "Y2": 0.25, "Q2": 0, "W11": 0.4, "W12": 0.5]
        #expect(try value("W[2]13 * A[1]1", symbols) == 6)
        let sum = try value("sum(k, 1, 2, (Y{k}-Q{k})*W1{k})", symbols)
        #expect(sum == (0.75 - 1) * 0.4 + 0.25 * 0.5)
        #expect(try value("Σ(k, 1, 2, Y{k})", symbols) == 1)
        #expect(try value("sum(i, 1, 2, sum(j, 1, 2, i*j))") == 9)
    }

    @Test func errorsPointAtTheColumn() {
        #expect(parseError("") == ExpressionParseError(message: "empty formula: type an expression such as (Y1-Q1)*Z1", column: 1))
        #expect(parseError("(Y1 - Q1")?.message == "missing ')' to close the '(' at column 1")
        #expect(parseError("Y1 - Q1)")?.column == 8)
        #expect(parseError("Y1 + * Q1")?.message == "expected a number, a name or '(' at column 6 but found '*'")
        #expect(parseError("Y1 2")?.message == "expected an operator (+ - * / ^) at column 4 before '2'")
        #expect(parseError("sgn(Y1)")?.message == "unknown function 'sgn' (known: sigma, σ, sigma', exp, log, ln, sqrt, tanh, tanh', abs, relu, relu', step, sum)")
        #expect(parseError("sigmod(Y1)")?.message.hasPrefix("unknown function 'sigmod': did you mean 'sigmoid'?") == true)
        #expect(parseError("Z1'(x)")?.message.hasPrefix("'Z1'': a prime follows a function") == true)
        #expect(parseError("Σ_kk Y_k")?.message.hasPrefix("write a sum as Σ_k") == true)
        #expect(parseError("Σ_{k=1} Y_k")?.message.hasPrefix("a sum with a start needs an end") == true)
        #expect(parseError("sum(k, 1, Y1)")?.message.hasPrefix("sum bounds must be whole numbers") == true)
        #expect(parseError("sum(k, 1, 2)")?.message.hasPrefix("sum needs 4 arguments") == true)
        #expect(parseError("sum(k, 1, 100000, sum(j, 1, 100000, 1))")?.message == "the sums have more than 10000 terms in all")
        #expect(parseError(String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500))?.message == "the formula nests deeper than 200 levels")
        #expect(parseError("Y1 -")?.message == "unexpected end of the formula: expected a number, a name or '('")
        #expect(ExpressionParseError(message: "", column: 4).caretLine == "   ^")
    }

    /// A product without a sign where it cannot be misread, as students write on paper.
    @Test func implicitProducts() throws {
        let symbols = ["X1": 3.0, "Z1": 0.25, "Y1": 0.75, "Q1": 1, "yhat": 0.5, "y_hat": 0.5]
        #expect(try value("2X1", symbols) == 6)
        #expect(try value("Z1(1 − Z1)", symbols) == 0.1875)
        #expect(try value("(Y1 − Q1)X1", symbols) == -0.75)
        #expect(try value("(1 + 1)(2 + 1)") == 6)
        #expect(try value("2 X1 Z1", symbols) == 1.5)
        #expect(try value("-2X1^2", symbols) == -18, "^ binds tighter, unary minus looser")
        #expect(try value("yhat(1 - yhat)", symbols) == 0.25)
        #expect(try value("σ(0)(1 − σ(0))") == 0.25)
        #expect(try value("2e-1X1", symbols) == 0.6000000000000001, "an exponent is read before a name")
    }

    @Test func derivativesAndComparisons() throws {
        let s = 1 / (1 + exp(-0.3))
        #expect(try value("σ'(0.3)") == s * (1 - s))
        #expect(try value("sigma′(0.3) - sigmoid'(0.3)") == 0)
        #expect(abs(try value("tanh'(0.3)") - (1 - tanh(0.3) * tanh(0.3))) < 1e-15)
        #expect(try value("relu'(0.3) + relu'(-0.3) + step(2) + relu(-1) + relu(2)") == 4)
        #expect(try value("(0.3 > 0) + (0.3 < 0) + (1 >= 1) + (1 <= 0) + (2 ≥ 3) + (2 ≤ 3)") == 3)
    }

    /// Σ_k, ∑_{k}, sum_k: k runs over the names that exist; the sum covers the product after it.
    @Test func sumsAsWrittenOnPaper() throws {
        let symbols = ["Y1": 0.75, "Q1": 1, "Y2": 0.25, "Q2": 0, "W11": 0.4, "W12": 0.5, "X1": 2, "W_11": 0.4, "W_12": 0.5]
        let expected = 2 * ((0.75 - 1) * 0.4 + 0.25 * 0.5)
        let lookup: (String) -> Double? = { name in symbols[name] ?? symbols[name.replacingOccurrences(of: "_", with: "")] }
        for text in ["Σ_k (Y_k − Q_k)·W_1k·X1", "∑_{k} (Y_{k} - Q_{k}) W_{1k} X1", "sum_k (Yk - Qk)*W1k*X1", "Σ_{k=1}^{2} (Y_k − Q_k)·W_1k·X1",
                     "Σₖ (Yₖ − Qₖ)·W₁ₖ·X₁", "X1 Σ_k (Y_k − Q_k) W_1k", "Σ_{k=1}^2 (Y{k} − Q{k})·W1{k}·X1"] {
            #expect(abs(try Expression.parse(text).evaluate(lookup) - expected) < 1e-15, "\(text)")
        }
        // The sum ends at the next + or −.
        #expect(try Expression.parse("Σ_k Y_k + 1").evaluate(lookup) == 2)
        #expect(try Expression.parse("2·Σ_k Y_k").evaluate(lookup) == 2)
        #expect(throws: ExpressionEvaluationError.unknownSymbol("K_1", column: 5)) { try Expression.parse("Σ_k K_k").evaluate(lookup) }
    }

    /// Issue 9 item 3: bounds as large as Int allows are refused, not overflowed, and sums side by
    /// side add their terms instead of multiplying them.
    @Test func sumTermsAreCountedWithoutOverflow() throws {
        #expect(parseError("sum(k,0,9223372036854775807,1)")?.message == "the sums have more than 10000 terms in all")
        #expect(parseError("sum(k,-9223372036854775808,9223372036854775807,1)")?.message == "the sums have more than 10000 terms in all")
        #expect(parseError("sum(k, 1, 100, sum(j, 1, 9223372036854775807, 1))")?.message == "the sums have more than 10000 terms in all")
        #expect(try value("sum(k,1,100,1)+sum(j,1,101,1)") == 201)
        #expect(try value("sum(k,1,5000,1)+sum(j,1,5000,1)") == 10_000)
        #expect(parseError("sum(k,1,5000,1)+sum(j,1,5001,1)")?.column == 17, "the sum that passes the limit is pointed at")
        #expect(parseError("sum(k,1,100,sum(j,1,101,1))") != nil, "nested sums multiply: 10,100 terms")
        #expect(try value("sum(k,1,100,sum(j,1,100,1))") == 10_000)
        #expect(try value("sum(k,1,2,sum(j,1,3,1)+sum(i,1,4,1))") == 14)
        #expect(parseError("Σ_k Σ_j 1") == nil && parseError("Σ_k Σ_j Σ_i 1") != nil, "a sum without bounds counts 64 terms")
    }

    @Test func unknownSymbolsNameThemselves() {
        #expect(throws: ExpressionEvaluationError.unknownSymbol("Y3", column: 6)) { try value("Y1 + Y{k}".replacingOccurrences(of: "{k}", with: "3"), ["Y1": 1]) }
    }

    static let alphabet: [String] = ["1", "2", ".", "e", "+", "-", "*", "/", "^", "(", ")", "[", "]", "{", "}", ",", " ", "X", "Y", "k",
                                      "σ", "−", "·", "×", "Σ", "₁", "sum", "exp", "∂", "é", "\u{0}",
                                      "_", "ₖ", "'", "∑", ">", "=", "sum_k", "σ'", "9223372036854775807"]

    @Test func randomTextNeverCrashes() async {
        await propertyCheck(count: 1000, input: Gen.int(in: 0..<Self.alphabet.count).array(of: 0...30)) { indices in
            let text = indices.map { Self.alphabet[$0] }.joined()
            do {
                let expression = try Expression.parse(text)
                _ = try? expression.evaluate { _ in 1.5 }
            } catch let error as ExpressionParseError {
                #expect((1...max(1, text.count + 1)).contains(error.column), "column \(error.column) for '\(text)'")
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
    }

    /// Random well-formed formulas parse and evaluate to what their tree says.
    @Test func generatedFormulasEvaluateCorrectly() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...1_000_000).array(of: 1...12)) { seeds in
            var generator = SeededRandom(seed: UInt64(bitPattern: Int64(seeds.reduce(7) { $0 &* 31 &+ $1 })))
            func make(_ depth: Int) -> (String, Double) {
                let choice = Int(generator.next() % (depth > 3 ? 2 : 6))
                switch choice {
                case 0: let n = Double(generator.next() % 9 + 1); return ("\(Int(n))", n)
                case 1: return ("X1", 0.5)
                case 2: let (a, x) = make(depth + 1), (b, y) = make(depth + 1); return ("(\(a) + \(b))", x + y)
                case 3: let (a, x) = make(depth + 1), (b, y) = make(depth + 1); return ("\(a) * \(b)", x * y)
                case 4: let (a, x) = make(depth + 1); return ("-(\(a))", -x)
                default: let (a, x) = make(depth + 1); return ("exp(\(a) / 100)", exp(x / 100))
                }
            }
            let (text, expected) = make(0)
            let result = try? Expression.parse(text).evaluate { $0 == "X1" ? 0.5 : nil }
            #expect(result.map { abs($0 - expected) <= 1e-12 * max(1, abs(expected)) } == true, "\(text)")
        }
    }
}
