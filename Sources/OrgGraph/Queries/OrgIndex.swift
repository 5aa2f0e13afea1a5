/// How a reporting line came to be: written in the file, or implied by the unit tree.
public enum LinkKind: String, Hashable, Sendable {
    /// The post's `reportsTo` names its superior.
    case explicit
    /// No `reportsTo`: the post reports to its unit's head, a head to the parent unit's head.
    case implied
}

/// Lookups derived from an ``Org`` once, so that queries do not scan it again.
public struct OrgIndex: Sendable {
    public let org: Org
    /// The head post of each unit that has one (the first written, if a file wrongly gives two).
    public private(set) var headPost: [UnitID: PostID] = [:]
    /// Every post a person holds, in the order of `org.posts`.
    public private(set) var posts: [PersonID: [PostID]] = [:]
    /// Sub-units of each unit, in file order.
    public private(set) var subunits: [UnitID: [UnitID]] = [:]
    /// The head of the nearest unit above each unit that has one, found once for all units.
    private var headAbove: [UnitID: PostID] = [:]

    /// Builds the index.
    ///
    /// - Complexity: O(*n*) in the number of units, posts and holders.
    public init(_ org: Org) {
        self.org = org
        for post in org.posts.values {
            if post.isHead, headPost[post.unit] == nil { headPost[post.unit] = post.id }
            for holder in post.holders { posts[holder, default: []].append(post.id) }
        }
        for unit in org.units.values {
            if let parent = unit.parent { subunits[parent, default: []].append(unit.id) }
        }
        // Top down from the roots, so each unit's answer builds on its parent's: O(n) in all.
        var stack: [UnitID] = org.units.values.filter { $0.parent == nil || org.units[$0.parent!] == nil }.map(\.id)
        while let unit = stack.popLast() {
            let above = headPost[unit] ?? headAbove[unit]
            for child in subunits[unit] ?? [] {
                if let above { headAbove[child] = above }
                stack.append(child)
            }
        }
    }

    /// The post that stands for a person: their declared primary post, else the first they hold.
    public func primaryPost(of person: PersonID) -> PostID? {
        if let primary = org.people[person]?.primaryPost { return primary }
        return posts[person]?.first
    }

    /// The head post of the nearest unit above `unit` that has one (none for units on a cycle).
    ///
    /// - Complexity: O(1); the index finds them all once, in O(*n*).
    public func nearestHead(above unit: UnitID) -> PostID? {
        headAbove[unit]
    }

    /// The post a post reports to by its solid line, and whether that line was written or implied.
    ///
    /// - Complexity: O(1).
    public func superior(of post: PostID) -> (post: PostID, link: LinkKind)? {
        guard let current = org.posts[post] else { return nil }
        if let line = current.reportsTo { return (line.to, .explicit) }
        if !current.isHead, let head = headPost[current.unit], head != post { return (head, .implied) }
        if let head = nearestHead(above: current.unit), head != post { return (head, .implied) }
        return nil
    }
}

extension Org {
    /// Each cycle of solid lines (written or implied) once, as ``HierarchyIndex/cycles(_:)``
    /// finds them over the posts in file order.
    /// - Complexity: O(*n*).
    func reportingCycles() -> [[PostID]] {
        let index = OrgIndex(self)
        let ids = Array(posts.keys)
        var rows: [PostID: Int32] = [:]
        for (row, id) in ids.enumerated() { rows[id] = Int32(row) }
        let parent = ids.map { index.superior(of: $0).flatMap { rows[$0.post] } ?? -1 }
        return HierarchyIndex.cycles(parent).map { $0.map { ids[Int($0)] } }
    }
}
