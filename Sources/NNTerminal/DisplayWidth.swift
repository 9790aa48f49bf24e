#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesw
import NNCore

/// How many terminal columns text takes, as the C library's `wcwidth` says: a CJK ideograph or
/// a wide emoji takes two, a combining accent none (it sits on the character before it, which
/// Swift's `Character` already holds together with it), every other printable character one.
/// Characters that ``TerminalText/isHidden(_:)`` would escape count as their escape, which is
/// what the grid shows for them.
enum DisplayWidth {
    /// The columns `text` takes once escaped.
    static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        return withUTF8Locale { text.reduce(0) { $0 + measure($1).columns } }
    }

    /// The longest start of `text` that fits in `width` columns.
    static func prefix(_ text: Substring, columns width: Int) -> Substring {
        withUTF8Locale {
            var used = 0
            var end = text.startIndex
            for character in text {
                used += measure(character).columns
                if used > width { break }
                end = text.utf8.index(end, offsetBy: character.utf8.count)
            }
            return text[..<end]
        }
    }

    /// Calls `body` with each character of `text` as a cell holds it and the columns it takes,
    /// until `body` returns false. A character that would take no column of its own (a combining
    /// mark at the start of a text, with nothing to sit on) is put on a space, as Unicode shows
    /// such marks; ncurses refuses a cell that starts with one.
    static func forEachCell(of text: String, _ body: (Character, Int) -> Bool) {
        withUTF8Locale {
            for character in text {
                let (columns, startsWithMark) = measure(character)
                if !body(startsWithMark ? Character(" " + String(character)) : character, columns) { return }
            }
        }
    }

    /// Columns of one character, and whether it starts with a mark of no width; inside
    /// ``withUTF8Locale(_:)``. One pass over its scalars: this runs for every character drawn.
    private static func measure(_ character: Character) -> (columns: Int, startsWithMark: Bool) {
        var total = 0
        var startsWithMark = false
        var isFirst = true
        for scalar in character.unicodeScalars {
            let value = scalar.value
            if value >= 0x20, value < 0x7F {
                total += 1
            } else if TerminalText.isHidden(scalar) {
                return (TerminalText.escaped(String(character)).utf8.count, false)
            } else {
                let width = Int(nn_wcwidth(wchar_t(bitPattern: value)))
                if isFirst { startsWithMark = width == 0 }
                // -1 is a code point the C library does not know: one column if it stands first.
                total += width >= 0 ? width : (isFirst ? 1 : 0)
            }
            isFirst = false
        }
        return (min(2, max(1, total)), startsWithMark)
    }

    /// A UTF-8 locale for `wcwidth`, which knows no width beyond ASCII in the C locale every
    /// program starts in (and `screen` and the tests never leave); set for the calling thread
    /// only, so nothing else in the process is affected.
    private nonisolated(unsafe) static let utf8Locale: locale_t? = {
        for name in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] {
            if let locale = newlocale(LC_CTYPE_MASK, name, nil) { return locale }
        }
        return nil
    }()

    private static func withUTF8Locale<Result>(_ body: () -> Result) -> Result {
        guard let locale = utf8Locale else { return body() }
        let previous = uselocale(locale)
        defer { uselocale(previous) }
        return body()
    }
}
