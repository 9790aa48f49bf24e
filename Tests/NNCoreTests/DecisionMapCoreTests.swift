import Foundation
import Testing
@testable import NNCore

/// The plain forward pass over many points, against the training kernel (a second
/// implementation) and against a net small enough to work out by hand.
@Suite struct DecisionMapCoreTests {
    static let xor = try! ScenarioDecoder.decode(Data("""
    {"layers": [{"units": 2},
      {"units": 3, "activation": "tanh", "weights": [[0.5, -0.4, 0.3], [-0.6, 0.7, 0.2]], "biases": [0.1, -0.1, 0.0]},
      {"units": 1, "activation": "sigmoid", "weights": [[0.8], [-0.7], [0.5]], "biases": [0.05]}],
     "loss": "binary_cross_entropy", "learning_rate": 0.5, "epochs": 10,
     "data": [{"x": [0, 0], "y": [0]}, {"x": [0, 1], "y": [1]}, {"x": [1, 0], "y": [1]}, {"x": [1, 1], "y": [0]}]}
    """.utf8), file: "xor")

    @Test func outputsAreTheKernelsForwardPass() {
        // More points than a chunk, so that chunks are stitched together.
        var scenario = Self.xor
        scenario.samples = (0..<700).map { Sample(x: [Double($0 % 29) / 7 - 2, Double($0 % 31) / 9 - 1.5], y: [0]) }
        scenario.batchSize = 700
        let kernel = Kernel(scenario: scenario)
        kernel.forward(0..<700)
        let expected = kernel.outRows(layer: 1, count: 700).flatMap { $0 }
        let outputs = Network.outputs(parameters: scenario.initialParameters, scenario: scenario,
                                      inputs: scenario.samples.flatMap(\.x))
        #expect(outputs == expected)
    }

    @Test func aMapCellHoldsTheOutputAtItsCentre() {
        let unit = try! ScenarioDecoder.decode(Data("""
        {"layers": [{"units": 2}, {"units": 1, "activation": "sigmoid", "weights": [[2], [-1]], "biases": [0.5]}],
         "loss": "binary_cross_entropy", "learning_rate": 0.5, "epochs": 1, "data": [{"x": [0, 0], "y": 0}]}
        """.utf8), file: "unit")
        // 4 columns over 0…4 (centres 0.5, 1.5, 2.5, 3.5), 2 rows over 0…2 from the top (centres 1.5, 0.5).
        let map = DecisionMap(parameters: unit.initialParameters, scenario: unit, x1: 0...4, x2: 0...2, columns: 4, rows: 2)
        for column in 0..<4 {
            for row in 0..<2 {
                let x1 = Double(column) + 0.5, x2 = 1.5 - Double(row)
                let expected = 1 / (1 + exp(-(2 * x1 - x2 + 0.5)))
                #expect(abs(map.value(column: column, row: row) - expected) < 1e-14)
            }
        }
        #expect(DecisionMap.cell(of: 3.99, count: 4, in: 0...4, downwards: false) == 3)
        #expect(DecisionMap.cell(of: 1.99, count: 2, in: 0...2, downwards: true) == 0)
        #expect(DecisionMap.cell(of: 0.01, count: 2, in: 0...2, downwards: true) == 1)
    }

    @Test func theInputRangeHasAMargin() {
        let samples = [Sample(x: [0, 5], y: [0]), Sample(x: [2, 5], y: [1])]
        #expect(DecisionMap.inputRange(samples, input: 0) == -0.2...2.2)
        #expect(DecisionMap.inputRange(samples, input: 1) == 4.5...5.5)
    }
}
