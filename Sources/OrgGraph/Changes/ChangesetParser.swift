import Foundation
import OrderedCollections
import Yams

/// Reads changeset files: YAML (or JSON) with a header and a list of typed changes.
struct ChangesetParser {
    static let topKeys = ["effective", "announced", "previous", "title", "source", "confidence", "note", "sources", "addSources", "removeSources", "changes"]
    static let commonKeys = ["op", "reason", "source", "confidence", "note", "similarity"]
    static let opKeys: [String: [String]] = [
        "add-unit": ["unit"], "remove-unit": ["unit"], "rename-unit": ["unit", "from", "to"],
        "move-unit": ["unit", "from", "to"], "merge-units": ["into", "from"], "split-unit": ["unit", "record", "into"],
        "add-post": ["post"], "remove-post": ["post"], "retitle-post": ["post", "from", "to"],
        "appoint": ["post", "person", "replaces"], "vacate": ["post", "person"], "set-reports-to": ["post", "from", "to"],
        "add-dotted": ["post", "line"], "remove-dotted": ["post", "line"], "add-person": ["person"],
        "remove-person": ["person"], "rename-person": ["person", "from", "to"], "set-status": ["person", "from", "to"],
        "set-attribute": ["target", "attribute", "from", "to"],
    ]
    static let transferKeys = ["unit", "fate", "posts", "units", "record"]

    var reader: YAMLReader

    static func announcedAfterEffective(_ announced: Day, _ effective: Day) -> String {
        "'announced' is \(announced), after 'effective' (\(effective)); a change is announced on or before the day it takes effect"
    }

    init(file: String) {
        reader = YAMLReader(file: file)
    }

    mutating func parse(_ text: String) throws(DiagnosticError) -> Changeset {
        let root = try reader.parseRoot(text, what: "a changeset")
        var changeset = Changeset()
        guard let top = reader.fields(root, of: "the changeset", allowed: Self.topKeys) else {
            throw DiagnosticError(reader.diagnostics.sorted)
        }
        if let node = top["effective"], let effective = reader.day(node, "'effective'") {
            changeset.effective = effective.value
            changeset.effectiveLocation = effective.location
        }
        let announced = top["announced"].flatMap { reader.day($0, "'announced'") }
        changeset.announced = announced?.value
        if let node = top["previous"], let previous = reader.day(node, "'previous'") {
            changeset.previous = previous.value
            changeset.previousLocation = previous.location
        }
        // (An inverse runs back in time and keeps the day the change it undoes was announced.)
        if let announced, let effective = changeset.effective, announced.value.first > effective.last, changeset.previous.map({ $0 < effective }) ?? true {
            reader.diagnostics.error(Self.announcedAfterEffective(announced.value, effective), at: announced.location)
        }
        changeset.title = top["title"].flatMap { reader.string($0, "'title'")?.value }
        // Sources as an org file writes them, read by the one reader of org files.
        func sources(_ key: String) -> OrderedDictionary<SourceID, Source> {
            guard let node = top[key] else { return [:] }
            return reader.readAsOrg(node) { (org: inout OrgJSONReader) throws(DiagnosticError) in
                try org.readSources()
                return org.builder.core.sources
            } ?? [:]
        }
        changeset.sources = sources("sources")
        changeset.addedSources = sources("addSources")
        changeset.removedSources = sources("removeSources")
        changeset.dated = readProvenance(top, citable: changeset)
        if let node = top["changes"] {
            if case .sequence(let items) = node {
                for item in items {
                    if let change = parseChange(item, citable: changeset) { changeset.changes.append(change) }
                }
            } else {
                reader.diagnostics.error("expected 'changes' to be a list (items starting with '- '), found \(YAMLReader.kindName(node))", at: reader.location(node))
            }
        } else {
            reader.diagnostics.error("the changeset has no 'changes' list", at: reader.location(root))
        }
        try reader.diagnostics.throwIfErrors()
        return changeset
    }

    private mutating func parseChange(_ node: Node, citable: Changeset) -> Change? {
        let location = reader.location(node)
        guard case .mapping(let mapping) = node else {
            reader.diagnostics.error("expected a change to be a mapping with 'op:', found \(YAMLReader.kindName(node))", at: location)
            return nil
        }
        guard let opNode = mapping["op"], let opName = reader.string(opNode, "'op'") else {
            reader.diagnostics.error("a change needs 'op:', one of \(ChangeOp.names.joined(separator: ", "))", at: location)
            return nil
        }
        guard let keys = Self.opKeys[opName.value] else {
            var message = "unknown op '\(opName.value)'"
            if let suggestion = Suggestions.closest(to: opName.value, among: ChangeOp.names) {
                message += "; did you mean '\(suggestion)'?"
            }
            reader.diagnostics.error(message, at: opName.location)
            return nil
        }
        let what = "a '\(opName.value)' change"
        guard let fields = reader.fields(node, of: what, allowed: Self.commonKeys + keys) else { return nil }
        let provenance = readProvenance(fields, citable: citable)
        var similarity: Double?
        if let node = fields["similarity"], let text = reader.string(node, "'similarity'") {
            similarity = Double(text.value)
            if similarity == nil { reader.diagnostics.error("'similarity' is a number from 0 to 1", at: text.location) }
        }
        guard let op = parseOp(opName.value, fields, what: what, at: location) else { return nil }
        return Change(op, reason: fields["reason"].flatMap { reader.string($0, "'reason'")?.value },
                      provenance: provenance, similarity: similarity, location: location)
    }

