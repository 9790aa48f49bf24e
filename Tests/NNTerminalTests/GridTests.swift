import Testing
@testable import NNTerminal

@Suite struct GridTests {
    @Test func writesAreClippedAtTheEdges() {
        var grid = Grid(width: 5, height: 2)
        grid.write("abcdefg", x: 2, y: 0)
        grid.write("xy", x: -1, y: 1)
        grid.write("never", x: 0, y: 5)
        #expect(grid.text == "  abc\ny")
    }

    @Test func maxWidthLimitsAWrite() {
        var grid = Grid(width: 10, height: 1)
        let end = grid.write("∂E/∂Y₁ = 0.5", x: 1, y: 0, maxWidth: 6)
        #expect(grid.text == " ∂E/∂Y₁")
        #expect(end == 7)
    }

    @Test func boxesHaveCornersAndATitle() {
        var grid = Grid(width: 12, height: 3)
        grid.box(x: 0, y: 0, width: 12, height: 3, title: "Loss")
        #expect(grid.text == "┌─ Loss ───┐\n│          │\n└──────────┘")
        var ascii = Grid(width: 4, height: 2)
        ascii.box(x: 0, y: 0, width: 4, height: 2, ascii: true)
        #expect(ascii.text == "+--+\n+--+")
    }
}
