import NNCore
import Testing
@testable import NNTerminal

/// The loss chart: bars measured from 0, so their heights compare epochs honestly.
@Suite struct LossPanelTests {
    /// Eighths of a row filled in column `x` between rows `top` and `bottom` (inclusive).
    func eighths(_ grid: Grid, x: Int, top: Int, bottom: Int) -> Int {
        (top...bottom).reduce(0) { total, y in
            let character = grid[x, y].character
            return total + (LossPanel.bars.firstIndex(of: character).map { $0 + 1 } ?? 0)
        }
    }

    @Test func barsAreProportionalToTheLossFromZero() throws {
        let scenario = ScenarioDecoder.defaultScenario
        // At epoch 2's last step (its update): history holds epochs 1 and 2.
        let state = try KeyScript.parse("g3{Enter}{Left}").reduce(ViewerState(scenario: scenario)) { $0.updated(with: .key($1)) }
        #expect(state.derived.finishedEpochs == 2)
        let (width, height) = (120, 40)
        let grid = Renderer.render(state, width: width, height: height)
        let rect = Renderer.layout(state, width: width, height: height).loss
        // Inside the border: row 0 is J, row 1 the summary, then the chart, then the scale line.
        let x = rect.x + 2, top = rect.y + 3, bottom = rect.maxY - 3
        let rows = bottom - top + 1
        #expect(rows >= 2)
        // Independent values: the loss of epoch 1 at the initial parameters is 1.7684 (seed 000,
        // hand-computed), epoch 2's is what training reports.
        let first = try #require(state.derived.lossHistory.exactLoss(0)), second = try #require(state.derived.lossHistory.exactLoss(1))
        #expect(abs(first - 1.768354) < 1e-6)
        #expect(eighths(grid, x: x, top: top, bottom: bottom) == rows * 8)
        let expected = Int((second / first * Double(rows * 8)).rounded())
        #expect(eighths(grid, x: x + 1, top: top, bottom: bottom) == expected)
        #expect(grid.text.contains("epochs 1–2; top 1.7684"))
    }
}
