/// Receives an element's fields in the order the org file format writes them: the one
/// description of the keys, their order and what is left out (``OrgFields``) feeds either a
/// YAML document (``TreeFieldWriter``, for YAML files, changesets and the JSON of values) or
/// JSON bytes written straight from a core's rows (``CoreJSONWriter``).
protocol OrgFieldWriter {
    /// How a name or title is handed over: a value, or the core's index of an interned text.
    associatedtype Text
    /// `key: text` (a member of a map) or, with no key, an item of a list.
    mutating func string(_ key: String?, _ value: String)
    /// `key: true`.
    mutating func flag(_ key: String)
    /// A name or title in each of its languages, as a map on one line.
    mutating func text(_ key: String, _ value: Text)
    /// `key: [a, b]` on one line.
    mutating func strings<C: Collection<String>>(_ key: String, _ values: C)
    /// Opens a map, a member of the map open (`key`) or an item of the list open (nil).
    mutating func beginMap(_ key: String?)
    /// Opens a list, a member of the map open.
    mutating func beginList(_ key: String)
    /// Closes the map or list opened last.
    mutating func end()
}

/// What each element of an org file holds, key by key: written once, for every writer and
/// for an element held as a value or as a core's row.
enum OrgFields {
    /// `source`, `confidence` and `note`, those that are set.
    static func provenance<W: OrgFieldWriter>(_ value: Provenance?, into writer: inout W) {
        guard let value else { return }
        if let source = value.source { writer.string("source", source.description) }
        if let confidence = value.confidence { writer.string("confidence", confidence.rawValue) }
        if let note = value.note { writer.string("note", note) }
    }

    /// A solid or dotted line: the post it goes to, or a map of it and the line's provenance.
    static func line<W: OrgFieldWriter>(_ key: String?, to target: String, _ provenance: Provenance?, into writer: inout W) {
        guard let provenance, !provenance.isEmpty else { return writer.string(key, target) }
        writer.beginMap(key)
        writer.string("to", target)
        Self.provenance(provenance, into: &writer)
        writer.end()
    }

    /// `attributes`, when there are any.
    static func attributes<W: OrgFieldWriter>(_ value: Attributes?, into writer: inout W) {
        guard let value, !value.isEmpty else { return }
        writer.beginMap("attributes")
        for (key, text) in value { writer.string(key, text) }
        writer.end()
    }

    /// A unit: `id`, `name`, `kind`, `parent`, its provenance and attributes.
    static func unit<W: OrgFieldWriter>(id: String, name: W.Text, kind: String?, parent: String?, provenance: Provenance?,
                                        attributes: Attributes?, into writer: inout W) {
        writer.beginMap(nil)
        writer.string("id", id)
        writer.text("name", name)
        if let kind { writer.string("kind", kind) }
        if let parent { writer.string("parent", parent) }
        Self.provenance(provenance, into: &writer)
        Self.attributes(attributes, into: &writer)
        writer.end()
    }

    /// A post: `id`, `title` (unless empty), `unit`, `head`, `staff`, `reportsTo`, `dotted`
    /// (a list of ids when no line has provenance), `holders`, its provenance and attributes.
    static func post<W: OrgFieldWriter, Dotted: Collection<(to: String, provenance: Provenance?)>, Holders: Collection<String>>(
        id: String, title: W.Text?, unit: String, isHead: Bool, isStaff: Bool, reportsTo: (to: String, provenance: Provenance?)?,
        dotted: Dotted, holders: Holders, provenance: Provenance?, attributes: Attributes?, into writer: inout W
    ) {
        writer.beginMap(nil)
        writer.string("id", id)
        if let title { writer.text("title", title) }
        writer.string("unit", unit)
        if isHead { writer.flag("head") }
        if isStaff { writer.flag("staff") }
        if let reportsTo { line("reportsTo", to: reportsTo.to, reportsTo.provenance, into: &writer) }
        if !dotted.isEmpty {
            if dotted.allSatisfy({ $0.provenance?.isEmpty ?? true }) {
                writer.strings("dotted", dotted.lazy.map(\.to))
            } else {
                writer.beginList("dotted")
                for item in dotted { line(nil, to: item.to, item.provenance, into: &writer) }
                writer.end()
            }
        }
        if !holders.isEmpty { writer.strings("holders", holders) }
        Self.provenance(provenance, into: &writer)
        Self.attributes(attributes, into: &writer)
        writer.end()
    }

