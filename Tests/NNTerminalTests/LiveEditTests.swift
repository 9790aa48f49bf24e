import Foundation
import Testing
@testable import NNCore
@testable import NNTerminal

/// Live edits: `=`, `:set` and `:reset` change the run from the current epoch on, keep the
/// epochs before it, and train exactly as a scenario written with the edited values would.
@Suite struct LiveEditTests {
    func xor() throws -> Scenario {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios").appendingPathComponent("xor.json")
        return try ScenarioDecoder.decode(Data(contentsOf: url), file: "xor.json")
    }

    func open(_ scenario: Scenario, keys: String = "") throws -> ViewerState {
        let sized = ViewerState(scenario: scenario).updated(with: .key(.resize(width: 120, height: 40)))
        return try press(keys, sized)
    }

    func press(_ keys: String, _ state: ViewerState) throws -> ViewerState {
        try KeyScript.parse(keys).reduce(state) { $0.updated(with: .key($1)) }
    }

    /// The export of `run` at the start of `epoch`, read back and changed by `change`: the
    /// scenario a user would write by hand to start there with the edit.
    func byHand(_ run: TrainingRun, epoch: Int, epochs: Int, _ change: (inout Scenario) -> Void) throws -> Scenario {
        let text = ScenarioWriter.text(run.scenario, parameters: run.parameters(atStartOf: epoch),
                                       optimizerState: run.optimizerState(atStartOf: epoch), epochs: epochs, name: "by hand")
        var scenario = try ScenarioDecoder.decode(Data(text.utf8), file: "by-hand.json")
        change(&scenario)
        // Plain gradient descent writes no state; the update count carries on all the same.
        scenario.initialOptimizerState = OptimizerState(steps: epoch * run.scenario.batchesPerEpoch, first: [], second: [])
        return scenario
    }

    @Test func aWeightEditTrainsAsTheHandWrittenScenarioAndKeepsTheEpochsBefore() throws {
        let xor = try xor()
        let state = try open(xor, keys: "ee:set v11 0.9{Enter}")
        #expect(state.isEdited && state.cursor.epoch == 2)
        #expect(state.message?.contains("edited: v11 = 0.9 from the start of epoch 3 on") == true)
        #expect(state.derived.step.record.parametersBefore.weights[0][0] == 0.9)
        #expect(Renderer.render(state, width: 120, height: 40).text.contains("edited (:reset)"))

        let original = TrainingRun(scenario: xor)
        let handWritten = try byHand(original, epoch: 2, epochs: xor.epochs - 2) { $0.layers[0].weights[0][0] = 0.9 }
        let fresh = TrainingRun(scenario: handWritten)
        // Forward two epochs, step by step at their starts, and compare with the hand-written run.
        var later = try press("ee", state)
        var record = later.derived.step.record
        record.epoch = 2
        #expect(record == fresh.record(epoch: 2, batch: 0))
        // Back across the edit: the earlier epoch shows the unedited numbers.
        later = try press("EEE", later)
        #expect(later.cursor.epoch == 1 && later.derived.step.record == original.record(epoch: 1, batch: 0))
        #expect(later.derived.lossHistory.exactLoss(1) == original.epochLoss(1))
        #expect(later.scenario.layers == xor.layers && later.isEdited)
    }

    @Test func equalsSetsTheSelectedWeightAndABadValueKeepsTheLine() throws {
        let xor = try xor()
        let wrong = try open(xor, keys: "e=abc{Enter}")
        #expect(wrong.mode == .input(.value, text: "abc") && wrong.message?.contains("'abc' is not a number") == true)
        let state = try open(xor, keys: "e=-0.5{Enter}")
        #expect(state.selectedWeightName == "v11" && state.mode == .normal)
        #expect(state.derived.step.record.parametersBefore.weights[0][0] == -0.5)
        // The epoch before is the scenario's.
        let before = try press("EE", state)
        #expect(before.derived.step.record.parametersBefore == TrainingRun(scenario: xor).parameters(atStartOf: 0))
    }

    @Test func inputAndTargetEditsChangeTheShownSample() throws {
        let xor = try xor()
        let state = try open(xor, keys: "es:set x2 0.3{Enter}:set q1 0.25{Enter}")
        #expect(state.shownSample == 1)
        #expect(state.scenario.samples[1].x[1] == 0.3 && state.scenario.samples[1].y[0] == 0.25)
        #expect(state.scenario.samples[0] == xor.samples[0] && state.scenario.samples[2...] == xor.samples[2...])
        // The first layer's net of the shown sample, by hand, with the new input.
        let record = state.derived.step.record, w = record.parametersBefore.weights[0], b = record.parametersBefore.biases[0]
        let units = xor.layers[0].units, x = [xor.samples[1].x[0], 0.3]
        for j in 0..<units {
            #expect(abs(record.net[0][1][j] - (x[0] * w[j] + x[1] * w[units + j] + b[j])) < 1e-12)
        }
        // The loss of the output for the shown sample uses the new target: BCE with q = 0.25.
        let y = record.out[1][1][0]
        #expect(abs(record.sampleLosses[1] - -(0.25 * log(y) + 0.75 * log(1 - y))) < 1e-12)
        // Before the edit the data is the file's.
        #expect(try press("E", state).scenario.samples == xor.samples)
    }

