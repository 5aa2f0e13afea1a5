/// An element that matched a search, and how well.
public struct FindResult: Hashable, Sendable {
    /// The element that matched.
    public var element: OrgElement
    /// What matched: the id, a name, an alias or a title.
    public var matched: String
    /// Lower is better: 0 exact, 1 prefix, 2 substring, 3 all its characters in order.
    public var rank: Int
}

extension Org {
    /// People, posts and units whose id, name (any language), alias or title contains `text`,
    /// as ``QuerySource/find(_:)`` finds them.
    ///
    /// Builds an ``OrgCore``; to ask many questions of one org, ask a ``QuerySource``.
    /// - Complexity: O(*n* · *m*) for *n* elements with names of length *m*.
    public func find(_ text: String) -> [FindResult] {
        QuerySource(org: self).find(text)
    }
}
