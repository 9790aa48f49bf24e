import Foundation
import Testing
@testable import NNCore

/// A run edited at an epoch keeps the epochs before it and from it on trains exactly as a
/// scenario written by hand with the edited values would.
@Suite struct EditedRunTests {
    /// The plain test scenarios and their momentum and Adam variants, for runs of a few epochs.
    static var scenarios: [(name: String, scenario: Scenario)] {
        get throws {
            let plain = try TestScenarios.all.map { ($0.name, try TestScenarios.decode($0.json)) }
            return plain + plain.flatMap { ScenarioWriterTests.withUpdateRules($0.0, $0.1) }
        }
    }

    /// `record` with its epoch counted as `epoch`, so records of runs that start at different
    /// epochs compare.
    static func renumbered(_ record: BatchRecord, _ epoch: Int) -> BatchRecord {
        var record = record
        record.epoch = epoch
        return record
    }

    @Test func editedRunTrainsAsAHandWrittenScenarioFromTheEditOn() throws {
        for (name, scenario) in try Self.scenarios {
            let run = TrainingRun(scenario: scenario)
            let edit = 2, length = 4
            var parameters = run.parameters(atStartOf: edit)
            parameters.weights[0][0] = 0.9
            parameters.biases[0][0] = -0.25
            var edited = scenario
            edited.learningRate = 0.07
            edited.epochs = edit + length
            edited.samples[0].x[0] = 0.3
            edited.samples[0].y[0] = 0
            let editedRun = TrainingRun(editing: run, fromEpoch: edit, scenario: edited, parameters: parameters,
                                        optimizerState: run.optimizerState(atStartOf: edit))

            // By hand: the export at the edit, with the same values changed in its text's scenario.
            let text = ScenarioWriter.text(scenario, parameters: run.parameters(atStartOf: edit),
                                           optimizerState: run.optimizerState(atStartOf: edit), epochs: length, name: "by hand")
            var byHand = try ScenarioDecoder.decode(Data(text.utf8), file: "by-hand.json")
            byHand.layers[0].weights[0][0] = 0.9
            byHand.layers[0].biases[0] = -0.25
            byHand.learningRate = 0.07
            byHand.samples[0].x[0] = 0.3
            byHand.samples[0].y[0] = 0
            // A file of plain gradient descent has no state to write: only the update count, which
            // the edited run carries on, is set by hand.
            if byHand.initialOptimizerState == nil {
                byHand.initialOptimizerState = OptimizerState(steps: edit * scenario.batchesPerEpoch, first: [], second: [])
            }
            let fresh = TrainingRun(scenario: byHand)

            // Backwards on purpose: the edited run must recompute from its checkpoints too.
            for k in (0..<length).reversed() {
                for batch in 0..<scenario.batchesPerEpoch {
                    let mine = Self.renumbered(editedRun.record(epoch: edit + k, batch: batch), k)
                    #expect(mine == fresh.record(epoch: k, batch: batch), "\(name): epoch \(edit + k + 1) batch \(batch + 1)")
                }
                #expect(editedRun.epochLoss(edit + k).bitPattern == fresh.epochLoss(k).bitPattern, "\(name)")
            }
            let end = ScenarioWriterTests.bits(editedRun.parameters(atStartOf: edit + length))
            #expect(end == ScenarioWriterTests.bits(fresh.parameters(atStartOf: length)), "\(name)")
            #expect(editedRun.optimizerState(atStartOf: edit + length) == fresh.optimizerState(atStartOf: length), "\(name)")
        }
    }

    @Test func epochsBeforeTheEditShowTheRunEdited() throws {
        let scenario = try TestScenarios.decode(TestScenarios.deep)
        let run = TrainingRun(scenario: scenario)
        var edited = scenario
        edited.learningRate = 1.5
        edited.samples[1].x[2] = 4
        let editedRun = TrainingRun(editing: run, fromEpoch: 3, scenario: edited, parameters: run.parameters(atStartOf: 3),
                                    optimizerState: run.optimizerState(atStartOf: 3))
        // An independent run of the unedited scenario.
        let unedited = TrainingRun(scenario: scenario)
        #expect(editedRun.lossHistory.count == 3)
        _ = editedRun.parameters(atStartOf: 6)
        for epoch in 0..<3 {
            #expect(editedRun.lossHistory.exactLoss(epoch) == unedited.epochLoss(epoch))
            #expect(editedRun.record(epoch: epoch, batch: 1) == unedited.record(epoch: epoch, batch: 1))
            #expect(editedRun.scenario(atEpoch: epoch).samples == scenario.samples)
            #expect(editedRun.scenario(atEpoch: epoch).learningRate == scenario.learningRate)
        }
        #expect(editedRun.scenario(atEpoch: 3).samples == edited.samples)
        // The data edit changed what epoch 4 trains on: its loss differs from the unedited run's.
        #expect(editedRun.epochLoss(3) != unedited.epochLoss(3))
        #expect(editedRun.isEdited && !run.isEdited && editedRun.original === run)
    }

    @Test func anEditOfAnEditedRunKeepsBothPrefixes() throws {
        let scenario = try TestScenarios.decode(TestScenarios.logistic)
        let run = TrainingRun(scenario: scenario)
        var faster = scenario
        faster.learningRate = 0.5
        let first = TrainingRun(editing: run, fromEpoch: 1, scenario: faster, parameters: run.parameters(atStartOf: 1),
                                optimizerState: run.optimizerState(atStartOf: 1))
        var longer = faster
        longer.epochs = 9
        let second = TrainingRun(editing: first, fromEpoch: 3, scenario: longer, parameters: first.parameters(atStartOf: 3),
                                 optimizerState: first.optimizerState(atStartOf: 3))
        // Only the length changed at epoch 4: the second edit trains as the first would have, longer.
        for epoch in 0..<5 {
            #expect(second.epochLoss(epoch).bitPattern == first.epochLoss(epoch).bitPattern, "epoch \(epoch + 1)")
        }
        #expect(second.scenario(atEpoch: 0).learningRate == 0.1 && second.scenario(atEpoch: 2).learningRate == 0.5)
        #expect(second.original === run)
        let copy = second.copy()
        #expect(ScenarioWriterTests.bits(copy.parameters(atStartOf: 9)) == ScenarioWriterTests.bits(second.parameters(atStartOf: 9)))
    }
}
