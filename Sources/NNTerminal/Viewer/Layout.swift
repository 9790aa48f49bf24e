/// Where each panel goes for a terminal size. Two arrangements: side by side (wide terminals)
/// and stacked (down to the 80×24 minimum).
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

    /// Rows of content the step and chain-rule panels would like at a given inner width: the
    /// step's lines, and the chain rule in full and in compact form.
    typealias Wants = (step: Int, chainFull: Int, chainCompact: Int)

    /// `wants` gives the panels' content sizes at an inner width (nil: share the rows evenly).
    init(width: Int, height: Int, diagramRows: Int, wants: (_ innerWidth: Int) -> Wants? = { _ in nil }) {
        header = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: height - 1, width: width, height: 1)
        let body = height - 2
        // The diagram band: as tall as the net needs, at most a third of the body (40% when tall).
        let band = min(diagramRows + 2, max(6, body * (height >= 40 ? 2 : 1) / (height >= 40 ? 5 : 3)))
        let lossWidth = width >= 160 ? 50 : width >= 120 ? 36 : 30
        diagram = Rect(x: 0, y: 1, width: width - lossWidth, height: band)
        loss = Rect(x: width - lossWidth, y: 1, width: lossWidth, height: band)
        let rest = Rect(x: 0, y: 1 + band, width: width, height: body - band)
        if width >= 150 {
            let left = width * 11 / 20
            step = Rect(x: 0, y: rest.y, width: left, height: rest.height)
            chain = Rect(x: left, y: rest.y, width: width - left, height: rest.height)
        } else {
            let stepHeight = Layout.stackedStepHeight(rest.height, wants(width - 4))
            step = Rect(x: 0, y: rest.y, width: width, height: stepHeight)
            chain = Rect(x: 0, y: rest.y + stepHeight, width: width, height: rest.height - stepHeight)
        }
    }

    /// Shares `available` rows between the step panel (above) and the chain rule (below):
    /// each gets what its content needs when both fit; otherwise the chain rule keeps its full
    /// form if the step panel can still show 5 rows, else its compact form, and the step
    /// panel (which scrolls) takes the rest. Borders take 2 rows per panel.
    static func stackedStepHeight(_ available: Int, _ wants: (step: Int, chainFull: Int, chainCompact: Int)?) -> Int {
        let minimum = 5
        guard let wants, available >= 2 * minimum else { return max(minimum, available * 2 / 5) }
        let step = wants.step + 2, full = wants.chainFull + 2, compact = wants.chainCompact + 2
        if step + full <= available { return step + (available - step - full) / 2 }
        if available - full >= minimum { return available - full }
        if step + compact <= available { return step }
        return max(minimum, available - max(compact, minimum))
    }
}
