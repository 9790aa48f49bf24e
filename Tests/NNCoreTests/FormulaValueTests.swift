import Foundation
import Testing
@testable import NNCore

/// Every "formula = value" the explanations and the chain rule show is arithmetic: each side,
/// evaluated from the current values of its symbols, gives the value at the end of the line.
/// The symbols' values are looked up here by what the notation says they mean (the Notation
/// article), from the batch's recorded numbers and the scenario's data, and the derivatives of
/// the loss and of the activations are worked out here from their textbook definitions.
@Suite struct FormulaValueTests {
    /// The value of a symbol or partial derivative for one sample of a batch.
    struct Meaning {
        let scenario: Scenario
        let record: BatchRecord
        let sample: Int
        /// The weight or bias an update line is about: whose velocity u, moments m and v it names.
        var parameter: WeightID?
        /// The left side of an assignment: on its right side it still has its value from before
        /// the update (u ← μ·u + ∂J/∂w); every other state symbol has its new value.
        var assigned: MathSymbol?

        var sizes: [Int] { scenario.layerSizes }
        var last: Int { scenario.layers.count - 1 }
        var layered: Bool { scenario.notation == .layered }

        /// A quantity: (what, layer, unit) with layer −1 for the input.
        enum Quantity: Equatable {
            case activation(Int, Int), net(Int, Int), delta(Int, Int), outGradient(Int, Int), target(Int)
            case weight(Int, Int, Int), bias(Int, Int), loss(Int?), batchLoss, learningRate, euler, largestNet
            case weightDecay, momentum, beta(Int), epsilon, updateNumber, velocity, firstMoment, secondMoment
            case firstMomentCorrected, secondMomentCorrected
        }

        func number(_ index: MathSymbol.Index?) -> Int? {
            if case .number(let n)? = index { return n - 1 }
            return nil
        }

        /// The layer (0-based) a classic symbol's mark or a layered symbol's bracket names.
        func layer(_ symbol: MathSymbol, hidden: Int = 0) -> Int {
            if let l = symbol.layer { return l - 1 }
            switch symbol.mark {
            case .hidden?: return 0
            case .output?: return last
            case nil: return hidden
            }
        }

        func quantity(_ symbol: MathSymbol) -> Quantity? {
            let i = symbol.indices.map { index -> Int? in number(index) }
            let first = i.first ?? nil, second = i.count > 1 ? i[1] : nil
            switch symbol.base {
            case "X": return first.map { .activation(-1, $0) }
            case "Z" where layered: return first.map { .net(layer(symbol), $0) }
            case "Z": return first.map { .activation(0, $0) }
            case "Y": return first.map { .activation(last, $0) }
            case "A": return first.map { .activation(layer(symbol), $0) }
            case "Q", "y": return first.map { .target($0) }
            case "net": return first.map { .net(layer(symbol, hidden: last), $0) }
            case "δ", "dZ": return first.map { .delta(layer(symbol, hidden: last), $0) }
            case "dA": return first.map { .outGradient(layer(symbol), $0) }
            case "λ": return .weightDecay
            case "μ": return .momentum
            case "β": return first.map { .beta($0) }
            case "ε": return .epsilon
            case "t": return .updateNumber
            case "u": return .velocity
            case "m": return .firstMoment
            case "v" where symbol.indices.isEmpty: return .secondMoment
            case "m̂": return .firstMomentCorrected
            case "v̂": return .secondMomentCorrected
            case "v", "V": return first.flatMap { a in second.map { .weight(0, a, $0) } }
            case "w", "W":
                let l = layered ? layer(symbol) : last
                if symbol.indices.count == 1, !layered { return first.map { .weight(l, $0, 0) } }
                return first.flatMap { a in second.map { .weight(l, a, $0) } }
            case "b": return first.map { .bias(layer(symbol, hidden: last), $0) }
            case "E": return symbol.sample == nil ? .loss(nil) : number(symbol.sample).map { .loss($0) }
            case "J": return .batchLoss
            case "η": return .learningRate
            case "e": return .euler
            case "max": return .largestNet
            default: return nil
            }
        }

        func value(_ quantity: Quantity, sample s: Int) -> Double? {
            let row = record.sampleRange.lowerBound + s
            switch quantity {
            case .activation(-1, let i): return scenario.samples[row].x[i]
            case .activation(let l, let j): return record.out[l][s][j]
            case .net(let l, let j): return record.net[l][s][j]
            case .delta(let l, let j): return record.delta[l][s][j]
            case .outGradient(let l, let j): return outGradient(l, j, s)
            case .target(let k): return scenario.samples[row].y[k]
            case .weight(let l, let i, let j): return record.parametersBefore.weights[l][i * sizes[l + 1] + j]
            case .bias(let l, let j): return record.parametersBefore.biases[l][j]
            case .loss(let index): return record.sampleLosses[index ?? s]
            case .batchLoss: return record.loss
            case .learningRate: return scenario.learningRate
            case .euler: return M_E
            case .largestNet: return record.net[last][s].max()
            default: return ruleValue(quantity)
            }
        }

