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

/// Display width: what a terminal gives a character (two columns for CJK, none for a combining
/// accent), and no control, bidi or invisible character in a cell.
@Suite struct GridDisplayWidthTests {
    @Test func wideCharactersTakeTwoCellsAndCombiningMarksNone() {
        var grid = Grid(width: 10, height: 1)
        let end = grid.write("反向e\u{301}x", x: 0, y: 0)
        #expect(end == 6)
        #expect(grid.text == "反向e\u{301}x")
        #expect(grid[0, 0].character == "反" && grid[1, 0].isContinuation)
        #expect(grid[4, 0].character == "e\u{301}" && grid[5, 0].character == "x")
        #expect(DisplayWidth.of("反向传播 e\u{301}e\u{301}e\u{301}") == 12)
    }

    @Test func aWideCharacterThatWouldBeCutInHalfIsLeftOut() {
        var grid = Grid(width: 5, height: 1)
        #expect(grid.write("ab反", x: 0, y: 0, maxWidth: 3) == 2)
        #expect(grid.text == "ab")
        var narrow = Grid(width: 4, height: 1)
        narrow.write("xyz反", x: 0, y: 0)
        #expect(narrow.text == "xyz", "the grid's edge cuts it the same way")
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var left = Grid(width: 4, height: 1)
        left.write("反向", x: 0, y: 0)
        left.write("z", x: 1, y: 0)
        #expect(left.text == " z向")
        var right = Grid(width: 4, height: 1)
        right.write("反向", x: 0, y: 0)
        right.write("z", x: 2, y: 0)
        #expect(right.text == "反z")
        right.fill(x: 0, y: 0, width: 1, height: 1, character: "-")
        #expect(right.text == "- z")
    }

    @Test func aWideCharacterOverwrittenWholeLeavesNoTrace() {
        var overwritten = Grid(width: 4, height: 1)
        overwritten.write("反", x: 0, y: 0)
        overwritten.write("ab", x: 0, y: 0)
        var plain = Grid(width: 4, height: 1)
        plain.write("ab", x: 0, y: 0)
        #expect(overwritten == plain)
    }

    @Test func aLoneCombiningMarkSitsOnASpace() {
        var grid = Grid(width: 4, height: 1)
        #expect(grid.write("\u{301}a", x: 0, y: 0) == 2)
        #expect(grid[0, 0].character == " \u{301}")
    }

    @Test func controlBidiAndInvisibleCharactersAreWrittenAsEscapes() {
        var grid = Grid(width: 80, height: 1)
        let end = grid.write("\u{1B}]0;X\u{07}\u{202E}\u{200B}\r\u{85}", x: 0, y: 0)
        #expect(grid.text == #"\u001b]0;X\u0007\u202e\u200b\u000d\u0085"#)
        #expect(end == grid.text.count)
    }
}
