import ArgumentParser
import NNCore

/// `nnview check`: is my formula for the gradient right?
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a formula you derived for a weight's gradient against the true one.",
        discussion: """
        The formula is evaluated for each sample of the first batch of --epoch N (default 1). It is \
        right when it gives ∂E/∂w for one sample at every sample, or when its values summed over the \
        batch give ∂J/∂w (with a mean over m samples, that share includes the 1/m: write /m), or when \
        it sums over the samples itself and gives ∂J/∂w: a Σ whose index no name uses, or that runs \
        to m, sums over the batch, as in (1/m)·Σ_s (ŷ - y)·X1; the report says which. It is checked \
        there and at 4 random points (random parameters and random data for the batch), chosen so that \
        the true gradient is not 0 at most of them; a point where the true gradient is not finite (a \
        diverged run) is skipped. When wrong, nnview names the classic mistake it looks like, alone or \
        together: a flipped sign, the mean's 1/m, the ½ of squared error, a missing sum over the \
        outputs, a missing or wrong activation derivative, swapped weight indices, softmax taken as \
        sigmoids. Symbols (classic): X1, Z1, netz1, Y1, nety1, Q1, V11 (or v11), W21 (or w21), bz1, \
        by1, m, eta; without a hidden layer also Y/yhat/ŷ, Q/y, net, w1, b; layered (any net): X1, \
        A[2]1, Z[2]1, W[2]13, b[2]1, y1, m. Subscripts may take '_': Y_1, W_1k, y_hat. An index above \
        9 is written in full (Z12); two indices take '_' between them when one is above 9 (V1_12). \
        Operators + - * / ^ and > < (1 or 0), a product may go without '*' (2X1, Z1(1-Z1)); functions \
        sigma (σ, sigmoid), exp, log, ln, sqrt, tanh, abs, relu, step, and σ', sigma', tanh', relu'; \
        sums as Σ_k (Y_k-Q_k)*W_1k (k runs over the units the names allow), Σ_{k=1}^{2} or \
        sum(k, 1, 2, (Y{k}-Q{k})*W1{k}). Exit status: 0 correct, 3 wrong, 1 error, 64 usage error, \
        74 output lost (141 when the reader closed the pipe).
        """
    )

    @OptionGroup var scenario: ScenarioArgument

    @Option(help: "The weight, e.g. v11 (default: the scenario's first watched weight).")
    var weight: String?

    @Option(parsing: .unconditional, help: "Your formula for ∂J/∂w, e.g. \"(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)\".")
    var formula: String

    @Option(parsing: .unconditional, help: "Check at the first batch of epoch N instead of the initial parameters (N may go past the scenario's epochs, as train --epochs).",
            transform: wholeNumber(in: 1...ScenarioLimits.maximumEpochs))
    var epoch: Int = 1

    @Option(help: "text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        var scenario = try scenario.load()
        let id = try weight.map { try parseWeight($0, scenario: scenario) } ?? scenario.watch[0]
        // Epoch N of a longer run, as train --epochs and trace --epochs do: the run only clamps
        // to the scenario's epochs, so extend them.
        scenario.epochs = max(scenario.epochs, epoch)
        let record = TrainingRun(scenario: scenario).record(epoch: epoch - 1, batch: 0)
        let check: DerivationCheck
        do {
            check = try DerivationChecker.check(formula, weight: id, scenario: scenario, record: record, label: "at epoch \(epoch)")
        } catch {
            // An unreadable formula comes with two more lines: the formula and a caret under
            // where reading stopped.
            let lines = error.description.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            Output.error("--formula: " + lines[0], details: Array(lines.dropFirst()))
            throw ExitCode(1)
        }
        let symbol = Symbols(scenario: scenario).parameter(id)
        guard check.isComparable else {
            // Neither right nor wrong: nothing to compare with, so it is an error (exit 1).
            Output.error("--formula: cannot judge it: ∂J/∂\(symbol) is not finite at any of the \(check.points.count) points (at epoch \(epoch) and \(DerivationChecker.randomPoints) random parameter settings)")
            throw ExitCode(1)
        }
        if format == .json {
            Output.write(lines: [CheckReport.json(check, weightName: id.name(layerSizes: scenario.layerSizes, notation: scenario.notation)).text])
        } else {
            Output.write(lines: CheckReport.lines(check, symbol: symbol.description))
        }
        if !check.isCorrect { throw ExitCode(3) }
    }
}
