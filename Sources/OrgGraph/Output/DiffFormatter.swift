import Foundation

extension YAMLTree {
    /// Writes ``json`` as ``JSONValue/write(into:indent:)`` writes it, without making it.
    func writeJSON(into out: inout [UInt8], indent: Int) {
        switch self {
        case .scalar(let text): JSONValue.writeString(text, into: &out)
        case .raw(let text):
            if text == "null" || text == "true" || text == "false" { out.append(contentsOf: text.utf8) } else { JSONValue.writeString(text, into: &out) }
        case .flowMap(let pairs): JSONValue.writeStringMap(pairs, into: &out, indent: indent)
        case .flowList(let items):
            JSONValue.writeContainer(items, object: false, into: &out, indent: indent) { item, out in JSONValue.writeString(item, into: &out) }
        case .map(let pairs):
            JSONValue.writeContainer(pairs, object: true, into: &out, indent: indent) { pair, out in
                JSONValue.writeKey(pair.0, into: &out)
                pair.1.writeJSON(into: &out, indent: indent + 1)
            }
        case .list(let items):
            JSONValue.writeContainer(items, object: false, into: &out, indent: indent) { item, out in item.writeJSON(into: &out, indent: indent + 1) }
        }
    }

    /// The same value as JSON: text stays text, `null` becomes null.
    var json: JSONValue {
        switch self {
        case .scalar(let text): return .string(text)
        case .raw(let text):
            switch text {
            case "null": return .null
            case "true", "false": return .bool(text == "true")
            default: return .string(text)
            }
        case .flowMap(let pairs): return .object(pairs.map { ($0.0, .string($0.1)) })
        case .flowList(let items): return .array(items.map { .string($0) })
        case .map(let pairs): return .object(pairs.map { ($0.0, $0.1.json) })
        case .list(let items): return .array(items.map(\.json))
        }
    }
}

extension Change {
    /// `{"op": ..., the op's fields, "reason", "source", "confidence", "note", "similarity"}`.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("op", .string(op.name))]
        pairs += op.yamlPairs.map { ($0.0, $0.1.json) }
        if let reason { pairs.append(("reason", .string(reason))) }
        pairs += provenance.yamlPairs.map { ($0.0, $0.1.json) }
        if let similarity { pairs.append(("similarity", .double((similarity * 100).rounded() / 100))) }
        return .object(pairs)
    }
}

/// Writes a comparison of two versions for people (text, grouped by unit) and scripts (JSON).
/// A class, so that the helpers its lines call share one diff rather than copy it.
public final class DiffFormatter: Sendable {
    /// The comparison to write.
    public let diff: OrgDiff
    /// Which languages the text gives names and titles in.
    public let language: LanguagePreference
    /// How each side was named on the command line.
    public let fromLabel: String
    /// How the later version was named on the command line.
    public let toLabel: String
    /// Whether each change's line ends with where it is stated: `[article:L77, inferred]`.
    public let sources: Bool
    /// The day the change to the later version was announced, if known (shown beside its date).
    public let announced: Day?

    /// `announced`: the day the change to the later version was announced, when its timeline's
    /// changeset says (shown beside its date).
    public init(diff: OrgDiff, language: LanguagePreference = .both, from: String, to: String, sources: Bool = false, announced: Day? = nil) {
        self.announced = announced
        self.diff = diff
        self.language = language
        self.fromLabel = from
        self.toLabel = to
        self.sources = sources
    }

    /// The two versions, the old one with content-matched ids changed to the new ones.
    private var before: OrgCore { diff.beforeSource.core }
    private var after: OrgCore { diff.afterSource.core }

    /// What `body` says of the element: in the new version, else in the old.
    private func find<T>(_ kind: OrgCore.Kind, _ id: String, _ body: (OrgCore, Int) -> T) -> T? {
        Self.find(kind, id, in: (diff.beforeSource.core, diff.afterSource.core), body)
    }

    /// What `body` says of the element: in the new version, else in the old. The cores are lent
    /// to `body`, not copied (a copy of a core is some thirty counted references).
    private static func find<T>(_ kind: OrgCore.Kind, _ id: String, in versions: (before: OrgCore, after: OrgCore),
                                _ body: (OrgCore, Int) -> T) -> T? {
        if let (found, row) = versions.after.element(id), found == kind { return body(versions.after, row) }
        if let (found, row) = versions.before.element(id), found == kind { return body(versions.before, row) }
        return nil
    }

