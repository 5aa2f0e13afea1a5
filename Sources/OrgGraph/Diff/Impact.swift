/// What a change did to the shape of an org: headcounts, spans of control, layers, and whose
/// reporting chain is different.
public struct Impact: Hashable, Sendable {
    public struct Headcount: Hashable, Sendable {
        /// People holding a post in the unit itself.
        public var direct: Int
        /// People holding a post in the unit or any unit below it.
        public var total: Int
    }

    public struct UnitHeadcount: Hashable, Sendable {
        public var unit: UnitID
        public var before: Headcount?
        public var after: Headcount?
    }

    public struct Span: Hashable, Sendable {
        /// The head post.
        public var post: PostID
        public var person: PersonID?
        /// People reporting directly (solid lines, written or implied) before and after.
        public var before: Int?
        public var after: Int?
    }

    public struct ChainChange: Hashable, Sendable {
        public var person: PersonID
        /// The people above them, nearest first (nil for a vacant post).
        public var before: [PersonID?]
        public var after: [PersonID?]
    }

    /// Every unit of either version, in the new version's order, then units that went.
    public var headcount: [UnitHeadcount]
    /// The heads whose span changed.
    public var spans: [Span]
    public var layersBefore: Int
    public var layersAfter: Int
    public var chains: [ChainChange]

    /// Compares two versions whose ids correspond (match ids first, as ``Org/difference(from:)`` does).
    /// - Complexity: O(*n* · *d*), *d* the longest chain.
    public init(before: Org, after: Org) {
        self.init(before: before, after: after, sources: (QuerySource(org: before), QuerySource(org: after)))
    }

    /// With the two versions' sources, built already.
    init(before: Org, after: Org, sources: (before: QuerySource, after: QuerySource)) {
        let (oldSource, newSource) = sources
        func byUnit(_ source: QuerySource) -> [UnitID: Headcount] {
            Dictionary(zip(source.core.unitIDs.map { UnitID($0) }, source.headcounts()), uniquingKeysWith: { first, _ in first })
        }
        func byPost(_ source: QuerySource) -> [PostID: Int] {
            var spans: [PostID: Int] = [:]
            for (row, span) in source.spans().enumerated() { if let span { spans[PostID(source.core.postIDs[row])] = span } }
            return spans
        }
        let oldCounts = byUnit(oldSource)
        let newCounts = byUnit(newSource)
        var headcount: [UnitHeadcount] = after.units.keys.map { UnitHeadcount(unit: $0, before: oldCounts[$0], after: newCounts[$0]) }
        headcount += before.units.keys.filter { after.units[$0] == nil }.map { UnitHeadcount(unit: $0, before: oldCounts[$0], after: nil) }
        self.headcount = headcount

        let oldSpans = byPost(oldSource)
        let newSpans = byPost(newSource)
        var spans: [Span] = []
        for post in after.posts.values where post.isHead || oldSpans[post.id] != nil {
            let b = oldSpans[post.id]
            let a = post.isHead ? newSpans[post.id] ?? 0 : nil
            if b != a { spans.append(Span(post: post.id, person: post.holders.first, before: b, after: a)) }
        }
        for post in before.posts.values where post.isHead && after.posts[post.id] == nil {
            spans.append(Span(post: post.id, person: post.holders.first, before: oldSpans[post.id], after: nil))
        }
        self.spans = spans

        // Chains from each version's core index: O(depth) a person, in integers.
        func primary(_ source: QuerySource, _ person: PersonID) -> Int? {
            guard let (kind, row) = source.core.element(person.rawValue), kind == .person, source.core.primary[row] >= 0 else { return nil }
            return Int(source.core.primary[row])
        }
        func above(_ source: QuerySource, _ post: Int) -> [PersonID?] {
            source.hierarchy.chain(of: post).dropFirst().map { row in
                let holder = source.core.firstHolder(row)
                return holder >= 0 ? PersonID(source.core.personIDs[Int(holder)]) : nil
            }
        }
        func layers(_ source: QuerySource) -> Int {
            source.core.primary.reduce(0) { deepest, post in post >= 0 ? max(deepest, Int(source.hierarchy.depth[Int(post)]) + 1) : deepest }
        }
        var chains: [ChainChange] = []
        let layersBefore = layers(oldSource)
        let layersAfter = layers(newSource)
        for person in after.people.keys {
            guard let a = primary(oldSource, person), let b = primary(newSource, person) else { continue }
            let old = above(oldSource, a), new = above(newSource, b)
            if old != new { chains.append(ChainChange(person: person, before: old, after: new)) }
        }
        self.layersBefore = layersBefore
        self.layersAfter = layersAfter
        self.chains = chains
    }
}

/// A comparison of two versions: the changes and their impact.
public struct OrgDiff: Sendable {
    public var changeset: Changeset
    public var impact: Impact
    /// The old version with the ids of content-matched elements changed to the new ones.
    public var before: Org
    public var after: Org
    /// The two versions' cores, built once for the impact and for printing.
    public let beforeSource: QuerySource
    public let afterSource: QuerySource

    /// Compares `old` with `new`.
    public init(from old: Org, to new: Org) {
        self.init(from: (old, OrgCore(old)), to: (new, OrgCore(new)))
    }

    /// Compares two versions whose cores are built already, as loading an org builds one
    /// (``LoadedOrg/core``).
    public init(from old: (org: Org, core: OrgCore), to new: (org: Org, core: OrgCore)) {
        afterSource = QuerySource(core: new.core)
        var builder = DiffBuilder(old: old.org, new: new.org, newIndex: OrgIndex(new.org, source: afterSource))
        changeset = builder.build()
        let renames = changeset.changes.compactMap(\.op.idChange)
        var renamed = old.org
        var failed = 0
        do {
            try renamed.changeIDs(renames, failed: &failed)
        } catch {
            assertionFailure("a rename the diff found does not apply: \(error)")
        }
        var renamedCore = old.core
        renamedCore.changeIDs(renames.compactMap { change in
            guard case .text(let id)? = change.to else { return nil }
            return (change.target, id)
        })
        before = renamed
        after = new.org
        beforeSource = QuerySource(core: renamedCore)
        impact = Impact(before: renamed, after: new.org, sources: (beforeSource, afterSource))
    }
}
