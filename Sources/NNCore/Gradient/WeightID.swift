import Foundation

/// Names one trainable parameter: a weight from unit `from` of the previous layer to unit `to`
/// of layer `layer`, or (when `from` is nil) the bias of unit `to`. All indices are 0-based;
/// `layer` counts the layers after the input (0 = first layer with weights).
///
/// Spellings accepted by ``parse(_:layerSizes:notation:)``, all indices 1-based:
/// - any net: `W[l]ij` for the weight from unit i of layer l−1 to unit j of layer l, `b[l]j` for
///   a bias (layer 0 is the input); with an index above 9 separate them with `_` or a comma:
///   `W[2]1_12`, `W[2]1,12`.
/// - classic nets with a hidden layer: `v_ij` (input i → hidden j) and `w_jk` (hidden j → output k),
///   written `v11`, `w21` (or `v1_12`, `v1,12`).
/// - classic nets without a hidden layer: `w_i` (input i → the output) when there is one output
///   (also `w_i1` where that cannot be read as `w_i`), `w_ik` otherwise.
/// - classic biases: `bz_j` (hidden unit Z_j) and `by_k` (output Y_k), or `b_k` without a hidden layer.
/// - a single index is all its digits: `bz12`, `b[2]12`.
public struct WeightID: Hashable, Sendable, CustomStringConvertible {
    /// The layer after the input (0-based).
    public var layer: Int
    /// The unit of the previous layer (0-based), or nil for a bias.
    public var from: Int?
    /// The unit of this layer (0-based).
    public var to: Int

    /// Creates an id from 0-based indices.
    public init(layer: Int, from: Int?, to: Int) {
        self.layer = layer
        self.from = from
        self.to = to
    }

    /// Whether this names a bias.
    public var isBias: Bool { from == nil }

    /// The general spelling, accepted for any net: `W[2]13`, `b[1]2`, `W[1]1,12`.
    public var description: String {
        let layerNumber = layer + 1
        guard let from else { return "b[\(layerNumber)]\(to + 1)" }
        return "W[\(layerNumber)]" + Self.joinIndices([from + 1, to + 1])
    }

    /// The name in the scenario's notation, ASCII: `v11`, `w21`, `w1`, or the general spelling.
    public func name(layerSizes: [Int], notation: Notation) -> String {
        guard notation == .classic, layerSizes.count <= 3 else { return description }
        let hasHidden = layerSizes.count == 3
        guard let from else {
            // Classic biases: bz_j of hidden unit Z_j, by_k of output Y_k; b_k without a hidden layer.
            return (hasHidden ? (layer == 0 ? "bz" : "by") : "b") + "\(to + 1)"
        }
        if hasHidden { return (layer == 0 ? "v" : "w") + Self.joinIndices([from + 1, to + 1]) }
        if layerSizes.last == 1 { return "w\(from + 1)" }
        return "w" + Self.joinIndices([from + 1, to + 1])
    }

    /// The name as a symbol with Unicode subscripts: v₁₁, w₂₁, W[2]₁₃, b[1]₂.
    public func symbol(layerSizes: [Int], notation: Notation) -> String {
        let ascii = name(layerSizes: layerSizes, notation: notation)
        if ascii.hasPrefix("bz") || ascii.hasPrefix("by") {
            return "b" + (ascii.hasPrefix("bz") ? "ᶻ" : "ʸ") + Subscript.digits(String(ascii.dropFirst(2)))
        }
        guard let split = ascii.firstIndex(where: { $0.isNumber || $0 == "[" }) else { return ascii }
        var result = String(ascii[..<split])
        var rest = ascii[split...]
        if rest.first == "[", let close = rest.firstIndex(of: "]") {
            result += rest[...close]
            rest = rest[rest.index(after: close)...]
        }
        return result + Subscript.digits(String(rest))
    }

    private static func joinIndices(_ indices: [Int]) -> String {
        indices.allSatisfy { $0 < 10 } ? indices.map(String.init).joined() : indices.map(String.init).joined(separator: ",")
    }

    /// Why a weight name was not accepted.
    public struct ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        /// The name as given.
        public var name: String
        /// What is wrong with it and what is expected, e.g. "vᵢⱼ goes from unit 9, but the layer
        /// before has 2 units". Kept apart so that messages can phrase the rest their own way.
        public var reason: String

        /// Creates an error for `name`.
        public init(name: String, reason: String) {
            self.name = name
            self.reason = reason
        }

