/// A tidy drawing of a rooted tree in linear time: Walker's algorithm as improved by Buchheim,
/// Jünger and Leipert (2002), for nodes of different widths, written without recursion so
/// that a chain a million deep cannot overflow the stack.
///
/// Children sit centred under their parent, subtrees are packed as close as `gap` allows, and
/// identical subtrees are drawn identically. Coordinates are in points, y growing downwards
/// from the root's level at 0.
public struct TidyLayout: Sendable {
    /// The tree: `children[i]` lists node i's children in order; roots are the nodes no one lists.
    public var children: [[Int]]
    public var widths: [Double]
    public var heights: [Double]
    /// Horizontal space between neighbouring boxes.
    public var gap: Double
    /// Vertical space between levels.
    public var levelGap: Double

    public init(children: [[Int]], widths: [Double], heights: [Double], gap: Double = 18, levelGap: Double = 40) {
        self.children = children
        self.widths = widths
        self.heights = heights
        self.gap = gap
        self.levelGap = levelGap
    }

    /// A box of the drawing: its centre and size.
    public struct Box: Hashable, Sendable {
        public var x: Double
        public var y: Double
        public var width: Double
        public var height: Double

        public var minX: Double { x - width / 2 }
        public var maxX: Double { x + width / 2 }
        public var minY: Double { y - height / 2 }
        public var maxY: Double { y + height / 2 }

        public func overlaps(_ other: Box) -> Bool {
            minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
        }
    }

