/// A chain of equal quantities: `lhs = symbolic = numbers = value`, or an update `w ← w − η·g = …`.
public struct Equation: Sendable, Equatable {
    /// The sides, left to right; the last is usually the value.
    public var sides: [Formula]
    /// Whether the first relation is an assignment (←) rather than an equality.
    public var assigns: Bool

    /// Creates an equation of `sides`.
    public init(_ sides: [Formula], assigns: Bool = false) {
        self.sides = sides
        self.assigns = assigns
    }

    /// Creates an equation of `sides`.
    public init(_ sides: Formula..., assigns: Bool = false) {
        self.init(sides, assigns: assigns)
    }
}

/// One line of formulas and words, with what it is about, so that nothing downstream reads its
/// text: a step's explanation, a chain-rule heading, a simplification.
public struct FormulaLine: Sendable, Equatable {
    /// Math or words.
    public enum Part: Sendable, Equatable {
        /// An equation (or a single formula: one side).
        case math(Equation)
        /// Words between formulas.
        case text(String)
    }

    /// What a line says.
    public enum Kind: Sendable, Equatable {
        /// A sentence about the step, with formulas in it.
        case summary
        /// "sample 2 of 4 (data[5]):".
        case sampleHeading
        /// A pre-activation or activation of the forward pass.
        case activation
        /// The loss of a sample, or of the batch.
        case loss
        /// ∂E/∂ of an activation (dA in layered notation).
        case outputGradient
        /// An error signal δ (dZ).
        case delta
        /// ∂J/∂ of a weight or bias.
        case parameterGradient
        /// A weight's update.
        case update
        /// A general formula in symbols (the chain rule of a weight, the batch's reduction).
        case general
        /// A remark, such as samples left out.
        case note
    }

    /// The parts, left to right.
    public var parts: [Part]
    /// What the line is.
    public var kind: Kind
    /// The sample (0-based in the batch) whose values the line's symbols take, if one.
    public var sample: Int?
    /// Nesting under a heading: each level indents two columns.
    public var indent: Int
    /// The weight or bias the line is about (its gradient or update), if one.
    public var parameter: WeightID?

    /// Creates a line.
    public init(_ parts: [Part], kind: Kind, sample: Int? = nil, indent: Int = 0, parameter: WeightID? = nil) {
        self.parts = parts
        self.kind = kind
        self.sample = sample
        self.indent = indent
        self.parameter = parameter
    }

    /// A line of one equation.
    public init(_ equation: Equation, kind: Kind, sample: Int? = nil, parameter: WeightID? = nil) {
        self.init([.math(equation)], kind: kind, sample: sample, parameter: parameter)
    }

    /// A line of words.
    public init(text: String, kind: Kind, sample: Int? = nil) {
        self.init([.text(text)], kind: kind, sample: sample)
    }

    /// The equations of the line.
    public var equations: [Equation] {
        parts.compactMap { if case .math(let equation) = $0 { return equation } else { return nil } }
    }

    /// The line as on screen (Unicode, standard numbers).
    public var text: String { FormulaRenderer(.unicode).text(self) }
}

extension FormulaRenderer {
    /// The line as one string.
    public func text(_ line: FormulaLine) -> String { tokens(line).map(\.text).joined() }

    /// The line as tokens: breaks between an equation's sides (depth 0), then between terms and
    /// factors, and between the words of its text (depth 1). The indent is one token.
    public func tokens(_ line: FormulaLine) -> [FormulaToken] {
        var result: [FormulaToken] = line.indent > 0 ? [FormulaToken(String(repeating: " ", count: 2 * line.indent))] : []
        func append(_ tokens: [FormulaToken]) {
            guard let first = tokens.first else { return }
            if first.breakDepth == nil, !result.isEmpty { result[result.count - 1].text += first.text } else { result.append(first) }
            result += tokens.dropFirst()
        }
        for part in line.parts {
            switch part {
            case .math(let equation): append(tokens(equation))
            case .text(let words): append(textTokens(words))
            }
        }
        return result
    }

    /// The equation as one string.
    public func text(_ equation: Equation) -> String { tokens(equation).map(\.text).joined() }

    /// An equation's tokens.
    public func tokens(_ equation: Equation) -> [FormulaToken] {
        var result: [FormulaToken] = []
        for (index, side) in equation.sides.enumerated() {
            var sideTokens = tokens(side)
            if index > 0 {
                let relation = index == 1 && equation.assigns ? spell(" ← ") : " = "
                if sideTokens.isEmpty { sideTokens = [FormulaToken("")] }
                sideTokens[0] = FormulaToken(relation + sideTokens[0].text, breakDepth: 0)
            }
            result += sideTokens
        }
        return result
    }

    /// Words, breakable at their spaces; in ASCII their Unicode is spelled out.
    public func textTokens(_ words: String) -> [FormulaToken] {
        let written = target == .ascii ? ASCIIText.spelled(words) : words
        var result: [FormulaToken] = []
        for (index, word) in written.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            result.append(index == 0 ? FormulaToken(String(word)) : FormulaToken(" " + word, breakDepth: 1))
        }
        return result
    }
}

/// ASCII spellings of the Unicode that prose around formulas uses.
public enum ASCIIText {
    /// `text` with ∂, σ, subscripts, arrows and the like written in ASCII.
    public static func spelled(_ text: String) -> String {
        guard !text.allSatisfy(\.isASCII) else { return text }
        var result = ""
        for character in text {
            if character.isASCII {
                result.append(character)
            } else if let replacement = replacements[character] {
                result += replacement
            } else if let digit = "₀₁₂₃₄₅₆₇₈₉".firstIndex(of: character) {
                result += String("₀₁₂₃₄₅₆₇₈₉".distance(from: "₀₁₂₃₄₅₆₇₈₉".startIndex, to: digit))
            } else if let digit = "⁰¹²³⁴⁵⁶⁷⁸⁹".firstIndex(of: character) {
                result += String("⁰¹²³⁴⁵⁶⁷⁸⁹".distance(from: "⁰¹²³⁴⁵⁶⁷⁸⁹".startIndex, to: digit))
            } else if let base = character.unicodeScalars.first, base.isASCII, base.value >= 0x20 {
                // An accented letter written with a combining accent (e + ◌́): its letter.
                result.unicodeScalars.append(base)
            } else {
                result += "?"
            }
        }
        return result
    }

    private static let replacements: [Character: String] = [
        "∂": "d", "σ": "sigma", "Σ": "sum", "−": "-", "·": "*", "→": "->", "←": "<-", "≈": "~", "δ": "delta",
        "η": "eta", "ᵀ": "^T", "²": "^2", "½": "1/2", "…": "...", "✓": "ok", "✗": "X", "∞": "inf",
        "ₖ": "_k", "ᵢ": "_i", "ⱼ": "_j", "ₘ": "_m", "ₗ": "_l", "ₛ": "_s", "′": "'", "–": "-", "—": "-", "ᶻ": "z",
        "ʸ": "y", "⁽": "(", "⁾": ")", "ˢ": "s", "▶": ">", "⏸": "||", "×": "x", "│": "|", "─": "-", "┌": "+", "┐": "+",
        "└": "+", "┘": "+", "↓": "v", "↑": "^", "⋮": ":", "▁": "_", "▂": "_", "▃": "-", "▄": "-", "▅": "=", "▆": "=",
        "▇": "#", "█": "#", "▲": "^", "┤": "+", "┴": "+", "≤": "<=",
        "░": ".", "▒": ":", "▓": "+", "▀": "\"", "○": "o", "●": "x",
    ]
}
