import Foundation

/// What would stop a handout's LaTeX from compiling with the article class and amsmath alone:
/// an unknown macro, an unbalanced brace, a `$` left open, a special character unescaped, a byte
/// that is not ASCII. A second reading of the text, written for the tests, not the renderer's own.
enum LaTeXLint {
    /// The macros the handouts may use: each is defined by LaTeX's kernel, the article class or
    /// amsmath (\text, \tfrac). Anything else is reported by name.
    static let knownMacros: Set<String> = [
        "documentclass", "usepackage", "begin", "end", "section", "subsection", "noindent", "hspace", "par",
        "frac", "tfrac", "text", "mathrm", "left", "right", "phantom", "partial", "sum", "cdot", "times", "top",
        "to", "leftarrow", "approx", "dots", "infty", "sigma", "delta", "eta", "Sigma", "tanh", "log", "max",
        "textbackslash", "textless", "textgreater", "textbar", "mu", "beta", "epsilon", "lambda", "hat", "sqrt",
    ]
    /// The control symbols that escape a character or space a formula: \{ \} \$ \& \# \_ \% \^{} \~{},
    /// the accents \' \` \", and the thin space \,.
    static let knownControlSymbols: Set<UInt8> = Set("{}$&#_%^~'`\",".utf8)

    /// Every problem found, each with its line number; empty when the document is sound.
    static func problems(_ latex: String) -> [String] {
        var problems = frame(latex)
        var scanner = Scanner()
        for (index, line) in latex.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            problems += scanner.scan(Array(line.utf8), line: index + 1)
        }
        problems += scanner.groups.map { "line \($0.line): a { is never closed" }
        return problems
    }

    /// The document's frame: article, amsmath and nothing else, one document environment.
    static func frame(_ latex: String) -> [String] {
        var problems: [String] = []
        if !latex.hasPrefix("\\documentclass{article}\n") { problems.append("does not begin with \\documentclass{article}") }
        if !latex.hasSuffix("\\end{document}\n") { problems.append("does not end with \\end{document}") }
        let packages = latex.matches(of: #/\\usepackage(\[[^\]]*\])?\{([^}]*)\}/#).map { String($0.output.2) }
        if packages != ["amsmath"] { problems.append("packages \(packages), expected [amsmath] alone") }
        let environments = latex.matches(of: #/\\(begin|end)\{([^}]*)\}/#).map { "\($0.output.1){\($0.output.2)}" }
        if environments != ["begin{document}", "end{document}"] { problems.append("environments \(environments)") }
        return problems
    }

    /// Reads a document line by line, keeping its groups and whether it is in math.
    struct Scanner {
        struct Group {
            var line: Int
            var mathOutside: Bool
            var mathInside: Bool
        }
        var groups: [Group] = []
        var math = false
        var textArgumentNext = false

        mutating func scan(_ bytes: [UInt8], line: Int) -> [String] {
            var problems: [String] = []
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x80 || byte < 0x20 || byte == 0x7F {
                    problems.append("line \(line): byte 0x\(String(byte, radix: 16)) (only printable ASCII may appear)")
                } else if byte == UInt8(ascii: "\\") {
                    let (problem, length) = macro(bytes, at: index, line: line)
                    problems += problem.map { [$0] } ?? []
                    index += length
                    continue
                } else if let problem = special(byte, line: line) {
                    problems.append(problem)
                }
                index += 1
            }
            if math {
                problems.append("line \(line): a $ is not closed on its line")
                math = false
            }
            return problems
        }

        /// The macro or control symbol at `start`, and how many bytes it takes.
        mutating func macro(_ bytes: [UInt8], at start: Int, line: Int) -> (String?, Int) {
            var end = start + 1
            while end < bytes.count, Character(UnicodeScalar(bytes[end])).isLetter { end += 1 }
            if end > start + 1 {
                let name = String(decoding: bytes[(start + 1)..<end], as: UTF8.self)
                textArgumentNext = name == "text"
                return (knownMacros.contains(name) ? nil : "line \(line): unknown macro \\\(name)", end - start)
            }
            guard end < bytes.count else { return ("line \(line): a \\ ends the line", 1) }
            let symbol = bytes[end]
            let known = knownControlSymbols.contains(symbol)
            return (known ? nil : "line \(line): unknown control symbol \\\(Character(UnicodeScalar(symbol)))", 2)
        }

        /// A character TeX treats specially, outside a macro.
        mutating func special(_ byte: UInt8, line: Int) -> String? {
            defer { if byte != UInt8(ascii: "{") { textArgumentNext = false } }
            switch UnicodeScalar(byte) {
            case "{":
                let inside = textArgumentNext ? false : math
                groups.append(Group(line: line, mathOutside: math, mathInside: inside))
                math = inside
                textArgumentNext = false
            case "}":
                guard let group = groups.popLast() else { return "line \(line): a } closes no group" }
                if math != group.mathInside { return "line \(line): a $ opened in a group is not closed before its }" }
                math = group.mathOutside
            case "$": math.toggle()
            case "%": return "line \(line): an unescaped % comments out the rest of the line"
            case "#", "&": return "line \(line): an unescaped \(Character(UnicodeScalar(byte)))"
            case "~": return "line \(line): an unescaped ~ (a tie, not a tilde)"
            case "^", "_": return math ? nil : "line \(line): \(Character(UnicodeScalar(byte))) outside math"
            default: break
            }
            return nil
        }
    }
}

