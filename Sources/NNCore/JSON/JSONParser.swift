/// Why a text is not valid JSON, and where.
public struct JSONSyntaxError: Error, Equatable, Sendable {
    /// What is wrong, e.g. "expected ',' or '}' after an object member".
    public var message: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, counted in characters.
    public var column: Int
}

/// A small strict JSON parser (RFC 8259) that records each value's line and column.
///
/// Foundation's JSONSerialization reports byte offsets at best; students editing a scenario by
/// hand need "line 12, column 5". Duplicate keys are rejected because the second would
/// silently win.
public struct JSONParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var line = 1
    private var column = 1
    private var depth = 0
    private static let maximumDepth = 64

    /// Parses `text` as one JSON document.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var parser = JSONParser(scalars: Array(text.unicodeScalars))
        parser.skipWhitespace()
        let value = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < parser.scalars.count {
            throw parser.error("unexpected '\(parser.scalars[parser.index])' after the end of the JSON document")
        }
        return value
    }

    private init(scalars: [Unicode.Scalar]) {
        self.scalars = scalars
    }

    private func error(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, line: line, column: column)
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private mutating func advance() {
        if scalars[index] == "\n" {
            line += 1
            column = 1
        } else {
            column += 1
        }
        index += 1
    }

    private mutating func skipWhitespace() {
        while let c = current, c == " " || c == "\t" || c == "\n" || c == "\r" { advance() }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONValue {
        guard let c = current else { throw error("unexpected end of file: expected a value") }
        let (startLine, startColumn) = (line, column)
        let kind: JSONValue.Kind
        switch c {
        case "{": kind = try parseObject()
        case "[": kind = try parseArray()
        case "\"": kind = .string(try parseString())
        case "t": try expectWord("true"); kind = .bool(true)
        case "f": try expectWord("false"); kind = .bool(false)
        case "n": try expectWord("null"); kind = .null
        case "-", "0"..."9": kind = .number(try parseNumber())
        default:
            throw error("unexpected '\(c)': expected a value (object, array, string, number, true, false or null)")
        }
        return JSONValue(kind, line: startLine, column: startColumn)
    }

    private mutating func expectWord(_ word: String) throws(JSONSyntaxError) {
        for expected in word.unicodeScalars {
            guard current == expected else { throw error("invalid literal: expected '\(word)'") }
            advance()
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("nesting deeper than \(Self.maximumDepth) levels") }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONValue.Kind {
        try enter()
        defer { depth -= 1 }
        advance()
        var members: [(key: String, value: JSONValue)] = []
        // A set, not a search of `members`: an object of n keys must cost n, not n² (200,000 keys took 109 s).
        var seenKeys = Set<String>()
        skipWhitespace()
        if current == "}" { advance(); return .object(members) }
        while true {
            skipWhitespace()
            guard current == "\"" else {
                throw error(current == "}" ? "trailing ',' before '}'" : "expected a member name in double quotes")
            }
            let (keyLine, keyColumn) = (line, column)
            let key = try parseString()
            guard seenKeys.insert(key).inserted else {
                throw JSONSyntaxError(message: "duplicate key \"\(excerpt(key))\"", line: keyLine, column: keyColumn)
            }
            skipWhitespace()
            guard current == ":" else { throw error("expected ':' after the member name \"\(excerpt(key))\"") }
            advance()
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            switch current {
            case ",": advance()
            case "}": advance(); return .object(members)
            case nil: throw error("unexpected end of file: expected ',' or '}'")
            default: throw error("expected ',' or '}' after the value of \"\(excerpt(key))\"")
            }
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONValue.Kind {
        try enter()
        defer { depth -= 1 }
        advance()
        var elements: [JSONValue] = []
        skipWhitespace()
        if current == "]" { advance(); return .array(elements) }
        while true {
            skipWhitespace()
            if current == "]" { throw error("trailing ',' before ']'") }
            elements.append(try parseValue())
            skipWhitespace()
            switch current {
            case ",": advance()
            case "]": advance(); return .array(elements)
            case nil: throw error("unexpected end of file: expected ',' or ']'")
            default: throw error("expected ',' or ']' after an array element")
            }
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        advance()
        var result = String.UnicodeScalarView()
        while true {
            guard let c = current else { throw error("unexpected end of file inside a string") }
            switch c {
            case "\"":
                advance()
                return String(result)
            case "\\":
                advance()
                guard let escaped = current else { throw error("unexpected end of file inside a string") }
                switch escaped {
                case "\"": result.append("\"")
                case "\\": result.append("\\")
                case "/": result.append("/")
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "u":
                    advance()
                    var code: UInt32 = 0
                    for _ in 0..<4 {
                        guard let digit = current, let value = UInt32(String(digit), radix: 16) else {
                            throw error("invalid \\u escape: expected 4 hex digits")
                        }
                        code = code * 16 + value
                        advance()
                    }
                    // Surrogate pairs and lone surrogates are replaced: scenario text never needs them.
                    result.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                    continue
                default:
                    throw error("invalid escape '\\\(escaped)' in a string")
                }
                advance()
            default:
                if c.value < 0x20 { throw error("control character in a string (use \\n or \\t)") }
                result.append(c)
                advance()
            }
        }
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let (startLine, startColumn) = (line, column)
        var text = ""
        func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
        if current == "-" { text.append("-"); advance() }
        guard isDigit(current) else { throw error("invalid number: expected a digit") }
        if current == "0" {
            text.append("0"); advance()
            if isDigit(current) { throw error("invalid number: leading zeros are not allowed") }
        } else {
            while isDigit(current), let c = current { text.unicodeScalars.append(c); advance() }
        }
        if current == "." {
            text.append("."); advance()
            guard isDigit(current) else { throw error("invalid number: expected a digit after '.'") }
            while isDigit(current), let c = current { text.unicodeScalars.append(c); advance() }
        }
        if current == "e" || current == "E" {
            text.append("e"); advance()
            if let c = current, c == "+" || c == "-" { text.unicodeScalars.append(c); advance() }
            guard isDigit(current) else { throw error("invalid number: expected a digit in the exponent") }
            while isDigit(current), let c = current { text.unicodeScalars.append(c); advance() }
        }
        guard let value = Double(text), value.isFinite else {
            throw JSONSyntaxError(message: "number \(text) is out of range", line: startLine, column: startColumn)
        }
        return value
    }
}
