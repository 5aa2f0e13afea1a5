import Foundation
import Testing

@testable import OrgGraph

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Every string the readers take is written back so that it reads back equal, in YAML, JSON,
/// changesets, CSV and every export; where a format cannot hold a character, the export names
/// the field and the character. Checked on hostile strings and on random ones drawn from every
/// kind of Unicode scalar.
@Suite struct RoundTripTests {
    /// Strings that once did not come back: C1 controls, NEL, noncharacters, a byte-order mark,
    /// NUL, formula starts and apostrophes, carriage returns, spaces at the ends, and text YAML
    /// or a terminal would take for something else.
    static let hostile: [String] = [
        "\u{80}\u{9F}", "\u{85}", "a\u{85}b", scalars(0xFFFE), scalars(0xFFFF, 0x78), "\u{FEFF}x", "x\u{FEFF}", "\0", "a\0b",
        "\t=1", "'=1", "''", "'", "'a", "=1 ", "-", "@x", "\r", "a\rb", "a\r\nb", "\r\n", "\n", " lead", "trail ", "  ", "\t",
        "\u{2028}\u{2029}", "\u{1B}]0;title\u{7}", "\u{7F}", "- x", "? x", "null", "~", "1e3", "0o17", "2025-01-01", "#c",
        "a: b", "a #b", "\"", "\\", "\\N\\G\\E", "]]>", "<br/>", "#35;", "生活服务", "👩‍💻", scalars(0x10FFFF), scalars(0x1FFFE), scalars(0xFDD0),
        "\u{202E}rtl", "e\u{301}", "\u{301}", "\"\u{301}x", "'\u{301}=", "=\u{301}", "\r\u{301}",
        // A colon inside a word: plain in a block, but inside `[ ]` libyaml refuses it (the fuzzer's find).
        ":\0?\t\0\0\u{FFFD}\0\0", "a:b", "a:?",
    ]

    /// The string of these scalars (Swift's literals refuse noncharacters).
    static func scalars(_ values: UInt32...) -> String {
        String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
    }

