/// The nearest accepted spelling of a mistyped name, for "did you mean" suggestions.
enum Spelling {
    /// The name among `candidates` closest to `name` by edit distance (ignoring case once the
    /// letters agree), when it is close enough to be a likely slip: at most one edit for short
    /// names, two for longer ones. Ties go to the earlier candidate.
    static func nearest(to name: String, among candidates: [String]) -> String? {
        let typed = Array(name)
        guard !typed.isEmpty, typed.count <= 40 else { return nil }
        let allowed = typed.count <= 3 ? 1 : 2
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(typed, Array(candidate), limit: allowed)
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// Levenshtein distance with adjacent swaps counted as one edit and a change of case alone
    /// as none; stops early (returning `limit + 1`) once every path exceeds `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        func same(_ x: Character, _ y: Character) -> Bool { x == y || x.lowercased() == y.lowercased() }
        var previousPrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = previous
        for i in 1...max(1, a.count) where !a.isEmpty {
            row[0] = i
            var smallest = row[0]
            for j in stride(from: 1, through: b.count, by: 1) {
                let cost = same(a[i - 1], b[j - 1]) ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, same(a[i - 1], b[j - 2]), same(a[i - 2], b[j - 1]) {
                    row[j] = min(row[j], previousPrevious[j - 2] + 1)
                }
                smallest = min(smallest, row[j])
            }
            if smallest > limit { return limit + 1 }
            previousPrevious = previous
            previous = row
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
