import NNCore

/// `M`: the current step as matrices with their shapes, in nnview's row convention (a sample a
/// row: net = A·W + b) and in the column convention of most lecture notes (a sample a column:
/// net = W·A + b with W stored transposed), with the same numbers, so seed 002's
/// ∂C/∂W[2] = (σ − y)·A[1]ᵀ can be read either way.
enum MatrixView {
    /// A named matrix with its rows.
    struct Matrix {
        var name: String
        var rows: [[Double]]

        var shape: String { "\(rows.count)×\(rows.first?.count ?? 0)" }

        /// The matrix with rows and columns swapped.
        var transposed: [[Double]] {
            guard let first = rows.first else { return [] }
            return first.indices.map { j in rows.map { $0[j] } }
        }
    }

    /// Rows and columns shown of a matrix; the rest are counted.
    static let shownRows = 6, shownColumns = 6

    /// The overlay's lines for the current step.
    static func lines(_ state: ViewerState, ascii: Bool) -> [String] {
        let step = state.derived.step
        let scenario = state.scenario
        let symbols = Symbols(scenario: scenario)
        let record = step.record
        let m = record.sampleCount
        func name(_ symbol: MathSymbol) -> String { FormulaTarget.unicode.write(symbol) }
        switch step.phase {
        case .forward(let l):
            let a = Matrix(name: name(symbols.activationVector(layer: l - 1)), rows: (0..<m).map { input(l, $0, record, scenario) })
            let w = Matrix(name: name(symbols.weightMatrix(layer: l)), rows: record.parametersBefore.weightMatrix(l, units: scenario.layerSizes[l + 1]))
            let net = Matrix(name: netName(l, symbols), rows: record.net[l])
            return forward(a: a, w: w, net: net, m: m)
        case .backward(let l):
            let a = Matrix(name: name(symbols.activationVector(layer: l - 1)), rows: (0..<m).map { input(l, $0, record, scenario) })
            let delta = Matrix(name: deltaName(l, symbols), rows: record.delta[l])
            let gradient = Matrix(name: "∂J/∂" + name(symbols.weightMatrix(layer: l)),
                                  rows: record.parametersBefore.weightMatrix(l, units: scenario.layerSizes[l + 1]).indices.map { i in
                                      (0..<scenario.layerSizes[l + 1]).map { j in record.weightGradients[l][i * scenario.layerSizes[l + 1] + j] }
                                  })
            return backward(a: a, delta: delta, gradient: gradient, m: m, mean: scenario.reduction == .mean && m > 1)
        case .loss, .update:
            return ["The matrix view shows a forward or a backward step: there every layer is one product of matrices.",
                    "Go to one (n / p), then press M again."]
        }
    }

    static func input(_ l: Int, _ s: Int, _ record: BatchRecord, _ scenario: Scenario) -> [Double] {
        l == 0 ? scenario.samples[record.sampleRange.lowerBound + s].x : record.out[l - 1][s]
    }

    /// A layer's pre-activations as one matrix: netᶻ, Z[2].
    static func netName(_ l: Int, _ symbols: Symbols) -> String {
        var symbol = symbols.preActivation(layer: l, unit: 0)
        symbol.indices = []
        return symbol.description
    }

    /// A layer's error signals as one matrix: δᶻ, dZ[2].
    static func deltaName(_ l: Int, _ symbols: Symbols) -> String {
        var symbol = symbols.delta(layer: l, unit: 0)
        symbol.indices = []
        return symbol.description
    }

