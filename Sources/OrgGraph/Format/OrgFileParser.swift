import Yams

/// The keys of org files, and the reading of the units, posts and people a changeset carries
/// (org files themselves are read by the one reader of the schema, in `OrgCore+JSON.swift`).
struct OrgFileParser {
    static let topKeys = ["asOf", "title", "lang", "sources", "units", "posts", "people"]
    static let sourceKeys = ["title", "publisher", "published", "url", "file"]
    static let provenanceKeys = ["source", "confidence", "note"]
    static let unitKeys = ["id", "name", "kind", "parent", "head", "attributes"] + provenanceKeys
    static let headKeys = ["id", "holders", "title", "reportsTo", "dotted", "attributes"] + provenanceKeys
    static let postKeys = ["id", "title", "unit", "head", "reportsTo", "dotted", "holders", "attributes"] + provenanceKeys
    static let personKeys = ["id", "name", "aliases", "status", "primary", "title", "unit", "reportsTo", "dotted", "attributes"]
        + provenanceKeys
    static let lineKeys = ["to"] + provenanceKeys
    /// A person's keys that expand to a post of theirs.
    static let personShorthandKeys = ["title", "unit", "reportsTo", "dotted"]

    var reader: YAMLReader
    var language = "en"

    init(file: String) {
        reader = YAMLReader(file: file)
    }

    mutating func sequence(_ node: Node, _ what: String) -> [Node] {
        guard case .sequence(let items) = node else {
            reader.diagnostics.error("expected \(what) to be a list (items starting with '- '), found \(YAMLReader.kindName(node))", at: reader.location(node))
            return []
        }
        return Array(items)
    }

    mutating func parseSources(_ node: Node) -> [(id: Located<String>, source: Source)] {
        guard case .mapping(let mapping) = node else {
            reader.diagnostics.error("expected 'sources' to map source ids to descriptions, found \(YAMLReader.kindName(node))", at: reader.location(node))
            return []
        }
        var result: [(id: Located<String>, source: Source)] = []
        for (key, value) in mapping {
            guard let id = reader.identifier(key, "a source id") else { continue }
            var source = Source(id: SourceID(id.value))
            if case .scalar(let scalar) = value {
                source.title = scalar.string
            } else if let fields = reader.fields(value, of: "source '\(id.value)'", allowed: Self.sourceKeys) {
                source.title = fields["title"].flatMap { reader.string($0, "'title'")?.value }
                source.publisher = fields["publisher"].flatMap { reader.string($0, "'publisher'")?.value }
                source.published = fields["published"].flatMap { reader.string($0, "'published'")?.value }
                source.url = fields["url"].flatMap { reader.string($0, "'url'")?.value }
                source.file = fields["file"].flatMap { reader.string($0, "'file'")?.value }
            }
            result.append((id, source))
        }
        return result
    }

    mutating func parseProvenance(_ fields: Fields, at location: SourceLocation) -> ProvenanceDraft {
        var provenance = ProvenanceDraft(location: location)
        if let node = fields["source"] { provenance.source = reader.string(node, "'source'") }
        if let node = fields["confidence"], let text = reader.string(node, "'confidence'") {
            if let confidence = Confidence(rawValue: text.value) {
                provenance.confidence = confidence
            } else {
                reader.diagnostics.error("unknown confidence '\(text.value)'; use 'stated' or 'inferred'", at: text.location)
            }
        }
        if let node = fields["note"] { provenance.note = reader.string(node, "'note'")?.value }
        return provenance
    }

    mutating func parseAttributes(_ fields: Fields) -> Attributes {
        guard let node = fields["attributes"] else { return [:] }
        guard case .mapping(let mapping) = node else {
            reader.diagnostics.error("expected 'attributes' to be a mapping of names to values", at: reader.location(node))
            return [:]
        }
        var attributes = Attributes()
        for (key, value) in mapping {
            guard let name = reader.string(key, "an attribute name"),
                let text = reader.string(value, "attribute '\(key.string ?? "")'")
            else { continue }
            attributes[name.value] = text.value
        }
        return attributes
    }

    /// `reportsTo` or `dotted`: an id, `{to: id, source: ...}`, or a list of those.
    mutating func parseLines(_ node: Node?, _ what: String) -> [LineDraft] {
        guard let node else { return [] }
        var lines: [LineDraft] = []
        for item in reader.list(node) {
            if case .mapping = item {
                guard let fields = reader.fields(item, of: "a line in \(what)", allowed: Self.lineKeys) else { continue }
                guard let toNode = fields["to"] else {
                    reader.diagnostics.error("a line in \(what) needs 'to:' naming a post or person", at: reader.location(item))
                    continue
                }
                guard let target = reader.identifier(toNode, "'to'") else { continue }
                lines.append(LineDraft(target: target, provenance: parseProvenance(fields, at: reader.location(item))))
            } else if let target = reader.identifier(item, what) {
                lines.append(LineDraft(target: target, provenance: ProvenanceDraft(location: target.location)))
            }
        }
        return lines
    }

    mutating func parseHolders(_ node: Node?) -> [Located<String>] {
        guard let node else { return [] }
        return reader.list(node).compactMap { reader.identifier($0, "a holder") }
    }

    private mutating func requireID(_ fields: Fields, _ what: String, at location: SourceLocation) -> Located<String>? {
        guard let node = fields["id"] else {
            reader.diagnostics.error("\(what) has no 'id'; give it a stable id such as 'life-services'", at: location)
            return nil
        }
        return reader.identifier(node, "the id of \(what)")
    }

