import Foundation

/// Formats an org can be written in for other tools.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// Normalised JSON: the org file schema, every post written out, ids sorted.
    case json
    /// A row a post and holder, every language, attribute and fact's provenance in a column:
    /// what `import csv` reads back as the same org.
    case csv
    /// GraphML for yEd and Gephi.
    case graphml
    /// A Mermaid flowchart.
    case mermaid
    /// RDF Turtle in the W3C Organization Ontology.
    case turtle
    /// Cypher statements for Neo4j.
    case cypher
}

extension Org {
    /// The org in another tool's format, user text escaped for that format's syntax.
    /// - Parameters:
    ///   - format: the format to write.
    ///   - changesets: for Turtle, changes to describe as `org:ChangeEvent`s.
    public func exported(as format: ExportFormat, changesets: [Changeset] = []) -> String {
        export(as: format, changesets: changesets).text
    }

    /// The org in another tool's format, and each field holding characters the format cannot
    /// (which are left out of it): a NUL in CSV, most C0 controls and U+FFFE/U+FFFF in GraphML's
    /// XML, controls and those noncharacters in a Mermaid label. JSON, Turtle and Cypher hold
    /// every character, escaped.
    public func export(as format: ExportFormat, changesets: [Changeset] = []) -> (text: String, losses: [ExportLoss]) {
        let log = ExportLoss.Log(format: format)
        let text: String
        switch format {
        case .json: text = OrgFile.json(self)
        case .csv: text = CSVExport.write(self, log)
        case .graphml: text = GraphMLExport.write(self, log)
        case .mermaid: text = MermaidExport.write(self, log)
        case .turtle: text = TurtleExport.write(self, changesets: changesets)
        case .cypher: text = CypherExport.write(self)
        }
        return (text, log.losses)
    }
}

/// A field of an export that held characters its format cannot, left out of what was written.
public struct ExportLoss: Hashable, Sendable, CustomStringConvertible {
    /// The format that could not hold the characters.
    public var format: ExportFormat
    /// The field, for people: `name of person 'p'`.
    public var field: String
    /// The characters left out, each once, in the order first met.
    public var characters: [Unicode.Scalar]

    public var description: String {
        let codes = characters.map { "U+" + String(repeating: "0", count: max(0, 4 - String($0.value, radix: 16).count)) + String($0.value, radix: 16, uppercase: true) }
        return "\(field): \(format.rawValue) cannot hold \(codes.joined(separator: ", ")); left out"
    }

    /// The losses of one export, as its writer meets them.
    final class Log {
        let format: ExportFormat
        var losses: [ExportLoss] = []

        init(format: ExportFormat) {
            self.format = format
        }

        /// `text` less the characters the format cannot hold, each loss noted against `field`.
        func kept(_ text: String, _ field: @autoclosure () -> String, holds: (Unicode.Scalar) -> Bool) -> String {
            guard !text.unicodeScalars.allSatisfy(holds) else { return text }
            var lost: [Unicode.Scalar] = []
            var out = String.UnicodeScalarView()
            for scalar in text.unicodeScalars {
                if holds(scalar) {
                    out.append(scalar)
                } else if !lost.contains(scalar) {
                    lost.append(scalar)
                }
            }
            losses.append(ExportLoss(format: format, field: TerminalText.safe(field()), characters: lost))
            return String(out)
        }
    }
}

/// An org as a CSV `import csv` reads back: a row a post and holder.
enum CSVExport {
    /// What starts a formula in a spreadsheet: `=`, `+`, `-`, `@`, tab, carriage return.
    static func startsFormula(_ scalar: Unicode.Scalar) -> Bool {
        "=+-@\t\r".unicodeScalars.contains(scalar)
    }

    /// Whether a cell as written starts with an apostrophe put there to keep it from being run
    /// as a formula, which `import csv` removes: one before a formula's first character or
    /// before another apostrophe. The export adds it to exactly the cells that read back so.
    static func hasGuard(_ text: Substring.UnicodeScalarView) -> Bool {
        guard text.first == "'", let next = text.dropFirst().first else { return false }
        return next == "'" || startsFormula(next)
    }

