import Testing
@testable import NNCore

/// The loss history keeps ten million epochs in bounded memory and charts them faithfully.
@Suite struct LossHistoryTests {
    /// A loss curve with a known shape: decaying, with a ripple, so means differ from ends.
    static func loss(_ epoch: Int) -> Double { 1 / Double(epoch + 1).squareRoot() + 0.01 * Double(epoch % 7) }

    @Test func theFirstEpochsAreExact() {
        var history = LossHistory()
        for epoch in 0..<1000 { history.append(Self.loss(epoch)) }
        #expect(history.count == 1000)
        for epoch in [0, 1, 500, 999] { #expect(history.exactLoss(epoch) == Self.loss(epoch)) }
        #expect(history.mean(of: 10..<20) == (10..<20).map(Self.loss).reduce(0, +) / 10)
        #expect(history.largestFinite(in: 1000) == Self.loss(0))
        #expect(history.chartableCount(700) == 700)
    }

    @Test func tenMillionEpochsStayWithinTheBlockCapacity() {
        var history = LossHistory()
        let epochs = 10_000_000
        var brute: [Double] = []
        brute.reserveCapacity(epochs)
        for epoch in 0..<epochs {
            history.append(Self.loss(epoch))
            brute.append(Self.loss(epoch))
        }
        #expect(history.count == epochs)
        // Blocks doubled until they fit: 9,934,464 epochs after the exact ones in at most 2^19 blocks.
        #expect(history.blockSize == 32)
        #expect(history.exactLoss(epochs - 1) == nil || history.exactLoss(epochs - 1) == Self.loss(epochs - 1))
        // A chart column of 50,000 epochs: the block-wise mean is the exact mean within the
        // share of the two end blocks (at most 64 of 50,000 epochs).
        let shown = history.chartableCount(epochs)
        for start in stride(from: 0, to: shown - 50_000, by: 2_000_000) {
            let range = start..<(start + 50_000)
            let exact = brute[range].reduce(0, +) / Double(range.count)
            #expect(abs(history.mean(of: range) - exact) <= 2e-3 * exact, "\(range)")
        }
        #expect(history.largestFinite(in: epochs) == Self.loss(0))
    }

    @Test func aNonFiniteEpochShowsInItsColumnButNotInTheScale() {
        var history = LossHistory()
        for epoch in 0..<200_000 { history.append(epoch == 150_000 ? .infinity : 0.5) }
        #expect(history.mean(of: 140_000..<160_000).isInfinite)
        #expect(history.mean(of: 0..<100_000) == 0.5)
        #expect(history.largestFinite(in: 200_000) == 0.5)
    }
}
