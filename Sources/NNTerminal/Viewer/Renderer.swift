import NNCore

/// Draws the viewer: a pure function from state and terminal size to a grid of cells.
public enum Renderer {
    /// The whole screen for `state` in a `width`×`height` terminal.
    public static func render(_ state: ViewerState, width: Int, height: Int) -> Grid {
        frame(state, width: width, height: height).grid
    }

    /// The screen and how far its panels can scroll: the loop hands the second back to the
    /// state as an event, so that update never lays out the screen itself.
    public static func frame(_ state: ViewerState, width: Int, height: Int) -> (grid: Grid, metrics: PanelMetrics) {
        var canvas = Canvas(grid: Grid(width: width, height: height), theme: Theme(color: state.options.color, light: state.lightTheme), ascii: state.options.ascii)
        guard width >= Layout.minimumWidth, height >= Layout.minimumHeight else {
            drawTooSmall(&canvas, width: width, height: height)
            return (canvas.grid, .none)
        }
        guard state.isReady else {
            drawWaiting(&canvas, state, width: width, height: height)
            return (canvas.grid, .none)
        }
        var contents = PanelContents(state: state, canvas: canvas)
        let layout = layout(state, contents: &contents, width: width, height: height)
        let metrics = scrollLimits(layout: layout, contents: &contents, canvas: canvas)
        drawHeader(&canvas, state, layout.header)
        // A panel the focus leaves out has no rows.
        if layout.diagram.height > 0 { NetworkDiagram.draw(&canvas, state, layout.diagram) }
        if layout.weights.height > 0 { NetworkDiagram.drawWeightList(&canvas, state, layout.weights) }
        if layout.loss.height > 0 { LossPanel.draw(&canvas, state, layout.loss) }
        if layout.map.height > 0 { DecisionMapPanel.draw(&canvas, state, layout.map) }
        if layout.step.height > 0 {
            StepPanel.draw(&canvas, state, layout.step, lines: contents.stepRows(width: layout.step.width - 4, height: layout.step.height - 2))
        }
        if layout.chain.height > 0 {
            ChainPanel.draw(&canvas, state, layout.chain, content: contents.chain(width: layout.chain.width - 4))
        }
        StatusBar.draw(&canvas, state, layout.status)
        var withOverlay = metrics
        switch state.mode {
        case .help: withOverlay.overlay = HelpOverlay.draw(&canvas, state, width: width, height: height)
        case .info: withOverlay.overlay = InfoOverlay.draw(&canvas, state, banner: false, width: width, height: height)
        case .checkResult(let lines, let correct):
            withOverlay.overlay = HelpOverlay.drawCheck(&canvas, state, lines: lines, correct: correct, width: width, height: height)
        case .matrices:
            withOverlay.overlay = HelpOverlay.drawList(&canvas, state, title: "Matrices · " + state.derived.explanation.title,
                                                        lines: MatrixView.lines(state, ascii: canvas.ascii), width: width, height: height)
        case .list(let title, let lines):
            withOverlay.overlay = HelpOverlay.drawList(&canvas, state, title: title, lines: lines, width: width, height: height)
        case .normal, .input:
            if state.showsBanner { InfoOverlay.draw(&canvas, state, banner: true, width: width, height: height) }
        }
        return (canvas.grid, withOverlay)
    }

    /// The step and chain-rule panels' content, built once per width and shared by the layout
    /// (which sizes the panels by it) and the drawing.
    struct PanelContents {
        let state: ViewerState
        let canvas: Canvas
        private var steps: [Int: [StepPanel.Entry]] = [:]
        private var chains: [Int: ChainPanel.Content] = [:]

        init(state: ViewerState, canvas: Canvas) {
            self.state = state
            self.canvas = canvas
        }

        /// The step's lines with their priorities and forms.
        mutating func step(width: Int) -> [StepPanel.Entry] {
            if let entries = steps[width] { return entries }
            let entries = StepPanel.entries(state, theme: canvas.theme, width: width, ascii: canvas.ascii)
            steps[width] = entries
            return entries
        }

        /// The step panel's rows for an inner `width`×`height`.
        mutating func stepRows(width: Int, height: Int) -> [(String, CellStyle)] {
            StepPanel.rows(step(width: width), height: height, theme: canvas.theme)
        }

        /// The chain rule's rows at its levels (``Layout/Demands/chain``), the largest over the
        /// reference weights of every layer, so that the panel keeps its height when the weight changes.
        func chainLevels(width: Int) -> [Int] {
            let decompositions = state.derived.referenceDecompositions
            let contents = (decompositions.isEmpty ? [state.derived.decomposition] : decompositions).map {
                ChainPanel.content(state, $0, canvas: canvas, width: width)
            }
            func largest(_ rows: (ChainPanel.Content) -> Int) -> Int { contents.map(rows).max() ?? 0 }
            return [largest { $0.minimalRows(width: width) },
                    largest { $0.minimalRows(width: width) + $0.wrappedCount($0.compact, width) },
                    largest { $0.labelledIsWhole ? $0.labelledRows(width: width, complete: false) : $0.compactRows(width: width) },
                    largest { $0.labelledIsWhole ? $0.labelledRows(width: width, complete: true) : $0.compactRows(width: width) },
                    largest { $0.fullIsWhole ? $0.fullRows(width: width) : $0.compactRows(width: width) }]
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
        let inner = width >= 150 ? width * 11 / 20 - 4 : width - 4
        let canvas = contents.canvas
        let demands = Layout.Demands(
            diagram: NetworkDiagram.levels(state),
            diagramListsWeights: { NetworkDiagram.listsEveryWeight(state, canvas: canvas, rect: Rect(x: 0, y: 1, width: $0, height: $1)) },
            step: StepPanel.wants(contents.step(width: inner)), chain: contents.chainLevels(width: inner))
        let layout = Layout(width: width, height: height, focus: state.focus, demands: demands)
        // With every panel up, a side-by-side screen gives the loss chart the rows the chain rule spares.
        guard state.focus == .all else { return layout }
        let chainWidth = layout.chain.width - 4
        let grown = LossPanel.grown(layout, chainRows: contents.chainLevels(width: chainWidth).max() ?? 0)
        return DecisionMapPanel.placed(grown, state: state)
    }

