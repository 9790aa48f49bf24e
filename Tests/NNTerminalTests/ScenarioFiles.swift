import Foundation
import NNCore

/// The package's Scenarios/ files, for the viewer's tests.
enum ScenarioFiles {
    /// Scenarios/`file`, decoded with its file name as source.
    static func load(_ file: String) throws -> Scenario {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Scenarios").appendingPathComponent(file)
        return try ScenarioDecoder.decode(Data(contentsOf: url), file: file)
    }
}
