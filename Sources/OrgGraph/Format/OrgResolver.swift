import OrderedCollections

/// The second stage of reading: expands shorthands, resolves every reference and builds the ``Org``.
struct OrgResolver {
    private enum Kind: String {
        case unit, post, person
    }

    private var diagnostics = DiagnosticCollector()
    private var sourceMap: SourceMap
    private var kinds: [String: (kind: Kind, location: SourceLocation)] = [:]
    private var checkedSources: Set<SourceLocation> = []

    init(file: String) {
        sourceMap = SourceMap(file: file)
    }

    mutating func resolve(_ draft: OrgDraft) -> (Org, SourceMap, [Diagnostic]) {
        var org = Org(asOf: draft.asOf?.value, title: draft.title)
        if let asOf = draft.asOf { sourceMap.record("", field: "asOf", at: asOf.location) }

        // Sources have their own namespace.
        var sourceLocations: [String: SourceLocation] = [:]
        for (id, source) in draft.sources {
            if let first = sourceLocations[id.value] {
                diagnostics.error("duplicate source id '\(id.value)'; it is first defined at line \(first.line), column \(first.column)", at: id.location)
                continue
            }
            sourceLocations[id.value] = id.location
            org.sources[source.id] = source
        }

        // Ids are unique across units, posts and people, so a bare id names one thing. A
        // duplicate is left out, with the posts its shorthand would have made.
        var units: [UnitDraft] = []
        for unit in draft.units where register(unit.id, as: .unit) { units.append(unit) }
        var people: [PersonDraft] = []
        for person in draft.people where register(person.id, as: .person) { people.append(person) }
        // Every post, explicit or expanded, in the order that decides primary posts.
        var postDrafts = draft.posts
        postDrafts += units.compactMap(\.head)
        postDrafts += people.compactMap(\.shorthandPost)
        var posts: [PostDraft] = []
        for post in postDrafts where register(post.id, as: .post) { posts.append(post) }
        let unitIDs = units.map(\.id.value)
        let personIDs = people.map(\.id.value)
        let postIDs = posts.map(\.id.value)

        for unit in units {
            let id = unit.id.value
            sourceMap.record(id, at: unit.location)
            var resolved = Unit(id: UnitID(id), name: unit.name, kind: unit.kind,
                                provenance: checkProvenance(unit.provenance, org: org), attributes: unit.attributes)
            if let parent = unit.parent {
                sourceMap.record(id, field: "parent", at: parent.location)
                if reference(parent, expecting: .unit, subject: "unit '\(id)'", relation: "has parent", candidates: unitIDs) {
                    resolved.parent = UnitID(parent.value)
                }
            }
            org.units[resolved.id] = resolved
        }

        // Holders first: a person's primary post, which person-valued lines point at, depends on them.
        var holdersByPost: [String: [PersonID]] = [:]
        var postsByPerson: [String: [String]] = [:]
        for post in posts {
            var holders: [PersonID] = []
            for holder in post.holders {
                sourceMap.record(post.id.value, field: "holders", at: holder.location)
                guard reference(holder, expecting: .person, subject: describe(post), relation: "is held by", candidates: personIDs) else { continue }
                if holders.contains(PersonID(holder.value)) {
                    diagnostics.error("'\(holder.value)' is listed twice as a holder of \(describe(post))", at: holder.location)
                    continue
                }
                holders.append(PersonID(holder.value))
                postsByPerson[holder.value, default: []].append(post.id.value)
            }
            holdersByPost[post.id.value] = holders
        }
        var primaryByPerson: [String: String] = [:]
        for person in people {
            let held = postsByPerson[person.id.value] ?? []
            if let primary = person.primary {
                sourceMap.record(person.id.value, field: "primary", at: primary.location)
                if held.contains(primary.value) {
                    primaryByPerson[person.id.value] = primary.value
                } else {
                    var message = "primary post '\(primary.value)' of '\(person.id.value)' is not a post they hold"
                    if !held.isEmpty { message += "; they hold \(held.map { "'\($0)'" }.joined(separator: ", "))" }
                    diagnostics.error(message, at: primary.location)
                }
            } else if let first = held.first {
                primaryByPerson[person.id.value] = first
            }
        }

        // Posts, with their lines resolved to posts.
        let unitOfPost = Dictionary(posts.compactMap { post in post.unit.map { (post.id.value, $0.value) } }, uniquingKeysWith: { a, _ in a })
        for post in posts {
            let id = post.id.value
            sourceMap.record(id, at: post.location)
            var reportsTo: ReportingLine?
            if post.reportsTo.count > 1 {
                let targets = post.reportsTo.map { "'\($0.target.value)'" }.joined(separator: ", ")
                diagnostics.error("\(describe(post)) has \(post.reportsTo.count) solid lines (\(targets)); a post reports to one post, so make the others 'dotted'",
                                  at: post.reportsTo[1].target.location)
            }
            if let line = post.reportsTo.first {
                sourceMap.record(id, field: "reportsTo", at: line.target.location)
                if let target = lineTarget(line, of: post, primaryByPerson: primaryByPerson, postIDs: postIDs, personIDs: personIDs) {
                    reportsTo = ReportingLine(to: PostID(target), provenance: checkProvenance(line.provenance, org: org))
                }
            }
            var dotted: [ReportingLine] = []
            for line in post.dotted {
                sourceMap.record(id, field: "dotted", at: line.target.location)
                if let target = lineTarget(line, of: post, primaryByPerson: primaryByPerson, postIDs: postIDs, personIDs: personIDs) {
                    dotted.append(ReportingLine(to: PostID(target), provenance: checkProvenance(line.provenance, org: org)))
                }
            }
            var unit: String?
            if let written = post.unit {
                sourceMap.record(id, field: "unit", at: written.location)
                if reference(written, expecting: .unit, subject: describe(post), relation: "is in", candidates: unitIDs) {
                    unit = written.value
                }
            } else if case .personShorthand = post.origin, let target = reportsTo?.to.rawValue {
                // A person written with only `reportsTo` works in their manager's unit.
                unit = unitOfPost[target]
                if unit == nil {
                    diagnostics.error("\(describe(post)) needs a unit: add 'unit:'", at: post.location)
                }
            } else {
                diagnostics.error("\(describe(post)) is in no unit: add 'unit:' naming one of the units", at: post.location)
            }
            guard let unit else { continue }
            org.posts[PostID(id)] = Post(
                id: PostID(id), title: post.title, unit: UnitID(unit), isHead: post.isHead,
                reportsTo: reportsTo, dotted: dotted, holders: holdersByPost[id] ?? [],
                provenance: checkProvenance(post.provenance, org: org), attributes: post.attributes)
        }

        for person in people {
            let id = person.id.value
            sourceMap.record(id, at: person.location)
            org.people[PersonID(id)] = Person(
                id: PersonID(id), name: person.name, aliases: person.aliases, status: person.status,
                primaryPost: person.primary.flatMap { primaryByPerson[id] == $0.value ? PostID($0.value) : nil },
                provenance: checkProvenance(person.provenance, org: org), attributes: person.attributes)
        }
        return (org, sourceMap, diagnostics.diagnostics)
    }

