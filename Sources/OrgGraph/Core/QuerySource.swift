/// An org ready for questions: its ``OrgCore`` and a ``HierarchyIndex`` over its posts, built
/// once per load and shared by every question, whatever file the org came from.
public struct QuerySource: Sendable {
    /// The org, held compactly, that every question is answered from.
    public let core: OrgCore
    /// Posts are the index's nodes; a post's parent is the post it reports to.
    public let hierarchy: HierarchyIndex
    /// Where each element was written, when the reader kept it: for notes that point there.
    public let sourceMap: SourceMap?

    /// An org ready for questions, from its core; `sourceMap`, where known, places notes in the file.
    public init(core: OrgCore, sourceMap: SourceMap? = nil) {
        self.core = core
        self.sourceMap = sourceMap
        hierarchy = HierarchyIndex(parent: core.superior)
    }

    /// A core with its hierarchy, built already from the same lines (its ids may differ).
    init(core: OrgCore, hierarchy: HierarchyIndex, sourceMap: SourceMap? = nil) {
        precondition(hierarchy.parent.count == core.superior.count, "a hierarchy of another org")
        self.core = core
        self.hierarchy = hierarchy
        self.sourceMap = sourceMap
    }

    /// The org's core, built and checked once.
    public init(org: Org) {
        self.init(core: OrgCore(org))
    }

    /// What a name stands for, as ``OrgCore/lookup(_:)`` finds it.
    public func lookup(_ who: String) -> LookupResult { core.lookup(who) }

    /// A short description for lists of candidates, as ``OrgCore/describe(_:language:)`` gives it.
    public func describe(_ element: OrgElement) -> String { core.describe(element) }

    /// What a name given by a person stands for; when it names nothing, or several elements
    /// equally well, the error says so, with a note for each candidate (or near name) at the
    /// place it is written where that is known.
    public func element(named who: String) throws(DiagnosticError) -> OrgElement {
        func note(_ prefix: String, _ element: OrgElement, _ suffix: String = "") -> Diagnostic.Note {
            Diagnostic.Note("\(prefix) \(describe(element))\(suffix)", at: sourceMap?.location(of: element.id))
        }
        switch lookup(who) {
        case .found(let element):
            return element
        case .ambiguous(let candidates):
            throw DiagnosticError(Diagnostic(.error, "'\(who)' is ambiguous; name one by its id", at: nil,
                                             notes: candidates.map { note("it could be", $0) }))
        case .notFound(let suggestions):
            throw DiagnosticError(Diagnostic(.error, "no person, post or unit '\(who)'", at: nil,
                                             notes: suggestions.map { note("did you mean", $0, "?") }))
        }
    }

    /// The post a name (id, name or alias) stands for, as ``post(for:)`` finds it; an unknown
    /// or ambiguous name, a unit with no head and a person with no post are each a diagnostic.
    public func post(named who: String) throws(DiagnosticError) -> (post: PostID, person: PersonID?) {
        let (post, person) = try postRow(named: who)
        return (PostID(core.postIDs[post]), person.map { PersonID(core.personIDs[$0]) })
    }

    /// The rows of ``post(named:)``: the post's, and its person's if any.
    func postRow(named who: String) throws(DiagnosticError) -> (post: Int, person: Int?) {
        let element = try element(named: who)
        guard let rows = core.postRow(for: element) else {
            throw DiagnosticError(.error(element.kindName == "unit" ? "unit '\(element.id)' has no head; name a person or a post" : "'\(element.id)' holds no post", at: nil))
        }
        return rows
    }

    /// The posts each of these people holds, in file order (none for an id that is no person's).
    /// - Complexity: O(*n*) in posts and holders, once for all of them.
    public func posts(of people: [PersonID]) -> [PersonID: [PostID]] {
        var wanted: [Int32: PersonID] = [:]
        for person in people {
            if let (kind, row) = core.element(person.rawValue), kind == .person { wanted[Int32(row)] = person }
        }
        var posts: [PersonID: [PostID]] = [:]
        guard !wanted.isEmpty else { return posts }
        for post in core.postIDs.indices {
            for holder in core.holders(of: post) {
                if let person = wanted[holder] { posts[person, default: []].append(PostID(core.postIDs[post])) }
            }
        }
        return posts
    }

    /// The post that stands for an element: a person's primary post, a post, a unit's head.
    public func post(for element: OrgElement) -> (post: PostID, person: PersonID?)? {
        core.postRow(for: element).map { (PostID(core.postIDs[$0.post]), $0.person.map { PersonID(core.personIDs[$0]) }) }
    }

    /// A chain of post rows as steps: the person asked about first, then each post's first holder.
    private func steps(_ rows: [Int], holder: PersonID?) -> [ChainStep] {
        rows.enumerated().map { offset, row in
            let first = core.firstHolder(row)
            return ChainStep(post: PostID(core.postIDs[row]),
                             person: offset == 0 && holder != nil ? holder : first >= 0 ? PersonID(core.personIDs[Int(first)]) : nil,
                             link: offset == 0 ? nil : core.link(from: rows[offset - 1]))
        }
    }

