import NNCore

/// A terminal colour, from the eight every colour terminal has.
public enum TerminalColor: UInt8, Sendable, CaseIterable {
    case black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn: colours (nil = the terminal's default) and attributes.
///
/// Every style must stay readable without colour: the backend drops `foreground`
/// and `background` under `NO_COLOR` or `--no-color`, keeping the attributes.
public struct CellStyle: Hashable, Sendable {
    public var foreground: TerminalColor?
    public var background: TerminalColor?
    public var bold: Bool
    public var dim: Bool
    public var reverse: Bool
    public var underline: Bool
    public var italic: Bool

    /// Creates a style; every part defaults to the terminal's plain text.
    public init(
        foreground: TerminalColor? = nil, background: TerminalColor? = nil,
        bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false, italic: Bool = false
    ) {
        self.italic = italic
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
        self.underline = underline
    }

    /// Plain text.
    public static let plain = CellStyle()
}

/// One character cell of the screen.
public struct Cell: Hashable, Sendable {
    /// What the cell shows: one column wide, or two when the cell after it is a continuation.
    public var character: Character
    /// How it is drawn.
    public var style: CellStyle
    /// Whether this is the right half of a two-column character in the cell before it: the
    /// backend draws nothing here and the grid's text skips it.
    public internal(set) var isContinuation = false

    /// Creates a cell.
    public init(_ character: Character = " ", style: CellStyle = .plain) {
        self.character = character
        self.style = style
    }

    /// The right half of a two-column character drawn in `style`.
    static func continuation(style: CellStyle) -> Cell {
        var cell = Cell(" ", style: style)
        cell.isContinuation = true
        return cell
    }
}

/// An in-memory screen: what the viewer draws and the backend flushes.
///
/// Drawing into a grid is pure, so every screen can be tested as text without a terminal.
/// Writes outside the grid are clipped, never a crash. Text takes the columns a terminal gives
/// it (``DisplayWidth``), and ``write(_:x:y:style:maxWidth:)`` escapes what a terminal would
/// obey instead of showing (``TerminalText``): this is where the viewer's text enters the screen.
public struct Grid: Hashable, Sendable {
    /// Width in columns.
    public let width: Int
    /// Height in rows.
    public let height: Int
    /// The cells, row by row.
    public private(set) var cells: [Cell]
    /// Whether a two-column character was ever written: until then no cell needs its
    /// neighbours looked at, which keeps drawing ASCII and the usual symbols as cheap as before.
    private var hasWideCharacters = false

    /// Creates a blank grid; negative sizes count as zero.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(), count: self.width * self.height)
    }

    /// The cell at column `x`, row `y` (both from 0), or a blank cell outside the grid.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x: x, y: y) ? cells[y * width + x] : Cell() }
        set { if contains(x: x, y: y) { put(newValue, x: x, y: y) } }
    }

    /// Whether column `x`, row `y` lies on the grid.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Writes `text` from column `x` on row `y`, clipped at `maxWidth` columns (when given) and
    /// at the grid's edge; a two-column character that would be cut in half is left out.
    /// Control, bidi and invisible characters are written as escapes (`\u001b`). Returns the
    /// column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil) -> Int {
        let shown = TerminalText.escaped(text)
        guard y >= 0, y < height else { return x + DisplayWidth.of(shown) }
        var column = x
        let limit = maxWidth.map { x + max(0, $0) } ?? width
        if shown.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            // Printable ASCII, most of what is drawn: a byte a column.
            for byte in shown.utf8 {
                if column >= limit { break }
                if column >= 0, column < width { put(Cell(Character(Unicode.Scalar(byte)), style: style), x: column, y: y) }
                column += 1
            }
            return column
        }
        DisplayWidth.forEachCell(of: shown) { character, columns in
            if column + columns > limit { return false }
            if column >= 0, column + columns <= width {
                put(Cell(character, style: style), x: column, y: y)
                if columns == 2 { put(.continuation(style: style), x: column + 1, y: y) }
            }
            column += columns
            return true
        }
        return column
    }

    /// Sets one cell. A two-column character that it overwrites half of loses its other half
    /// too (a blank in its style), so no half character is ever left on the screen.
    private mutating func put(_ cell: Cell, x: Int, y: Int) {
        let index = y * width + x
        if cell.isContinuation { hasWideCharacters = true }
        guard hasWideCharacters else {
            cells[index] = cell
            return
        }
        if cells[index].isContinuation, x > 0 { cells[index - 1] = Cell(" ", style: cells[index - 1].style) }
        if x + 1 < width, cells[index + 1].isContinuation { cells[index + 1] = Cell(" ", style: cells[index + 1].style) }
        cells[index] = cell
    }

    /// Sets the style of `length` cells from column `x` on row `y`, keeping their characters.
    public mutating func applyStyle(_ style: CellStyle, x: Int, y: Int, length: Int) {
        guard y >= 0, y < height, length > 0 else { return }
        for column in max(0, x)..<min(width, x + length) { cells[y * width + column].style = style }
    }

    /// Fills a rectangle with `character` in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, character: Character = " ", style: CellStyle = .plain) {
        guard w > 0, h > 0 else { return }
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) { put(Cell(character, style: style), x: column, y: row) }
        }
    }

    /// Draws a box with light box-drawing lines (or `+-|` when `ascii`), with an optional title on its top edge.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, title: String? = nil, style: CellStyle = .plain, ascii: Bool = false) {
        guard w >= 2, h >= 2 else { return }
        let (horizontal, vertical): (Character, Character) = ascii ? ("-", "|") : ("─", "│")
        let corners: [Character] = ascii ? ["+", "+", "+", "+"] : ["┌", "┐", "└", "┘"]
        for column in x + 1..<x + w - 1 {
            self[column, y] = Cell(horizontal, style: style)
            self[column, y + h - 1] = Cell(horizontal, style: style)
        }
        for row in y + 1..<y + h - 1 {
            self[x, row] = Cell(vertical, style: style)
            self[x + w - 1, row] = Cell(vertical, style: style)
        }
        self[x, y] = Cell(corners[0], style: style)
        self[x + w - 1, y] = Cell(corners[1], style: style)
        self[x, y + h - 1] = Cell(corners[2], style: style)
        self[x + w - 1, y + h - 1] = Cell(corners[3], style: style)
        if let title, w > 4 {
            write(" \(title) ", x: x + 2, y: y, style: style, maxWidth: w - 4)
        }
    }

    /// Grids are equal when they show the same cells; how they were drawn does not matter.
    public static func == (lhs: Grid, rhs: Grid) -> Bool {
        lhs.width == rhs.width && lhs.height == rhs.height && lhs.cells == rhs.cells
    }

    /// Hashes what the grid shows.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }

    /// The text of row `y`, trailing spaces removed.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for cell in cells[(y * width)..<(y * width + width)] where !cell.isContinuation { text.append(cell.character) }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The whole screen as text, one line a row, trailing spaces removed: what a test compares.
    public var text: String {
        (0..<height).map(line).joined(separator: "\n")
    }
}
