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

    init(width: Int, height: Int, diagramRows: Int) {
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
            let stepHeight = max(5, rest.height * 2 / 5)
            step = Rect(x: 0, y: rest.y, width: width, height: stepHeight)
            chain = Rect(x: 0, y: rest.y + stepHeight, width: width, height: rest.height - stepHeight)
        }
    }
}