    /// The unit of a person's primary post: in the new version, else in the old.
    private func personUnit(_ id: PersonID) -> UnitID? {
        func unit(in core: OrgCore) -> UnitID? {
            guard let (kind, row) = core.element(id.rawValue), kind == .person, core.primary[row] >= 0 else { return nil }
            let unit = core.postUnit[Int(core.primary[row])]
            return unit >= 0 ? UnitID(core.unitIDs[Int(unit)]) : nil
        }
        return unit(in: diff.afterSource.core) ?? unit(in: diff.beforeSource.core)
    }

    private func firstHolder(_ post: PostID) -> PersonID? {
        find(.post, post.rawValue) { core, row in
            let first = core.firstHolder(row)
            return first >= 0 ? PersonID(core.personIDs[Int(first)]) : nil
        } ?? nil
    }

    /// The first holder of a post in one version; nil when it has none or no such post.
    private func firstHolder(_ post: PostID, in core: OrgCore) -> PersonID? {
        guard let (kind, row) = core.element(post.rawValue), kind == .post else { return nil }
        let first = core.firstHolder(row)
        return first >= 0 ? PersonID(core.personIDs[Int(first)]) : nil
    }

    // MARK: JSON

    /// The comparison for scripts: `{"from", "to", "changes", "impact"}`, each side with its name
    /// and `asOf`.
    public func json() -> JSONValue {
        func side(_ label: String, _ core: OrgCore, announced: Day? = nil) -> JSONValue {
            .object([("org", .string(label)), ("asOf", JSONValue(core.asOf?.description))] + (announced.map { [("announced", .string($0.description))] } ?? []))
        }
        func count(_ headcount: Impact.Headcount?) -> JSONValue {
            headcount.map { .object([("direct", .int($0.direct)), ("total", .int($0.total))]) } ?? .null
        }
        func people(_ list: [PersonID?]) -> JSONValue { .array(list.map { JSONValue($0?.rawValue) }) }
        let impact = diff.impact
        return .object([
            ("from", side(fromLabel, before)),
            ("to", side(toLabel, after, announced: announced)),
            ("changes", .array(diff.changeset.changes.map(\.json))),
            ("impact", .object([
                ("headcount", .array(impact.headcount.map {
                    .object([("unit", .string($0.unit.rawValue)), ("before", count($0.before)), ("after", count($0.after))])
                })),
                ("span", .array(impact.spans.map {
                    .object([("post", .string($0.post.rawValue)), ("person", JSONValue($0.person?.rawValue)),
                             ("before", $0.before.map { .int($0) } ?? .null), ("after", $0.after.map { .int($0) } ?? .null)])
                })),
                ("layers", .object([("before", .int(impact.layersBefore)), ("after", .int(impact.layersAfter))])),
                ("chains", .array(impact.chains.map {
                    .object([("person", .string($0.person.rawValue)), ("before", people($0.before)), ("after", people($0.after))])
                })),
            ])),
        ])
    }

    // MARK: Text

    /// The changes, a line each, under the unit each concerns (its name; "people in no post"
    /// for the rest), in the order ``text(chainLines:)`` prints them.
    public func groups() -> [(heading: String, lines: [String])] {
        // A change a line, but provenance edits of one element make one line: the runs first.
        let changes = diff.changeset.changes
        var runs: [(changes: Range<Int>, provenanceOf: String?)] = []
        var start = 0
        while start < changes.count {
            var end = start + 1
            var target: String?
            if case .setAttribute(let element, let attribute, _, _) = changes[start].op, Self.provenanceFields.contains(attribute) {
                target = element
                while end < changes.count, case .setAttribute(element, let next, _, _) = changes[end].op, Self.provenanceFields.contains(next) {
                    end += 1
                }
            }
            runs.append((start..<end, target))
            start = end
        }
        // Each run's line and the unit it is listed under, on every processor.
        let lines = SideBySide.pieces(runs.count, size: 2048) { [runs] pieces in
            pieces.map { index -> (unit: UnitID?, text: String) in
                let (range, target) = runs[index]
                let first = changes[range.lowerBound]
                guard let target else { return (unit(of: first.op), line(first) + citation(first)) }
                return (unit(of: first.op), "~ provenance of '\(target)': " + changes[range].map { provenancePart($0.op) }.joined(separator: ", ")
                    + citation(first))
            }
        }
        var groups: [UnitID?: [String]] = [:]
        for piece in lines {
            for (unit, text) in piece { groups[unit, default: []].append(text) }
        }
        var order: [UnitID?] = after.unitIDs.map { UnitID($0) }
        order += before.unitIDs.filter { after.element($0)?.kind != .unit }.map { UnitID($0) }
        order.append(nil)
        return order.compactMap { key in groups[key].map { (key.map { unitName($0) } ?? "people in no post", $0) } }
    }

