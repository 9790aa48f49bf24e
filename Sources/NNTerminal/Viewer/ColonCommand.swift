import NNCore

/// A command typed after `:` (as in less and vim): every action of the viewer by name.
public enum ColonCommand: Equatable, Sendable {
    case addBreakpoint(Breakpoint)
    case listBreakpoints
    case deleteBreakpoint(Int?)
    case continueRun
    case play(PlayUnit?, perSecond: Double?)
    case goTo(epoch: Int, step: Int?)
    case weight(String)
    case theme(light: Bool)
    case notes
    case nextNote, previousNote
    case export
    case chart(ClosedRange<Int>?)
    case quiz
    case save(path: String, replacing: Bool)
    case predict([Double])
    /// `set NAME VALUE`: a weight, bias, input, target, the learning rate or the epochs; the
    /// value is read when the net is known.
    case set(name: String, value: String)
    case reset
    case help
    case quit

    /// The commands by name, with what each takes, for help, completion and "did you mean".
    public static let names: [(name: String, usage: String)] = [
        ("break", "break forward|loss|backward|update, break loss < 0.1, break nan, break epoch 500"),
        ("breaks", "breaks: list the breakpoints"),
        ("delete", "delete N (or delete all): remove a breakpoint"),
        ("continue", "continue: run to the next breakpoint, note or the end (also c)"),
        ("play", "play step|update|epoch [N/s]: autoplay by that unit, N a second"),
        ("goto", "goto epoch 12 step 3"),
        ("weight", "weight v21: show that weight's chain rule"),
        ("theme", "theme light|dark"),
        ("notes", "notes: the lesson notes"),
        ("next-note", "next-note: go to the next note (also N)"),
        ("previous-note", "previous-note: go to the previous note (also P)"),
        ("export", "export: write this step as a Markdown handout (also x)"),
        ("chart", "chart 100 500: the loss chart over those epochs; chart all"),
        ("quiz", "quiz: n asks for the next step's number before showing it (again: off)"),
        ("save", "save FILE.json: this epoch's start as a scenario (save! replaces a file)"),
        ("predict", "predict 0.3 0.9: the net's forward pass for that input, without training"),
        ("set", "set v11 0.9, set x1 0.3, set q1 0, set lr 0.1, set epochs 500: edit the run from this epoch on"),
        ("reset", "reset: undo every edit, back to the scenario's values"),
        ("help", "help: the keys and commands"),
        ("quit", "quit"),
    ]

    /// The words that may follow a command, for Tab completion.
    static let arguments: [String: [String]] = [
        "break": ["forward", "loss", "backward", "update", "nan", "epoch"],
        "play": ["step", "update", "epoch"],
        "goto": ["epoch", "step"],
        "theme": ["light", "dark"],
        "delete": ["all"],
        "chart": ["all"],
        "set": ["lr", "epochs"],
    ]

    /// Reads a command line, or says what is wrong with it in one line.
    public static func parse(_ line: String) -> Result<ColonCommand, CommandError> {
        let words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        guard let name = words.first?.lowercased() else { return .failure(CommandError("type a command, e.g. break loss or continue")) }
        let rest = Array(words.dropFirst())
        switch name {
        case "break", "b": return parseBreak(rest)
        case "breaks", "breakpoints": return .success(.listBreakpoints)
        case "delete", "d":
            if rest.first?.lowercased() == "all" { return .success(.deleteBreakpoint(nil)) }
            guard rest.count == 1, let number = Int(rest[0]), number >= 1 else {
                return .failure(CommandError("delete takes a breakpoint's number (breaks lists them) or all"))
            }
            return .success(.deleteBreakpoint(number))
        case "continue", "c": return .success(.continueRun)
        case "play": return parsePlay(rest)
        case "goto", "go", "g": return parseGoTo(rest)
        case "weight", "w":
            guard rest.count == 1 else { return .failure(CommandError("weight takes a name, e.g. weight v21")) }
            return .success(.weight(rest[0]))
        case "theme":
            switch rest.first?.lowercased() {
            case "light"?: return .success(.theme(light: true))
            case "dark"?: return .success(.theme(light: false))
            default: return .failure(CommandError("theme takes light or dark"))
            }
        case "notes": return .success(.notes)
        case "next-note": return .success(.nextNote)
        case "previous-note": return .success(.previousNote)
        case "export", "x": return .success(.export)
        case "chart": return parseChart(rest)
        case "quiz": return .success(.quiz)
        case "save", "save!":
            guard rest.count == 1 else { return .failure(CommandError("save takes a file name, e.g. save lesson.json")) }
            return .success(.save(path: rest[0], replacing: name == "save!"))
        case "predict", "p":
            let values = rest.map { Double($0.replacingOccurrences(of: "−", with: "-")) }
            guard !values.isEmpty, values.allSatisfy({ $0?.isFinite == true }) else {
                return .failure(CommandError("predict takes the input's numbers, e.g. predict 0.3 0.9"))
            }
            return .success(.predict(values.compactMap { $0 }))
        case "set":
            guard rest.count == 2 else {
                return .failure(CommandError("set takes a name and a value, e.g. set v11 0.9, set x1 0.3, set lr 0.1, set epochs 500"))
            }
            return .success(.set(name: rest[0], value: rest[1]))
        case "reset": return .success(.reset)
        case "help", "h", "?": return .success(.help)
        case "quit", "q": return .success(.quit)
        default:
            let suggestion = closest(to: name).map { ": did you mean \($0)?" } ?? ": Tab completes, help lists the commands"
            return .failure(CommandError("unknown command '\(TerminalText.escaped(String(name.prefix(30))))'\(suggestion)"))
        }
    }

