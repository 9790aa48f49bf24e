import Foundation
import NNCore
import Testing
@testable import NNTerminal

/// The loss chart: bars measured from 0 (or on whole decades with `l`), axes whose labels are
/// checked against losses known beforehand, the latest epoch's mark, ∞/NaN gaps and the zoom.
@Suite struct LossPanelTests {
    /// Eighths of a row filled in column `x` between rows `top` and `bottom` (inclusive).
    func eighths(_ grid: Grid, x: Int, top: Int, bottom: Int) -> Int {
        (top...bottom).reduce(0) { total, y in
            let character = grid[x, y].character
            return total + (LossPanel.bars.firstIndex(of: character).map { $0 + 1 } ?? 0)
        }
    }

    func press(_ script: String, on scenario: Scenario = ScenarioDecoder.defaultScenario) throws -> ViewerState {
        try KeyScript.parse(script).reduce(ViewerState(scenario: scenario)) { $0.updated(with: .key($1)) }
    }

    /// The screen's rows as arrays of characters, so columns can be compared.
    func rows(_ grid: Grid) -> [[Character]] {
        (0..<grid.height).map { y in (0..<grid.width).map { grid[$0, y].character } }
    }

    /// The first row and column where `text` starts.
    func find(_ text: String, in rows: [[Character]]) -> (x: Int, y: Int)? {
        let needle = Array(text)
        for (y, row) in rows.enumerated() where row.count >= needle.count {
            for x in 0...(row.count - needle.count) where Array(row[x..<x + needle.count]) == needle { return (x, y) }
        }
        return nil
    }

    /// A history of the given epoch losses.
    func history(_ losses: [Double]) -> LossHistory {
        losses.reduce(into: LossHistory()) { $0.append($1) }
    }

    @Test func barsAreProportionalToTheLossFromZero() throws {
        // At epoch 2's last step (its update): history holds epochs 1 and 2.
        let state = try press("g3{Enter}{Left}")
        #expect(state.derived.finishedEpochs == 2)
        let grid = Renderer.render(state, width: 120, height: 40)
        let screen = rows(grid)
        // The loss axis: the top label's row is the chart's first row, the axis line's the floor.
        let top = try #require(find("1.8┤", in: screen)), floor = try #require(find("0└", in: screen))
        let plotX = floor.x + 2, plotRows = floor.y - top.y
        #expect(plotRows >= 2)
        // Independent values: the loss of epoch 1 at the initial parameters is 1.7684 (seed 000,
        // hand-computed), epoch 2's is what training reports. Two epochs share the plot's width.
        let first = try #require(state.derived.lossHistory.exactLoss(0)), second = try #require(state.derived.lossHistory.exactLoss(1))
        #expect(abs(first - 1.768354) < 1e-6)
        #expect(eighths(grid, x: plotX, top: top.y, bottom: floor.y - 1) == plotRows * 8)
        let expected = Int((second / first * Double(plotRows * 8)).rounded())
        let plotWidth = (top.x + 32) - plotX  // the panel's inner width is 32 at 120 columns
        #expect(eighths(grid, x: plotX + plotWidth / 2 + 1, top: top.y, bottom: floor.y - 1) == expected)
    }

