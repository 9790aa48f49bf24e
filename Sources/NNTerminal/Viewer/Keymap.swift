/// What a key of the viewer's top level does.
public enum KeyAction: Equatable, Sendable {
    case nextStep, previousStep, nextEpoch, previousEpoch, goToEpoch, firstStep, lastStep
    case togglePlay, faster, slower
    case nextWatched, previousWatched, nextWeight, previousWeight, typeWeight, checkFormula, setValue
    case nextSample, previousSample, togglePrecision, exportStep, toggleLogScale
    case commandLine, continueRun, nextNote, previousNote, matrixView
    case stepPageDown, stepPageUp, chainPageDown, chainPageUp, cycleFocus, toggleDecisionMap
    case help, info, quit
}

/// The one table of the viewer's keys: key handling, the help overlay, the status line's hints
/// and the README's key table are all made from it, so they cannot disagree.
public enum Keymap {
    /// One line of the table: keys with their actions, how help and README spell them, and
    /// what they do.
    public struct Row: Sendable {
        /// The keys and what each does.
        public var keys: [(key: Key, action: KeyAction)]
        /// The keys as the help overlay spells them: "n  Space  →".
        public var helpKeys: String
        /// The keys as the README spells them: "`n`, Space, →".
        public var readmeKeys: String
        /// What they do, for the help overlay.
        public var text: String
        /// More words for the README, after `text`.
        public var readmeNote: String = ""
        /// The status line's hint ("e/E epoch"), if the row has one, and its shorter form.
        public var hint: String? = nil, shortHint: String? = nil
    }

