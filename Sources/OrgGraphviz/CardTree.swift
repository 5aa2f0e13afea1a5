import Dispatch
import OrgGraph

/// A card of a chart: the lines it shows, its marks, and its place in the tree.
struct Card {
    var id: String
    var rows: [HTMLRow]
    var vacant = false
    var inferred = false
    /// Index of the parent card, if any.
    var parent: Int?
    /// How the line to the parent was made.
    var link: LinkKind?
    var unit: UnitID?
    /// Whether the card joins its parent through a staff post (an assistant or advisor): without
    /// reports of its own it is drawn beside its parent, not in the row of its reports.
    var staff = false
    /// Where the card's facts come from, one line a fact with a source, confidence or note:
    /// the card's tooltip.
    var facts: [String] = []
    /// The ids of the units, posts and people the card stands for.
    var ids: [String] = []
    /// The colour of a change marked on the card (a comparison), and whether it is gone.
    var markColor: String?
    var markDashed = false
    /// A card of a paged chart that stands for cards on another page ("continued on page 4").
    var pageLink = false
}

/// The cards of a view, as a forest, with the dotted lines between them.
struct CardTree {
    var cards: [Card] = []
    var dotted: [(from: Int, to: Int)] = []
    /// Each id's card, once ``indexIDs()`` has made it.
    var cardOfID: [String: Int] = [:]
    let language: LanguagePreference

    init(org: Org, options: ChartOptions) throws(ChartError) {
        language = options.language
        switch options.view {
        case .units: try buildUnits(org, options)
        case .people, .combined: try buildPosts(org, options)
        }
        // Long lines break between words, so that a long title makes a taller card, not a wider
        // one; a CR or CRLF is a line break, as the card draws it.
        for card in cards.indices {
            for row in cards[card].rows.indices {
                let text = cards[card].rows[row]
                cards[card].rows[row].text = OrgChart.wrap(lineBreaks(text.text), size: Double(text.pointSize ?? Int(OrgChart.fontSize)), bold: text.bold)
            }
        }
        sizes = cards.map(Self.measure)
    }

    /// Cards already made, with their sizes: a part of a chart (a page).
    init(cards: [Card], sizes: [(width: Double, height: Double)], dotted: [(from: Int, to: Int)], language: LanguagePreference) {
        self.cards = cards
        self.sizes = sizes
        self.dotted = dotted
        self.language = language
    }

    private func name(_ text: LocalizedText) -> String { OrgChart.clip(text.display(language)) }

    /// The post a chart rooted at a person starts from: their primary post.
    private static func post(of person: PersonID, _ index: OrgIndex) throws(ChartError) -> PostID {
        guard let post = index.primaryPost(of: person) else {
            throw ChartError(message: "person '\(person)' holds no post, so no chart starts from them; give a unit or a post as --root")
        }
        return post
    }

    // MARK: Units

    private mutating func buildUnits(_ org: Org, _ options: ChartOptions) throws(ChartError) {
        let index = OrgIndex(org)
        var roots = org.units.values.filter { $0.parent == nil || org.units[$0.parent!] == nil }.map(\.id)
        if let root = options.root {
            switch root {
            case .unit(let id): roots = [id]
            case .post(let id): roots = org.posts[id].map { [$0.unit] } ?? []
            case .person(let id): roots = try [Self.post(of: id, index)].compactMap { org.posts[$0]?.unit }
            }
        }
        var stack: [(UnitID, Int?, Int)] = roots.reversed().map { ($0, nil, 0) }
        var seen: Set<UnitID> = []
        while let (id, parent, depth) = stack.popLast() {
            guard let unit = org.units[id], seen.insert(id).inserted else { continue }
            var rows = [HTMLRow(name(unit.name), bold: true)]
            if let kind = unit.kind { rows.append(HTMLRow(kind, pointSize: 9, color: "#666666")) }
            let inferred = unit.provenance.isInferred
            if let headID = index.headPost[id], let head = org.posts[headID] {
                let holders = head.holders.compactMap { org.people[$0]?.name }.map(name)
                let title = name(OrgText.title(of: head))
                // The † on the head's line when only the head is inferred: the unit's own mark
                // says the unit is.
                let headInferred = head.provenance.isInferred || head.holders.contains { org.people[$0]?.provenance.isInferred ?? false }
                rows.append(HTMLRow((holders.isEmpty ? "\(title): vacant" : "\(title): " + holders.joined(separator: " / ")) + (headInferred ? " †" : "")))
            }
            if inferred { rows[0].text += " †" }
            let facts = Facts(org: org, language: language).unit(unit, head: index.headPost[id].flatMap { org.posts[$0] })
            let headIDs = index.headPost[id].map { post in [post.rawValue] + (org.posts[post]?.holders.map(\.rawValue) ?? []) } ?? []
            cards.append(Card(id: "n\(cards.count)", rows: rows, inferred: inferred, parent: parent, unit: id, facts: facts,
                              ids: [id.rawValue] + headIDs))
            let me = cards.count - 1
            if let limit = options.depth, depth >= limit { continue }
            for child in (index.subunits[id] ?? []).reversed() { stack.append((child, me, depth + 1)) }
        }
    }

