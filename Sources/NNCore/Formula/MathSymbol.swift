/// A named quantity in a formula with its indices, as a value: X₁, v₁₁, netʸ₂, W[2]₁₃, δᶻ₁, E⁽ˢ⁾.
/// Each renderer writes it in its own way (``FormulaTarget``); the notation is described in the
/// Notation article of the NNCore documentation catalog.
public struct MathSymbol: Sendable, Hashable, CustomStringConvertible {
    /// A subscript or superscript index: a unit number (1-based, as written) or a letter such as k.
    public enum Index: Sendable, Hashable {
        /// A 1-based number.
        case number(Int)
        /// A bound letter: i, j, k, l, m, s.
        case letter(Character)
    }

    /// The layer mark of classic notation with a hidden layer: netᶻ₁ (hidden) or netʸ₁ (output).
    public enum Mark: Sendable, Hashable {
        /// ᶻ, the hidden layer.
        case hidden
        /// ʸ, the output layer.
        case output
    }

    /// The letters: X, Z, Y, Q, v, w, net, b, δ, W, A, dZ, dA, E, J, η, e, and the update rules'
    /// μ, β, ε, λ, t, u (a velocity), m, v, m̂, v̂ (Adam's moments).
    public var base: String
    /// The layer mark, if any.
    public var mark: Mark?
    /// The layer in brackets of layered notation (1-based): A[2].
    public var layer: Int?
    /// The subscripts, outermost first: v₁₂ has [1, 2].
    public var indices: [Index]
    /// The sample superscript: E⁽³⁾.
    public var sample: Index?

    /// Creates a symbol.
    public init(_ base: String, mark: Mark? = nil, layer: Int? = nil, indices: [Index] = [], sample: Index? = nil) {
        self.base = base
        self.mark = mark
        self.layer = layer
        self.indices = indices
        self.sample = sample
    }

    /// A symbol with numbered subscripts: `MathSymbol("v", 1, 1)` is v₁₁.
    public init(_ base: String, _ first: Int, _ more: Int..., mark: Mark? = nil, layer: Int? = nil) {
        self.init(base, mark: mark, layer: layer, indices: ([first] + more).map(Index.number))
    }

    /// The same symbol with its last subscript replaced by `letter`: Y₁ → Yₖ.
    public func indexed(by letter: Character) -> MathSymbol {
        var symbol = self
        if symbol.indices.isEmpty { symbol.indices = [.letter(letter)] } else { symbol.indices[symbol.indices.count - 1] = .letter(letter) }
        return symbol
    }

    /// The same symbol with the letter `letter` replaced by `number` in its indices.
    public func binding(_ letter: Character, to number: Int) -> MathSymbol {
        var symbol = self
        symbol.indices = indices.map { $0 == .letter(letter) ? .number(number) : $0 }
        if sample == .letter(letter) { symbol.sample = .number(number) }
        return symbol
    }

    /// The Unicode spelling, as on screen: netʸ₁.
    public var description: String { FormulaTarget.unicode.write(self) }
}

extension FormulaTarget {
    /// Writes `symbol` for this target.
    public func write(_ symbol: MathSymbol) -> String {
        switch self {
        case .unicode: return unicode(symbol)
        case .ascii: return ascii(symbol)
        case .latex: return latex(symbol)
        }
    }

    private static let subscriptDigits = Array("₀₁₂₃₄₅₆₇₈₉")
    private static let superscriptDigits = Array("⁰¹²³⁴⁵⁶⁷⁸⁹")
    private static let subscriptLetters: [Character: Character] = ["i": "ᵢ", "j": "ⱼ", "k": "ₖ", "l": "ₗ", "m": "ₘ", "s": "ₛ"]
    private static let superscriptLetters: [Character: Character] = ["i": "ⁱ", "j": "ʲ", "k": "ᵏ", "l": "ˡ", "m": "ᵐ", "s": "ˢ"]

    /// Indices run together when each is one digit or letter (v₁₁, wⱼₖ), with commas otherwise (v₁,₁₂).
    private static func joined(_ indices: [MathSymbol.Index], _ write: (MathSymbol.Index) -> String) -> String {
        let short = indices.allSatisfy { if case .number(let n) = $0 { return n < 10 } else { return true } }
        return indices.map(write).joined(separator: short ? "" : ",")
    }

    private func unicode(_ symbol: MathSymbol) -> String {
        var text = symbol.base
        if let mark = symbol.mark { text += mark == .hidden ? "ᶻ" : "ʸ" }
        if let layer = symbol.layer { text += "[\(layer)]" }
        text += Self.joined(symbol.indices) { index in
            switch index {
            case .number(let n): return String(String(n).map { Self.subscriptDigits[$0.wholeNumberValue ?? 0] })
            case .letter(let c): return String(Self.subscriptLetters[c] ?? c)
            }
        }
        if let sample = symbol.sample {
            switch sample {
            case .number(let n): text += "⁽" + String(String(n).map { Self.superscriptDigits[$0.wholeNumberValue ?? 0] }) + "⁾"
            case .letter(let c): text += "⁽\(Self.superscriptLetters[c] ?? c)⁾"
            }
        }
        return text
    }

    private static let asciiBases = ["δ": "delta", "η": "eta", "Σ": "sum", "μ": "mu", "β": "beta", "ε": "epsilon",
                                     "λ": "lambda", "m̂": "m_hat", "v̂": "v_hat"]

    private func ascii(_ symbol: MathSymbol) -> String {
        var text = Self.asciiBases[symbol.base] ?? symbol.base
        if let mark = symbol.mark { text += mark == .hidden ? "z" : "y" }
        if let layer = symbol.layer { text += "[\(layer)]" }
        // v11, but w1_k: an underscore says where a letter index begins (the old ₖ → _k).
        text += Self.joined(symbol.indices) { index in
            switch index {
            case .number(let n): return String(n)
            case .letter(let c): return "_\(c)"
            }
        }
        if let sample = symbol.sample {
            switch sample {
            case .number(let n): text += "(\(n))"
            case .letter(let c): text += "(\(c))"
            }
        }
        return text
    }

    private static let latexBases = ["δ": "\\delta", "η": "\\eta", "net": "\\mathrm{net}", "dZ": "\\mathrm{d}Z",
                                     "dA": "\\mathrm{d}A", "max": "\\max", "e": "e", "μ": "\\mu", "β": "\\beta",
                                     "ε": "\\epsilon", "λ": "\\lambda", "m̂": "\\hat{m}", "v̂": "\\hat{v}"]

    private func latex(_ symbol: MathSymbol) -> String {
        var text = Self.latexBases[symbol.base] ?? symbol.base
        var superscripts: [String] = []
        if let mark = symbol.mark { superscripts.append(mark == .hidden ? "z" : "y") }
        if let layer = symbol.layer { superscripts.append("[\(layer)]") }
        if let sample = symbol.sample {
            switch sample {
            case .number(let n): superscripts.append("(\(n))")
            case .letter(let c): superscripts.append("(\(c))")
            }
        }
        if !superscripts.isEmpty { text += "^{" + superscripts.joined(separator: ",") + "}" }
        if !symbol.indices.isEmpty {
            text += "_{" + Self.joined(symbol.indices) { index in
                switch index {
                case .number(let n): return String(n)
                case .letter(let c): return String(c)
                }
            } + "}"
        }
        return text
    }
}
