import Foundation
import Testing
@testable import NNCore

/// A scenario's lesson notes: read with clear errors, sorted, and carried through export.
@Suite struct LessonNoteTests {
    /// xor (2-3-1, one batch of 4): 6 steps an epoch, 2,000 epochs.
    func scenario(notes: String) -> String {
        TestScenarios.xor.trimmingCharacters(in: .whitespacesAndNewlines).dropLast() + #", "notes": \#(notes)}"#
    }

    func message(_ json: String) -> String {
        do {
            _ = try ScenarioDecoder.decode(Data(json.utf8), file: "lesson.json")
            return "(accepted)"
        } catch {
            return error.description
        }
    }

    @Test func notesAreReadAndSorted() throws {
        let json = scenario(notes: #"[{"epoch": 3, "text": "later"}, {"epoch": 1, "step": 5, "text": "δ first"}]"#)
        let notes = try TestScenarios.decode(json).notes
        #expect(notes == [LessonNote(epoch: 1, step: 5, text: "δ first"), LessonNote(epoch: 3, step: 1, text: "later")])
        #expect(notes[1].index(stepsPerEpoch: 6) == 12)
    }

    @Test func badNotesNameTheFieldAndWhatWasExpected() {
        #expect(message(scenario(notes: #"[{"epoch": 2001, "text": "x"}]"#)).contains("notes[0].epoch"))
        #expect(message(scenario(notes: #"[{"epoch": 2001, "text": "x"}]"#)).contains("1 to 2000"))
        #expect(message(scenario(notes: #"[{"epoch": 1, "step": 7, "text": "x"}]"#)).contains("notes[0].step"))
        #expect(message(scenario(notes: #"[{"epoch": 1, "step": 7, "text": "x"}]"#)).contains("1 to 6"))
        #expect(message(scenario(notes: #"[{"epoch": 1}]"#)).contains("notes[0].text"))
        #expect(message(scenario(notes: #"[{"epoch": 1, "txt": "x"}]"#)).contains("txt"))
        #expect(message(scenario(notes: #"{"epoch": 1}"#)).contains("notes"))
        let long = String(repeating: "a", count: ScenarioLimits.maximumNoteLength + 1)
        #expect(message(scenario(notes: #"[{"epoch": 1, "text": "\#(long)"}]"#)).contains("at most 2000"))
    }

    @Test func exportFromALaterEpochKeepsTheNotesStillAhead() throws {
        let json = scenario(notes: #"[{"epoch": 2, "text": "gone"}, {"epoch": 10, "step": 4, "text": "kept"}]"#)
        let original = try TestScenarios.decode(json)
        let parameters = TrainingRun(scenario: original).parameters(atStartOf: 4)
        let text = ScenarioWriter.text(original, parameters: parameters, epochs: original.epochs - 4, name: "later", firstEpoch: 5)
        let reread = try TestScenarios.decode(text)
        // Epoch 10 of the original is epoch 6 of a run that starts at epoch 5.
        #expect(reread.notes == [LessonNote(epoch: 6, step: 4, text: "kept")])
    }
}