        /// The update rule's settings from the scenario, its state from the batch's record.
        func ruleValue(_ quantity: Quantity) -> Double? {
            let t = record.optimizerStateBefore.steps + 1
            switch (quantity, scenario.optimizer) {
            case (.weightDecay, _): return scenario.weightDecay
            case (.momentum, .momentum(let mu)): return mu
            case (.beta(0), .adam(let beta1, _, _)): return beta1
            case (.beta(1), .adam(_, let beta2, _)): return beta2
            case (.epsilon, .adam(_, _, let epsilon)): return epsilon
            case (.updateNumber, _): return Double(t)
            case (.velocity, _), (.firstMoment, _): return state(quantity, \.first)
            case (.secondMoment, _): return state(quantity, \.second)
            case (.firstMomentCorrected, .adam(let beta1, _, _)):
                return state(.firstMoment, \.first).map { $0 / (1 - pow(beta1, Double(t))) }
            case (.secondMomentCorrected, .adam(_, let beta2, _)):
                return state(.secondMoment, \.second).map { $0 / (1 - pow(beta2, Double(t))) }
            default: return nil
            }
        }

        /// A buffer's entry for the line's parameter: before the update on the right of its own
        /// assignment, after it elsewhere.
        func state(_ quantity: Quantity, _ buffer: KeyPath<OptimizerState, [Double]>) -> Double? {
            guard let parameter else { return nil }
            let ownAssignment = assigned.flatMap(self.quantity) == quantity
            let state = ownAssignment ? record.optimizerStateBefore : record.optimizerStateAfter
            // The buffers run layer by layer, each layer's weights row-major and then its biases.
            var index = 0
            for l in 0..<parameter.layer { index += (sizes[l] + 1) * sizes[l + 1] }
            let units = sizes[parameter.layer + 1]
            index += parameter.from.map { $0 * units + parameter.to } ?? sizes[parameter.layer] * units + parameter.to
            return state[keyPath: buffer][index]
        }

        /// ∂E/∂A of a unit: at the output from the loss's definition, below it from the layer above.
        func outGradient(_ l: Int, _ j: Int, _ s: Int) -> Double {
            if l == last {
                let y = record.out[l][s][j], q = scenario.samples[record.sampleRange.lowerBound + s].y[j]
                switch scenario.loss {
                case .binaryCrossEntropy: return -(q / y - (1 - q) / (1 - y))
                case .crossEntropy: return -q / y
                case .meanSquaredError: return y - q
                }
            }
            return (0..<sizes[l + 2]).reduce(0) { $0 + record.delta[l + 1][s][$1] * record.parametersBefore.weights[l + 1][j * sizes[l + 2] + $1] }
        }

        /// ∂out/∂net of unit j from the output k's net (softmax couples them).
        func activationDerivative(_ l: Int, _ j: Int, by k: Int, _ s: Int) -> Double {
            let out = record.out[l][s][j], net = record.net[l][s][j]
            switch scenario.layers[l].activation {
            case .sigmoid: return j == k ? out * (1 - out) : 0
            case .softmax: return out * ((j == k ? 1 : 0) - record.out[l][s][k])
            case .tanh: return j == k ? 1 - out * out : 0
            case .relu: return j == k ? (net > 0 ? 1 : 0) : 0
            case .linear: return j == k ? 1 : 0
            }
        }

        func parameterGradient(_ quantity: Quantity) -> Double? {
            switch quantity {
            case .weight(let l, let i, let j): return record.weightGradients[l][i * sizes[l + 1] + j]
            case .bias(let l, let j): return record.biasGradients[l][j]
            default: return nil
            }
        }

        func lookup(_ formula: Formula, _ bindings: [Character: Int]) -> Double? {
            let s = bindings["s"].map { $0 - 1 } ?? sample
            switch formula {
            case .symbol(let symbol): return quantity(symbol).flatMap { value($0, sample: s) }
            case .partial(.symbol(let a), .symbol(let b)): return partial(a, b, s)
            default: return nil
            }
        }

