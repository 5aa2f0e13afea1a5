/// A rooted forest over dense integer nodes, indexed for fast ancestor questions: chains in
/// O(depth), lowest common ancestors in O(log n) by binary lifting in a deep forest, and by
/// walking up in one no deeper than ``walkedDepth`` (as quick there, and nothing to build).
///
/// Memory: 4 bytes a node for the parent, 4 for the depth, and, in a deep forest,
/// 4 · ⌈log₂ depth⌉ for the lifting table; children are kept as one offsets array and one flat
/// list (8 bytes a node).
public struct HierarchyIndex: Sendable {
    /// The parent of each node, -1 for a root.
    public let parent: [Int32]
    /// The depth of each node: 0 for a root, 1 for its children, and so on.
    public let depth: [Int32]
    /// `up[k][v]` is the 2ᵏ-th ancestor of v (or -1); only `up[0]`, the parents, when questions
    /// walk up instead.
    private let up: [[Int32]]

    /// The depth to which ancestors are found by walking up, parent by parent: at most this
    /// many steps, each one look-up, against a table of ⌈log₂ depth⌉ rows of every node built
    /// first (which, at a million people, took longer than all of a thousand questions).
    public static let walkedDepth: Int32 = 64
    /// Children of v are `children[childStart[v]..<childStart[v + 1]]`, in node order.
    public let childStart: [Int32]
    /// Every node's children, grouped by parent, as ``HierarchyIndex/childStart`` divides them.
    public let children: [Int32]

    /// The number of nodes.
    public var count: Int { parent.count }

    /// Builds the index. Parents that would close a cycle must already have been cut (the
    /// loader does); a node whose parent chain does not reach a root is treated as a root.
    /// - Complexity: O(*n* log *d*) time and memory, *d* the greatest depth.
    public init(parent: [Int32]) {
        self.init(parent: parent, lifting: true)
    }

    /// The cycles of a parent array, each once, as the walk from the lowest node on no earlier
    /// path meets it: starting at the node where the walk closed it, then following parents.
    /// - Complexity: O(*n*): each node is walked once.
    public static func cycles(_ parent: [Int32]) -> [[Int32]] {
        var state = [UInt8](repeating: 0, count: parent.count)  // 1 on the current path, 2 done
        var path: [Int32] = []
        var cycles: [[Int32]] = []
        for start in parent.indices where state[start] == 0 {
            var v = Int32(start)
            while v >= 0, state[Int(v)] == 0 {
                state[Int(v)] = 1
                path.append(v)
                v = parent[Int(v)]
            }
            if v >= 0, state[Int(v)] == 1, let position = path.firstIndex(of: v) { cycles.append(Array(path[position...])) }
            // Emptied by popping: `removeAll` once a node, a million times, cost more than the walk.
            while let node = path.popLast() { state[Int(node)] = 2 }
        }
        return cycles
    }

    /// Depths of a parent array, walking each path once: O(*n*).
    public static func depths(_ parent: [Int32]) -> [Int32] {
        let n = parent.count
        var depth = [Int32](repeating: -1, count: n)
        var path: [Int32] = []
        for start in 0..<n where depth[start] < 0 {
            var v = Int32(start)
            while v >= 0, depth[Int(v)] == -1 {
                path.append(v)
                depth[Int(v)] = -2  // on the path: a cycle stops here
                v = parent[Int(v)]
            }
            var d: Int32 = v >= 0 && depth[Int(v)] >= 0 ? depth[Int(v)] + 1 : 0
            while let node = path.popLast() {
                depth[Int(node)] = d
                d += 1
            }
        }
        return depth
    }

