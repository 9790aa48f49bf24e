import Foundation

/// A piece of a written formula. A line may be broken before a token whose ``breakDepth`` is
/// set: 0 between the sides of an equation, 1 between terms, 2 between the factors of a chain,
/// and 3 more for each bracket the token is inside, so that a wrapper can prefer the shallowest.
public struct FormulaToken: Sendable, Equatable {
    /// The text, with its leading separator (" + ", " = ").
    public var text: String
    /// How deep a break before this token would be; nil where no break may go.
    public var breakDepth: Int?

    /// Creates a token.
    public init(_ text: String, breakDepth: Int? = nil) {
        self.text = text
        self.breakDepth = breakDepth
    }
}

/// Writes formulas for one ``FormulaTarget`` with numbers in one ``NumberStyle``: the one place
/// that knows how ∂, σ, Σ, subscripts and fractions are spelled for that target.
public struct FormulaRenderer: Sendable {
    /// Where the text goes.
    public var target: FormulaTarget
    /// How numbers are written.
    public var style: NumberStyle

    /// Creates a renderer.
    public init(_ target: FormulaTarget, style: NumberStyle = .standard) {
        self.target = target
        self.style = style
    }

    /// The formula as one string.
    public func text(_ formula: Formula) -> String { tokens(formula).map(\.text).joined() }

    /// The formula as tokens with the places where it may be broken.
    public func tokens(_ formula: Formula) -> [FormulaToken] {
        var writer = TokenWriter(renderer: self)
        writer.emit(formula, depth: 0)
        return writer.tokens
    }

    /// A number as the target writes it: −0.25 on screen, -0.25 in ASCII, 3.5\times 10^{-7} in LaTeX.
    public func number(_ value: Double, _ role: NumberRole) -> String {
        let text: String
        switch role {
        case .value: text = style.format(value)
        case .factor: text = style.factor(value)
        case .compact: text = style.compact(value)
        case .compactFactor: text = style.compactFactor(value)
        }
        switch target {
        case .unicode: return text
        case .ascii: return text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "∞", with: "inf")
        case .latex: return Self.latexNumber(text)
        }
    }

    private static func latexNumber(_ text: String) -> String {
        var text = text.replacingOccurrences(of: "−", with: "-").replacingOccurrences(of: "∞", with: "\\infty")
        text = text.replacingOccurrences(of: "NaN", with: "\\mathrm{NaN}")
        if let e = text.firstIndex(of: "e") {
            let exponent = text[text.index(after: e)...].filter { $0 != ")" }
            let closing = text.hasSuffix(")") ? ")" : ""
            text = "\(text[..<e])\\times 10^{\(exponent)}\(closing)"
        }
        return text
    }

    /// The spelling of an operator or function name for this target.
    func spell(_ unicode: String) -> String {
        switch target {
        case .unicode: return unicode
        case .ascii: return Self.asciiSpelling[unicode] ?? unicode
        case .latex: return Self.latexSpelling[unicode] ?? unicode
        }
    }

    private static let asciiSpelling = [
        "·": "*", " · ": " * ", "−": "-", " − ": " - ", "∂": "d", "σ": "sigma", "Σ": "sum", "²": "^2", "ᵀ": "^T",
        "…": "...", "½": "1/2", "←": "<-", " ← ": " <- ", "e^": "e^",
    ]
    private static let latexSpelling = [
        "·": " \\cdot ", " · ": " \\cdot ", "−": "-", " − ": " - ", "σ": "\\sigma", "tanh": "\\tanh", "log": "\\log",
        "relu": "\\mathrm{relu}", "id": "\\mathrm{id}", "softmax": "\\mathrm{softmax}", "Σ": "\\sum", "…": "\\dots",
        " ← ": " \\leftarrow ", "ᵀ": "^{\\top}", " > ": " > ",
    ]
}

/// Emits the tokens of one formula.
private struct TokenWriter {
    let renderer: FormulaRenderer
    var tokens: [FormulaToken] = []

    var target: FormulaTarget { renderer.target }