    // MARK: Posts

    /// The cards of the reporting tree. With person cards (the people view's default), the posts
    /// a person holds alone make one card, each title and unit listed, primary first; the reports
    /// of all of them hang below it, and a line between two of them is not drawn. A shared post
    /// is one card with all its holders, a vacancy a dashed card; with post cards (and in the
    /// combined view, which boxes cards by unit) every post is a card.
    private mutating func buildPosts(_ org: Org, _ options: ChartOptions) throws(ChartError) {
        let index = OrgIndex(org)
        let byPerson = options.view == .people && options.cards == .person
        // The posts of each card, the first deciding its unit; a post's card by its id.
        var members: [[PostID]] = []
        var cardOf: [PostID: Int] = [:]
        cardOf.reserveCapacity(org.posts.count)
        for post in org.posts.values where cardOf[post.id] == nil {
            if byPerson, post.holders.count == 1, let person = post.holders.first, let held = index.posts[person], held.count > 1 {
                let alone = held.filter { org.posts[$0]?.holders.count == 1 }
                let primary = index.primaryPost(of: person).flatMap { alone.contains($0) ? $0 : nil }
                let ordered = (primary.map { [$0] } ?? []) + alone.filter { $0 != primary }
                for member in ordered { cardOf[member] = members.count }
                members.append(ordered)
            } else {
                cardOf[post.id] = members.count
                members.append([post.id])
            }
        }
        // Each card's superior card (through the first of its posts that reports outside it)
        // and its reports, in the order the posts are written.
        var superior: [(card: Int, link: LinkKind, staff: Bool)?] = Array(repeating: nil, count: members.count)
        var reports: [[Int]] = Array(repeating: [], count: members.count)
        for (card, posts) in members.enumerated() {
            for post in posts {
                if let (up, link) = index.superior(of: post), let upCard = cardOf[up], upCard != card {
                    superior[card] = (upCard, link, org.posts[post]?.isStaff == true)
                    break
                }
            }
        }
        var listed = Array(repeating: false, count: members.count)
        for post in org.posts.values {
            let card = cardOf[post.id]!
            if let up = superior[card]?.card, !listed[card] {
                listed[card] = true
                reports[up].append(card)
            }
        }
        var roots = members.indices.filter { superior[$0] == nil }
        if let root = options.root {
            switch root {
            case .post(let id): roots = cardOf[id].map { [$0] } ?? []
            case .person(let id): roots = [try Self.post(of: id, index)].compactMap { cardOf[$0] }
            case .unit(let id):
                guard let head = index.headPost[id] else {
                    throw ChartError(message: "unit '\(id)' has no head to start the chart from; give a person or a post as --root")
                }
                roots = cardOf[head].map { [$0] } ?? []
            }
        } else {
            // Person cards can close a loop the posts do not (A's post under B's, B's under
            // A's other post): a card on such a loop starts a tree of its own.
            var reached = Array(repeating: false, count: members.count)
            var stack = roots
            while let card = stack.popLast() {
                reached[card] = true
                stack += reports[card].filter { !reached[$0] }
            }
            for card in members.indices where !reached[card] {
                var walk = card
                var onPath: Set<Int> = []
                while let up = superior[walk]?.card, !reached[up], onPath.insert(walk).inserted { walk = up }
                if reached[walk] { continue }
                roots.append(walk)
                var down = [walk]
                while let next = down.popLast() {
                    reached[next] = true
                    down += reports[next].filter { !reached[$0] }
                }
            }
        }
        var position: [Int: Int] = [:]
        var stack: [(Int, Int?, LinkKind?, Int)] = roots.reversed().map { ($0, nil, nil, 0) }
        while let (card, parent, link, depth) = stack.popLast() {
            let staff = parent != nil && superior[card]?.staff == true
            guard position[card] == nil else { continue }
            let posts = members[card].compactMap { org.posts[$0] }
            guard let first = posts.first else { continue }
            let holders = first.holders.compactMap { org.people[$0] }
            var rows = [HTMLRow(holders.isEmpty ? "vacant" : holders.map { name($0.name) }.joined(separator: " / "), bold: !holders.isEmpty, italic: holders.isEmpty)]
            for post in posts {
                let title = name(OrgText.title(of: post))
                if !title.isEmpty { rows.append(HTMLRow(title)) }
                rows.append(HTMLRow(org.units[post.unit].map { name($0.name) } ?? post.unit.rawValue, pointSize: 9, color: "#666666"))
            }
            let inferred = posts.contains { $0.provenance.isInferred || ($0.reportsTo?.provenance.isInferred ?? false) }
                || holders.contains { $0.provenance.isInferred }
            if inferred { rows[0].text += " †" }
            let facts = Facts(org: org, language: language).people(holders, posts: posts)
            cards.append(Card(id: "n\(cards.count)", rows: rows, vacant: holders.isEmpty, inferred: inferred, parent: parent, link: link,
                              unit: first.unit, staff: staff, facts: facts,
                              ids: posts.map(\.id.rawValue) + holders.map(\.id.rawValue) + posts.filter(\.isHead).map(\.unit.rawValue)))
            position[card] = cards.count - 1
            if let limit = options.depth, depth >= limit { continue }
            for child in reports[card].reversed() { stack.append((child, cards.count - 1, superior[child]?.link, depth + 1)) }
        }
        var seen: Set<[Int]> = []
        for post in org.posts.values {
            guard let from = cardOf[post.id].flatMap({ position[$0] }) else { continue }
            for line in post.dotted {
                if let to = cardOf[line.to].flatMap({ position[$0] }), to != from, seen.insert([from, to]).inserted { dotted.append((from, to)) }
            }
        }
    }