    /// A cell quoted when it must be (a delimiter, quote or line break in it, or a space or tab
    /// at either end, which the reader trims from unquoted cells), and with a leading
    /// apostrophe when a spreadsheet would take it for a formula, or when it would otherwise
    /// read back less one (`'=x` is written `''=x`). A cell that starts with U+FEFF gets one
    /// more, since the reader drops one there as a byte-order mark (a NUL the export leaves out
    /// can bring one to the front).
    static func cell(_ text: String) -> String {
        var value = text
        if let first = value.unicodeScalars.first, startsFormula(first) || hasGuard(Substring(value).unicodeScalars) { value = "'" + value }
        if value.utf8.first == 0xEF, value.unicodeScalars.first == "\u{FEFF}" { value = "\u{FEFF}" + value }
        let needsQuotes = value.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            || value.utf8.first.map { $0 == 0x20 || $0 == 0x09 } == true || value.utf8.last.map { $0 == 0x20 || $0 == 0x09 } == true
        if needsQuotes {
            // Quotes doubled scalar by scalar: a quote before a combining mark is one Character
            // with it, which a search for the quote would miss.
            var quoted = String.UnicodeScalarView()
            quoted.append("\"")
            for scalar in value.unicodeScalars {
                quoted.append(scalar)
                if scalar == "\"" { quoted.append(scalar) }
            }
            quoted.append("\"")
            return String(quoted)
        }
        return value
    }

    /// A list in one cell: items between `;`, a `;` or `\\` in an item after a `\\`.
    static func listCell(_ items: [String]) -> String {
        items.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;") }.joined(separator: ";")
    }

