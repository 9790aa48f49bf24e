import Foundation
import Testing
@testable import NNCore

/// A net may have 64 units per layer, so every name must work with indices above 9: a single
/// index is all its digits (`Z12`), two indices take `_` between them when one is above 9 (`V1_12`).
@Suite struct IndexAboveNineTests {
    /// A scenario with `sizes` units per layer (input first), sigmoid units, one sample.
    static func scenario(_ sizes: [Int], notation: String? = nil) throws -> Scenario {
        let layers = [#"{"units": \#(sizes[0])}"#] + sizes.dropFirst().map { #"{"units": \#($0), "activation": "sigmoid"}"# }
        let x = (0..<sizes[0]).map { String(0.05 * Double($0 + 1)) }.joined(separator: ", ")
        let y = (0..<sizes.last!).map { $0 % 2 == 0 ? "1" : "0" }.joined(separator: ", ")
        let json = """
        {"layers": [\(layers.joined(separator: ", "))], \(notation.map { "\"notation\": \"\($0)\", " } ?? "")
         "loss": "binary_cross_entropy", "learning_rate": 0.5, "epochs": 3, "seed": 5,
         "data": [{"x": [\(x)], "y": [\(y)]}]}
        """
        return try TestScenarios.decode(json)
    }

    static func symbols(_ scenario: Scenario) -> (DerivationSymbols, BatchRecord) {
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        return (DerivationSymbols(scenario: scenario, record: record, sample: 0), record)
    }

    @Test func classicSingleIndicesTakeAllTheirDigits() throws {
        let scenario = try Self.scenario([12, 12, 12])
        let (symbols, record) = Self.symbols(scenario)
        let z = record.out[0][0], y = record.out[1][0]
        #expect(symbols.value("Z12") == z[11])
        #expect(symbols.value("Z_12") == z[11])
        #expect(symbols.value("Z₁₂") == z[11])
        #expect(symbols.value("Z10") == z[9])
        #expect(symbols.value("netz12") == record.net[0][0][11])
        #expect(symbols.value("nety10") == record.net[1][0][9])
        #expect(symbols.value("Y12") == y[11])
        #expect(symbols.value("Q12") == 0)
        #expect(symbols.value("X12") == scenario.samples[0].x[11])
        #expect(symbols.value("bz12") == record.parametersBefore.biases[0][11])
        #expect(symbols.value("by12") == record.parametersBefore.biases[1][11])
        #expect(symbols.value("Z13") == nil, "the hidden layer has 12 units")
    }

    @Test func classicPairsTakeAnUnderscoreAboveNine() throws {
        let scenario = try Self.scenario([12, 12, 12])
        let (symbols, record) = Self.symbols(scenario)
        let v = record.parametersBefore.weights[0], w = record.parametersBefore.weights[1]
        #expect(symbols.value("V1_12") == v[0 * 12 + 11])
        #expect(symbols.value("v12_1") == v[11 * 12 + 0])
        #expect(symbols.value("W12_12") == w[11 * 12 + 11])
        #expect(symbols.value("V_1_12") == v[11])
        // Every spelling accepted before still means the same weight.
        #expect(symbols.value("V11") == v[0])
        #expect(symbols.value("w21") == w[12])
        #expect(symbols.value("V_11") == v[0])
        // Run together, 112 could be 1,12 or 11,2.
        #expect(symbols.value("V112") == nil)
    }

    @Test func sumsRunPastNine() throws {
        let scenario = try Self.scenario([12, 12, 12])
        let (symbols, record) = Self.symbols(scenario)
        let z = record.out[0][0]
        let total = try Expression.parse("sum(j, 1, 12, Z{j})").evaluate { symbols.value($0) }
        #expect(abs(total - z.reduce(0, +)) < 1e-12)
        // W1{k} at k = 12 reads W1_12, not the ambiguous W112.
        let row = try Expression.parse("sum(k, 1, 12, W1{k})").evaluate { symbols.value($0) }
        #expect(abs(row - record.parametersBefore.weights[1][0..<12].reduce(0, +)) < 1e-12)
        let all = try Expression.parse("sum(j, 1, 12, sum(k, 1, 12, W{j}{k}))").evaluate { symbols.value($0) }
        #expect(abs(all - record.parametersBefore.weights[1].reduce(0, +)) < 1e-12)
    }

    @Test func substitutionSeparatesIndicesThatMeetADigit() {
        #expect(Expression.substitute("W1{k}", ["k": 12]) == "W1_12")
        #expect(Expression.substitute("W{j}{k}", ["j": 12, "k": 3]) == "W12_3")
        #expect(Expression.substitute("W{j}{k}", ["j": 1, "k": 12]) == "W1_12")
        #expect(Expression.substitute("W{j}12", ["j": 3]) == "W3_12")
        #expect(Expression.substitute("Y{k}", ["k": 12]) == "Y12")
        // Single digits run together, as the names always have.
        #expect(Expression.substitute("W1{k}", ["k": 2]) == "W12")
        #expect(Expression.substitute("W[2]{j}{k}", ["j": 1, "k": 1]) == "W[2]11")
        #expect(Expression.substitute("Y{q}", ["k": 12]) == "Y{q}")
    }

    @Test func theWholeCheckWorksAboveNine() throws {
        let scenario = try Self.scenario([12, 12, 12])
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        let v2_12 = try WeightID.parse("v2_12", layerSizes: scenario.layerSizes, notation: .classic)
        let check = try DerivationChecker.check("sum(k, 1, 12, (Y{k}-Q{k})*W12{k})*X2*Z12*(1-Z12)", weight: v2_12, scenario: scenario, record: record)
        #expect(check.isCorrect, "\(check.points)")
        let bias = try WeightID.parse("bz12", layerSizes: scenario.layerSizes, notation: .classic)
        #expect(try DerivationChecker.check("sum(k, 1, 12, (Y{k}-Q{k})*W12_{k})*Z_12*(1-Z12)", weight: bias, scenario: scenario, record: record).isCorrect)
    }

    @Test func layeredNamesAboveNine() throws {
        let scenario = try Self.scenario([3, 12, 11, 12])
        #expect(scenario.notation == .layered)
        let (symbols, record) = Self.symbols(scenario)
        #expect(symbols.value("A[1]12") == record.out[0][0][11])
        #expect(symbols.value("Z[1]12") == record.net[0][0][11])
        #expect(symbols.value("b[2]11") == record.parametersBefore.biases[1][10])
        #expect(symbols.value("W[2]12_11") == record.parametersBefore.weights[1][11 * 11 + 10])
        #expect(symbols.value("W[2]11") == record.parametersBefore.weights[1][0])
        #expect(symbols.value("y12") == 0)
        #expect(symbols.value("A[0]3") == scenario.samples[0].x[2])
    }

    @Test func oneOutputWithoutAHiddenLayer() throws {
        let wide = try Self.scenario([12, 1])
        let (symbols, record) = Self.symbols(wide)
        let w = record.parametersBefore.weights[0]
        #expect(symbols.value("w12") == w[11])
        #expect(symbols.value("w11") == w[10], "w11 is input 11 when the net has one")
        #expect(symbols.value("w1_1") == w[0])
        #expect(symbols.value("b") == record.parametersBefore.biases[0][0])
        let narrow = try Self.scenario([2, 1])
        let (few, fewRecord) = Self.symbols(narrow)
        #expect(few.value("w11") == fewRecord.parametersBefore.weights[0][0], "w11 is w1 when there is no input 11")
        #expect(try WeightID.parse("w12", layerSizes: wide.layerSizes, notation: .classic) == WeightID(layer: 0, from: 11, to: 0))
        #expect(try WeightID.parse("w11", layerSizes: narrow.layerSizes, notation: .classic) == WeightID(layer: 0, from: 0, to: 0))
    }

    @Test func unknownNamesExplainTheSeparator() throws {
        let scenario = try Self.scenario([12, 12, 12])
        #expect(DerivationSymbols.hint(for: "W112", scenario: scenario) == "'W112' runs two indices together; separate them with '_' when one is above 9: W1_12 or W11_2")
        #expect(DerivationSymbols.hint(for: "V1212", scenario: scenario).hasSuffix(": V12_12"), "only the readings that fit the net")
        #expect(DerivationSymbols.hint(for: "K7", scenario: scenario).hasSuffix("'_' separates two indices when one is above 9 (V1_12)"))
        let record = TrainingRun(scenario: scenario).record(epoch: 0, batch: 0)
        #expect(throws: DerivationCheckError(description: "unknown symbol 'W112' at column 4: 'W112' runs two indices together; separate them with '_' when one is above 9: W1_12 or W11_2")) {
            try DerivationChecker.check("Z1*W112", weight: WeightID(layer: 0, from: 0, to: 0), scenario: scenario, record: record)
        }
    }

