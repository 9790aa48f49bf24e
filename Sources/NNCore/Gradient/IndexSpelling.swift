/// How the 1-based indices after a symbol's letters are written, shared by weight names
/// (``WeightID/parse(_:layerSizes:notation:)``) and formula symbols (``DerivationSymbols``), so
/// that `Z12`, `bz12`, `v1_12` mean the same thing everywhere.
///
/// - One index is all the digits: `Z12` is unit 12. A net has up to 64 units per layer, so
///   a single index needs more than one digit.
/// - Two indices run together only when each has one digit (`v11`); otherwise a separator
///   goes between them (`v1_12`), because `v112` could be 1,12 or 11,2.
/// - One `_` right after the letters is decoration (`Z_12`, `v_11`), as in the math's Z_j.
enum IndexSpelling {
    /// The indices of `text` (the part after a symbol's letters), or nil when `text` does not
    /// spell exactly `count` whole numbers. Values are returned as written (1-based, unchecked).
    static func read(_ text: Substring, count: Int, separators: Set<Character>) -> [Int]? {
        var text = text
        if text.first == "_" { text = text.dropFirst() }
        let parts: [Substring]
        if text.contains(where: separators.contains) {
            parts = text.split(omittingEmptySubsequences: false, whereSeparator: separators.contains)
        } else if count == 1 {
            parts = [text]
        } else if text.count == count {
            parts = text.map { Substring(String($0)) }
        } else {
            return nil
        }
        guard parts.count == count else { return nil }
        var values: [Int] = []
        for part in parts {
            // ASCII digits only: Int("") and Int("+1") must not slip through as indices.
            guard !part.isEmpty, part.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int(part) else { return nil }
            values.append(value)
        }
        return values
    }

    /// The ways to split a run of digits into two indices, written with `separator`:
    /// "112" → ["1_12", "11_2"]. Used to suggest what `v112` may have meant.
    static func pairSplits(_ digits: Substring, separator: Character) -> [String] {
        guard digits.count > 2, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return [] }
        return (1..<digits.count).map { cut in
            let index = digits.index(digits.startIndex, offsetBy: cut)
            return "\(digits[..<index])\(separator)\(digits[index...])"
        }
    }
}
