import Foundation
import NNCore
import Testing
@testable import NNTerminal

/// The decision map (`m`) of nets whose output can be worked out by hand: one sigmoid unit
/// y = σ(x₁ + x₂ − 1.2), whose boundary is the line x₁ + x₂ = 1.2, and a softmax pair whose
/// classes split at x₁ = 0. Expected shades, positions and labels are computed here from the
/// formulas and the data's range, not taken from the panel's code.
@Suite struct DecisionMapTests {
    /// Data from 0 to 2 on both axes: the map's range is −0.2 to 2.2 (a margin of 10% of the span).
    /// (0, 1) has target 1 but σ(−0.2) < 0.5: the one misclassified point.
    static let unit = try! ScenarioDecoder.decode(Data("""
    {"layers": [{"units": 2}, {"units": 1, "activation": "sigmoid", "weights": [[1], [1]], "biases": [-1.2]}],
     "loss": "binary_cross_entropy", "learning_rate": 0.5, "epochs": 10,
     "data": [{"x": [0, 0], "y": 0}, {"x": [2, 2], "y": 1}, {"x": [2, 0], "y": 1}, {"x": [0, 1], "y": 1}]}
    """.utf8), file: "unit.json")

    /// Class 1 (Y₁ largest) where x₁ > 0, class 2 where x₁ < 0; (1, 1) is class 2 but lies on the class 1 side.
    static let softmax = try! ScenarioDecoder.decode(Data("""
    {"layers": [{"units": 2}, {"units": 2, "activation": "softmax", "weights": [[1, -1], [0, 0]], "biases": [0, 0]}],
     "loss": "cross_entropy", "learning_rate": 0.5, "epochs": 10,
     "data": [{"x": [-1, 0], "y": [0, 1]}, {"x": [1, -1], "y": [1, 0]}, {"x": [1, 1], "y": [0, 1]}]}
    """.utf8), file: "softmax.json")

    static func sigmoid(_ t: Double) -> Double { 1 / (1 + exp(-t)) }

    func open(_ scenario: Scenario, keys: String, ascii: Bool = false, color: Bool = false) throws -> ViewerState {
        let state = ViewerState(scenario: scenario, options: .init(ascii: ascii, color: color))
        return try KeyScript.parse(keys).reduce(state) { $0.updated(with: .key($1)) }
    }

    /// Where the map's plot is on the screen, read from its frame: the axis corner below-left of
    /// the plot, the panel's right border, and the first row of the left axis.
    struct Plot {
        var x: Int, y: Int, width: Int, rows: Int, corner: (x: Int, y: Int)
    }

