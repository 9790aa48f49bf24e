/// libFuzzer entry for the key-script parser of `screen --keys`. Built by run.sh together with
/// Sources/NNTerminal/Key.swift and KeyScript.swift alone (they need no ncurses), not by SwiftPM.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzKeyScript(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        let keys = try KeyScript.parse(text)
        // Each key comes from at least one character of the script.
        if keys.count > text.count { fatalError("\(keys.count) keys from \(text.count) characters") }
    } catch {
        if error.description.contains("\n") && !text.contains("\n") { fatalError("message of two lines: \(error)") }
    }
    return 0
}
