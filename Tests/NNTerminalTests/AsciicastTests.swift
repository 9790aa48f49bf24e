import Foundation
import NNTerminal
import Testing

/// The cast's lines are JSON that Foundation's parser reads back to the same text, and bytes
/// read in arbitrary pieces come out as whole characters.
@Suite struct AsciicastTests {
    /// Decodes a JSON string literal with Foundation's parser (an independent implementation).
    func decoded(_ literal: String) throws -> String {
        try #require(try JSONSerialization.jsonObject(with: Data("[\(literal)]".utf8)) as? [String]).first ?? ""
    }

    @Test func controlCharactersAreEscapedAndTheTextSurvives() throws {
        let text = "\u{1B}[1;40r\u{0F}\"quoted\" back\\slash\r\n\ttab\u{7F} σ ∂ ─ 😀"
        let literal = Asciicast.quoted(text)
        #expect(!literal.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        #expect(literal.hasPrefix(#""\u001b[1;40r\u000f\"quoted\" back\\slash\r\n\ttab\u007f σ"#))
        #expect(try decoded(literal) == text)
    }

    @Test func headerAndEventLinesHaveTheFieldsOfVersion2() throws {
        let header = Asciicast.header(width: 120, height: 40, timestamp: 1_700_000_000,
                                      environment: ["TERM": "xterm-256color", "SHELL": "/bin/bash"],
                                      title: "XOR \"demo\"")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(header.utf8)) as? [String: Any])
        #expect(object["version"] as? Int == 2 && object["width"] as? Int == 120 && object["height"] as? Int == 40)
        #expect(object["timestamp"] as? Int == 1_700_000_000 && object["title"] as? String == "XOR \"demo\"")
        #expect(object["env"] as? [String: String] == ["TERM": "xterm-256color", "SHELL": "/bin/bash"])
        let event = Asciicast.event(time: 1.25, kind: "o", data: "\u{1B}[H")
        #expect(event == #"[1.250000, "o", "\u001b[H"]"#)
    }

    @Test func aCharacterSplitBetweenReadsWaitsForItsLastByte() {
        // σ is CF 83, ─ is E2 94 80, 😀 is F0 9F 98 80 (by hand from the code points).
        let bytes: [UInt8] = [0x61, 0xCF, 0x83, 0xE2, 0x94, 0x80, 0xF0, 0x9F, 0x98, 0x80, 0x62]
        for first in 0...bytes.count {
            for second in first...bytes.count {
                var reassembler = UTF8Reassembler()
                let pieces = [bytes[..<first], bytes[first..<second], bytes[second...]]
                    .map { reassembler.text(appending: $0) }
                #expect(pieces.joined() + reassembler.flush() == "aσ─😀b", "cut at \(first), \(second)")
                #expect(pieces.allSatisfy { !$0.contains("\u{FFFD}") }, "cut at \(first), \(second)")
            }
        }
    }

    @Test func aBrokenSequenceBecomesTheReplacementCharacter() {
        var reassembler = UTF8Reassembler()
        #expect(reassembler.text(appending: [0x61, 0xFF, 0x62]) == "a\u{FFFD}b")
        #expect(reassembler.text(appending: [0x63, 0xE2, 0x94]) == "c")
        #expect(reassembler.flush() == "\u{FFFD}")
    }
}
