import NNCore
import Testing
@testable import NNTerminal

/// Projector-safe styles: nothing but pending values is faint, and the light theme has no
/// yellow or cyan text, which vanish on white.
@Suite struct ThemeTests {
    static func styles(_ theme: Theme) -> [(String, CellStyle)] {
        [("border", theme.border), ("heading", theme.heading), ("current", theme.current), ("selected", theme.selected),
         ("path", theme.path), ("plain", theme.plain), ("secondary", theme.secondary), ("good", theme.good), ("bad", theme.bad),
         ("positive", theme.positive), ("negative", theme.negative), ("chart", theme.chart), ("key", theme.key),
         ("status", theme.status), ("header", theme.header)]
    }

    @Test func contentIsNeverFaint() {
        for color in [true, false] {
            for (name, style) in Self.styles(Theme(color: color)) { #expect(!style.dim, "\(name)") }
        }
        // Every dim cell of a screen in the middle of the backward pass belongs to a pending value.
        let state = try? KeyScript.parse("nnnn").reduce(ViewerState(scenario: ScenarioDecoder.defaultScenario)) {
            $0.updated(with: .key($1))
        }
        let grid = Renderer.render(state!, width: 120, height: 40)
        let lines = grid.text.split(separator: "\n", omittingEmptySubsequences: false)
        for y in 0..<grid.height {
            for x in 0..<grid.width where grid[x, y].style.dim {
                let line = Array(lines[y])
                let around = String(line[max(0, x - 7)..<min(line.count, x + 8)])
                #expect(around.contains("pending") || grid[x, y].character == "·", "row \(y): \(around)")
            }
        }
    }

    @Test func theLightThemeHasNoYellowOrCyanText() {
        for (name, style) in Self.styles(Theme(color: true, light: true)) {
            #expect(style.foreground != .yellow && style.foreground != .cyan, "\(name)")
        }
        #expect(Theme(color: true).current.foreground == .yellow, "the dark theme keeps its colours")
    }

    @Test func monochromeKeepsEveryHighlightDistinct() {
        let styles = Self.styles(Theme(color: false)).filter { ["current", "selected", "path", "good", "heading", "secondary"].contains($0.0) }
        // good and heading are both bold (✓ tells good apart); the rest differ in their attributes.
        let kinds = Set(styles.filter { $0.0 != "good" }.map { "\($0.1.bold)\($0.1.reverse)\($0.1.underline)\($0.1.italic)" })
        #expect(kinds.count == styles.count - 1)
    }
}
