/// Keys written as text, for scripted screens and tests: characters stand for themselves and
/// names in braces for the other keys, e.g. `g12{Enter}n{Tab}`. Names are case-insensitive;
/// `{LBrace}` types a `{` itself (a lone `}` is just a character).
public enum KeyScript {
    /// Why a key script was not understood.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// What was wrong.
        public var description: String
    }

    /// The names, as the help and the messages spell them.
    static let names: [(name: String, key: Key)] = [
        ("Space", .character(" ")), ("Left", .left), ("Right", .right), ("Up", .up), ("Down", .down), ("Tab", .tab),
        ("BackTab", .backTab), ("Home", .home), ("End", .end), ("PgUp", .pageUp), ("PgDn", .pageDown), ("Enter", .enter),
        ("Esc", .escape), ("Backspace", .backspace), ("Delete", .delete), ("Ctrl-C", .interrupt),
        ("LBrace", .character("{")), ("RBrace", .character("}")),
    ]

    /// Every name in braces, for messages and help: "{Space} {Left} …".
    public static var knownNames: String { names.map { "{\($0.name)}" }.joined(separator: " ") }

    /// The keys of `script`. A `{` must open a known name: `{Enter` or `{Entr}` is an error
    /// rather than the letters E, n, t, e, r, which would silently do something else.
    public static func parse(_ script: String) throws(ParseError) -> [Key] {
        var keys: [Key] = []
        let characters = Array(script)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            guard character == "{" else {
                keys.append(.character(character))
                index += 1
                continue
            }
            let column = index + 1
            // A second '{' before the '}' means this one was never closed: "{Enter n{Tab}".
            guard let close = characters[(index + 1)...].firstIndex(where: { $0 == "}" || $0 == "{" }), characters[close] == "}" else {
                throw ParseError(description: "the '{' at column \(column) is not closed: name a key in braces, e.g. {Enter}, or type {LBrace} for a '{' itself")
            }
            let name = String(characters[(index + 1)..<close])
            guard let key = names.first(where: { $0.name.lowercased() == name.lowercased() })?.key else {
                throw ParseError(description: "unknown key {\(name)} at column \(column); known: \(knownNames)")
            }
            keys.append(key)
            index = close + 1
        }
        return keys
    }
}