    mutating func put(_ text: String) {
        if tokens.isEmpty { tokens.append(FormulaToken(text)) } else { tokens[tokens.count - 1].text += text }
    }

    mutating func breakable(_ text: String, depth: Int) { tokens.append(FormulaToken(text, breakDepth: depth)) }

    mutating func emit(_ formula: Formula, depth: Int) {
        switch formula {
        case .symbol(let symbol): put(target.write(symbol))
        case .number(let value, let role): put(renderer.number(value, role))
        case .integer(let value): put(target == .unicode ? String(value).replacingOccurrences(of: "-", with: "−") : String(value))
        case .ratio(let a, let b): ratio(a, b)
        case .half: put(target == .unicode ? "½" : target == .ascii ? "1/2" : "\\tfrac{1}{2}")
        case .words(let text): words(text)
        case .sum(let terms): sum(terms, depth: depth)
        case .negated(let inner):
            put(renderer.spell("−"))
            emit(inner.needsParenthesesAfterMinus ? .parenthesised(inner) : inner, depth: depth)
        case .product(let factors, let spacing): product(factors, spacing, depth: depth)
        case .quotient(let a, let b, let spaced): quotient(a, b, spaced: spaced, depth: depth)
        case .partial(let a, let b): partial(a, b, depth: depth)
        case .apply(let function, let argument): apply(function, argument, depth: depth)
        case .power(let base, let exponent): power(base, exponent, depth: depth)
        case .parenthesised(let inner): enclosed(inner, "(", ")", depth: depth)
        case .bracketed(let inner): enclosed(inner, "[", "]", depth: depth)
        case .greater(let a, let b):
            emit(a, depth: depth)
            put(" > ")
            emit(b, depth: depth)
        case .summation(let index, _, let body): summation(index, body, depth: depth)
        case .transposed(let inner):
            // TeX refuses a second superscript (W^{[3]}^{\top}), so the symbol is a group there.
            if target == .latex { put("{") }
            emit(inner, depth: depth)
            if target == .latex { put("}") }
            put(renderer.spell("ᵀ"))
        case .ellipsis: put(renderer.spell("…"))
        case .phantom(let inner):
            let text = renderer.text(inner)
            put(target == .latex ? "\\phantom{\(text)}" : String(repeating: " ", count: text.count))
        }
    }

    mutating func ratio(_ a: Int, _ b: Int) {
        switch target {
        case .unicode, .ascii: put("\(a)/\(b)")
        case .latex: put("\\frac{\(a)}{\(b)}")
        }
    }

    mutating func words(_ text: String) {
        switch target {
        case .unicode: put(text)
        case .ascii: put(text.replacingOccurrences(of: "Σ", with: "sum"))
        case .latex:
            let escaped = LaTeXText.escaped(text.replacingOccurrences(of: "Σ ", with: ""))
            put(text.hasPrefix("Σ ") ? "\\sum\\text{ \(escaped)}\\," : "\\text{\(escaped)}")
        }
    }

    mutating func sum(_ terms: [Formula], depth: Int) {
        for (index, term) in terms.enumerated() {
            if index == 0 {
                emit(term, depth: depth)
            } else if case .negated(let inner) = term {
                breakable(renderer.spell(" − "), depth: depth + 1)
                emit(inner.needsParenthesesAfterMinus ? .parenthesised(inner) : inner, depth: depth)
            } else {
                breakable(" + ", depth: depth + 1)
                emit(term, depth: depth)
            }
        }
    }

    mutating func product(_ factors: [Formula], _ spacing: Formula.Spacing, depth: Int) {
        for (index, factor) in factors.enumerated() {
            let inner: Formula
            switch factor {
            case .sum: inner = .parenthesised(factor)
            case .negated where index > 0: inner = .parenthesised(factor)
            default: inner = factor
            }
            if index > 0 {
                switch spacing {
                case .tight: put(renderer.spell("·"))
                case .spaced: breakable(renderer.spell(" · "), depth: depth + 2)
                case .adjacent: break
                case .space: put(target == .latex ? "\\," : " ")
                }
            }
            emit(inner, depth: depth)
        }
    }