    /// `source`, `confidence` and `note` of a change, or of the changeset's dates; the source
    /// must be one the changeset lists.
    private mutating func readProvenance(_ fields: Fields, citable: Changeset) -> Provenance {
        var provenance = Provenance()
        let source = fields["source"].flatMap { reader.string($0, "'source'") }
        provenance.source = source.map { SourceReference(parsing: $0.value) }
        if let node = fields["confidence"], let text = reader.string(node, "'confidence'") {
            provenance.confidence = Confidence(rawValue: text.value)
            if provenance.confidence == nil { reader.diagnostics.error(Confidence.unknownMessage(text.value), at: text.location) }
        }
        provenance.note = fields["note"].flatMap { reader.string($0, "'note'")?.value }
        if let source {
            let id = SourceReference(parsing: source.value).source
            if citable.sources[id] == nil, citable.addedSources[id] == nil {
                var message = "unknown source '\(id)'"
                let known = (Array(citable.sources.keys) + Array(citable.addedSources.keys)).map(\.rawValue)
                if let suggestion = Suggestions.closest(to: id.rawValue, among: known) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; list it under 'sources:' at the top of the changeset"
                }
                reader.diagnostics.error(message, at: source.location)
            }
        }
        return provenance
    }

    private mutating func require(_ fields: Fields, _ key: String, _ what: String, at location: SourceLocation) -> Node? {
        if let node = fields[key] { return node }
        reader.diagnostics.error("\(what) needs '\(key):'", at: location)
        return nil
    }

    private mutating func id(_ fields: Fields, _ key: String, _ what: String, at location: SourceLocation) -> String? {
        guard let node = require(fields, key, what, at: location) else { return nil }
        return reader.identifier(node, "'\(key)'")?.value
    }

    /// `from`/`to` that may be absent or null (no parent, no line, no value).
    private mutating func optionalID(_ fields: Fields, _ key: String) -> String? {
        fields[key].flatMap { reader.identifier($0, "'\(key)'")?.value }
    }

    private mutating func name(_ fields: Fields, _ key: String, _ what: String, at location: SourceLocation) -> LocalizedText? {
        guard let node = require(fields, key, what, at: location) else { return nil }
        // Read as an org file's names are, by the one reader of org files.
        return reader.readAsOrg(node) { (org: inout OrgJSONReader) throws(DiagnosticError) in
            let name = try org.localized("'\(key)'")
            return org.text(name)
        }
    }

    private mutating func line(_ node: Node?) -> ReportingLine? {
        guard let node else { return nil }
        return reader.readAsOrg(node) { (org: inout OrgJSONReader) throws(DiagnosticError) in
            var lines: FewInputs<LineInput> = []
            try org.lines("a line", into: &lines)
            return lines.first.map(Self.line)
        }
    }

    private static func line(_ input: LineInput) -> ReportingLine {
        ReportingLine(to: PostID(input.target.id), provenance: input.provenance.value)
    }

    private mutating func parseOp(_ name: String, _ fields: Fields, what: String, at location: SourceLocation) -> ChangeOp? {
        switch name {
        case "add-unit", "remove-unit":
            guard let node = require(fields, "unit", what, at: location), let unit = unitRecord(node) else { return nil }
            return name == "add-unit" ? .addUnit(unit) : .removeUnit(unit)
        case "rename-unit":
            guard let id = id(fields, "unit", what, at: location), let from = self.name(fields, "from", what, at: location),
                let to = self.name(fields, "to", what, at: location)
            else { return nil }
            return .renameUnit(UnitID(id), from: from, to: to)
        case "move-unit":
            guard let id = id(fields, "unit", what, at: location) else { return nil }
            return .moveUnit(UnitID(id), from: optionalID(fields, "from").map { UnitID($0) }, to: optionalID(fields, "to").map { UnitID($0) })
        case "merge-units":
            guard let into = id(fields, "into", what, at: location), let node = require(fields, "from", what, at: location) else { return nil }
            let sources = reader.list(node).compactMap { transfer($0, merging: true) }
            return .mergeUnits(into: UnitID(into), sources: sources)
        case "split-unit":
            guard let id = id(fields, "unit", what, at: location), let node = require(fields, "into", what, at: location) else { return nil }
            let record = fields["record"].flatMap { unitRecord($0) }
            let parts = reader.list(node).compactMap { transfer($0, merging: false) }
            return .splitUnit(UnitID(id), record: record, parts: parts)
        case "add-post", "remove-post":
            guard let node = require(fields, "post", what, at: location), let post = postRecord(node) else { return nil }
            return name == "add-post" ? .addPost(post) : .removePost(post)
        case "retitle-post":
            guard let id = id(fields, "post", what, at: location), let from = self.name(fields, "from", what, at: location),
                let to = self.name(fields, "to", what, at: location)
            else { return nil }
            return .retitlePost(PostID(id), from: from, to: to)
        case "appoint":
            guard let post = id(fields, "post", what, at: location), let person = id(fields, "person", what, at: location) else { return nil }
            let replaces = fields["replaces"].map { reader.list($0).compactMap { reader.identifier($0, "'replaces'")?.value } } ?? []
            return .appoint(PostID(post), person: PersonID(person), replaces: replaces.map { PersonID($0) })
        case "vacate":
            guard let post = id(fields, "post", what, at: location), let person = id(fields, "person", what, at: location) else { return nil }
            return .vacate(PostID(post), person: PersonID(person))
        case "set-reports-to":
            guard let post = id(fields, "post", what, at: location) else { return nil }
            return .setReportsTo(PostID(post), from: line(fields["from"]), to: line(fields["to"]))
        case "add-dotted", "remove-dotted":
            guard let post = id(fields, "post", what, at: location), let node = require(fields, "line", what, at: location),
                let line = line(node)
            else { return nil }
            return name == "add-dotted" ? .addDotted(PostID(post), line) : .removeDotted(PostID(post), line)
        case "add-person", "remove-person":
            guard let node = require(fields, "person", what, at: location), let person = personRecord(node) else { return nil }
            return name == "add-person" ? .addPerson(person) : .removePerson(person)
        case "rename-person":
            guard let id = id(fields, "person", what, at: location), let from = self.name(fields, "from", what, at: location),
                let to = self.name(fields, "to", what, at: location)
            else { return nil }
            return .renamePerson(PersonID(id), from: from, to: to)
        case "set-status":
            guard let id = id(fields, "person", what, at: location), let from = status(fields, "from", what, at: location),
                let to = status(fields, "to", what, at: location)
            else { return nil }
            return .setStatus(PersonID(id), from: from, to: to)
        case "set-attribute":
            guard let target = id(fields, "target", what, at: location),
                let attribute = require(fields, "attribute", what, at: location).flatMap({ reader.string($0, "'attribute'")?.value })
            else { return nil }
            return .setAttribute(target: target, attribute: attribute, from: value(fields["from"]), to: value(fields["to"]))
        default:
            return nil
        }
    }

    private mutating func status(_ fields: Fields, _ key: String, _ what: String, at location: SourceLocation) -> PersonStatus? {
        guard let node = require(fields, key, what, at: location), let text = reader.string(node, "'\(key)'") else { return nil }
        guard let status = PersonStatus(rawValue: text.value) else {
            reader.diagnostics.error(PersonStatus.unknownMessage(text.value), at: text.location)
            return nil
        }
        return status
    }

    private mutating func value(_ node: Node?) -> AttributeValue? {
        guard let node else { return nil }
        if case .sequence(let items) = node {
            return .list(items.compactMap { reader.string($0, "a list item")?.value })
        }
        return reader.string(node, "a value").map { .text($0.value) }
    }

    private mutating func transfer(_ node: Node, merging: Bool) -> UnitTransfer? {
        let what = merging ? "a unit merged" : "a part of the split"
        guard let fields = reader.fields(node, of: what, allowed: Self.transferKeys),
            let unit = id(fields, "unit", what, at: reader.location(node))
        else { return nil }
        var transfer = UnitTransfer(unit: UnitID(unit))
        transfer.posts = fields["posts"].map { reader.list($0).compactMap { reader.identifier($0, "a post")?.value } }?.map { PostID($0) } ?? []
        transfer.units = fields["units"].map { reader.list($0).compactMap { reader.identifier($0, "a unit")?.value } }?.map { UnitID($0) } ?? []
        transfer.record = fields["record"].flatMap { unitRecord($0) }
        if merging, let fateNode = fields["fate"], let fate = reader.string(fateNode, "'fate'") {
            switch fate.value {
            case "ends":
                if transfer.record == nil {
                    reader.diagnostics.error("a unit that ends needs its 'record' (its id, name, parent, ...) so the merge can be undone", at: fate.location)
                }
            case "continues":
                if transfer.record != nil {
                    reader.diagnostics.error("a unit that continues takes no 'record'", at: fate.location)
                }
            default:
                reader.diagnostics.error("'fate' is 'continues' or 'ends', not '\(fate.value)'", at: fate.location)
            }
        } else if merging {
            reader.diagnostics.error("say the 'fate' of '\(unit)': 'continues' or 'ends'", at: reader.location(node))
        }
        return transfer
    }

    // Units, posts and people are read as an org file writes them, by the one reader of org files.

    private mutating func unitRecord(_ node: Node) -> Unit? {
        reader.readAsOrg(node) { (org: inout OrgJSONReader) throws(DiagnosticError) -> Unit? in
            var value: Unit?
            try org.unit { org, unit in
                if let head = unit.head { org.problem("a unit record in a changeset takes no 'head'; add the head post with 'add-post'", at: head.at) }
                if unit.name == nil { org.problem(OrgBuilder.noName(.unit, unit.id.id), at: unit.at) }
                value = Unit(id: UnitID(unit.id.id), name: org.text(unit.name), kind: unit.kind, parent: unit.parent.map { UnitID($0.id) },
                             provenance: unit.provenance.value, attributes: unit.attributes)
            }
            return value
        }
    }

    private mutating func postRecord(_ node: Node) -> Post? {
        reader.readAsOrg(node) { (org: inout OrgJSONReader) throws(DiagnosticError) -> Post? in
            var value: Post?
            try org.post { org, post in
                guard let unit = post.unit else { return org.problem("post '\(post.id.id)' needs 'unit:'", at: post.at) }
                if post.reportsTo.count > 1 {
                    org.problem("post '\(post.id.id)' has \(post.reportsTo.count) solid lines; a post reports to one post", at: post.reportsTo[1].target.at)
                }
                value = Post(id: PostID(post.id.id), title: org.text(post.title), unit: UnitID(unit.id), isHead: post.isHead, isStaff: post.isStaff,
                             reportsTo: post.reportsTo.first.map(Self.line), dotted: post.dotted.map(Self.line),
                             holders: post.holders.map { PersonID($0.id) }, provenance: post.provenance.value, attributes: post.attributes)
            }
            return value
        }
    }

    private mutating func personRecord(_ node: Node) -> Person? {
        reader.readAsOrg(node) { (org: inout OrgJSONReader) throws(DiagnosticError) -> Person? in
            var value: Person?
            try org.person { org, person in
                if let post = person.shorthand {
                    org.problem("a person record in a changeset takes no 'title', 'unit', 'reportsTo' or 'dotted'; add their post with 'add-post'", at: post.at)
                }
                if person.name == nil { org.problem(OrgBuilder.noName(.person, person.id.id), at: person.at) }
                value = Person(id: PersonID(person.id.id), name: org.text(person.name), aliases: person.aliases, status: person.status,
                               primaryPost: person.primary.map { PostID($0.id) }, provenance: person.provenance.value, attributes: person.attributes)
            }
            return value
        }
    }
}