    @Test func weightNamesAboveNine() throws {
        let sizes = [12, 12, 12]
        func parse(_ text: String, _ sizes: [Int] = sizes, _ notation: Notation = .classic) throws -> WeightID {
            try WeightID.parse(text, layerSizes: sizes, notation: notation)
        }
        #expect(try parse("bz12") == WeightID(layer: 0, from: nil, to: 11))
        #expect(try parse("by10") == WeightID(layer: 1, from: nil, to: 9))
        #expect(try parse("v1_12") == WeightID(layer: 0, from: 0, to: 11))
        #expect(try parse("v1,12") == WeightID(layer: 0, from: 0, to: 11))
        #expect(try parse("v_1_12") == WeightID(layer: 0, from: 0, to: 11))
        #expect(try parse("w12_1") == WeightID(layer: 1, from: 11, to: 0))
        #expect(try parse("b[1]12") == WeightID(layer: 0, from: nil, to: 11))
        #expect(try parse("W[2]1_12") == WeightID(layer: 1, from: 0, to: 11))
        // Spellings accepted before.
        #expect(try parse("v_11") == WeightID(layer: 0, from: 0, to: 0))
        #expect(try parse("v1_1") == WeightID(layer: 0, from: 0, to: 0))
        #expect(try parse("b_z1") == WeightID(layer: 0, from: nil, to: 0))
        #expect(try parse("W[2]1,12") == WeightID(layer: 1, from: 0, to: 11))
        #expect(throws: WeightID.ParseError(name: "v112", reason: "v112 runs two indices together; separate them with '_' (or ','): v1_12 or v11_2")) {
            try parse("v112")
        }
        #expect(throws: WeightID.ParseError(name: "bz13", reason: "bz goes to unit 13, but that layer has 12 units")) {
            try parse("bz13")
        }
    }
}

/// The names an error message offers for a mistyped weight.
@Suite struct WeightNameRangeTests {
    @Test func rangesInEachNotation() {
        #expect(WeightID.nameRanges(layerSizes: [2, 3, 1], notation: .classic) == "v11…v23, w11…w31, bz1…bz3, by1")
        #expect(WeightID.nameRanges(layerSizes: [2, 1], notation: .classic) == "w1…w2, b1")
        #expect(WeightID.nameRanges(layerSizes: [1, 1], notation: .classic) == "w1, b1")
        #expect(WeightID.nameRanges(layerSizes: [3, 4, 2, 1], notation: .layered) == "W[1]11…W[1]34, W[2]11…W[2]42, W[3]11…W[3]21, b[1]1…b[1]4, b[2]1…b[2]2, b[3]1")
    }
}
