import NNCore

/// The bottom line: play state, the input line or a message, and the main keys. A message too
/// long for the line is shown whole in a few rows just above it.
enum StatusBar {
    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        let theme = canvas.theme
        canvas.grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: theme.status)
        if let pending = state.pending {
            drawWorking(&canvas, pending, message: state.message, rect: rect)
            return
        }
        if case .input(let kind, let text) = state.mode {
            let symbol = state.derived.decomposition.symbol
            let what = kind == .epoch ? " (1–\(state.scenario.epochs))" : kind == .formula ? " for \(symbol), e.g. (Y1-Q1)*Z1" : ""
            let prompt: String
            switch kind {
            case .command: prompt = " :"
            case .quiz: prompt = " Quiz · \(state.question?.prompt ?? "") = "
            case .formula: prompt = " Your ∂J/∂\(symbol): "
            case .value: prompt = " Set \(state.selectedWeightName) to: "
            default: prompt = " \(kind.prompt)\(what): "
            }
            var x = canvas.write(prompt, x: 0, y: rect.y, style: theme.status)
            x = drawInput(&canvas, text: text, cursor: state.inputCursor, x: x, y: rect.y, width: rect.width - x - 1)
            if let message = state.message {
                drawMessage(&canvas, message, x: x + 2, rect: rect, style: theme.bad, keepLine: true)
            } else {
                let help = kind == .command ? "   Tab: complete · ↑/↓: history · Enter: go · Esc: cancel"
                    : kind == .quiz ? "   Enter: check · ?: hint · Esc: skip" : "   Enter: go · Esc: cancel"
                canvas.writeFitted(help, x: x, y: rect.y, width: rect.width - x, style: theme.status)
            }
            return
        }
        let quiz = state.quizOn ? "quiz \(state.quizRight)/\(state.quizAsked) │ " : ""
        let play = quiz + (state.playing ? "▶ playing, \(state.playInterval) ms" : "⏸ paused")
        var x = canvas.write(" \(play) │ ", x: 0, y: rect.y, style: theme.status)
        let keys = Keymap.hints(short: false, playing: state.playing)
        let keysWidth = canvas.length(keys)
        if let message = state.message {
            drawMessage(&canvas, message, x: x, rect: rect, style: CellStyle(bold: true, reverse: true))
        } else {
            let phase = state.derived.step.phase.name
            x = canvas.write("\(phase) ", x: x, y: rect.y, style: theme.status)
            let short = Keymap.hints(short: true, playing: state.playing)
            if rect.width - x > keysWidth {
                canvas.write(keys, x: rect.width - keysWidth, y: rect.y, style: theme.status)
            } else if rect.width - x > canvas.length(short) {
                canvas.write(short, x: rect.width - canvas.length(short), y: rect.y, style: theme.status)
            }
        }
    }

    /// Long work under way: what it does, how far it got, and how to stop it.
    static func drawWorking(_ canvas: inout Canvas, _ pending: PendingWork, message: String?, rect: Rect) {
        var text = " \(pending.what)"
        if let progress = pending.progress, progress.total > 0 {
            let percent = Int(Double(progress.done) / Double(progress.total) * 100)
            text += ": at \(grouped(progress.done + 1)) (\(percent)%)"
        } else {
            text += "…"
        }
        text += " · Esc cancels · q quits"
        let x = canvas.writeFitted(text, x: rect.x, y: rect.y, width: rect.width, style: CellStyle(bold: true, reverse: true))
        if let message { canvas.writeFitted("  " + message, x: x, y: rect.y, width: rect.width - x, style: canvas.theme.status) }
    }

    /// A whole number with thousands separators: 5,000,000.
    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }

    /// The text being typed with the cursor drawn over the character it is on (or after the
    /// end), scrolled so that the cursor stays in view; returns the column after it.
    static func drawInput(_ canvas: inout Canvas, text: String, cursor: Int, x: Int, y: Int, width: Int) -> Int {
        // Each typed character as drawn (ASCII spelling, escape) and the columns it takes.
        let shown = text.map { canvas.ascii ? TextFitting.ascii(String($0)) : String($0) }
        let widths = shown.map(DisplayWidth.of)
        let position = min(cursor, shown.count)
        let room = max(1, width - 1)
        // Back from the cursor as far as fits, then forward to the end of the room.
        var first = position
        var used = position < shown.count ? widths[position] : 1
        while first > 0, used + widths[first - 1] <= room {
            first -= 1
            used += widths[first]
        }
        var column = x
        for index in first..<shown.count where column + widths[index] <= x + room {
            // The bar is drawn in reverse video; the cursor's cell is not, so it shows in monochrome too.
            let style = index == position ? CellStyle(bold: true, underline: true) : canvas.theme.status
            column = canvas.grid.write(shown[index], x: column, y: y, style: style)
        }
        if position >= shown.count, column < x + width {
            canvas.write("█", x: column, y: y, style: canvas.theme.status)
            column += 1
        }
        return column
    }

    /// A message: on the status line when it fits, else wrapped in up to 3 rows above it.
    static func drawMessage(_ canvas: inout Canvas, _ message: String, x: Int, rect: Rect, style: CellStyle, keepLine: Bool = false) {
        let room = rect.width - x - 1
        if canvas.length(message) <= room {
            canvas.write(message, x: x, y: rect.y, style: style)
            return
        }
        if keepLine {
            // The input line stays as typed: the message goes in the rows above it.
            let lines = Array(TextFitting.wrap(message, width: rect.width - 2, indent: 0, prose: true, ascii: canvas.ascii).prefix(3))
            let top = rect.y - lines.count
            canvas.grid.fill(x: rect.x, y: top, width: rect.width, height: lines.count, style: style)
            for (index, line) in lines.enumerated() {
                canvas.writeFitted(line, x: rect.x + 1, y: top + index, width: rect.width - 2, style: style)
            }
            return
        }
        // Too long beside the play state: the message takes the whole status line, and the rows
        // above it when it needs more, so the line itself always carries it.
        let lines = Array(TextFitting.wrap(message, width: rect.width - 2, indent: 0, prose: true, ascii: canvas.ascii).suffix(4))
        let top = rect.y - (lines.count - 1)
        canvas.grid.fill(x: rect.x, y: top, width: rect.width, height: lines.count, style: style)
        for (index, line) in lines.enumerated() {
            canvas.writeFitted(line, x: rect.x + 1, y: top + index, width: rect.width - 2, style: style)
        }
    }
}
