import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@testable import OrgGraph

/// A small Turtle reader for what the exporter writes: prefixes, IRIs, prefixed names,
/// literals with escapes and language tags or datatypes, `a`, `;` and `.`. Returns the triples.
func parseTurtle(_ text: String) throws -> [(String, String, String)] {
    struct Bad: Error { var message: String }
    var tokens: [String] = []
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.first {
        if c.properties.isWhitespace { chars.removeFirst(); continue }
        if c == "#" { while let d = chars.first, d != "\n" { chars.removeFirst() }; continue }
        if c == "<" {
            guard let end = chars.firstIndex(of: ">") else { throw Bad(message: "unclosed IRI") }
            tokens.append(String(String.UnicodeScalarView(chars[...end]))); chars = chars[(end + 1)...]; continue
        }
        if c == "\"" {
            var value = "\""
            chars.removeFirst()
            var closed = false
            while let d = chars.popFirst() {
                if d == "\\" {
                    guard let e = chars.popFirst() else { throw Bad(message: "dangling escape") }
                    switch e {
                    case "n": value += "\n"
                    case "r": value += "\r"
                    case "t": value += "\t"
                    case "\"": value += "\""
                    case "\\": value += "\\"
                    case "u":
                        let hex = String(String.UnicodeScalarView(chars.prefix(4))); chars = chars.dropFirst(4)
                        guard let v = UInt32(hex, radix: 16), let s = Unicode.Scalar(v) else { throw Bad(message: "bad \\u") }
                        value.unicodeScalars.append(s)
                    default: throw Bad(message: "unknown escape \\\(e)")
                    }
                } else if d == "\"" { closed = true; break } else if d == "\n" { throw Bad(message: "newline in a literal") } else { value.unicodeScalars.append(d) }
            }
            guard closed else { throw Bad(message: "unclosed literal") }
            var suffix = ""
            while let d = chars.first, !d.properties.isWhitespace, d != ";", d != "," || suffix.isEmpty == false && false { if d == "." && (chars.dropFirst().first.map { $0.properties.isWhitespace } ?? true) { break }; suffix.unicodeScalars.append(d); chars.removeFirst() }
            tokens.append(value + "\"" + suffix); continue
        }
        if ";,.".unicodeScalars.contains(c), chars.dropFirst().first.map({ $0.properties.isWhitespace }) ?? true {
            tokens.append(String(c)); chars.removeFirst(); continue
        }
        var word = ""
        while let d = chars.first, !d.properties.isWhitespace { if ";,".unicodeScalars.contains(d) { break }; if d == ".", chars.dropFirst().first.map({ $0.properties.isWhitespace }) ?? true { break }; word.unicodeScalars.append(d); chars.removeFirst() }
        tokens.append(word)
    }
    var triples: [(String, String, String)] = []
    var i = 0
    while i < tokens.count {
        if tokens[i] == "@prefix" { guard i + 3 < tokens.count, tokens[i + 3] == "." else { throw Bad(message: "bad prefix") }; i += 4; continue }
        let subject = tokens[i]; i += 1
        while true {
            guard i + 1 < tokens.count else { throw Bad(message: "truncated statement") }
            let predicate = tokens[i], object = tokens[i + 1]; i += 2
            guard predicate.first != "\"", ![";", ".", ","].contains(object) else { throw Bad(message: "bad triple \(subject) \(predicate) \(object)") }
            triples.append((subject, predicate, object))
            guard i < tokens.count else { throw Bad(message: "missing '.'") }
            if tokens[i] == ";" { i += 1; continue }
            if tokens[i] == "." { i += 1; break }
            throw Bad(message: "expected ';' or '.', found \(tokens[i])")
        }
    }
    return triples
}

@Suite struct ExportTests {
    static func kuaishou() throws -> Org { try OrgReference(path: Paths.kuaishou).load().org }

    /// Normalised JSON reads back as the same org, with no change, for every kind of org: the
    /// shipped one, each import, generated and random orgs.
    @Test func jsonRoundTrips() throws {
        var orgs = [try Self.kuaishou(), try ImportTests.hr("northwind/Employees.csv").org, try ImportTests.hr("chinook/Employee.csv").org,
                    try ImportTests.hr("oracle-hr/v2015_hr_popul/employees.csv").org, try ImportTests.organogram("ministry_of_defence-2016-03-31").org,
                    try UnitTableImportTests.congress("2024-12-17").org, try DirectoryImportTests.scimOrg()]
        var generator = OrgGenerator(seed: 5)
        orgs.append(generator.table(people: 2_000).generalOrg())
        for seed in UInt64(1)...10 {
            var random = RandomOrg(seed: seed &* 7_919)
            orgs.append(random.org())
        }
        for org in orgs {
            let json = org.exported(as: .json)
            let back = try OrgFile.parse(json, file: "export.json").org
            #expect(back.normalized() == org.normalized())
            #expect(back.difference(from: org).changes.isEmpty)
            #expect(back.exported(as: .json) == json)
        }
    }

