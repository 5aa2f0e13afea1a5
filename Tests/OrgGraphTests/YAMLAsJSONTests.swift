import Foundation
import Testing

@testable import OrgGraph

/// A YAML document written out as JSON for the one reader of org files: every scalar as the
/// text it was written as, JSON any reader takes, and each value placed where the YAML wrote it.
@Suite struct YAMLAsJSONTests {
    static func document(_ yaml: String) throws -> (YAMLAsJSON, String) {
        let reader = YAMLReader(file: "t.yaml")
        let document = YAMLAsJSON(try reader.parseRoot(yaml, what: "a test"), reader: reader)
        return (document, String(decoding: document.bytes, as: UTF8.self))
    }

    @Test func scalarsAreTheTextWrittenAndOnlyPlainNullsAreNull() throws {
        let (document, text) = try Self.document("a: 00123\nb: Yes\nc: ~\nd: \"q\\\"b\\\\s\\tt\\u0001 刘逍\"\ne: [1e3, {f: null, g: 'null'}]\n")
        #expect(text == #"{"a":"00123","b":"Yes","c":null,"d":"q\"b\\s\u0009t\u0001 刘逍","e":["1e3",{"f":null,"g":"null"}]}"#)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(document.bytes)) as? [String: Any])
        #expect(parsed["d"] as? String == "q\"b\\s\tt\u{1} 刘逍")
        #expect(document.problems.isEmpty)
    }

    @Test func eachValueAndKeyIsPlacedWhereTheYAMLWroteIt() throws {
        let (document, text) = try Self.document("units:\n  - id: acme\n    name: {zh: 甲, en: Acme}\n")
        func offset(_ piece: String) -> Int { Array(text.utf8).firstRange(of: Array(piece.utf8))!.lowerBound }
        #expect(document.location(of: offset("\"acme\"")) == SourceLocation(file: "t.yaml", line: 2, column: 9))
        #expect(document.location(of: offset("\"name\"")) == SourceLocation(file: "t.yaml", line: 3, column: 5))
        #expect(document.location(of: offset("\"Acme\"")) == SourceLocation(file: "t.yaml", line: 3, column: 23))
        // Inside a value, the value's place.
        #expect(document.location(of: offset("\"Acme\"") + 2) == SourceLocation(file: "t.yaml", line: 3, column: 23))
    }

    @Test func aKeyThatIsNoScalarIsLeftOutWithAProblemAtItsPlace() throws {
        let (document, text) = try Self.document("units:\n  - ? [a, b]\n    : x\n    id: u\n")
        #expect(text == #"{"units":[{"id":"u"}]}"#)
        #expect(document.problems.map(\.description) == ["t.yaml:2:7: error: a key must be a plain word, found a list"])
    }
}
