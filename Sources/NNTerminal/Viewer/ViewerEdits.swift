import NNCore

/// Live edits (`=`, `:set`, `:reset`): a weight, a bias, an input or a target of the sample the
/// diagram shows, the learning rate or the run's length, changed from the current epoch on.
/// The run before the edit stays as it was; training from the edit on is recomputed as work.
extension ViewerState {
    /// The selected weight's name as the net spells it ("v11", "W[2]13").
    public var selectedWeightName: String {
        selectedWeight.name(layerSizes: scenario.layerSizes, notation: scenario.notation)
    }

    /// `:set NAME VALUE` and `=`: applies the edit, or says on the status line why not; true when applied.
    @discardableResult
    mutating func set(_ name: String, to text: String) -> Bool {
        let shownName = TerminalText.escaped(String(name.prefix(30)))
        guard let value = Double(text.replacingOccurrences(of: "−", with: "-")) else {
            let shownText = TerminalText.escaped(String(text.prefix(30)))
            message = "'\(shownText)' is not a number: type one, e.g. 0.9 or -1.5e-2"
            return false
        }
        guard value.isFinite else {
            message = "\(shownName) takes a finite number, not \(NumberStyle.standard.format(value))"
            return false
        }
        switch name.lowercased() {
        case "lr", "eta", "η", "learning_rate": return setLearningRate(value)
        case "epochs": return setEpochs(value)
        default: break
        }
        if let (isInput, index) = dataName(name) { return setData(isInput: isInput, index: index, value: value) }
        do {
            let id = try WeightID.parse(name, layerSizes: scenario.layerSizes, notation: scenario.notation)
            return setParameter(id, value: value)
        } catch {
            let names = WeightID.nameRanges(layerSizes: scenario.layerSizes, notation: scenario.notation)
            message = "cannot set '\(shownName)': the net's names are \(names), \(dataNames), lr and epochs"
            return false
        }
    }

    /// The inputs and targets by name, for messages: "x1…x2, q1".
    private var dataNames: String {
        let target = scenario.notation == .classic ? "q" : "y"
        func range(_ letter: String, _ count: Int) -> String {
            count == 1 ? "\(letter)1" : "\(letter)1…\(letter)\(count)"
        }
        return range("x", scenario.inputUnits) + ", " + range(target, scenario.layers.last?.units ?? 1)
    }

    /// "x2" → an input, "q1" (classic) or "y1" (layered) → a target, with the 1-based index.
    private func dataName(_ name: String) -> (isInput: Bool, index: Int)? {
        let lower = name.lowercased()
        guard let letter = lower.first, let index = Int(lower.dropFirst()), lower.count > 1 else { return nil }
        let target: Character = scenario.notation == .classic ? "q" : "y"
        guard letter == "x" || letter == target else { return nil }
        return (letter == "x", index)
    }

    private mutating func setLearningRate(_ value: Double) -> Bool {
        guard value > 0 else {
            message = "the learning rate must be above 0, not \(NumberStyle.standard.format(value))"
            return false
        }
        applyEdit("η = \(NumberStyle.standard.compact(value))") { scenario, _ in scenario.learningRate = value }
        return true
    }

    private mutating func setEpochs(_ value: Double) -> Bool {
        let lowest = cursor.epoch + 1, highest = ScenarioLimits.maximumEpochs
        guard value == value.rounded(), value >= Double(lowest), value <= Double(highest) else {
            message = "epochs takes a whole number from \(StatusBar.grouped(lowest)) (this epoch) "
                + "to \(StatusBar.grouped(highest))"
            return false
        }
        applyEdit("\(StatusBar.grouped(Int(value))) epochs") { scenario, _ in scenario.epochs = Int(value) }
        return true
    }

