/// A post that reports to another, and how.
public struct Report: Hashable, Sendable {
    public var post: PostID
    /// The post it reports to.
    public var manager: PostID
    /// `explicit` or `implied` for a solid line; nil for a dotted line.
    public var link: LinkKind?
    /// Levels below the post asked about (1 for a direct report).
    public var depth: Int

    public var isDotted: Bool { link == nil }
}

/// The first post above two others, and the two chains that meet there.
public struct CommonManager: Hashable, Sendable {
    public var post: PostID
    /// From the first person's post up to the common post, both included.
    public var firstChain: [ChainStep]
    /// From the second person's post up to the common post, both included.
    public var secondChain: [ChainStep]
}

extension OrgIndex {
    /// Posts whose solid line (written or implied) goes to each post, in file order.
    ///
    /// - Complexity: O(*n* · *d*) to build; build it once per question batch.
    public func solidReports() -> [PostID: [(PostID, LinkKind)]] {
        var reports: [PostID: [(PostID, LinkKind)]] = [:]
        for post in org.posts.keys {
            if let (superior, link) = superior(of: post) { reports[superior, default: []].append((post, link)) }
        }
        return reports
    }

    /// The direct reports of a post, with dotted-line reports when asked; then, with `depth`
    /// above 1 (nil for no limit), theirs: each report followed by its own, as in an outline.
    ///
    /// - Complexity: O(*n* · *d*) to index the lines, then O(*r*) for *r* reports.
    public func reports(of post: PostID, depth: Int? = 1, includeDotted: Bool = false) -> [Report] {
        let solid = solidReports()
        var dotted: [PostID: [PostID]] = [:]
        if includeDotted {
            for candidate in org.posts.values {
                for line in candidate.dotted { dotted[line.to, default: []].append(candidate.id) }
            }
        }
        var result: [Report] = []
        var seen: Set<PostID> = [post]
        // Depth first, children in file order; dotted-line reports are listed, not followed.
        var stack: [Report] = []
        func push(_ manager: PostID, level: Int) {
            guard depth.map({ level <= $0 }) ?? true else { return }
            var children: [Report] = (solid[manager] ?? []).map { Report(post: $0.0, manager: manager, link: $0.1, depth: level) }
            children += (dotted[manager] ?? []).map { Report(post: $0, manager: manager, link: nil, depth: level) }
            stack.append(contentsOf: children.reversed())
        }
        push(post, level: 1)
        while let report = stack.popLast() {
            if report.isDotted {
                result.append(report)
                continue
            }
            guard seen.insert(report.post).inserted else { continue }
            result.append(report)
            push(report.post, level: report.depth + 1)
        }
        return result
    }

    /// The first post that both posts' chains reach, with the two chains up to it.
    ///
    /// - Complexity: O(*c₁* + *c₂*), the lengths of the two chains.
    public func firstCommonManager(of first: PostID, firstHolder: PersonID? = nil, and second: PostID,
                                   secondHolder: PersonID? = nil) -> CommonManager? {
        let a = reportingChain(from: first, holder: firstHolder)
        let b = reportingChain(from: second, holder: secondHolder)
        let inB = Dictionary(b.enumerated().map { ($0.element.post, $0.offset) }, uniquingKeysWith: { x, _ in x })
        for (index, step) in a.enumerated() {
            if let other = inB[step.post] {
                return CommonManager(post: step.post, firstChain: Array(a[...index]), secondChain: Array(b[...other]))
            }
        }
        return nil
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
