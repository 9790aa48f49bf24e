/// The loss of every trained epoch, in bounded memory, for the loss chart.
///
/// The first ``exactEpochs`` epochs are kept one by one. After them, epochs are kept as blocks
/// whose sum and largest finite value are stored; when the blocks fill their capacity,
/// neighbouring blocks merge and the block size doubles. Ten million epochs take about 9 MB
/// instead of 80, and a chart column, which spans far more epochs than a block by then, differs
/// from the exact mean of its epochs only by where its two ends fall within a block.
public struct LossHistory: Sendable, Equatable {
    /// Epochs kept one by one.
    public static let exactEpochs = 65_536
    /// The most blocks kept after the exact epochs; a power of two.
    static let blockCapacity = 1 << 19

    /// Epochs recorded.
    public private(set) var count = 0
    /// The first epochs' losses.
    private var exact: [Double] = []
    /// Epochs per block after the exact ones.
    private(set) var blockSize = 1
    /// Per block: the sum of its epochs' losses.
    private var blockSums: [Double] = []
    /// Per block: the largest finite loss among its epochs (−∞ when none is finite).
    private var blockMaxima: [Double] = []
    /// Epochs in the last block when it is not full yet.
    private var openBlockCount = 0

    /// An empty history.
    public init() {}

    /// Records the loss of the next epoch.
    public mutating func append(_ loss: Double) {
        count += 1
        if exact.count < Self.exactEpochs {
            exact.append(loss)
            return
        }
        let finiteLoss = loss.isFinite ? loss : -Double.infinity
        if openBlockCount > 0 {
            blockSums[blockSums.count - 1] += loss
            blockMaxima[blockMaxima.count - 1] = max(blockMaxima[blockMaxima.count - 1], finiteLoss)
        } else {
            if blockSums.count == Self.blockCapacity { mergeBlocks() }
            blockSums.append(loss)
            blockMaxima.append(finiteLoss)
        }
        openBlockCount = (openBlockCount + 1) % blockSize
    }

    /// The history of the first `epochs` epochs (at most ``count``). Whole blocks are kept; the
    /// epochs of a block that would be cut are taken again from `loss`, one by one.
    public func prefix(_ epochs: Int, loss: (Int) -> Double) -> LossHistory {
        let end = min(max(0, epochs), count)
        var kept = LossHistory()
        guard end > exact.count else {
            kept.exact = Array(exact[0..<end])
            kept.count = end
            return kept
        }
        let wholeBlocks = blocks(before: end)
        kept.exact = exact
        kept.blockSize = blockSize
        kept.blockSums = Array(blockSums[0..<wholeBlocks])
        kept.blockMaxima = Array(blockMaxima[0..<wholeBlocks])
        kept.count = exact.count + wholeBlocks * blockSize
        for epoch in kept.count..<end { kept.append(loss(epoch)) }
        return kept
    }

    /// Halves the blocks by merging neighbours (only called with every block full).
    private mutating func mergeBlocks() {
        let half = blockSums.count / 2
        for index in 0..<half {
            blockSums[index] = blockSums[2 * index] + blockSums[2 * index + 1]
            blockMaxima[index] = max(blockMaxima[2 * index], blockMaxima[2 * index + 1])
        }
        blockSums.removeLast(blockSums.count - half)
        blockMaxima.removeLast(blockMaxima.count - half)
        blockSize *= 2
    }

    /// The loss of `epoch` (0-based) when it is kept exactly: one of the first epochs, or the
    /// latest one recorded; nil otherwise.
    public func exactLoss(_ epoch: Int) -> Double? {
        if epoch < exact.count { return exact[epoch] }
        if epoch == count - 1, blockSize == 1 || openBlockCount == 1 { return blockSums.last }
        return nil
    }

    /// Epochs after the exact ones, in whole blocks, that lie before `end`.
    private func blocks(before end: Int) -> Int {
        min(blockSums.count, max(0, end - exact.count) / blockSize)
    }

    /// The epochs a chart of the first `epochs` can show: exactly those up to the exact limit,
    /// and then only up to the last whole block, so a bar never holds part of a block.
    public func chartableCount(_ epochs: Int) -> Int {
        let end = min(epochs, count)
        guard end > exact.count else { return end }
        let whole = exact.count + blocks(before: end) * blockSize
        // The last, still open block counts when the history ends inside it.
        return end == count && openBlockCount > 0 && whole < end ? end : whole
    }

    /// The mean loss of epochs `range` (clamped to what ``chartableCount(_:)`` allows), with
    /// blocks counted whole where the range's ends fall inside one.
    public func mean(of range: Range<Int>) -> Double {
        var sum = 0.0, epochs = 0
        let exactPart = range.clamped(to: 0..<exact.count)
        for epoch in exactPart { sum += exact[epoch] }
        epochs += exactPart.count
        if range.upperBound > exact.count {
            let first = max(0, range.lowerBound - exact.count) / blockSize
            let last = min(blockSums.count, (range.upperBound - exact.count + blockSize - 1) / blockSize)
            for block in first..<max(first, last) {
                sum += blockSums[block]
                epochs += block == blockSums.count - 1 && openBlockCount > 0 ? openBlockCount : blockSize
            }
        }
        return epochs == 0 ? .nan : sum / Double(epochs)
    }

    /// The largest finite loss among the first `epochs` (block-wise past the exact ones), or 0.
    public func largestFinite(in epochs: Int) -> Double {
        var high = -Double.infinity
        for epoch in 0..<min(epochs, exact.count) where exact[epoch].isFinite { high = max(high, exact[epoch]) }
        if epochs > exact.count {
            let last = min(blockSums.count, (epochs - exact.count + blockSize - 1) / blockSize)
            for block in 0..<last { high = max(high, blockMaxima[block]) }
        }
        return high.isFinite ? high : 0
    }
}
