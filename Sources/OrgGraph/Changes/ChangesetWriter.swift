import Foundation

extension AttributeValue {
    var yaml: YAMLTree {
        switch self {
        case .text(let text): .scalar(text)
        case .list(let items): .flowList(items)
        }
    }
}

extension UnitTransfer {
    func yaml(merging: Bool) -> YAMLTree {
        var pairs: [(String, YAMLTree)] = [("unit", .scalar(unit.rawValue))]
        if merging { pairs.append(("fate", .scalar(record == nil ? "continues" : "ends"))) }
        if !posts.isEmpty { pairs.append(("posts", .flowList(posts.map(\.rawValue)))) }
        if !units.isEmpty { pairs.append(("units", .flowList(units.map(\.rawValue)))) }
        if let record { pairs.append(("record", record.yaml)) }
        return .map(pairs)
    }
}

extension ChangeOp {
    /// The op's own keys in a changeset file, after `op:`.
    var yamlPairs: [(String, YAMLTree)] {
        switch self {
        case .addUnit(let unit), .removeUnit(let unit): return [("unit", unit.yaml)]
        case .renameUnit(let id, let from, let to): return [("unit", .scalar(id.rawValue)), ("from", from.yaml), ("to", to.yaml)]
        case .moveUnit(let id, let from, let to):
            return [("unit", .scalar(id.rawValue)), ("from", from.map { .scalar($0.rawValue) } ?? .null), ("to", to.map { .scalar($0.rawValue) } ?? .null)]
        case .mergeUnits(let into, let sources):
            return [("into", .scalar(into.rawValue)), ("from", .list(sources.map { $0.yaml(merging: true) }))]
        case .splitUnit(let id, let record, let parts):
            var pairs: [(String, YAMLTree)] = [("unit", .scalar(id.rawValue))]
            if let record { pairs.append(("record", record.yaml)) }
            pairs.append(("into", .list(parts.map { $0.yaml(merging: false) })))
            return pairs
        case .addPost(let post), .removePost(let post): return [("post", post.yaml)]
        case .retitlePost(let id, let from, let to): return [("post", .scalar(id.rawValue)), ("from", from.yaml), ("to", to.yaml)]
        case .appoint(let id, let person, let replaces):
            var pairs: [(String, YAMLTree)] = [("post", .scalar(id.rawValue)), ("person", .scalar(person.rawValue))]
            if !replaces.isEmpty { pairs.append(("replaces", .flowList(replaces.map(\.rawValue)))) }
            return pairs
        case .vacate(let id, let person): return [("post", .scalar(id.rawValue)), ("person", .scalar(person.rawValue))]
        case .setReportsTo(let id, let from, let to):
            return [("post", .scalar(id.rawValue)), ("from", from?.yaml ?? .null), ("to", to?.yaml ?? .null)]
        case .addDotted(let id, let line), .removeDotted(let id, let line):
            return [("post", .scalar(id.rawValue)), ("line", line.yaml)]
        case .addPerson(let person), .removePerson(let person): return [("person", person.yaml)]
        case .renamePerson(let id, let from, let to): return [("person", .scalar(id.rawValue)), ("from", from.yaml), ("to", to.yaml)]
        case .setStatus(let id, let from, let to):
            return [("person", .scalar(id.rawValue)), ("from", .scalar(from.rawValue)), ("to", .scalar(to.rawValue))]
        case .setAttribute(let target, let attribute, let from, let to):
            return [("target", .scalar(target)), ("attribute", .scalar(attribute)), ("from", from?.yaml ?? .null), ("to", to?.yaml ?? .null)]
        }
    }
}

extension YAMLTree {
    /// YAML's null, written as `null`.
    static let null = YAMLTree.raw("null")
}

extension ChangesetFile {
    /// The changeset as a changeset file; reading it back gives an equal changeset.
    public static func yaml(_ changeset: Changeset) -> String {
        var pairs: [(String, YAMLTree)] = []
        if let title = changeset.title { pairs.append(("title", .scalar(title))) }
        if let effective = changeset.effective { pairs.append(("effective", .raw(effective.description))) }
        if let announced = changeset.announced { pairs.append(("announced", .raw(announced.description))) }
        if let previous = changeset.previous { pairs.append(("previous", .raw(previous.description))) }
        pairs += changeset.dated.yamlPairs
        func sources(_ key: String, _ list: some Collection<Source>) {
            if !list.isEmpty { pairs.append((key, .map(list.map { ($0.id.rawValue, $0.yaml) }))) }
        }
        sources("sources", changeset.sources.values)
        sources("addSources", changeset.addedSources.values)
        sources("removeSources", changeset.removedSources.values)
        pairs.append(("changes", .list(changeset.changes.map { change in
            var entry: [(String, YAMLTree)] = [("op", .scalar(change.op.name))]
            entry += change.op.yamlPairs
            if let reason = change.reason { entry.append(("reason", .scalar(reason))) }
            entry += change.provenance.yamlPairs
            if let similarity = change.similarity { entry.append(("similarity", .raw(String(format: "%.2f", similarity)))) }
            return .map(entry)
        })))
        return YAMLTree.map(pairs).rendered()
    }
}