    @Test(arguments: ["chinook/Employee.csv", "northwind/Employees.csv", "adventureworks/derived_Employee_with_manager.csv", "oracle-hr/v2025_hr_populate/employees.csv"])
    func csvRoundTrips(_ dataset: String) throws {
        let imported = try ImportTests.hr(dataset)
        let org = imported.org
        let csv = org.exported(as: .csv)
        let back = try HRImport(file: "export.csv").run(CSVReader(file: "export.csv").parse(csv))
        // The heads and parents are written: nothing to derive, nothing to warn of.
        #expect(back.warnings.isEmpty, "\(imported.warnings.count)")
        #expect(back.org.normalized() == org.normalized(), "\(dataset)")
    }

    /// An org's CSV reads back as the same org: every post and holder (shared and vacant posts,
    /// several posts a person), each language in its own column, heads, staff, status, dotted
    /// lines, the unit tree, every attribute, provenance of every fact and line, the sources,
    /// title and day; for Kuaishou, imported orgs of every kind and random ones.
    @Test func csvReadsBackAsTheSameOrg() throws {
        var orgs: [(String, Org)] = [("kuaishou", try Self.kuaishou())]
        let hr = ImportTests.datasets.appendingPathComponent("oracle-hr/v2025_hr_populate").path
        orgs.append(("oracle joined", try HRImport.load(csv: hr + "/employees.csv", joins: [CSVJoin(spec: hr + "/departments.csv:department_id")]).org))
        orgs.append(("cabinet office", try ImportTests.organogram("cabinet_office-2011-09-30").org))
        orgs.append(("kubernetes", try UnitTableImportTests.k8s("2023-05-31").org))
        var generator = OrgGenerator(seed: 11)
        orgs.append(("generated", generator.table(people: 3_000).generalOrg()))
        for seed in UInt64(1)...12 {
            var random = RandomOrg(seed: seed &* 104_729)
            orgs.append(("random \(seed)", random.org()))
        }
        for (name, org) in orgs {
            let csv = org.exported(as: .csv)
            let back = try HRImport(file: "export.csv").run(CSVReader(file: "export.csv").parse(csv))
            // The same problems as the org itself has (people in no post, in random orgs).
            #expect(Set(back.warnings.map(\.message)) == Set(OrgCore(org).warnings.map(\.message)), "\(name)")
            let (a, b) = (back.org.normalized(), org.normalized())
            #expect(a == b, "\(name): \(a.difference(from: b).changes.prefix(4).map(\.op))")
            #expect(back.org.exported(as: .csv) == csv, "\(name)")
        }
        // Each language its own column: Liu Xiao is found by either name after the round trip.
        let kuaishou = try HRImport(file: "k.csv").run(CSVReader(file: "k.csv").parse(try Self.kuaishou().exported(as: .csv))).org
        #expect(kuaishou.people["liu-xiao"]?.name == LocalizedText(["zh": "刘逍", "en": "Liu Xiao"]))
        #expect(kuaishou.posts["business-advisor"]?.isStaff == true && kuaishou.posts["head.local-life"]?.isHead == true)
    }