    /// Epoch 50's first step of seed 000: epochs 1…49 are history, the largest loss is epoch 1's
    /// 1.7684 (by hand), so the axis runs from 0 to 1.8 (two digits) with epochs 1 to 49 below.
    @Test(arguments: [(120, 40), (200, 60)])
    func axesAreLabelledWhereTheirValuesAre(width: Int, height: Int) throws {
        let state = try press("g50{Enter}")
        let screen = rows(Renderer.render(state, width: width, height: height))
        let top = try #require(find("1.8┤", in: screen)), floor = try #require(find("0└", in: screen))
        #expect(top.x + 3 == floor.x + 1, "the labels end at the same axis column")
        let summary = try #require(find("▲ epoch 49 = 0.0414", in: screen))
        #expect(summary.y + 1 == top.y, "the chart starts right under the summary line")
        // The first epoch's label under the first bar, the last one's ending at the last bar.
        let labels = String(screen[floor.y + 1])
        #expect(labels.contains(" 1 ") && labels.contains(" 49 "))
        let first = try #require(find(" 1 ", in: [screen[floor.y + 1]]))
        #expect(first.x + 1 == floor.x + 2, "epoch 1 starts at the plot's first column")
        // ▲ on the axis line under the last bar, above the end of the label 49.
        let mark = try #require(screen[floor.y].lastIndex(of: "▲"))
        let last = try #require(find("49", in: [screen[floor.y + 1]]))
        #expect((last.x...last.x + 1).contains(mark))
        // The panel's rows are all used: the epoch labels sit on its last inner row.
        #expect(screen[floor.y + 2].contains("─") || screen[floor.y + 2].contains("┘"))
    }

    @Test func theChartFillsATallSideBySideScreen() throws {
        let state = try press("g50{Enter}")
        let screen = rows(Renderer.render(state, width: 200, height: 60))
        let top = try #require(find("1.8┤", in: screen)), floor = try #require(find("0└", in: screen))
        // At 120×40 the chart has 3 rows; at 200×60 it takes half the body: 58 rows less the
        // J, summary and label lines and the borders, halved.
        #expect(floor.y - top.y >= 20)
        // A bar per epoch over about 80 columns: at least one bar is two columns wide.
        let mark = try #require(screen[floor.y].lastIndex(of: "▲"))
        #expect(mark - floor.x > 49 + 20)
    }

    @Test func theLogScaleLabelsDecades() throws {
        let state = try press("g50{Enter}l")
        #expect(state.chartLogScale)
        let screen = rows(Renderer.render(state, width: 120, height: 40))
        // Losses from 1.7684 (epoch 1) down to about 0.04 (epoch 49): decades 0.01 to 10.
        #expect(find("10┤", in: screen) != nil)
        #expect(find("0.01└", in: screen) != nil)
        #expect(find("1.8┤", in: screen) == nil)
        #expect(find("Loss per epoch · log scale", in: screen) != nil)
        #expect(try press("g50{Enter}ll").chartLogScale == false)
    }

    @Test func ticksAreExactForHandMadeLosses() {
        let losses = history([4, 2, 1, 0.5])
        let linear = LossChart(history: losses, finished: 4, range: nil, logScale: false, plotWidth: 8)
        #expect(linear.scale == .linear(top: 4))
        #expect(linear.lossTicks(rows: 4).map(\.text) == ["0", "1", "2", "3", "4"])
        #expect(linear.lossTicks(rows: 2).map(\.text) == ["0", "2", "4"])
        // Two columns an epoch; ticks under the first, the second (middle) and the last epoch.
        #expect(linear.epochTicks().map(\.column) == [0, 2, 6])
        #expect(linear.epochTicks().map(\.text) == ["1", "2", "4"])
        #expect(linear.latestBucket == 3)
        let log = LossChart(history: losses, finished: 4, range: nil, logScale: true, plotWidth: 8)
        #expect(log.scale == .logarithmic(low: -1, high: 1))
        #expect(log.lossTicks(rows: 2).map(\.text) == ["0.1", "1", "10"])
        // log10(2) = 0.301: 0.301 + 1 of 2 decades.
        #expect(abs(log.scale.fraction(2) - 1.30103 / 2) < 1e-5)
        #expect(log.scale.fraction(0) == 0)
    }

    @Test func compactLabels() {
        #expect(LossChart.compact(0.69) == "0.69")
        #expect(LossChart.compact(1.7684) == "1.8")
        #expect(LossChart.compact(0.0414) == "0.041")
        #expect(LossChart.compact(0) == "0")
        #expect(LossChart.compact(5_000) == "5000")
        #expect(LossChart.compact(12_345) == "1.2e4")
        #expect(LossChart.compact(0.00025) == "2.5e-4")
        #expect(LossChart.compact(9.96) == "10")
    }