    func plot(_ grid: Grid) throws -> Plot {
        let titleRow = try #require((0..<grid.height).first { grid.line($0).contains("Decision map") })
        let line = Array(grid.line(titleRow))
        let title = try #require((0..<line.count).first { String(line[$0...]).hasPrefix("Decision map") })
        let left = try #require((0..<title).last { ["┌", "+"].contains(grid[$0, titleRow].character) })
        let right = try #require((title..<grid.width).first { ["┐", "+"].contains(grid[$0, titleRow].character) })
        let corners = (titleRow + 1..<grid.height).flatMap { y in (left + 2..<right).map { (x: $0, y: y) } }
        let corner = try #require(corners.first {
            ["└", "+"].contains(grid[$0.x, $0.y].character) && ["─", "-"].contains(grid[$0.x + 1, $0.y].character)
        })
        let top = try #require((titleRow + 1..<corner.y).first { ["│", "|", "▶", ">"].contains(grid[corner.x, $0].character) })
        return Plot(x: corner.x + 1, y: top, width: right - 1 - (corner.x + 1), rows: corner.y - top, corner: corner)
    }

    /// The centre of plot cell (column, row) over −0.2…2.2 on both axes, `pixels` rows down.
    func centre(_ column: Int, _ row: Int, plot: Plot, pixels: Int) -> (Double, Double) {
        (-0.2 + (Double(column) + 0.5) * 2.4 / Double(plot.width), 2.2 - (Double(row) + 0.5) * 2.4 / Double(pixels))
    }

    /// The cell holding point (x₁, x₂).
    func cell(_ x1: Double, _ x2: Double, plot: Plot) -> (x: Int, y: Int) {
        (plot.x + Int(((x1 + 0.2) / 2.4 * Double(plot.width)).rounded(.down)),
         plot.y + Int(((2.2 - x2) / 2.4 * Double(plot.rows)).rounded(.down)))
    }

    func band(_ value: Double) -> Int { min(3, Int(value * 4)) }

    @Test(arguments: [false, true])
    func shadesFollowTheBoundaryLine(ascii: Bool) throws {
        let grid = Renderer.render(try open(Self.unit, keys: "m", ascii: ascii), width: 120, height: 40)
        let plot = try plot(grid)
        #expect(plot.width >= 20 && plot.rows >= 3)
        let shades: [Character] = ascii ? [" ", ".", "+", "#"] : [" ", "░", "▓", "█"]
        let points = [(0.0, 0.0), (2, 2), (2, 0), (0, 1)].map { cell($0.0, $0.1, plot: plot) }
        var sides = Set<Int>()
        for row in 0..<plot.rows {
            for column in 0..<plot.width where !points.contains(where: { $0 == (plot.x + column, plot.y + row) }) {
                let (x1, x2) = centre(column, row, plot: plot, pixels: plot.rows)
                let expected = shades[band(Self.sigmoid(x1 + x2 - 1.2))]
                #expect(grid[plot.x + column, plot.y + row].character == expected, "cell \(column), \(row) at (\(x1), \(x2))")
                sides.insert(x1 + x2 > 1.2 ? 1 : 0)
            }
        }
        #expect(sides == [0, 1], "both sides of the boundary are on the map")
        // Below the boundary (0.2, 0.2): σ(−0.8) = 0.31, the second band; above (2, 1.5): σ(2.3) = 0.91, the top band.
        let below = cell(0.2, 0.2, plot: plot), above = cell(2, 1.5, plot: plot)
        #expect(grid[below.x, below.y].character == shades[1])
        #expect(grid[above.x, above.y].character == shades[3])
    }

    @Test func pointsSitWhereTheirInputsAreByClass() throws {
        let grid = Renderer.render(try open(Self.unit, keys: "m"), width: 120, height: 40)
        let plot = try plot(grid)
        let expected: [(Double, Double, Character, wrong: Bool)] = [
            (0, 0, "○", false), (2, 2, "●", false), (2, 0, "●", false), (0, 1, "●", true),
        ]
        for (x1, x2, glyph, wrong) in expected {
            let at = cell(x1, x2, plot: plot)
            #expect(grid[at.x, at.y].character == glyph, "(\(x1), \(x2))")
            #expect(grid[at.x, at.y].style.reverse == wrong, "(\(x1), \(x2)) is marked as misclassified only if it is")
        }
        // The shown sample (the first of the batch, at (0, 0)) is underlined and marked on both axes.
        let shown = cell(0, 0, plot: plot)
        #expect(grid[shown.x, shown.y].style.underline)
        #expect(grid[plot.x - 1, shown.y].character == "▶")
        #expect(grid[shown.x, plot.corner.y].character == "▲")
        #expect(grid.text.contains("1 wrong") || grid.text.contains("1 of 4 wrong"))
        // s shows the next sample, (2, 2): the marks follow it.
        let next = Renderer.render(try open(Self.unit, keys: "ms"), width: 120, height: 40)
        let second = cell(2, 2, plot: plot)
        #expect(next[second.x, second.y].style.underline && !next[shown.x, shown.y].style.underline)
        #expect(next[second.x, plot.corner.y].character == "▲")
    }

    @Test func axesNameTheDataRangeWithItsMargin() throws {
        let grid = Renderer.render(try open(Self.unit, keys: "m"), width: 120, height: 40)
        let plot = try plot(grid)
        let rows = (0..<grid.height).map(grid.line)
        #expect(rows[plot.y].contains(" 2.2▶") || rows[plot.y].contains(" 2.2│"))
        #expect(rows[plot.y + plot.rows - 1].contains("−0.2│") || rows[plot.y + plot.rows - 1].contains("−0.2▶"))
        let labels = Array(grid.line(plot.corner.y + 1))
        #expect(String(labels[plot.x..<plot.x + 4]) == "−0.2")
        #expect(String(labels[(plot.x + plot.width - 3)..<(plot.x + plot.width)]) == "2.2")
        #expect(String(labels).contains("X₁"))
        #expect(rows[plot.y..<plot.y + plot.rows].contains { $0.contains("X₂│") || $0.contains("X₂▶") })
    }

    @Test func colourDrawsTwoPixelsACellOnAScale() throws {
        let grid = Renderer.render(try open(Self.unit, keys: "m", color: true), width: 120, height: 40)
        let plot = try plot(grid)
        let colours: [TerminalColor] = [.blue, .cyan, .yellow, .red]
        let points = [(0.0, 0.0), (2, 2), (2, 0), (0, 1)].map { cell($0.0, $0.1, plot: plot) }
        for row in 0..<plot.rows {
            for column in 0..<plot.width where !points.contains(where: { $0 == (plot.x + column, plot.y + row) }) {
                let top = centre(column, 2 * row, plot: plot, pixels: 2 * plot.rows)
                let bottom = centre(column, 2 * row + 1, plot: plot, pixels: 2 * plot.rows)
                let cell = grid[plot.x + column, plot.y + row]
                #expect(cell.character == "▀")
                #expect(cell.style.foreground == colours[band(Self.sigmoid(top.0 + top.1 - 1.2))])
                #expect(cell.style.background == colours[band(Self.sigmoid(bottom.0 + bottom.1 - 1.2))])
            }
        }
    }

    @Test func monochromeAndASCIIStayReadable() throws {
        let mono = Renderer.render(try open(Self.unit, keys: "m"), width: 120, height: 40)
        #expect(mono.cells.allSatisfy { $0.style.foreground == nil && $0.style.background == nil })
        for keys in ["m", "mnnn", "ms"] {
            for color in [false, true] {
                let state = try open(Self.unit, keys: keys, ascii: true, color: color)
                let ascii = Renderer.render(state, width: 120, height: 40).text
                #expect(ascii.allSatisfy { $0.isASCII }, "\(keys)")
                #expect(ascii.contains("o 0 x 1"))
            }
        }
    }

    /// At the update step the map uses the updated weights: after one step of gradient descent
    /// with the mean BCE, w ← w − η·mean((y − q)·x), b ← b − η·mean(y − q), computed here.
    @Test func theUpdateStepShowsTheNewWeights() throws {
        let before = try open(Self.unit, keys: "mnn")
        #expect(Renderer.render(before, width: 120, height: 40).text.contains("Decision map · before update"))
        let grid = Renderer.render(try open(Self.unit, keys: "mnnn"), width: 120, height: 40)
        #expect(grid.text.contains("Decision map · after update"))
        let data: [(Double, Double, Double)] = [(0, 0, 0), (2, 2, 1), (2, 0, 1), (0, 1, 1)]
        var (w1, w2, b) = (1.0, 1.0, -1.2)
        let errors = data.map { Self.sigmoid(w1 * $0.0 + w2 * $0.1 + b) - $0.2 }
        w1 -= 0.5 * zip(errors, data).map { $0 * $1.0 }.reduce(0, +) / 4
        w2 -= 0.5 * zip(errors, data).map { $0 * $1.1 }.reduce(0, +) / 4
        b -= 0.5 * errors.reduce(0, +) / 4
        let plot = try plot(grid)
        let shades: [Character] = [" ", "░", "▓", "█"]
        let points = data.map { cell($0.0, $0.1, plot: plot) }
        for row in 0..<plot.rows {
            for column in 0..<plot.width where !points.contains(where: { $0 == (plot.x + column, plot.y + row) }) {
                let (x1, x2) = centre(column, row, plot: plot, pixels: plot.rows)
                #expect(grid[plot.x + column, plot.y + row].character == shades[band(Self.sigmoid(w1 * x1 + w2 * x2 + b))])
            }
        }
    }

    @Test func twoSoftmaxOutputsShowThePredictedClass() throws {
        let grid = Renderer.render(try open(Self.softmax, keys: "m"), width: 120, height: 40)
        let plot = try plot(grid)
        // Data from −1 to 1 on both axes: the range is −1.2 to 1.2.
        func cell(_ x1: Double, _ x2: Double) -> (x: Int, y: Int) {
            (plot.x + Int(((x1 + 1.2) / 2.4 * Double(plot.width)).rounded(.down)),
             plot.y + Int(((1.2 - x2) / 2.4 * Double(plot.rows)).rounded(.down)))
        }
        let points = [cell(-1, 0), cell(1, -1), cell(1, 1)]
        for row in 0..<plot.rows {
            for column in 0..<plot.width where !points.contains(where: { $0 == (plot.x + column, plot.y + row) }) {
                let x1 = -1.2 + (Double(column) + 0.5) * 2.4 / Double(plot.width)
                // At x₁ = 0 the two outputs tie: either class is right.
                guard abs(x1) > 1e-9 else { continue }
                // Y₁ = e^x₁ / (e^x₁ + e^−x₁) is the larger where x₁ > 0: class 1's shade; class 2's elsewhere.
                #expect(grid[plot.x + column, plot.y + row].character == (x1 > 0 ? " " : "▓"), "column \(column)")
            }
        }
        #expect(grid[points[0].x, points[0].y].character == "2" && !grid[points[0].x, points[0].y].style.reverse)
        #expect(grid[points[1].x, points[1].y].character == "1" && !grid[points[1].x, points[1].y].style.reverse)
        #expect(grid[points[2].x, points[2].y].character == "2" && grid[points[2].x, points[2].y].style.reverse)
        #expect(grid.text.contains("largest Y:"))
    }

    @Test func mSwapsWithTheLossChartWhereSpaceIsShortAndSharesWhereItIsNot() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let xor = try ScenarioDecoder.decode(Data(contentsOf: root.appendingPathComponent("Scenarios/xor.json")), file: "xor.json")
        let off = try open(xor, keys: "g50{Enter}")
        let on = try open(xor, keys: "g50{Enter}m")
        #expect(!off.showsDecisionMap && on.showsDecisionMap)
        #expect(try open(xor, keys: "g50{Enter}mm").showsDecisionMap == false)
        let short = Renderer.render(on, width: 120, height: 40).text
        #expect(short.contains("Decision map") && !short.contains("Loss per epoch"))
        let wide = Renderer.render(on, width: 200, height: 60).text
        #expect(wide.contains("Decision map") && wide.contains("Loss per epoch"))
        let back = Renderer.render(try open(xor, keys: "g50{Enter}mm"), width: 120, height: 40).text
        #expect(!back.contains("Decision map") && back.contains("Loss per epoch"))
        for size in [(80, 24), (100, 30), (160, 50)] {
            let grid = Renderer.render(on, width: size.0, height: size.1)
            #expect(grid.text.contains("Decision map"), "\(size)")
        }
    }

    @Test func aNetWithoutTwoInputsSaysSo() throws {
        let three = try ScenarioDecoder.decode(Data("""
        {"layers": [{"units": 3}, {"units": 1, "activation": "sigmoid"}], "loss": "binary_cross_entropy",
         "learning_rate": 0.5, "epochs": 10, "data": [{"x": [0, 0, 1], "y": 0}]}
        """.utf8), file: "three.json")
        let state = try open(three, keys: "m")
        #expect(!state.showsDecisionMap)
        #expect(state.message?.contains("the decision map needs a net with two inputs") == true)
        #expect(Renderer.render(state, width: 120, height: 40).text.contains("the decision map needs a net with two inputs"))
    }
}
