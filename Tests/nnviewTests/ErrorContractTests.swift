import Foundation
import Testing

/// The README's error contract: one line "nnview: …" on stderr and exit status 1 for errors
/// of meaning; the argument parser's own usage errors exit 64.
@Suite struct ErrorContractTests {
    @Test func aBadWeightNamesTheFileAndTheNetsRealNames() throws {
        let oneHidden = "Scenarios/one-hidden.json".absoluteFromPackage
        let result = try NNViewBinary.run(["explain", oneHidden, "--weight", "v99"])
        #expect(result.status == 1)
        #expect(result.output.isEmpty)
        #expect(result.error == "nnview: \(oneHidden): --weight 'v99' is not a weight of this network: vᵢⱼ goes from unit 9, but the layer before has 3 units; this net's weights are v11…v34, w11…w41, bz1…bz4, by1\n")
        let builtIn = try NNViewBinary.run(["check", "--weight", "x1", "--formula", "1"])
        #expect(builtIn.status == 1)
        #expect(builtIn.error.hasPrefix("nnview: (default scenario): --weight 'x1' is not a weight of this network"))
        #expect(builtIn.error.hasSuffix("; this net's weights are v11…v22, w11…w22, bz1…bz2, by1…by2\n"))
        let layered = try NNViewBinary.run(["screen", "Scenarios/last-layer.json".absoluteFromPackage, "--weight", "v11"])
        #expect(layered.status == 1)
        #expect(layered.error.contains("this net uses layered notation: write W[l]ij, e.g. W[1]11; this net's weights are W[1]11…"))
        #expect(layered.error.split(separator: "\n").count == 1)
    }
}
