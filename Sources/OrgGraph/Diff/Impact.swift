/// What a change did to the shape of an org: headcounts, spans of control, layers, and whose
/// reporting chain is different.
public struct Impact: Hashable, Sendable {
    /// People in posts of a unit, each counted once, as ``QuerySource/headcounts()`` counts them.
    public struct Headcount: Hashable, Sendable {
        /// People holding a post in the unit itself.
        public var direct: Int
        /// People holding a post in the unit or any unit below it.
        public var total: Int
    }

    /// A unit's headcount before and after the change.
    public struct UnitHeadcount: Hashable, Sendable {
        /// The unit.
        public var unit: UnitID
        /// The headcount in the old version; nil for a unit that was not in it.
        public var before: Headcount?
        /// The headcount in the new version; nil for a unit that went.
        public var after: Headcount?
    }

    /// A manager's or unit head's span of control, before and after the change.
    public struct Span: Hashable, Sendable {
        /// The head post.
        public var post: PostID
        /// The post's first holder in the new version (in the old one for a post removed); nil for a
        /// vacant post.
        public var person: PersonID?
        /// People reporting directly (solid lines, written or implied) before; nil for a post
        /// that is new.
        public var before: Int?
        /// The count after; nil for a post that was removed.
        public var after: Int?
    }

    /// A person whose chain of people above them changed.
    public struct ChainChange: Hashable, Sendable {
        /// The person, who holds a primary post in both versions.
        public var person: PersonID
        /// The people above them, nearest first (nil for a vacant post).
        public var before: [PersonID?]
        /// The people above them after the change, nearest first (nil for a vacant post).
        public var after: [PersonID?]
    }

    /// Every unit of either version, in the new version's order, then units that went.
    public var headcount: [UnitHeadcount]
    /// The heads whose span changed.
    public var spans: [Span]
    /// The deepest reporting chain from a person's primary post before the change, in posts.
    public var layersBefore: Int
    /// The deepest reporting chain from a person's primary post after the change, in posts.
    public var layersAfter: Int
    /// The people with a primary post in both versions whose chain of people above them changed,
    /// in the new version's order.
    public var chains: [ChainChange]

    /// Compares two versions whose ids correspond (match ids first, as ``Org/difference(from:)`` does).
    /// - Complexity: O(*n* · *d*), *d* the longest chain.
    public init(before: Org, after: Org) {
        let (old, new) = (QuerySource(org: before), QuerySource(org: after))
        self.init(before: old, Shape(old), after: new, Shape(new))
    }

    /// What the impact needs of one version that its ids do not change, by row: worked out for
    /// each version while the changes are found (``OrgDiff/init(from:to:)-(OrgCore,OrgCore)``).
    struct Shape: Sendable {
        var headcounts: [Headcount]
        var spans: [Int?]
        /// The deepest reporting chain from a person's primary post, in posts.
        var layers: Int

        init(_ source: QuerySource) {
            headcounts = source.headcounts()
            spans = source.spans()
            layers = source.core.primary.reduce(0) { deepest, post in post >= 0 ? max(deepest, Int(source.hierarchy.depth[Int(post)]) + 1) : deepest }
        }
    }