    // MARK: Statements

    private func nodeAttributes(_ card: Card) -> [DOTAttribute] {
        var style = "rounded"
        if card.vacant || card.markDashed { style += ",dashed" } else if card.inferred { style += ",dotted" }
        if card.staff || card.pageLink { style += ",filled" }
        var attributes = [DOTAttribute("label", .html(.table(card.rows)))]
        if style != "rounded" { attributes.append(DOTAttribute("style", .keyword(style))) }
        if card.staff || card.pageLink { attributes.append(DOTAttribute("fillcolor", .keyword(card.pageLink ? Self.pageLinkFill : Self.staffFill))) }
        if let color = card.markColor { attributes += [DOTAttribute("color", .keyword(color)), DOTAttribute("penwidth", .number(2))] }
        attributes += Facts.tooltip(card.facts)
        return attributes
    }

    /// - Parameter chainStaff: with `dot`, a row of staff drawn in one rank, a flat line each
    ///   from the card before it; else each from its principal.
    private func edgeStatements(pinned: [TidyLayout.Box]?, bus: [Double?] = [], chainStaff: Bool = true, top: Double? = nil) -> [DOTStatement] {
        var statements: [DOTStatement] = []
        let top = top ?? pinned.map(height) ?? 0
        let beside = besideParent()
        var staffOf: [Int: [Int]] = [:]
        for (index, card) in cards.enumerated() where beside[index] { staffOf[card.parent!, default: []].append(index) }
        // Lines to a card's reports turn under the lowest of it and the staff beside it.
        func bottom(_ card: Int) -> Double {
            guard let boxes = pinned else { return 0 }
            return (staffOf[card] ?? []).reduce(boxes[card].maxY) { max($0, boxes[$1].maxY) }
        }
        for (index, card) in cards.enumerated() {
            guard let parent = card.parent else { continue }
            var attributes: [DOTAttribute] = []
            if card.link == .implied { attributes.append(DOTAttribute("color", .keyword("#888888"))) }
            if let boxes = pinned, beside[index] {
                // From the card next to it on the way to its principal: a line never crosses a card.
                let box = boxes[index], principal = boxes[parent]
                let nearer = staffOf[parent, default: []].filter { other in
                    (boxes[other].x > principal.x) == (box.x > principal.x)
                        && abs(boxes[other].x - principal.x) < abs(box.x - principal.x)
                }.max { abs(boxes[$0].x - principal.x) < abs(boxes[$1].x - principal.x) }
                attributes.append(DOTAttribute("pos", .keyword(Self.side(from: nearer.map { boxes[$0] } ?? principal, to: box, height: top))))
            } else if let boxes = pinned {
                let path = bus.indices.contains(index) && bus[index] != nil
                    ? Self.bus(from: boxes[parent], left: bus[index]!, to: boxes[index], height: top, below: bottom(parent))
                    : Self.elbow(from: boxes[parent], to: boxes[index], height: top, below: bottom(parent))
                attributes.append(DOTAttribute("pos", .keyword(path)))
            }
            // For `dot`, a row of staff is a chain of flat lines, each from the card before it:
            // a flat line that skips a card is drawn as an arc over the row.
            var from = parent
            if pinned == nil, chainStaff, beside[index], let row = staffOf[parent], let place = row.firstIndex(of: index), place > 0 { from = row[place - 1] }
            statements.append(.edge(from: cards[from].id, to: card.id, attributes))
        }
        for (from, to) in dotted {
            statements.append(.edge(from: cards[from].id, to: cards[to].id, [
                DOTAttribute("style", .keyword("dashed")), DOTAttribute("color", .keyword("#1f77b4")), DOTAttribute("constraint", .keyword("false")),
            ]))
        }
        return statements
    }