    /// - Parameters:
    ///   - parent: each node's parent, -1 for a root.
    ///   - lifting: build the table for ``lowestCommonAncestor(_:_:)`` and ``ancestor(of:steps:)``
    ///     when the forest is deeper than ``walkedDepth``; without it they walk up.
    public init(parent: [Int32], lifting: Bool) {
        let n = parent.count
        self.parent = parent
        // Depths without recursion: walk up to the first node whose depth is known.
        let depth = Self.depths(parent)
        self.depth = depth
        let maxDepth = Int(depth.max() ?? 0)
        var levels = 1
        while lifting, maxDepth > Self.walkedDepth, (1 << levels) <= maxDepth { levels += 1 }
        var up: [[Int32]] = [parent]
        for k in 1..<levels {
            let previous = up[k - 1]
            var next = [Int32](repeating: -1, count: n)
            for v in 0..<n {
                let mid = previous[v]
                if mid >= 0 { next[v] = previous[Int(mid)] }
            }
            up.append(next)
        }
        self.up = up
        var counts = [Int32](repeating: 0, count: n + 1)
        for p in parent where p >= 0 { counts[Int(p) + 1] += 1 }
        for v in 0..<n { counts[v + 1] += counts[v] }
        var fill = counts
        var children = [Int32](repeating: 0, count: counts[n] > 0 ? Int(counts[n]) : 0)
        for v in 0..<n where parent[v] >= 0 {
            let p = Int(parent[v])
            children[Int(fill[p])] = Int32(v)
            fill[p] += 1
        }
        self.childStart = counts
        self.children = children
    }

    /// The node and its ancestors, nearest first.
    /// - Complexity: O(*depth*).
    public func chain(of node: Int) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(Int(depth[node]) + 1)
        var v = Int32(node)
        while v >= 0 {
            result.append(Int(v))
            v = parent[Int(v)]
        }
        return result
    }

    /// The ancestor `steps` levels above a node (nil above its root).
    /// - Complexity: O(log *d*) with the lifting table, O(`steps`) without.
    public func ancestor(of node: Int, steps: Int) -> Int? {
        var v = Int32(node)
        guard up.count > 1 else {
            // Stopped at the root, however many steps are asked for.
            var remaining = steps
            while remaining > 0, v >= 0 {
                v = parent[Int(v)]
                remaining -= 1
            }
            return v >= 0 ? Int(v) : nil
        }
        var k = 0
        var remaining = steps
        while remaining > 0, v >= 0 {
            if remaining & 1 == 1 {
                guard k < up.count else { return nil }
                v = up[k][Int(v)]
            }
            remaining >>= 1
            k += 1
        }
        return v >= 0 ? Int(v) : nil
    }

    /// The lowest common ancestor of two nodes (a node counts as its own ancestor), or nil
    /// when they are in different trees.
    /// - Complexity: O(log *d*) with the lifting table, O(*d*) without.
    public func lowestCommonAncestor(_ a: Int, _ b: Int) -> Int? {
        var x = a, y = b
        if depth[x] < depth[y] { swap(&x, &y) }
        guard let lifted = ancestor(of: x, steps: Int(depth[x] - depth[y])) else { return nil }
        x = lifted
        if x == y { return x }
        guard up.count > 1 else {
            // At the same depth: up together until they meet, or pass their roots apart (no
            // more steps than the depth, whatever the parents say).
            for _ in 0..<depth[x] {
                (x, y) = (Int(parent[x]), Int(parent[y]))
                if x < 0 || y < 0 { return nil }
                if x == y { return x }
            }
            return nil
        }
        for k in stride(from: up.count - 1, through: 0, by: -1) {
            let ux = up[k][x], uy = up[k][y]
            if ux != uy, ux >= 0, uy >= 0 {
                x = Int(ux)
                y = Int(uy)
            }
        }
        let px = parent[x], py = parent[y]
        return px >= 0 && px == py ? Int(px) : nil
    }

    /// Direct children of a node, in node order.
    public func children(of node: Int) -> ArraySlice<Int32> {
        children[Int(childStart[node])..<Int(childStart[node + 1])]
    }

    /// Every node, each before its children (depth first, roots and children in their order):
    /// the order of an outline. A node no root reaches comes after, in its order.
    /// - Complexity: O(*n*).
    public func outline() -> [Int] {
        var order: [Int] = []
        order.reserveCapacity(count)
        var seen = [Bool](repeating: false, count: count)
        var pending: [Int] = []
        for root in parent.indices where parent[root] < 0 {
            pending.append(root)
            while let node = pending.popLast() {
                guard !seen[node] else { continue }
                seen[node] = true
                order.append(node)
                pending += children(of: node).reversed().map(Int.init)
            }
        }
        order += parent.indices.filter { !seen[$0] }
        return order
    }
}
