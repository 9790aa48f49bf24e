import Testing
@testable import NNCore

/// The step cursor: order of steps, stepping back, jumping, and agreement with plain training.
@Suite struct CursorTests {
    @Test func stepOrderWithinABatch() throws {
        let scenario = try TestScenarios.decode(TestScenarios.seed000)
        var cursor = StepCursor(run: TrainingRun(scenario: scenario))
        var phases: [Phase] = [cursor.phase]
        for _ in 0..<6 { cursor.stepForward(); phases.append(cursor.phase) }
        #expect(phases == [.forward(layer: 0), .forward(layer: 1), .loss, .backward(layer: 1), .backward(layer: 0), .update, .forward(layer: 0)])
        #expect(cursor.epoch == 1)
        #expect(cursor.stepCount == 6 * 100)
    }

    @Test func steppingBackShowsExactlyTheEarlierNumbers() throws {
        let scenario = try TestScenarios.decode(TestScenarios.deep)
        var cursor = StepCursor(run: TrainingRun(scenario: scenario))
        var seen: [Step] = []
        for _ in 0..<100 { seen.append(cursor.step); cursor.stepForward() }
        for expected in seen.reversed() {
            cursor.stepBack()
            #expect(cursor.step == expected)
        }
    }

    @Test func jumpingToAnEpochEqualsTrainingUpToIt() throws {
        let scenario = try TestScenarios.decode(TestScenarios.xor)
        let run = TrainingRun(scenario: scenario)
        var cursor = StepCursor(run: run)
        cursor.moveToEpoch(1234)
        let kernel = Kernel(scenario: scenario)
        for _ in 0..<1234 { kernel.trainEpoch(batchSize: scenario.batchSize) }
        #expect(cursor.step.record.parametersBefore == kernel.parameters)
        #expect(cursor.step.phase == .forward(layer: 0))
        cursor.moveToEnd()
        #expect(cursor.epoch == 1999 && cursor.phase == .update)
        cursor.moveToStart()
        #expect(cursor.step.record.parametersBefore == scenario.initialParameters)
    }

    @Test func epochLossesMatchTrainingEpochByEpoch() throws {
        let scenario = try TestScenarios.decode(TestScenarios.deep)
        let run = TrainingRun(scenario: scenario)
        let kernel = Kernel(scenario: scenario)
        for epoch in 0..<scenario.epochs {
            #expect(run.epochLoss(epoch) == kernel.trainEpoch(batchSize: scenario.batchSize))
        }
    }

    @Test func theUpdateStepsGradientDescent() throws {
        let scenario = try TestScenarios.decode(TestScenarios.softmax)
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        for l in 0..<scenario.layers.count {
            for (index, before) in record.parametersBefore.weights[l].enumerated() {
                #expect(record.parametersAfter.weights[l][index] == before - scenario.learningRate * record.weightGradients[l][index])
            }
        }
    }
}
