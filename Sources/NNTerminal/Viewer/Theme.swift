/// The viewer's styles. Every meaning is carried by an attribute as well as a colour, so the
/// screen stays readable in monochrome (NO_COLOR, --no-color, or a terminal without colours).
/// Content is never faint: a projector washes dim text out. Only values not computed yet are dim.
struct Theme {
    let color: Bool
    /// Colours for a white background (a light projector or terminal theme): no yellow or cyan text.
    var light = false

    private func style(_ foreground: TerminalColor?, bold: Bool = false, dim: Bool = false, reverse: Bool = false,
                       underline: Bool = false, italic: Bool = false) -> CellStyle {
        CellStyle(foreground: color ? foreground.map(adapted) : nil, bold: bold, dim: dim, reverse: reverse,
                  underline: underline, italic: italic)
    }

    /// Yellow and cyan vanish on white: the light theme draws them blue and magenta.
    private func adapted(_ colour: TerminalColor) -> TerminalColor {
        guard light else { return colour }
        switch colour {
        case .yellow: return .blue
        case .cyan: return .magenta
        default: return colour
        }
    }

    /// Panel borders and their titles.
    var border: CellStyle { style(.blue) }
    /// The header line.
    var header: CellStyle { CellStyle(foreground: color ? .white : nil, background: color ? .blue : nil, bold: true, reverse: !color) }
    /// Headings inside panels.
    var heading: CellStyle { style(nil, bold: true) }
    /// What the current step computes.
    var current: CellStyle { style(.yellow, bold: true, underline: true) }
    /// The selected weight.
    var selected: CellStyle { style(.magenta, bold: true, reverse: true) }
    /// Units and weights on the selected weight's chain-rule paths.
    var path: CellStyle { style(.cyan, underline: true) }
    /// Values not computed yet at this step.
    var pending: CellStyle { style(nil, dim: true) }
    /// Ordinary text.
    var plain: CellStyle { .plain }
    /// Secondary text (explanations in words, simplifications, hints): italic, never faint.
    var secondary: CellStyle { style(nil, italic: true) }
    /// A good outcome (the numeric check agrees).
    var good: CellStyle { style(.green, bold: true) }
    /// A problem (the numeric check disagrees, an error message).
    var bad: CellStyle { style(.red, bold: true) }
    /// Positive weights.
    var positive: CellStyle { style(.green) }
    /// Negative weights.
    var negative: CellStyle { style(.red) }
    /// The loss chart.
    var chart: CellStyle { style(.cyan) }
    /// Key names in the status bar and help.
    var key: CellStyle { style(.yellow, bold: true) }
    /// The status bar.
    var status: CellStyle { CellStyle(foreground: nil, background: nil, reverse: true) }
}
