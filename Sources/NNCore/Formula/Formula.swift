/// A formula as a value: symbols, exact numbers, operators, fractions, derivatives, sums with
/// their bound index and function applications. Renderers write it for the screen, for ASCII
/// terminals, for Markdown and for LaTeX (``FormulaRenderer``); ``evaluate(_:)`` computes it, so
/// a test can check that every "formula = value" shown is arithmetic.
public indirect enum Formula: Sendable, Equatable {
    /// A named quantity: v₁₁.
    case symbol(MathSymbol)
    /// A number, exact, written as `role` says.
    case number(Double, NumberRole)
    /// A whole number that is part of the formula itself: the 1 of 1 − Y.
    case integer(Int)
    /// A fraction of whole numbers written inline: 1/4.
    case ratio(Int, Int)
    /// ½, the half of the squared error.
    case half
    /// Words inside a formula, not evaluated: "over paths".
    case words(String)
    /// Terms added; a ``negated(_:)`` term after the first is written with a minus: a − b + c.
    case sum([Formula])
    /// A leading minus: −x.
    case negated(Formula)
    /// Factors multiplied, written with `spacing` between them.
    case product([Formula], Spacing)
    /// a/b, inline; `spaced` writes a / b.
    case quotient(Formula, Formula, spaced: Bool)
    /// The partial derivative ∂a/∂b.
    case partial(Formula, Formula)
    /// A function applied: σ(x), log x, tanh(x).
    case apply(Function, Formula)
    /// A power: Z², e^x.
    case power(Formula, Formula)
    /// In parentheses.
    case parenthesised(Formula)
    /// In square brackets.
    case bracketed(Formula)
    /// a > b, worth 1 or 0 in an Iverson bracket [net > 0].
    case greater(Formula, Formula)
    /// Σ over `index` = 1…`count` (count nil: a sum in general terms, not evaluated).
    case summation(MathSymbol.Index, count: Int?, Formula)
    /// A matrix transposed: Aᵀ.
    case transposed(Formula)
    /// "…", for factors left out.
    case ellipsis
    /// Blank space as wide as the formula: lines up a continued equation.
    case phantom(Formula)

    /// How factors are set apart in a product.
    public enum Spacing: Sendable, Equatable {
        /// a·b, for numbers and short products.
        case tight
        /// a · b, between the factors of a chain.
        case spaced
        /// ab, e.g. Y(1 − Y) and 2Z.
        case adjacent
        /// a b, e.g. Q log Y.
        case space
    }

    /// A function that formulas apply.
    public enum Function: String, Sendable, CaseIterable {
        case sigmoid, tanh, relu, identity, softmax, log, g
        /// g′, the derivative of a layer's activation.
        case gPrime
        /// √x, in Adam's update.
        case squareRoot
    }
}

/// How a number in a formula is written (``NumberStyle``): computed values with their decimals,
/// given inputs and weights without trailing zeros, and factors in parentheses when negative.
public enum NumberRole: Sendable, Equatable {
    /// ``NumberStyle/format(_:)``: 0.5933.
    case value
    /// ``NumberStyle/factor(_:)``: (−0.2486).
    case factor
    /// ``NumberStyle/compact(_:)``: 0.05.
    case compact
    /// ``NumberStyle/compactFactor(_:)``: (−0.5).
    case compactFactor
}

/// Where a formula is written.
public enum FormulaTarget: Sendable, Equatable, CaseIterable {
    /// The screen: subscripts, ∂, σ, Σ.
    case unicode
    /// Terminals without Unicode (`--ascii`): v11, dE/dY1, sigma, sum_k.
    case ascii
    /// LaTeX math (also Markdown's $…$): \frac{\partial E}{\partial Y_{1}}.
    case latex
}

extension Formula {
    /// A symbol.
    public static func s(_ symbol: MathSymbol) -> Formula { .symbol(symbol) }

    /// a − b.
    public static func minus(_ a: Formula, _ b: Formula) -> Formula { .sum([a, .negated(b)]) }

    /// a · b (spaced) for chains of factors.
    public static func chain(_ factors: [Formula]) -> Formula { factors.count == 1 ? factors[0] : .product(factors, .spaced) }

    /// a·b.
    public static func times(_ factors: Formula...) -> Formula { .product(factors, .tight) }

    /// Whether the formula is one symbol or number, which needs no parentheses as a factor.
    var isAtom: Bool {
        switch self {
        case .symbol, .integer, .words, .ellipsis, .half: return true
        case .number(let value, let role): return value >= 0 || role == .factor || role == .compactFactor
        case .apply(let function, _): return function != .log
        case .parenthesised, .bracketed, .partial, .transposed, .power: return true
        default: return false
        }
    }

    /// The formula as a factor: in parentheses when it has operators ("(1 − Z₁²)"), as it is
    /// when one term ("Z₁(1 − Z₁)", "[netᶻ₁ > 0]").
    public var asFactor: Formula {
        switch self {
        case .sum, .negated, .quotient: return .parenthesised(self)
        case .product(_, let spacing) where spacing != .adjacent: return .parenthesised(self)
        default: return self
        }
    }
}
