/// Questions about the shape of the whole org (headcounts, spans, stats, heads) and search,
/// answered from the core in linear time.
extension QuerySource {
    /// People in posts of each unit, by unit row: in the unit itself, and in it or any unit
    /// below, each person counted once however many posts they hold there. People who have
    /// left (`departed`) are not counted.
    /// - Complexity: O(*n*), plus O(*d*) for each person with posts in several units *d* deep.
    public func headcounts() -> [Impact.Headcount] {
        let units = core.unitIDs.count
        var direct = [Int](repeating: 0, count: units)
        // People whose posts are all in one unit, counted there, then summed up the tree.
        var below = [Int](repeating: 0, count: units)
        // People with posts in several units, counted once in each unit above any of them.
        var spread = [Int](repeating: 0, count: units)
        // The last person counted in each unit, so that a person with several posts counts once.
        var directStamp = [Int32](repeating: -1, count: units)
        var totalStamp = [Int32](repeating: -1, count: units)
        let held = core.postsByPerson()
        for person in core.personIDs.indices where core.personStatus[person].expectsPost {
            let stamp = Int32(person)
            var first: Int32 = -1, several = false
            for post in held.posts(of: person) {
                let unit = core.postUnit[Int(post)]
                guard unit >= 0 else { continue }
                if directStamp[Int(unit)] != stamp {
                    directStamp[Int(unit)] = stamp
                    direct[Int(unit)] += 1
                    if first >= 0 { several = true } else { first = unit }
                }
            }
            guard first >= 0 else { continue }
            guard several else {
                below[Int(first)] += 1
                continue
            }
            for post in held.posts(of: person) {
                // Up the tree until a unit already counted for them (which also ends a unit cycle).
                var unit = core.postUnit[Int(post)]
                while unit >= 0, totalStamp[Int(unit)] != stamp {
                    totalStamp[Int(unit)] = stamp
                    spread[Int(unit)] += 1
                    unit = core.unitParent[Int(unit)]
                }
            }
        }
        // Deepest units first, each adding its sum to its parent's (in a unit cycle, an error,
        // the line from the top of the cycle back down is not followed).
        let depth = HierarchyIndex.depths(core.unitParent)
        var byDepth = [[Int32]](repeating: [], count: (depth.max().map(Int.init) ?? 0) + 1)
        for unit in 0..<units { byDepth[Int(depth[unit])].append(Int32(unit)) }
        for level in byDepth.reversed() {
            for unit in level {
                let parent = Int(core.unitParent[Int(unit)])
                if parent >= 0, depth[parent] < depth[Int(unit)] { below[parent] += below[Int(unit)] }
            }
        }
        return (0..<units).map { Impact.Headcount(direct: direct[$0], total: below[$0] + spread[$0]) }
    }

    /// The span of control of each manager and unit head, by post row: the people holding posts
    /// whose solid line (written or implied) goes to it, each counted once, and not its holders
    /// themselves (the reports of their other posts under it count instead); nil for a post that
    /// heads no unit and has no post under it.
    /// - Complexity: O(*n*).
    public func spans() -> [Int?] {
        var stamp = [Int32](repeating: -1, count: core.personIDs.count)
        return core.postIDs.indices.map { post -> Int? in
            guard core.postIsHead[post] || !hierarchy.children(of: post).isEmpty else { return nil }
            var count = 0
            for report in reportRows(of: post) {
                for holder in core.holders(of: Int(report)) where stamp[Int(holder)] != Int32(post) {
                    stamp[Int(holder)] = Int32(post)
                    count += 1
                }
            }
            return count
        }
    }

