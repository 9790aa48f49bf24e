import NNCore
import Foundation

/// The lines of an asciicast v2 file (the format asciinema records and plays): a header object,
/// then one `[seconds, "o", "data"]` array per piece of output and `[seconds, "r", "WxH"]` per
/// resize. Every line is one JSON value; strings are valid UTF-8 with control characters
/// written as `\u00XX`, so ESC travels as `\u001b` and the file itself holds none.
public enum Asciicast {
    /// The header line: the terminal's size, when recording started, its environment and a title.
    public static func header(width: Int, height: Int, timestamp: Int, environment: [String: String],
                              title: String) -> String {
        let env = environment.keys.sorted().map { "\(quoted($0)): \(quoted(environment[$0]!))" }.joined(separator: ", ")
        return #"{"version": 2, "width": \#(width), "height": \#(height), "timestamp": \#(timestamp), "#
            + #""env": {\#(env)}, "title": \#(quoted(title))}"#
    }

    /// An event line: `kind` is "o" (output) or "r" (resize), `time` seconds since the start.
    public static func event(time: Double, kind: String, data: String) -> String {
        "[\(String(format: "%.6f", time)), \(quoted(kind)), \(quoted(data))]"
    }

    /// `text` as a JSON string: quotes, backslashes and every control character escaped.
    public static func quoted(_ text: String) -> String { JSONOutput.string(text).text }
}

/// Turns a byte stream read in arbitrary pieces into text: a UTF-8 character split between two
/// reads is held back until its last byte arrives, so no piece is cut inside a character.
/// Bytes that are not UTF-8 at all become U+FFFD.
public struct UTF8Reassembler {
    private var tail: [UInt8] = []

    /// Starts with nothing held back.
    public init() {}

    /// The text of the bytes so far that form whole characters; an incomplete last one waits.
    public mutating func text(appending bytes: some Sequence<UInt8>) -> String {
        var pending = tail + bytes
        let cut = Self.completePrefixLength(pending)
        tail = Array(pending[cut...])
        pending.removeLast(pending.count - cut)
        return String(decoding: pending, as: UTF8.self)
    }

    /// Whatever is still held back, at the end of the stream (an incomplete character is U+FFFD).
    public mutating func flush() -> String {
        defer { tail = [] }
        return String(decoding: tail, as: UTF8.self)
    }

    /// How many bytes of `bytes` to decode now: all, unless the last lead byte (within the last
    /// three bytes) starts a sequence longer than what follows it.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        guard !bytes.isEmpty else { return 0 }
        for back in 1...min(3, bytes.count) {
            let byte = bytes[bytes.count - back]
            if byte & 0xC0 == 0x80 { continue }  // a continuation byte: look further back
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : byte >= 0xC0 ? 2 : 1
            return length > back ? bytes.count - back : bytes.count
        }
        return bytes.count
    }
}
