/// The values a student's formula may name, for one sample of a batch: the symbols of the
/// scenario's notation, spelt in ASCII.
///
/// - every net: `X1` (input), `m` (samples in the batch), `eta` (learning rate);
/// - classic with a hidden layer: `Z2`, `netz2` (hidden), `Y1`, `nety1`, `Q1` (outputs),
///   `V11`/`v11`, `W21`/`w21`, `bz1`, `by1`;
/// - classic without a hidden layer: `Y1`, `net1`, `Q1`, `w1` (or `w11`), `b1`; with one output
///   also `Y`, `yhat`, `Q`, `y`, `net`, `z`;
/// - layered: `A[2]1`, `Z[2]1` (pre-activation), `W[2]13`, `b[2]1`, `y1` (target); these
///   bracketed names work in classic nets too (seed 002 writes A[1] for the hidden layer);
/// - one output, any net: `Y`, `yhat`, `y_hat`, `ŷ`, `σ` for the output and `Q`, `y` for the target.
/// A `_` before the indices is decoration: `Y_1`, `W_11`, `X_1`.
/// A single index is all its digits (`Z12`, `bz12`, `A[2]12`, also `Z_12`); two indices run
/// together only when both are below 10 (`V11`), otherwise `_` separates them: `V1_12`, `W[2]1_12`.
public struct DerivationSymbols {
    let scenario: Scenario
    let record: BatchRecord
    let sample: Int
    /// Layers (0-based after the input) whose weight names are read with their indices swapped:
    /// W_jk gives w_kj. The checker tries this to recognise swapped indices.
    let transposed: Set<Int>
    /// The value `m` reads instead of the batch's sample count: the checker changes it to see
    /// whether a formula for one sample depends on m, which ∂E⁽ˢ⁾/∂w cannot.
    let sampleCount: Int?

    /// The symbols of `sample` (0-based in the batch) of `record`.
    public init(scenario: Scenario, record: BatchRecord, sample: Int) {
        self.init(scenario: scenario, record: record, sample: sample, transposed: [])
    }

    init(scenario: Scenario, record: BatchRecord, sample: Int, transposed: Set<Int>, sampleCount: Int? = nil) {
        self.scenario = scenario
        self.record = record
        self.sample = sample
        self.transposed = transposed
        self.sampleCount = sampleCount
    }

    private var sizes: [Int] { scenario.layerSizes }
    private var last: Int { scenario.layers.count - 1 }
    private var data: Sample { scenario.samples[record.sampleRange.lowerBound + sample] }

    /// 0-based indices from the 1-based ones of `text`: `12` → [11], `1_12` → [0, 11] (see
    /// ``IndexSpelling``; in a formula only `_` can separate, since `,` separates a sum's arguments).
    private func indices(_ text: Substring, count: Int) -> [Int]? {
        guard let values = IndexSpelling.read(text, count: count, separators: ["_"]), values.allSatisfy({ $0 >= 1 }) else { return nil }
        return values.map { $0 - 1 }
    }

    private func unit(_ text: Substring, layer: Int) -> Int? {
        guard let index = indices(text, count: 1)?[0], layer >= -1, layer <= last, index < sizes[layer + 1] else { return nil }
        return index
    }

    private func weight(layer: Int, _ text: Substring) -> Reference? {
        guard layer >= 0, layer <= last, var pair = indices(text, count: 2) else { return nil }
        if transposed.contains(layer) { pair.reverse() }
        guard pair[0] < sizes[layer], pair[1] < sizes[layer + 1] else { return nil }
        return .weight(layer: layer, index: pair[0] * sizes[layer + 1] + pair[1])
    }

    private func bias(layer: Int, _ text: Substring) -> Reference? {
        unit(text, layer: layer).map { .bias(layer: layer, unit: $0) }
    }

    private func activation(layer: Int, _ text: Substring) -> Reference? {
        unit(text, layer: layer).map { layer < 0 ? .input($0) : .activation(layer: layer, unit: $0) }
    }

    private func preActivation(layer: Int, _ text: Substring) -> Reference? {
        guard layer >= 0 else { return nil }
        return unit(text, layer: layer).map { .preActivation(layer: layer, unit: $0) }
    }

    private func target(_ text: Substring) -> Reference? {
        unit(text, layer: last).map { .target($0) }
    }

    /// What a name stands for, found once and read at every sample.
    enum Reference: Hashable, Sendable {
        case sampleCount, learningRate, input(Int), target(Int)
        case activation(layer: Int, unit: Int), preActivation(layer: Int, unit: Int)
        case weight(layer: Int, index: Int), bias(layer: Int, unit: Int)

        /// Whether the value differs from sample to sample.
        var dependsOnSample: Bool {
            switch self {
            case .input, .target, .activation, .preActivation: return true
            case .sampleCount, .learningRate, .weight, .bias: return false
            }
        }
    }