    /// Headcounts, spans of control, layers, vacancies, people with several posts, dotted lines,
    /// inferred facts and who heads the most units.
    ///
    /// - Parameter spanThreshold: spans above this are listed as wide.
    /// - Complexity: O(*n* · *d*) for units *d* deep; the rest is linear.
    public func stats(spanThreshold: Int = 8) -> OrgStats {
        let counts = headcounts()
        let spanCounts = spans()
        let unitDepth = HierarchyIndex.depths(core.unitParent)
        let unitID = { (row: Int) in UnitID(core.unitIDs[row]) }
        let postID = { (row: Int) in PostID(core.postIDs[row]) }
        let personID = { (row: Int32) in PersonID(core.personIDs[Int(row)]) }

        var spans: [OrgStats.Span] = []
        for (post, count) in spanCounts.enumerated() {
            guard let count else { continue }
            let unit = Int(core.postUnit[post])
            spans.append(OrgStats.Span(post: postID(post), unit: unit >= 0 ? unitID(unit) : UnitID(core.danglingUnit[Int32(post)] ?? ""),
                                       holders: core.holders(of: post).map(personID), reports: count, isHead: core.postIsHead[post]))
        }
        var headed: [Int32: [Int]] = [:]
        for unit in core.unitIDs.indices {
            let head = Int(core.unitHead[unit])
            guard head >= 0 else { continue }
            for holder in core.holders(of: head) { headed[holder, default: []].append(unit) }
        }
        let held = core.postsByPerson()
        var inferred = core.provenance.values.filter(\.isInferred).count
        inferred += core.lineProvenance.values.filter(\.isInferred).count
        inferred += core.dottedProvenance.values.reduce(0) { $0 + $1.filter(\.isInferred).count }
        return OrgStats(
            people: core.personIDs.count, posts: core.postIDs.count, units: core.unitIDs.count,
            // As an outline of the unit tree: each unit under its parent.
            headcount: HierarchyIndex(parent: core.unitParent, lifting: false).outline().map {
                let parent = Int(core.unitParent[$0])
                return OrgStats.UnitCount(unit: unitID($0), parent: parent >= 0 ? unitID(parent) : nil, depth: Int(unitDepth[$0]),
                                          direct: counts[$0].direct, total: counts[$0].total)
            },
            spans: spans,
            spanThreshold: spanThreshold,
            layers: hierarchy.depth.reduce(0) { max($0, Int($1) + 1) },
            vacantPosts: core.postIDs.indices.filter { core.holderStart[$0] == core.holderStart[$0 + 1] }.map(postID),
            multiplePosts: core.personIDs.indices.compactMap { person in
                let posts = held.posts(of: person)
                return posts.count > 1 ? (personID(Int32(person)), posts.map { postID(Int($0)) }) : nil
            },
            dottedLines: core.dotted.values.reduce(0) { $0 + $1.count },
            inferredFacts: inferred,
            headships: headed.sorted { ($1.value.count, $0.key) < ($0.value.count, $1.key) }
                .map { OrgStats.Headship(person: personID($0.key), units: $0.value.map(unitID)) })
    }

    /// An org holding what the figures print by name: every unit, and the people heading wide
    /// spans, heading the most units or holding several posts.
    public func org(for stats: OrgStats) -> Org {
        var people = stats.wideSpans.flatMap(\.holders) + stats.headships.prefix(5).map(\.person)
        people += stats.multiplePosts.map(\.person)
        return core.org(units: Array(core.unitIDs.indices), posts: [], people: people.compactMap { core.element($0.rawValue)?.row })
    }

    /// Who heads each unit (by unit row), and the post its holders report to (past the posts
    /// they hold themselves).
    /// - Complexity: O(1) a unit.
    public func head(ofUnit unit: Int) -> UnitHead {
        let post = Int(core.unitHead[unit])
        guard post >= 0 else { return UnitHead(unit: UnitID(core.unitIDs[unit]), post: nil, superior: nil) }
        let superior = superiorOfHolders(post)
        return UnitHead(unit: UnitID(core.unitIDs[unit]), post: PostID(core.postIDs[post]),
                        superior: superior.map { (PostID(core.postIDs[$0.row]), $0.link) })
    }

    /// An org holding what the heads of these units need to be printed: the units, their head
    /// posts and the posts those report to, with their holders.
    public func org(forHeads heads: [UnitHead]) -> Org {
        var posts: [PostID] = []
        for head in heads {
            if let post = head.post { posts.append(post) }
            if let superior = head.superior { posts.append(superior.post) }
        }
        return core.org(units: heads.compactMap { core.element($0.unit.rawValue)?.row }, posts: posts)
    }

    /// People, posts and units whose id, name (any language), alias or title contains `text`,
    /// ignoring case; best matches first (exact, then prefix, then substring, then text whose
    /// characters all appear in order, as Chinese names are often abbreviated), people before
    /// posts before units, then in file order.
    ///
    /// - Complexity: O(*n* · *m*) for *n* elements with ids of length *m*; each distinct name
    ///   or title is ranked once.
    public func find(_ text: String) -> [FindResult] {
        let ranker = FindRanker(text)
        guard !ranker.query.isEmpty else { return [] }
        // Read, never changed, by the pieces worked out side by side.
        let shared = ReadOnly((core, ranker))
        // Each distinct text once: its best rank and the value that has it.
        let textRank = SideBySide.pieces(core.texts.count, size: Self.findPiece) { range in
            let (core, ranker) = shared.value
            return range.map { ranker.best(core.texts[$0].values.values) }
        }.flatMap { $0 }
        let ranks = ReadOnly(textRank)
        // The matches among the rows of one kind, in row order.
        func matches(_ kind: OrgCore.Kind, _ count: Int) -> [FindResult] {
            SideBySide.pieces(count, size: Self.findPiece) { range -> [FindResult] in
                let (core, ranker) = shared.value
                var found: [FindResult] = []
                for row in range {
                    let (id, text, more): (String, Int32, [String])
                    switch kind {
                    case .person: (id, text, more) = (core.personIDs[row], core.personName[row], core.personAliases[Int32(row)] ?? [])
                    case .post: (id, text, more) = (core.postIDs[row], core.postTitle[row], [])
                    case .unit: (id, text, more) = (core.unitIDs[row], core.unitName[row], [])
                    }
                    var best = ranker.rank(id).map { (rank: $0, value: id) }
                    if let named = ranks.value[Int(text)], best.map({ named.rank < $0.rank }) ?? true { best = named }
                    if let other = ranker.best(more), best.map({ other.rank < $0.rank }) ?? true { best = other }
                    guard let best else { continue }
                    let element: OrgElement = switch kind {
                    case .person: .person(PersonID(id))
                    case .post: .post(PostID(id))
                    case .unit: .unit(UnitID(id))
                    }
                    found.append(FindResult(element: element, matched: best.value, rank: best.rank))
                }
                return found
            }.flatMap { $0 }
        }
        // Best rank first; within a rank people, posts and units, each in file order, as found.
        let found = matches(.person, core.personIDs.count) + matches(.post, core.postIDs.count) + matches(.unit, core.unitIDs.count)
        return (0...FindRanker.worstRank).flatMap { rank in found.filter { $0.rank == rank } }
    }

