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
        var pairs: [(String, YAMLTree)] = []
        if let source { pairs.append(("source", .scalar(source.description))) }
        if let confidence { pairs.append(("confidence", .scalar(confidence.rawValue))) }
        if let note { pairs.append(("note", .scalar(note))) }
        return pairs
    }
}

extension ReportingLine {
    var yaml: YAMLTree {
        let pairs = provenance.yamlPairs
        if pairs.isEmpty { return .scalar(to.rawValue) }
        return .map([("to", .scalar(to.rawValue))] + pairs)
    }
}

extension Unit {
    var yaml: YAMLTree {
        var pairs: [(String, YAMLTree)] = [("id", .scalar(id.rawValue)), ("name", name.yaml)]
        if let kind { pairs.append(("kind", .scalar(kind))) }
        if let parent { pairs.append(("parent", .scalar(parent.rawValue))) }
        pairs += provenance.yamlPairs
        if !attributes.isEmpty { pairs.append(("attributes", .map(attributes.map { ($0.key, .scalar($0.value)) }))) }
        return .map(pairs)
    }
}

extension Post {
    var yaml: YAMLTree {
        var pairs: [(String, YAMLTree)] = [("id", .scalar(id.rawValue))]
        if !title.isEmpty { pairs.append(("title", title.yaml)) }
        pairs.append(("unit", .scalar(unit.rawValue)))
        if isHead { pairs.append(("head", .raw("true"))) }
        if isStaff { pairs.append(("staff", .raw("true"))) }
        if let reportsTo { pairs.append(("reportsTo", reportsTo.yaml)) }
        if !dotted.isEmpty {
            let simple = dotted.allSatisfy { $0.provenance.isEmpty }
            pairs.append(("dotted", simple ? .flowList(dotted.map(\.to.rawValue)) : .list(dotted.map(\.yaml))))
        }
        if !holders.isEmpty { pairs.append(("holders", .flowList(holders.map(\.rawValue)))) }
        pairs += provenance.yamlPairs
        if !attributes.isEmpty { pairs.append(("attributes", .map(attributes.map { ($0.key, .scalar($0.value)) }))) }
        return .map(pairs)
    }
}

extension Person {
    var yaml: YAMLTree {
        var pairs: [(String, YAMLTree)] = [("id", .scalar(id.rawValue)), ("name", name.yaml)]
        if !aliases.isEmpty { pairs.append(("aliases", .flowList(aliases))) }
        if status != .active { pairs.append(("status", .scalar(status.rawValue))) }
        if let primaryPost { pairs.append(("primary", .scalar(primaryPost.rawValue))) }
        pairs += provenance.yamlPairs
        if !attributes.isEmpty { pairs.append(("attributes", .map(attributes.map { ($0.key, .scalar($0.value)) }))) }
        return .map(pairs)
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
        String(decoding: json(header(asOf: org.asOf, title: org.title, sources: org.sources.values),
                              units: org.units.values, posts: org.posts.values, people: org.people.values).joined(),
               as: UTF8.self)
    }

    /// A core as normalised JSON: the text ``json(_:)-(Org)`` writes for its value view
    /// (``OrgCore/org()``), made element by element without the whole value view.
    public static func json(_ core: OrgCore) -> String {
        String(decoding: jsonPieces(core).joined(), as: UTF8.self)
    }

    /// The UTF-8 of ``json(_:)-(OrgCore)`` in pieces, to be written one after another
    /// (``OutputFile/write(pieces:to:inputs:)``) without a copy joining them.
    /// - Complexity: O(*n*) time, on every processor; memory the output.
    public static func jsonPieces(_ core: OrgCore) -> [[UInt8]] {
        json(header(asOf: core.asOf, title: core.title, sources: core.sources.values),
             units: core.unitIDs.indices.lazy.map(core.unit), posts: core.postIDs.indices.lazy.map(core.post),
             people: core.personIDs.indices.lazy.map(core.person))
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

    /// The document as ``tree(_:)`` gives it in JSON, in pieces whose bytes, one after another,
    /// are those of one writer: its lists are written a piece at a time on every processor.
    private static func json<Units: RandomAccessCollection<Unit> & SendableMetatype, Posts: RandomAccessCollection<Post> & SendableMetatype,
                             People: RandomAccessCollection<Person> & SendableMetatype>(
        _ header: [(String, YAMLTree)], units: Units, posts: Posts, people: People
    ) -> [[UInt8]] where Units.Index == Int, Posts.Index == Int, People.Index == Int {
        var pieces: [[UInt8]] = []
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
        func list<C: RandomAccessCollection & SendableMetatype>(_ elements: C, _ tree: @escaping (C.Element) -> YAMLTree) where C.Index == Int {
            guard !elements.isEmpty else { return out.append(contentsOf: "[]".utf8) }
            out.append(contentsOf: "[\n".utf8)
            // Read, never changed, while the pieces are written.
            let shared = ReadOnly((elements, tree))
            let written = SideBySide.pieces(elements.count, size: elementsAPiece) { range in
                let (elements, tree) = shared.value
                var bytes: [UInt8] = []
                for offset in range {
                    JSONValue.writeMember(first: offset == 0, into: &bytes, indent: 2) {
                        tree(elements[elements.startIndex + offset]).writeJSON(into: &$0, indent: 2)
                    }
                }
                return bytes
            }
            pieces.append(out)
            pieces += written
            out = Array("\n  ]".utf8)
        }
        key("units")
        list(units, \.yaml)
        if !posts.isEmpty {
            key("posts")
            list(posts, \.yaml)
        }
        if !people.isEmpty {
            key("people")
            list(people, \.yaml)
        }
        out.append(contentsOf: "\n}\n".utf8)
        pieces.append(out)
        return pieces
    }

    static func tree(_ org: Org) -> YAMLTree {
        var pairs = header(asOf: org.asOf, title: org.title, sources: org.sources.values)
        pairs.append(("units", .list(org.units.values.map(\.yaml))))
        if !org.posts.isEmpty { pairs.append(("posts", .list(org.posts.values.map(\.yaml)))) }
        if !org.people.isEmpty { pairs.append(("people", .list(org.people.values.map(\.yaml)))) }
        return YAMLTree.map(pairs)
    }
}
