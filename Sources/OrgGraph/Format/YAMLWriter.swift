/// A YAML document to write: block mappings and lists, with short values in flow style.
enum YAMLTree {
    case scalar(String)
    /// Text written as it is, unquoted: `null`, `true`, a day (`2025-09-30`), a number.
    case raw(String)
    /// `{zh: 刘逍, en: Liu Xiao}` on one line.
    case flowMap([(String, String)])
    /// `[a, b]` on one line.
    case flowList([String])
    case map([(String, YAMLTree)])
    case list([YAMLTree])

    /// The document as text, ending with a newline.
    func rendered() -> String {
        var lines: [String] = []
        render(into: &lines, indent: 0)
        return lines.joined(separator: "\n") + "\n"
    }

    private func render(into lines: inout [String], indent: Int) {
        let pad = String(repeating: " ", count: indent)
        switch self {
        case .map(let pairs):
            for (key, value) in pairs {
                if let inline = value.inline {
                    lines.append("\(pad)\(Self.quoted(key)): \(inline)")
                } else {
                    lines.append("\(pad)\(Self.quoted(key)):")
                    value.render(into: &lines, indent: indent + 2)
                }
            }
        case .list(let items):
            for item in items {
                if let inline = item.inline {
                    lines.append("\(pad)- \(inline)")
                    continue
                }
                var nested: [String] = []
                item.render(into: &nested, indent: indent + 2)
                if var first = nested.first {
                    // The first line of the item goes after the dash.
                    first.replaceSubrange(first.startIndex..<first.index(first.startIndex, offsetBy: indent), with: "")
                    lines.append("\(pad)- " + first.dropFirst(2))
                    lines.append(contentsOf: nested.dropFirst())
                } else {
                    lines.append("\(pad)- {}")
                }
            }
        default:
            lines.append(pad + (inline ?? ""))
        }
    }

    /// The value on the key's line, or nil when it needs lines of its own.
    private var inline: String? {
        switch self {
        case .scalar(let text): return Self.quoted(text)
        case .raw(let text): return text
        case .flowMap(let pairs):
            return "{" + pairs.map { "\(Self.quoted($0.0, inFlow: true)): \(Self.quoted($0.1, inFlow: true))" }.joined(separator: ", ") + "}"
        case .flowList(let items): return "[" + items.map { Self.quoted($0, inFlow: true) }.joined(separator: ", ") + "]"
        case .map(let pairs): return pairs.isEmpty ? "{}" : nil
        case .list(let items): return items.isEmpty ? "[]" : nil
        }
    }

