import Foundation
import Testing
@testable import NNCore
@testable import NNTerminal

/// Playing a lesson: the `:` command line, breakpoints and `continue`, autoplay by update and
/// epoch, and the lesson notes.
@Suite struct LessonPlayTests {
    func scenario(_ file: String) throws -> Scenario { try ScenarioFiles.load(file) }

    func open(_ scenario: Scenario, keys: String = "") throws -> ViewerState {
        let sized = ViewerState(scenario: scenario).updated(with: .key(.resize(width: 120, height: 40)))
        return try press(keys, sized)
    }

    func press(_ keys: String, _ state: ViewerState) throws -> ViewerState {
        try KeyScript.parse(keys).reduce(state) { $0.updated(with: .key($1)) }
    }

    /// The loss J of each epoch of xor.json's single batch, by a second, plain implementation:
    /// 2-3-1 sigmoid net, binary cross-entropy, mean over the 4 samples, gradient descent.
    static func xorLosses(epochs: Int, scenario: Scenario) -> [Double] {
        var v = scenario.layers[0].weights, bz = scenario.layers[0].biases
        var w = scenario.layers[1].weights, by = scenario.layers[1].biases
        let eta = scenario.learningRate, m = Double(scenario.samples.count)
        func sigma(_ t: Double) -> Double { 1 / (1 + exp(-t)) }
        var losses: [Double] = []
        for _ in 0..<epochs {
            var gv = v.map { $0.map { _ in 0.0 } }, gbz = bz.map { _ in 0.0 }
            var gw = w.map { $0.map { _ in 0.0 } }, gby = by.map { _ in 0.0 }
            var loss = 0.0
            for sample in scenario.samples {
                let z = (0..<bz.count).map { j in sigma(bz[j] + (0..<sample.x.count).reduce(0) { $0 + sample.x[$1] * v[$1][j] }) }
                let y = sigma(by[0] + (0..<z.count).reduce(0) { $0 + z[$1] * w[$1][0] })
                let q = sample.y[0]
                loss += -(q * log(y) + (1 - q) * log(1 - y)) / m
                let dy = (y - q) / m
                for j in 0..<z.count {
                    gw[j][0] += dy * z[j]
                    let dz = dy * w[j][0] * z[j] * (1 - z[j])
                    for i in 0..<sample.x.count { gv[i][j] += dz * sample.x[i] }
                    gbz[j] += dz
                }
                gby[0] += dy
            }
            losses.append(loss)
            for i in v.indices { for j in v[i].indices { v[i][j] -= eta * gv[i][j] } }
            for j in bz.indices { bz[j] -= eta * gbz[j] }
            for j in w.indices { w[j][0] -= eta * gw[j][0] }
            by[0] -= eta * gby[0]
        }
        return losses
    }

    @Test func continueStopsAtTheFirstLossBelowTheBreakpoint() throws {
        let xor = try scenario("xor.json")
        #expect(xor.layers.count == 2 && xor.batchesPerEpoch == 1, "the reference below is for a one-batch 2-layer net")
        let state = try open(xor, keys: ":break loss < 0.1{Enter}c")
        let losses = Self.xorLosses(epochs: xor.epochs, scenario: xor)
        let first = try #require(losses.firstIndex { $0 < 0.1 })
        // The loss step of epoch `first`: forward ×2, then the loss.
        #expect(state.cursor.index == first * state.cursor.stepsPerEpoch + 2)
        #expect(state.derived.step.phase == .loss)
        #expect(abs(state.derived.step.record.loss - losses[first]) < 1e-9)
        #expect(state.message?.contains("breakpoint 1: loss < 0.1") == true)
        // The loss stays below 0.1 from there on: the breakpoint fired where it crossed, and
        // continuing again runs to the end.
        #expect(losses[first...].allSatisfy { $0 < 0.1 })
        let again = try press("c", state)
        #expect(again.cursor.isAtEnd && again.message == "no breakpoint or note before the end: at the last step")
    }

    @Test func phaseAndEpochBreakpointsStopWhereTheySay() throws {
        let state = try open(try scenario("two-outputs.json"), keys: ":break update{Enter}c")
        #expect(state.derived.step.phase == .update && state.cursor.index == 5)
        let next = try press("c", state)
        #expect(next.cursor.index == 11)
        let epoch = try press(":delete 1{Enter}:break epoch 40{Enter}c", next)
        #expect(epoch.cursor.index == 39 * 6 && epoch.breakpoints == [.epoch(40)])
        let end = try press(":delete all{Enter}c", epoch)
        #expect(end.cursor.isAtEnd)
        #expect(end.message == "no breakpoint or note before the end: at the last step")
    }

