import NNCore

/// The bottom line: play state, the input line or a message, and the main keys.
enum StatusBar {
    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        let theme = canvas.theme
        canvas.grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: theme.status)
        if case .input(let kind, let text) = state.mode {
            let symbol = state.derived.decomposition.symbol
            let what = kind == .epoch ? " (1–\(state.scenario.epochs))" : kind == .formula ? " for \(symbol), e.g. (Y1-Q1)*Z1" : ""
            let prompt = " \(kind == .formula ? "Your ∂J/∂\(symbol)" : kind.prompt)\(kind == .formula ? "" : what): "
            var x = canvas.write(prompt, x: 0, y: rect.y, style: theme.status)
            x = canvas.write(text, x: x, y: rect.y, style: theme.status)
            canvas.write("█", x: x, y: rect.y, style: theme.status)
            let hint = state.message.map { "  \($0)" } ?? "   Enter: go · Esc: cancel"
            canvas.writeFitted(hint, x: x + 2, y: rect.y, width: rect.width - x - 2, style: state.message == nil ? theme.status : theme.bad)
            return
        }
        let play = state.playing ? "▶ playing, \(state.playInterval) ms" : "⏸ paused"
        var x = canvas.write(" \(play) │ ", x: 0, y: rect.y, style: theme.status)
        let r = state.playing ? "r pause" : "r play"
        let keys = "n next · p back · e/E epoch · g go · \(r) · Tab weight · ? help · q quit "
        let keysWidth = canvas.length(keys)
        if let message = state.message {
            canvas.writeFitted(message, x: x, y: rect.y, width: rect.width - x - 1, style: CellStyle(bold: true, reverse: true))
        } else {
            let phase = state.derived.step.phase.name
            x = canvas.write("\(phase) ", x: x, y: rect.y, style: theme.status)
            let short = "n/p step · e/E epoch · \(r) · ? help · q quit "
            if rect.width - x > keysWidth {
                canvas.write(keys, x: rect.width - keysWidth, y: rect.y, style: theme.status)
            } else if rect.width - x > canvas.length(short) {
                canvas.write(short, x: rect.width - canvas.length(short), y: rect.y, style: theme.status)
            }
        }
    }
}