    /// `  [source, inferred]` after a change's line, with ``sources`` and when it cites one.
    private func citation(_ change: Change) -> String {
        guard sources else { return "" }
        let parts = [change.provenance.source?.description, change.provenance.isInferred ? "inferred" : nil].compactMap { $0 }
        return parts.isEmpty ? "" : "  [\(parts.joined(separator: ", "))]"
    }

    /// The comparison for people: both versions and their dates, the changes under their units
    /// (``groups()``), sources added and removed, chains and spans changed, and a summary.
    /// - Parameter chainLines: the section of reporting chains changed, made already by
    ///   ``chainLines(_:before:after:language:)`` (as the changes were found), else made here.
    public func text(chainLines: [String]? = nil) -> String {
        let effective = after.asOf.map { date in announced.map { "announced \($0), effective \(date)" } ?? date.description } ?? "undated"
        var out: [String] = ["\(fromLabel) (\(before.asOf?.description ?? "undated")) → \(toLabel) (\(effective))", ""]
        if diff.changeset.changes.isEmpty && diff.changeset.addedSources.isEmpty && diff.changeset.removedSources.isEmpty {
            out.append("no changes")
            return out.joined(separator: "\n") + "\n"
        }
        for (heading, lines) in groups() {
            out.append(heading)
            out += lines.map { "  " + $0 }
        }
        for (id, _) in diff.changeset.addedSources { out.append("+ source '\(id)'") }
        for (id, _) in diff.changeset.removedSources { out.append("- source '\(id)'") }
        let impact = diff.impact
        if !impact.chains.isEmpty {
            out.append("")
            out.append("reporting chains changed:")
            out += chainLines ?? Self.chainLines(impact, before: diff.beforeSource, after: diff.afterSource, language: language)
        }
        if !impact.spans.isEmpty {
            out.append("span of control:")
            for span in impact.spans {
                let who = span.person.map(personName) ?? "(vacant)"
                out.append("  \(who) ['\(span.post)']: \(span.before.map(String.init) ?? "-") → \(span.after.map(String.init) ?? "-")")
            }
        }
        out.append("")
        out.append(summary())
        return out.joined(separator: "\n") + "\n"
    }

    static let provenanceFields: Set<String> = ["source", "confidence", "note"]

    private func provenancePart(_ op: ChangeOp) -> String {
        guard case .setAttribute(_, let attribute, let from, let to) = op else { return "" }
        if attribute == "note" { return "note " + (from == nil ? "added" : to == nil ? "removed" : "rewritten") }
        if attribute == "confidence" {
            func level(_ value: AttributeValue?) -> String {
                if case .text(let text)? = value { return text }
                return "stated"
            }
            return "\(level(from)) → \(level(to))"
        }
        return "\(attribute) \(value(from)) → \(value(to))"
    }

    /// The lines of the section of reporting chains changed: `  Ann Lee: Bo Chen → Cy Wu ⇒ Di Xu`.
    /// Made apart from the rest, from the impact and the versions alone, so that a command can
    /// make them while the changes are still being found (``OrgDiff/init(from:to:alongside:)``).
    public static func chainLines(_ impact: Impact, before: QuerySource, after: QuerySource, language: LanguagePreference) -> [String] {
        let chains = impact.chains
        let shared = ReadOnly((before.core, after.core))
        return SideBySide.pieces(chains.count, size: 2048) { pieces in
            let versions = shared.value
            // The chains of a piece share most of the people above them: each named once.
            var names: [PersonID: String] = [:]
            names.reserveCapacity(2 * pieces.count)
            func name(_ id: PersonID) -> String {
                if let known = names[id] { return known }
                let found = personName(id, in: versions, language: language)
                names[id] = found
                return found
            }
            // Written straight into the line: a list of names joined was a third of the time.
            func write(_ chain: [PersonID?], into line: inout String) {
                if chain.isEmpty { return line += "(top)" }
                for (index, person) in chain.enumerated() {
                    if index > 0 { line += " → " }
                    line += person.map(name) ?? "(vacant)"
                }
            }
            return pieces.map { index in
                var line = "  " + name(chains[index].person) + ": "
                write(chains[index].before, into: &line)
                line += " ⇒ "
                write(chains[index].after, into: &line)
                return line
            }
        }.flatMap { $0 }
    }

