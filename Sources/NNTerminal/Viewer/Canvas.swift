import NNCore

/// A grid being drawn, with the theme and the ASCII fallback applied to every write.
struct Canvas {
    var grid: Grid
    let theme: Theme
    let ascii: Bool

    /// Writes `text` (converted to ASCII when asked), clipped to `maxWidth`; returns the column after it.
    @discardableResult
    mutating func write(_ text: String, x: Int, y: Int, style: CellStyle = .plain, maxWidth: Int? = nil) -> Int {
        grid.write(ascii ? TextFitting.ascii(text) : text, x: x, y: y, style: style, maxWidth: maxWidth)
    }

    /// Writes `text`, cutting it with "…" when it does not fit in `width` columns.
    @discardableResult
    mutating func writeFitted(_ text: String, x: Int, y: Int, width: Int, style: CellStyle = .plain) -> Int {
        // Escaped first, so that an escape is cut like any other text and "…" still shows.
        let shown = TerminalText.escaped(ascii ? TextFitting.ascii(text) : text)
        if DisplayWidth.prefix(Substring(shown), columns: width).endIndex == shown.endIndex {
            return grid.write(shown, x: x, y: y, style: style, maxWidth: width)
        }
        guard width > 1 else { return x }
        let cut = DisplayWidth.prefix(Substring(shown), columns: width - 1)
        return grid.write(String(cut) + (ascii ? ">" : "…"), x: x, y: y, style: style, maxWidth: width)
    }

    /// A panel: a box with a title; returns the inner rectangle.
    mutating func panel(_ rect: Rect, title: String) -> Rect {
        grid.box(x: rect.x, y: rect.y, width: rect.width, height: rect.height, title: ascii ? TextFitting.ascii(title) : title, style: theme.border, ascii: ascii)
        return Rect(x: rect.x + 2, y: rect.y + 1, width: max(0, rect.width - 4), height: max(0, rect.height - 2))
    }

    /// A formula renderer for this screen: ASCII or Unicode, numbers in `style`.
    func formulas(_ style: NumberStyle) -> FormulaRenderer { FormulaRenderer(ascii ? .ascii : .unicode, style: style) }

    /// The columns `text` will take on the screen.
    func length(_ text: String) -> Int { DisplayWidth.of(ascii ? TextFitting.ascii(text) : text) }
}

/// A rectangle of cells.
struct Rect: Equatable {
    var x: Int
    var y: Int
    var width: Int
    var height: Int

    var maxY: Int { y + height }
    var maxX: Int { x + width }
}
