import Foundation
import Testing

/// trace --epochs, train --epochs and check --epoch all go past the scenario's epochs the same
/// way: the run simply continues.
@Suite struct EpochOptionTests {
    @Test func traceTrainAndCheckGoPastTheScenariosEpochsAlike() throws {
        // The built-in scenario trains 100 epochs.
        let trace = try NNViewBinary.run(["trace", "--epochs", "150", "--format", "jsonl"])
        #expect(trace.status == 0)
        let lines = trace.output.split(separator: "\n")
        #expect(lines.count == 150 * 6)
        let last = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
        #expect(last["epoch"] as? Int == 150 && last["phase"] as? String == "update")

        let train = try NNViewBinary.run(["train", "--epochs", "150", "--format", "json"])
        let trained = try #require(try JSONSerialization.jsonObject(with: Data(train.output.utf8)) as? [String: Any])
        #expect(trained["epochs"] as? Int == 150)
        #expect((last["weights"] as? [[[Double]]]) == (trained["weights"] as? [[[Double]]]), "the same run")

        let text = try NNViewBinary.run(["trace", "--epochs", "101"])
        #expect(text.output.contains("── epoch 101/101 · batch 1/1 · step 6"))

        let check = try NNViewBinary.run(["check", "--epoch", "150", "--formula", "(Y1-Q1)*W11*X1*Z1*(1-Z1) + (Y2-Q2)*W12*X1*Z1*(1-Z1)"])
        #expect(check.status == 0, "\(check.error)")
        #expect(check.output.contains("✓ at epoch 150: "))
    }
}