/// What would stop a handout's Markdown from rendering as meant on a code-hosting site: a math
/// span not closed on its line or not recognised as one, a control character, raw HTML.
enum MarkdownLint {
    /// Every problem found, each with its line number; empty when the document is sound.
    static func problems(_ markdown: String) -> [String] {
        var problems: [String] = []
        for scalar in markdown.unicodeScalars where scalar != "\n" && isControl(scalar) {
            problems.append("control character U+\(String(scalar.value, radix: 16, uppercase: true))")
        }
        for (index, line) in markdown.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            problems += check(Array(line), line: index + 1)
        }
        return problems
    }

    /// C0, DEL, C1, and the bidi and zero-width controls that hide or reorder text.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || (0x200B...0x200F).contains(scalar.value)
            || (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }

    static func check(_ characters: [Character], line: Int) -> [String] {
        var problems: [String] = []
        var index = 0
        while index < characters.count {
            switch characters[index] {
            case "\\": index += 2
            case "<":
                problems.append("line \(line): a raw < (HTML)")
                index += 1
            case "$":
                guard let close = characters[(index + 1)...].firstIndex(of: "$") else {
                    problems.append("line \(line): a $ is not closed on its line")
                    return problems
                }
                problems += span(characters, from: index, to: close, line: line)
                index = close + 1
            default: index += 1
            }
        }
        return problems
    }

    /// A math span's rules on a code-hosting site: no space just inside the $ signs, no digit just
    /// after the closing one, balanced braces, no <.
    static func span(_ characters: [Character], from open: Int, to close: Int, line: Int) -> [String] {
        let content = characters[(open + 1)..<close]
        var problems: [String] = []
        guard let first = content.first, let last = content.last else { return ["line \(line): an empty $$"] }
        if first.isWhitespace || last.isWhitespace { problems.append("line \(line): space inside $…$") }
        if close + 1 < characters.count, characters[close + 1].isNumber { problems.append("line \(line): a digit after $") }
        if content.contains("<") { problems.append("line \(line): a < in math") }
        var depth = 0, previous: Character = " "
        for character in content {
            if previous != "\\" { depth += character == "{" ? 1 : character == "}" ? -1 : 0 }
            if depth < 0 { break }
            previous = previous == "\\" ? " " : character
        }
        if depth != 0 { problems.append("line \(line): unbalanced braces in $\(String(content))$") }
        return problems
    }
}
