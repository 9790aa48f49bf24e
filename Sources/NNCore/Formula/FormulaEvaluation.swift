import Foundation

extension Formula {
    /// The formula's value, with `lookup` giving the value of each symbol and partial derivative
    /// (with the letters bound so far, such as the sample s of Σₛ); nil when a part has no value
    /// (words, an unknown symbol, a sum in general terms).
    public func evaluate(bindings: [Character: Int] = [:], _ lookup: (Formula, [Character: Int]) -> Double?) -> Double? {
        switch self {
        case .symbol, .partial: return lookup(self, bindings)
        case .number(let value, _): return value
        case .integer(let value): return Double(value)
        case .ratio(let a, let b): return Double(a) / Double(b)
        case .half: return 0.5
        case .words, .ellipsis, .phantom, .transposed: return nil
        case .sum(let terms): return combine(terms, bindings, lookup, start: 0, +)
        case .negated(let inner): return inner.evaluate(bindings: bindings, lookup).map { -$0 }
        case .product(let factors, _): return combine(factors, bindings, lookup, start: 1, *)
        case .quotient(let a, let b, _):
            guard let a = a.evaluate(bindings: bindings, lookup), let b = b.evaluate(bindings: bindings, lookup) else { return nil }
            return a / b
        case .apply(let function, let argument):
            return argument.evaluate(bindings: bindings, lookup).flatMap { Self.apply(function, $0) }
        case .power(let base, let exponent):
            guard let b = base.evaluate(bindings: bindings, lookup), let e = exponent.evaluate(bindings: bindings, lookup) else { return nil }
            return pow(b, e)
        case .parenthesised(let inner), .bracketed(let inner): return inner.evaluate(bindings: bindings, lookup)
        case .greater(let a, let b):
            guard let a = a.evaluate(bindings: bindings, lookup), let b = b.evaluate(bindings: bindings, lookup) else { return nil }
            return a > b ? 1 : 0
        case .summation(let index, let count, let body):
            guard let count, case .letter(let letter) = index else { return nil }
            var total = 0.0
            for n in 1...max(1, count) {
                var inner = bindings
                inner[letter] = n
                guard let term = body.binding(letter, to: n).evaluate(bindings: inner, lookup) else { return nil }
                total += term
            }
            return count == 0 ? 0 : total
        }
    }

    private func combine(_ parts: [Formula], _ bindings: [Character: Int], _ lookup: (Formula, [Character: Int]) -> Double?,
                         start: Double, _ operation: (Double, Double) -> Double) -> Double? {
        var result = start
        for part in parts {
            guard let value = part.evaluate(bindings: bindings, lookup) else { return nil }
            result = operation(result, value)
        }
        return result
    }

    private static func apply(_ function: Function, _ x: Double) -> Double? {
        switch function {
        case .sigmoid: return Activation.sigmoid(x)
        case .tanh: return Foundation.tanh(x)
        case .relu: return max(0, x)
        case .identity: return x
        case .log: return Foundation.log(x)
        case .squareRoot: return x.squareRoot()
        case .softmax, .g, .gPrime: return nil
        }
    }

    /// The formula with the letter index `letter` of its symbols set to `number`.
    public func binding(_ letter: Character, to number: Int) -> Formula {
        mapSymbols { $0.binding(letter, to: number) }
    }

    /// The formula with `transform` applied to every symbol.
    public func mapSymbols(_ transform: (MathSymbol) -> MathSymbol) -> Formula {
        switch self {
        case .symbol(let symbol): return .symbol(transform(symbol))
        case .number, .integer, .ratio, .half, .words, .ellipsis: return self
        case .sum(let terms): return .sum(terms.map { $0.mapSymbols(transform) })
        case .negated(let inner): return .negated(inner.mapSymbols(transform))
        case .product(let factors, let spacing): return .product(factors.map { $0.mapSymbols(transform) }, spacing)
        case .quotient(let a, let b, let spaced): return .quotient(a.mapSymbols(transform), b.mapSymbols(transform), spaced: spaced)
        case .partial(let a, let b): return .partial(a.mapSymbols(transform), b.mapSymbols(transform))
        case .apply(let function, let argument): return .apply(function, argument.mapSymbols(transform))
        case .power(let a, let b): return .power(a.mapSymbols(transform), b.mapSymbols(transform))
        case .parenthesised(let inner): return .parenthesised(inner.mapSymbols(transform))
        case .bracketed(let inner): return .bracketed(inner.mapSymbols(transform))
        case .greater(let a, let b): return .greater(a.mapSymbols(transform), b.mapSymbols(transform))
        case .summation(let index, let count, let body): return .summation(index, count: count, body.mapSymbols(transform))
        case .transposed(let inner): return .transposed(inner.mapSymbols(transform))
        case .phantom(let inner): return .phantom(inner.mapSymbols(transform))
        }
    }
}
