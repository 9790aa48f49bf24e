import Foundation

/// A formula a student types, e.g. `(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)` or, as
/// written on paper, `Σ_k (Y_k − Q_k)·W_1k·X1·Z1(1 − Z1)`.
///
/// The language: numbers (`3`, `0.5`, `.5`, `1e-3`), `+ - * / ^` (`^` binds tightest and groups
/// to the right; `−`, `·`, `×` are accepted too), a product without a sign where it cannot be
/// misread (`2X1`, `Z1(1 − Z1)`, `σ(z)(1 − σ(z))`, `(a)(b)`), parentheses, unary minus, the
/// comparisons `>`, `<`, `>=`, `<=` (1 when true, 0 when not: `(net > 0)` is relu′), the functions
/// `sigma`/`σ`/`sigmoid`, `exp`, `log`/`ln` (natural), `sqrt`, `tanh`, `abs`, `relu`, `step`, and the
/// derivatives `σ'`, `sigma'`, `tanh'`, `relu'` (also with `′`). Sums are written out, as
/// `sum(k, 1, 2, expression)` (also `Σ`), or as on paper: `Σ_k`, `∑_{k}`, `sum_k` (k runs over
/// the units its names allow) or `Σ_{k=1}^{2}`; the sum covers the product that follows it.
/// Inside a sum, `{k}` in a name, or `k` in a name's subscript (`Y_k`, `W_1k`, `W1_k`, `Yₖ`), is
/// replaced by the index. Names are the scenario's symbols (`X1`, `W[2]13`, `Y₁`, `y_hat`, …).
public indirect enum Expression: Sendable, Equatable {
    case number(Double)
    /// A name, with the 1-based column where it starts.
    case symbol(String, column: Int)
    case negate(Expression)
    /// `+ - * / ^`, and the comparisons `>`, `<`, `≥`, `≤` (1 or 0).
    case binary(Character, Expression, Expression)
    case call(String, Expression)
    /// sum over `index` from `from` to `to` (inclusive) of `body`.
    case sum(index: String, from: Int, to: Int, body: Expression)
    /// sum over `index` = 1, 2, … for as long as every name of `body` exists (`Σ_k Y_k` runs
    /// over the outputs); at most ``Expression/implicitSumLimit`` terms.
    case implicitSum(index: String, body: Expression)
    /// sum over the batch's samples: `Σ_s` whose index no name of `body` uses, or `Σ_{s=1}^{m}`;
    /// `body` is evaluated at each sample (its names stand for that sample's values).
    case sampleSum(index: String, body: Expression)

    /// The most terms a sum without bounds can have: a layer's most units.
    public static let implicitSumLimit = ScenarioLimits.maximumUnits

    /// Known functions.
    public static let functions: [String: @Sendable (Double) -> Double] = [
        "sigma": sigmoid, "σ": sigmoid, "sigmoid": sigmoid,
        "exp": { exp($0) }, "log": { log($0) }, "ln": { log($0) }, "sqrt": { $0.squareRoot() },
        "tanh": { tanh($0) }, "abs": { abs($0) }, "relu": { $0 > 0 ? $0 : 0 }, "step": step,
    ]

    /// Functions written with a prime, by their name without it: `σ'(z)` = σ(z)(1 − σ(z)),
    /// `tanh'(z)` = 1 − tanh²(z), `relu'(z)` = 1 when z > 0, else 0 (relu′ is a step).
    public static let derivatives: [String: @Sendable (Double) -> Double] = [
        "sigma": { sigmoid($0) * (1 - sigmoid($0)) }, "σ": { sigmoid($0) * (1 - sigmoid($0)) },
        "sigmoid": { sigmoid($0) * (1 - sigmoid($0)) },
        "tanh": { 1 - tanh($0) * tanh($0) }, "relu": step,
    ]

    @Sendable static func sigmoid(_ t: Double) -> Double { 1 / (1 + exp(-t)) }
    @Sendable static func step(_ t: Double) -> Double { t > 0 ? 1 : 0 }

    /// Every function name a formula may use (derivatives with their prime), for suggestions.
    public static var functionNames: [String] { functions.keys.sorted() + derivatives.keys.sorted().map { $0 + "'" } }

    /// How many names and numbers one evaluation reads (sums count each term), saturating at
    /// Int.max: the work of evaluating the formula once.
    var evaluationCost: Int {
        func times(_ a: Int, _ b: Int) -> Int {
            let (product, overflow) = a.multipliedReportingOverflow(by: b)
            return overflow ? .max : product
        }
        func plus(_ a: Int, _ b: Int) -> Int {
            let (total, overflow) = a.addingReportingOverflow(b)
            return overflow ? .max : total
        }
        switch self {
        case .number, .symbol: return 1
        case .negate(let operand), .call(_, let operand): return plus(operand.evaluationCost, 1)
        case .binary(_, let left, let right): return plus(plus(left.evaluationCost, right.evaluationCost), 1)
        case .sum(_, let from, let to, let body): return times(max(0, to - from) + 1, body.evaluationCost)
        case .implicitSum(_, let body): return times(Expression.implicitSumLimit, body.evaluationCost)
        // Evaluated once per batch instead of once per sample: the checker counts the samples.
        case .sampleSum(_, let body): return body.evaluationCost
        }
    }

    /// Whether the formula reads `m`, the batch's sample count, outside any sum bound to that name.
    var mentionsSampleCount: Bool {
        func mentions(_ expression: Expression, bound: Set<String>) -> Bool {
            switch expression {
            case .number: return false
            case .symbol(let name, _): return name == "m" && !bound.contains("m")
            case .negate(let operand), .call(_, let operand): return mentions(operand, bound: bound)
            case .binary(_, let left, let right): return mentions(left, bound: bound) || mentions(right, bound: bound)
            case .sum(let index, _, _, let body), .implicitSum(let index, let body), .sampleSum(let index, let body):
                return mentions(body, bound: bound.union([index]))
            }
        }
        return mentions(self, bound: [])
    }

    /// Whether the formula sums over the batch's samples, so that it gives ∂J/∂w for the batch.
    public var sumsOverSamples: Bool {
        switch self {
        case .number, .symbol: return false
        case .negate(let operand), .call(_, let operand): return operand.sumsOverSamples
        case .binary(_, let left, let right): return left.sumsOverSamples || right.sumsOverSamples
        case .sum(_, _, _, let body), .implicitSum(_, let body): return body.sumsOverSamples
        case .sampleSum: return true
        }
    }

    /// Whether a name uses `index`: as itself, or as `{index}` in a subscript.
    func uses(_ index: String) -> Bool {
        switch self {
        case .number: return false
        case .symbol(let name, _): return name == index || name.contains("{\(index)}")
        case .negate(let operand), .call(_, let operand): return operand.uses(index)
        case .binary(_, let left, let right): return left.uses(index) || right.uses(index)
        case .sum(_, _, _, let body), .implicitSum(_, let body), .sampleSum(_, let body): return body.uses(index)
        }
    }

    /// The names inside a sum without bounds that carry its index (`ŷ_{i}` in `Σ_i ŷ_i`), with
    /// the index: a student may mean the sample index by them.
    var indexedNames: [(index: String, name: String)] {
        switch self {
        case .number, .symbol: return []
        case .negate(let operand), .call(_, let operand): return operand.indexedNames
        case .binary(_, let left, let right): return left.indexedNames + right.indexedNames
        case .sum(_, _, _, let body), .sampleSum(_, let body): return body.indexedNames
        case .implicitSum(let index, let body):
            return body.symbolNames.filter { $0.contains("{\(index)}") }.map { (index, $0) } + body.indexedNames
        }
    }

    var symbolNames: [String] {
        switch self {
        case .number: return []
        case .symbol(let name, _): return [name]
        case .negate(let operand), .call(_, let operand): return operand.symbolNames
        case .binary(_, let left, let right): return left.symbolNames + right.symbolNames
        case .sum(_, _, _, let body), .implicitSum(_, let body), .sampleSum(_, let body): return body.symbolNames
        }
    }

    /// Reads `text`; errors point at the column.
    public static func parse(_ text: String) throws(ExpressionParseError) -> Expression {
        var parser = ExpressionParser(text: text)
        return try parser.parseAll()
    }

    /// The value, looking names up with `lookup` (after `{k}` substitution inside sums).
    public func evaluate(_ lookup: (String) -> Double?) throws(ExpressionEvaluationError) -> Double {
        try evaluate(lookup, bindings: [:])
    }

    private func evaluate(_ lookup: (String) -> Double?, bindings: [String: Int]) throws(ExpressionEvaluationError) -> Double {
        switch self {
        case .number(let value): return value
        case .symbol(let name, let column):
            if let index = bindings[name] { return Double(index) }
            let resolved = Expression.substitute(name, bindings)
            guard let value = lookup(resolved) else { throw .unknownSymbol(resolved, column: column) }
            return value
        case .negate(let operand): return -(try operand.evaluate(lookup, bindings: bindings))
        case .binary(let operation, let left, let right):
            let a = try left.evaluate(lookup, bindings: bindings), b = try right.evaluate(lookup, bindings: bindings)
            return Expression.apply(operation, a, b)
        case .call(let name, let argument):
            let value = try argument.evaluate(lookup, bindings: bindings)
            if name.hasSuffix("'") { return Expression.derivatives[String(name.dropLast())]!(value) }
            return Expression.functions[name]!(value)
        case .sum(let index, let from, let to, let body):
            var total = 0.0
            for value in from...max(from, to) where from <= to {
                var inner = bindings
                inner[index] = value
                total += try body.evaluate(lookup, bindings: inner)
            }
            return total
        case .implicitSum(let index, let body):
            // The index set is where the names exist: Σ_k Y_k stops at the first k without a Y_k.
            var total = 0.0
            for value in 1...Expression.implicitSumLimit {
                var inner = bindings
                inner[index] = value
                do {
                    total += try body.evaluate(lookup, bindings: inner)
                } catch {
                    if value == 1 { throw error }
                    break
                }
            }
            return total
        case .sampleSum(_, let body):
            // `lookup` reads one sample: a batch of that one sample.
            return try body.evaluate(lookup, bindings: bindings)
        }
    }

    /// `a operation b` for the operators of ``binary(_:_:_:)``.
    static func apply(_ operation: Character, _ a: Double, _ b: Double) -> Double {
        switch operation {
        case "+": return a + b
        case "-": return a - b
        case "*": return a * b
        case "/": return a / b
        case ">": return a > b ? 1 : 0
        case "<": return a < b ? 1 : 0
        case "≥": return a >= b ? 1 : 0
        case "≤": return a <= b ? 1 : 0
        default: return pow(a, b)
        }
    }

    /// Replaces each bound `{k}` in `name` with its value. When the value or a digit run next to
    /// it has more than one digit, a `_` goes between them, so that `W1{k}` at k = 12 reads
    /// `W1_12` rather than `W112` (1,12 or 11,2?); single digits run together as before
    /// (`W1{k}` at k = 2 is `W12`). See ``DerivationSymbols`` for the names.
    static func substitute(_ name: String, _ bindings: [String: Int]) -> String {
        guard name.contains("{") else { return name }
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        let characters = Array(name)
        var result = ""
        var position = 0
        while position < characters.count {
            if characters[position] == "{", let close = characters[position...].firstIndex(of: "}"),
               let value = bindings[String(characters[(position + 1)..<close])] {
                let text = String(value)
                let before = result.reversed().prefix(while: isDigit).count
                let after = characters[(close + 1)...].prefix(while: isDigit).count
                if before > 0 && (before > 1 || text.count > 1) { result.append("_") }
                result += text
                if after > 0 && (after > 1 || text.count > 1) { result.append("_") }
                position = close + 1
            } else {
                result.append(characters[position])
                position += 1
            }
        }
        return result
    }
}

