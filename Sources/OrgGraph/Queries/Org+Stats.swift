/// Figures that describe an org's shape.
public struct OrgStats: Sendable {
    /// A unit's headcount, as ``QuerySource/headcounts()`` counts it, and its place in the unit tree.
    public struct UnitCount: Hashable, Sendable {
        /// The unit.
        public var unit: UnitID
        /// The unit it is in; nil for a top unit.
        public var parent: UnitID?
        /// Levels below the top of the unit tree (0 for a top unit).
        public var depth: Int
        /// People holding a post in the unit itself, each counted once.
        public var direct: Int
        /// People holding a post in the unit or any unit below it, each counted once.
        public var total: Int
    }

    /// The span of control of a manager (a post with a post under it) or a unit head.
    public struct Span: Hashable, Sendable {
        /// The manager's or head's post.
        public var post: PostID
        /// The post's unit: the unit it heads, for a head.
        public var unit: UnitID
        /// The people holding the post, in the order written; empty for a vacant post.
        public var holders: [PersonID]
        /// People in posts reporting directly to the post (solid lines, written or implied).
        public var reports: Int
        /// Whether the post heads its unit.
        public var isHead: Bool
    }

    /// A person who holds the head post of one or more units.
    public struct Headship: Hashable, Sendable {
        /// The person holding the head posts.
        public var person: PersonID
        /// Units whose head post they hold.
        public var units: [UnitID]
    }

    /// The number of people.
    public var people: Int
    /// The number of posts.
    public var posts: Int
    /// The number of units.
    public var units: Int
    /// The headcount of every unit, as an outline of the unit tree (each unit before the units
    /// in it, those in the order written).
    public var headcount: [UnitCount]
    /// Spans of control of every manager (a post with a post under it) and every unit head, in
    /// post order.
    public var spans: [Span]
    /// Spans above this are wide, as ``OrgStats/wideSpans`` lists them.
    public var spanThreshold: Int
    /// The deepest reporting chain, in posts.
    public var layers: Int
    /// Posts that no one holds, in post order.
    public var vacantPosts: [PostID]
    /// People holding more than one post, with those posts.
    public var multiplePosts: [(person: PersonID, posts: [PostID])]
    /// The number of dotted lines.
    public var dottedLines: Int
    /// Elements and lines marked `confidence: inferred`.
    public var inferredFacts: Int
    /// People who head units, those heading the most first.
    public var headships: [Headship]

    /// The smallest span in ``OrgStats/spans``; nil when there are none.
    public var spanMinimum: Int? { spans.map(\.reports).min() }
    /// The largest span in ``OrgStats/spans``; nil when there are none.
    public var spanMaximum: Int? { spans.map(\.reports).max() }
    /// The median span in ``OrgStats/spans`` (the mean of the middle two for an even count); nil
    /// when there are none.
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
