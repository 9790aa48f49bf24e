import Testing
@testable import NNCore

/// The analytic gradient of every weight and bias against central finite differences.
@Suite struct GradientCheckTests {
    @Test(arguments: TestScenarios.all.map(\.name))
    func everyParameterMatchesFiniteDifferences(name: String) throws {
        let scenario = try TestScenarios.decode(TestScenarios.all.first { $0.name == name }!.json)
        let run = TrainingRun(scenario: scenario)
        // Check at the start and after some training, on the first and the last batch.
        for (epoch, batch) in [(0, 0), (min(3, scenario.epochs - 1), scenario.batchesPerEpoch - 1)] {
            let record = run.record(epoch: epoch, batch: batch)
            for id in WeightID.all(layerSizes: scenario.layerSizes) {
                let analytic = ChainRule.decompose(id, record: record, scenario: scenario).gradient
                let numeric = run.numericGradient(of: id, at: record.parametersBefore, range: record.sampleRange)
                #expect(abs(analytic - numeric) <= 1e-7 * max(1, abs(analytic)), "\(name) \(id) epoch \(epoch): \(analytic) vs \(numeric)")
            }
        }
    }

    @Test(arguments: TestScenarios.all.map(\.name))
    func pathsSumToTheGradient(name: String) throws {
        let scenario = try TestScenarios.decode(TestScenarios.all.first { $0.name == name }!.json)
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        for id in WeightID.all(layerSizes: scenario.layerSizes) {
            let decomposition = ChainRule.decompose(id, record: record, scenario: scenario)
            let sum = decomposition.paths.map(\.product).reduce(0, +) + decomposition.omittedSum
            #expect(close(sum, decomposition.gradient, tolerance: 1e-12), "\(name) \(id)")
            // Every factor's value multiplies out to the path's product (checked where no loss-side simplification applies).
            for path in decomposition.paths where scenario.loss == .meanSquaredError {
                let product = path.factors.map(\.value).reduce(1, *)
                #expect(close(product, path.product, tolerance: 1e-12))
            }
        }
    }
}