    /// The value of `reference` at this sample.
    func read(_ reference: Reference) -> Double {
        switch reference {
        case .sampleCount: return Double(sampleCount ?? record.sampleCount)
        case .learningRate: return scenario.learningRate
        case .input(let j): return data.x[j]
        case .target(let k): return data.y[k]
        case .activation(let l, let j): return record.out[l][sample][j]
        case .preActivation(let l, let j): return record.net[l][sample][j]
        case .weight(let l, let index): return record.parametersBefore.weights[l][index]
        case .bias(let l, let j): return record.parametersBefore.biases[l][j]
        }
    }

    /// Spellings that mean another name: ŷ and y_hat are yhat.
    static let aliases: [String: String] = ["ŷ": "yhat", "y_hat": "yhat", "Y_hat": "yhat"]

    /// The value of `name` for this sample, or nil when the scenario has no such symbol.
    public func value(_ name: String) -> Double? {
        reference(name).map(read)
    }

    /// What `name` stands for, or nil when the scenario has no such symbol. It depends on the
    /// scenario's shape only, not on the sample or the record's values.
    func reference(_ name: String) -> Reference? {
        switch name {
        case "m": return .sampleCount
        case "eta": return .learningRate
        default: break
        }
        let text = Substring(Self.aliases[name] ?? Subscript.normalise(name))
        func after(_ prefix: String) -> Substring? { text.hasPrefix(prefix) ? text.dropFirst(prefix.count) : nil }
        if let rest = after("X") { return activation(layer: -1, rest) }
        if sizes[last + 1] == 1 {
            switch text {
            case "Y", "yhat", "σ", "sigma": return .activation(layer: last, unit: 0)
            case "Q", "y": return .target(0)
            default: break
            }
        }

        if scenario.notation == .layered || text.contains("[") {
            // A[l]j, Z[l]j, W[l]ij, b[l]j
            guard let open = text.firstIndex(of: "["), let close = text.firstIndex(of: "]"), open < close,
                  let l = Int(text[text.index(after: open)..<close]) else {
                if let rest = after("y") { return target(rest) }
                return nil
            }
            let head = text[..<open], rest = text[text.index(after: close)...]
            switch head {
            case "A": return l == 0 ? activation(layer: -1, rest) : activation(layer: l - 1, rest)
            case "Z": return preActivation(layer: l - 1, rest)
            case "W": return weight(layer: l - 1, rest)
            case "b": return bias(layer: l - 1, rest)
            default: return nil
            }
        }

        if sizes.count == 3 {
            if let rest = after("netz") { return preActivation(layer: 0, rest) }
            if let rest = after("nety") { return preActivation(layer: 1, rest) }
            if let rest = after("bz") { return bias(layer: 0, rest) }
            if let rest = after("by") { return bias(layer: 1, rest) }
            if let rest = after("Z") { return activation(layer: 0, rest) }
            if let rest = after("Y") { return activation(layer: 1, rest) }
            if let rest = after("Q") { return target(rest) }
            if let rest = after("V") ?? after("v") { return weight(layer: 0, rest) }
            if let rest = after("W") ?? after("w") { return weight(layer: 1, rest) }
            return nil
        }

        // Classic without a hidden layer (logistic regression and the like), with seed 003's
        // names too: its answer writes h = wᵀX for the pre-activation and z = σ(h) for ŷ.
        let single = sizes[1] == 1
        if single {
            switch text {
            case "z": return .activation(layer: 0, unit: 0)
            case "net", "h": return .preActivation(layer: 0, unit: 0)
            case "b": return .bias(layer: 0, unit: 0)
            default: break
            }
        }
        if let rest = after("net") { return preActivation(layer: 0, rest) }
        if let rest = after("Y") { return activation(layer: 0, rest) }
        if let rest = after("Q") { return target(rest) }
        if let rest = after("b") { return bias(layer: 0, rest) }
        if let rest = after("W") ?? after("w") {
            // One output: w_i, from input i; the pair form w_i1 only where it cannot be read as
            // w_i (WeightID.parse reads these names the same way).
            if single, let i = indices(rest, count: 1)?[0], i < sizes[0] { return .weight(layer: 0, index: i) }
            return weight(layer: 0, rest)
        }
        return nil
    }

