/// Keys written as text, for scripted screens and tests: characters stand for themselves and
/// names in braces for the other keys, e.g. `g12{Enter}n{Tab}`.
public enum KeyScript {
    /// Why a key script was not understood.
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        /// What was wrong.
        public var description: String
    }

    static let names: [String: Key] = [
        "space": .character(" "), "left": .left, "right": .right, "up": .up, "down": .down, "tab": .tab,
        "backtab": .backTab, "home": .home, "end": .end, "pgup": .pageUp, "pgdn": .pageDown, "enter": .enter,
        "esc": .escape, "backspace": .backspace, "delete": .delete, "ctrl-c": .interrupt,
    ]

    /// The keys of `script`.
    public static func parse(_ script: String) throws(ParseError) -> [Key] {
        var keys: [Key] = []
        var index = script.startIndex
        while index < script.endIndex {
            let character = script[index]
            if character == "{", let close = script[index...].firstIndex(of: "}") {
                let name = script[script.index(after: index)..<close].lowercased()
                guard let key = names[name] else {
                    throw ParseError(description: "unknown key {\(name)}; known: \(names.keys.sorted().map { "{\($0)}" }.joined(separator: " "))")
                }
                keys.append(key)
                index = script.index(after: close)
            } else {
                keys.append(.character(character))
                index = script.index(after: index)
            }
        }
        return keys
    }
}
