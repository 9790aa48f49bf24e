import Foundation
import NNCore
import Testing
@testable import NNTerminal

/// One keymap table drives the keys, the help, the status line and the README.
@Suite struct KeymapTests {
    @Test func theReadmeKeyTableIsTheKeymap() throws {
        let readme = try String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("README.md").path, encoding: .utf8)
        #expect(readme.contains(Keymap.markdownTable + "\n"), "README's key table should read:\n\(Keymap.markdownTable)")
    }

    @Test func noKeyHasTwoActions() {
        var seen: [Key: KeyAction] = [:]
        for row in Keymap.rows {
            for (key, action) in row.keys {
                #expect(seen[key] == nil || seen[key] == action, "\(key)")
                seen[key] = action
            }
        }
    }

    @Test func everyActionIsReachableAndHelpListsEveryRow() {
        let state = ViewerState(scenario: ScenarioDecoder.defaultScenario)
        let help = Renderer.render(state.updated(with: .key(.character("?"))), width: 200, height: 60).text
        for row in Keymap.rows { #expect(help.contains(row.helpKeys), "\(row.helpKeys)") }
        let status = Renderer.render(state, width: 200, height: 60).text
        #expect(status.contains(Keymap.hints(short: false, playing: false).trimmingCharacters(in: .whitespaces)))
    }
}
