/// Unicode subscript digits for symbols such as Y₁ and v₁₁, and the way back to ASCII.
public enum Subscript {
    private static let subscriptDigits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]

    /// Writes the digits of `text` as subscripts; other characters (such as ',') stay as they are.
    public static func digits(_ text: String) -> String {
        String(text.map { character in
            if let value = character.wholeNumberValue, character.isASCII { return subscriptDigits[value] }
            return character
        })
    }

    /// A number as subscript digits: 12 → ₁₂.
    public static func number(_ value: Int) -> String {
        digits(String(value))
    }

    /// Turns subscript digits back into ASCII digits: Y₁ → Y1.
    public static func normalise(_ text: String) -> String {
        String(text.map { character in
            if let value = subscriptDigits.firstIndex(of: character) { return Character(String(value)) }
            return character
        })
    }
}
