/// A YAML document to write: block mappings and lists, with short values in flow style.
indirect enum YAMLTree {
    case scalar(String)
    /// Text written as it is, unquoted (`null`).
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
                    lines.append("\(pad)\(key): \(inline)")
                } else {
                    lines.append("\(pad)\(key):")
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
        case .flowMap(let pairs): return "{" + pairs.map { "\(Self.quoted($0.0)): \(Self.quoted($0.1))" }.joined(separator: ", ") + "}"
        case .flowList(let items): return "[" + items.map(Self.quoted).joined(separator: ", ") + "]"
        case .map(let pairs): return pairs.isEmpty ? "{}" : nil
        case .list(let items): return items.isEmpty ? "[]" : nil
        }
    }

    /// The text as a plain scalar when YAML reads it back unchanged, inside or outside `{ }`
    /// and `[ ]`; double-quoted otherwise.
    static func quoted(_ text: String) -> String {
        if isPlainSafe(text) { return text }
        var out = ""
        JSONValue.writeString(text, to: &out)
        return out
    }

    private static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if "-?:,[]{}#&*!|>'\"%@` \t".unicodeScalars.contains(first) { return false }
        if last == " " || last == ":" || last == "\t" { return false }
        if ["~", "null", "Null", "NULL"].contains(text) { return false }
        if text.contains(": ") || text.contains(" #") { return false }
        for scalar in text.unicodeScalars {
            if ",[]{}\"".unicodeScalars.contains(scalar) { return false }
            if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{FEFF}" || scalar == "\u{85}" {
                return false
            }
        }
        return true
    }
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
        return .map(pairs)
    }
}

extension OrgFile {
    /// The org as an org file, every post written out (no shorthands), in the org's order.
    /// Reading it back gives an equal org.
    public static func yaml(_ org: Org) -> String {
        tree(org).rendered()
    }

    /// The org as normalised JSON: elements in id order, every post written out, primary posts
    /// declared. Two versions with the same facts give the same bytes.
    public static func json(_ org: Org) -> String {
        tree(org.normalized()).json.rendered()
    }

    static func tree(_ org: Org) -> YAMLTree {
        var pairs: [(String, YAMLTree)] = []
        if let asOf = org.asOf { pairs.append(("asOf", .scalar(asOf.description))) }
        if let title = org.title { pairs.append(("title", .scalar(title))) }
        if !org.sources.isEmpty { pairs.append(("sources", .map(org.sources.values.map { ($0.id.rawValue, $0.yaml) }))) }
        pairs.append(("units", .list(org.units.values.map(\.yaml))))
        if !org.posts.isEmpty { pairs.append(("posts", .list(org.posts.values.map(\.yaml)))) }
        if !org.people.isEmpty { pairs.append(("people", .list(org.people.values.map(\.yaml)))) }
        return YAMLTree.map(pairs)
    }
}