    /// A string of up to 12 scalars, each from a kind chosen at random: ASCII, C0 and C1
    /// controls, characters that are special somewhere, CJK, any of the BMP, any plane.
    static func randomString(_ rng: inout SplitMix64) -> String {
        let special: [UInt32] = [0x0, 0x9, 0xA, 0xD, 0x20, 0x22, 0x23, 0x27, 0x2C, 0x3A, 0x3C, 0x3D, 0x5C, 0x5D, 0x60, 0x7F,
                                 0x85, 0xA0, 0x2028, 0x2029, 0x202E, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFE, 0x10FFFF]
        var text = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            let value: UInt32
            switch Int.random(in: 0..<7, using: &rng) {
            case 0, 1: value = UInt32.random(in: 0x20...0x7E, using: &rng)
            case 2: value = UInt32.random(in: 0...0x1F, using: &rng)
            case 3: value = UInt32.random(in: 0x7F...0x9F, using: &rng)
            case 4: value = special.randomElement(using: &rng)!
            case 5: value = UInt32.random(in: 0x4E00...0x9FFF, using: &rng)
            default: value = UInt32.random(in: 0...0x10FFFF, using: &rng)
            }
            if let scalar = Unicode.Scalar(value) { text.append(scalar) }
        }
        return String(text)
    }

    /// The strings the property runs on: the hostile ones and 800 random ones, none starting
    /// with U+FEFF, which every reader drops there (``byteOrderMarksAtTheStartAreDropped()``).
    static let strings: [String] = {
        var rng = SplitMix64(seed: 13)
        return (hostile + (0..<800).map { _ in randomString(&rng) }).map(TextRules.text)
    }()

    /// The text as an id: the string less what an id cannot hold, after a prefix.
    static func id(_ prefix: String, _ text: String) -> String {
        prefix + String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }))
    }

    /// An org with `text` in every field that holds text: title, names in two languages,
    /// aliases, kinds, titles, attributes, provenance notes, ids.
    static func org(_ text: String, ids: String? = nil) -> Org {
        var org = Org(title: text)
        let unit = UnitID(id("u-", ids ?? text))
        let top = PostID(id("post-", ids ?? text))
        let person = PersonID(id("p-", ids ?? text))
        org.units[unit] = Unit(id: unit, name: LocalizedText(["zh": text, "en": text]), kind: text,
                               provenance: Provenance(note: text), attributes: ["k": text])
        org.people[person] = Person(id: person, name: LocalizedText(["en": text]), aliases: [text], attributes: ["email": text])
        org.people["q"] = Person(id: "q", name: LocalizedText(["en": "Q"]))
        org.posts[top] = Post(id: top, title: LocalizedText(["en": text]), unit: unit, isHead: true, holders: [person],
                              provenance: Provenance(note: text), attributes: ["k": text])
        org.posts["post.q"] = Post(id: "post.q", title: LocalizedText(["en": "Q"]), unit: unit, reportsTo: ReportingLine(to: top), holders: ["q"])
        return org
    }

    @Test func orgFilesAndChangesetsGiveEveryStringBack() throws {
        for text in Self.strings {
            let org = Self.org(text)
            let shown = text.debugDescription
            #expect(try OrgFile.parse(OrgFile.yaml(org), file: "x.yaml").org == org, "YAML: \(shown)")
            #expect(try OrgFile.parse(OrgFile.json(org), file: "x.json").org == org, "JSON: \(shown)")
            // JSON written from the core, as export does.
            let core = try OrgCore.parse(Data(OrgFile.json(org).utf8), file: "x.json")
            #expect(try OrgCore.parse(Data(OrgFile.json(core).utf8), file: "x.json").org() == org, "JSON from the core: \(shown)")
            // A changeset that renames everything to the text applies to give the org back.
            let before = Self.org("plain", ids: text)
            let changes = org.difference(from: before)
            let read = try ChangesetFile.parse(ChangesetFile.yaml(changes), file: "c.yaml")
            // (The org's title is not something a changeset changes.)
            var expected = org
            expected.title = before.title
            #expect(try before.applying(read) == expected, "changeset: \(shown)")
        }
    }

    @Test func csvGivesEveryStringItHoldsBack() throws {
        for text in Self.strings {
            let org = Self.org(text)
            let person = PersonID(Self.id("p-", text))
            let (csv, losses) = org.export(as: .csv)
            let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\0" }))
            #expect(losses.isEmpty == (kept == text), "CSV losses of \(text.debugDescription): \(losses)")
            if kept != text {
                #expect(losses.map(\.description).contains("name_en of person '\(TerminalText.safe(person.rawValue))': csv cannot hold U+0000; left out"))
            }
            let back = try HRImport(file: "x.csv").run(CSVReader(file: "x.csv").parse(csv)).org
            let imported = try #require(back.people[person], "CSV: no person for \(text.debugDescription)")
            // An empty cell is no value.
            #expect(imported.name.display(.en) == kept, "CSV name: \(text.debugDescription)")
            #expect(imported.aliases == (kept.isEmpty ? [] : [kept]), "CSV aliases: \(text.debugDescription)")
            #expect(imported.attributes["email"] == (kept.isEmpty ? nil : kept), "CSV email: \(text.debugDescription)")
            let post = try #require(back.posts[PostID(Self.id("post-", text))])
            #expect(post.title.display(.en) == kept && post.attributes["k"] == (kept.isEmpty ? nil : kept), "CSV title: \(text.debugDescription)")
            let unit = try #require(back.units[post.unit])
            #expect(unit.name.display(.en) == kept && unit.name.display(.zh) == kept && unit.kind == (kept.isEmpty ? nil : kept), "CSV unit: \(text.debugDescription)")
        }
    }

    @Test func graphMLGivesEveryStringXMLHoldsBack() throws {
        for text in Self.strings {
            let org = Self.org(text)
            let post = PostID(Self.id("post-", text))
            let (graphml, losses) = org.export(as: .graphml)
            let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter(xmlHolds)))
            #expect(losses.isEmpty == (kept == text), "GraphML losses of \(text.debugDescription): \(losses)")
            let nodes = try Self.graphMLData(graphml)
            let node = try #require(nodes[String(String.UnicodeScalarView(post.rawValue.unicodeScalars.filter(xmlHolds)))], "GraphML: \(text.debugDescription)")
            #expect(node["title"] == kept, "GraphML title: \(text.debugDescription)")
            #expect(node["unit"] == kept, "GraphML unit: \(text.debugDescription)")
            // The label is the holder's name, then the title on a line of its own when there is one.
            #expect(node["label"] == kept + (text.isEmpty ? "" : "\n" + kept), "GraphML label: \(text.debugDescription)")
        }
    }

    @Test func turtleAndCypherGiveEveryStringBack() throws {
        for text in Self.strings {
            let org = Self.org(text)
            let person = PersonID(Self.id("p-", text))
            let (turtle, turtleLosses) = org.export(as: .turtle)
            #expect(turtleLosses.isEmpty)
            let triples = try parseTurtle(turtle)
            #expect(triples.contains { $0.0 == TurtleExport.iri("person", person.rawValue) && $0.1 == "foaf:name" && $0.2 == "\"\(text)\"@en" },
                    "Turtle: \(text.debugDescription)")
            let (cypher, cypherLosses) = org.export(as: .cypher)
            #expect(cypherLosses.isEmpty)
            let line = try #require(Self.line(of: cypher, startingWith: "MERGE (:Person {id: \(CypherExport.string(person.rawValue))"))
            #expect(try Self.cypherStrings(line) == [person.rawValue, text, "active"], "Cypher: \(text.debugDescription)")
        }
    }

    @Test func mermaidShowsEveryStringALabelCan() throws {
        for text in Self.strings {
            let org = Self.org(text)
            let (mermaid, losses) = org.export(as: .mermaid)
            // The holder, the title and the unit, a line each.
            let label = text.isEmpty ? "" : [text, text, text].joined(separator: "\n")
            let kept = String(String.UnicodeScalarView(label.unicodeScalars.filter(MermaidExport.holds)))
            #expect(losses.isEmpty == (kept == label), "Mermaid losses of \(text.debugDescription): \(losses)")
            // Lines compared as scalars: a combining mark joins the quote before it into one Character.
            let line = try #require(Self.line(of: mermaid, startingWith: "    n0[\"")).unicodeScalars
            #expect(line.reversed().starts(with: "\"]".unicodeScalars.reversed()))
            #expect(try Self.mermaidText(String(String.UnicodeScalarView(line.dropFirst(8).dropLast(2)))) == kept, "Mermaid: \(text.debugDescription)")
        }
    }

    @Test func lossesNameTheFieldAndTheCharacter() {
        var org = Self.org("x")
        org.people["p-x"]?.name = LocalizedText(["en": "a\0b\0"])
        #expect(org.export(as: .csv).losses.map(\.description) == ["name_en of person 'p-x': csv cannot hold U+0000; left out"])
        org.posts["post-x"]?.title = LocalizedText(["en": "t\u{1}" + Self.scalars(0xFFFE)])
        // The label holds the name and the title.
        #expect(org.export(as: .graphml).losses.map(\.description) == [
            "label of post 'post-x': graphml cannot hold U+0000, U+0001, U+FFFE; left out",
            "title of post 'post-x': graphml cannot hold U+0001, U+FFFE; left out",
        ])
    }

    /// The YAML library drops a byte-order mark from the start of each value; the JSON reader
    /// and the CSV import do the same, so that a file reads the same in every format.
    @Test func byteOrderMarksAtTheStartAreDropped() throws {
        let bom = "\u{FEFF}"
        let json = #"{"title": "\#(bom)T", "units": [{"id": "u", "name": "\uFEFFa\uFEFF"}]}"#
        let yaml = "title: \"\(bom)T\"\nunits:\n  - id: u\n    name: \"\\uFEFFa\\uFEFF\"\n"
        for (text, file) in [(json, "x.json"), (yaml, "x.yaml")] {
            let org = try OrgFile.parse(text, file: file).org
            #expect(org.title == "T", "\(file)")
            #expect(org.units["u"]?.name.display(.en).unicodeScalars.map(\.value) == [0x61, 0xFEFF], "\(file)")
        }
        let csv = try HRImport(file: "x.csv").run(CSVReader(file: "x.csv").parse("id,name,manager\n1,\(bom)Ann\(bom),\n")).org
        #expect(csv.people["1"]?.name.display(.en).unicodeScalars.map(\.value) == [0x41, 0x6E, 0x6E, 0xFEFF])
    }

    /// A NUL that CSV leaves out can bring a U+FEFF to the front of a field, where the reader
    /// drops one as a byte-order mark: the export writes one more, and the text reads back
    /// less only the NUL.
    @Test func aByteOrderMarkBehindALeftOutNULComesBack() throws {
        var org = Self.org("x")
        org.people["p-x"]?.name = LocalizedText(["en": "\0\u{FEFF}P"])
        org.people["p-x"]?.aliases = ["\0\u{FEFF}\u{FEFF}"]
        let (csv, losses) = org.export(as: .csv)
        #expect(losses.map(\.description) == [
            "name_en of person 'p-x': csv cannot hold U+0000; left out",
            "aliases of person 'p-x': csv cannot hold U+0000; left out",
        ])
        let back = try HRImport(file: "x.csv").run(CSVReader(file: "x.csv").parse(csv)).org
        #expect(back.people["p-x"]?.name.display(.en).unicodeScalars.map(\.value) == [0xFEFF, 0x50])
        #expect(back.people["p-x"]?.aliases.map { $0.unicodeScalars.map(\.value) } == [[0xFEFF, 0xFEFF]])
    }

    // MARK: - Readers of the exports, each after its format's grammar

    /// The first line of `text` whose scalars start with those of `prefix`.
    static func line(of text: String, startingWith prefix: String) -> String? {
        text.split(separator: "\n").first { $0.unicodeScalars.starts(with: prefix.unicodeScalars) }.map(String.init)
    }

    /// The `data` values of each GraphML node, by node id, read by libxml2.
    static func graphMLData(_ text: String) throws -> [String: [String: String]] {
        final class Reader: NSObject, XMLParserDelegate {
            var nodes: [String: [String: String]] = [:]
            var node: String?
            var key: String?
            var value = ""
            func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
                if e == "node" { node = attributes["id"] }
                if e == "data", let k = attributes["key"], k != "graphics" { key = k; value = "" }
            }
            func parser(_ p: XMLParser, foundCharacters s: String) { if key != nil { value += s } }
            func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) {
                if e == "data", let key, let node { nodes[node, default: [:]][key] = value }
                if e == "data" { key = nil }
                if e == "node" { node = nil }
            }
        }
        struct Broken: Error {}
        let parser = XMLParser(data: Data(text.utf8))
        let reader = Reader()
        parser.delegate = reader
        guard parser.parse() else { throw Broken() }
        return reader.nodes
    }

    /// The string literals of a Cypher statement, unescaped as openCypher's grammar says.
    static func cypherStrings(_ statement: String) throws -> [String] {
        struct Bad: Error {}
        var strings: [String] = []
        var scalars = statement.unicodeScalars[...]
        while let c = scalars.popFirst() {
            guard c == "'" else { continue }
            var value = String.UnicodeScalarView()
            while true {
                guard let d = scalars.popFirst() else { throw Bad() }
                if d == "'" { break }
                guard d == "\\" else { value.append(d); continue }
                switch scalars.popFirst() {
                case "\\": value.append("\\")
                case "'": value.append("'")
                case "\"": value.append("\"")
                case "n": value.append("\n")
                case "r": value.append("\r")
                case "t": value.append("\t")
                case "b": value.append("\u{8}")
                case "f": value.append("\u{C}")
                case "u":
                    let hex = String(String.UnicodeScalarView(scalars.prefix(4)))
                    scalars = scalars.dropFirst(4)
                    guard hex.count == 4, let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { throw Bad() }
                    value.append(s)
                default: throw Bad()
                }
            }
            strings.append(String(value))
        }
        return strings
    }

    /// A Mermaid label's text: its entity codes (`#quot;`, `#35;`) decoded, `<br/>` a line break.
    static func mermaidText(_ label: String) throws -> String {
        struct Bad: Error {}
        let named: [String: Unicode.Scalar] = ["quot": "\"", "lt": "<", "gt": ">", "amp": "&"]
        guard !label.contains("\"") else { throw Bad() }
        var out = String.UnicodeScalarView()
        var rest = label.unicodeScalars[...]
        while let c = rest.popFirst() {
            if c == "<", rest.starts(with: "br/>".unicodeScalars) {
                out.append("\n")
                rest = rest.dropFirst(4)
                continue
            }
            guard c == "#" else { out.append(c); continue }
            guard let end = rest.firstIndex(of: ";") else { throw Bad() }
            let code = String(String.UnicodeScalarView(rest[..<end]))
            rest = rest[rest.index(after: end)...]
            if let scalar = named[code] ?? UInt32(code).flatMap(Unicode.Scalar.init) { out.append(scalar) } else { throw Bad() }
        }
        return String(out)
    }
}