    /// The text as a plain scalar when YAML reads it back unchanged where it is written (in a
    /// block, or `inFlow`, inside `{ }` and `[ ]`); double-quoted otherwise. Inside `{ }` and
    /// `[ ]` a colon anywhere in the text makes libyaml stop (`[p-:?]` is a syntax error to it),
    /// so there such text is quoted too.
    static func quoted(_ text: String, inFlow: Bool = false) -> String {
        if isPlainSafe(text), !(inFlow && text.utf8.contains(UInt8(ascii: ":"))) { return text }
        var out = ""
        JSONValue.writeString(text, to: &out)
        return out
    }

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@` \t".unicodeScalars.contains(first) { return false }
        if last == " " || last == ":" || last == "\t" { return false }
        if readsAsOtherThanText(text) { return false }
        // ": " would start a mapping and " #" a comment.
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if (previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ")) || (previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#")) { return false }
            previous = byte
        }
        for scalar in text.unicodeScalars {
            if ",[]{}\"".unicodeScalars.contains(scalar) { return false }
            if JSONValue.mustEscape(scalar) { return false }
        }
        return true
    }

    /// Whether some YAML reader takes the text, written plain, for something other than text:
    /// null, a boolean, a number, a date, or YAML 1.1's `=` and `<<` (which PyYAML refuses to
    /// load). The readers are YAML 1.2's core schema and YAML 1.1's types, as the specification
    /// and PyYAML read them.
    static func readsAsOtherThanText(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if "0123456789+-.".unicodeScalars.contains(first) { return text.wholeMatch(of: numberOrDate) != nil }
        return text.utf8.count <= 5 && wordsReadAsOtherThanText.contains(text)
    }

    /// Null and the booleans, none longer than five letters.
    private static let wordsReadAsOtherThanText: Set<String> = [
        "~", "null", "Null", "NULL",
        "true", "True", "TRUE", "false", "False", "FALSE",
        // YAML 1.1 only.
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
        "on", "On", "ON", "off", "Off", "OFF", "=", "<<",
    ]

    /// The numbers and dates of YAML 1.2's core schema and of YAML 1.1, each as its schema
    /// writes it; where PyYAML reads more than YAML 1.1 says, the wider of the two. (A `Regex` is
    /// not `Sendable`, but matching leaves it unchanged: it compiles its program once, atomically.)
    nonisolated(unsafe) private static let numberOrDate = #/
        # YAML 1.2 core: integers in base 10, 8 and 16, floats, infinity and not-a-number.
        [-+]? [0-9]+
        | 0o [0-7]+
        | 0x [0-9a-fA-F]+
        | [-+]? (?: \. [0-9]+ | [0-9]+ (?: \. [0-9]* )? ) (?: [eE] [-+]? [0-9]+ )?
        | [-+]? \. (?: inf | Inf | INF | nan | NaN | NAN )
        # YAML 1.1: integers in base 2, 8, 10, 16 and 60, with '_' between digits.
        | [-+]? 0b [01_]+
        | [-+]? 0 [0-7_]+
        | [-+]? (?: 0 | [1-9] [0-9_]* )
        | [-+]? 0x [0-9a-fA-F_]+
        | [-+]? [1-9] [0-9_]* (?: : [0-5]? [0-9] )+
        # YAML 1.1 floats in base 10 (a digit somewhere; PyYAML also takes '_' after the point)
        # and 60.
        | [-+]? (?= [._]* [0-9] ) (?: [0-9] [0-9_]* )? \. [0-9._]* (?: [eE] [-+] [0-9]+ )?
        | [-+]? [0-9] [0-9_]* (?: : [0-5]? [0-9] )+ \. [0-9_]*
        # YAML 1.1 timestamps: a day, or a day and a time with an optional zone.
        | [0-9]{4} - [0-9]{2} - [0-9]{2}
        | [0-9]{4} - [0-9]{1,2} - [0-9]{1,2} (?: [Tt] | [\ \t]+ ) [0-9]{1,2} : [0-9]{2} : [0-9]{2} (?: \. [0-9]* )?
          (?: [\ \t]* (?: Z | [-+] [0-9]{1,2} (?: : [0-9]{2} )? ) )?
        /#
}

extension LocalizedText {
    var yaml: YAMLTree { .flowMap(values.map { ($0.key, $0.value) }) }
}

extension Provenance {
    /// `source`, `confidence` and `note` keys, those that are set.
    var yamlPairs: [(String, YAMLTree)] {
        var writer = TreeFieldWriter()
        OrgFields.provenance(self, into: &writer)
        return writer.pairs
    }
}

extension ReportingLine {
    var yaml: YAMLTree {
        var writer = TreeFieldWriter()
        OrgFields.line(nil, to: to.rawValue, provenance, into: &writer)
        return writer.tree
    }
}

extension Unit {
    var yaml: YAMLTree {
        var writer = TreeFieldWriter()
        OrgFields.unit(id: id.rawValue, name: name, kind: kind, parent: parent?.rawValue, provenance: provenance,
                       attributes: attributes, into: &writer)
        return writer.tree
    }
}

extension Post {
    var yaml: YAMLTree {
        var writer = TreeFieldWriter()
        OrgFields.post(id: id.rawValue, title: title.isEmpty ? nil : title, unit: unit.rawValue, isHead: isHead, isStaff: isStaff,
                       reportsTo: reportsTo.map { ($0.to.rawValue, $0.provenance) },
                       dotted: dotted.lazy.map { (to: $0.to.rawValue, provenance: Optional($0.provenance)) },
                       holders: holders.lazy.map(\.rawValue), provenance: provenance, attributes: attributes, into: &writer)
        return writer.tree
    }
}

extension Person {
    var yaml: YAMLTree {
        var writer = TreeFieldWriter()
        OrgFields.person(id: id.rawValue, name: name, aliases: aliases, status: status, primary: primaryPost?.rawValue,
                         provenance: provenance, attributes: attributes, into: &writer)
        return writer.tree
    }
}

extension Source {
    var yaml: YAMLTree {
        var pairs: [(String, YAMLTree)] = []
        if let title { pairs.append(("title", .scalar(title))) }
        if let publisher { pairs.append(("publisher", .scalar(publisher))) }
        if let published { pairs.append(("published", .scalar(published))) }
        if let url { pairs.append(("url", .scalar(url))) }
        if let file { pairs.append(("file", .scalar(file))) }
        if let note { pairs.append(("note", .scalar(note))) }
        return .map(pairs)
    }
}

extension OrgFile {
    /// The org as an org file, every post written out (no shorthands), in the org's order.
    /// Reading it back gives an equal org.
    public static func yaml(_ org: Org) -> String {
        tree(org).rendered()
    }

    /// The org as normalised JSON: every post written out (no shorthands), in the org's order,
    /// as ``yaml(_:)`` writes it. Reading it back gives an equal org, which answers every
    /// question as the YAML does.
    public static func json(_ org: Org) -> String {
        let (units, posts, people) = (org.units.values.elements, org.posts.values.elements, org.people.values.elements)
        let pieces = json(header(asOf: org.asOf, title: org.title, sources: org.sources.values),
                          counts: (units.count, posts.count, people.count)) { kind, range in
            var bytes: [UInt8] = []
            for offset in range {
                let tree = switch kind {
                case .unit: units[offset].yaml
                case .post: posts[offset].yaml
                case .person: people[offset].yaml
                }
                JSONValue.writeMember(first: offset == 0, into: &bytes, indent: 2) { tree.writeJSON(into: &$0, indent: 2) }
            }
            return bytes
        }
        return String(decoding: Array(pieces.joined()), as: UTF8.self)
    }

    /// A core as normalised JSON: the text ``json(_:)-(Org)`` writes for its value view
    /// (``OrgCore/org()``), made element by element without the whole value view.
    public static func json(_ core: OrgCore) -> String {
        String(decoding: Array(jsonPieces(core).joined()), as: UTF8.self)
    }

    /// The UTF-8 of ``json(_:)-(OrgCore)`` in pieces, to be written one after another
    /// (``OutputFile/write(pieces:to:inputs:)``) without a copy joining them. Each element is
    /// written from the core's rows, with no value made for it. The pieces are made side by side
    /// in the background and handed over in order as each is done, so that the first are written
    /// while the rest are made; the sequence is iterated once.
    /// - Complexity: O(*n*) time, on every processor; memory the pieces made and not yet taken.
    public static func jsonPieces(_ core: OrgCore) -> some Sequence<[UInt8]> {
        let shared = ReadOnly(core)
        let texts = CoreJSONWriter.EncodedTexts(core.texts, indent: 3)
        return json(header(asOf: core.asOf, title: core.title, sources: core.sources.values),
                    counts: (core.unitIDs.count, core.postIDs.count, core.personIDs.count)) { kind, range in
            let core = shared.value
            var writer = CoreJSONWriter(texts: texts, indent: 2)
            // About what an element takes, so that the piece is seldom copied as it grows.
            writer.out.reserveCapacity(range.count * 192)
            for row in range {
                JSONValue.beginMember(first: row == 0, into: &writer.out, indent: 2)
                core.writeFields(kind, row, into: &writer)
            }
            return writer.out
        }
    }

    /// The org's own fields, before its elements.
    private static func header(asOf: Day?, title: String?, sources: some Collection<Source>) -> [(String, YAMLTree)] {
        var pairs: [(String, YAMLTree)] = []
        if let asOf { pairs.append(("asOf", .raw(asOf.description))) }
        if let title { pairs.append(("title", .scalar(title))) }
        if !sources.isEmpty { pairs.append(("sources", .map(sources.map { ($0.id.rawValue, $0.yaml) }))) }
        return pairs
    }

    /// Elements a piece of the output holds, written side by side with the other pieces.
    private static let elementsAPiece = 16_384

    /// A piece of the document: bytes of its own (keys, brackets), or elements of a list.
    private enum Piece: Sendable {
        case bytes([UInt8])
        case elements(OrgCore.Kind, Range<Int>)
    }

    /// The document as ``tree(_:)`` gives it in JSON, in pieces whose bytes, one after another,
    /// are those of one writer: its lists of units, posts and people (`counts`) are written a
    /// piece at a time, side by side, each piece's elements by `elements` (each a member of the
    /// list two levels deep, the first of the list with no comma before it).
    private static func json(_ header: [(String, YAMLTree)], counts: (units: Int, posts: Int, people: Int),
                             elements: @escaping @Sendable (OrgCore.Kind, Range<Int>) -> [UInt8]) -> SideBySide.Stream<[UInt8]> {
        var pieces: [Piece] = []
        var out: [UInt8] = Array("{\n".utf8)
        var first = true
        // A member's key; its value follows.
        func key(_ name: String) {
            JSONValue.writeMember(first: first, into: &out, indent: 1) { JSONValue.writeKey(name, into: &$0) }
            first = false
        }
        for (name, value) in header {
            key(name)
            value.writeJSON(into: &out, indent: 1)
        }
        func list(_ kind: OrgCore.Kind, _ count: Int) {
            guard count > 0 else { return out.append(contentsOf: "[]".utf8) }
            out.append(contentsOf: "[\n".utf8)
            pieces.append(.bytes(out))
            for start in stride(from: 0, to: count, by: elementsAPiece) {
                pieces.append(.elements(kind, start..<min(count, start + elementsAPiece)))
            }
            out = Array("\n  ]".utf8)
        }
        key("units")
        list(.unit, counts.units)
        if counts.posts > 0 {
            key("posts")
            list(.post, counts.posts)
        }
        if counts.people > 0 {
            key("people")
            list(.person, counts.people)
        }
        out.append(contentsOf: "\n}\n".utf8)
        pieces.append(.bytes(out))
        // An org of fewer elements than a piece holds is written by the caller at once.
        let inline = counts.units + counts.posts + counts.people <= elementsAPiece
        return SideBySide.stream(pieces.count, inline: inline) { [pieces] index in
            switch pieces[index] {
            case .bytes(let bytes): bytes
            case .elements(let kind, let range): elements(kind, range)
            }
        }
    }

    static func tree(_ org: Org) -> YAMLTree {
        var pairs = header(asOf: org.asOf, title: org.title, sources: org.sources.values)
        pairs.append(("units", .list(org.units.values.map(\.yaml))))
        if !org.posts.isEmpty { pairs.append(("posts", .list(org.posts.values.map(\.yaml)))) }
        if !org.people.isEmpty { pairs.append(("people", .list(org.people.values.map(\.yaml)))) }
        return YAMLTree.map(pairs)
    }
}