    @Test func aDivergedRunIsAMarkedGap() throws {
        let losses = history([1, 0.5, .infinity, .nan, .nan])
        let chart = LossChart(history: losses, finished: 5, range: nil, logScale: false, plotWidth: 10)
        #expect(chart.scale == .linear(top: 1), "the scale ignores ∞ and NaN")
        #expect(chart.firstNonFinite(in: losses)?.epoch == 3)
        var canvas = Canvas(grid: Grid(width: 20, height: 6), theme: Theme(color: false), ascii: true)
        LossPanel.drawChart(&canvas, chart, frame: ChartFrame(area: Rect(x: 0, y: 0, width: 20, height: 6), hasNoteRow: false))
        let screen = rows(canvas.grid)
        let floor = try #require(find("0+", in: screen))
        // Epochs 3 to 5 take plot columns 4 to 9 (two each): "!" from top to the axis line.
        for y in 0..<floor.y {
            #expect(String(screen[y][(floor.x + 2 + 4)...(floor.x + 2 + 9)]) == "!!!!!!")
            #expect(screen[y][floor.x + 2] == "#", "epoch 1 is the full height")
        }
        #expect(screen[floor.y].contains("^"), "the latest epoch is marked in ASCII too")
        #expect(screen.allSatisfy { $0.allSatisfy(\.isASCII) })
        // The screen says so: the diverging scenario of DivergenceTests overflows at epoch 56.
        let scenario = try ScenarioDecoder.decode(Data(#"""
        {"name": "Too large a step", "layers": [{"units": 1}, {"units": 1, "activation": "linear", "weights": [[1.0]], "biases": [0]}],
         "loss": "mse", "learning_rate": 100, "epochs": 500, "data": [{"x": [3], "y": [1]}, {"x": [-2], "y": [0]}]}
        """#.utf8), file: "diverging.json")
        let text = Renderer.render(try press("g100{Enter}", on: scenario), width: 200, height: 60).text
        #expect(text.contains("! = ∞/NaN: diverged at epoch"))
    }

    @Test func theZoomShowsItsEpochs() throws {
        var state = try press("g50{Enter}")
        let zoomed = state.setChartRange(10...20)
        #expect(zoomed)
        #expect(state.chartRange == 10...20)
        let screen = rows(Renderer.render(state, width: 120, height: 40))
        #expect(find("Loss per epoch · epochs 10–20", in: screen) != nil)
        let floor = try #require(find("0└", in: screen))
        let labels = String(screen[floor.y + 1])
        #expect(labels.contains(" 10 ") && labels.contains(" 20 ") && !labels.contains(" 49 "))
        #expect(find("epoch 49 = 0.0414, not shown", in: screen) != nil)
        #expect(!screen[floor.y].contains("▲"))
        let wide = rows(Renderer.render(state, width: 200, height: 60))
        #expect(find("epoch 49 = 0.0414 (not in the zoom)", in: wide) != nil)
        // Refused: the range leaves training (100 epochs); the chart stays as it was.
        let refused = !state.setChartRange(90...120)
        #expect(refused)
        #expect(state.chartRange == 10...20)
        #expect(state.message?.contains("from 1 to 100") == true)
        let backwards = state.chartCommand("20 10")
        #expect(!backwards && state.chartRange == 10...20)
        let narrowed = state.chartCommand("5 8")
        #expect(narrowed && state.chartRange == 5...8)
        let all = state.chartCommand("all")
        #expect(all && state.chartRange == nil)
        // A range with no finished epoch yet says so.
        state.setChartRange(60...70)
        #expect(Renderer.render(state, width: 120, height: 40).text.contains("no finished epoch in 60–70 yet"))
    }
}
