import ArgumentParser
import NNCore
import NNTerminal

/// `nnview screen`: the viewer's screen as plain text, for handouts, docs and scripts.
struct Screen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the viewer's screen as plain text after pressing the given keys.",
        discussion: """
        --keys takes the viewer's keys as typed (e.g. "nnnn" for four steps); name other keys in \
        braces (any case): {Space} {Left} {Right} {Up} {Down} {Tab} {BackTab} {Home} {End} {PgUp} \
        {PgDn} {Enter} {Esc} {Backspace} {Delete} {Ctrl-C}, and {LBrace} for a '{' itself. An \
        unclosed '{' or an unknown name is an error. Example: --keys "g12{Enter}n".
        """
    )

    @OptionGroup var scenario: ScenarioArgument

    // Unconditional: "-" slows autoplay, so a script such as "-n" is keys, not a flag.
    @Option(parsing: .unconditional, help: "Keys to press first.")
    var keys: String = ""

    @Option(parsing: .unconditional, help: "Screen width in columns.", transform: wholeNumber(in: 1...1000))
    var width: Int = 120

    @Option(parsing: .unconditional, help: "Screen height in rows.", transform: wholeNumber(in: 1...1000))
    var height: Int = 40

    @Option(help: "The weight whose chain rule is shown first, e.g. v11.")
    var weight: String?

    @Flag(help: "Draw with ASCII characters only.")
    var ascii = false

    func run() throws {
        let scenario = try scenario.load()
        let id = try weight.map { try parseWeight($0, scenario: scenario) }
        var state = ViewerState(scenario: scenario, weight: id, options: .init(ascii: ascii, color: false))
        let parsed: [Key]
        do {
            parsed = try KeyScript.parse(keys)
        } catch {
            printError("--keys: \(error.description)")
            throw ExitCode(1)
        }
        // The terminal's size first, as the viewer learns it at start-up.
        state = state.updated(with: .key(.resize(width: width, height: height)))
        for key in parsed { state = state.updated(with: .key(key)) }
        print(Renderer.render(state, width: width, height: height).text)
    }
}
