import Benchmark
import CReferenceLoop
import Foundation
import NNCore
import NNTerminal

/// XOR 2-3-1 with the same starting weights as the C reference loop.
let xorScenario = try! ScenarioDecoder.decode(Data("""
{"layers": [{"units": 2},
  {"units": 3, "activation": "sigmoid", "weights": [[0.5, -0.4, 0.3], [-0.6, 0.7, 0.2]], "biases": [0.1, -0.1, 0.0]},
  {"units": 1, "activation": "sigmoid", "weights": [[0.8], [-0.7], [0.5]], "biases": [0.05]}],
 "loss": "binary_cross_entropy", "learning_rate": 0.5, "epochs": 100000,
 "data": [{"x": [0, 0], "y": [0]}, {"x": [0, 1], "y": [1]}, {"x": [1, 0], "y": [1]}, {"x": [1, 1], "y": [0]}]}
""".utf8), file: "xor")

let benchmarks: @Sendable () -> Void = {
    let slow = Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .microseconds, maxDuration: .seconds(5), maxIterations: 30
    )

    // The target: within 1.2x of the C loop below.
    Benchmark("train: XOR 2-3-1, 100,000 epochs", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(TrainReport(scenario: xorScenario).loss)
        }
    }

    // The other update rules: allocation-free like plain SGD (the same malloc count, all of it set-up).
    for (label, optimizer) in [("momentum", Optimizer.momentum(0.9)), ("Adam", Optimizer.defaultAdam)] {
        var scenario = xorScenario
        scenario.optimizer = optimizer
        Benchmark("train: XOR 2-3-1 with \(label), 100,000 epochs", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(TrainReport(scenario: scenario).loss)
            }
        }
    }

    Benchmark("C reference loop: XOR 2-3-1, 100,000 epochs", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(c_reference_xor(100_000))
        }
    }

    // The wide net: at least 2x (full batch) and 3x (batch 32) faster than numpy_reference.py, run
    // beside these. The C loop does the same arithmetic with libm's tanh; it must reach the same loss.
    for (batchSize, label) in [(WideNet.samples, "full batch"), (32, "batch 32")] {
        let scenario = WideNet.scenario(batchSize: batchSize)
        let check = Kernel(scenario: scenario)
        let nnviewLoss = (0..<3).map { _ in check.trainEpoch(batchSize: batchSize) }.last!
        let cLoss = WideNet.cLoop(epochs: 3, batchSize: batchSize)
        precondition(abs(nnviewLoss - cLoss) <= 1e-9 * cLoss, "the C loop's loss \(cLoss) is not nnview's \(nnviewLoss)")

        Benchmark("train: wide 2-16-16-1 tanh, 1,000 points, \(label), 10 epochs", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations {
                let kernel = Kernel(scenario: scenario)
                for _ in 0..<10 { blackHole(kernel.trainEpoch(batchSize: batchSize)) }
            }
        }

        Benchmark("C reference loop: wide 2-16-16-1 tanh, \(label), 10 epochs", configuration: slow) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(WideNet.cLoop(epochs: 10, batchSize: batchSize))
            }
        }
    }

    // The viewer's navigation: "go to epoch 10,000" and "step back" on a fresh 100,000-epoch run.
    Benchmark("cursor: go to epoch 10,000 then step back", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            var cursor = StepCursor(run: TrainingRun(scenario: xorScenario))
            cursor.moveToEpoch(10_000)
            blackHole(cursor.step)
            cursor.stepBack()
            blackHole(cursor.step)
        }
    }

    // Drawing one full 200x60 screen into the grid (state already derived).
    let state = ViewerState(scenario: ScenarioDecoder.defaultScenario).updated(with: .key(.character("n")))
    Benchmark("render: full screen 200x60", configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(3))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Renderer.render(state, width: 200, height: 60))
        }
    }

    // The decision map (m) at 120x40, where it takes the loss chart's place: the net evaluated
    // over the plot's cells and at every data point, with the rest of the screen. A frame is 33 ms.
    let mapState = ViewerState(scenario: xorScenario).updated(with: .key(.character("m")))
    precondition(Renderer.render(mapState, width: 120, height: 40).text.contains("Decision map"))
    Benchmark("render: 120x40 with the decision map", configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], maxDuration: .seconds(3))) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(Renderer.render(mapState, width: 120, height: 40))
        }
    }

    // A key press: update (recomputing the step, the chain rule and the numeric check) and render.
    Benchmark("key press: next step + render 120x40", configuration: .init(metrics: [.wallClock, .cpuTotal], maxDuration: .seconds(3))) { benchmark in
        var current = state
        for _ in benchmark.scaledIterations {
            current = current.updated(with: .key(.character("n")))
            blackHole(Renderer.render(current, width: 120, height: 40))
        }
    }
}
