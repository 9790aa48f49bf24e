/// Where each panel goes for a terminal size. With every panel shown (``ViewerState/Focus/all``)
/// rows are handed out by priority: first what each panel cannot do without (the network's units,
/// the step's results, the chain rule's sum and check), then the chain rule's factors with their
/// values, the step's results in full, the network's weights, and so on up to everything. The
/// other focuses give the whole body to one panel. A panel not shown has a height of 0.
struct Layout: Equatable {
    /// The smallest terminal the viewer draws into.
    static let minimumWidth = 80
    static let minimumHeight = 24

    var header: Rect
    var diagram: Rect
    var loss: Rect
    var step: Rect
    var chain: Rect
    var status: Rect
    /// Every weight with its value, in the network focus when the diagram cannot list them all.
    var weights = Rect(x: 0, y: 0, width: 0, height: 0)

    /// Rows of content (borders not counted) each panel would like, at its levels of detail.
    struct Demands {
        /// The network with one, two or three rows a unit (the heading included).
        var diagram: [Int]
        /// Whether the diagram of a width and a height (borders included) lists every weight.
        var diagramListsWeights: (_ width: Int, _ height: Int) -> Bool
        /// The step: its results shortened, in full, with what leads to them, every line.
        var step: StepPanel.Wants
        /// The chain rule: its sum and check, those with one line a path, its factors' labels and
        /// values with the sum and check, those complete, in full.
        var chain: [Int]
    }

    /// The panels for `focus` in a `width`×`height` terminal, sized by `demands`.
    init(width: Int, height: Int, focus: ViewerState.Focus = .all, demands: Demands) {
        header = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        let hidden = Rect(x: 0, y: body.y, width: 0, height: 0)
        (diagram, loss, step, chain) = (hidden, hidden, hidden, hidden)
        switch focus {
        case .chain: chain = body
        case .step: step = body
        case .network:
            if demands.diagramListsWeights(width, body.height) {
                diagram = body
            } else {
                let rows = min(demands.diagram[demands.diagram.count - 1] + 2, body.height / 2)
                diagram = Rect(x: 0, y: body.y, width: width, height: rows)
                weights = Rect(x: 0, y: body.y + rows, width: width, height: body.height - rows)
            }
        case .all: self.share(body, demands: demands)
        }
    }

    /// The largest share of the body the diagram takes: a third, 40% when tall.
    static func diagramCap(_ body: Int, tall: Bool) -> Int { max(5, body * (tall ? 2 : 1) / (tall ? 5 : 3)) }

    private mutating func share(_ body: Rect, demands: Demands) {
        let width = body.width
        let cap = Layout.diagramCap(body.height, tall: body.height >= 38)
        let levels = demands.diagram.map { min(cap, $0 + 2) }
        let standardLoss = width >= 160 ? 50 : width >= 120 ? 36 : 30
        // The loss panel gives up columns first when that lets the diagram list the weights.
        let boxed = levels[levels.count - 1]
        let weightsLoss = stride(from: standardLoss, through: 20, by: -2).first { demands.diagramListsWeights(width - $0, boxed) }
        let lossWidth = weightsLoss ?? standardLoss
        if width >= 150 {
            let band = boxed
            place(body, band: band, lossWidth: lossWidth)
            let left = width * 11 / 20
            step = Rect(x: 0, y: body.y + band, width: left, height: body.height - band)
            chain = Rect(x: left, y: body.y + band, width: width - left, height: body.height - band)
            return
        }
        let (band, stepRows) = Layout.stackedRows(body.height, levels: levels, weightsFirst: weightsLoss != nil, demands: demands)
        place(body, band: band, lossWidth: lossWidth)
        step = Rect(x: 0, y: body.y + band, width: width, height: stepRows)
        chain = Rect(x: 0, y: step.maxY, width: width, height: body.height - band - stepRows)
    }

    private mutating func place(_ body: Rect, band: Int, lossWidth: Int) {
        diagram = Rect(x: 0, y: body.y, width: body.width - lossWidth, height: band)
        loss = Rect(x: body.width - lossWidth, y: body.y, width: lossWidth, height: band)
    }

    /// The diagram's and the step panel's rows when stacked (the chain rule takes the rest):
    /// each panel starts at its least, then grows by the ladder of priorities while the body has room.
    static func stackedRows(_ body: Int, levels: [Int], weightsFirst: Bool, demands: Demands) -> (band: Int, step: Int) {
        let wants = demands.step
        let steps = [wants.essential, wants.results, wants.more, wants.all].map { max(1, $0) + 2 }
        let chains = demands.chain.map { max(1, $0) + 2 }
        var rows = (diagram: levels[0], step: steps[0], chain: chains[0])
        func total() -> Int { rows.diagram + rows.step + rows.chain }
        var ladder: [(panel: Int, rows: Int)] = [(2, chains[2]), (1, steps[1])]
        if weightsFirst { ladder.append((0, levels[2])) }
        ladder += [(2, chains[1]), (1, steps[2]), (0, levels[1]), (2, chains[3]), (0, levels[2]), (2, chains[4]), (1, steps[3])]
        for (index, (panel, wanted)) in ladder.enumerated() {
            let current = panel == 0 ? rows.diagram : panel == 1 ? rows.step : rows.chain
            // The step's lines that lead to its results may take part of what they want: each is a line more.
            let partial = panel == 1 && wanted == steps[2] && index > 0
            let wanted = partial ? min(wanted, body - total() + current) : wanted
            guard wanted > current, total() - current + wanted <= body else { continue }
            switch panel {
            case 0: rows.diagram = wanted
            case 1: rows.step = wanted
            default: rows.chain = wanted
            }
        }
        var spare = body - total()
        if spare < 0 {
            // Not even the least fits: the step panel (which scrolls) gives way, down to one row.
            rows.step = max(3, rows.step + spare)
            rows.diagram = min(rows.diagram, max(3, body - rows.step - 3))
            spare = 0
        }
        // What is left goes to the step panel while it has lines to show, then is shared.
        let toStep = min(spare, max(0, steps[3] - rows.step))
        rows.step += toStep
        spare -= toStep
        let toChain = min(spare, max(0, chains[4] - rows.chain))
        spare -= toChain
        rows.step += spare / 2
        return (rows.diagram, rows.step)
    }
}
