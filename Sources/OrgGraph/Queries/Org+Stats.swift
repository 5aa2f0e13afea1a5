/// Figures that describe an org's shape.
public struct OrgStats: Sendable {
    public struct UnitCount: Hashable, Sendable {
        public var unit: UnitID
        /// Levels below the top of the unit tree (0 for a top unit).
        public var depth: Int
        public var direct: Int
        public var total: Int
    }

    public struct Span: Hashable, Sendable {
        public var post: PostID
        /// The post's unit: the unit it heads, for a head.
        public var unit: UnitID
        public var holders: [PersonID]
        /// People in posts reporting directly to the post (solid lines, written or implied).
        public var reports: Int
        /// Whether the post heads its unit.
        public var isHead: Bool
    }

    public struct Headship: Hashable, Sendable {
        public var person: PersonID
        /// Units whose head post they hold.
        public var units: [UnitID]
    }

    public var people: Int
    public var posts: Int
    public var units: Int
    public var headcount: [UnitCount]
    /// Spans of control of every manager (a post with a post under it) and every unit head, in
    /// post order.
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
    /// Posts whose span is above the threshold.
    public var wideSpans: [Span] { spans.filter { $0.reports > spanThreshold } }
}

extension Org {
    /// Headcounts, spans of control, layers, vacancies, people with several posts, dotted lines,
    /// inferred facts and who heads the most units, as ``QuerySource/stats(spanThreshold:)``
    /// finds them.
    ///
    /// Builds an ``OrgCore``; to ask many questions of one org, ask a ``QuerySource``.
    /// - Complexity: O(*n* · *d*).
    public func stats(spanThreshold: Int = 8) -> OrgStats {
        QuerySource(org: self).stats(spanThreshold: spanThreshold)
    }
}