    /// Rows a piece of a search ranks, side by side with the other pieces.
    private static let findPiece = 65_536

    /// An org holding the elements found, with the holders of posts, to print them.
    public func org(for results: [FindResult]) -> Org {
        var units: [Int] = [], posts: [PostID] = [], people: [Int] = []
        for result in results {
            guard let (kind, row) = core.element(result.element.id) else { continue }
            switch kind {
            case .unit: units.append(row)
            case .post: posts.append(PostID(core.postIDs[row]))
            case .person: people.append(row)
            }
        }
        return core.org(units: units, posts: posts, people: people)
    }
}

/// The head of a unit, and the post the head's post reports to.
public struct UnitHead: Sendable {
    /// The unit whose head this is.
    public var unit: UnitID
    /// The unit's head post; nil for a unit without one.
    public var post: PostID?
    /// The post the head post's holders report to, past the posts they hold themselves, and how the
    /// last line to it runs; nil for a unit without a head post, or a head at the top.
    public var superior: (post: PostID, link: LinkKind)?
}

/// How well a text matches a search, as ``QuerySource/find(_:)`` ranks it.
struct FindRanker {
    let query: String
    private let queryBytes: [UInt8]
    private let queryIsASCII: Bool
    /// Only ASCII or CJK characters, none of which an ASCII text can contain or match.
    private let queryCannotMatchASCII: Bool
    /// Scattered letters match too much in Latin text; a query with CJK characters allows them.
    private let allowsScattered: Bool

    init(_ text: String) {
        query = text.lowercased().trimmingCharacters(in: .whitespaces)
        queryBytes = Array(query.utf8)
        queryIsASCII = queryBytes.allSatisfy { $0 < 0x80 }
        allowsScattered = query.unicodeScalars.contains { $0.value >= 0x2E80 }
        queryCannotMatchASCII = !queryIsASCII && query.unicodeScalars.allSatisfy { $0.value < 0x80 || $0.value >= 0x2E80 }
    }

    /// The best rank among the values, and the first value that has it.
    func best<S: Sequence<String>>(_ values: S) -> (rank: Int, value: String)? {
        var best: (rank: Int, value: String)?
        for value in values where !value.isEmpty {
            if let r = rank(value), best.map({ r < $0.rank }) ?? true { best = (r, value) }
        }
        return best
    }

    /// The largest rank ``rank(_:)`` gives.
    static let worstRank = 3

    /// 0 exact, 1 prefix, 2 substring, 3 all its characters in order (CJK queries only); nil
    /// for no match. Case is ignored.
    func rank(_ candidate: String) -> Int? {
        var ascii = true
        for byte in candidate.utf8 where byte >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            if queryCannotMatchASCII { return nil }
            if queryIsASCII { return asciiRank(candidate) }
        }
        let lowered = candidate.lowercased()
        if lowered == query { return 0 }
        if lowered.hasPrefix(query) { return 1 }
        if lowered.contains(query) { return 2 }
        guard allowsScattered else { return nil }
        var rest = lowered[...]
        for character in query where !character.isWhitespace {
            guard let found = rest.firstIndex(of: character) else { return nil }
            rest = rest[rest.index(after: found)...]
        }
        return Self.worstRank
    }

    /// Exact, prefix or substring of an ASCII candidate, comparing lowercased bytes.
    private func asciiRank(_ candidate: String) -> Int? {
        let count = candidate.utf8.count
        guard count >= queryBytes.count else { return nil }
        return candidate.utf8.withContiguousStorageIfAvailable { bytes -> Int? in
            func lower(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
            func matches(at start: Int) -> Bool {
                for offset in queryBytes.indices where lower(bytes[start + offset]) != queryBytes[offset] { return false }
                return true
            }
            if matches(at: 0) { return count == queryBytes.count ? 0 : 1 }
            guard count > queryBytes.count else { return nil }
            for start in 1...(count - queryBytes.count) where matches(at: start) { return 2 }
            return nil
        } ?? {
            let lowered = candidate.lowercased()
            return lowered == query ? 0 : lowered.hasPrefix(query) ? 1 : lowered.contains(query) ? 2 : nil
        }()
    }
}