    /// Statements for `dot` without the legend, every id starting with `prefix`: one side of
    /// a comparison.
    func layeredStatements(org: Org, prefix: String) -> [DOTStatement] {
        func prefixed(_ statements: [DOTStatement]) -> [DOTStatement] {
            statements.map { statement in
                switch statement {
                case .node(let id, let attributes): .node(id: prefix + id, attributes)
                case .edge(let from, let to, let attributes): .edge(from: prefix + from, to: prefix + to, attributes)
                case .subgraph(let id, let attributes, let inner): .subgraph(id: prefix + id, attributes, prefixed(inner))
                }
            }
        }
        return prefixed(layeredStatements(org: org, combined: false).filter { if case .subgraph("cluster_legend", _, _) = $0 { false } else { true } })
    }

    /// Statements for `dot`: cards, optionally boxed by unit, then lines.
    func layeredStatements(org: Org, combined: Bool) -> [DOTStatement] {
        var statements: [DOTStatement] = []
        if combined {
            // One cluster a unit, nested as the units are.
            var byUnit: [UnitID: [Int]] = [:]
            for (index, card) in cards.enumerated() { if let unit = card.unit { byUnit[unit, default: []].append(index) } }
            let index = OrgIndex(org)
            func cluster(_ unit: UnitID, _ number: inout Int) -> DOTStatement? {
                var inner: [DOTStatement] = (byUnit[unit] ?? []).map { .node(id: cards[$0].id, nodeAttributes(cards[$0])) }
                for child in index.subunits[unit] ?? [] {
                    if let sub = cluster(child, &number) { inner.append(sub) }
                }
                guard !inner.isEmpty else { return nil }
                number += 1
                return .subgraph(id: "cluster_\(number)", [
                    DOTAttribute("label", .text(org.units[unit].map { OrgChart.clip($0.name.display(language)) } ?? unit.rawValue)),
                    DOTAttribute("style", .keyword("rounded")), DOTAttribute("color", .keyword("#bbbbbb")),
                    DOTAttribute("fontname", .keyword(OrgChart.fontList)), DOTAttribute("fontsize", .number(10)),
                ], inner)
            }
            var number = 0
            for unit in org.units.values where unit.parent == nil || org.units[unit.parent!] == nil {
                if let statement = cluster(unit.id, &number) { statements.append(statement) }
            }
        } else {
            // A card with staff beside it stands in one rank with them, the line between them flat.
            let beside = besideParent()
            var staffOf: [Int: [Int]] = [:]
            for (index, card) in cards.enumerated() where beside[index] { staffOf[card.parent!, default: []].append(index) }
            for (index, card) in cards.enumerated() where !beside[index] {
                let node = DOTStatement.node(id: card.id, nodeAttributes(card))
                guard let staff = staffOf[index] else {
                    statements.append(node)
                    continue
                }
                statements.append(.subgraph(id: "staff_\(card.id)", [DOTAttribute("rank", .keyword("same"))],
                                            [node] + staff.map { .node(id: cards[$0].id, nodeAttributes(cards[$0])) }))
            }
        }
        statements += edgeStatements(pinned: nil, chainStaff: !combined)
        statements.append(legend())
        return statements
    }

    /// Card sizes, from their text, as the layouts use them: measured once.
    var sizes: [(width: Double, height: Double)] = []

    /// A card's size, from its text.
    static func measure(_ card: Card) -> (width: Double, height: Double) {
        let lines = card.rows.flatMap { row in
            row.text.split(separator: "\n", omittingEmptySubsequences: false).map { (String($0), Double(row.pointSize ?? Int(OrgChart.fontSize)), row.bold) }
        }
        let widest = lines.map { OrgChart.textWidth($0.0, size: $0.1, bold: $0.2) }.max() ?? 0
        let height = lines.reduce(0.0) { $0 + $1.1 * 1.45 } + 12
        return (max(widest + 22, 60), height)
    }

    /// Where each card is drawn, and how the line to it runs.
    struct Placement {
        var boxes: [TidyLayout.Box]
        /// For each card of a stacked column of leaves, the card above it (nil for a column's
        /// head and other cards).
        var above: [Int?]
        /// The head of the column of leaves each card stands in (-1 for cards in no column).
        var columns: [Int]
        /// For a card that hangs in a column, the x of the line down the column's left side,
        /// which enters the card from the left; nil where the line comes from above.
        var bus: [Double?]
    }