        func partial(_ a: MathSymbol, _ b: MathSymbol, _ s: Int) -> Double? {
            guard let of = quantity(a), let by = quantity(b) else { return nil }
            switch (of, by) {
            case (.loss, .activation(let l, let j)): return outGradient(l, j, s)
            case (.loss, .net(let l, let j)): return record.delta[l][s][j]
            case (.activation(let l, let j), .net(let l2, let k)) where l == l2: return activationDerivative(l, j, by: k, s)
            case (.net(let l, let k), .activation(let l2, let j)) where l2 == l - 1:
                return record.parametersBefore.weights[l][j * sizes[l + 1] + k]
            case (.net(let l, _), .weight(let l2, let i, _)) where l == l2: return value(.activation(l - 1, i), sample: s)
            case (.net(let l, _), .bias(let l2, _)) where l == l2: return 1
            case (.batchLoss, .loss): return scenario.reduction.factor(count: record.sampleCount)
            case (.batchLoss, _): return parameterGradient(by)
            case (.loss(let index), _) where index != nil: return parameterGradient(by).map { _ in perSampleGradient(by, index!) }
            default: return nil
            }
        }

        /// ∂E⁽ˢ⁾/∂w: the sample's δ times the input the weight multiplies.
        func perSampleGradient(_ quantity: Quantity, _ s: Int) -> Double {
            switch quantity {
            case .weight(let l, let i, let j): return record.delta[l][s][j] * value(.activation(l - 1, i), sample: s)!
            case .bias(let l, let j): return record.delta[l][s][j]
            default: return .nan
            }
        }
    }

    /// Checks one equation: every side that is not a placeholder evaluates to the last side's
    /// number. Returns what failed.
    static func check(_ equation: Equation, meaning: Meaning, prefix: [Formula] = [], context: String) -> [String] {
        guard case .number(let expected, _)? = equation.sides.last, expected.isFinite else { return [] }
        var failures: [String] = []
        let sides = prefix + equation.sides.enumerated().filter { !(equation.assigns && $0.offset == 0) }.map(\.element)
        for side in sides.dropLast() {
            if case .phantom = side { continue }
            guard let value = side.evaluate(meaning.lookup) else {
                failures.append("\(context): \(side.text) has no value")
                continue
            }
            let tolerance = 1e-9 * max(1, abs(expected))
            if !(abs(value - expected) <= tolerance) {
                failures.append("\(context): \(side.text) = \(value), shown as \(expected)")
            }
        }
        return failures
    }

    /// Checks every line of every step of the first `epochs` epochs of `scenario`, and the chain
    /// rule of every weight at each step. Returns the failures and how many sides were checked.
    static func checkAll(_ scenario: Scenario, epochs: Int = 1) -> (failures: [String], equations: Int) {
        var cursor = StepCursor(run: TrainingRun(scenario: scenario))
        var failures: [String] = [], equations = 0
        let steps = min(cursor.stepCount, cursor.stepsPerEpoch * epochs)
        for index in 0..<steps {
            cursor.move(to: index)
            let step = cursor.step
            let explanation = StepExplanation(step: step, scenario: scenario)
            var pending: [Formula] = []
            for line in explanation.lines {
                for equation in line.equations {
                    var assigned: MathSymbol?
                    if equation.assigns, case .symbol(let symbol)? = equation.sides.first { assigned = symbol }
                    let meaning = Meaning(scenario: scenario, record: step.record, sample: line.sample ?? 0,
                                          parameter: line.parameter, assigned: assigned)
                    // "E = −[…]" is continued on the next line, "  = −[1·log 0.7…] = 0.35".
                    if case .phantom? = equation.sides.first {
                        failures += check(equation, meaning: meaning, prefix: pending, context: "step \(index + 1): \(line.text)")
                        pending = []
                    } else if case .number? = equation.sides.last {
                        failures += check(equation, meaning: meaning, context: "step \(index + 1): \(line.text)")
                    } else {
                        pending = Array(equation.sides.dropFirst())
                    }
                    equations += 1
                }
            }
            if step.phase == .update {
                for weight in WeightID.all(layerSizes: scenario.layerSizes) {
                    failures += chainFailures(weight, step: step, scenario: scenario)
                    equations += 1
                }
            }
        }
        return (failures, equations)
    }

    /// Every factor's label and formula, and every simplification, against its value.
    static func chainFailures(_ weight: WeightID, step: Step, scenario: Scenario) -> [String] {
        let d = ChainRule.decompose(weight, record: step.record, scenario: scenario)
        var failures: [String] = []
        for path in d.paths {
            let meaning = Meaning(scenario: scenario, record: step.record, sample: path.sample)
            for factor in path.factors {
                let equation = Equation(factor.label, factor.formula, .number(factor.value, .value))
                failures += check(equation, meaning: meaning, context: "\(d.symbol) path \(path.units)")
            }
            let product = path.factors.reduce(1) { $0 * $1.value }
            if abs(product - path.product) > 1e-9 * max(1, abs(product)) { failures.append("\(d.symbol): product \(path.product) ≠ \(product)") }
        }
        for simplification in d.simplifications {
            let meaning = Meaning(scenario: scenario, record: step.record, sample: simplification.sample)
            let equation = Equation(simplification.label, simplification.formula, .number(simplification.value, .value))
            failures += check(equation, meaning: meaning, context: "\(d.symbol) simplification")
        }
        return failures
    }

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Scenarios")