    private mutating func setData(isInput: Bool, index: Int, value: Double) -> Bool {
        let units = isInput ? scenario.inputUnits : scenario.layers.last?.units ?? 1
        let letter = isInput ? "x" : scenario.notation == .classic ? "q" : "y"
        guard (1...units).contains(index) else {
            message = "\(letter)\(index) is out of range: this net has \(units == 1 ? "only " : "")\(letter)1"
                + (units == 1 ? "" : "…\(letter)\(units)")
            return false
        }
        let range = scenario.batchRange(cursor.batch)
        let sample = range.lowerBound + min(shownSample, range.count - 1)
        if !isInput, let why = targetProblem(value, index: index - 1, sample: sample) {
            message = "cannot set \(letter)\(index) to \(NumberStyle.standard.compact(value)): \(why)"
            return false
        }
        applyEdit("\(letter)\(index) of sample \(sample + 1) = \(NumberStyle.standard.compact(value))") { scenario, _ in
            if isInput {
                scenario.samples[sample].x[index - 1] = value
            } else {
                scenario.samples[sample].y[index - 1] = value
            }
        }
        return true
    }

    /// Why a target value would make a scenario the loader refuses, as its rules say; nil if it is fine.
    private func targetProblem(_ value: Double, index: Int, sample: Int) -> String? {
        let output = scenario.layers[scenario.layers.count - 1].activation
        switch scenario.loss {
        case .binaryCrossEntropy:
            return (0...1).contains(value) ? nil : "\(scenario.loss.prose) needs targets from 0 to 1"
        case .crossEntropy where output != .softmax:
            return (0...1).contains(value) ? nil : "\(scenario.loss.prose) needs targets from 0 to 1"
        case .crossEntropy:
            var targets = scenario.samples[sample].y
            targets[index] = value
            let total = targets.reduce(0, +)
            return value >= 0 && abs(total - 1) <= 1e-9 ? nil
                : "softmax with cross-entropy needs targets that sum to 1 (a probability for each class); these would sum to "
                    + NumberStyle.standard.compact(total)
        case .meanSquaredError:
            return nil
        }
    }

    private mutating func setParameter(_ id: WeightID, value: Double) -> Bool {
        let name = id.name(layerSizes: scenario.layerSizes, notation: scenario.notation)
        let units = scenario.layerSizes[id.layer + 1]
        applyEdit("\(name) = \(NumberStyle.standard.compact(value))") { _, parameters in
            if let from = id.from {
                parameters.weights[id.layer][from * units + id.to] = value
            } else {
                parameters.biases[id.layer][id.to] = value
            }
        }
        return true
    }

    /// Continues the run from the start of the current epoch with `change` made to the scenario
    /// in effect there and to the parameters at its start, and recomputes the current step.
    private mutating func applyEdit(_ what: String, _ change: (inout Scenario, inout Parameters) -> Void) {
        let run = cursor.run, epoch = cursor.epoch, index = cursor.index
        var scenario = run.scenario(atEpoch: epoch)
        var parameters = run.parameters(atStartOf: epoch)
        change(&scenario, &parameters)
        let edited = TrainingRun(editing: run, fromEpoch: epoch, scenario: scenario, parameters: parameters,
                                 optimizerState: run.optimizerState(atStartOf: epoch))
        cursor = StepCursor(run: edited)
        cursor.move(to: index)
        let epochName = "epoch \(StatusBar.grouped(epoch + 1))"
        // An edit takes effect at an epoch's start: one made later in the epoch recomputes its earlier batches.
        message = cursor.batch == 0
            ? "edited: \(what) from the start of \(epochName) on; earlier epochs keep their numbers · :reset undoes"
            : "edited: \(what), applied from the start of \(epochName): its earlier batches are recomputed too"
                + " · :reset undoes"
        pending = PendingWork(kind: .derive(pendingRequest), what: "recomputing from \(epochName) with the edit")
    }

    /// `:reset`: the run as the scenario trains it, at the same step where it still exists.
    mutating func resetEdits() {
        guard isEdited else {
            message = "nothing to reset: the run has the scenario's values"
            return
        }
        let index = cursor.index
        cursor = StepCursor(run: cursor.run.original)
        cursor.move(to: index)
        message = "reset: the scenario's values again (edits undone)"
        pending = PendingWork(kind: .derive(pendingRequest), what: "recomputing the scenario's run")
    }
}