    /// The tree the layouts place: each card's children, without the staff drawn beside it
    /// (`staffOf`, in order); a card with staff beside it is never stacked in a column.
    private func layoutTree() -> (children: [[Int]], beside: [Bool], staffOf: [[Int]]) {
        var children = [[Int]](repeating: [], count: cards.count)
        for (index, card) in cards.enumerated() { if let parent = card.parent { children[parent].append(index) } }
        let beside = besideParent()
        var staffOf = [[Int]](repeating: [], count: cards.count)
        for index in cards.indices where beside[index] { staffOf[cards[index].parent!].append(index) }
        for parent in cards.indices where !staffOf[parent].isEmpty { children[parent].removeAll { beside[$0] } }
        return (children, beside, staffOf)
    }

    /// Lays out the tree with each card and its staff as one box, and places the staff beside
    /// their card: right of it, then (with `bothSides`) left, in turn, the box wide enough on
    /// both sides for the card to stay centred over its reports; else all to its right.
    private func placeWithStaff(children: [[Int]], beside: [Bool], staffOf: [[Int]], widths: [Double], bothSides: Bool,
                                layout: (_ children: [[Int]], _ widths: [Double], _ heights: [Double]) -> (boxes: [TidyLayout.Box], bus: [Double?]))
        -> (boxes: [TidyLayout.Box], bus: [Double?])
    {
        let heights = sizes.map(\.height)
        var offset = [Double](repeating: 0, count: cards.count)
        var boxWidths = widths, boxHeights = heights
        for parent in cards.indices where !staffOf[parent].isEmpty {
            var (right, left) = (widths[parent] / 2, widths[parent] / 2)
            for (turn, staff) in staffOf[parent].enumerated() {
                if !bothSides || turn % 2 == 0 {
                    offset[staff] = right + Self.staffGap + widths[staff] / 2
                    right += Self.staffGap + widths[staff]
                } else {
                    offset[staff] = -(left + Self.staffGap + widths[staff] / 2)
                    left += Self.staffGap + widths[staff]
                }
                boxHeights[parent] = max(boxHeights[parent], heights[staff])
            }
            boxWidths[parent] = bothSides ? 2 * max(right, left) : left + right
        }
        let laidOut = cards.indices.filter { !beside[$0] }
        var row = [Int](repeating: -1, count: cards.count)
        for (number, card) in laidOut.enumerated() { row[card] = number }
        let placed = layout(laidOut.map { children[$0].map { row[$0] } }, laidOut.map { boxWidths[$0] }, laidOut.map { boxHeights[$0] })
        var boxes = [TidyLayout.Box](repeating: TidyLayout.Box(x: 0, y: 0, width: 0, height: 0), count: cards.count)
        var bus = [Double?](repeating: nil, count: cards.count)
        for (number, card) in laidOut.enumerated() {
            let box = placed.boxes[number]
            // A card's box is its own part of the box laid out: the centre, or with its staff all
            // to the right, the left.
            let x = bothSides || staffOf[card].isEmpty ? box.x : box.minX + widths[card] / 2
            boxes[card] = TidyLayout.Box(x: x, y: box.minY + boxHeights[card] / 2, width: widths[card], height: heights[card])
            bus[card] = placed.bus[number]
        }
        for staff in cards.indices where beside[staff] {
            let principal = boxes[cards[staff].parent!]
            boxes[staff] = TidyLayout.Box(x: principal.x + offset[staff], y: principal.y, width: widths[staff], height: heights[staff])
        }
        return (boxes, bus)
    }

