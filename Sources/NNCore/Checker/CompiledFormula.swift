/// A formula with its names looked up once for a scenario, so that evaluating it at every sample
/// of a batch reads values by position instead of parsing names: a check evaluates it millions
/// of times on a big batch. It gives what ``Expression/evaluate(_:)`` gives with
/// ``DerivationSymbols/value(_:)``.
struct CompiledFormula {
    indirect enum Node {
        case constant(Double)
        case reference(DerivationSymbols.Reference)
        /// A name with `{k}` in it, looked up when the sums' indices are known; `visible` are the
        /// indices around it and their slots.
        case dynamic(String, column: Int, visible: [(name: String, slot: Int)])
        /// The value of a sum's index.
        case index(slot: Int)
        case negate(Node)
        case binary(Character, Node, Node)
        case call(@Sendable (Double) -> Double, Node)
        case sum(slot: Int, from: Int, to: Int, body: Node)
        case implicitSum(slot: Int, body: Node)
        /// The body at every sample of the batch, added.
        case sampleSum(body: Node)
    }

    /// The names with `{k}` already looked up, by their spelling after substitution.
    final class Cache {
        var references: [String: DerivationSymbols.Reference?] = [:]
    }

    let root: Node
    let slotCount: Int
    let symbols: DerivationSymbols
    let cache = Cache()

    /// Looks the names of `expression` up in `scenario` (with the weight matrices of `transposed`
    /// read the other way round, and `m` read as `sampleCount` when given). A name without `{k}`
    /// that the scenario lacks is an error here.
    init(
        _ expression: Expression, scenario: Scenario, record: BatchRecord, transposed: Set<Int>, sampleCount: Int? = nil
    ) throws(ExpressionEvaluationError) {
        symbols = DerivationSymbols(scenario: scenario, record: record, sample: 0, transposed: transposed, sampleCount: sampleCount)
        var slots = 0
        // In a formula that sums over the samples, a name outside that sum has no sample to read.
        let sampleless = expression.sumsOverSamples
        root = try Self.compile(expression, scope: [], symbols: symbols, slots: &slots, sampleless: sampleless)
        slotCount = slots
    }

    private static func compile(
        _ expression: Expression, scope: [(name: String, slot: Int)], symbols: DerivationSymbols, slots: inout Int, sampleless: Bool
    ) throws(ExpressionEvaluationError) -> Node {
        func inner(
            _ expression: Expression, _ scope: [(name: String, slot: Int)], sampleless: Bool = sampleless
        ) throws(ExpressionEvaluationError) -> Node {
            try compile(expression, scope: scope, symbols: symbols, slots: &slots, sampleless: sampleless)
        }
        switch expression {
        case .number(let value): return .constant(value)
        case .symbol(let name, let column):
            if let bound = scope.last(where: { $0.name == name }) { return .index(slot: bound.slot) }
            if name.contains("{") { return .dynamic(name, column: column, visible: scope) }
            guard let reference = symbols.reference(name) else { throw .unknownSymbol(name, column: column) }
            if sampleless && reference.dependsOnSample { throw .outsideSampleSum(name, column: column) }
            return .reference(reference)
        case .negate(let operand): return .negate(try inner(operand, scope))
        case .binary(let operation, let left, let right): return .binary(operation, try inner(left, scope), try inner(right, scope))
        case .call(let name, let argument):
            let function = name.hasSuffix("'") ? Expression.derivatives[String(name.dropLast())]! : Expression.functions[name]!
            return .call(function, try inner(argument, scope))
        case .sum(let index, let from, let to, let body):
            let slot = scope.count
            slots = max(slots, slot + 1)
            return .sum(slot: slot, from: from, to: to, body: try inner(body, scope + [(index, slot)]))
        case .implicitSum(let index, let body):
            let slot = scope.count
            slots = max(slots, slot + 1)
            return .implicitSum(slot: slot, body: try inner(body, scope + [(index, slot)]))
        case .sampleSum(_, let body):
            return .sampleSum(body: try inner(body, scope, sampleless: false))
        }
    }

    /// The formula at `sample` of `record`.
    func evaluate(record: BatchRecord, sample: Int) throws(ExpressionEvaluationError) -> Double {
        let reader = DerivationSymbols(
            scenario: symbols.scenario, record: record, sample: sample, transposed: symbols.transposed, sampleCount: symbols.sampleCount
        )
        var slots = [Int](repeating: 0, count: slotCount)
        return try evaluate(root, reader: reader, slots: &slots)
    }

    private func evaluate(_ node: Node, reader: DerivationSymbols, slots: inout [Int]) throws(ExpressionEvaluationError) -> Double {
        switch node {
        case .constant(let value): return value
        case .reference(let reference): return reader.read(reference)
        case .index(let slot): return Double(slots[slot])
        case .dynamic(let name, let column, let visible):
            var bindings: [String: Int] = [:]
            for (index, slot) in visible { bindings[index] = slots[slot] }
            let resolved = Expression.substitute(name, bindings)
            let reference: DerivationSymbols.Reference?
            if let known = cache.references[resolved] {
                reference = known
            } else {
                reference = symbols.reference(resolved)
                cache.references[resolved] = .some(reference)
            }
            guard let reference else { throw .unknownSymbol(resolved, column: column) }
            return reader.read(reference)
        case .negate(let operand): return -(try evaluate(operand, reader: reader, slots: &slots))
        case .binary(let operation, let left, let right):
            let a = try evaluate(left, reader: reader, slots: &slots), b = try evaluate(right, reader: reader, slots: &slots)
            return Expression.apply(operation, a, b)
        case .call(let function, let argument): return function(try evaluate(argument, reader: reader, slots: &slots))
        case .sum(let slot, let from, let to, let body):
            var total = 0.0
            for value in from...max(from, to) where from <= to {
                slots[slot] = value
                total += try evaluate(body, reader: reader, slots: &slots)
            }
            return total
        case .implicitSum(let slot, let body):
            // As Expression.evaluate: the index runs while every name of the body exists.
            var total = 0.0
            for value in 1...Expression.implicitSumLimit {
                slots[slot] = value
                do {
                    total += try evaluate(body, reader: reader, slots: &slots)
                } catch {
                    if value == 1 { throw error }
                    break
                }
            }
            return total
        case .sampleSum(let body):
            var total = 0.0
            for sample in 0..<reader.record.sampleCount {
                let sampleReader = DerivationSymbols(
                    scenario: reader.scenario, record: reader.record, sample: sample, transposed: reader.transposed,
                    sampleCount: reader.sampleCount
                )
                total += try evaluate(body, reader: sampleReader, slots: &slots)
            }
            return total
        }
    }
}