    /// Advice for a formula name the scenario does not have: `V112` runs two indices together
    /// (write `V1_12` or `V11_2`); anything else gets examples of the scenario's names and how an
    /// index above 9 is written.
    public static func hint(for name: String, scenario: Scenario) -> String {
        let text = Substring(Subscript.normalise(name))
        let sizes = scenario.layerSizes
        // The weight matrix a two-index name points into: its prefix and its layer (0-based).
        var pair: (prefix: Substring, layer: Int)?
        if scenario.notation == .layered {
            if text.hasPrefix("W["), let close = text.firstIndex(of: "]"), let l = Int(text[text.index(text.startIndex, offsetBy: 2)..<close]) {
                pair = (text[...close], l - 1)
            }
        } else if let first = text.first, sizes.count == 3 ? "VvWw".contains(first) : "Ww".contains(first) && sizes.last != 1 {
            pair = (text.prefix(1), "Vv".contains(first) ? 0 : sizes.count - 2)
        }
        if let pair {
            var digits = text.dropFirst(pair.prefix.count)
            if digits.first == "_" { digits = digits.dropFirst() }
            let splits = IndexSpelling.pairSplits(digits, separator: "_")
            if !splits.isEmpty {
                // Suggest the readings that name a weight of this net, or all when none does.
                let fitting = splits.filter { split in
                    guard pair.layer >= 0, pair.layer < sizes.count - 1,
                          let ij = IndexSpelling.read(Substring(split), count: 2, separators: ["_"]) else { return false }
                    return (1...sizes[pair.layer]).contains(ij[0]) && (1...sizes[pair.layer + 1]).contains(ij[1])
                }
                return "'\(name)' runs two indices together; separate them with '_' when one is above 9: "
                    + (fitting.isEmpty ? splits : fitting).map { pair.prefix + $0 }.joined(separator: " or ")
            }
        }
        let known = examples(for: scenario).joined(separator: ", ")
        let nearest = Spelling.nearest(to: String(text), among: spellings(for: scenario)).map { "did you mean '\($0)'? " } ?? ""
        return "\(nearest)this scenario's symbols include \(known); \(indexRule(for: scenario))"
    }

    /// How indices above 9 are written, with the scenario's own names.
    static func indexRule(for scenario: Scenario) -> String {
        switch (scenario.notation, scenario.layerSizes.count) {
        case (.layered, _): return "an index above 9 is written in full (A[1]12), and '_' separates two indices when one is above 9 (W[1]1_12)"
        case (_, 3): return "an index above 9 is written in full (Z12), and '_' separates two indices when one is above 9 (V1_12)"
        default:
            return scenario.layerSizes.last == 1 ? "an index above 9 is written in full (X12, w12)"
                : "an index above 9 is written in full (Y12), and '_' separates two indices when one is above 9 (w1_12)"
        }
    }

    /// Every name a formula on this scenario can use, in its plainest spelling, for suggestions.
    static func spellings(for scenario: Scenario) -> [String] {
        let sizes = scenario.layerSizes, last = sizes.count - 2
        func one(_ prefix: String, _ count: Int) -> [String] { (1...max(1, count)).map { "\(prefix)\($0)" } }
        func two(_ prefix: String, _ rows: Int, _ columns: Int) -> [String] {
            (1...rows).flatMap { i in (1...columns).map { j in i < 10 && j < 10 ? "\(prefix)\(i)\(j)" : "\(prefix)\(i)_\(j)" } }
        }
        var names = ["m", "eta"] + one("X", sizes[0])
        if sizes[last + 1] == 1 { names += ["Y", "yhat", "Q", "y"] }
        var layered: [String] = []
        for l in 0...last {
            for head in ["A", "Z", "b"] { layered += one("\(head)[\(l + 1)]", sizes[l + 1]) }
            layered += two("W[\(l + 1)]", sizes[l], sizes[l + 1])
        }
        switch (scenario.notation, sizes.count) {
        case (.layered, _): return names + one("y", sizes[last + 1]) + layered
        case (_, 3):
            for head in ["Z", "netz", "bz"] { names += one(head, sizes[1]) }
            for head in ["Y", "nety", "Q", "by"] { names += one(head, sizes[2]) }
            names += two("V", sizes[0], sizes[1])
            names += two("W", sizes[1], sizes[2])
            return names + layered
        default:
            for head in ["Y", "net", "Q", "b"] { names += one(head, sizes[1]) }
            if sizes[1] == 1 {
                names += one("w", sizes[0])
                names += ["z", "net", "h", "b"]
            } else {
                names += two("w", sizes[0], sizes[1])
            }
            return names + layered
        }
    }

    /// Examples of the names this scenario's formulas can use, for messages and help.
    public static func examples(for scenario: Scenario) -> [String] {
        let sizes = scenario.layerSizes
        switch (scenario.notation, sizes.count) {
        case (.layered, _):
            return ["X1", "A[1]1", "Z[1]1", "W[1]11", "b[1]1", "A[\(sizes.count - 1)]1", "y1", "m"]
        case (_, 3):
            return ["X1", "Z1", "netz1", "Y1", "nety1", "Q1", "V11", "W11", "bz1", "by1", "m"]
        default:
            return sizes[1] == 1 ? ["X1", "Y (or yhat, z)", "Q (or y)", "net (or h)", "w1", "b", "m"] : ["X1", "Y1", "Q1", "net1", "w11", "b1", "m"]
        }
    }
}