    /// The boxes, one per node, in node order. Several roots are laid side by side.
    /// - Complexity: O(*n*).
    public func layout() -> [Box] {
        let n = children.count
        guard n > 0 else { return [] }
        var parent = [Int](repeating: -1, count: n)
        var number = [Int](repeating: 0, count: n)
        for (node, list) in children.enumerated() {
            for (index, child) in list.enumerated() {
                parent[child] = node
                number[child] = index
            }
        }
        let roots = (0..<n).filter { parent[$0] == -1 }
        // A virtual root above the real ones keeps them apart like siblings.
        let virtualRoot = n
        var kids = children
        kids.append(roots)
        for (index, root) in roots.enumerated() {
            parent[root] = virtualRoot
            number[root] = index
        }
        parent.append(-1)
        number.append(0)
        var width = widths
        width.append(0)

        var prelim = [Double](repeating: 0, count: n + 1)
        var mod = [Double](repeating: 0, count: n + 1)
        var shift = [Double](repeating: 0, count: n + 1)
        var change = [Double](repeating: 0, count: n + 1)
        var midpoint = [Double](repeating: 0, count: n + 1)
        var thread = [Int](repeating: -1, count: n + 1)
        var ancestor = Array(0...n)

        func leftSibling(_ v: Int) -> Int? {
            let p = parent[v]
            guard p >= 0, number[v] > 0 else { return nil }
            return kids[p][number[v] - 1]
        }
        func nextLeft(_ v: Int) -> Int? { kids[v].first ?? (thread[v] >= 0 ? thread[v] : nil) }
        func nextRight(_ v: Int) -> Int? { kids[v].last ?? (thread[v] >= 0 ? thread[v] : nil) }
        func distance(_ a: Int, _ b: Int) -> Double { (width[a] + width[b]) / 2 + gap }

        func place(_ w: Int) {
            if let left = leftSibling(w) {
                prelim[w] = prelim[left] + distance(left, w)
                if !kids[w].isEmpty { mod[w] = prelim[w] - midpoint[w] }
            } else {
                prelim[w] = kids[w].isEmpty ? 0 : midpoint[w]
            }
        }

        func moveSubtree(_ wm: Int, _ wp: Int, _ amount: Double) {
            let subtrees = Double(number[wp] - number[wm])
            change[wp] -= amount / subtrees
            shift[wp] += amount
            change[wm] += amount / subtrees
            prelim[wp] += amount
            mod[wp] += amount
        }

        func apportion(_ v: Int, _ defaultAncestor: Int) -> Int {
            guard let w = leftSibling(v) else { return defaultAncestor }
            var result = defaultAncestor
            var vip = v, vop = v, vim = w
            var vom = kids[parent[v]][0]
            var sip = mod[vip], sop = mod[vop], sim = mod[vim], som = mod[vom]
            while let nextVim = nextRight(vim), let nextVip = nextLeft(vip) {
                vim = nextVim
                vip = nextVip
                vom = nextLeft(vom)!
                vop = nextRight(vop)!
                ancestor[vop] = v
                let amount = (prelim[vim] + sim) - (prelim[vip] + sip) + distance(vim, vip)
                if amount > 0 {
                    let a = parent[ancestor[vim]] == parent[v] ? ancestor[vim] : result
                    moveSubtree(a, v, amount)
                    sip += amount
                    sop += amount
                }
                sim += mod[vim]
                sip += mod[vip]
                som += mod[vom]
                sop += mod[vop]
            }
            if let right = nextRight(vim), nextRight(vop) == nil {
                thread[vop] = right
                mod[vop] += sim - sop
            }
            if let left = nextLeft(vip), nextLeft(vom) == nil {
                thread[vom] = left
                mod[vom] += sip - som
                result = v
            }
            return result
        }

        // First walk, in post-order: each node lays out its children once they are done.
        var stack: [(node: Int, expanded: Bool)] = [(virtualRoot, false)]
        while let (v, expanded) = stack.popLast() {
            if !expanded {
                stack.append((v, true))
                for child in kids[v].reversed() { stack.append((child, false)) }
                continue
            }
            guard !kids[v].isEmpty else { continue }
            var defaultAncestor = kids[v][0]
            for w in kids[v] {
                place(w)
                defaultAncestor = apportion(w, defaultAncestor)
            }
            // Execute the shifts gathered by the moves, right to left.
            var totalShift = 0.0
            var totalChange = 0.0
            for w in kids[v].reversed() {
                prelim[w] += totalShift
                mod[w] += totalShift
                totalChange += change[w]
                totalShift += shift[w] + totalChange
            }
            midpoint[v] = (prelim[kids[v].first!] + prelim[kids[v].last!]) / 2
        }
        prelim[virtualRoot] = midpoint[virtualRoot]

        // Second walk, in pre-order: sum the modifiers down; levels stacked by their tallest box.
        var x = [Double](repeating: 0, count: n + 1)
        var depth = [Int](repeating: 0, count: n + 1)
        var order: [Int] = []
        order.reserveCapacity(n)
        var walk: [(node: Int, modSum: Double)] = [(virtualRoot, 0)]
        while let (v, modSum) = walk.popLast() {
            x[v] = prelim[v] + modSum
            if v != virtualRoot { order.append(v) }
            for child in kids[v] {
                depth[child] = v == virtualRoot ? 0 : depth[v] + 1
                walk.append((child, modSum + mod[v]))
            }
        }
        let levels = (order.map { depth[$0] }.max() ?? 0) + 1
        var levelHeight = [Double](repeating: 0, count: levels)
        for v in order { levelHeight[depth[v]] = max(levelHeight[depth[v]], heights[v]) }
        var levelTop = [Double](repeating: 0, count: levels)
        for level in 1..<max(levels, 1) { levelTop[level] = levelTop[level - 1] + levelHeight[level - 1] + levelGap }
        let minX = order.map { x[$0] - widths[$0] / 2 }.min() ?? 0
        return (0..<n).map { v in
            Box(x: x[v] - minX, y: levelTop[depth[v]] + levelHeight[depth[v]] / 2, width: widths[v], height: heights[v])
        }
    }

    /// Two boxes that overlap, if any: a sweep from left to right, each box checked against the
    /// boxes it meets across. O(*n* log *n* + *n* *a*), *a* the most boxes over one vertical line.
    public static func firstOverlap(_ boxes: [Box]) -> (Int, Int)? {
        let sorted = boxes.indices.sorted { boxes[$0].minX < boxes[$1].minX }
        var active: [Int] = []
        for index in sorted {
            let box = boxes[index]
            active.removeAll { boxes[$0].maxX <= box.minX }
            if let other = active.first(where: { boxes[$0].overlaps(box) }) { return (other, index) }
            active.append(index)
        }
        return nil
    }
}
