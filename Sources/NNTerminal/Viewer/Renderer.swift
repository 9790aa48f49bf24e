import NNCore

/// Draws the viewer: a pure function from state and terminal size to a grid of cells.
public enum Renderer {
    /// The whole screen for `state` in a `width`×`height` terminal.
    public static func render(_ state: ViewerState, width: Int, height: Int) -> Grid {
        var canvas = Canvas(grid: Grid(width: width, height: height), theme: Theme(color: state.options.color), ascii: state.options.ascii)
        guard width >= Layout.minimumWidth, height >= Layout.minimumHeight else {
            drawTooSmall(&canvas, width: width, height: height)
            return canvas.grid
        }
        var contents = PanelContents(state: state, canvas: canvas)
        let layout = layout(state, contents: &contents, width: width, height: height)
        drawHeader(&canvas, state, layout.header)
        NetworkDiagram.draw(&canvas, state, layout.diagram)
        LossPanel.draw(&canvas, state, layout.loss)
        StepPanel.draw(&canvas, state, layout.step, lines: contents.step(width: layout.step.width - 4))
        ChainPanel.draw(&canvas, state, layout.chain, content: contents.chain(width: layout.chain.width - 4))
        StatusBar.draw(&canvas, state, layout.status)
        if state.mode == .help { HelpOverlay.draw(&canvas, state, width: width, height: height) }
        if case .checkResult(let lines) = state.mode { HelpOverlay.drawCheck(&canvas, lines: lines, width: width, height: height) }
        return canvas.grid
    }

    /// The step and chain-rule panels' content, built once per width and shared by the layout
    /// (which sizes the panels by it) and the drawing.
    struct PanelContents {
        let state: ViewerState
        let canvas: Canvas
        private var steps: [Int: [(String, CellStyle)]] = [:]
        private var chains: [Int: ChainPanel.Content] = [:]

        init(state: ViewerState, canvas: Canvas) {
            self.state = state
            self.canvas = canvas
        }

        mutating func step(width: Int) -> [(String, CellStyle)] {
            if let lines = steps[width] { return lines }
            let lines = StepPanel.content(state, theme: canvas.theme, width: width, ascii: canvas.ascii)
            steps[width] = lines
            return lines
        }

        mutating func chain(width: Int) -> ChainPanel.Content {
            if let content = chains[width] { return content }
            let content = ChainPanel.content(state, canvas: canvas, width: width)
            chains[width] = content
            return content
        }
    }

    /// Where the panels go for `state` in a `width`×`height` terminal.
    static func layout(_ state: ViewerState, contents: inout PanelContents, width: Int, height: Int) -> Layout {
        Layout(width: width, height: height, diagramRows: NetworkDiagram.rowsWanted(state)) { innerWidth in
            let chain = contents.chain(width: innerWidth)
            return (contents.step(width: innerWidth).count, chain.fullRows(width: innerWidth), chain.compactRows(width: innerWidth))
        }
    }

    /// How the step and chain-rule panels scroll in a terminal of `size`: how far (lines beyond
    /// what they show) and by how much a page (their height less one line, kept for context).
    static func scrollLimits(_ state: ViewerState, size: ViewerState.TerminalSize) -> (step: Int, chain: Int, stepPage: Int, chainPage: Int) {
        guard size.isLargeEnough else { return (0, 0, 1, 1) }
        let canvas = Canvas(grid: Grid(width: 1, height: 1), theme: Theme(color: state.options.color), ascii: state.options.ascii)
        var contents = PanelContents(state: state, canvas: canvas)
        let layout = layout(state, contents: &contents, width: size.width, height: size.height)
        let stepInner = Rect(x: layout.step.x + 2, y: layout.step.y + 1, width: layout.step.width - 4, height: layout.step.height - 2)
        let chainInner = Rect(x: layout.chain.x + 2, y: layout.chain.y + 1, width: layout.chain.width - 4, height: layout.chain.height - 2)
        let stepLines = contents.step(width: stepInner.width).count
        let chainLines = ChainPanel.rows(contents.chain(width: chainInner.width), canvas: canvas, inner: chainInner).count
        return (max(0, stepLines - stepInner.height), max(0, chainLines - chainInner.height),
                max(1, stepInner.height - 1), max(1, chainInner.height - 1))
    }

    static func drawTooSmall(_ canvas: inout Canvas, width: Int, height: Int) {
        let lines = [
            "terminal too small: need \(Layout.minimumWidth)×\(Layout.minimumHeight), have \(width)×\(height)",
            "enlarge the window, or press q to quit",
        ]
        for (index, line) in lines.enumerated() {
            let shown = canvas.ascii ? TextFitting.ascii(line) : line
            let y = height / 2 - 1 + index
            canvas.write(shown, x: max(0, (width - DisplayWidth.of(shown)) / 2), y: y, style: index == 0 ? canvas.theme.bad : canvas.theme.secondary)
        }
    }

    static func drawHeader(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        canvas.grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: canvas.theme.header)
        let step = state.derived.step
        let scenario = state.scenario
        let position = "epoch \(step.epoch + 1)/\(scenario.epochs) · batch \(step.batch + 1)/\(scenario.batchesPerEpoch) · step \(step.stepInEpoch + 1)/\(state.cursor.stepsPerEpoch) "
        let right = canvas.length(position)
        // The scenario's name gives way first: the notation must always be named (NOTATION.md).
        let notation = " │ \(scenario.notation.rawValue) notation"
        let room = max(0, rect.width - right - 2)
        let x = canvas.write(" nnview │ ", x: 0, y: rect.y, style: canvas.theme.header)
        let nameRoom = max(0, room - x - canvas.length(notation))
        let end = canvas.writeFitted(scenario.name, x: x, y: rect.y, width: nameRoom, style: canvas.theme.header)
        canvas.writeFitted(notation, x: end, y: rect.y, width: max(0, room - end), style: canvas.theme.header)
        canvas.write(position, x: rect.width - right, y: rect.y, style: canvas.theme.header)
    }
}
