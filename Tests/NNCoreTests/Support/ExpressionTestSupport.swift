@testable import NNCore

/// The error `text` gets from the formula parser, or nil when it parses.
func parseError(_ text: String) -> ExpressionParseError? {
    do {
        _ = try Expression.parse(text)
        return nil
    } catch {
        return error
    }
}
