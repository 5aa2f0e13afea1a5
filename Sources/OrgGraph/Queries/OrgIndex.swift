/// How a reporting line came to be: written in the file, or implied by the unit tree.
public enum LinkKind: String, Hashable, Sendable {
    /// The post's `reportsTo` names its superior.
    case explicit
    /// No `reportsTo`: the post reports to its unit's head, a head to the parent unit's head.
    case implied
}

/// Lookups derived from an ``Org`` once, so that queries do not scan it again: a view of the
/// org's ``OrgCore``, where primary posts and implied lines are worked out, by id.
public struct OrgIndex: Sendable {
    /// The org indexed.
    public let org: Org
    /// The org's core and the index of its lines, which answer every question here.
    public let source: QuerySource
    private let held: PostsByPerson
    private let unitTree: HierarchyIndex

    /// Builds the index.
    ///
    /// - Complexity: O(*n*) in the number of units, posts and holders.
    public init(_ org: Org) {
        self.init(org, source: QuerySource(org: org))
    }

    /// The index of an org whose core is built already: `source` must be the core of `org`.
    public init(_ org: Org, source: QuerySource) {
        self.org = org
        self.source = source
        held = source.core.postsByPerson()
        unitTree = HierarchyIndex(parent: source.core.unitParent, lifting: false)
    }

    private var core: OrgCore { source.core }

    /// Answers by id, as a dictionary would; nil where a dictionary would have no entry.
    public struct Lookup<Key: Hashable & Sendable, Value: Sendable>: Sendable {
        let answer: @Sendable (Key) -> Value?
        /// The answer for `key`; nil where a dictionary would have no entry.
        public subscript(key: Key) -> Value? { answer(key) }
    }

    /// The head post of each unit that has one (the first written, if a file wrongly gives two).
    public var headPost: Lookup<UnitID, PostID> {
        let core = core
        return Lookup { unit in
            guard let (kind, row) = core.element(unit.rawValue), kind == .unit, core.unitHead[row] >= 0 else { return nil }
            return PostID(core.postIDs[Int(core.unitHead[row])])
        }
    }

    /// Every post a person holds, in the order of `org.posts`.
    public var posts: Lookup<PersonID, [PostID]> {
        let core = core, held = held
        return Lookup { person in
            guard let (kind, row) = core.element(person.rawValue), kind == .person else { return nil }
            let posts = held.posts(of: row)
            return posts.isEmpty ? nil : posts.map { PostID(core.postIDs[Int($0)]) }
        }
    }

    /// Sub-units of each unit, in file order.
    public var subunits: Lookup<UnitID, [UnitID]> {
        let core = core, tree = unitTree
        return Lookup { unit in
            guard let (kind, row) = core.element(unit.rawValue), kind == .unit else { return nil }
            let children = tree.children(of: row)
            return children.isEmpty ? nil : children.map { UnitID(core.unitIDs[Int($0)]) }
        }
    }

    /// The post that stands for a person: their declared primary post as written (even one they
    /// no longer hold, in an org being changed), else the first they hold.
    public func primaryPost(of person: PersonID) -> PostID? {
        if let declared = org.people[person]?.primaryPost { return declared }
        guard let (kind, row) = core.element(person.rawValue), kind == .person, core.primary[row] >= 0 else { return nil }
        return PostID(core.postIDs[Int(core.primary[row])])
    }

    /// The post a post reports to by its solid line, and whether that line was written or implied.
    ///
    /// - Complexity: O(1).
    public func superior(of post: PostID) -> (post: PostID, link: LinkKind)? {
        guard let row = core.postRow(post), core.superior[row] >= 0 else { return nil }
        return (PostID(core.postIDs[Int(core.superior[row])]), core.link(from: row))
    }
}

extension Org {
    /// Each cycle of solid lines (written or implied) once, as ``HierarchyIndex/cycles(_:)``
    /// finds them over the posts in file order.
    /// - Complexity: O(*n*).
    func reportingCycles() -> [[PostID]] {
        let core = OrgCore(self)
        return core.cutCycles.map { $0.map { PostID(core.postIDs[Int($0)]) } }
    }
}
