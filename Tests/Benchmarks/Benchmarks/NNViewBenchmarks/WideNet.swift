import CReferenceLoop
import Foundation
import NNCore

/// A wider net than the teaching ones: 2-16-16-1, tanh hidden layers, a sigmoid output with binary
/// cross-entropy, 1,000 points (inside or outside a circle). numpy_reference.py builds the same
/// net from the same formulas: exact arithmetic (integers, one division, one square root), so
/// every language gets the same bits.
enum WideNet {
    static let sizes = [2, 16, 16, 1]
    static let samples = 1000
    static let learningRate = 0.1

    static func point(_ s: Int) -> (x: [Double], y: Double) {
        let x1 = Double(37 * s % 1000) / 500 - 1
        let x2 = Double(s * s % 997) / 498.5 - 1
        return ([x1, x2], x1 * x1 + x2 * x2 < 0.5 ? 1 : 0)
    }

    /// Layer `l`'s starting weights, row-major.
    static func weights(_ l: Int) -> [Double] {
        let (previous, units) = (sizes[l], sizes[l + 1])
        return (0..<(previous * units)).map { k in
            Double((k * 37 + l * 11) % 19 - 9) / 9 / Double(previous).squareRoot()
        }
    }

    /// Layer `l` as a scenario's layer object.
    static func layerJSON(_ l: Int) -> String {
        let units = sizes[l + 1], rows = stride(from: 0, to: sizes[l] * units, by: units).map { Array(weights(l)[$0..<$0 + units]) }
        return "{\"units\": \(units), \"activation\": \"\(l == sizes.count - 2 ? "sigmoid" : "tanh")\", \"weights\": \(rows)}"
    }

    static func scenario(batchSize: Int) -> Scenario {
        try! ScenarioDecoder.decode(Data("""
        {"layers": [{"units": 2}, \((0..<3).map(layerJSON).joined(separator: ", "))],
         "loss": "binary_cross_entropy", "learning_rate": \(learningRate), "epochs": 10, "batch_size": \(batchSize),
         "data": [\((0..<samples).map { "{\"x\": \(xs[2 * $0..<2 * $0 + 2]), \"y\": [\(ys[$0])]}" }.joined(separator: ", "))]}
        """.utf8), file: "wide")
    }

    /// The points, two coordinates each, and their targets.
    static let xs = (0..<samples).flatMap { point($0).x }, ys = (0..<samples).map { point($0).y }

    /// The C loop's last epoch loss after `epochs` from the starting weights.
    static func cLoop(epochs: Int, batchSize: Int) -> Double {
        var (w1, w2, w3) = (weights(0), weights(1), weights(2))
        var (b1, b2, b3) = ([Double](repeating: 0, count: 16), [Double](repeating: 0, count: 16), [0.0])
        return c_reference_wide(
            Int32(epochs), Int32(batchSize), Int32(samples), xs, ys, &w1, &b1, &w2, &b2, &w3, &b3, learningRate
        )
    }
}
