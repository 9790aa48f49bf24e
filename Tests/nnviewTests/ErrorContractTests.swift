import Foundation
import Testing

/// The README's error contract: one line "nnview: …" on stderr and exit status 1 for errors
/// of meaning; the argument parser's own usage errors exit 64.
@Suite struct ErrorContractTests {
    @Test func aBadWeightNamesTheFileAndTheNetsRealNames() throws {
        let oneHidden = "Scenarios/xor.json".absoluteFromPackage
        let result = try NNViewBinary.run(["explain", oneHidden, "--weight", "v99"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error == "nnview: \(oneHidden): --weight 'v99' is not a weight of this network: vᵢⱼ goes from unit 9, but the layer before has 2 units; this net's weights are v11…v23, w11…w31, bz1…bz3, by1\n")
        let builtIn = try NNViewBinary.run(["check", "--weight", "x1", "--formula", "1"])
        #expect(builtIn.status == 1)
        #expect(builtIn.error.hasPrefix("nnview: (default scenario): --weight 'x1' is not a weight of this network"))
        #expect(builtIn.error.hasSuffix("; this net's weights are v11…v22, w11…w22, bz1…bz2, by1…by2\n"))
        let layered = try NNViewBinary.run(["screen", "Scenarios/last-layer.json".absoluteFromPackage, "--weight", "v11"])
        #expect(layered.status == 1)
        #expect(layered.error.contains("this net uses layered notation: write W[l]ij, e.g. W[1]11; this net's weights are W[1]11…"))
        #expect(layered.error.split(separator: "\n").count == 1)
    }

    @Test func negativeAndZeroCountsSayWhatIsExpected() throws {
        let cases: [([String], String)] = [
            (["trace", "--epochs", "-1"], "Error: The value '-1' is invalid for '--epochs <epochs>': expected a whole number from 1 to 10000000\n"),
            (["train", "--epochs", "0"], "Error: The value '0' is invalid for '--epochs <epochs>': expected a whole number from 1 to 10000000\n"),
            (["train", "--epochs=-2"], "Error: The value '-2' is invalid for '--epochs <epochs>': expected a whole number from 1 to 10000000\n"),
            (["check", "--formula", "1", "--epoch", "-3"], "Error: The value '-3' is invalid for '--epoch <epoch>': expected a whole number from 1 to 10000000\n"),
            (["screen", "--width", "-5"], "Error: The value '-5' is invalid for '--width <width>': expected a whole number from 1 to 1000\n"),
            (["screen", "--height", "1.5"], "Error: The value '1.5' is invalid for '--height <height>': expected a whole number from 1 to 1000\n"),
        ]
        for (arguments, message) in cases {
            let result = try NNViewBinary.run(arguments)
            // A usage error: the parser's standard "Error: …" and usage, exit status 64.
            #expect(result.status == 64, "\(arguments)")
            #expect(result.error.hasPrefix(message), "\(arguments): \(result.error)")
            #expect(!result.error.contains("Missing value"), "\(arguments)")
        }
    }

    @Test func keyScriptsRejectUnclosedAndUnknownNames() throws {
        let unclosed = try NNViewBinary.run(["screen", "--keys", "{Enter"])
        #expect(unclosed.status == 1)
        #expect(unclosed.output.isEmpty)
        #expect(unclosed.error == "nnview: --keys: the '{' at column 1 is not closed: name a key in braces, e.g. {Enter}, or type {LBrace} for a '{' itself\n")
        let runOn = try NNViewBinary.run(["screen", "--keys", "n{Enter n{Tab}"])
        #expect(runOn.status == 1 && runOn.error.contains("the '{' at column 2 is not closed"))
        let unknown = try NNViewBinary.run(["screen", "--keys", "g1{Entr}"])
        #expect(unknown.status == 1)
        #expect(unknown.error.hasPrefix("nnview: --keys: unknown key {Entr} at column 3; known: {Space} {Left}"))
        #expect(unknown.error.split(separator: "\n").count == 1)
        // Names are case-insensitive, and {LBrace} types a '{' itself.
        let fine = try NNViewBinary.run(["screen", "--keys", "g2{enter}d{LBrace}{Esc}{ESC}n"])
        #expect(fine.status == 0, "\(fine.error)")
    }

    @Test func usageErrorsAreTheParsersAndExit64() throws {
        // As the README documents: the parser's "Error: …" with the usage, not "nnview: …".
        for arguments in [["trace", "--bogus"], ["train", "--format", "xml"], ["check"], ["trace", "--epochs"]] {
            let result = try NNViewBinary.run(arguments)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.error.hasPrefix("Error: "), "\(arguments)")
            #expect(result.error.contains("Usage: nnview"), "\(arguments)")
        }
        let equals = try NNViewBinary.run(["train", "--epochs=2", "--format=json"])
        #expect(equals.status == 0 && equals.output.hasPrefix(#"{"epochs":2,"#))
    }

    @Test func onlyAnUnreadableFormulaTakesMoreThanOneLine() throws {
        let unreadable = try NNViewBinary.run(["check", "--formula", "(Y1-Q1)*Z1(1-Z1"])
        #expect(unreadable.status == 1)
        #expect(unreadable.error.split(separator: "\n", omittingEmptySubsequences: false).count == 4, "message, formula, caret and the final newline")
        let unknown = try NNViewBinary.run(["check", "--formula", "Y1*K7"])
        #expect(unknown.status == 1)
        #expect(unknown.error.hasPrefix("nnview: --formula: unknown symbol 'K7' at column 4: "))
        #expect(unknown.error.split(separator: "\n").count == 1)
    }
}