        /// "'v99' is not a weight of this network: " and the reason.
        public var description: String { "'\(name)' is not a weight of this network: \(reason)" }
    }

    /// Reads a weight name in any accepted spelling (see the type's documentation) for a net with
    /// `layerSizes` (input first).
    public static func parse(_ text: String, layerSizes: [Int], notation: Notation) throws(ParseError) -> WeightID {
        let normalised = separatorsNormalised(Subscript.normalise(text.trimmingCharacters(in: .whitespaces)))
        let layerCount = layerSizes.count - 1
        func fail(_ why: String) -> ParseError {
            ParseError(name: text, reason: why)
        }
        func indices(_ digits: Substring, count: Int, after prefix: String) throws(ParseError) -> [Int] {
            if let values = IndexSpelling.read(digits, count: count, separators: separators) {
                guard values.allSatisfy({ $0 >= 1 }) else { throw fail("indices are whole numbers from 1") }
                return values
            }
            if digits.contains(where: { !($0.isASCII && $0.isNumber) && !separators.contains($0) }) {
                throw fail("indices are whole numbers from 1")
            }
            let splits = count == 2 ? IndexSpelling.pairSplits(digits, separator: "_") : []
            if !splits.isEmpty {
                throw fail("\(prefix)\(digits) runs two indices together; separate them with '_' (or ','): \(splits.map { prefix + $0 }.joined(separator: " or "))")
            }
            throw fail(count == 1 ? "expected 1 index" : "expected \(count) indices (separate them with '_' or ',' when one is above 9, e.g. \(prefix)1_12)")
        }
        func check(_ id: WeightID, _ spelled: String) throws(ParseError) -> WeightID {
            guard id.layer >= 0, id.layer < layerCount else {
                throw fail("layer \(id.layer + 1) does not exist (layers with weights: 1…\(layerCount))")
            }
            let previous = layerSizes[id.layer], units = layerSizes[id.layer + 1]
            if let from = id.from, from >= previous {
                throw fail("\(spelled) goes from unit \(from + 1), but the layer before has \(previous) unit\(previous == 1 ? "" : "s")")
            }
            guard id.to < units else {
                throw fail("\(spelled) goes to unit \(id.to + 1), but that layer has \(units) unit\(units == 1 ? "" : "s")")
            }
            return id
        }

        // The general spelling: W[l]ij or b[l]j.
        if let first = normalised.first, "WwBb".contains(first), normalised.dropFirst().first == "[" {
            guard let close = normalised.firstIndex(of: "]"),
                  let layerNumber = Int(normalised[normalised.index(normalised.startIndex, offsetBy: 2)..<close])
            else { throw fail("expected W[l]ij or b[l]j, e.g. W[1]11") }
            let digits = normalised[normalised.index(after: close)...]
            if "Bb".contains(first) {
                let unit = try indices(digits, count: 1, after: "b[\(layerNumber)]")
                return try check(WeightID(layer: layerNumber - 1, from: nil, to: unit[0] - 1), "b[\(layerNumber)]")
            }
            let pair = try indices(digits, count: 2, after: "W[\(layerNumber)]")
            return try check(WeightID(layer: layerNumber - 1, from: pair[0] - 1, to: pair[1] - 1), "W[\(layerNumber)]")
        }

        // Classic spellings.
        let lower = normalised.lowercased()
        if notation == .classic, layerSizes.count <= 3, lower.hasPrefix("b") {
            let hasHidden = layerSizes.count == 3
            if hasHidden {
                guard lower.hasPrefix("bz") || lower.hasPrefix("by") else {
                    throw fail("classic biases are bz_j (hidden unit Z_j) and by_k (output Y_k), e.g. bz1, by2")
                }
                let prefix = String(lower.prefix(2))
                let unit = try indices(lower.dropFirst(2), count: 1, after: prefix)
                let layer = prefix == "bz" ? 0 : 1
                return try check(WeightID(layer: layer, from: nil, to: unit[0] - 1), prefix)
            }
            let unit = try indices(lower.dropFirst(), count: 1, after: "b")
            return try check(WeightID(layer: 0, from: nil, to: unit[0] - 1), "b")
        }
        guard let letter = normalised.first?.lowercased(), letter == "v" || letter == "w" else {
            throw fail(classicHint(layerSizes: layerSizes, notation: notation))
        }
        let digits = normalised.dropFirst()
        let hasHidden = layerSizes.count == 3
        if notation != .classic || layerSizes.count > 3 {
            throw fail("this net uses layered notation: write W[l]ij, e.g. W[1]11")
        }
        if hasHidden {
            let pair = try indices(digits, count: 2, after: letter)
            let layer = letter == "v" ? 0 : 1
            return try check(WeightID(layer: layer, from: pair[0] - 1, to: pair[1] - 1), letter + "ᵢⱼ")
        }
        guard letter == "w" else { throw fail("this net has no hidden layer, so its weights are w, e.g. w1") }
        if layerSizes.last == 1 {
            // One output: w_i, from input i. The pair form w_i1 (to the one output) is accepted
            // too, as the formula checker does, but only where it cannot be read as w_i: in a
            // net with 11 inputs, w11 is input 11 (write w1_1 for input 1).
            if let single = IndexSpelling.read(digits, count: 1, separators: separators), (1...layerSizes[0]).contains(single[0]) {
                return WeightID(layer: 0, from: single[0] - 1, to: 0)
            }
            if let pair = IndexSpelling.read(digits, count: 2, separators: separators), pair[1] == 1, (1...layerSizes[0]).contains(pair[0]) {
                return WeightID(layer: 0, from: pair[0] - 1, to: 0)
            }
            let single = try indices(digits, count: 1, after: "w")
            return try check(WeightID(layer: 0, from: single[0] - 1, to: 0), "w")
        }
        let pair = try indices(digits, count: 2, after: "w")
        return try check(WeightID(layer: 0, from: pair[0] - 1, to: pair[1] - 1), "w")
    }

    /// What may stand between two indices: `v1_12` or `v1,12`.
    private static let separators: Set<Character> = ["_", ","]

    /// Drops every `_` that does not stand between two digits: `v_11` and `b_z1` are decorated
    /// spellings of `v11` and `bz1`, while the `_` of `v1_12` separates two indices.
    private static func separatorsNormalised(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            if character == "_" {
                let before = index > 0 ? characters[index - 1] : " ", after = index + 1 < characters.count ? characters[index + 1] : " "
                guard before.isASCII && before.isNumber && after.isASCII && after.isNumber else { continue }
            }
            result.append(character)
        }
        return result
    }

    private static func classicHint(layerSizes: [Int], notation: Notation) -> String {
        if notation == .classic && layerSizes.count == 3 { return "expected v_ij, w_jk or W[l]ij, e.g. v11, w21, W[1]11" }
        if notation == .classic && layerSizes.count == 2 { return "expected w_i or W[l]ij, e.g. w1, W[1]11" }
        return "expected W[l]ij or b[l]j, e.g. W[1]11"
    }

    /// The names of every weight and bias of a net, as ranges in its notation, weights first:
    /// "v11…v23, w11…w31, bz1…bz3, by1" or "W[1]11…W[1]34, W[2]11…W[2]41, b[1]1…b[1]4, b[2]1".
    /// Error messages list them so that a mistyped name can be corrected without a manual.
    public static func nameRanges(layerSizes: [Int], notation: Notation) -> String {
        let layers = 0..<(layerSizes.count - 1)
        func range(_ first: WeightID, _ last: WeightID) -> String {
            let a = first.name(layerSizes: layerSizes, notation: notation), b = last.name(layerSizes: layerSizes, notation: notation)
            return a == b ? a : "\(a)…\(b)"
        }
        let weights = layers.map { range(WeightID(layer: $0, from: 0, to: 0), WeightID(layer: $0, from: layerSizes[$0] - 1, to: layerSizes[$0 + 1] - 1)) }
        let biases = layers.map { range(WeightID(layer: $0, from: nil, to: 0), WeightID(layer: $0, from: nil, to: layerSizes[$0 + 1] - 1)) }
        return (weights + biases).joined(separator: ", ")
    }

    /// Every weight and bias of a net with `layerSizes`, layer by layer, weights before biases.
    public static func all(layerSizes: [Int]) -> [WeightID] {
        var ids: [WeightID] = []
        for layer in 0..<(layerSizes.count - 1) {
            for from in 0..<layerSizes[layer] {
                for to in 0..<layerSizes[layer + 1] { ids.append(WeightID(layer: layer, from: from, to: to)) }
            }
            for to in 0..<layerSizes[layer + 1] { ids.append(WeightID(layer: layer, from: nil, to: to)) }
        }
        return ids
    }
}
