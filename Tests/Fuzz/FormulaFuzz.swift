/// libFuzzer entry for the formula parser of `check --formula` and the viewer's `d` key.
/// Built by run.sh together with NNCore's sources, not by SwiftPM.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFormulaParser(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        _ = try Expression.parse(text)
    } catch {
        // The caret line is printed under the formula, so the column must fall inside it or just past it.
        if !(1...text.count + 1).contains(error.column) { fatalError("column \(error.column) outside the formula") }
    }
    return 0
}