    @Test func learningRateAndEpochEdits() throws {
        let xor = try xor()
        // Epoch 2, at its update step (one batch: the step before epoch 3).
        let state = try open(xor, keys: "ee{Left}:set lr 0.1{Enter}:set epochs 7{Enter}")
        #expect(state.scenario.learningRate == 0.1 && state.scenario.epochs == 7)
        #expect(state.cursor.stepCount == 7 * state.cursor.stepsPerEpoch)
        let record = state.derived.step.record
        #expect(state.derived.step.phase == .update)
        let step = record.parametersBefore.weights[0][0] - 0.1 * record.weightGradients[0][0]
        #expect(abs(record.parametersAfter.weights[0][0] - step) < 1e-15)
        let end = try press("{End}", state)
        #expect(end.cursor.epoch == 6 && end.derived.finishedEpochs == 7)
    }

    @Test func resetReturnsToTheScenarioAtTheSameStep() throws {
        let xor = try xor()
        let edited = try open(xor, keys: "een:set v11 2{Enter}:set epochs 4{Enter}")
        let reset = try press(":reset{Enter}", edited)
        #expect(!reset.isEdited && reset.cursor.index == edited.cursor.index && reset.scenario == xor)
        #expect(reset.derived.step.record == TrainingRun(scenario: xor).record(epoch: 2, batch: 0))
        #expect(reset.message?.contains("reset") == true)
        #expect(try press(":reset{Enter}", reset).message == "nothing to reset: the run has the scenario's values")
    }

    @Test func anEditLaterInAnEpochSaysItStartsAtTheEpoch() throws {
        var xor = try xor()
        xor.batchSize = 2
        let stepsPerBatch = Phase.stepsPerBatch(layerCount: xor.layers.count)
        let keys = "e" + String(repeating: "n", count: stepsPerBatch) + ":set lr 0.5{Enter}"
        let state = try open(xor, keys: keys)
        #expect(state.cursor.batch == 1)
        #expect(state.message?.contains("applied from the start of epoch 2: its earlier batches are recomputed too") == true)
        // Its first batch already trains with η = 0.5.
        let first = TrainingRun(editing: TrainingRun(scenario: xor), fromEpoch: 1, scenario: state.scenario,
                                parameters: TrainingRun(scenario: xor).parameters(atStartOf: 1),
                                optimizerState: TrainingRun(scenario: xor).optimizerState(atStartOf: 1))
        #expect(state.derived.step.record == first.record(epoch: 1, batch: 1))
    }

    @Test func saveWritesTheEditedRun() throws {
        let xor = try xor()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("nnview-edit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("edited.json").path
        let state = try open(xor, keys: "ee:set lr 0.3{Enter}:set v21 -0.7{Enter}e:save \(path){Enter}")
        #expect(state.message?.contains("saved the start of epoch 4") == true)
        let saved = try ScenarioDecoder.load(path: path)
        #expect(saved.learningRate == 0.3 && saved.epochs == xor.epochs - 3)
        // Training the saved file is the edited run from epoch 4 on, to the bit.
        let original = TrainingRun(scenario: xor)
        let fresh = TrainingRun(scenario: try byHand(original, epoch: 2, epochs: xor.epochs - 2) {
            $0.learningRate = 0.3
            $0.layers[0].weights[1][0] = -0.7
        })
        #expect(TrainingRun(scenario: saved).parameters(atStartOf: 2) == fresh.parameters(atStartOf: 3))
        #expect(TrainingRun(scenario: saved).epochLoss(0).bitPattern == fresh.epochLoss(1).bitPattern)
    }

    @Test func validationMessages() throws {
        let xor = try xor()
        let state = try open(xor, keys: "ee")
        func message(_ line: String) throws -> String { try press(":\(line){Enter}", state).message ?? "" }
        let names = "v11…v23, w11…w31, bz1…bz3, by1, x1…x2, q1, lr and epochs"
        #expect(try message("set foo 1").contains("cannot set 'foo': the net's names are \(names)"))
        #expect(try message("set v11 abc").contains("'abc' is not a number"))
        #expect(try message("set v11 inf").contains("v11 takes a finite number"))
        #expect(try message("set v11 nan").contains("takes a finite number"))
        #expect(try message("set lr 0").contains("the learning rate must be above 0"))
        #expect(try message("set lr -1").contains("above 0"))
        #expect(try message("set x3 1") == "x3 is out of range: this net has x1…x2")
        #expect(try message("set q2 1") == "q2 is out of range: this net has only q1")
        #expect(try message("set epochs 2").contains("epochs takes a whole number from 3 (this epoch) to 10,000,000"))
        #expect(try message("set epochs 4.5").contains("whole number"))
        #expect(try message("set epochs 20000000").contains("whole number"))
        #expect(try message("set v11").contains("set takes a name and a value"))
        #expect(try press(":set v11 \u{1B}[31m{Enter}", state).message?.contains("\u{1B}") == false)
        #expect(!(try press(":set lr 0{Enter}", state)).isEdited)
    }
}