    /// The items of a list cell (``listCell(_:)``).
    static func listItems(_ cell: String) -> [String] {
        guard !cell.isEmpty else { return [] }
        var items: [String] = [], current = "", escaped = false
        for character in cell {
            if escaped {
                current.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ";" {
                items.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        items.append(current)
        return items
    }

    /// The columns of an org's CSV and its rows: a row per post and holder (a vacant post's
    /// with no person), then a row per person who holds no post and per unit with no post, so
    /// that `import csv` reads every element back. Names, titles and unit names have a column a
    /// language (`name_en`, `name_zh`); attributes a column each (`person.email`, `post.grade`,
    /// `unit.chamber`). What CSV does not hold: provenance and sources, the title, the day.
    static func write(_ org: Org, _ log: ExportLoss.Log) -> String {
        // Languages in the order the org's texts mostly give them (a text read back has its
        // languages in the columns' order), by their mean place in a text, then by code.
        var places: [String: (sum: Int, count: Int)] = [:]
        for text in org.people.values.map(\.name) + org.posts.values.map(\.title) + org.units.values.map(\.name) {
            for (place, code) in text.values.keys.enumerated() { places[code, default: (0, 0)] = (places[code, default: (0, 0)].sum + place, places[code, default: (0, 0)].count + 1) }
        }
        let codes = places.keys.sorted { a, b in
            let (x, y) = (Double(places[a]!.sum) / Double(places[a]!.count), Double(places[b]!.sum) / Double(places[b]!.count))
            return x != y ? x < y : a < b
        }
        func attributeNames(_ lists: [Attributes]) -> [String] { Array(Set(lists.flatMap(\.keys))).sorted() }
        let personAttributes = attributeNames(org.people.values.map(\.attributes))
        let postAttributes = attributeNames(org.posts.values.map(\.attributes))
        let unitAttributes = attributeNames(org.units.values.map(\.attributes))
        var columns = ["id"] + codes.map { "name_\($0)" } + ["status", "aliases", "post_id"] + codes.map { "title_\($0)" }
        columns += ["primary", "head", "staff", "reports_to_post", "dotted", "unit_id"] + codes.map { "unit_name_\($0)" } + ["unit_kind", "unit_parent"]
        columns += personAttributes.map { "person.\($0)" } + postAttributes.map { "post.\($0)" } + unitAttributes.map { "unit.\($0)" }
        // Provenance, sources, the title and the day: columns of their own, when the org has them.
        let facts = org.units.values.map(\.provenance) + org.people.values.map(\.provenance) + org.posts.values.map(\.provenance)
            + org.posts.values.compactMap(\.reportsTo?.provenance) + org.posts.values.flatMap { $0.dotted.map(\.provenance) }
        let provenanced = facts.contains { $0 != Provenance() }
        let provenanceColumns = ["person", "post", "unit", "line", "dotted"].flatMap { kind in ["source", "confidence", "note"].map { "\(kind)_\($0)" } }
        if provenanced { columns += provenanceColumns }
        let sourceNotes = org.sources.values.contains { $0.note != nil }
        let sourceColumns = ["source_id", "source_title", "source_publisher", "source_published", "source_url", "source_file"] + (sourceNotes ? ["source_note"] : [])
        if !org.sources.isEmpty { columns += sourceColumns }
        if org.title != nil || org.asOf != nil { columns += ["org_title", "org_as_of"] }
        var lines = [columns.map(cell).joined(separator: ",")]
        func texts(_ text: LocalizedText?) -> [String] { codes.map { text?.values[$0] ?? "" } }
        func provenance(_ value: Provenance?) -> [String] {
            [value?.source?.description ?? "", value?.confidence?.rawValue ?? "", value?.note ?? ""]
        }
        // A list of dotted lines' provenance: one item a line, in their order.
        func dottedProvenance(_ post: Post?) -> [String] {
            let lines = post?.dotted ?? []
            guard lines.contains(where: { $0.provenance != Provenance() }) else { return ["", "", ""] }
            return [listCell(lines.map { $0.provenance.source?.description ?? "" }), listCell(lines.map { $0.provenance.confidence?.rawValue ?? "" }),
                    listCell(lines.map { $0.provenance.note ?? "" })]
        }
        func extra(_ fields: [String], source: Source? = nil, orgRow: Bool = false) -> [String] {
            var fields = fields
            if !org.sources.isEmpty {
                fields += source.map { [$0.id.rawValue, $0.title ?? "", $0.publisher ?? "", $0.published ?? "", $0.url ?? "", $0.file ?? ""] + (sourceNotes ? [$0.note ?? ""] : []) }
                    ?? sourceColumns.map { _ in "" }
            }
            if org.title != nil || org.asOf != nil { fields += orgRow ? [org.title ?? "", org.asOf?.description ?? ""] : ["", ""] }
            return fields
        }
        // A NUL is the one character a text file cannot hold (the reader refuses it).
        func write(_ fields: [String], _ what: String) {
            let kept = zip(columns, fields).map { column, field in
                field.utf8.contains(0) ? log.kept(field, "\(column) of \(what)", holds: { $0 != "\0" }) : field
            }
            lines.append(kept.map(cell).joined(separator: ","))
        }
        if org.title != nil || org.asOf != nil {
            write(extra(Array(repeating: "", count: columns.count - (org.sources.isEmpty ? 0 : sourceColumns.count) - 2), orgRow: true), "the org")
        }
        for source in org.sources.values {
            write(extra(Array(repeating: "", count: columns.count - sourceColumns.count - (org.title != nil || org.asOf != nil ? 2 : 0)), source: source),
                  "source '\(source.id)'")
        }
        func row(person: Person?, post: Post?, unit: Unit?) {
            var fields = [person?.id.rawValue ?? ""] + texts(person?.name)
            fields += [person.map { $0.status == .active ? "" : $0.status.rawValue } ?? "", listCell(person?.aliases ?? [])]
            fields += [post?.id.rawValue ?? ""] + texts(post?.title)
            let primary = person?.primaryPost != nil && person?.primaryPost == post?.id
            fields += [primary ? "yes" : "", post?.isHead == true ? "yes" : "", post?.isStaff == true ? "yes" : ""]
            fields += [post?.reportsTo?.to.rawValue ?? "", listCell(post?.dotted.map(\.to.rawValue) ?? [])]
            fields += [unit?.id.rawValue ?? ""] + texts(unit?.name) + [unit?.kind ?? "", unit?.parent?.rawValue ?? ""]
            fields += personAttributes.map { person?.attributes[$0] ?? "" } + postAttributes.map { post?.attributes[$0] ?? "" }
            fields += unitAttributes.map { unit?.attributes[$0] ?? "" }
            if provenanced {
                fields += provenance(person?.provenance) + provenance(post?.provenance) + provenance(unit?.provenance)
                fields += provenance(post?.reportsTo?.provenance) + dottedProvenance(post)
            }
            fields = extra(fields)
            write(fields, person.map { "person '\($0.id)'" } ?? post.map { "post '\($0.id)'" } ?? unit.map { "unit '\($0.id)'" } ?? "")
        }
        var placed: Set<PersonID> = []
        var filled: Set<UnitID> = []
        for post in org.posts.values {
            let unit = org.units[post.unit]
            filled.insert(post.unit)
            if post.holders.isEmpty { row(person: nil, post: post, unit: unit) }
            for holder in post.holders {
                placed.insert(holder)
                row(person: org.people[holder], post: post, unit: unit)
            }
        }
        for person in org.people.values where !placed.contains(person.id) { row(person: person, post: nil, unit: nil) }
        for unit in org.units.values where !filled.contains(unit.id) { row(person: nil, post: nil, unit: unit) }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Whether XML 1.0 can hold a character at all (as itself or as a reference).
func xmlHolds(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD) || v >= 0x10000
}

/// XML text with `& < > " '` escaped, and tab, line feed and carriage return as character
/// references (a parser turns them into spaces in an attribute and a carriage return into a
/// line feed anywhere). Characters XML cannot hold are left out by `ExportLoss.Log`, or
/// here. Text so escaped is also HTML's, in content and in quoted attributes.
public func xmlEscape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\t": out += "&#9;"
        case "\n": out += "&#10;"
        case "\r": out += "&#13;"
        default: if xmlHolds(scalar) { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}

/// Posts as nodes (labelled with their holders and title), solid and dotted lines as edges,
/// with label, title, unit and people as data keys, and yEd's own node labels.
enum GraphMLExport {
    static func write(_ org: Org, _ log: ExportLoss.Log) -> String {
        let index = OrgIndex(org)
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:y="http://www.yworks.com/xml/graphml" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">
              <key id="label" for="node" attr.name="label" attr.type="string"/>
              <key id="title" for="node" attr.name="title" attr.type="string"/>
              <key id="unit" for="node" attr.name="unit" attr.type="string"/>
              <key id="people" for="node" attr.name="people" attr.type="string"/>
              <key id="staff" for="node" attr.name="staff" attr.type="boolean"><default>false</default></key>
              <key id="kind" for="node" attr.name="unit_kind" attr.type="string"/>
              <key id="source" for="all" attr.name="source" attr.type="string"/>
              <key id="confidence" for="all" attr.name="confidence" attr.type="string"/>
              <key id="note" for="all" attr.name="note" attr.type="string"/>
              <key id="graphics" for="node" yfiles.type="nodegraphics"/>
              <key id="line" for="edge" attr.name="line" attr.type="string"/>
              <graph id="org" edgedefault="directed">

            """
        for post in org.posts.values {
            let title = OrgText.title(of: post).display(.both)
            let label = OrgText.label(of: post, in: org)
            func text(_ value: String, _ field: String) -> String {
                xmlEscape(log.kept(value, "\(field) of post '\(post.id)'", holds: xmlHolds))
            }
            let shownLabel = text(label, "label")
            out += "    <node id=\"\(text(post.id.rawValue, "id"))\">\n"
            out += "      <data key=\"label\">\(shownLabel)</data>\n"
            out += "      <data key=\"title\">\(text(title, "title"))</data>\n"
            out += "      <data key=\"unit\">\(text(org.units[post.unit]?.name.display(.both) ?? post.unit.rawValue, "unit"))</data>\n"
            out += "      <data key=\"people\">\(text(post.holders.map(\.rawValue).joined(separator: " "), "people"))</data>\n"
            if post.isStaff { out += "      <data key=\"staff\">true</data>\n" }
            if let kind = org.units[post.unit]?.kind { out += "      <data key=\"kind\">\(text(kind, "unit kind"))</data>\n" }
            out += provenance(post.provenance) { text($0, $1) }
            out += "      <data key=\"graphics\"><y:ShapeNode><y:NodeLabel>\(shownLabel)</y:NodeLabel></y:ShapeNode></data>\n"
            out += "    </node>\n"
        }
        var edge = 0
        for post in org.posts.values {
            func text(_ value: String, _ field: String) -> String {
                xmlEscape(log.kept(value, "\(field) of a line of post '\(post.id)'", holds: xmlHolds))
            }
            if let (superior, link) = index.superior(of: post.id) {
                out += "    <edge id=\"e\(edge)\" source=\"\(xmlEscape(superior.rawValue))\" target=\"\(xmlEscape(post.id.rawValue))\"><data key=\"line\">\(link.rawValue)</data>"
                out += provenance(link == .explicit ? post.reportsTo?.provenance ?? Provenance() : Provenance(), indent: "", text) + "</edge>\n"
                edge += 1
            }
            for line in post.dotted {
                out += "    <edge id=\"e\(edge)\" source=\"\(xmlEscape(line.to.rawValue))\" target=\"\(xmlEscape(post.id.rawValue))\"><data key=\"line\">dotted</data>"
                out += provenance(line.provenance, indent: "", text) + "</edge>\n"
                edge += 1
            }
        }
        out += "  </graph>\n</graphml>\n"
        return out
    }

    /// The data of a fact's provenance: its source (`id:locator`), confidence and note.
    static func provenance(_ provenance: Provenance, indent: String = "      ", _ text: (String, String) -> String) -> String {
        var out = ""
        let newline = indent.isEmpty ? "" : "\n"
        if let source = provenance.source { out += "\(indent)<data key=\"source\">\(text(source.description, "source"))</data>\(newline)" }
        if let confidence = provenance.confidence { out += "\(indent)<data key=\"confidence\">\(confidence.rawValue)</data>\(newline)" }
        if let note = provenance.note { out += "\(indent)<data key=\"note\">\(text(note, "note"))</data>\(newline)" }
        return out
    }
}

/// A top-down Mermaid flowchart: generated node ids, labels in quotes with Mermaid's entity codes.
enum MermaidExport {
    /// Whether a label can show a character: a browser draws the label as HTML, which holds no
    /// control character but a line break (written `<br/>`) and no U+FFFE or U+FFFF.
    static func holds(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || !(scalar.properties.generalCategory == .control || scalar.value == 0xFFFE || scalar.value == 0xFFFF)
    }

    /// A label in quotes: quote, `#`, `<`, `>`, `&` and backtick as Mermaid's entity codes, line
    /// breaks as `<br/>`. Characters a label cannot show are left out by `ExportLoss.Log`.
    static func label(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "#": out += "#35;"
            case "<": out += "#lt;"
            case ">": out += "#gt;"
            case "&": out += "#amp;"
            case "\n": out += "<br/>"
            case "`": out += "#96;"
            default: if holds(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    static func write(_ org: Org, _ log: ExportLoss.Log) -> String {
        let index = OrgIndex(org)
        var ids: [PostID: String] = [:]
        var lines = ["flowchart TD"]
        for (number, post) in org.posts.values.enumerated() {
            ids[post.id] = "n\(number)"
            // The unit too, so that two cards of one person, or of one title, can be told apart.
            let unit = org.units[post.unit]?.name.display(.both) ?? post.unit.rawValue
            let text = OrgText.label(of: post, in: org) + (unit.isEmpty ? "" : "\n" + unit)
            lines.append("    n\(number)[\"\(label(log.kept(text, "label of post '\(post.id)'", holds: holds)))\"]")
        }
        for post in org.posts.values {
            if let (superior, _) = index.superior(of: post.id), let from = ids[superior], let to = ids[post.id] {
                lines.append("    \(from) --> \(to)")
            }
            for line in post.dotted {
                if let from = ids[line.to], let to = ids[post.id] { lines.append("    \(from) -.-> \(to)") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The W3C Organization Ontology in Turtle: units as `org:OrganizationalUnit` with
/// `org:subOrganizationOf`, posts as `org:Post` with `org:postIn`, `org:heldBy` and
/// `org:reportsTo`, people as `foaf:Person` with `org:headOf`; changesets as `org:ChangeEvent`s.
enum TurtleExport {
    static func iri(_ kind: String, _ id: String) -> String {
        var encoded = ""
        for byte in id.utf8 {
            let c = Character(UnicodeScalar(byte))
            if c.isASCII && (c.isLetter || c.isNumber || "-._~".contains(c)) { encoded.append(c) } else { encoded += String(format: "%%%02X", byte) }
        }
        return "<urn:orggraph:\(kind):\(encoded)>"
    }

    static func literal(_ text: String, language: String? = nil) -> String {
        var out = quoted(text, by: "\"")
        if let language, YAMLReader.isLanguageCode(language) { out += "@\(language)" }
        return out
    }

    /// `text` between two `quote`s, with backslash escapes (`\\`, the quote, `\n`, `\r`, `\t`
    /// and `\uXXXX` for other control characters): the string literal of Turtle and of Cypher.
    static func quoted(_ text: String, by quote: Unicode.Scalar) -> String {
        var out = String(quote)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\", quote: out += "\\" + String(scalar)
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if JSONValue.mustEscape(scalar) { out += String(format: "\\u%04X", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        out.unicodeScalars.append(quote)
        return out
    }

    static func labels(_ predicate: String, _ text: LocalizedText) -> [String] {
        text.values.map { "\(predicate) \(literal($0.value, language: $0.key))" }
    }

    static func write(_ org: Org, changesets: [Changeset]) -> String {
        let index = OrgIndex(org)
        var out = """
            @prefix org: <http://www.w3.org/ns/org#> .
            @prefix foaf: <http://xmlns.com/foaf/0.1/> .
            @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
            @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
            @prefix prov: <http://www.w3.org/ns/prov#> .
            @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
            @prefix dct: <http://purl.org/dc/terms/> .
            @prefix og: <urn:orggraph:vocabulary#> .


            """
        func statement(_ subject: String, _ parts: [String]) {
            out += subject + " " + parts.joined(separator: " ;\n    ") + " .\n"
        }
        // Sources as PROV entities; each fact with a source is derived from it (the locator,
        // confidence and note as og: properties), each sourced line as a qualified one.
        for source in org.sources.values {
            var parts = ["a prov:Entity"]
            if let title = source.title { parts.append("dct:title \(literal(title))") }
            if let publisher = source.publisher { parts.append("dct:publisher \(literal(publisher))") }
            if let published = source.published { parts.append("dct:issued \(literal(published))") }
            if let url = source.url { parts.append("prov:atLocation \(literal(url))") }
            if let note = source.note { parts.append("rdfs:comment \(literal(note))") }
            statement(iri("source", source.id.rawValue), parts)
        }
        func provenance(_ provenance: Provenance) -> [String] {
            var parts: [String] = []
            if let source = provenance.source {
                parts.append("prov:wasDerivedFrom \(iri("source", source.source.rawValue))")
                if let locator = source.locator { parts.append("og:locator \(literal(locator))") }
            }
            if let confidence = provenance.confidence { parts.append("og:confidence \(literal(confidence.rawValue))") }
            if let note = provenance.note { parts.append("rdfs:comment \(literal(note))") }
            return parts
        }
        var lineNumber = 0
        func line(_ kind: String, from post: PostID, to target: PostID, _ facts: Provenance) -> String? {
            let parts = provenance(facts)
            guard !parts.isEmpty else { return nil }
            lineNumber += 1
            let subject = "<urn:orggraph:line:\(lineNumber)>"
            statement(subject, ["a og:\(kind)", "og:from \(iri("post", post.rawValue))", "og:to \(iri("post", target.rawValue))"] + parts)
            return subject
        }
        for unit in org.units.values {
            var parts = ["a org:OrganizationalUnit"] + labels("skos:prefLabel", unit.name)
            if let parent = unit.parent { parts.append("org:subOrganizationOf \(iri("unit", parent.rawValue))") }
            if let kind = unit.kind { parts.append("org:classification \(literal(kind))") }
            statement(iri("unit", unit.id.rawValue), parts + provenance(unit.provenance))
        }
        for post in org.posts.values {
            var parts = ["a org:Post", "org:postIn \(iri("unit", post.unit.rawValue))"] + labels("skos:prefLabel", OrgText.title(of: post))
            for holder in post.holders { parts.append("org:heldBy \(iri("person", holder.rawValue))") }
            if post.isStaff { parts.append("og:staff true") }
            if let (superior, link) = index.superior(of: post.id) {
                parts.append("org:reportsTo \(iri("post", superior.rawValue))")
                if link == .explicit, let facts = post.reportsTo?.provenance { _ = line("SolidLine", from: post.id, to: superior, facts) }
            }
            // A dotted line is not the ontology's reportsTo: og:dottedLineTo.
            for dotted in post.dotted {
                parts.append("og:dottedLineTo \(iri("post", dotted.to.rawValue))")
                _ = line("DottedLine", from: post.id, to: dotted.to, dotted.provenance)
            }
            statement(iri("post", post.id.rawValue), parts + provenance(post.provenance))
        }
        for person in org.people.values {
            var parts = ["a foaf:Person"] + labels("foaf:name", person.name) + provenance(person.provenance)
            for post in index.posts[person.id] ?? [] {
                parts.append("org:holds \(iri("post", post.rawValue))")
                if let unit = org.posts[post], unit.isHead { parts.append("org:headOf \(iri("unit", unit.unit.rawValue))") }
            }
            statement(iri("person", person.id.rawValue), parts)
        }
        var event = 0
        for changeset in changesets {
            for change in changeset.changes {
                var originals: [UnitID] = []
                var results: [UnitID] = []
                switch change.op {
                case .renameUnit(let id, _, _), .moveUnit(let id, _, _): (originals, results) = ([id], [id])
                case .addUnit(let unit): results = [unit.id]
                case .removeUnit(let unit): originals = [unit.id]
                case .mergeUnits(let into, let sources): (originals, results) = (sources.map(\.unit) + [into], [into])
                case .splitUnit(let id, let record, let parts): (originals, results) = ([id], parts.map(\.unit) + (record == nil ? [id] : []))
                default: continue
                }
                event += 1
                var parts = ["a org:ChangeEvent", "rdfs:label \(literal(change.op.name))"]
                parts += originals.map { "org:originalOrganization \(iri("unit", $0.rawValue))" }
                parts += results.map { "org:resultingOrganization \(iri("unit", $0.rawValue))" }
                // A day is an instant's date; a month or year is written as such, not as its first day.
                if let day = changeset.effective {
                    parts.append(day.precision == .day ? "prov:atTime \(literal(day.description + "T00:00:00Z"))^^xsd:dateTime" : "dct:date \(Self.date(day))")
                }
                if let day = changeset.announced { parts.append("dct:issued \(Self.date(day))") }
                if let reason = change.reason { parts.append("rdfs:comment \(literal(reason))") }
                statement("<urn:orggraph:event:\(event)>", parts)
            }
        }
        return out
    }
}

extension TurtleExport {
    /// A date as the XML Schema type of its precision: `xsd:date`, `xsd:gYearMonth` or `xsd:gYear`.
    static func date(_ day: Day) -> String {
        let type = switch day.precision {
        case .day: "xsd:date"
        case .month: "xsd:gYearMonth"
        case .year: "xsd:gYear"
        }
        return "\(literal(day.description))^^\(type)"
    }
}

/// Cypher that builds the org in Neo4j: `MERGE` for units, posts and people, then their relations.
enum CypherExport {
    static func string(_ text: String) -> String { TurtleExport.quoted(text, by: "'") }

    static func names(_ text: LocalizedText) -> String {
        text.values.filter { YAMLReader.isLanguageCode($0.key) }.map { "name_\($0.key.replacingOccurrences(of: "-", with: "_")): \(string($0.value))" }.joined(separator: ", ")
    }

    static func write(_ org: Org) -> String {
        let index = OrgIndex(org)
        var lines: [String] = []
        func props(_ id: String, _ extra: String) -> String { "{id: \(string(id))" + (extra.isEmpty ? "" : ", " + extra) + "}" }
        func joined(_ parts: [String]) -> String { parts.filter { !$0.isEmpty }.joined(separator: ", ") }
        for source in org.sources.values {
            lines.append("MERGE (:Source \(props(source.id.rawValue, joined([source.title.map { "title: \(string($0))" } ?? "", source.publisher.map { "publisher: \(string($0))" } ?? "", source.published.map { "published: \(string($0))" } ?? "", source.url.map { "url: \(string($0))" } ?? "", source.note.map { "note: \(string($0))" } ?? ""]))));")
        }
        for unit in org.units.values {
            lines.append("MERGE (:Unit \(props(unit.id.rawValue, joined([names(unit.name), unit.kind.map { "kind: \(string($0))" } ?? "", provenance(unit.provenance)]))));")
        }
        for person in org.people.values {
            lines.append("MERGE (:Person \(props(person.id.rawValue, joined([names(person.name), "status: \(string(person.status.rawValue))", provenance(person.provenance)]))));")
        }
        for post in org.posts.values {
            lines.append("MERGE (:Post \(props(post.id.rawValue, joined([names(OrgText.title(of: post)), "head: \(post.isHead)", post.isStaff ? "staff: true" : "", provenance(post.provenance)]))));")
        }
        for unit in org.units.values {
            if let parent = unit.parent {
                lines.append("MATCH (a:Unit {id: \(string(unit.id.rawValue))}), (b:Unit {id: \(string(parent.rawValue))}) MERGE (a)-[:PART_OF]->(b);")
            }
        }
        for post in org.posts.values {
            lines.append("MATCH (p:Post {id: \(string(post.id.rawValue))}), (u:Unit {id: \(string(post.unit.rawValue))}) MERGE (p)-[:IN]->(u);")
            for holder in post.holders {
                lines.append("MATCH (h:Person {id: \(string(holder.rawValue))}), (p:Post {id: \(string(post.id.rawValue))}) MERGE (h)-[:HOLDS]->(p);")
            }
            if let (superior, link) = index.superior(of: post.id) {
                let facts = joined(["line: \(string(link.rawValue))", link == .explicit ? provenance(post.reportsTo?.provenance ?? Provenance()) : ""])
                lines.append("MATCH (a:Post {id: \(string(post.id.rawValue))}), (b:Post {id: \(string(superior.rawValue))}) MERGE (a)-[:REPORTS_TO {\(facts)}]->(b);")
            }
            for line in post.dotted {
                let facts = provenance(line.provenance)
                lines.append("MATCH (a:Post {id: \(string(post.id.rawValue))}), (b:Post {id: \(string(line.to.rawValue))}) MERGE (a)-[:DOTTED_TO\(facts.isEmpty ? "" : " {\(facts)}")]->(b);")
            }
        }
        // Each fact with a source, tied to it.
        func cite(_ label: String, _ id: String, _ provenance: Provenance) {
            guard let source = provenance.source, org.sources[source.source] != nil else { return }
            lines.append("MATCH (a:\(label) {id: \(string(id))}), (s:Source {id: \(string(source.source.rawValue))}) MERGE (a)-[:CITES\(source.locator.map { " {locator: \(string($0))}" } ?? "")]->(s);")
        }
        for unit in org.units.values { cite("Unit", unit.id.rawValue, unit.provenance) }
        for person in org.people.values { cite("Person", person.id.rawValue, person.provenance) }
        for post in org.posts.values { cite("Post", post.id.rawValue, post.provenance) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A fact's provenance as properties: `source` (`id:locator`), `confidence`, `note`.
    static func provenance(_ provenance: Provenance) -> String {
        [provenance.source.map { "source: \(string($0.description))" }, provenance.confidence.map { "confidence: \(string($0.rawValue))" },
         provenance.note.map { "note: \(string($0))" }].compactMap { $0 }.joined(separator: ", ")
    }
}
