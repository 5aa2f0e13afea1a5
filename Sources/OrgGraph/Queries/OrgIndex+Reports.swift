/// A post that reports to another, and how.
public struct Report: Hashable, Sendable {
    /// The reporting post.
    public var post: PostID
    /// The post it reports to.
    public var manager: PostID
    /// `explicit` or `implied` for a solid line; nil for a dotted line.
    public var link: LinkKind?
    /// Levels below the post asked about (1 for a direct report).
    public var depth: Int

    /// Whether the post reports by a dotted line (``Report/link`` is nil).
    public var isDotted: Bool { link == nil }
}

/// The first post above two others, and the two chains that meet there.
public struct CommonManager: Hashable, Sendable {
    /// The common post: the first that both chains reach.
    public var post: PostID
    /// From the first person's post up to the common post, both included.
    public var firstChain: [ChainStep]
    /// From the second person's post up to the common post, both included.
    public var secondChain: [ChainStep]
}

extension OrgIndex {
    /// The direct reports of a post, with dotted-line reports when asked; then, with `depth`
    /// above 1 (nil for no limit), theirs, as ``QuerySource/reports(of:depth:includeDotted:)``
    /// lists them.
    public func reports(of post: PostID, depth: Int? = 1, includeDotted: Bool = false) -> [Report] {
        source.reports(of: post, depth: depth, includeDotted: includeDotted)
    }

    /// The first post that both posts' chains reach, with the two chains up to it, as
    /// ``QuerySource/common(_:_:)`` finds it.
    public func firstCommonManager(of first: PostID, firstHolder: PersonID? = nil, and second: PostID,
                                   secondHolder: PersonID? = nil) -> CommonManager? {
        source.common((first, firstHolder), (second, secondHolder))
    }
}

extension Org {
    /// The people and posts reporting directly to a person's primary post.
    ///
    /// Builds an ``OrgIndex``; use the index to ask many questions of one org.
    /// - Complexity: O(*n* · *d*).
    public func directReports(of person: PersonID) -> [Report] {
        let index = OrgIndex(self)
        guard let post = index.primaryPost(of: person) else { return [] }
        return index.reports(of: post)
    }

    /// The first manager two people share, from their primary posts.
    ///
    /// - Complexity: O(*n*) to index, then O(*c₁* + *c₂*).
    public func firstCommonManager(of first: PersonID, and second: PersonID) -> CommonManager? {
        let index = OrgIndex(self)
        guard let a = index.primaryPost(of: first), let b = index.primaryPost(of: second) else { return nil }
        return index.firstCommonManager(of: a, firstHolder: first, and: b, secondHolder: second)
    }
}
