import Foundation
import Testing
@testable import NNCore

/// Inputs the libFuzzer targets in Tests/Fuzz found, each kept as the smallest case that failed
/// and the answer it should get.
@Suite struct FuzzFindingsTests {
    func parseError(_ text: String) -> ExpressionParseError? {
        do {
            _ = try Expression.parse(text)
            return nil
        } catch {
            return error
        }
    }

    /// formula-crash-fe5f5ad0: `to - from + 1` overflowed before the term count was checked.
    @Test func sumBoundsAtTheEndsOfIntAreRefusedNotATrap() throws {
        let base64 = "c3VtKGssIDAsOTIyMzM3MjAzNjg1NDc3NTgwNy05AAAAAAAAADQ3NzU4MDcxc3VtKGssMTU1NAkJCQkJCQkJCAkJAAAAAAAAAAD/ZA=="
        let found = String(decoding: try #require(Data(base64Encoded: base64)), as: UTF8.self)
        #expect(parseError(found)?.message == "the sums have more than 10000 terms in all")
        #expect(parseError("sum(k, 0, 9223372036854775807, 1)")?.message == "the sums have more than 10000 terms in all")
        #expect(parseError("sum(k, -9223372036854775808, 9223372036854775807, 1)")?.column == 1)
        #expect(parseError("2*sum(k, -1, 9223372036854775806, 1)")?.column == 3)
        // Bounds near Int.max are fine when the count is small, and the sum adds up.
        let nearTheEnd = try Expression.parse("sum(k, 9223372036854775800, 9223372036854775807, 1)")
        #expect(try nearTheEnd.evaluate { _ in nil } == 8)
        #expect(parseError("sum(k, 1, 10000, 1)") == nil)
        #expect(parseError("sum(k, 1, 10001, 1)")?.message == "the sums have more than 10000 terms in all")
    }
}
