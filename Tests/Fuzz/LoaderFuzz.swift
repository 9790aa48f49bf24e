import Foundation

/// libFuzzer entry for the scenario loader: JSON syntax, then every field's validation.
/// Built by run.sh together with NNCore's sources, not by SwiftPM.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzScenarioLoader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        _ = try ScenarioDecoder.decode(data, file: "fuzz.json")
    } catch {
        // A refusal must be one line that names the file; anything else is a finding.
        let line = error.description
        if !line.hasPrefix("fuzz.json: ") || line.contains("\n") { fatalError("malformed message: \(line)") }
    }
    return 0
}