    @Test func aDivergingRunStopsAtItsFirstLossThatIsNotFinite() throws {
        let json = #"""
        {"name": "Too large a step", "layers": [{"units": 1}, {"units": 1, "activation": "linear", "weights": [[1.0]], "biases": [0]}],
         "loss": "mse", "learning_rate": 100, "epochs": 500, "data": [{"x": [3], "y": [1]}, {"x": [-2], "y": [0]}]}
        """#
        let scenario = try ScenarioDecoder.decode(Data(json.utf8), file: "diverging.json")
        // By hand: J = mean ½(w·x + b − y)², then w, b ← w, b − η·∂J.
        var (w, b) = (1.0, 0.0), epoch = 0
        while epoch < 500 {
            let errors = [(3.0, w * 3 + b - 1), (-2.0, w * -2 + b)]
            let loss = errors.reduce(0) { $0 + 0.5 * $1.1 * $1.1 } / 2
            if !loss.isFinite { break }
            w -= 100 * errors.reduce(0) { $0 + $1.1 * $1.0 } / 2
            b -= 100 * errors.reduce(0) { $0 + $1.1 } / 2
            epoch += 1
        }
        let state = try open(scenario, keys: "c")
        #expect(state.cursor.index == epoch * 4 + 1)
        #expect(state.message?.hasPrefix("⚠ stopped at epoch \(epoch + 1), step 2: the loss is not finite") == true)
        // Autoplay by step stops there too, with the warning.
        var playing = try open(scenario, keys: ":goto epoch \(epoch + 1){Enter}r")
        for _ in 0..<3 { playing = playing.updated(with: .tick) }
        #expect(!playing.playing && playing.cursor.index == epoch * 4 + 1)
        #expect(playing.message?.hasPrefix("⚠ the loss is") == true)
    }

    @Test func playingByEpochAdvancesManyEpochsAFrameAndStopsAtBreakpoints() throws {
        let xor = try scenario("xor.json")
        var state = try open(xor, keys: ":play epoch 1000/s{Enter}")
        #expect(state.playing && state.playUnit == .epoch && state.playInterval == 33)
        state = state.updated(with: .tick)
        #expect(state.cursor.index == 33 * state.cursor.stepsPerEpoch)
        var frames = 1
        while state.playing && frames < 1000 {
            state = state.updated(with: .tick)
            frames += 1
        }
        // 5,000 epochs at 33 a frame: about 152 frames of 33 ms, 5 seconds.
        #expect(state.cursor.isAtEnd && frames <= 160)
        #expect(state.message == "end of training: autoplay stopped")

        var stopped = try open(xor, keys: ":break epoch 100{Enter}:play epoch 1000/s{Enter}")
        for _ in 0..<10 { stopped = stopped.updated(with: .tick) }
        #expect(!stopped.playing && stopped.cursor.index == 99 * stopped.cursor.stepsPerEpoch)
    }

    @Test func rPausesAPlayThatIsWorking() throws {
        var state = try open(try scenario("xor.json"), keys: ":play update 20/s{Enter}")
        _ = state.update(.tick)
        #expect(state.pending != nil)
        let command = state.update(.key(.character("r")))
        #expect(command == .cancel && !state.playing && state.pending == nil)
    }

    @Test func theCommandLineCompletesRemembersAndSuggests() throws {
        #expect(ColonCommand.complete("br").line == "break")
        #expect(ColonCommand.complete("br").candidates == ["break", "breaks"])
        #expect(ColonCommand.complete("break up") == ("break update ", []))
        #expect(ColonCommand.complete("pl").line == "play ")
        #expect(ColonCommand.parse("brek loss") == .failure(CommandError("unknown command 'brek': did you mean break?")))
        #expect(ColonCommand.parse("break loss<=0.05") == .success(.addBreakpoint(.loss(.atMost, 0.05))))
        #expect(ColonCommand.parse("break loss < x") == .failure(CommandError("break loss < takes a number, e.g. break loss < 0.1")))
        #expect(ColonCommand.parse("goto epoch 12 step 3") == .success(.goTo(epoch: 12, step: 3)))
        #expect(ColonCommand.parse("play epochs 50/s") == .success(.play(.epoch, perSecond: 50)))

        let state = try open(try scenario("two-outputs.json"), keys: ":goto epoch 3 step 2{Enter}:weight w12{Enter}:{Up}")
        #expect(state.cursor.index == 2 * 6 + 1)
        #expect(state.selectedWeight == WeightID(layer: 1, from: 0, to: 1))
        #expect(state.mode == .input(.command, text: "weight w12"))
        let older = try press("{Up}", state)
        #expect(older.mode == .input(.command, text: "goto epoch 3 step 2"))
        let wrong = try press("{Esc}:goto epoch 900{Enter}", older)
        #expect(wrong.message == "epoch 900 is past the last (100)")
        #expect(try press("{Esc}:theme light{Enter}", older).lightTheme)
    }

    @Test func lessonNotesShowAndNavigate() throws {
        var xor = try scenario("xor.json")
        xor.notes = [LessonNote(epoch: 1, step: 3, text: "The loss: watch it fall."), LessonNote(epoch: 10, step: 6, text: "An update.")]
        let state = try open(xor, keys: "N")
        #expect(state.cursor.index == 2)
        #expect(Renderer.render(state, width: 120, height: 40).text.contains("note: The loss: watch it fall."))
        let second = try press("N", state)
        #expect(second.cursor.index == 9 * 6 + 5)
        #expect(try press("N", second).message == "no note after this step")
        #expect(try press("P", second).cursor.index == 2)
        // continue stops at a note.
        #expect(try open(xor, keys: "c").cursor.index == 2)
        let list = try press(":notes{Enter}", second)
        guard case .list(let title, let lines) = list.mode else { Issue.record("no list"); return }
        #expect(title == "Lesson notes" && lines[1] == "▶ epoch 10, step 6: An update.")
    }
}

/// `:save` and `:predict`.
@Suite struct SaveAndPredictTests {
    func open(_ keys: String) throws -> ViewerState {
        let state = ViewerState(scenario: ScenarioDecoder.defaultScenario).updated(with: .key(.resize(width: 120, height: 40)))
        return try KeyScript.parse(keys).reduce(state) { $0.updated(with: .key($1)) }
    }

    @Test func predictShowsTheForwardPassByHand() throws {
        let state = try open(":predict 0.05 0.1{Enter}")
        guard case .list(let title, let lines) = state.mode else { Issue.record("no overlay"); return }
        #expect(title == "Prediction")
        // Seed 000 by hand: netᶻ₁ = 0.05·0.15 + 0.1·0.2 + 0.35, Y₁ = σ(Z₁·0.4 + Z₂·0.45 + 0.6).
        let z1 = 1 / (1 + exp(-0.3775)), z2 = 1 / (1 + exp(-0.3925))
        let y1 = 1 / (1 + exp(-(z1 * 0.4 + z2 * 0.45 + 0.6)))
        #expect(lines[1].contains(String(format: "netᶻ₁ = 0.3775, Z₁ = %.4f", z1)))
        #expect(lines[2].contains(String(format: "Y₁ = %.4f", y1)))
        #expect(try open(":predict 1{Enter}").message == "predict takes 2 numbers, one an input; got 1")
        #expect(try open(":predict a b{Enter}").message == "predict takes the input's numbers, e.g. predict 0.3 0.9")
    }

    @Test func saveWritesAScenarioThatContinuesAndNeverReplacesAFile() throws {
        let folder = NSTemporaryDirectory() + "nnview-save-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lesson.json"
        let state = try open("g3{Enter}:save \(path){Enter}")
        #expect(state.message?.hasPrefix("saved the start of epoch 3 to \(path)") == true)
        let saved = try ScenarioDecoder.decode(Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        // The saved file starts where epoch 3 starts: its first epoch trains as epoch 3 did.
        #expect(TrainingRun(scenario: saved).parameters(atStartOf: 1) == state.cursor.run.parameters(atStartOf: 3))
        #expect(saved.epochs == 98)
        let again = try open(":save \(path){Enter}")
        #expect(again.message?.contains("exists; choose another name, or use :save! to replace it") == true)
        #expect(try open(":save! \(path){Enter}").message?.hasPrefix("saved the start of epoch 1") == true)
        #expect(try open(":save notes.txt{Enter}").message == "save writes a scenario: give the file a .json name")
    }
}

/// A target edit the loader would refuse is refused where it is typed.
@Suite struct TargetEditTests {
    @Test func targetsKeepTheLossRules() throws {
        func open(_ json: String, _ keys: String) throws -> ViewerState {
            let scenario = try ScenarioDecoder.decode(Data(json.utf8), file: "t.json")
            return try KeyScript.parse(keys).reduce(ViewerState(scenario: scenario).updated(with: .key(.resize(width: 120, height: 40)))) {
                $0.updated(with: .key($1))
            }
        }
        let bce = #"{"layers": [{"units": 1}, {"units": 1}], "loss": "binary_cross_entropy", "learning_rate": 0.1, "epochs": 3, "data": [{"x": [1], "y": [1]}]}"#
        #expect(try open(bce, ":set q1 2{Enter}").message == "cannot set q1 to 2: binary cross-entropy needs targets from 0 to 1")
        #expect(try open(bce, ":set q1 0.25{Enter}").cursor.run.scenario.samples[0].y == [0.25])
        let softmax = #"{"layers": [{"units": 1}, {"units": 2, "activation": "softmax"}], "loss": "cross_entropy", "learning_rate": 0.1, "epochs": 3, "data": [{"x": [1], "y": [1, 0]}]}"#
        #expect(try open(softmax, ":set q1 0.5{Enter}").message?.hasSuffix("these would sum to 0.5") == true)
    }
}

/// ↑ in the formula prompt recalls the formulas checked before, so a fix is not retyped.
@Suite struct FormulaHistoryTests {
    @Test func upRecallsTheLastFormula() throws {
        let state = try KeyScript.parse("d(Y1-Q1)*X1{Enter}{Esc}d{Up}").reduce(
            ViewerState(scenario: ScenarioDecoder.defaultScenario).updated(with: .key(.resize(width: 120, height: 40)))
        ) { $0.updated(with: .key($1)) }
        #expect(state.mode == .input(.formula, text: "(Y1-Q1)*X1"))
        #expect(state.formulaHistory == ["(Y1-Q1)*X1"])
    }
}
