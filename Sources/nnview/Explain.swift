import ArgumentParser
import NNCore

/// `nnview explain`: the chain rule of one weight at the initial parameters.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every chain-rule path from a weight to the loss, each factor, their sum, and a numeric check.",
        discussion: """
        Computed at the initial parameters over the first batch. Weight names: v11 (input 1 → hidden 1) \
        and w21 (hidden 2 → output 1) in classic nets, w1 in nets without a hidden layer, and W[l]ij \
        (unit i of layer l−1 → unit j of layer l) or b[l]j in any net. A single index is written in \
        full (bz12); separate two indices with '_' (or ',') when one is above 9: v1_12, W[2]1_12.
        """
    )

    @OptionGroup var scenario: ScenarioArgument

    @Option(help: "The weight, e.g. v11, w21, W[2]13 (default: the scenario's first watched weight).")
    var weight: String?

    @Option(help: "text or json.")
    var format: TextOrJSON = .text

    func run() throws {
        let scenario = try scenario.load()
        let id = try weight.map { try parseWeight($0, scenario: scenario) } ?? scenario.watch[0]
        let report = ExplainReport(scenario: scenario, weight: id)
        Output.write((format == .json ? report.json.text : report.text()) + "\n")
    }
}