/// Why a formula could not be read.
public struct ExpressionParseError: Error, Equatable, Sendable {
    /// What is wrong.
    public var message: String
    /// 1-based column, in characters.
    public var column: Int

    /// Spaces and a caret under the column, to print below the formula.
    public var caretLine: String { String(repeating: " ", count: max(0, column - 1)) + "^" }
}

/// Why a formula could not be evaluated.
public enum ExpressionEvaluationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A name the scenario does not have.
    case unknownSymbol(String, column: Int)
    /// A name that depends on the sample, outside the formula's sum over the batch's samples.
    case outsideSampleSum(String, column: Int)

    public var description: String {
        switch self {
        case .unknownSymbol(let name, let column): return "unknown symbol '\(name)' at column \(column)"
        case .outsideSampleSum(let name, let column):
            return "'\(name)' at column \(column) is outside the sum over the batch's samples, where it has no sample: "
                + "put every factor that depends on the sample inside the sum, e.g. (1/m)·Σ_s (ŷ − y)·X1"
        }
    }
}

/// A recursive-descent parser over the characters of a formula.
private struct ExpressionParser {
    let characters: [Character]
    var position = 0
    var depth = 0
    /// Terms of the sums read so far at the current level: side-by-side sums add their terms,
    /// a sum inside another multiplies them (see ``parseSumBody(index:range:start:)``).
    var sumTerms = 0
    /// The indices of the sums around the current position, innermost last.
    var boundIndices: [String] = []
    static let maximumLength = 2000
    static let maximumDepth = 200
    static let maximumSumTerms = 10_000
    /// Unicode subscript letters students paste (`Yₖ`), as the index they stand for.
    static let subscriptLetters: [Character: Character] = ["ₖ": "k", "ᵢ": "i", "ⱼ": "j", "ₘ": "m", "ₙ": "n", "ₗ": "l"]
    /// Names of symbols made of letters only that may stand before '(' as a product: `yhat(1 − yhat)`.
    static let letterSymbols: Set<String> = ["yhat", "y_hat", "eta", "net", "sigma", "σ"]