    /// The tidy layout's boxes. With `stack` above 1, the leaf reports of a card that has more
    /// than ``stackAbove`` of them stand in columns of `stack` cards under it, so that a wide
    /// team does not make the chart a strip; the first of each column hangs from the card, each
    /// other from the one above it, and the line from the card runs down the column's left side.
    /// - Complexity: O(*n*).
    func tidyBoxes(stack: Int = 1) -> Placement {
        var (children, beside, staffOf) = layoutTree()
        var above = [Int?](repeating: nil, count: cards.count)
        var columns = [Int](repeating: -1, count: cards.count)
        if stack > 1 {
            let original = children
            for (parent, list) in original.enumerated() {
                let leaves = list.filter { original[$0].isEmpty && staffOf[$0].isEmpty }
                guard leaves.count > Self.stackAbove else { continue }
                var heads: [Int] = []
                for (offset, leaf) in leaves.enumerated() {
                    if offset % stack == 0 {
                        heads.append(leaf)
                        columns[leaf] = leaf
                    } else {
                        children[leaves[offset - 1]] = [leaf]
                        above[leaf] = leaves[offset - 1]
                        columns[leaf] = columns[leaves[offset - 1]]
                    }
                }
                children[parent] = heads + list.filter { !original[$0].isEmpty }
            }
        }
        var widths = sizes.map(\.width)
        // The cards of a column are as wide as its widest, so that the line down its left side
        // keeps the layout's gap from the column beside it.
        var widest: [Int: Double] = [:]
        for (index, head) in columns.enumerated() where head >= 0 { widest[head] = max(widest[head] ?? 0, widths[index]) }
        for (index, head) in columns.enumerated() where head >= 0 { widths[index] = widest[head]! }
        var (boxes, bus) = placeWithStaff(children: children, beside: beside, staffOf: staffOf, widths: widths, bothSides: true) {
            (TidyLayout(children: $0, widths: $1, heights: $2).layout(), [Double?](repeating: nil, count: $0.count))
        }
        // The line to a stacked card runs down 8 points left of its column.
        var columnLeft: [Int: Double] = [:]
        for (index, head) in columns.enumerated() where head >= 0 { columnLeft[head] = min(columnLeft[head] ?? boxes[index].minX, boxes[index].minX) }
        for (index, head) in columns.enumerated() where head >= 0 { bus[index] = columnLeft[head]! - 8 }
        return Placement(boxes: boxes, above: above, columns: columns, bus: bus)
    }

    /// The packed layout's boxes (``PackedLayout``), no subtree wider than `aspect` times its
    /// height where columns can help it; staff stand to the right of their card.
    /// - Complexity: O(*n* log *k*), *k* the most reports of one card.
    func packedBoxes(aspect: Double) -> Placement {
        let (children, beside, staffOf) = layoutTree()
        let (boxes, bus) = placeWithStaff(children: children, beside: beside, staffOf: staffOf, widths: sizes.map(\.width), bothSides: false) {
            let drawing = PackedLayout(children: $0, widths: $1, heights: $2).layout(aspect: aspect)
            return (drawing.boxes, drawing.bus)
        }
        return Placement(boxes: boxes, above: Array(repeating: nil, count: cards.count), columns: Array(repeating: -1, count: cards.count), bus: bus)
    }

    /// The cards as the interactive page knows them.
    func chartCards() -> [ChartCard] {
        cards.map { card in
            ChartCard(id: card.id, parent: card.parent.map { cards[$0].id },
                      lines: card.rows.map { $0.text.replacingOccurrences(of: "\n", with: " ") }, ids: card.ids)
        }
    }

    /// Whether each card is drawn beside its parent: a staff card without reports of its own.
    func besideParent() -> [Bool] {
        var hasReports = [Bool](repeating: false, count: cards.count)
        for card in cards { if let parent = card.parent { hasReports[parent] = true } }
        return cards.indices.map { cards[$0].staff && cards[$0].parent != nil && !hasReports[$0] }
    }

    /// Space between a card and the staff beside it.
    static let staffGap = 24.0
    /// The fill of a staff card.
    static let staffFill = "#eef3f8"
    /// The fill of a card that stands for cards on another page.
    static let pageLinkFill = "#fff4d6"

    /// A drawing at most `maxAspect` times as wide as it is high: the tidy layout when it is;
    /// else the smallest landscape drawing that is, of the tidy layout with columns of stacked
    /// leaves of each height tried and the packed layout with subtrees of each shape tried;
    /// when none is, the one nearest that shape.
    /// - Complexity: O(*n* log *n*): a layout for each column height tried, doubling, and for
    ///   each shape of subtree tried, halving.
    /// - Parameter flat: the unstacked layout, when it is already made.
    func tidyBoxes(maxAspect: Double, flat: Placement? = nil) -> Placement {
        var best = flat ?? tidyBoxes(stack: 1)
        func area(_ placement: Placement) -> Double {
            let size = Self.extent(placement.boxes)
            return size.width * size.height
        }
        // Landscape, like screens and pages, up to the widest shape asked for.
        let shapes = min(1, maxAspect / 4)...maxAspect
        func consider(_ next: Placement) {
            if Shape.better(Self.aspect(next.boxes), area(next), than: Self.aspect(best.boxes), area(best), within: shapes) { best = next }
        }
        guard Self.aspect(best.boxes) > maxAspect else { return best }
        // The tidy layout with columns of stacked leaves of each height, then the packed layout
        // of each shape: worked out side by side, weighed in this order.
        var candidates: [(stack: Int, shape: Double)] = []
        let most = mostLeaves()
        var stack = 2
        while most > Self.stackAbove, stack < most * 2 {
            candidates.append((stack, 0))
            stack *= 2
        }
        var shape = maxAspect * 16
        while shape >= maxAspect / 4 {
            candidates.append((0, shape))
            shape /= 2
        }
        let placements = Slots<Placement>(count: candidates.count)
        DispatchQueue.concurrentPerform(iterations: candidates.count) { [candidates] index in
            let (stack, shape) = candidates[index]
            placements.set(index, .success(stack > 0 ? tidyBoxes(stack: stack) : packedBoxes(aspect: shape)))
        }
        for index in candidates.indices { consider(try! placements.get(index)) }
        return best
    }

