/// The most of a file's text (a key, a string value) that a message quotes.
///
/// A message is one line for a person to read; a 10 MB key quoted whole made a 10 MB line, and
/// searching it for a "did you mean" took 45 s. Counted in Unicode scalars, not characters, so
/// that one character built of millions of combining marks is cut as well.
let excerptLimit = 40

/// `text` when it has at most ``excerptLimit`` Unicode scalars, otherwise its first
/// ``excerptLimit`` followed by "…"; the cost is bounded whatever the length of `text`.
func excerpt(_ text: String) -> String {
    var scalars = text.unicodeScalars.prefix(excerptLimit + 1).makeIterator()
    var kept = String.UnicodeScalarView()
    for _ in 0..<excerptLimit {
        guard let scalar = scalars.next() else { return text }
        kept.append(scalar)
    }
    return scalars.next() == nil ? text : String(kept) + "…"
}