    private func summary() -> String {
        var counts: [(String, Int)] = []
        for change in diff.changeset.changes {
            let name = change.op.name
            if let index = counts.firstIndex(where: { $0.0 == name }) { counts[index].1 += 1 } else { counts.append((name, 1)) }
        }
        let total = diff.changeset.changes.count
        func people(_ core: OrgCore) -> Int {
            var holds = [Bool](repeating: false, count: core.personIDs.count)
            for row in core.holderRows { holds[Int(row)] = true }
            return holds.count { $0 }
        }
        let impact = diff.impact
        return "\(total) change\(total == 1 ? "" : "s") (" + counts.map { "\($0.1) \($0.0)" }.joined(separator: ", ") + ")"
            + "; people in posts \(people(before)) → \(people(after)); layers \(impact.layersBefore) → \(impact.layersAfter); "
            + "\(impact.chains.count) reporting chain\(impact.chains.count == 1 ? "" : "s") changed"
    }

    /// The unit a change is listed under.
    private func unit(of op: ChangeOp) -> UnitID? {
        func postUnit(_ id: PostID) -> UnitID? { find(.post, id.rawValue) { $0.unitID(ofPost: $1) } }
        switch op {
        case .addUnit(let unit), .removeUnit(let unit): return unit.id
        case .renameUnit(let id, _, _), .moveUnit(let id, _, _), .splitUnit(let id, _, _): return id
        case .mergeUnits(let into, _): return into
        case .addPost(let post), .removePost(let post): return post.unit
        case .retitlePost(let id, _, _), .appoint(let id, _, _), .vacate(let id, _), .setReportsTo(let id, _, _),
            .addDotted(let id, _), .removeDotted(let id, _):
            return postUnit(id)
        case .addPerson(let person), .removePerson(let person): return personUnit(person.id)
        case .renamePerson(let id, _, _), .setStatus(let id, _, _): return personUnit(id)
        case .setAttribute(let target, _, _, let to):
            let id = (to.flatMap { if case .text(let t) = $0 { t } else { nil } }).flatMap { after.element($0)?.kind == .unit ? $0 : nil } ?? target
            if find(.unit, id, { _, _ in true }) != nil { return UnitID(id) }
            if let unit = postUnit(PostID(target)) { return unit }
            return personUnit(PersonID(target))
        }
    }

    // MARK: Names

    private func unitName(_ id: UnitID) -> String {
        let name = find(.unit, id.rawValue) { $0.texts[Int($0.unitName[$1])].display(language) } ?? ""
        return name.isEmpty ? "'\(id)'" : "\(name) ['\(id)']"
    }

    private func personName(_ id: PersonID) -> String {
        Self.personName(id, in: (diff.beforeSource.core, diff.afterSource.core), language: language)
    }

    private static func personName(_ id: PersonID, in versions: (before: OrgCore, after: OrgCore), language: LanguagePreference) -> String {
        find(.person, id.rawValue, in: versions) { $0.texts[Int($0.personName[$1])].display(language) } ?? "'\(id)'"
    }

    private func holderNames(_ holders: [PersonID]) -> String {
        holders.isEmpty ? "nobody" : holders.map(personName).joined(separator: ", ")
    }

    private func postName(_ id: PostID) -> String {
        find(.post, id.rawValue) { core, row in
            let title = core.texts[Int(core.postTitle[row])]
            if core.postIsHead[row], title.isEmpty { return "head of \(unitName(core.unitID(ofPost: row)))" }
            let display = title.display(language)
            return display.isEmpty ? "'\(id)'" : "\(display) ['\(id)']"
        } ?? "'\(id)'"
    }

    private func lineTarget(_ line: ReportingLine?) -> String {
        guard let line else { return "implied" }
        return firstHolder(line.to).map { "\(personName($0)) ['\(line.to)']" } ?? "'\(line.to)'"
    }