    /// The most leaf reports one card has: past that, taller columns change nothing.
    private func mostLeaves() -> Int {
        var leaves = [Int](repeating: 0, count: cards.count)
        var hasChildren = [Bool](repeating: false, count: cards.count)
        for card in cards { if let parent = card.parent { hasChildren[parent] = true } }
        for (index, card) in cards.enumerated() where !hasChildren[index] { if let parent = card.parent { leaves[parent] += 1 } }
        return leaves.max() ?? 0
    }

    /// The drawing that fits a page of `width` × `height` points at the largest scale (at most
    /// 1), of the tidy layout with columns of stacked leaves of each height and the packed
    /// layout of each shape; with the scale it is drawn at.
    func bestFit(width: Double, height: Double) -> (placement: Placement, scale: Double) {
        func scale(_ placement: Placement) -> Double {
            let size = Self.extent(placement.boxes)
            return min(1, size.width > 0 ? width / size.width : 1, size.height > 0 ? height / size.height : 1)
        }
        var best = tidyBoxes(stack: 1)
        var bestScale = scale(best)
        func consider(_ next: Placement) {
            let nextScale = scale(next)
            if nextScale > bestScale + 1e-9 {
                best = next
                bestScale = nextScale
            }
        }
        let most = mostLeaves()
        var stack = 2
        while bestScale < 1, most > Self.stackAbove, stack <= most {
            consider(tidyBoxes(stack: stack))
            stack += stack < 12 ? 1 : stack
        }
        var shape = width / height * 8
        while bestScale < 1, shape >= width / height / 8 {
            consider(packedBoxes(aspect: shape))
            shape /= 2
        }
        return (best, bestScale)
    }

    /// A card's leaf reports are stacked only when it has more than this many.
    static let stackAbove = 3

    /// Width and height of a drawing.
    static func extent(_ boxes: [TidyLayout.Box]) -> (width: Double, height: Double) {
        guard let minX = boxes.map(\.minX).min(), let maxX = boxes.map(\.maxX).max(),
            let minY = boxes.map(\.minY).min(), let maxY = boxes.map(\.maxY).max()
        else { return (0, 0) }
        return (maxX - minX, maxY - minY)
    }

    /// Width over height of a drawing.
    static func aspect(_ boxes: [TidyLayout.Box]) -> Double {
        let size = extent(boxes)
        return size.height > 0 ? size.width / size.height : 1
    }

    private func height(_ boxes: [TidyLayout.Box]) -> Double { boxes.map(\.maxY).max() ?? 0 }

    /// Statements for `nop2`: every card at its place, every line an elbow, or down the side of
    /// the column a card hangs in. The placement's y grows downwards from `top` (by default the
    /// bottom of its lowest card), Graphviz's upwards from 0.
    func pinnedStatements(_ placement: Placement, legend: Bool = true, top: Double? = nil) -> [DOTStatement] {
        let boxes = placement.boxes
        let top = top ?? height(boxes)
        @Sendable func node(_ index: Int) -> DOTStatement {
            let box = boxes[index]
            return .node(id: cards[index].id, nodeAttributes(cards[index]) + [
                DOTAttribute("pos", .keyword(Self.point(box.x, top - box.y))),
                DOTAttribute("width", .keyword(Self.number(box.width / 72))),
                DOTAttribute("height", .keyword(Self.number(box.height / 72))),
                DOTAttribute("fixedsize", .keyword("true")),
            ])
        }
        // The cards in pieces and the lines, side by side on a big chart; in order.
        let pieces = cards.count < 4096 ? 1 : 8, size = (cards.count + pieces - 1) / pieces
        let parts = Slots<[DOTStatement]>(count: pieces + 1)
        DispatchQueue.concurrentPerform(iterations: pieces + 1) { piece in
            parts.set(piece, .success(piece == pieces ? edgeStatements(pinned: boxes, bus: placement.bus, top: top)
                                                    : (min(cards.count, piece * size)..<min(cards.count, (piece + 1) * size)).map(node)))
        }
        var statements = (0..<pieces).flatMap { try! parts.get($0) }
        let edges = try! parts.get(pieces)
        guard legend else { return statements + edges }
        // The legend to the right of the tree, level with the root.
        statements.append(Self.pinnedLegend(legendRows(), left: (boxes.map(\.maxX).max() ?? 0) + 40, top: top))
        return statements + edges
    }