    /// A person: `id`, `name`, `aliases`, `status` (unless active), `primary`, their
    /// provenance and attributes.
    static func person<W: OrgFieldWriter>(id: String, name: W.Text, aliases: [String]?, status: PersonStatus, primary: String?,
                                          provenance: Provenance?, attributes: Attributes?, into writer: inout W) {
        writer.beginMap(nil)
        writer.string("id", id)
        writer.text("name", name)
        if let aliases, !aliases.isEmpty { writer.strings("aliases", aliases) }
        if status != .active { writer.string("status", status.rawValue) }
        if let primary { writer.string("primary", primary) }
        Self.provenance(provenance, into: &writer)
        Self.attributes(attributes, into: &writer)
        writer.end()
    }
}

/// Makes the ``YAMLTree`` of what ``OrgFields`` describes.
struct TreeFieldWriter: OrgFieldWriter {
    private enum Open {
        case map(key: String?, [(String, YAMLTree)])
        case list(key: String?, [YAMLTree])
    }

    private var open: [Open] = [.map(key: nil, [])]

    /// The members written at the top, outside any map opened.
    var pairs: [(String, YAMLTree)] {
        guard case .map(_, let pairs) = open[0] else { return [] }
        return pairs
    }

    /// The one value written at the top (an element's map).
    var tree: YAMLTree { pairs.first?.1 ?? .map([]) }

    private mutating func add(_ key: String?, _ value: YAMLTree) {
        switch open.removeLast() {
        case .map(let mapKey, var pairs):
            pairs.append((key ?? "", value))
            open.append(.map(key: mapKey, pairs))
        case .list(let listKey, var items):
            items.append(value)
            open.append(.list(key: listKey, items))
        }
    }

    mutating func string(_ key: String?, _ value: String) { add(key, .scalar(value)) }
    mutating func flag(_ key: String) { add(key, .raw("true")) }
    mutating func text(_ key: String, _ value: LocalizedText) { add(key, value.yaml) }
    mutating func strings<C: Collection<String>>(_ key: String, _ values: C) { add(key, .flowList(Array(values))) }
    mutating func beginMap(_ key: String?) { open.append(.map(key: key, [])) }
    mutating func beginList(_ key: String) { open.append(.list(key: key, [])) }

    mutating func end() {
        switch open.removeLast() {
        case .map(let key, let pairs): add(key, .map(pairs))
        case .list(let key, let items): add(key, .list(items))
        }
    }
}

/// Writes the JSON of what ``OrgFields`` describes straight from a core's rows, byte for byte
/// what ``YAMLTree/writeJSON(into:indent:)`` writes for the same element's tree, with no value
/// or tree made on the way: a big org's export writes about a million elements a second a
/// processor this way.
struct CoreJSONWriter: OrgFieldWriter {
    /// The JSON of each of the core's names and titles as a member's value `indent + 1` levels
    /// deep, text `i` at `bytes[start[i]..<start[i + 1]]`: made once, side by side, and copied
    /// wherever the text is written (a title shared by ten thousand posts is encoded once).
    struct EncodedTexts: Sendable {
        let bytes: [UInt8]
        let start: [Int]
        let indent: Int

        init(_ texts: [LocalizedText], indent: Int) {
            let shared = ReadOnly(texts)
            let pieces = SideBySide.pieces(texts.count, size: 65_536) { range in
                var bytes: [UInt8] = []
                var ends: [Int] = []
                ends.reserveCapacity(range.count)
                for index in range {
                    JSONValue.writeStringMap(shared.value[index].values.elements.lazy.map { ($0.key, $0.value) }, into: &bytes, indent: indent)
                    ends.append(bytes.count)
                }
                return (bytes, ends)
            }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(pieces.reduce(0) { $0 + $1.0.count })
            var start = [0]
            start.reserveCapacity(texts.count + 1)
            for (piece, ends) in pieces {
                let base = bytes.count
                bytes += piece
                start += ends.lazy.map { base + $0 }
            }
            (self.bytes, self.start, self.indent) = (bytes, start, indent)
        }
    }

    /// The names and titles of the core written from.
    let texts: EncodedTexts
    /// The bytes written so far.
    var out: [UInt8] = []
    /// The depth of each container open, with whether it has a member yet.
    private var open: [(indent: Int, empty: Bool, object: Bool)] = []
    private let baseIndent: Int

    /// A writer of elements that are items of a list `indent` levels deep, whose names and
    /// titles are encoded a level deeper.
    init(texts: EncodedTexts, indent: Int) {
        precondition(texts.indent == indent + 1, "texts are encoded as members of an element")
        self.texts = texts
        baseIndent = indent
    }

