import Foundation
@testable import NNCore

/// Scenarios used across the core tests, written as the JSON a user would write.
enum TestScenarios {
    static func decode(_ json: String, file: String = "test.json") throws -> Scenario {
        try ScenarioDecoder.decode(Data(json.utf8), file: file)
    }

    /// Seed 000: two sigmoid outputs, BCE summed over them, one sample.
    static let seed000 = """
    {"name": "seed 000", "layers": [{"units": 2},
      {"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.25], [0.20, 0.30]], "biases": [0.35, 0.35]},
      {"units": 2, "activation": "sigmoid", "weights": [[0.40, 0.50], [0.45, 0.55]], "biases": [0.60, 0.60]}],
     "loss": "binary_cross_entropy", "learning_rate": 0.5, "epochs": 100,
     "data": [{"x": [0.05, 0.10], "y": [1, 0]}], "watch": ["v11"]}
    """

    /// Seed 003: logistic regression over four samples, mean reduction.
    static let logistic = """
    {"layers": [{"units": 2}, {"units": 1, "activation": "sigmoid", "weights": [[0.3], [-0.2]], "biases": [0.1]}],
     "loss": "binary_cross_entropy", "reduction": "mean", "learning_rate": 0.1, "epochs": 5,
     "data": [{"x": [1, 2], "y": [1]}, {"x": [-1, 0.5], "y": [0]}, {"x": [0.3, -0.7], "y": [1]}, {"x": [2, 1], "y": [0]}]}
    """

    /// A deeper net: tanh and relu hidden layers, mini-batches of 2 over 5 samples, mse.
    static let deep = """
    {"layers": [{"units": 3},
      {"units": 4, "activation": "tanh", "weights": [[0.1, -0.2, 0.3, 0.05], [0.4, 0.1, -0.3, 0.2], [-0.25, 0.15, 0.2, -0.1]], "biases": [0.01, -0.02, 0.03, 0.0]},
      {"units": 3, "activation": "relu", "weights": [[0.3, -0.1, 0.2], [0.25, 0.4, -0.3], [-0.2, 0.1, 0.5], [0.1, 0.3, 0.15]], "biases": [0.1, 0.05, -0.05]},
      {"units": 2, "activation": "linear", "weights": [[0.5, -0.4], [0.3, 0.2], [-0.6, 0.1]], "biases": [0.0, 0.1]}],
     "loss": "mse", "reduction": "mean", "learning_rate": 0.05, "epochs": 7, "batch_size": 2,
     "data": [{"x": [0.5, -0.3, 0.8], "y": [0.2, -0.1]}, {"x": [-0.4, 0.9, 0.1], "y": [0.5, 0.3]},
              {"x": [0.7, 0.2, -0.6], "y": [-0.3, 0.4]}, {"x": [0.1, -0.8, 0.3], "y": [0.0, 0.6]},
              {"x": [-0.9, 0.4, 0.5], "y": [0.7, -0.2]}]}
    """

    /// Softmax output with cross-entropy, three classes, sum reduction.
    static let softmax = """
    {"layers": [{"units": 2},
      {"units": 3, "activation": "sigmoid", "weights": [[0.2, -0.3, 0.4], [0.1, 0.5, -0.2]], "biases": [0.0, 0.1, -0.1]},
      {"units": 3, "activation": "softmax", "weights": [[0.3, -0.2, 0.1], [0.4, 0.2, -0.5], [-0.1, 0.3, 0.2]], "biases": [0.05, -0.05, 0.0]}],
     "loss": "cross_entropy", "reduction": "sum", "learning_rate": 0.3, "epochs": 4,
     "data": [{"x": [0.6, -0.4], "y": [1, 0, 0]}, {"x": [-0.3, 0.8], "y": [0, 0, 1]}, {"x": [0.9, 0.2], "y": [0, 1, 0]}]}
    """

    /// XOR 2-3-1, sigmoid + BCE, full batch.
    static let xor = """
    {"layers": [{"units": 2}, {"units": 3, "activation": "sigmoid"}, {"units": 1, "activation": "sigmoid"}],
     "loss": "binary_cross_entropy", "learning_rate": 0.5, "epochs": 2000, "seed": 42,
     "data": [{"x": [0, 0], "y": [0]}, {"x": [0, 1], "y": [1]}, {"x": [1, 0], "y": [1]}, {"x": [1, 1], "y": [0]}]}
    """

    static var all: [(name: String, json: String)] {
        [("seed000", seed000), ("logistic", logistic), ("deep", deep), ("softmax", softmax), ("xor", xor)]
    }
}