    /// Records an id; a duplicate is reported and left out.
    private mutating func register(_ id: Located<String>, as kind: Kind) -> Bool {
        if let first = kinds[id.value] {
            diagnostics.error("duplicate id '\(id.value)': a \(first.kind.rawValue) at line \(first.location.line), column \(first.location.column) has it; ids must be unique across units, posts and people", at: id.location)
            return false
        }
        kinds[id.value] = (kind, id.location)
        return true
    }

    /// Checks that a reference names an element of the expected kind; reports it otherwise.
    private mutating func reference(_ ref: Located<String>, expecting kind: Kind, subject: String, relation: String,
                                    candidates: [String]) -> Bool {
        if let found = kinds[ref.value] {
            if found.kind == kind { return true }
            diagnostics.error("\(subject) \(relation) '\(ref.value)', which is a \(found.kind.rawValue), not a \(kind.rawValue)", at: ref.location)
            return false
        }
        var message = "\(subject) \(relation) unknown \(kind.rawValue) '\(ref.value)'"
        if let suggestion = Suggestions.closest(to: ref.value, among: candidates) {
            message += "; did you mean '\(suggestion)'?"
        }
        diagnostics.error(message, at: ref.location)
        return false
    }

    /// The post a line points at: a post id, or a person id standing for their primary post.
    private mutating func lineTarget(_ line: LineDraft, of post: PostDraft, primaryByPerson: [String: String],
                                     postIDs: [String], personIDs: [String]) -> String? {
        let target = line.target
        switch kinds[target.value]?.kind {
        case .post?:
            return target.value
        case .person?:
            if let primary = primaryByPerson[target.value] { return primary }
            diagnostics.error("\(describe(post)) reports to '\(target.value)', who holds no post; give them a post first", at: target.location)
            return nil
        case .unit?:
            diagnostics.error("\(describe(post)) reports to unit '\(target.value)'; name a person or a post (the unit's head is 'head.\(target.value)' when written with 'head:')",
                              at: target.location)
            return nil
        case nil:
            var message = "\(describe(post)) reports to unknown person or post '\(target.value)'"
            if let suggestion = Suggestions.closest(to: target.value, among: personIDs + postIDs) {
                message += "; did you mean '\(suggestion)'?"
            }
            diagnostics.error(message, at: target.location)
            return nil
        }
    }

    private mutating func checkProvenance(_ draft: ProvenanceDraft, org: Org) -> Provenance {
        let provenance = draft.provenance()
        if let written = draft.source, let reference = provenance.source, org.sources[reference.source] == nil,
            checkedSources.insert(written.location).inserted
        {
            var message = "unknown source '\(reference.source)'"
            if let suggestion = Suggestions.closest(to: reference.source.rawValue, among: org.sources.keys.map(\.rawValue)) {
                message += "; did you mean '\(suggestion)'?"
            } else {
                message += "; list it under 'sources:' at the top of the file"
            }
            diagnostics.error(message, at: written.location)
        }
        return provenance
    }

    private func describe(_ post: PostDraft) -> String {
        switch post.origin {
        case .explicit: "post '\(post.id.value)'"
        case .unitHead(let unit): "the head of '\(unit)'"
        case .personShorthand(let person): "'\(person)'"
        }
    }
}