    mutating func parseUnit(_ node: Node) -> UnitDraft? {
        let location = reader.location(node)
        guard let fields = reader.fields(node, of: "a unit", allowed: Self.unitKeys),
            let id = requireID(fields, "a unit", at: location)
        else { return nil }
        let name = fields["name"].map { reader.localized($0, "the name of unit '\(id.value)'", defaultLanguage: language) ?? LocalizedText() }
        var unit = UnitDraft(
            id: id,
            name: name,
            kind: fields["kind"].flatMap { reader.string($0, "'kind'")?.value },
            parent: fields["parent"].flatMap { reader.identifier($0, "'parent'") },
            head: nil,
            provenance: parseProvenance(fields, at: location),
            attributes: parseAttributes(fields),
            location: location)
        if let headNode = fields["head"] {
            unit.head = parseHead(headNode, unit: id)
        }
        return unit
    }

    /// `head: person-id` or `head: {holders: ..., title: ..., reportsTo: ...}` on a unit.
    private mutating func parseHead(_ node: Node, unit: Located<String>) -> PostDraft? {
        let location = reader.location(node)
        var post = PostDraft(
            id: Located(value: PostOrigin.headPostID(ofUnit: unit.value), location: location), title: LocalizedText(),
            unit: unit, isHead: true, reportsTo: [], dotted: [], holders: [],
            provenance: ProvenanceDraft(location: location), attributes: [:], location: location,
            origin: .unitHead(unit: unit.value))
        if case .mapping = node {
            guard let fields = reader.fields(node, of: "the head of unit '\(unit.value)'", allowed: Self.headKeys) else { return nil }
            if let idNode = fields["id"], let id = reader.identifier(idNode, "the id of the head post") { post.id = id }
            post.holders = parseHolders(fields["holders"])
            if let titleNode = fields["title"] {
                post.title = reader.localized(titleNode, "the title of the head of '\(unit.value)'", defaultLanguage: language) ?? LocalizedText()
            }
            post.reportsTo = parseLines(fields["reportsTo"], "'reportsTo'")
            post.dotted = parseLines(fields["dotted"], "'dotted'")
            post.provenance = parseProvenance(fields, at: location)
            post.attributes = parseAttributes(fields)
        } else {
            post.holders = parseHolders(node)
        }
        return post
    }

    mutating func parsePost(_ node: Node) -> PostDraft? {
        let location = reader.location(node)
        guard let fields = reader.fields(node, of: "a post", allowed: Self.postKeys),
            let id = requireID(fields, "a post", at: location)
        else { return nil }
        return PostDraft(
            id: id,
            title: fields["title"].flatMap { reader.localized($0, "the title of post '\(id.value)'", defaultLanguage: language) }
                ?? LocalizedText(),
            unit: fields["unit"].flatMap { reader.identifier($0, "'unit'") },
            isHead: fields["head"].flatMap { reader.boolean($0, "'head'") } ?? false,
            reportsTo: parseLines(fields["reportsTo"], "'reportsTo'"),
            dotted: parseLines(fields["dotted"], "'dotted'"),
            holders: parseHolders(fields["holders"]),
            provenance: parseProvenance(fields, at: location),
            attributes: parseAttributes(fields),
            location: location,
            origin: .explicit)
    }

    mutating func parsePerson(_ node: Node) -> PersonDraft? {
        let location = reader.location(node)
        guard let fields = reader.fields(node, of: "a person", allowed: Self.personKeys),
            let id = requireID(fields, "a person", at: location)
        else { return nil }
        let name = fields["name"].map { reader.localized($0, "the name of '\(id.value)'", defaultLanguage: language) ?? LocalizedText() }
        var status = PersonStatus.active
        if let node = fields["status"], let text = reader.string(node, "'status'") {
            if let known = PersonStatus(rawValue: text.value) {
                status = known
            } else {
                reader.diagnostics.error(PersonStatus.unknownMessage(text.value), at: text.location)
            }
        }
        let aliases = fields["aliases"].map { reader.list($0).compactMap { reader.string($0, "an alias")?.value } } ?? []
        let provenance = parseProvenance(fields, at: location)
        var person = PersonDraft(
            id: id, name: name, aliases: aliases, status: status,
            primary: fields["primary"].flatMap { reader.identifier($0, "'primary'") },
            shorthandPost: nil, provenance: provenance, attributes: parseAttributes(fields),
            location: location)
        if let firstKey = Self.personShorthandKeys.compactMap({ fields.keyLocation($0) }).min() {
            person.shorthandPost = PostDraft(
                id: Located(value: PostOrigin.shorthandPostID(ofPerson: id.value), location: firstKey),
                title: fields["title"].flatMap { reader.localized($0, "the title of '\(id.value)'", defaultLanguage: language) }
                    ?? LocalizedText(),
                unit: fields["unit"].flatMap { reader.identifier($0, "'unit'") },
                isHead: false,
                reportsTo: parseLines(fields["reportsTo"], "'reportsTo'"),
                dotted: parseLines(fields["dotted"], "'dotted'"),
                holders: [id],
                provenance: provenance,
                attributes: [:],
                location: firstKey,
                origin: .personShorthand(person: id.value))
        }
        return person
    }
}

extension PersonStatus {
    /// The message for a status that is not one of the known ones.
    static func unknownMessage(_ text: String) -> String {
        let known = allCases.map(\.rawValue)
        if let suggestion = Suggestions.closest(to: text, among: known) {
            return "unknown status '\(text)'; did you mean '\(suggestion)'?"
        }
        return "unknown status '\(text)'; use one of \(known.map { "'\($0)'" }.joined(separator: ", "))"
    }
}