    static var scenarioFiles: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    @Test(arguments: scenarioFiles)
    func everyScenarioFileShowsArithmetic(_ file: String) throws {
        let scenario = try ScenarioDecoder.decode(try Data(contentsOf: Self.directory.appendingPathComponent(file)), file: file)
        let (failures, equations) = Self.checkAll(scenario, epochs: 2)
        #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
        #expect(equations > 20)
    }

    @Test func theScenariosFolderIsFound() {
        #expect(Self.scenarioFiles.count >= 6)
    }

    @Test func randomNetsShowArithmetic() throws {
        var checked = 0
        for seed in 0..<40 {
            let scenario = try TestScenarios.decode(RandomScenarioTests.randomScenario(seed))
            let (failures, equations) = Self.checkAll(scenario)
            #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(5).joined(separator: "\n"))")
            checked += equations
        }
        #expect(checked > 1000)
    }

    /// Momentum's and Adam's lines, weight decay's term and fixed biases evaluate, over several
    /// epochs so that the state carried from update to update is checked too.
    @Test(arguments: [Optimizer.momentum(0.9), .defaultAdam, .adam(beta1: 0.5, beta2: 0.75, epsilon: 0.01), .sgd])
    func updateRulesShowArithmetic(_ optimizer: Optimizer) throws {
        var checked = 0
        for seed in 0..<8 {
            var scenario = try TestScenarios.decode(RandomScenarioTests.randomScenario(seed))
            scenario.optimizer = optimizer
            scenario.weightDecay = seed % 2 == 0 ? 0.01 : 0
            scenario.trainBiases = seed % 3 != 0
            let (failures, equations) = Self.checkAll(scenario, epochs: 3)
            #expect(failures.isEmpty, "seed \(seed): \(failures.prefix(5).joined(separator: "\n"))")
            checked += equations
        }
        #expect(checked > 500)
    }

    /// Wide layers write their sums with Σ and a bound index: those evaluate too.
    @Test func wideLayersShowArithmetic() throws {
        for (inputs, hidden, outputs, loss, activation) in [(6, 5, 5, "mse", "tanh"), (6, 5, 6, "cross_entropy", "softmax")] {
            var random = SeededRandom(seed: UInt64(inputs * 100 + outputs))
            func numbers(_ count: Int) -> String { (0..<count).map { _ in "\((random.uniform(limit: 1) * 1000).rounded() / 1000)" }.joined(separator: ", ") }
            func matrix(_ rows: Int, _ columns: Int) -> String { (0..<rows).map { _ in "[\(numbers(columns))]" }.joined(separator: ", ") }
            let target = (0..<outputs).map { $0 == 1 ? "1" : "0" }.joined(separator: ", ")
            let json = """
            {"layers": [{"units": \(inputs)},
              {"units": \(hidden), "activation": "sigmoid", "weights": [\(matrix(inputs, hidden))], "biases": [\(numbers(hidden))]},
              {"units": \(outputs), "activation": "\(activation)", "weights": [\(matrix(hidden, outputs))], "biases": [\(numbers(outputs))]}],
             "loss": "\(loss)", "learning_rate": 0.1, "epochs": 2,
             "data": [{"x": [\(numbers(inputs))], "y": [\(target)]}, {"x": [\(numbers(inputs))], "y": [\(target)]}]}
            """
            let (failures, equations) = Self.checkAll(try TestScenarios.decode(json))
            #expect(failures.isEmpty, "\(failures.prefix(5).joined(separator: "\n"))")
            #expect(equations > 50)
        }
    }

    /// The check itself catches a wrong line: a formula whose numbers do not give its value.
    @Test func aWrongLineIsCaught() throws {
        let scenario = try TestScenarios.decode(TestScenarios.seed000)
        var cursor = StepCursor(run: TrainingRun(scenario: scenario))
        cursor.move(to: 0)
        let meaning = Meaning(scenario: scenario, record: cursor.step.record, sample: 0)
        let z1 = Formula.symbol(MathSymbol("Z", 1))
        // Z₁ = σ(0.3775) = 0.5933 by hand (seed 000); σ(0.38) and 0.6 are wrong.
        #expect(Self.check(Equation(z1, .apply(.sigmoid, .number(0.3775, .value)), .number(0.5932699921071872, .value)),
                           meaning: meaning, context: "").isEmpty)
        #expect(Self.check(Equation(z1, .apply(.sigmoid, .number(0.38, .value)), .number(0.5932699921071872, .value)),
                           meaning: meaning, context: "").count == 1)
        #expect(Self.check(Equation(z1, .number(0.6, .value)), meaning: meaning, context: "").count == 1)
        #expect(Self.check(Equation(z1, .number(0.5932699921071872, .value)), meaning: meaning, context: "").isEmpty)
    }
}