/// Reading changeset files.
public enum ChangesetFile {
    /// Whether a YAML or JSON file is a changeset rather than an org: it sits in a `changes`
    /// folder, or its top level has `changes` and none of an org's `units`, `posts`, `people`.
    public static func describes(_ path: String) -> Bool {
        let lower = path.lowercased()
        guard [".yaml", ".yml", ".json"].contains(where: { lower.hasSuffix($0) }) else { return false }
        if (path as NSString).deletingLastPathComponent.split(separator: "/").last == "changes" { return true }
        // A changeset is small: a file of more than a megabyte is an org, and is not read here.
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let data = try? handle.read(upToCount: (1 << 20) + 1), data.count <= 1 << 20 else { return false }
        let keys: Set<String>
        if lower.hasSuffix(".json") {
            guard let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
            keys = Set(top.keys)
        } else {
            // The top-level keys of a YAML mapping start their lines.
            keys = Set(String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
                guard let first = line.first, first != " ", first != "-", first != "#", let colon = line.firstIndex(of: ":") else { return nil }
                return String(line[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "\"' "))
            })
        }
        return keys.contains("changes") && keys.isDisjoint(with: ["units", "posts", "people"])
    }

    /// Parses the text of a changeset file; every op keeps where it was written.
    public static func parse(_ text: String, file: String) throws(DiagnosticError) -> Changeset {
        var parser = ChangesetParser(file: file)
        return try parser.parse(text)
    }

    /// Reads and parses a changeset file.
    public static func read(contentsOf path: String) throws(DiagnosticError) -> Changeset {
        let data = try FileInput.read(path)
        return try parse(TextDecoding.decode(data, file: path), file: path)
    }
}