    init(text: String) {
        // ∑ (the n-ary summation sign) is Σ.
        characters = Array(text).map { $0 == "∑" ? "Σ" : $0 }
    }

    func error(_ message: String, at index: Int? = nil) -> ExpressionParseError {
        ExpressionParseError(message: message, column: (index ?? position) + 1)
    }

    var current: Character? { position < characters.count ? characters[position] : nil }

    mutating func skipSpaces() {
        while let c = current, c.isWhitespace { position += 1 }
    }

    mutating func parseAll() throws(ExpressionParseError) -> Expression {
        guard characters.count <= Self.maximumLength else { throw error("the formula is longer than \(Self.maximumLength) characters", at: Self.maximumLength) }
        skipSpaces()
        guard current != nil else { throw error("empty formula: type an expression such as (Y1-Q1)*Z1") }
        let result = try parseComparison()
        skipSpaces()
        if let c = current {
            if c == ")" { throw error("unexpected ')' at column \(position + 1): no '(' is open") }
            if c.isLetter || c.isNumber || c == "(" {
                throw error("expected an operator (+ - * / ^) at column \(position + 1) before '\(c)'")
            }
            throw error("expected an operator (+ - * / ^) at column \(position + 1) but found '\(c)'")
        }
        return result
    }

    mutating func nested<T>(_ body: (inout ExpressionParser) throws(ExpressionParseError) -> T) throws(ExpressionParseError) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw error("the formula nests deeper than \(Self.maximumDepth) levels") }
        return try body(&self)
    }

    static func operation(_ c: Character) -> Character? {
        switch c {
        case "+": return "+"
        case "-", "−", "–": return "-"
        case "*", "·", "×", "⋅", "∙": return "*"
        case "/": return "/"
        case "^": return "^"
        default: return nil
        }
    }

    /// `a > b` and the like: 1 when true, 0 when not, so `(net > 0)` is relu′(net).
    mutating func parseComparison() throws(ExpressionParseError) -> Expression {
        let left = try parseSum()
        skipSpaces()
        guard let c = current, "<>≤≥".contains(c) else { return left }
        position += 1
        var operation = c
        if current == "=" && (c == "<" || c == ">") {
            position += 1
            operation = c == "<" ? "≤" : "≥"
        }
        return .binary(operation, left, try parseSum())
    }

    mutating func parseSum() throws(ExpressionParseError) -> Expression {
        var left = try parseProduct()
        while true {
            skipSpaces()
            guard let c = current, let op = Self.operation(c), op == "+" || op == "-" else { return left }
            position += 1
            left = .binary(op, left, try parseProduct())
        }
    }

    /// Whether a factor starts here, so that two factors side by side are a product (`2X1`,
    /// `Z1(1 − Z1)`). A number does not: `Z1 2` is more likely a slip than Z1·2.
    var startsImplicitFactor: Bool {
        guard let c = current else { return false }
        return c == "(" || c.isLetter || c == "Σ" || c == "σ" || Self.subscriptLetters[c] != nil
    }

    mutating func parseProduct() throws(ExpressionParseError) -> Expression {
        var left = try parseUnary()
        while true {
            skipSpaces()
            if let c = current, let op = Self.operation(c), op == "*" || op == "/" {
                position += 1
                left = .binary(op, left, try parseUnary())
            } else if startsImplicitFactor {
                left = .binary("*", left, try parsePower())
            } else {
                return left
            }
        }
    }

    mutating func parseUnary() throws(ExpressionParseError) -> Expression {
        skipSpaces()
        if let c = current, let op = Self.operation(c), op == "-" || op == "+" {
            position += 1
            let operand = try nested { (parser: inout ExpressionParser) throws(ExpressionParseError) in try parser.parseUnary() }
            return op == "-" ? .negate(operand) : operand
        }
        return try parsePower()
    }

    mutating func parsePower() throws(ExpressionParseError) -> Expression {
        let base = try nested { (parser: inout ExpressionParser) throws(ExpressionParseError) in try parser.parseAtom() }
        skipSpaces()
        guard current == "^" else { return base }
        position += 1
        // Right-associative, and the exponent may carry its own sign: 2^-1.
        let exponent = try nested { (parser: inout ExpressionParser) throws(ExpressionParseError) in try parser.parseUnary() }
        return .binary("^", base, exponent)
    }

    mutating func parseAtom() throws(ExpressionParseError) -> Expression {
        skipSpaces()
        guard let c = current else { throw error("unexpected end of the formula: expected a number, a name or '('") }
        let start = position
        if c == "(" {
            position += 1
            let inner = try parseComparison()
            skipSpaces()
            guard current == ")" else { throw error("missing ')' to close the '(' at column \(start + 1)", at: position) }
            position += 1
            return inner
        }
        if c.isNumber && c.isASCII || c == "." { return try parseNumber() }
        if c.isLetter || c == "Σ" || c == "σ" || c == "{" || Self.subscriptLetters[c] != nil { return try parseName() }
        throw error("expected a number, a name or '(' at column \(start + 1) but found '\(c)'")
    }

    mutating func parseNumber() throws(ExpressionParseError) -> Expression {
        let start = position
        var text = ""
        while let c = current, c.isASCII, c.isNumber || c == "." { text.append(c); position += 1 }
        if let c = current, c == "e" || c == "E" {
            let save = position
            var exponent = "e"
            position += 1
            if let sign = current, sign == "+" || sign == "-" { exponent.append(sign); position += 1 }
            if let digit = current, digit.isASCII, digit.isNumber {
                while let d = current, d.isASCII, d.isNumber { exponent.append(d); position += 1 }
                text += exponent
            } else {
                position = save
            }
        }
        guard let value = Double(text) else { throw error("'\(text)' is not a number", at: start) }
        return .number(value)
    }

    /// Reads the characters of a name: letters, digits, `_`, subscripts, `[…]` and `{…}` groups,
    /// and a final prime (`σ'`).
    mutating func scanName() throws(ExpressionParseError) -> String {
        var name = ""
        while let c = current {
            if let letter = Self.subscriptLetters[c] {
                if name.last != "_" { name.append("_") }
                name.append(letter)
            } else if c.isLetter || c.isNumber || c == "_" || "₀₁₂₃₄₅₆₇₈₉".contains(c) {
                name.append(c)
            } else if c == "[" || c == "{" {
                let close: Character = c == "[" ? "]" : "}"
                guard let end = characters[position...].firstIndex(of: close) else { throw error("missing '\(close)' for the '\(c)' at column \(position + 1)") }
                name += String(characters[position...end])
                position = end
            } else if c == "'" || c == "′" {
                name.append("'")
                position += 1
                break
            } else {
                break
            }
            position += 1
        }
        return name
    }

    mutating func parseName() throws(ExpressionParseError) -> Expression {
        let start = position
        let name = try scanName()
        let normalised = Subscript.normalise(name)
        if let sum = try parseWrittenSum(normalised, start: start) { return sum }
        skipSpaces()
        if normalised == "sum" || normalised == "Σ" { return try parseSumCall(start: start) }
        if normalised.hasSuffix("'") {
            let function = String(normalised.dropLast())
            guard Expression.derivatives[function] != nil else {
                throw error("'\(name)': a prime follows a function, as in σ'(z), tanh'(z), relu'(z)\(suggestion(function + "'"))", at: start)
            }
            return try parseCall(normalised, start: start)
        }
        if current == "(" {
            if Expression.functions[normalised] != nil { return try parseCall(normalised, start: start) }
            // A name of letters only before '(' is a function unless it is a known symbol.
            if normalised.count > 1, normalised.allSatisfy(\.isLetter), !Self.letterSymbols.contains(normalised) {
                let known = "sigma, σ, sigma', exp, log, ln, sqrt, tanh, tanh', abs, relu, relu', step, sum"
                throw error("unknown function '\(normalised)'\(suggestion(normalised)) (known: \(known))", at: start)
            }
        }
        return .symbol(bindIndices(normalised), column: start + 1)
    }

    /// " — did you mean 'x'?" for the nearest function name, or nothing when none is near.
    func suggestion(_ name: String) -> String {
        Spelling.nearest(to: name, among: Expression.functionNames + ["sum"]).map { ": did you mean '\($0)'?" } ?? ""
    }

    mutating func parseCall(_ name: String, start: Int) throws(ExpressionParseError) -> Expression {
        skipSpaces()
        guard current == "(" else { throw error("'\(name)' needs its argument in parentheses, e.g. \(name)(x)", at: position) }
        position += 1
        let argument = try nested { (parser: inout ExpressionParser) throws(ExpressionParseError) in try parser.parseComparison() }
        skipSpaces()
        guard current == ")" else {
            if current == "," { throw error("'\(name)' takes one argument", at: position) }
            throw error("missing ')' to close '\(name)(' at column \(start + 1)", at: position)
        }
        position += 1
        return .call(name, argument)
    }

    /// Marks the bound indices in a name as `{k}`: `Y_k` → `Y_{k}`, `W_1k` → `W_1{k}`, `Yk` → `Y{k}`;
    /// a `{…}` group that is not an index is unwrapped (`W_{11}` → `W_11`).
    func bindIndices(_ name: String) -> String {
        let bound = Set(boundIndices)
        var result = ""
        var inSubscript = false
        var characters = Array(name)[...]
        if !bound.isEmpty, name.count >= 2, name.allSatisfy(\.isLetter), bound.contains(String(name.last!)) {
            // Yk, Wjk: one letter, then indices.
            let head = name.prefix { !bound.contains(String($0)) }
            if head.count == 1 && name.dropFirst().allSatisfy({ bound.contains(String($0)) }) {
                return head + name.dropFirst().map { "{\($0)}" }.joined()
            }
        }
        while let c = characters.first {
            characters = characters.dropFirst()
            if c == "{", let close = characters.firstIndex(of: "}") {
                let content = String(characters[..<close])
                characters = characters[(close + 1)...]
                if bound.contains(content) || content.allSatisfy(\.isLetter) {
                    result += "{\(content)}"
                } else {
                    result += bindIndices(inner: content, bound: bound)
                }
                inSubscript = true
                continue
            }
            if inSubscript, bound.contains(String(c)) {
                result += "{\(c)}"
            } else {
                result.append(c)
            }
            if c == "_" || c == "]" || c.isNumber { inSubscript = true }
        }
        return result
    }

    private func bindIndices(inner: String, bound: Set<String>) -> String {
        inner.map { bound.contains(String($0)) ? "{\($0)}" : String($0) }.joined()
    }

    /// `Σ_k`, `Σ_{k}`, `sum_k`, `Σ_{k=1}^{2}`: the sum over the product that follows. Nil when
    /// `name` is no such sign.
    mutating func parseWrittenSum(_ name: String, start: Int) throws(ExpressionParseError) -> Expression? {
        guard let underscore = name.firstIndex(of: "_"), ["Σ", "sum"].contains(String(name[..<underscore])) else { return nil }
        var spec = name[name.index(after: underscore)...]
        if spec.first == "{" && spec.last == "}" { spec = spec.dropFirst().dropLast() }
        let parts = spec.split(separator: "=", maxSplits: 1)
        guard let index = parts.first, index.count == 1, index.allSatisfy(\.isLetter) else {
            throw error("write a sum as Σ_k followed by what it sums, e.g. Σ_k (Y_k − Q_k)·W_1k, or as sum(k, 1, 2, …)", at: start)
        }
        var range: ClosedRange<Int>?
        if parts.count == 2 {
            guard let from = Int(parts[1]), current == "^" else {
                throw error("a sum with a start needs an end: Σ_{k=1}^{2}, or leave both out: Σ_k", at: start)
            }
            position += 1
            var text = ""
            let braced = current == "{"
            if braced { position += 1 }
            while let c = current, c.isASCII, c.isNumber || (c == "-" && text.isEmpty) { text.append(c); position += 1 }
            // ^m: the batch's samples.
            let toSampleCount = text.isEmpty && current == "m" && !(position + 1 < characters.count && characters[position + 1].isLetter)
            if toSampleCount { position += 1 }
            if braced {
                guard current == "}" else { throw error("the end of the sum must be a whole number or m, e.g. Σ_{k=1}^{2}") }
                position += 1
            }
            if toSampleCount { return try parseSampleSum(index: String(index), from: from, start: start) }
            guard let to = Int(text) else { throw error("the end of the sum must be a whole number or m, e.g. Σ_{k=1}^{2}") }
            guard to >= from else { throw error("the sum runs from \(from) to \(to): the end must not be below the start", at: start) }
            range = from...to
        }
        let body = try parseSumBody(index: String(index), range: range, start: start) { (parser: inout ExpressionParser) throws(ExpressionParseError) in
            try parser.parseProduct()
        }
        if let range { return .sum(index: String(index), from: range.lowerBound, to: range.upperBound, body: body) }
        // An index that no name uses can only count samples: Σ_s (ŷ − y)·X1 sums over the batch.
        return body.uses(String(index)) ? .implicitSum(index: String(index), body: body) : .sampleSum(index: String(index), body: body)
    }

    /// `Σ_{s=1}^{m}` and the product after it: the sum over the batch's samples.
    mutating func parseSampleSum(index: String, from: Int, start: Int) throws(ExpressionParseError) -> Expression {
        guard from == 1 else { throw error("a sum up to m runs over the batch's samples, from 1: Σ_{\(index)=1}^{m}", at: start) }
        let body = try parseSumBody(index: index, range: nil, start: start) { (parser: inout ExpressionParser) throws(ExpressionParseError) in
            try parser.parseProduct()
        }
        guard !body.uses(index) else {
            throw error("Σ_{\(index)=1}^{m} sums over the batch's samples, and every name inside it stands for its value at sample "
                + "\(index): write the index on no name, e.g. (1/m)·Σ_{\(index)=1}^{m} (ŷ − y)·X1", at: start)
        }
        return .sampleSum(index: index, body: body)
    }

    /// Reads a sum's body with `index` bound, and counts its terms: the range times the terms of
    /// the sums inside it (at least 1), added to those beside it. A sum without a range counts as
    /// ``Expression/implicitSumLimit`` terms.
    mutating func parseSumBody(
        index: String, range: ClosedRange<Int>?, start: Int,
        _ body: (inout ExpressionParser) throws(ExpressionParseError) -> Expression
    ) throws(ExpressionParseError) -> Expression {
        // The count, without overflow: bounds may be as large as Int allows.
        let (span, overflow) = range.map { $0.upperBound.subtractingReportingOverflow($0.lowerBound) } ?? (Expression.implicitSumLimit - 1, false)
        guard !overflow, span < Self.maximumSumTerms else { throw tooManyTerms(at: start) }
        let outside = sumTerms
        sumTerms = 0
        boundIndices.append(index)
        let result = try nested { (parser: inout ExpressionParser) throws(ExpressionParseError) in try body(&parser) }
        boundIndices.removeLast()
        let (terms, termsOverflow) = (span + 1).multipliedReportingOverflow(by: max(1, sumTerms))
        sumTerms = outside + terms
        guard !termsOverflow, sumTerms <= Self.maximumSumTerms else { throw tooManyTerms(at: start) }
        return result
    }

    func tooManyTerms(at start: Int) -> ExpressionParseError {
        error("the sums have more than \(Self.maximumSumTerms) terms in all", at: start)
    }

    /// sum(k, from, to, expression)
    mutating func parseSumCall(start: Int) throws(ExpressionParseError) -> Expression {
        let usage = "sum needs 4 arguments: sum(k, from, to, expression), e.g. sum(k, 1, 2, (Y{k}-Q{k})*W1{k})"
        guard current == "(" else { throw error(usage, at: start) }
        position += 1
        skipSpaces()
        var index = ""
        while let c = current, c.isLetter { index.append(c); position += 1 }
        guard !index.isEmpty else { throw error("\(usage): the first argument names the index") }
        func comma(_ parser: inout ExpressionParser) throws(ExpressionParseError) {
            parser.skipSpaces()
            guard parser.current == "," else { throw parser.error(usage) }
            parser.position += 1
            parser.skipSpaces()
        }
        func bound(_ parser: inout ExpressionParser) throws(ExpressionParseError) -> Int {
            var text = ""
            if parser.current == "-" { text = "-"; parser.position += 1 }
            while let c = parser.current, c.isASCII, c.isNumber { text.append(c); parser.position += 1 }
            guard let value = Int(text) else { throw parser.error("sum bounds must be whole numbers, e.g. sum(k, 1, 3, …)") }
            return value
        }
        try comma(&self)
        let from = try bound(&self)
        try comma(&self)
        let to = try bound(&self)
        guard to >= from else { throw error("the sum runs from \(from) to \(to): the end must not be below the start", at: start) }
        // Refused as soon as the bounds are read, before the rest of the sum.
        let (span, overflow) = to.subtractingReportingOverflow(from)
        guard !overflow, span < Self.maximumSumTerms else { throw tooManyTerms(at: start) }
        try comma(&self)
        let body = try parseSumBody(index: index, range: from...to, start: start) { (parser: inout ExpressionParser) throws(ExpressionParseError) in
            try parser.parseComparison()
        }
        skipSpaces()
        guard current == ")" else { throw error("missing ')' to close the sum at column \(start + 1)") }
        position += 1
        return .sum(index: index, from: from, to: to, body: body)
    }
}
