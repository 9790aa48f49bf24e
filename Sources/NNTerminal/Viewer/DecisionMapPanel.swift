import NNCore

/// The net's output over its input plane, for nets with two inputs (`m`): shaded by value (or by
/// predicted class with several outputs), the data on top by class, misclassified points in
/// reverse video, the sample the diagram shows underlined and marked on both axes, and the input
/// ranges on the axes. Colours draw two pixels a cell with half blocks; without colours each
/// cell is one shade character.
enum DecisionMapPanel {
    static let valueColours: [TerminalColor] = [.blue, .cyan, .yellow, .red]
    static let classColours: [TerminalColor] = [.blue, .yellow, .green, .magenta, .cyan, .red, .white, .black]
    static let valueShades: [Character] = [" ", "░", "▓", "█"]
    static let classShades: [Character] = [" ", "▓", "░", "█", "▒"]
    static let asciiValueShades: [Character] = [" ", ".", "+", "#"]
    static let asciiClassShades: [Character] = [" ", "+", ".", "#", ":"]

    /// The narrowest map worth sharing the loss chart's place with it, and the narrowest chart.
    static let minimumSharedWidth = 40, minimumLossWidth = 30

    /// The parameters the map uses: those the current step starts from, or the updated ones at
    /// the update step.
    static func parameters(_ state: ViewerState) -> (Parameters, afterUpdate: Bool) {
        let step = state.derived.step
        return step.phase == .update ? (step.record.parametersAfter, true) : (step.record.parametersBefore, false)
    }

    static func title(_ state: ViewerState) -> String {
        "Decision map · " + (parameters(state).afterUpdate ? "after update" : "before update")
    }

    /// `layout` with the decision map in the loss chart's place when it is on: beside the chart
    /// when their place is wide enough for both, else instead of it.
    static func placed(_ layout: Layout, state: ViewerState) -> Layout {
        guard state.showsDecisionMap, state.scenario.inputUnits == 2, layout.loss.height > 0 else { return layout }
        var placed = layout
        let slot = layout.loss
        // Square pixels: a half block is as tall as a cell is wide, so the plot wants twice as many columns as rows.
        let squareWidth = 2 * max(1, slot.height - 5) + 10
        let mapWidth = min(slot.width - minimumLossWidth, max(minimumSharedWidth, squareWidth))
        if mapWidth >= minimumSharedWidth {
            placed.loss.width = slot.width - mapWidth
            placed.map = Rect(x: slot.x + slot.width - mapWidth, y: slot.y, width: mapWidth, height: slot.height)
        } else {
            placed.map = slot
            placed.loss = Rect(x: slot.x, y: slot.y, width: 0, height: 0)
        }
        return placed
    }

    static func draw(_ canvas: inout Canvas, _ state: ViewerState, _ rect: Rect) {
        let inner = canvas.panel(rect, title: title(state))
        let frame = MapFrame(inner: inner, state: state, canvas: canvas)
        guard frame.plotRows >= 1, frame.plotWidth >= 4 else { return }
        let shading = MapShading(scenario: state.scenario)
        let (parameters, _) = Self.parameters(state)
        let map = DecisionMap(parameters: parameters, scenario: state.scenario, x1: frame.x1, x2: frame.x2,
                              columns: frame.plotWidth, rows: frame.pixelRows)
        let levels = (0..<(map.columns * map.rows)).map { shading.level(map.values, at: $0 * map.outputs) }
        drawShades(&canvas, levels: levels, frame: frame, shading: shading)
        drawAxes(&canvas, frame: frame)
        let summary = drawPoints(&canvas, state, parameters: parameters, levels: levels, frame: frame, shading: shading)
        if frame.hasLegend { drawLegend(&canvas, state, frame: frame, shading: shading, summary: summary) }
    }

    /// The shade of a level: a colour, or a character without colours.
    static func colour(_ level: Int, _ shading: MapShading) -> TerminalColor {
        let colours = isValue(shading) ? valueColours : classColours
        return colours[level % colours.count]
    }

    static func shade(_ level: Int, _ shading: MapShading, ascii: Bool) -> Character {
        let shades = isValue(shading) ? (ascii ? asciiValueShades : valueShades) : (ascii ? asciiClassShades : classShades)
        return shades[level % shades.count]
    }

    static func isValue(_ shading: MapShading) -> Bool {
        if case .value = shading.kind { return true }
        return false
    }

    /// Text readable on a background colour.
    static func contrast(_ background: TerminalColor) -> TerminalColor {
        switch background {
        case .cyan, .yellow, .white: return .black
        default: return .white
        }
    }

    private static func drawShades(_ canvas: inout Canvas, levels: [Int], frame: MapFrame, shading: MapShading) {
        let columns = frame.plotWidth
        for row in 0..<frame.plotRows {
            for column in 0..<columns {
                let cell: Cell
                if frame.halfBlocks {
                    let top = levels[2 * row * columns + column], bottom = levels[(2 * row + 1) * columns + column]
                    cell = Cell("▀", style: CellStyle(foreground: colour(top, shading), background: colour(bottom, shading)))
                } else {
                    let level = levels[row * columns + column]
                    let background = frame.coloured ? colour(level, shading) : nil
                    cell = Cell(shade(level, shading, ascii: canvas.ascii),
                                style: CellStyle(foreground: background.map(contrast), background: background))
                }
                canvas.grid[frame.plotX + column, frame.plotY + row] = cell
            }
        }
    }
}
