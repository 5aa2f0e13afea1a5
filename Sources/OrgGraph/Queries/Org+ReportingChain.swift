/// One step of a reporting chain: a post, the person in it, and how it was reached.
public struct ChainStep: Hashable, Sendable {
    /// The post at this step.
    public var post: PostID
    /// The person in the post: the one asked about for the first step, else the first holder;
    /// nil for a vacant post.
    public var person: PersonID?
    /// How the previous step reports to this one; nil for the first step.
    public var link: LinkKind?

    /// Makes a step from its post, the person in it, and how the previous step reports to it.
    public init(post: PostID, person: PersonID?, link: LinkKind?) {
        self.post = post
        self.person = person
        self.link = link
    }
}

extension OrgIndex {
    /// The chain of solid lines from a post up to the top, starting with the post itself, as
    /// ``QuerySource/chain(from:holder:)`` gives it.
    /// - Complexity: O(*c*), *c* the chain's length.
    public func reportingChain(from post: PostID, holder: PersonID? = nil) -> [ChainStep] {
        source.chain(from: post, holder: holder)
    }

    /// The chain from a person's primary post to the top, or nil if they hold no post.
    ///
    /// - Complexity: as ``reportingChain(from:holder:)``.
    public func reportingChain(of person: PersonID) -> [ChainStep]? {
        guard let post = primaryPost(of: person) else { return nil }
        return reportingChain(from: post, holder: person)
    }
}

extension Org {
    /// The reporting chain of a person, from them to the top; nil if they hold no post.
    ///
    /// Builds an ``OrgIndex``; use the index directly to ask many questions of one org.
    /// - Complexity: O(*n*) to index, then as ``OrgIndex/reportingChain(from:holder:)``.
    public func reportingChain(of person: PersonID) -> [ChainStep]? {
        OrgIndex(self).reportingChain(of: person)
    }
}