    /// The reporting chain from a post to the top.
    /// - Complexity: O(*depth*).
    public func chain(from post: PostID, holder: PersonID?) -> [ChainStep] {
        guard let start = core.postRow(post) else { return [] }
        return steps(hierarchy.chain(of: start), holder: holder)
    }

    /// The reports of a post, with dotted-line reports when asked; then, with `depth` above 1
    /// (nil for no limit), theirs: each report followed by its own, as in an outline. Depth
    /// first, children in file order; dotted-line reports are listed, not followed.
    /// - Complexity: O(*r*) for *r* reports, plus O(*dotted lines*) with `includeDotted`.
    public func reports(of post: PostID, depth: Int?, includeDotted: Bool) -> [Report] {
        guard let start = core.postRow(post) else { return [] }
        let dotted = includeDotted ? core.dottedReports() : [:]
        var result: [Report] = []
        // Each report with its post's row: followed by row, never found again by its id.
        var stack: [(report: Report, row: Int)] = []
        func push(_ manager: Int, level: Int) {
            guard depth.map({ level <= $0 }) ?? true else { return }
            var children = reportRows(of: manager).map { row in
                (Report(post: PostID(core.postIDs[Int(row)]), manager: PostID(core.postIDs[Int(hierarchy.parent[Int(row)])]),
                        link: core.link(from: Int(row)), depth: level), Int(row))
            }
            let managerID = PostID(core.postIDs[manager])
            children += (dotted[Int32(manager)] ?? []).map { (Report(post: PostID(core.postIDs[Int($0)]), manager: managerID, link: nil, depth: level), Int($0)) }
            stack.append(contentsOf: children.reversed())
        }
        push(start, level: 1)
        while let (report, row) = stack.popLast() {
            result.append(report)
            if !report.isDotted { push(row, level: report.depth + 1) }
        }
        return result
    }

    /// The posts that report to `post` by solid lines, in file order; a post held by the very
    /// people who hold `post` is theirs, not a report (a person does not report to themselves),
    /// and its reports stand in its place.
    /// - Complexity: O(*r*) for *r* reports, those of its holders' own posts included.
    func reportRows(of post: Int) -> [Int32] {
        let children = hierarchy.children(of: post)
        guard children.contains(where: { isOwn(Int($0), by: post) }) else { return Array(children) }
        var rows: [Int32] = []
        var pending = Array(children.reversed())
        while let row = pending.popLast() {
            if isOwn(Int(row), by: post) { pending += hierarchy.children(of: Int(row)).reversed() } else { rows.append(row) }
        }
        return rows
    }

    /// Whether `post` is held by `owner`'s holders, all of them (and is not vacant).
    func isOwn(_ post: Int, by owner: Int) -> Bool {
        let holders = core.holders(of: post)
        guard !holders.isEmpty else { return false }
        let owners = core.holders(of: owner)
        return holders.allSatisfy(owners.contains)
    }

    /// The post that `post`'s holders report to: its superior, or, past the posts they hold
    /// themselves, the first held by someone else; with how the last line to it runs.
    func superiorOfHolders(_ post: Int) -> (row: Int, link: LinkKind)? {
        var from = post
        var up = Int(core.superior[post])
        while up >= 0, isOwn(up, by: post), up != post {
            from = up
            up = Int(core.superior[up])
        }
        return up >= 0 && up != post ? (up, core.link(from: from)) : nil
    }

    /// The first common manager of two posts, with the two chains up to it. Two people who
    /// share a post (a job share, co-chairs) manage neither the other: theirs is the post above
    /// it, and nil when it reports to no one.
    /// - Complexity: O(log *n*) to find it, plus the two chains' lengths to list them.
    public func common(_ a: (post: PostID, person: PersonID?), _ b: (post: PostID, person: PersonID?)) -> CommonManager? {
        guard let x = core.postRow(a.post), let y = core.postRow(b.post) else { return nil }
        let sharing = x == y && a.person != nil && b.person != nil && a.person != b.person
        guard let meet = sharing ? (hierarchy.parent[x] >= 0 ? Int(hierarchy.parent[x]) : nil) : hierarchy.lowestCommonAncestor(x, y)
        else { return nil }
        func rows(_ from: Int) -> [Int] {
            var rows = [from]
            while rows.last! != meet { rows.append(Int(hierarchy.parent[rows.last!])) }
            return rows
        }
        var (first, second) = (steps(rows(x), holder: a.person), steps(rows(y), holder: b.person))
        // A chain that reaches the other person's own post reaches them, whoever else holds it.
        if meet == y, meet != x, let person = b.person { first[first.count - 1].person = person }
        if meet == x, meet != y, let person = a.person { second[second.count - 1].person = person }
        return CommonManager(post: PostID(core.postIDs[meet]), firstChain: first, secondChain: second)
    }

    /// An org holding the posts, their people and units, enough to print answers about them.
    public func org(for posts: [PostID]) -> Org { core.org(for: posts) }
}
