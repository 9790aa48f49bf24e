import Foundation
import Testing
@testable import NNCore

/// Input inside the limits, or just outside them, costs little to read or to refuse, and the
/// refusal says what and where in a line a person can read.
@Suite struct InputCostTests {
    func message(_ text: String) -> String {
        do {
            _ = try ScenarioDecoder.decode(Data(text.utf8), file: "bad.json")
            return "(accepted)"
        } catch {
            return error.description
        }
    }

    /// `{`, then `"k0": 0,` … one member a line, then `last`, then `}`.
    func manyKeys(_ count: Int, last: String) -> String {
        var text = "{\n"
        text.reserveCapacity(count * 12)
        for index in 0..<count { text += "\"k\(index)\": 0,\n" }
        return text + last + "}"
    }

    @Test func aDuplicateKeyAmongManyIsFoundWhereItStands() {
        // 200,000 keys took 109 s when each key was compared with every earlier one.
        let text = manyKeys(200_000, last: "  \"k0\": 1")
        #expect(throws: JSONSyntaxError(message: "duplicate key \"k0\"", line: 200_002, column: 3)) {
            try JSONParser.parse(text)
        }
        #expect(message(text) == "bad.json: is not valid JSON: duplicate key \"k0\" (line 200002, column 3)")
    }

    @Test func manyDistinctKeysAreAllKept() throws {
        let text = manyKeys(199_999, last: "\"k199999\": 7")
        guard case .object(let members) = try JSONParser.parse(text).kind else {
            Issue.record("not an object")
            return
        }
        #expect(members.count == 200_000)
        #expect(members[123_456].key == "k123456")
        #expect(members.last?.key == "k199999" && members.last?.value.kind == .number(7))
        // As a scenario it is refused at its first member, not searched through.
        #expect(message(text).hasPrefix("bad.json: the scenario has an unknown field \"k0\"; known fields: version, "))
        #expect(message(text).hasSuffix(" (line 2, column 7)"))
    }

    @Test func excerptsKeepFortyScalars() {
        let forty = String(repeating: "é", count: 40)
        #expect(excerpt(forty) == forty)
        #expect(excerpt(forty + "x") == forty + "…")
        #expect(excerpt("") == "")
        // One character made of a million combining marks is cut too.
        let heavy = "a" + String(repeating: "\u{301}", count: 1_000_000)
        #expect(excerpt(heavy).unicodeScalars.count == 41)
        #expect(excerpt(heavy).hasSuffix("…"))
    }

    @Test func aHugeUnknownKeyIsQuotedShort() {
        // A 10 MB key took 45 s and 441 MB, and the message quoted all of it.
        let key = "learning_rate" + String(repeating: "x", count: 10_000_000)
        let text = message("{\"\(key)\": 1}")
        let quoted = "learning_rate" + String(repeating: "x", count: 27) + "…"
        #expect(text.hasPrefix("bad.json: the scenario has an unknown field \"\(quoted)\"; known fields: version, name,"))
        #expect(!text.contains("did you mean"))
        #expect(text.hasSuffix("(line 1, column 10000019)"))
        // The quoted key and the list of the 19 known fields.
        #expect(text.count < 360)
    }

    @Test func misspeltKeysStillGetASuggestion() {
        #expect(message("{\"learning-rate\": 1}").contains("has an unknown field \"learning-rate\" (did you mean \"learning_rate\"?)"))
        #expect(message("{\"layrs\": 1}").contains("(did you mean \"layers\"?)"))
        #expect(!message("{\"zzzzzzzzzz\": 1}").contains("did you mean"))
    }

    @Test func hugeStringValuesAreQuotedShort() {
        let long = String(repeating: "a", count: 5_000_000)
        let loss = message(#"{"layers": [{"units": 1}, {"units": 1}], "loss": "\#(long)"}"#)
        #expect(loss.hasPrefix("bad.json: loss is \"\(String(repeating: "a", count: 40))…\", expected one of \"binary_cross_entropy\""))
        #expect(loss.count < 200)
        let watch = message(#"""
            {"layers": [{"units": 1}, {"units": 1}], "loss": "mse", "learning_rate": 0.1, "epochs": 1,
             "data": [{"x": [0], "y": 1}], "watch": ["w\#(String(repeating: "1", count: 5_000_000))"]}
            """#)
        #expect(watch.hasPrefix("bad.json: watch[0] is \"w\(String(repeating: "1", count: 39))…\", not a weight of this network: too long"))
        #expect(watch.hasSuffix("(line 2, column 42)"))
        let duplicate = message("{\"\(long)\": 1, \"\(long)\": 2}")
        #expect(duplicate == "bad.json: is not valid JSON: duplicate key \"\(String(repeating: "a", count: 40))…\" (line 1, column 5000009)")
    }

    @Test func aMissingFieldSaysWhereItsObjectStarts() {
        let scenario = """

          {"layers": [{"units": 1}, {"units": 1}],
           "learning_rate": 0.1, "epochs": 1, "data": [{"x": [0], "y": 1}]}
        """
        #expect(message(scenario) == "bad.json: loss is missing (required) from the object that starts at (line 2, column 3)")
        let nested = """
        {"layers": [{"units": 1},
                    {"activation": "tanh"}], "loss": "mse"}
        """
        #expect(message(nested) == "bad.json: layers[1].units is missing (required) from the object that starts at (line 2, column 13)")
        let sample = #"{"layers": [{"units": 1}, {"units": 1}], "loss": "mse", "learning_rate": 1, "epochs": 1, "data": [{"y": 1}]}"#
        #expect(message(sample) == "bad.json: data[0].x is missing (required) from the object that starts at (line 1, column 99)")
    }
}
