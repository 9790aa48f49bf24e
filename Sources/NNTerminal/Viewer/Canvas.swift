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

    /// Writes `text`, cutting it with "…" when it does not fit in `width`.
    @discardableResult
    mutating func writeFitted(_ text: String, x: Int, y: Int, width: Int, style: CellStyle = .plain) -> Int {
        let shown = ascii ? TextFitting.ascii(text) : text
        if shown.count <= width { return grid.write(shown, x: x, y: y, style: style, maxWidth: width) }
        guard width > 1 else { return x }
        return grid.write(String(shown.prefix(width - 1)) + (ascii ? ">" : "…"), x: x, y: y, style: style, maxWidth: width)
    }

    /// A panel: a box with a title; returns the inner rectangle.
    mutating func panel(_ rect: Rect, title: String) -> Rect {
        grid.box(x: rect.x, y: rect.y, width: rect.width, height: rect.height, title: ascii ? TextFitting.ascii(title) : title, style: theme.border, ascii: ascii)
        return Rect(x: rect.x + 2, y: rect.y + 1, width: max(0, rect.width - 4), height: max(0, rect.height - 2))
    }

    /// The length of `text` as it will be drawn.
    func length(_ text: String) -> Int { ascii ? TextFitting.ascii(text).count : text.count }
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
