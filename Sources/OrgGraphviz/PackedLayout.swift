/// A compact drawing of a rooted tree for charts whose tidy drawing is too wide: every subtree
/// is a rectangle, its root's box on top, and its children's rectangles below it either side by
/// side in a row or, when the row would be wider than `aspect` times its height, stacked in
/// columns, each column with a line down its left side that the children hang from. Deep, wide
/// org charts come out about as wide as `aspect` times their height, at any size.
///
/// Coordinates are in points, y growing downwards from the top at 0.
struct PackedLayout {
    /// The tree: `children[i]` lists node i's children in order; roots are the nodes no one lists.
    var children: [[Int]]
    var widths: [Double]
    var heights: [Double]
    /// Space between neighbouring rectangles, across and down a column.
    var gap = 18.0
    /// Space between a box and the row or columns under it.
    var levelGap = 40.0
    /// Room left of a column's rectangles for the line down it; the line runs in its middle.
    static let gutter = 16.0

    /// The drawing: each node's box, and for a node that hangs in a column, the x of the line
    /// down that column (nil for a node in a row, or a root).
    struct Drawing {
        var boxes: [TidyLayout.Box]
        var bus: [Double?]
    }

    /// The drawing where each subtree takes the smallest rectangle, of a row of its children or
    /// of some columns of them, from a quarter of `aspect` to `aspect` times as wide as it is
    /// high (the nearest that shape when none is).
    /// - Complexity: O(*n* log *k*), *k* the most children of one node.
    func layout(aspect: Double) -> Drawing {
        let n = children.count
        guard n > 0 else { return Drawing(boxes: [], bus: []) }
        // A root without a box holds the roots, laid out like any children.
        var isChild = [Bool](repeating: false, count: n)
        for list in children { for child in list { isChild[child] = true } }
        let kids = children + [(0..<n).filter { !isChild[$0] }]
        let width = widths + [0], height = heights + [0]
        // Pre-order, so that the reverse has every node after its children.
        var order: [Int] = []
        order.reserveCapacity(n + 1)
        var stack = [n]
        while let node = stack.popLast() {
            order.append(node)
            stack += kids[node].reversed()
        }
        // Each rectangle's size; each node's place in its parent's rectangle (its rectangle's
        // left and top) and its box's left in its own; the line a child hangs from.
        var rectW = [Double](repeating: 0, count: n + 1), rectH = rectW
        var left = rectW, top = rectW, boxLeft = rectW
        var bus = [Double?](repeating: nil, count: n + 1)
        for node in order.reversed() {
            let list = kids[node]
            let below = node == n ? 0 : height[node] + levelGap
            guard !list.isEmpty else {
                (rectW[node], rectH[node]) = (width[node], height[node])
                continue
            }
            let rowW = list.reduce(0) { $0 + rectW[$1] } + gap * Double(list.count - 1)
            let rowH = list.map { rectH[$0] }.max()!
            let rowShape = (w: max(width[node], rowW), h: below + rowH)
            // The row, or the columns, of the smallest rectangle within the shape; if none is,
            // the narrowest.
            var columns: [[Int]]? = nil
            var best = rowShape
            func better(_ w: Double, _ h: Double) -> Bool {
                Shape.better(w / h, w * h, than: best.w / best.h, best.w * best.h, within: aspect / 4...aspect)
            }
            var count = 1
            while list.count > 1, count < list.count {
                let split = balanced(list, into: count, rectH)
                let (w, h) = shape(split, node, below, width, rectW, rectH)
                if better(w, h) { (columns, best) = (split, (w, h)) }
                count = max(count + 1, count * 3 / 2)
            }
            if let columns {
                let (w, h) = shape(columns, node, below, width, rectW, rectH)
                (rectW[node], rectH[node]) = (w, h)
                var x = (w - blockWidth(columns, rectW)) / 2
                for column in columns {
                    var y = below
                    for child in column {
                        (left[child], top[child]) = (x + Self.gutter, y)
                        bus[child] = x + Self.gutter / 2
                        y += rectH[child] + gap
                    }
                    x += Self.gutter + column.map { rectW[$0] }.max()! + gap
                }
            } else {
                (rectW[node], rectH[node]) = rowShape
                var x = (rowShape.w - rowW) / 2
                for child in list {
                    (left[child], top[child]) = (x, below)
                    x += rectW[child] + gap
                }
            }
            boxLeft[node] = (rectW[node] - width[node]) / 2
        }
        // Down again: each rectangle's place on the page, and each line's.
        var originX = [Double](repeating: 0, count: n + 1), originY = originX
        var boxes = [TidyLayout.Box](repeating: TidyLayout.Box(x: 0, y: 0, width: 0, height: 0), count: n)
        var lines = [Double?](repeating: nil, count: n)
        var walk = [n]
        while let node = walk.popLast() {
            if node < n {
                boxes[node] = TidyLayout.Box(x: originX[node] + boxLeft[node] + width[node] / 2, y: originY[node] + height[node] / 2,
                                             width: width[node], height: height[node])
            }
            for child in kids[node] {
                originX[child] = originX[node] + left[child]
                originY[child] = originY[node] + top[child]
                if let line = bus[child], node < n { lines[child] = originX[node] + line }
                walk.append(child)
            }
        }
        return Drawing(boxes: boxes, bus: lines)
    }

    /// Children split, in order, into at most `count` columns of about equal height.
    private func balanced(_ list: [Int], into count: Int, _ rectH: [Double]) -> [[Int]] {
        let total = list.reduce(0) { $0 + rectH[$1] + gap }
        let target = total / Double(count)
        var columns: [[Int]] = [[]]
        var height = 0.0
        for child in list {
            if !columns[columns.count - 1].isEmpty, height + rectH[child] > target, columns.count < count {
                columns.append([])
                height = 0
            }
            columns[columns.count - 1].append(child)
            height += rectH[child] + gap
        }
        return columns
    }

    private func blockWidth(_ columns: [[Int]], _ rectW: [Double]) -> Double {
        columns.reduce(0) { $0 + Self.gutter + $1.map { rectW[$0] }.max()! } + gap * Double(columns.count - 1)
    }

    /// The size of a node's rectangle with its children in these columns.
    private func shape(_ columns: [[Int]], _ node: Int, _ below: Double, _ width: [Double], _ rectW: [Double], _ rectH: [Double])
        -> (w: Double, h: Double)
    {
        let height = columns.map { column in column.reduce(0) { $0 + rectH[$1] } + gap * Double(column.count - 1) }.max()!
        return (max(width[node], blockWidth(columns, rectW)), below + height)
    }
}

/// How drawings of a tree are weighed against each other.
enum Shape {
    /// Whether a drawing (its width over its height, its area) is better than another: within
    /// the range of shapes beats outside it; within it, the smaller; outside it, the nearer.
    static func better(_ aspect: Double, _ area: Double, than other: Double, _ otherArea: Double, within range: ClosedRange<Double>) -> Bool {
        let (fits, otherFits) = (range.contains(aspect), range.contains(other))
        if fits != otherFits { return fits }
        if fits { return area < otherArea }
        return distance(aspect, range) < distance(other, range)
    }

    /// How far a shape is from a range of shapes, by ratio.
    static func distance(_ aspect: Double, _ range: ClosedRange<Double>) -> Double {
        aspect > range.upperBound ? aspect / range.upperBound : aspect < range.lowerBound ? range.lowerBound / aspect : 1
    }
}