    static func forward(a: Matrix, w: Matrix, net: Matrix, m: Int) -> [String] {
        var lines = ["Row convention (nnview): one sample a row.",
                     "\(net.name) = \(a.name)·\(w.name) + b   (\(net.shape) = \(a.shape) · \(w.shape), b added to every row)", ""]
        lines += sideBySide([(net.name, net.rows), ("=", nil), (a.name, a.rows), ("·", nil), (w.name, w.rows)])
        lines += ["", "Column convention (most lecture notes): one sample a column, W stored transposed.",
                  "\(net.name)ᵀ = \(w.name)ᵀ·\(a.name)ᵀ + b   (\(shape(net.transposed)) = \(shape(w.transposed)) · \(shape(a.transposed)))", ""]
        lines += sideBySide([(net.name + "ᵀ", net.transposed), ("=", nil), (w.name + "ᵀ", w.transposed), ("·", nil), (a.name + "ᵀ", a.transposed)])
        lines += ["", "The same numbers: (A·W)ᵀ = Wᵀ·Aᵀ, so each convention's matrices are the other's transposed."]
        return lines
    }

    static func backward(a: Matrix, delta: Matrix, gradient: Matrix, m: Int, mean: Bool) -> [String] {
        let scale = mean ? " / \(m)" : ""
        var lines = ["Row convention (nnview): one sample a row.",
                     "\(gradient.name) = \(a.name)ᵀ·\(delta.name)\(scale)   (\(gradient.shape) = \(shape(a.transposed)) · \(delta.shape))", ""]
        lines += sideBySide([(gradient.name, gradient.rows), ("=", nil), (a.name + "ᵀ", a.transposed), ("·", nil), (delta.name, delta.rows)]
                            + (mean ? [("/ \(m)", nil)] : []))
        lines += ["", "Column convention (most lecture notes): one sample a column, W stored transposed.",
                  "\(gradient.name)ᵀ = \(delta.name)ᵀ·\(a.name)\(scale)   (\(shape(gradient.transposed)) = \(shape(delta.transposed)) · \(a.shape))", ""]
        lines += sideBySide([(gradient.name + "ᵀ", gradient.transposed), ("=", nil), (delta.name + "ᵀ", delta.transposed), ("·", nil),
                             (a.name, a.rows)] + (mean ? [("/ \(m)", nil)] : []))
        lines += ["", "The same numbers: (Aᵀ·dZ)ᵀ = dZᵀ·A, so the gradient in one convention is the other's transposed;",
                  "seed 002's (σ − y)·A[1]ᵀ is the column convention's dZ·Aᵀ with one sample."]
        return lines
    }

    static func shape(_ rows: [[Double]]) -> String { "\(rows.count)×\(rows.first?.count ?? 0)" }

    /// Matrices (and operators, with nil rows) set side by side, each with its name above it.
    static func sideBySide(_ parts: [(String, [[Double]]?)]) -> [String] {
        let blocks: [[String]] = parts.map { name, rows in
            guard let rows else { return ["", name] }
            return [name] + block(rows)
        }
        let height = blocks.map(\.count).max() ?? 0
        let widths = blocks.map { $0.map(DisplayWidth.of).max() ?? 0 }
        return (0..<height).map { row in
            blocks.indices.map { index in
                let text = row < blocks[index].count ? blocks[index][row] : ""
                return text + String(repeating: " ", count: widths[index] - DisplayWidth.of(text))
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }

    /// A matrix's rows in brackets, at most ``shownRows`` × ``shownColumns``, the rest counted.
    static func block(_ rows: [[Double]]) -> [String] {
        let style = NumberStyle(decimals: 4)
        let columns = rows.first?.count ?? 0
        let shown = rows.prefix(shownRows).map { row in
            row.prefix(shownColumns).map { style.format($0) } + (columns > shownColumns ? ["… +\(columns - shownColumns)"] : [])
        }
        let widths = (0..<(shown.first?.count ?? 0)).map { j in shown.map { DisplayWidth.of($0[j]) }.max() ?? 0 }
        var lines = shown.map { cells in
            "[ " + cells.enumerated().map { String(repeating: " ", count: widths[$0.offset] - DisplayWidth.of($0.element)) + $0.element }
                .joined(separator: "  ") + " ]"
        }
        if rows.count > shownRows { lines.append("  ⋮ \(rows.count - shownRows) more rows") }
        return lines
    }
}
