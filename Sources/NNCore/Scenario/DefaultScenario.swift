/// The scenario `nnview` opens without a file: seed 000's network, kept identical to
/// Scenarios/two-outputs.json (a test checks that they agree).
enum DefaultScenario {
    static let json = """
    {
      "version": 1,
      "name": "Two sigmoid outputs (seed 000)",
      "description": "Is dE/dv11 = sum_k (Y_k - Q_k) W_1k X_1 Z_1 (1 - Z_1)? Inputs X, one sigmoid hidden layer Z (weights V), two sigmoid outputs Y1 (positive, Q1 = 1) and Y2 (negative, Q2 = 0), binary cross-entropy summed over both outputs. Watch v11: it reaches E along two paths, through Y1 and through Y2, and its gradient is their sum. Without a softmax, Y1 + Y2 need not be 1: each output is its own yes/no probability.",
      "layers": [
        {"units": 2},
        {"units": 2, "activation": "sigmoid", "weights": [[0.15, 0.25], [0.20, 0.30]], "biases": [0.35, 0.35]},
        {"units": 2, "activation": "sigmoid", "weights": [[0.40, 0.50], [0.45, 0.55]], "biases": [0.60, 0.60]}
      ],
      "loss": "binary_cross_entropy",
      "reduction": "mean",
      "learning_rate": 0.5,
      "epochs": 100,
      "data": [{"x": [0.05, 0.10], "y": [1, 0]}],
      "watch": ["v11", "v21", "w11", "w12"]
    }
    """
}