    @Test func graphMLIsXMLWithEveryPostAndLine() throws {
        let org = try Self.kuaishou()
        let graphml = org.exported(as: .graphml)
        final class Counter: NSObject, XMLParserDelegate {
            var nodes = 0, edges = 0, labels: [String] = [], inLabel = false
            func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
                if e == "node" { nodes += 1 }
                if e == "edge" { edges += 1 }
                if e == "data", attributes["key"] == "label" { inLabel = true; labels.append("") }
            }
            func parser(_ p: XMLParser, foundCharacters s: String) { if inLabel { labels[labels.count - 1] += s } }
            func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) { if e == "data" { inLabel = false } }
        }
        let parser = XMLParser(data: Data(graphml.utf8))
        let counter = Counter()
        parser.delegate = counter
        #expect(parser.parse())
        #expect(counter.nodes == org.posts.count)
        let index = OrgIndex(org)
        #expect(counter.edges == org.posts.keys.filter { index.superior(of: $0) != nil }.count)
        #expect(counter.labels.contains("刘逍 Liu Xiao\n负责人 Head"))
    }

    @Test func turtleUsesTheOrgOntology() throws {
        let org = try Self.kuaishou()
        let changeset = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/2025-09-30.yaml")
        let triples = try parseTurtle(org.exported(as: .turtle, changesets: [changeset]))
        func has(_ s: String, _ p: String, _ o: String) -> Bool { triples.contains { $0 == (s, p, o) } }
        #expect(has("<urn:orggraph:unit:local-life>", "a", "org:OrganizationalUnit"))
        #expect(has("<urn:orggraph:unit:local-life>", "org:subOrganizationOf", "<urn:orggraph:unit:kuaishou>"))
        #expect(has("<urn:orggraph:unit:local-life>", "skos:prefLabel", "\"生活服务事业部\"@zh"))
        #expect(has("<urn:orggraph:post:head.local-life>", "org:heldBy", "<urn:orggraph:person:liu-xiao>"))
        #expect(has("<urn:orggraph:post:head.local-life>", "org:reportsTo", "<urn:orggraph:post:svp-wang-jianwei>"))
        #expect(has("<urn:orggraph:person:liu-xiao>", "org:headOf", "<urn:orggraph:unit:local-life>"))
        // The reorganization's unit changes as change events.
        let events = triples.filter { $0.1 == "a" && $0.2 == "org:ChangeEvent" }
        #expect(events.count == 3)
        #expect(triples.contains { $0.1 == "org:resultingOrganization" && $0.2 == "<urn:orggraph:unit:local-life>" })
    }

    @Test func cypherHasAStatementPerElementAndRelation() throws {
        let org = try Self.kuaishou()
        let statements = org.exported(as: .cypher).split(separator: "\n").filter { !$0.isEmpty }
        #expect(statements.allSatisfy { $0.hasSuffix(";") })
        let index = OrgIndex(org)
        let expected = org.units.count + org.people.count + org.posts.count
            + org.units.values.filter { $0.parent != nil }.count
            + org.posts.count + org.posts.values.reduce(0) { $0 + $1.holders.count }
            + org.posts.keys.filter { index.superior(of: $0) != nil }.count
            + org.posts.values.reduce(0) { $0 + $1.dotted.count }
            // Each source, and each element citing it.
            + org.sources.count + (org.units.values.map(\.provenance) + org.people.values.map(\.provenance) + org.posts.values.map(\.provenance))
                .filter { $0.source != nil }.count
        #expect(statements.count == expected)
        let cypher = org.exported(as: .cypher)
        #expect(cypher.contains("MERGE (:Unit {id: 'ad-platform', name_zh: '广告中台', name_en: 'Ad middle platform', kind: 'department', source: 'article:L91', confidence: 'inferred', note: 'L91 names"))
        #expect(cypher.contains("MATCH (a:Post {id: 'head.local-life'}), (s:Source {id: 'article'}) MERGE (a)-[:CITES {locator: 'L85'}]->(s);"))
    }

    /// Dotted lines, unit kinds and provenance reach GraphML, Cypher and Turtle (as PROV).
    @Test func graphExportsCarryDottedLinesKindsAndProvenance() throws {
        var org = try Self.kuaishou()
        org.posts["cfo"]?.dotted = [ReportingLine(to: "svp-wang-jianwei", provenance: Provenance(confidence: .inferred, note: "a guess"))]
        let graphml = org.exported(as: .graphml)
        #expect(graphml.contains("<data key=\"line\">dotted</data><data key=\"confidence\">inferred</data><data key=\"note\">a guess</data></edge>"))
        #expect(graphml.contains("<data key=\"kind\">business-unit</data>"))
        #expect(graphml.contains("<data key=\"source\">article:L85</data>"))
        let cypher = org.exported(as: .cypher)
        #expect(cypher.contains("MERGE (a)-[:DOTTED_TO {confidence: 'inferred', note: 'a guess'}]->(b);"))
        let triples = try parseTurtle(org.exported(as: .turtle))
        func has(_ s: String, _ p: String, _ o: String) -> Bool { triples.contains { $0 == (s, p, o) } }
        #expect(has("<urn:orggraph:post:cfo>", "og:dottedLineTo", "<urn:orggraph:post:svp-wang-jianwei>"))
        #expect(has("<urn:orggraph:unit:local-life>", "prov:wasDerivedFrom", "<urn:orggraph:source:article>"))
        #expect(has("<urn:orggraph:source:article>", "a", "prov:Entity"))
        #expect(triples.contains { $0.1 == "a" && $0.2 == "og:DottedLine" })
        // Mermaid: the unit on each card, so that Wang Jianwei's three are told apart.
        let mermaid = org.exported(as: .mermaid)
        #expect(mermaid.contains("王剑伟 Wang Jianwei<br/>负责人 Head<br/>电商事业部 E-commerce BU"))
    }

    @Test func mermaidIsAFlowchart() throws {
        let org = try Self.kuaishou()
        let lines = org.exported(as: .mermaid).split(separator: "\n")
        #expect(lines.first == "flowchart TD")
        #expect(lines.filter { $0.contains("[\"") }.count == org.posts.count)
        #expect(lines.filter { $0.contains(" --> ") }.count == org.posts.count - 1)
    }

    static let hostile = ["x\", image=\"/etc/hostname", "<IMG SRC=\"/etc/hostname\"/>", "=HYPERLINK(\"http://x\")", "+1", "-2", "@SUM(A1)",
                          "a,b\nc", "back\\slash'quote", "]]><x/>", "\u{7}bell", "MATCH (n) DETACH DELETE n //", "#lt; `tick`", "生活\"服务\""]

    @Test(arguments: hostile)
    func hostileNamesStayData(_ name: String) throws {
        var org = Org()
        org.units["u"] = Unit(id: "u", name: LocalizedText(["en": name]))
        org.people["p"] = Person(id: "p", name: LocalizedText(["en": name]))
        org.people["q"] = Person(id: "q", name: LocalizedText(["en": "Q"]))
        org.posts["post.p"] = Post(id: "post.p", title: LocalizedText(["en": name]), unit: "u", holders: ["p"])
        org.posts["post.q"] = Post(id: "post.q", unit: "u", reportsTo: ReportingLine(to: "post.p"), holders: ["q"])
        let visible = String(name.unicodeScalars.filter { $0.properties.generalCategory != .control || $0 == "\n" })

        // JSON and CSV give the name back exactly.
        #expect(try OrgFile.parse(org.exported(as: .json), file: "x.json").org.people["p"]?.name.display(.en) == name)
        let csv = org.exported(as: .csv)
        for line in csv.split(separator: "\n") where line.hasPrefix("p,") {
            #expect(!"=+-@".contains(line.dropFirst(2).first!), "formula not neutralised: \(line)")
        }
        let back = try HRImport(file: "x.csv").run(CSVReader(file: "x.csv").parse(csv))
        #expect(back.org.people["p"]?.name.display(.en) == name)

        // GraphML parses and the first node's label is the name as text (holder, then title),
        // less the control characters XML cannot hold.
        final class FirstLabel: NSObject, XMLParserDelegate {
            var label: String?
            var inLabel = false
            func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
                inLabel = e == "data" && attributes["key"] == "label" && label == nil
                if inLabel { label = "" }
            }
            func parser(_ p: XMLParser, foundCharacters s: String) { if inLabel { label! += s } }
            func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) { inLabel = false }
        }
        let parser = XMLParser(data: Data(org.exported(as: .graphml).utf8))
        let first = FirstLabel()
        parser.delegate = first
        #expect(parser.parse(), "GraphML broken by \(name)")
        #expect(first.label == visible + "\n" + visible)

        // Turtle parses and the literal is the name.
        let triples = try parseTurtle(org.exported(as: .turtle))
        #expect(triples.contains { $0.0 == "<urn:orggraph:person:p>" && $0.1 == "foaf:name" && $0.2 == "\"\(name)\"@en" })

        // Cypher: one statement a line, the name inside one string.
        let cypher = org.exported(as: .cypher)
        let personLine = try #require(cypher.split(separator: "\n").first { $0.hasPrefix("MERGE (:Person {id: 'p'") })
        // With every string literal emptied, the statement is the plain structure.
        var structure = ""
        var inString = false
        var escaped = false
        for character in personLine {
            if inString {
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "'" { inString = false; structure.append("'") }
            } else {
                structure.append(character)
                if character == "'" { inString = true }
            }
        }
        #expect(structure == "MERGE (:Person {id: '', name_en: '', status: ''});")

        // Mermaid: the label has no raw quote, so it cannot end early.
        let mermaid = org.exported(as: .mermaid)
        let label = try #require(mermaid.split(separator: "\n").first { $0.hasPrefix("    n0[\"") })
        #expect(label.dropFirst(8).dropLast(2).contains("\"") == false)
    }
}
