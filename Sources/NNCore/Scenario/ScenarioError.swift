/// Why a scenario could not be used: which file, which field (as a JSON path such as
/// `layers[1].weights`) and what was expected. Its description is the one line the user sees.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file's name as the user gave it.
    public var file: String
    /// The JSON path of the field, empty for problems with the file as a whole.
    public var path: String
    /// What is wrong and what was expected.
    public var message: String
    /// Where in the file, when known.
    public var line: Int?
    /// Where in the line, when known.
    public var column: Int?

    /// Creates an error.
    public init(file: String, path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.file = file
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    /// `file: path message (line L, column C)`.
    public var description: String {
        var text = "\(file): "
        if !path.isEmpty { text += "\(path) " }
        text += message
        if let line, let column, line > 0 { text += " (line \(line), column \(column))" }
        // One line, whatever the file's strings hold.
        return TerminalText.escaped(text)
    }
}