    /// LaTeX's \frac{a}{b}, with `prefix` before each part (\partial for a derivative).
    mutating func latexFraction(_ a: Formula, _ b: Formula, prefix: String = "", depth: Int) {
        put("\\frac{" + prefix)
        emit(a, depth: depth + 3)
        put("}{" + prefix)
        emit(b, depth: depth + 3)
        put("}")
    }

    mutating func quotient(_ a: Formula, _ b: Formula, spaced: Bool, depth: Int) {
        guard target != .latex else { return latexFraction(a, b, depth: depth) }
        // Spaced, "e^net₁ / Σₗ e^netₗ" reads as a fraction whole; tight, a/b needs its parentheses.
        emit(spaced || a.isSimpleNumerator ? a : .parenthesised(a), depth: depth)
        if spaced { breakable(" / ", depth: depth + 1) } else { put("/") }
        emit(spaced || b.isAtom ? b : .parenthesised(b), depth: depth)
    }

    mutating func partial(_ a: Formula, _ b: Formula, depth: Int) {
        guard target != .latex else { return latexFraction(a, b, prefix: "\\partial ", depth: depth) }
        put(renderer.spell("∂"))
        emit(a, depth: depth)
        put("/" + renderer.spell("∂"))
        emit(b, depth: depth)
    }

    mutating func apply(_ function: Formula.Function, _ argument: Formula, depth: Int) {
        if function == .squareRoot {
            squareRoot(argument, depth: depth)
            return
        }
        let name: String
        switch function {
        case .sigmoid: name = "σ"
        case .tanh: name = "tanh"
        case .relu: name = "relu"
        case .identity: name = "id"
        case .softmax: name = "softmax"
        case .log: name = "log"
        case .g: name = "g"
        case .gPrime: name = target == .unicode ? "g′" : "g'"
        case .squareRoot: name = "sqrt"
        }
        put(renderer.spell(name))
        if function == .log, argument.isAtom, !argument.isNegativeNumber {
            put(target == .latex ? " " : " ")
            emit(argument, depth: depth)
        } else {
            enclosed(argument, "(", ")", depth: depth)
        }
    }

    /// √v̂ on screen (with parentheses around more than one symbol), sqrt(vhat) in ASCII, \sqrt{\hat{v}} in LaTeX.
    mutating func squareRoot(_ argument: Formula, depth: Int) {
        switch target {
        case .unicode:
            put("√")
            if argument.isAtom { emit(argument, depth: depth) } else { enclosed(argument, "(", ")", depth: depth) }
        case .ascii:
            put("sqrt")
            enclosed(argument, "(", ")", depth: depth)
        case .latex:
            put("\\sqrt{")
            emit(argument, depth: depth + 3)
            put("}")
        }
    }

    mutating func power(_ base: Formula, _ exponent: Formula, depth: Int) {
        // TeX refuses a second superscript (A^{[2]}_{1}^{2}, tanh′ in layered notation), so a
        // symbol that has one is a group there.
        let grouped = target == .latex && base.isAtom && renderer.text(base).contains("^")
        if grouped { put("{") }
        emit(base.isAtom ? base : .parenthesised(base), depth: depth)
        if grouped { put("}") }
        if exponent == .integer(2), target != .latex {
            put(renderer.spell("²"))
        } else if target == .latex {
            put("^{")
            emit(exponent, depth: depth + 3)
            put("}")
        } else {
            put("^")
            emit(exponent.isAtom ? exponent : .parenthesised(exponent), depth: depth)
        }
    }

    mutating func enclosed(_ inner: Formula, _ open: String, _ close: String, depth: Int) {
        // \left( \right) grow around a fraction but make an unbreakable box, which ran a long
        // σ(0.72 · 0.3 + … + (−0.1)) off the page; plain brackets let TeX break inside.
        let grows = target == .latex && renderer.text(inner).contains("\\frac")
        put(grows ? "\\left" + open : open)
        emit(inner, depth: depth + 3)
        put(grows ? "\\right" + close : close)
    }

