import Foundation

/// A formula a student types, e.g. `(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)`.
///
/// The language: numbers (`3`, `0.5`, `.5`, `1e-3`), `+ - * / ^` (`^` binds tightest and groups
/// to the right; `−`, `·`, `×` are accepted too), parentheses, unary minus, the functions
/// `sigma`/`σ`/`sigmoid`, `exp`, `log`/`ln` (natural), `sqrt`, `tanh`, `abs`, sums written out or as
/// `sum(k, 1, 2, expression)` (also `Σ`) where `{k}` inside a name is replaced by the index
/// (`Y{k}` → `Y1`, `Y2`), and names of the scenario's symbols (`X1`, `W[2]13`, `Y₁`, …).
public indirect enum Expression: Sendable, Equatable {
    case number(Double)
    /// A name, with the 1-based column where it starts.
    case symbol(String, column: Int)
    case negate(Expression)
    case binary(Character, Expression, Expression)
    case call(String, Expression)
    /// sum over `index` from `from` to `to` (inclusive) of `body`.
    case sum(index: String, from: Int, to: Int, body: Expression)

    /// Known functions.
    public static let functions: [String: @Sendable (Double) -> Double] = [
        "sigma": { 1 / (1 + exp(-$0)) }, "σ": { 1 / (1 + exp(-$0)) }, "sigmoid": { 1 / (1 + exp(-$0)) },
        "exp": { exp($0) }, "log": { log($0) }, "ln": { log($0) }, "sqrt": { $0.squareRoot() },
        "tanh": { tanh($0) }, "abs": { abs($0) },
    ]

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
            switch operation {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return a / b
            default: return pow(a, b)
            }
        case .call(let name, let argument):
            return Expression.functions[name]!(try argument.evaluate(lookup, bindings: bindings))
        case .sum(let index, let from, let to, let body):
            var total = 0.0
            for value in from...max(from, to) where from <= to {
                var inner = bindings
                inner[index] = value
                total += try body.evaluate(lookup, bindings: inner)
            }
            return total
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

    public var description: String {
        switch self {
        case .unknownSymbol(let name, let column): return "unknown symbol '\(name)' at column \(column)"
        }
    }
}

/// A recursive-descent parser over the characters of a formula.
private struct ExpressionParser {
    let characters: [Character]
    var position = 0
    var depth = 0
    var sumTerms = 1
    static let maximumLength = 2000
    static let maximumDepth = 200
    static let maximumSumTerms = 10_000

    init(text: String) {
        characters = Array(text)
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
        let result = try parseSum()
        skipSpaces()
        if let c = current {
            if c == ")" { throw error("unexpected ')' at column \(position + 1): no '(' is open") }
            if c.isLetter || c.isNumber || c == "(" {
                throw error("expected an operator (+ - * / ^) at column \(position + 1) before '\(c)' (write * for a product)")
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
        case "-", "−": return "-"
        case "*", "·", "×": return "*"
        case "/": return "/"
        case "^": return "^"
        default: return nil
        }
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

    mutating func parseProduct() throws(ExpressionParseError) -> Expression {
        var left = try parseUnary()
        while true {
            skipSpaces()
            guard let c = current, let op = Self.operation(c), op == "*" || op == "/" else { return left }
            position += 1
            left = .binary(op, left, try parseUnary())
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
        let base = try parseAtom()
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
            let inner = try nested { (parser: inout ExpressionParser) throws(ExpressionParseError) in try parser.parseSum() }
            skipSpaces()
            guard current == ")" else { throw error("missing ')' to close the '(' at column \(start + 1)", at: position) }
            position += 1
            return inner
        }
        if c.isNumber && c.isASCII || c == "." { return try parseNumber() }
        if c.isLetter || c == "Σ" || c == "σ" || c == "{" { return try parseName() }
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
        if let c = current, c.isLetter || c == "(" {
            throw error("expected an operator between '\(text)' and '\(c)' at column \(position + 1) (write * for a product)")
        }
        return .number(value)
    }

    mutating func parseName() throws(ExpressionParseError) -> Expression {
        let start = position
        var name = ""
        while let c = current {
            if c.isLetter || c.isNumber || c == "_" || "₀₁₂₃₄₅₆₇₈₉".contains(c) {
                name.append(c)
            } else if c == "[" || c == "{" {
                let close: Character = c == "[" ? "]" : "}"
                guard let end = characters[position...].firstIndex(of: close) else { throw error("missing '\(close)' for the '\(c)' at column \(position + 1)") }
                name += String(characters[position...end])
                position = end
            } else {
                break
            }
            position += 1
        }
        let normalised = Subscript.normalise(name)
        skipSpaces()
        if normalised == "sum" || normalised == "Σ" { return try parseSumCall(start: start) }
        if current == "(" {
            guard Expression.functions[normalised] != nil else {
                if normalised.contains(where: { $0.isNumber || $0 == "[" }) || normalised.count == 1 {
                    throw error("expected an operator between '\(name)' and '(' at column \(position + 1) (write * for a product)")
                }
                throw error("unknown function '\(normalised)' (known: sigma, σ, exp, log, ln, sqrt, tanh, abs, sum)", at: start)
            }
            position += 1
            let argument = try nested { (parser: inout ExpressionParser) throws(ExpressionParseError) in try parser.parseSum() }
            skipSpaces()
            guard current == ")" else {
                if current == "," { throw error("'\(normalised)' takes one argument", at: position) }
                throw error("missing ')' to close '\(normalised)(' at column \(start + 1)", at: position)
            }
            position += 1
            return .call(normalised, argument)
        }
        if let c = current, c.isNumber || c.isLetter {
            throw error("expected an operator between '\(name)' and '\(c)' at column \(position + 1) (write * for a product)")
        }
        return .symbol(normalised, column: start + 1)
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
        // Checked before counting: bounds such as 0 and Int.max overflow `to - from + 1` (a fuzzer found it).
        let (span, overflow) = to.subtractingReportingOverflow(from)
        guard !overflow, span < Self.maximumSumTerms, sumTerms * (span + 1) <= Self.maximumSumTerms else {
            throw error("the sums have more than \(Self.maximumSumTerms) terms in all", at: start)
        }
        sumTerms *= span + 1
        try comma(&self)
        let body = try nested { (parser: inout ExpressionParser) throws(ExpressionParseError) in try parser.parseSum() }
        skipSpaces()
        guard current == ")" else { throw error("missing ')' to close the sum at column \(start + 1)") }
        position += 1
        return .sum(index: index, from: from, to: to, body: body)
    }
}
