import Foundation
import NNCore

/// What the loss chart shows, worked out from the loss history alone (no drawing): which epochs,
/// how they are grouped into bars, the scale of the loss axis and its tick labels.
struct LossChart {
    /// How a loss maps to a bar's height.
    enum Scale: Equatable {
        /// From 0 (every loss here is ≥ 0) to `top`, so a bar half as tall is half the loss.
        case linear(top: Double)
        /// From 10^`low` to 10^`high`, whole decades; a loss of 0 stays at the floor.
        case logarithmic(low: Int, high: Int)

        /// Where `value` sits between the floor (0) and the top (1); non-finite values are not drawn.
        func fraction(_ value: Double) -> Double {
            switch self {
            case .linear(let top): return min(1, max(0, value) / top)
            case .logarithmic(let low, let high):
                guard value > 0 else { return 0 }
                return min(1, max(0, (log10(value) - Double(low)) / Double(high - low)))
            }
        }

        /// The loss at `fraction` of the way from the floor to the top.
        func value(at fraction: Double) -> Double {
            switch self {
            case .linear(let top): return top * fraction
            case .logarithmic(let low, let high): return pow(10, Double(low) + fraction * Double(high - low))
            }
        }
    }

    /// One bar: the mean loss of some consecutive epochs (0-based).
    struct Bucket: Equatable {
        var epochs: Range<Int>
        var value: Double
    }

    /// The epochs shown (0-based): the finished ones, narrowed to the zoom range.
    let epochs: Range<Int>
    /// The bars, left to right.
    let buckets: [Bucket]
    /// Columns of the plot.
    let plotWidth: Int
    let scale: Scale
    /// The bar holding the latest finished epoch, when it is shown.
    let latestBucket: Int?

    /// The chart of the first `finished` epochs of `history`, within `range` (1-based epochs,
    /// both ends; nil for all), `plotWidth` columns wide.
    init(history: LossHistory, finished: Int, range: ClosedRange<Int>?, logScale: Bool, plotWidth: Int) {
        let end = history.chartableCount(finished)
        let lower = max(0, (range?.lowerBound ?? 1) - 1)
        epochs = lower..<max(lower, min(end, range?.upperBound ?? end))
        buckets = Self.buckets(history: history, epochs: epochs, width: max(1, plotWidth))
        self.plotWidth = max(1, plotWidth)
        scale = Self.scale(of: buckets.map(\.value), logarithmic: logScale)
        latestBucket = buckets.firstIndex { $0.epochs.contains(finished - 1) }
    }

    /// One bar per epoch when they fit, else `width` bars, each the mean of its epochs.
    private static func buckets(history: LossHistory, epochs: Range<Int>, width: Int) -> [Bucket] {
        let count = epochs.count
        let bars = min(width, count)
        return (0..<bars).map { bar in
            let start = epochs.lowerBound + bar * count / bars
            let range = start..<max(start + 1, epochs.lowerBound + (bar + 1) * count / bars)
            return Bucket(epochs: range, value: history.mean(of: range))
        }
    }

    /// Linear up to the highest finite bar, or logarithmic over the decades around the finite,
    /// positive bars.
    private static func scale(of values: [Double], logarithmic: Bool) -> Scale {
        let finite = values.filter(\.isFinite)
        guard logarithmic else {
            let top = finite.max() ?? 0
            return .linear(top: top > 0 ? top : 1)
        }
        let positive = finite.filter { $0 > 0 }
        guard let smallest = positive.min(), let largest = positive.max() else { return .logarithmic(low: -1, high: 0) }
        // A tolerance, so that a loss of exactly 0.1 counts as the decade 10^-1 and not below it.
        let low = Int((log10(smallest) + 1e-9).rounded(.down))
        let high = Int((log10(largest) - 1e-9).rounded(.up))
        return .logarithmic(low: low, high: max(high, low + 1))
    }

    /// The columns (from the plot's left edge) of bar `bucket`: the bars share the plot's
    /// width, so with few epochs a bar is several columns wide.
    func columns(of bucket: Int) -> Range<Int> {
        (bucket * plotWidth / buckets.count)..<((bucket + 1) * plotWidth / buckets.count)
    }

    /// The column at the middle of bar `bucket`, where its tick goes.
    func column(of bucket: Int) -> Int {
        let range = columns(of: bucket)
        return range.lowerBound + (range.count - 1) / 2
    }

    /// The narrowest bar's width in columns.
    var narrowestBar: Int { buckets.isEmpty ? 0 : plotWidth / buckets.count }

    /// Tick labels of the loss axis for `rows` plot rows: level 0 is the floor (the axis line),
    /// level k the top edge of the k-th row from the bottom, so each label is exact for its row.
    /// The floor and up to four levels above it, evenly spread, the top always.
    func lossTicks(rows: Int) -> [(level: Int, text: String)] {
        guard rows > 0 else { return [] }
        let count = min(4, rows)
        let levels = [0] + (1...count).map { Int((Double($0 * rows) / Double(count)).rounded()) }
        return levels.map { level in
            if case .linear = scale, level == 0 { return (0, "0") }
            return (level, Self.compact(scale.value(at: Double(level) / Double(rows))))
        }
    }

    /// Tick labels of the epoch axis: the first, middle and last shown epoch (1-based, digits
    /// grouped), each with the column its tick is on.
    func epochTicks() -> [(column: Int, text: String)] {
        guard let first = buckets.first, let last = buckets.last else { return [] }
        let middle = (buckets.count - 1) / 2
        var ticks = [(column(of: 0), StatusBar.grouped(first.epochs.lowerBound + 1))]
        if middle > 0 { ticks.append((column(of: middle), StatusBar.grouped(buckets[middle].epochs.lowerBound + 1))) }
        if buckets.count > 1 || last.epochs.count > 1 {
            ticks.append((column(of: buckets.count - 1), StatusBar.grouped(last.epochs.upperBound)))
        }
        return ticks
    }

    /// The first shown epoch (1-based) whose loss is ∞ or NaN, and whether that is exact (the
    /// history keeps very old epochs only in blocks, so it can name the bar's first epoch only).
    func firstNonFinite(in history: LossHistory) -> (epoch: Int, exact: Bool)? {
        guard let bucket = buckets.first(where: { !$0.value.isFinite }) else { return nil }
        for epoch in bucket.epochs {
            guard let loss = history.exactLoss(epoch) else { return (bucket.epochs.lowerBound + 1, false) }
            if !loss.isFinite { return (epoch + 1, true) }
        }
        return (bucket.epochs.lowerBound + 1, false)
    }

    /// A tick label: two significant digits (0.69, 0.035, 1.8, 12), whole numbers up to 9999,
    /// and powers of ten beyond (1e5, 2.5e-4).
    static func compact(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : "∞" }
        guard value != 0 else { return "0" }
        let exponent = Int(log10(abs(value)).rounded(.down))
        if exponent >= 4 || exponent < -3 {
            var mantissa = value / pow(10, Double(exponent))
            var power = exponent
            if abs((mantissa * 10).rounded()) >= 100 { mantissa /= 10; power += 1 }
            return trimmed(String(format: "%.1f", mantissa)) + "e\(power)"
        }
        return trimmed(String(format: "%.\(max(0, 1 - exponent))f", value))
    }

    /// Drops trailing zeros after a decimal point, and the point itself when nothing follows.
    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }
}