    private static func parseBreak(_ words: [String]) -> Result<ColonCommand, CommandError> {
        let usage = CommandError("break takes forward, loss, backward, update, nan, epoch N, or loss < VALUE")
        guard let first = words.first?.lowercased() else { return .failure(usage) }
        if words.count == 1, let kind = Breakpoint.PhaseKind(rawValue: first) { return .success(.addBreakpoint(.phase(kind))) }
        if words.count == 1, first == "nan" || first == "inf" { return .success(.addBreakpoint(.nonFinite)) }
        if first == "epoch" {
            guard words.count == 2, let epoch = Int(words[1]), epoch >= 1 else { return .failure(CommandError("break epoch takes a whole number from 1")) }
            return .success(.addBreakpoint(.epoch(epoch)))
        }
        // "loss < 0.1", "loss<0.1", "loss <0.1"
        let joined = words.joined()
        guard joined.lowercased().hasPrefix("loss") else { return .failure(usage) }
        let condition = joined.dropFirst(4)
        for comparison in [Breakpoint.Comparison.atMost, .atLeast, .below, .above] where condition.hasPrefix(comparison.rawValue) {
            let number = condition.dropFirst(comparison.rawValue.count)
            guard let value = Double(number), value.isFinite else {
                return .failure(CommandError("break loss \(comparison.rawValue) takes a number, e.g. break loss < 0.1"))
            }
            return .success(.addBreakpoint(.loss(comparison, value)))
        }
        return .failure(CommandError("break loss takes a comparison, e.g. break loss < 0.1 (or <=, >, >=)"))
    }

    private static func parsePlay(_ words: [String]) -> Result<ColonCommand, CommandError> {
        var unit: PlayUnit?
        var rate: Double?
        for word in words.map({ $0.lowercased() }) {
            if let named = PlayUnit(rawValue: word) ?? (word.hasSuffix("s") ? PlayUnit(rawValue: String(word.dropLast())) : nil) {
                unit = named
            } else if let value = Double(word.hasSuffix("/s") ? String(word.dropLast(2)) : word), value > 0, value <= 10_000 {
                rate = value
            } else {
                return .failure(CommandError("play takes step, update or epoch and a pace, e.g. play epoch 50/s"))
            }
        }
        return .success(.play(unit, perSecond: rate))
    }

    private static func parseGoTo(_ words: [String]) -> Result<ColonCommand, CommandError> {
        let usage = CommandError("goto takes epoch N and optionally step S, e.g. goto epoch 12 step 3")
        var epoch: Int?, step: Int?
        var index = 0
        while index < words.count {
            let word = words[index].lowercased()
            guard index + 1 < words.count, let value = Int(words[index + 1]), value >= 1 else {
                // "goto 12" is epoch 12.
                if words.count == 1, let value = Int(word), value >= 1 { return .success(.goTo(epoch: value, step: nil)) }
                return .failure(usage)
            }
            switch word {
            case "epoch", "e": epoch = value
            case "step", "s": step = value
            default: return .failure(usage)
            }
            index += 2
        }
        guard let epoch else { return .failure(usage) }
        return .success(.goTo(epoch: epoch, step: step))
    }

    private static func parseChart(_ words: [String]) -> Result<ColonCommand, CommandError> {
        if words.isEmpty || words.first?.lowercased() == "all" { return .success(.chart(nil)) }
        guard words.count == 2, let first = Int(words[0]), let last = Int(words[1]), first >= 1, last > first else {
            return .failure(CommandError("chart takes two epochs, first and last, e.g. chart 100 500, or all"))
        }
        return .success(.chart(first...last))
    }

    /// The command name nearest to `name`, when one is close.
    static func closest(to name: String) -> String? {
        let known = names.map(\.name)
        if let prefixed = known.first(where: { $0.hasPrefix(name) }) { return prefixed }
        let scored = known.map { (name: $0, distance: ColonCommand.distance($0, name)) }
        guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= 2 else { return nil }
        return best.name
    }

    /// Levenshtein distance between short words.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.prefix(40)), b = Array(b.prefix(40))
        var previous = Array(0...b.count)
        for i in 1...max(1, a.count) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }

    /// `line` with its last word completed: the command name, or a word its command takes. With
    /// several candidates, their common beginning, and the candidates to show.
    public static func complete(_ line: String) -> (line: String, candidates: [String]) {
        let endsWithSpace = line.last?.isWhitespace ?? false
        var words = line.split(whereSeparator: \.isWhitespace).map(String.init)
        let partial = endsWithSpace ? "" : (words.popLast() ?? "")
        let options = words.isEmpty ? names.map(\.name) : (arguments[words[0].lowercased()] ?? [])
        let matching = options.filter { $0.hasPrefix(partial.lowercased()) }
        guard !matching.isEmpty else { return (line, []) }
        var common = matching[0]
        for candidate in matching.dropFirst() { while !candidate.hasPrefix(common) { common.removeLast() } }
        let completed = (words + [common]).joined(separator: " ")
        return (matching.count == 1 ? completed + " " : completed, matching.count == 1 ? [] : matching)
    }
}

/// Why a command line was not understood, in one line.
public struct CommandError: Error, Equatable, Sendable {
    /// The message.
    public var message: String

    init(_ message: String) { self.message = message }
}

/// What autoplay advances by.
public enum PlayUnit: String, Equatable, Sendable, CaseIterable {
    /// One step at a time.
    case step
    /// From update to update: one batch a frame.
    case update
    /// From epoch to epoch, at the same step of each.
    case epoch
}