    /// Compares the two versions' cores, built already, and their shapes; every count, span and
    /// chain comes from them.
    init(before oldSource: QuerySource, _ oldShape: Shape, after newSource: QuerySource, _ newShape: Shape) {
        let (old, new) = (oldSource.core, newSource.core)
        func byUnit(_ core: OrgCore, _ shape: Shape) -> [UnitID: Headcount] {
            Dictionary(zip(core.unitIDs.map { UnitID($0) }, shape.headcounts), uniquingKeysWith: { first, _ in first })
        }
        func has(_ core: OrgCore, _ kind: OrgCore.Kind, _ id: String) -> Bool { core.element(id)?.kind == kind }
        func holder(_ core: OrgCore, _ post: Int) -> PersonID? {
            let first = core.firstHolder(post)
            return first >= 0 ? PersonID(core.personIDs[Int(first)]) : nil
        }
        let oldCounts = byUnit(old, oldShape)
        let newCounts = byUnit(new, newShape)
        var headcount: [UnitHeadcount] = new.unitIDs.map { UnitHeadcount(unit: UnitID($0), before: oldCounts[UnitID($0)], after: newCounts[UnitID($0)]) }
        headcount += old.unitIDs.filter { !has(new, .unit, $0) }.map { UnitHeadcount(unit: UnitID($0), before: oldCounts[UnitID($0)], after: nil) }
        self.headcount = headcount

        // Spans by row; a post is found in the other version by its id.
        let (oldSpans, newSpans) = (oldShape.spans, newShape.spans)

        // The posts with a span now (managers and heads), or before, in the new version's order;
        // then the posts removed that had one.
        var changed: [(row: Int, span: Span)] = []
        var oldPosts = KeptRows(of: .post, in: old)
        for row in new.postIDs.indices where newSpans[row] != nil {
            // A post that managed no one before has a span of 0 then; one that is new, none.
            let before = oldPosts.row(of: new.postIDs[row], from: row).map { oldSpans[$0] ?? 0 }
            if before != newSpans[row] { changed.append((row, Span(post: PostID(new.postIDs[row]), person: holder(new, row), before: before, after: newSpans[row]))) }
        }
        var removed: [Span] = []
        var newPosts = KeptRows(of: .post, in: new)
        for row in old.postIDs.indices where oldSpans[row] != nil {
            let post = PostID(old.postIDs[row])
            if let newRow = newPosts.row(of: post.rawValue, from: row) {
                if newSpans[newRow] == nil, oldSpans[row] != 0 { changed.append((newRow, Span(post: post, person: holder(new, newRow), before: oldSpans[row], after: 0))) }
            } else {
                removed.append(Span(post: post, person: holder(old, row), before: oldSpans[row], after: nil))
            }
        }
        let spans = changed.sorted { $0.row < $1.row }.map(\.span) + removed
        self.spans = spans

        // Chains from each version's core index: O(depth) a person, in integers.
        /// The old version's primary post of the person in the new one's row (rows asked in order).
        var oldPeople = KeptRows(of: .person, in: old)
        func oldPrimary(ofNew row: Int) -> Int? {
            guard let found = oldPeople.row(of: new.personIDs[row], from: row), old.primary[found] >= 0 else { return nil }
            return Int(old.primary[found])
        }
        func above(_ source: QuerySource, _ post: Int) -> [PersonID?] {
            source.hierarchy.chain(of: post).dropFirst().map { row in
                let holder = source.core.firstHolder(row)
                return holder >= 0 ? PersonID(source.core.personIDs[Int(holder)]) : nil
            }
        }
        // Whether the people above an old post and a new one are the same, found once for each
        // pair of posts on the way up: O(n) in all, not O(n · depth), for chains that did not change.
        // Kept by the old post; an old post paired with a second new one (rare) is kept by the pair.
        var partner = [Int32](repeating: -1, count: old.postIDs.count)
        var partnerSame = [Bool](repeating: false, count: old.postIDs.count)
        var otherPairs: [Int: Bool] = [:]
        func known(_ x: Int, _ y: Int) -> Bool? {
            if partner[x] == Int32(y) { return partnerSame[x] }
            return partner[x] < 0 ? nil : otherPairs[x << 32 | y]
        }
        func remember(_ x: Int, _ y: Int, _ result: Bool) {
            if partner[x] < 0 || partner[x] == Int32(y) {
                partner[x] = Int32(y)
                partnerSame[x] = result
            } else {
                otherPairs[x << 32 | y] = result
            }
        }
        var path: [(Int, Int)] = []
        func sameAbove(_ a: Int, _ b: Int) -> Bool {
            path.removeAll(keepingCapacity: true)
            var (x, y) = (a, b)
            var result: Bool
            while true {
                if let known = known(x, y) {
                    result = known
                    break
                }
                path.append((x, y))
                let (up, down) = (Int(oldSource.hierarchy.parent[x]), Int(newSource.hierarchy.parent[y]))
                if up < 0 || down < 0 {
                    result = up < 0 && down < 0
                    break
                }
                let (was, now) = (old.firstHolder(up), new.firstHolder(down))
                if (was < 0) != (now < 0) || (was >= 0 && old.personIDs[Int(was)] != new.personIDs[Int(now)]) {
                    result = false
                    break
                }
                (x, y) = (up, down)
            }
            for (x, y) in path { remember(x, y, result) }
            return result
        }
        var chains: [ChainChange] = []
        for row in new.personIDs.indices where new.primary[row] >= 0 {
            let b = Int(new.primary[row])
            guard let a = oldPrimary(ofNew: row), !sameAbove(a, b) else { continue }
            chains.append(ChainChange(person: PersonID(new.personIDs[row]), before: above(oldSource, a), after: above(newSource, b)))
        }
        layersBefore = oldShape.layers
        layersAfter = newShape.layers
        self.chains = chains
    }
}

/// A comparison of two versions: the changes and their impact.
public struct OrgDiff: Sendable {
    /// The changes that turn the old version into the new one.
    public var changeset: Changeset
    /// What the changes did to the org's shape.
    public var impact: Impact
    /// The two versions' cores, the old one with the ids of content-matched elements changed to
    /// the new ones: for the impact and for printing.
    public let beforeSource: QuerySource
    /// The new version's core, ready for questions.
    public let afterSource: QuerySource

    /// Compares `old` with `new`.
    public init(from old: Org, to new: Org) {
        self.init(from: OrgCore(old), to: OrgCore(new))
    }

    /// Compares two versions' cores, as loading an org builds them: only what differs, and what
    /// it touches, is made into values (`DiffScope`).
    public init(from old: OrgCore, to new: OrgCore) {
        let (before, after) = SideBySide.both { QuerySource(core: old) } _: { QuerySource(core: new) }
        self.init(from: before, to: after)
    }

    /// Compares two versions loaded for questions, their hierarchies built already.
    /// - Parameters:
    ///   - old: the earlier version.
    ///   - new: the later version.
    ///   - alongside: work that needs only the impact and the old version (under its new ids),
    ///     such as the text of the chains that changed: run once the impact is made, on its
    ///     processor, while the changes are still being found on the other.
    public init(from old: QuerySource, to new: QuerySource, alongside: (@Sendable (Impact, _ before: QuerySource) -> Void)? = nil) {
        // The ids content matching changes first, then each version's shape, side by side; then
        // the rest of the changes here, one after another, and on another processor meanwhile
        // the impact, which needs nothing else of them.
        var builder: DiffBuilder? = DiffBuilder(from: old.core, to: new.core, newSource: new)
        let renames = builder!.matchIDs()
        let shapes = SideBySide.both { Impact.Shape(old) } _: { Impact.Shape(new) }
        let (changeset, (beforeSource, impact)) = SideBySide.both {
            let changeset = builder!.changeset()
            // Freed here, while the other processor may still be at work.
            builder = nil
            return changeset
        } _: {
            var renamed = old.core
            renamed.changeIDs(renames)
            let beforeSource = QuerySource(core: renamed, hierarchy: old.hierarchy)
            let impact = Impact(before: beforeSource, shapes.0, after: new, shapes.1)
            alongside?(impact, beforeSource)
            return (beforeSource, impact)
        }
        self.changeset = changeset
        self.afterSource = new
        self.beforeSource = beforeSource
        self.impact = impact
    }
}