    private func value(_ value: AttributeValue?) -> String {
        value?.description ?? "none"
    }

    private func line(_ change: Change) -> String {
        var text = describe(change.op)
        if let similarity = change.similarity { text += String(format: " (similarity %.2f)", similarity) }
        return text
    }

    private func describe(_ op: ChangeOp) -> String {
        switch op {
        case .addUnit(let unit):
            return "+ unit \(unitName(unit.id))" + (unit.parent.map { " under \(unitName($0))" } ?? "")
        case .removeUnit(let unit):
            return "- unit \(unitName(unit.id))" + (unit.parent.map { " from \(unitName($0))" } ?? "")
        case .renameUnit(_, let from, let to):
            return "~ renamed \(from.display(language)) → \(to.display(language))"
        case .moveUnit(let id, let from, let to):
            _ = id
            return "→ moved from \(from.map(unitName) ?? "the top") to \(to.map(unitName) ?? "the top")"
        case .mergeUnits(let into, let sources):
            return sources.map { source in
                "⇐ \(unitName(source.unit)) merged into \(unitName(into)) (\(source.posts.count) post\(source.posts.count == 1 ? "" : "s"), \(source.units.count) unit\(source.units.count == 1 ? "" : "s"))"
                    + (source.record == nil ? "; it continues" : "; it ends")
            }.joined(separator: "; ")
        case .splitUnit(let id, let record, let parts):
            return "⇒ \(unitName(id)) split into " + parts.map { unitName($0.unit) }.joined(separator: ", ") + (record == nil ? "; it continues" : "; it ends")
        case .addPost(let post):
            return "+ \(post.isStaff ? "staff post" : "post") \(postName(post.id))" + (post.holders.isEmpty ? ", vacant" : " held by \(holderNames(post.holders))")
                + (post.reportsTo.map { ", reporting to \(lineTarget($0))" } ?? "")
        case .removePost(let post):
            return "- \(post.isStaff ? "staff post" : "post") \(postName(post.id))" + (post.holders.isEmpty ? ", vacant" : ", held by \(holderNames(post.holders))")
        case .retitlePost(let id, let from, let to):
            return "~ post ['\(id)'] retitled \(from.display(language)) → \(to.display(language))"
        case .appoint(let id, let person, let replaces):
            if replaces.isEmpty { return "+ \(personName(person)) appointed to \(postName(id))" }
            return "~ \(postName(id)): \(holderNames(replaces)) → \(personName(person))"
        case .vacate(let id, let person):
            return "- \(personName(person)) leaves \(postName(id))"
        case .setReportsTo(let id, let from, let to):
            // The line is the post's: named by its holder only when they held it before too.
            let holder = firstHolder(id)
            let who = holder.flatMap { $0 == firstHolder(id, in: diff.beforeSource.core) ? "\(personName($0)) ['\(id)']" : nil } ?? postName(id)
            return "~ \(who) now reports to \(lineTarget(to)), was \(lineTarget(from))"
        case .addDotted(let id, let line):
            return "+ dotted line \(postName(id)) ⇢ \(lineTarget(line))"
        case .removeDotted(let id, let line):
            return "- dotted line \(postName(id)) ⇢ \(lineTarget(line))"
        case .addPerson(let person):
            return "+ person \(personName(person.id)) ['\(person.id)']" + (person.status == .active ? "" : ", \(person.status.rawValue)")
        case .removePerson(let person):
            return "- person \(person.name.display(language)) ['\(person.id)']"
        case .renamePerson(_, let from, let to):
            return "~ person renamed \(from.display(language)) → \(to.display(language))"
        case .setStatus(let id, let from, let to):
            return "~ \(personName(id)): \(from.rawValue) → \(to.rawValue)"
        case .setAttribute(let target, let attribute, let from, let to):
            if attribute == "id" { return "= '\(target)' is \(value(to)) in the new version" }
            if attribute == "note" { return "~ '\(target)' note " + (from == nil ? "added" : to == nil ? "removed" : "rewritten") }
            if attribute == "head" || attribute == "staff" {
                let role = attribute == "head" ? "the head of its unit" : "a staff post"
                return "~ post \(postName(PostID(target))) is \(to == .text("true") ? "now" : "no longer") \(role)"
            }
            return "~ '\(target)' \(attribute): \(value(from)) → \(value(to))"
        }
    }
}
