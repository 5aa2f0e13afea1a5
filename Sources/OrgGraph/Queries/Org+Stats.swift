/// Figures that describe an org's shape.
public struct OrgStats: Sendable {
    public struct UnitCount: Hashable, Sendable {
        public var unit: UnitID
        public var direct: Int
        public var total: Int
    }

    public struct Span: Hashable, Sendable {
        public var post: PostID
        public var unit: UnitID
        public var holders: [PersonID]
        /// People in posts reporting directly to the head post (solid lines).
        public var reports: Int
    }

    public struct Headship: Hashable, Sendable {
        public var person: PersonID
        /// Units whose head post they hold.
        public var units: [UnitID]
    }

    public var headcount: [UnitCount]
    /// Spans of control of every unit's head, in unit order.
    public var spans: [Span]
    public var spanThreshold: Int
    /// The deepest reporting chain, in posts.
    public var layers: Int
    public var vacantPosts: [PostID]
    /// People holding more than one post, with those posts.
    public var multiplePosts: [(person: PersonID, posts: [PostID])]
    public var dottedLines: Int
    /// Elements and lines marked `confidence: inferred`.
    public var inferredFacts: Int
    /// People who head units, those heading the most first.
    public var headships: [Headship]

    public var spanMinimum: Int? { spans.map(\.reports).min() }
    public var spanMaximum: Int? { spans.map(\.reports).max() }
    public var spanMedian: Double? {
        let sorted = spans.map(\.reports).sorted()
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
    }
    /// Heads whose span is above the threshold.
    public var wideSpans: [Span] { spans.filter { $0.reports > spanThreshold } }
}

extension Org {
    /// Headcounts, spans of control, layers, vacancies, people with several posts, dotted lines,
    /// inferred facts and who heads the most units.
    ///
    /// - Parameter spanThreshold: spans above this are listed as wide.
    /// - Complexity: O(*n* · *d*).
    public func stats(spanThreshold: Int = 8) -> OrgStats {
        let index = OrgIndex(self)
        let counts = Impact.headcounts(self, index)
        let spanCounts = Impact.spans(self, index)
        var headships: [PersonID: [UnitID]] = [:]
        var spans: [OrgStats.Span] = []
        for unit in units.keys {
            guard let head = index.headPost[unit], let post = posts[head] else { continue }
            spans.append(OrgStats.Span(post: head, unit: unit, holders: post.holders, reports: spanCounts[head] ?? 0))
            for holder in post.holders { headships[holder, default: []].append(unit) }
        }
        var layers = 0
        for post in posts.keys { layers = max(layers, index.reportingChain(from: post).count) }
        var inferred = 0
        inferred += units.values.filter { $0.provenance.isInferred }.count
        inferred += people.values.filter { $0.provenance.isInferred }.count
        for post in posts.values {
            if post.provenance.isInferred { inferred += 1 }
            if post.reportsTo?.provenance.isInferred == true { inferred += 1 }
            inferred += post.dotted.filter { $0.provenance.isInferred }.count
        }
        let order = Dictionary(uniqueKeysWithValues: people.keys.enumerated().map { ($0.element, $0.offset) })
        return OrgStats(
            headcount: units.keys.map { OrgStats.UnitCount(unit: $0, direct: counts[$0]?.direct ?? 0, total: counts[$0]?.total ?? 0) },
            spans: spans,
            spanThreshold: spanThreshold,
            layers: layers,
            vacantPosts: posts.values.filter(\.isVacant).map(\.id),
            multiplePosts: people.keys.compactMap { person in
                let held = index.posts[person] ?? []
                return held.count > 1 ? (person, held) : nil
            },
            dottedLines: posts.values.reduce(0) { $0 + $1.dotted.count },
            inferredFacts: inferred,
            headships: headships.map { OrgStats.Headship(person: $0.key, units: $0.value) }
                .sorted { ($1.units.count, order[$0.person] ?? 0) < ($0.units.count, order[$1.person] ?? 0) })
    }
}