    mutating func summation(_ index: MathSymbol.Index, _ body: Formula, depth: Int) {
        let letter: String
        switch index {
        case .letter(let c): letter = String(c)
        case .number(let n): letter = String(n)
        }
        switch target {
        case .unicode: put("Σ" + MathSymbol("", indices: [index]).description + " ")
        case .ascii: put("sum_\(letter) ")
        case .latex: put("\\sum_{\(letter)} ")
        }
        emit(body, depth: depth)
    }
}

extension Formula {
    /// A minus before a sum needs its parentheses: −(a − b).
    var needsParenthesesAfterMinus: Bool {
        switch self {
        case .sum, .negated: return true
        case .product(_, let spacing): return spacing == .spaced
        default: return false
        }
    }

    /// Whether the formula can stand before a "/" without parentheses: Q₁/Y₁, 1/m, but (Y₁ − Q₁)/….
    var isSimpleNumerator: Bool {
        switch self {
        case .sum, .negated, .quotient: return false
        case .product(_, let spacing): return spacing == .adjacent
        default: return true
        }
    }

    var isNegativeNumber: Bool {
        if case .number(let value, _) = self { return value < 0 }
        return false
    }
}

/// Text for LaTeX's \text{…}: the characters TeX treats specially are escaped.
public enum LaTeXText {
    /// `text` with \ { } $ & # ^ _ % ~ < > | escaped, and the Unicode that the formulas' prose uses
    /// spelled in TeX, so that a document with amsmath alone compiles.
    public static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "_", "%": result += "\\\(character)"
            case "^": result += "\\^{}"
            case "~": result += "\\~{}"
            // TeX's default text font has ¡ ¿ and a dash where ASCII has < > |.
            case "<": result += "\\textless{}"
            case ">": result += "\\textgreater{}"
            case "|": result += "\\textbar{}"
            case "−", "–": result += "-"
            case "—": result += "---"
            case "…": result += "\\dots{}"
            case "·": result += "$\\cdot$"
            case "≈": result += "$\\approx$"
            case "→": result += "$\\to$"
            case "←": result += "$\\leftarrow$"
            default:
                if character.isASCII {
                    // Control characters have no place in a document.
                    result += character.asciiValue.map { $0 < 0x20 || $0 == 0x7f } == true ? "?" : String(character)
                } else if let digit = "₀₁₂₃₄₅₆₇₈₉".firstIndex(of: character) {
                    result += "$_{\("₀₁₂₃₄₅₆₇₈₉".distance(from: "₀₁₂₃₄₅₆₇₈₉".startIndex, to: digit))}$"
                } else if let digit = "⁰¹²³⁴⁵⁶⁷⁸⁹".firstIndex(of: character) {
                    result += "$^{\("⁰¹²³⁴⁵⁶⁷⁸⁹".distance(from: "⁰¹²³⁴⁵⁶⁷⁸⁹".startIndex, to: digit))}$"
                } else {
                    // Other letters are spelled in ASCII where they have a spelling; TeX's
                    // default fonts have no glyph for the rest.
                    let spelled = ASCIIText.spelled(String(character))
                    result += LaTeXText.unicode[character] ?? (spelled == "?" ? "?" : LaTeXText.escaped(spelled))
                }
            }
        }
        return result
    }

    private static let unicode: [Character: String] = [
        "σ": "$\\sigma$", "δ": "$\\delta$", "η": "$\\eta$", "Σ": "$\\Sigma$", "∂": "$\\partial$", "ᵀ": "$^{\\top}$",
        "²": "$^2$", "½": "$\\frac{1}{2}$", "×": "$\\times$", "é": "\\'e", "è": "\\`e", "ü": "\\\"u", "ö": "\\\"o",
        "ä": "\\\"a", "✓": "(ok)", "✗": "(x)",
    ]
}

extension Formula {
    /// The formula as on screen (Unicode, standard numbers).
    public var text: String { FormulaRenderer(.unicode).text(self) }
}