    /// Starts a member (`key` given) or an item of the container open, or a top-level value.
    private mutating func member(_ key: String?) {
        guard let last = open.indices.last else { return }
        // The container's `{` or `[` was written alone, in case it stayed empty (`{}`).
        if open[last].empty { out.append(0x0A) }
        JSONValue.beginMember(first: open[last].empty, into: &out, indent: open[last].indent + 1)
        open[last].empty = false
        if let key { JSONValue.writeKey(key, into: &out) }
    }

    private var depth: Int { open.last.map { $0.indent + 1 } ?? baseIndent }

    mutating func string(_ key: String?, _ value: String) {
        member(key)
        JSONValue.writeString(value, into: &out)
    }

    mutating func flag(_ key: String) {
        member(key)
        out.append(contentsOf: "true".utf8)
    }

    mutating func text(_ key: String, _ value: Int32) {
        member(key)
        // Names and titles are members of the element itself, as the texts were encoded.
        assert(depth == texts.indent)
        texts.bytes.withUnsafeBufferPointer { bytes in
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[texts.start[Int(value)]..<texts.start[Int(value) + 1]]))
        }
    }

    mutating func strings<C: Collection<String>>(_ key: String, _ values: C) {
        member(key)
        JSONValue.writeContainer(values, object: false, into: &out, indent: depth) { value, out in JSONValue.writeString(value, into: &out) }
    }

    mutating func beginMap(_ key: String?) {
        let indent = depth
        member(key)
        out.append(UInt8(ascii: "{"))
        open.append((indent, true, true))
    }

    mutating func beginList(_ key: String) {
        let indent = depth
        member(key)
        out.append(UInt8(ascii: "["))
        open.append((indent, true, false))
    }

    mutating func end() {
        let (indent, empty, object) = open.removeLast()
        if empty {
            out.append(object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
            // `{` alone became `{}`.
            return
        }
        out.append(0x0A)
        JSONValue.pad(&out, indent)
        out.append(object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }
}

extension OrgCore {
    /// Writes the element at `row` of `kind` as ``OrgFields`` describes it, from the rows: the
    /// fields ``unit(_:)``, ``post(_:)`` and ``person(_:)`` would give its value.
    func writeFields<W: OrgFieldWriter>(_ kind: Kind, _ row: Int, into writer: inout W) where W.Text == Int32 {
        let key = Self.key(kind, row)
        let (provenance, attributes) = (self.provenance.isEmpty ? nil : self.provenance[key],
                                        self.attributes.isEmpty ? nil : self.attributes[key])
        switch kind {
        case .unit:
            let parent = unitParent[row]
            OrgFields.unit(id: unitIDs[row], name: unitName[row], kind: unitKind.isEmpty ? nil : unitKind[Int32(row)],
                           parent: parent >= 0 ? unitIDs[Int(parent)] : nil, provenance: provenance, attributes: attributes,
                           into: &writer)
        case .post:
            let line = writtenLine[row]
            let dottedRows = dotted.isEmpty ? [] : dotted[Int32(row)] ?? []
            let dottedLines = dottedProvenance.isEmpty ? nil : dottedProvenance[Int32(row)]
            let title = postTitle[row], unit = postUnit[row]
            let holders = Int(holderStart[row])..<Int(holderStart[row + 1])
            // Through buffers: the ids, holders and texts are shared by the threads writing side
            // by side, and counting references to them from each thread was a third of the writing.
            postIDs.withUnsafeBufferPointer { postIDs in
                personIDs.withUnsafeBufferPointer { personIDs in
                    unitIDs.withUnsafeBufferPointer { unitIDs in
                        holderRows.withUnsafeBufferPointer { holderRows in
                            OrgFields.post(
                                id: postIDs[row], title: texts.withUnsafeBufferPointer { $0[Int(title)].isEmpty } ? nil : title,
                                unit: unit >= 0 ? unitIDs[Int(unit)] : danglingUnit[Int32(row)] ?? "",
                                isHead: postIsHead[row], isStaff: postIsStaff[row],
                                reportsTo: line >= 0 ? (postIDs[Int(line)], lineProvenance.isEmpty ? nil : lineProvenance[Int32(row)]) : nil,
                                dotted: dottedRows.indices.lazy.map { (to: postIDs[Int(dottedRows[$0])], provenance: dottedLines?[$0]) },
                                holders: holders.lazy.map { personIDs[Int(holderRows[$0])] },
                                provenance: provenance, attributes: attributes, into: &writer)
                        }
                    }
                }
            }
        case .person:
            OrgFields.person(id: personIDs[row], name: personName[row], aliases: personAliases.isEmpty ? nil : personAliases[Int32(row)],
                             status: personStatus[row], primary: primaryDeclared[row] ? postIDs[Int(primary[row])] : nil,
                             provenance: provenance, attributes: attributes, into: &writer)
        }
    }
}