    /// A legend of `rows` for `nop2`, its top left corner at (`left`, `top`) in Graphviz's points.
    static func pinnedLegend(_ rows: [HTMLRow], left: Double, top: Double) -> DOTStatement {
        let width = (rows.map { OrgChart.textWidth($0.text, size: 9) }.max() ?? 100) + 30
        let height = Double(rows.count) * 14 + 16
        return .node(id: "legend", [
            DOTAttribute("label", .html(.table(rows))), DOTAttribute("style", .keyword("rounded,filled")),
            DOTAttribute("fillcolor", .keyword("#f7f7f7")),
            DOTAttribute("pos", .keyword(point(left + width / 2, top - height / 2))),
            DOTAttribute("width", .keyword(number(width / 72))),
            DOTAttribute("height", .keyword(number(height / 72))),
            DOTAttribute("fixedsize", .keyword("true")),
        ])
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func point(_ x: Double, _ y: Double) -> String { "\(number(x)),\(number(y))" }

    /// A line from the bottom of a parent to the top of a child, down, across and down, as the
    /// straight cubic segments Graphviz's `pos` takes.
    /// - Parameter below: where the lines under the parent may turn from: its bottom, or lower
    ///   when staff beside it are taller.
    static func elbow(from parent: TidyLayout.Box, to child: TidyLayout.Box, height top: Double, below: Double? = nil) -> String {
        let start = (parent.x, top - parent.maxY)
        let end = (child.x, top - child.minY)
        // Every child's line turns at the same height under its parent, however tall the child.
        let middle = top - max(parent.maxY, below ?? parent.maxY) - levelTurn
        let points = [start, (start.0, middle), (end.0, middle), end]
        var spline = [points[0]]
        for (a, b) in zip(points, points.dropFirst()) { spline += [a, b, b] }
        return spline.map { point($0.0, $0.1) }.joined(separator: " ")
    }

    /// How far under a parent its lines turn across: half the tidy layout's gap between levels,
    /// which always lies between a card and the top of its children.
    static let levelTurn = 20.0

    /// A line from the bottom of a parent to a card of a stacked column: down, across to the
    /// column's left side (`left`), down beside the column and into the card's left edge.
    static func bus(from parent: TidyLayout.Box, left: Double, to child: TidyLayout.Box, height top: Double, below: Double? = nil) -> String {
        let start = (parent.x, top - parent.maxY)
        let middle = top - max(parent.maxY, below ?? parent.maxY) - levelTurn
        let end = (child.minX, top - child.y)
        let points = [start, (start.0, middle), (left, middle), (left, end.1), end]
        var spline = [points[0]]
        for (a, b) in zip(points, points.dropFirst()) { spline += [a, b, b] }
        return spline.map { point($0.0, $0.1) }.joined(separator: " ")
    }

    /// What the marks mean; staff only when the chart has some.
    func legendRows(paged: Bool = false) -> [HTMLRow] {
        [
            HTMLRow("Legend", bold: true),
            HTMLRow("dashed box: vacant post", pointSize: 9),
            HTMLRow("dotted box, †: inferred (the source implies it)", pointSize: 9),
            HTMLRow("grey line: implied by the unit tree", pointSize: 9),
            HTMLRow("blue dashed line: dotted-line report", pointSize: 9),
        ] + (cards.contains { $0.staff } ? [HTMLRow("shaded box: staff (assistant, advisor) of the card it is joined to", pointSize: 9)] : [])
            + (paged || cards.contains { $0.pageLink } ? [HTMLRow("amber box: continued on the page it names", pointSize: 9)] : [])
    }

    /// A flat line from the side of a card to a staff card beside it, level with their centres.
    static func side(from principal: TidyLayout.Box, to staff: TidyLayout.Box, height top: Double) -> String {
        let y = top - staff.y
        let (start, end) = staff.x > principal.x ? (principal.maxX, staff.minX) : (principal.minX, staff.maxX)
        return [point(start, y), point(start, y), point(end, y), point(end, y)].joined(separator: " ")
    }

    func legend() -> DOTStatement {
        let rows = legendRows()
        return .subgraph(id: "cluster_legend", [DOTAttribute("style", .keyword("invis"))], [
            .node(id: "legend", [DOTAttribute("label", .html(.table(rows))), DOTAttribute("style", .keyword("rounded,filled")),
                                 DOTAttribute("fillcolor", .keyword("#f7f7f7"))]),
        ])
    }
}