    /// Every row, in the order help and README list them.
    public static let rows: [Row] = [
        Row(keys: [(.character("n"), .nextStep), (.character(" "), .nextStep), (.right, .nextStep)],
            helpKeys: "n  Space  →", readmeKeys: "`n`, Space, →", text: "next step", hint: "n next", shortHint: "n/p step"),
        Row(keys: [(.character("p"), .previousStep), (.character("b"), .previousStep), (.left, .previousStep)],
            helpKeys: "p  b  ←", readmeKeys: "`p`, `b`, ←", text: "previous step (exactly the earlier numbers)", hint: "p back"),
        Row(keys: [(.character("e"), .nextEpoch), (.character("E"), .previousEpoch)],
            helpKeys: "e / E", readmeKeys: "`e` / `E`", text: "start of the next epoch / of this one (from its start: of the previous one)", hint: "e/E epoch", shortHint: "e/E epoch"),
        Row(keys: [(.character("g"), .goToEpoch)], helpKeys: "g", readmeKeys: "`g`", text: "go to epoch N (type it, Enter)", hint: "g go"),
        Row(keys: [(.home, .firstStep), (.end, .lastStep)], helpKeys: "Home / End", readmeKeys: "Home / End",
            text: "first / last step of training",
            readmeNote: " (a jump across many epochs shows its progress; Esc cancels it)"),
        Row(keys: [(.character("r"), .togglePlay)], helpKeys: "r", readmeKeys: "`r`", text: "run / pause autoplay",
            readmeNote: " (by step unless `:play update` or `:play epoch` says otherwise; it stops at breakpoints, notes and a loss that is not finite, and holds while a prompt or an overlay is open)",
            hint: "r play", shortHint: "r play"),
        Row(keys: [(.character("c"), .continueRun)], helpKeys: "c", readmeKeys: "`c`",
            text: "continue to the next breakpoint, note or the end, without drawing the steps between (Esc cancels)"),
        Row(keys: [(.character(":"), .commandLine)], helpKeys: ":", readmeKeys: "`:`",
            text: "command line: break, breaks, delete, continue, play, goto, weight, theme, notes, export, chart, set, reset, help",
            readmeNote: " (see below; Tab completes, ↑/↓ recall earlier lines)", hint: ": command"),
        Row(keys: [(.character("N"), .nextNote), (.character("P"), .previousNote)], helpKeys: "N / P", readmeKeys: "`N` / `P`",
            text: "next / previous lesson note of the scenario"),
        Row(keys: [(.character("+"), .faster), (.character("-"), .slower), (.character("_"), .slower)],
            helpKeys: "+ / -", readmeKeys: "`+` / `-`", text: "autoplay faster / slower"),
        Row(keys: [(.tab, .nextWatched), (.backTab, .previousWatched)], helpKeys: "Tab / Shift-Tab", readmeKeys: "Tab / Shift-Tab",
            text: "next / previous watched weight (every weight when fewer than two are watched)", hint: "Tab weight"),
        Row(keys: [(.down, .nextWeight), (.up, .previousWeight)], helpKeys: "↓ / ↑", readmeKeys: "↓ / ↑",
            text: "next / previous weight, in order"),
        Row(keys: [(.character("w"), .typeWeight)], helpKeys: "w", readmeKeys: "`w`",
            text: "type a weight name: v11, w21, W[2]13, bz1, by1"),
        Row(keys: [(.character("="), .setValue)], helpKeys: "=", readmeKeys: "`=`",
            text: "set the selected weight or bias to a typed value: training from this epoch on is recomputed",
            readmeNote: " (see Live edits below; `:reset` returns to the scenario's values)"),
        Row(keys: [(.character("d"), .checkFormula)], helpKeys: "d", readmeKeys: "`d`",
            text: "check your formula for the selected weight's ∂J/∂w",
            readmeNote: " (see below); in the input line ←/→, Home/End, Backspace and Delete edit, ↑/↓ recall earlier formulas, Enter submits, Esc cancels"),
        Row(keys: [(.character("s"), .nextSample), (.character("S"), .previousSample)], helpKeys: "s / S", readmeKeys: "`s` / `S`",
            text: "next / previous sample of the batch in the network diagram"),
        Row(keys: [(.character("f"), .togglePrecision)], helpKeys: "f", readmeKeys: "`f`", text: "4 or 10 decimals",
            readmeNote: " in the step and chain-rule panels"),
        Row(keys: [(.character("M"), .matrixView)], helpKeys: "M", readmeKeys: "`M`",
            text: "the current forward or backward step as matrices with their shapes, in the row convention and the column one"),
        Row(keys: [(.character("x"), .exportStep)], helpKeys: "x", readmeKeys: "`x`",
            text: "write this step as a Markdown handout into the current folder",
            readmeNote: " (named after the scenario, epoch and step; it never replaces a file: an existing name gets -2, -3, …)"),
        Row(keys: [(.character("l"), .toggleLogScale)], helpKeys: "l", readmeKeys: "`l`",
            text: "log or linear scale for the loss chart",
            readmeNote: " (the chart has one loss per epoch; see the Loss panel below)"),
        Row(keys: [(.character("m"), .toggleDecisionMap)], helpKeys: "m", readmeKeys: "`m`",
            text: "decision map of a net with two inputs: its output over the input plane with the data on top",
            readmeNote: " (beside the loss chart where there is room, else in its place; see the Decision map panel below)"),
        Row(keys: [(.pageDown, .stepPageDown), (.pageUp, .stepPageUp)], helpKeys: "PgDn / PgUp", readmeKeys: "PgDn / PgUp",
            text: "scroll the step panel"),
        Row(keys: [(.character("]"), .chainPageDown), (.character("["), .chainPageUp)], helpKeys: "] / [", readmeKeys: "`]` / `[`",
            text: "scroll the chain-rule panel"),
        Row(keys: [(.character("z"), .cycleFocus)], helpKeys: "z", readmeKeys: "`z`",
            text: "layout: all panels, the chain rule full screen, the step full screen, the network with every weight",
            readmeNote: " (it stays when the step or the weight changes)"),
        Row(keys: [(.character("?"), .help), (.character("h"), .help), (.function(1), .help)], helpKeys: "?  h  F1",
            readmeKeys: "`?`, `h`, F1", text: "help (↑/↓ scroll it, other keys close it)", hint: "? help", shortHint: "? help"),
        Row(keys: [(.character("i"), .info)], helpKeys: "i", readmeKeys: "`i`",
            text: "the scenario's question (its description), the net's facts and what the highlights mean",
            readmeNote: "; it also opens the viewer, until a first key puts it away (that key does nothing else)"),
        Row(keys: [(.character("q"), .quit), (.escape, .quit), (.interrupt, .quit)], helpKeys: "q  Esc  Ctrl-C",
            readmeKeys: "`q`, Esc, Ctrl-C", text: "quit",
            readmeNote: " (Esc quits only at the top level: in a prompt or an overlay it closes that)", hint: "q quit", shortHint: "q quit"),
    ]

    /// The action of `key` at the top level, if it has one.
    public static func action(for key: Key) -> KeyAction? {
        for row in rows {
            if let match = row.keys.first(where: { $0.key == key }) { return match.action }
        }
        return nil
    }

    /// The status line's hints, long or short, with r saying what it would do now.
    static func hints(short: Bool, playing: Bool) -> String {
        rows.compactMap { short ? $0.shortHint : $0.hint }
            .map { $0 == "r play" && playing ? "r pause" : $0 }
            .joined(separator: " · ") + " "
    }

    /// The README's key table, as Markdown.
    public static var markdownTable: String {
        (["| key | what it does |", "|---|---|"] + rows.map { "| \($0.readmeKeys) | \($0.text)\($0.readmeNote) |" })
            .joined(separator: "\n")
    }
}
