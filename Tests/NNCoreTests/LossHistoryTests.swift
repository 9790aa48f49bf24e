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

    @Test func aPrefixEqualsTheHistoryOfTheFirstEpochs() {
        let epochs = LossHistory.exactEpochs + 5000
        var whole = LossHistory()
        for epoch in 0..<epochs { whole.append(Self.loss(epoch)) }
        // Within the exact epochs, at their end, and past it (blocks of 1 there: any cut is whole).
        for end in [0, 17, LossHistory.exactEpochs, LossHistory.exactEpochs + 1234, epochs, epochs + 10] {
            var built = LossHistory()
            for epoch in 0..<min(end, epochs) { built.append(Self.loss(epoch)) }
            #expect(whole.prefix(end, loss: Self.loss) == built, "first \(end) epochs")
        }
    }

    @Test func aPrefixCuttingABlockTakesItsEpochsAgain() {
        // Enough epochs for the blocks to merge once, so a block holds two epochs.
        let epochs = LossHistory.exactEpochs + LossHistory.blockCapacity + 10
        var whole = LossHistory()
        for epoch in 0..<epochs { whole.append(Self.loss(epoch)) }
        #expect(whole.blockSize == 2)
        let end = LossHistory.exactEpochs + 1001
        var built = LossHistory()
        for epoch in 0..<end { built.append(Self.loss(epoch)) }
        var asked: [Int] = []
        let prefix = whole.prefix(end) { asked.append($0); return Self.loss($0) }
        #expect(asked == [end - 1], "the odd epoch of the cut block")
        // Blocks sum their epochs in pairs, so the means agree up to rounding.
        #expect(prefix.count == end && abs(prefix.mean(of: 0..<end) - built.mean(of: 0..<end)) < 1e-12)
        #expect(prefix.chartableCount(end) == end)
        #expect(prefix.exactLoss(end - 1) == Self.loss(end - 1))
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
