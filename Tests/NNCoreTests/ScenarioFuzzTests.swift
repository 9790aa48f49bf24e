import Foundation
import PropertyBased
import Testing
@testable import NNCore

/// Whatever a user feeds in, the decoder answers with a scenario or one message naming the
/// file, never a crash.
@Suite struct ScenarioFuzzTests {
    static let pieces: [String] = [
        "{", "}", "[", "]", ",", ":", "\"", "0", "1", "-", ".", "e", "2.5", "null", "true", " ", "\n",
        "\"layers\"", "\"units\"", "\"weights\"", "\"loss\"", "\"mse\"", "\"data\"", "\"x\"", "\"y\"", "σ", "\\", "\u{0}",
    ]

    @Test func mutatedScenariosNeverCrash() async {
        let base = Array(TestScenarios.seed000)
        await propertyCheck(count: 400, input: Gen.int(in: 0..<base.count), Gen.int(in: 0..<Self.pieces.count), Gen.int(in: 0...2)) { position, piece, operation in
            var text = base
            switch operation {
            case 0: text.remove(at: position)
            case 1: text.insert(contentsOf: Self.pieces[piece], at: position)
            default: text.replaceSubrange(position..<min(base.count, position + 3), with: Self.pieces[piece])
            }
            do {
                _ = try ScenarioDecoder.decode(Data(String(text).utf8), file: "fuzz.json")
            } catch let error as ScenarioError {
                #expect(error.description.hasPrefix("fuzz.json: "))
                #expect(!error.description.contains("\n"))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func randomTextNeverCrashes() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0..<Self.pieces.count).array(of: 0...40)) { indices in
            let text = indices.map { Self.pieces[$0] }.joined()
            do {
                _ = try ScenarioDecoder.decode(Data(text.utf8), file: "fuzz.json")
            } catch let error as ScenarioError {
                #expect(error.description.hasPrefix("fuzz.json: "))
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }

    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: ScenarioError.self) { try ScenarioDecoder.decode(Data(text.utf8), file: "deep.json") }
    }
}