    /// Where the panels go for `state` in a `width`×`height` terminal (tests ask for it directly).
    static func layout(_ state: ViewerState, width: Int, height: Int) -> Layout {
        let canvas = Canvas(grid: Grid(width: 1, height: 1), theme: Theme(color: false), ascii: state.options.ascii)
        var contents = PanelContents(state: state, canvas: canvas)
        return layout(state, contents: &contents, width: width, height: height)
    }

    /// How the step and chain-rule panels scroll in a terminal of `size` (tests ask for it directly).
    static func scrollLimits(_ state: ViewerState, size: ViewerState.TerminalSize) -> PanelMetrics {
        frame(state, width: size.width, height: size.height).metrics
    }

    /// How far the panels of `layout` can scroll (lines beyond what they show) and by how much a
    /// page (their height less one line, kept for context).
    private static func scrollLimits(layout: Layout, contents: inout PanelContents, canvas: Canvas) -> PanelMetrics {
        let stepInner = Rect(x: layout.step.x + 2, y: layout.step.y + 1, width: layout.step.width - 4, height: layout.step.height - 2)
        let chainInner = Rect(x: layout.chain.x + 2, y: layout.chain.y + 1, width: layout.chain.width - 4, height: layout.chain.height - 2)
        let stepLines = layout.step.height > 0 ? contents.stepRows(width: stepInner.width, height: stepInner.height).count : 0
        let chainLines = layout.chain.height > 0
            ? ChainPanel.rows(contents.chain(width: chainInner.width), canvas: canvas, inner: chainInner).count : 0
        return PanelMetrics(step: max(0, stepLines - stepInner.height), chain: max(0, chainLines - chainInner.height),
                            stepPage: max(1, stepInner.height - 1), chainPage: max(1, chainInner.height - 1))
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

    /// The screen before the first step is computed: the title and what is under way.
    static func drawWaiting(_ canvas: inout Canvas, _ state: ViewerState, width: Int, height: Int) {
        canvas.grid.fill(x: 0, y: 0, width: width, height: 1, style: canvas.theme.header)
        let x = canvas.write(" nnview │ ", x: 0, y: 0, style: canvas.theme.header)
        canvas.writeFitted(state.scenario.name, x: x, y: 0, width: width - x - 1, style: canvas.theme.header)
        let size = "\(state.scenario.samples.count) samples, layers of \(state.scenario.layerSizes.map(String.init).joined(separator: "-")) units"
        canvas.writeFitted(size, x: 2, y: 2, width: width - 4, style: canvas.theme.secondary)
        StatusBar.draw(&canvas, state, Rect(x: 0, y: height - 1, width: width, height: 1))
    }

    static func drawHeader(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        canvas.grid.fill(x: rect.x, y: rect.y, width: rect.width, height: 1, style: canvas.theme.header)
        let step = state.derived.step
        let scenario = state.scenario
        // An edited run says so beside the position, which is always shown.
        let position = (state.isEdited ? "edited (:reset) · " : "") + "epoch \(step.epoch + 1)/\(scenario.epochs) · batch \(step.batch + 1)/\(scenario.batchesPerEpoch) · step \(step.stepInEpoch + 1)/\(state.cursor.stepsPerEpoch) "
        let right = canvas.length(position)
        // The scenario's name gives way first: the notation must always be named, since Z means
        // an activation in one and a pre-activation in the other (Sources/NNCore/NNCore.docc/NotationGuide.md).
        let notation = " │ \(scenario.notation.rawValue) notation"
        let room = max(0, rect.width - right - 2)
        let x = canvas.write(" nnview │ ", x: 0, y: rect.y, style: canvas.theme.header)
        let nameRoom = max(0, room - x - canvas.length(notation))
        let end = canvas.writeFitted(scenario.name, x: x, y: rect.y, width: nameRoom, style: canvas.theme.header)
        canvas.writeFitted(notation, x: end, y: rect.y, width: max(0, room - end), style: canvas.theme.header)
        canvas.write(position, x: rect.width - right, y: rect.y, style: canvas.theme.header)
    }
}

/// How far the step and chain-rule panels can scroll, and by how much a page.
public struct PanelMetrics: Equatable, Sendable {
    /// Lines of the step panel below what it shows when it is not scrolled.
    public var step: Int
    /// Lines of the chain-rule panel below what it shows.
    public var chain: Int
    /// Lines a PgDn moves the step panel, and a ] the chain-rule panel.
    public var stepPage: Int, chainPage: Int
    /// Lines of an open overlay below what it shows.
    public var overlay = 0

    /// Nothing to scroll (no panels drawn).
    public static let none = PanelMetrics(step: 0, chain: 0, stepPage: 1, chainPage: 1)
}
