import OrgGraph

extension CompareChart {
    /// Both versions' reporting trees side by side, one card a person, each change the diff
    /// reports of posts and people written on the card it concerns: on the new side what was
    /// added, moved (a new solid line or unit), retitled, renamed, given a new holder or a new
    /// dotted line; on the old side what was removed or left.
    public static func makePeople(before: Org, after: Org, language: LanguagePreference = .both,
                                  beforeLabel: String? = nil, afterLabel: String? = nil, maxAspect: Double = 4) throws(ChartError) -> Chart {
        let ops = after.difference(from: before).changes.map(\.op)
        let options = ChartOptions(view: .people, language: language)
        var old = try CardTree(org: before, options: options)
        var new = try CardTree(org: after, options: options)
        old.indexIDs()
        new.indexIDs()
        func name(_ text: LocalizedText) -> String { OrgChart.clip(text.display(language)) }
        func people(_ org: Org, _ ids: [PersonID]) -> String {
            ids.isEmpty ? "vacant" : ids.map { org.people[$0].map { name($0.name) } ?? $0.rawValue }.joined(separator: " / ")
        }
        func line(_ line: ReportingLine?) -> String {
            guard let line else { return "the head of their unit (implied)" }
            return after.posts[line.to].map { people(after, $0.holders) } ?? line.to.rawValue
        }
        // What each change says on the card of its subject, in which colour; on the old side
        // when what it is about is gone.
        for op in ops {
            let written: (text: String, color: String, gone: Bool)
            switch op {
            case .addPost: written = ("new post", green, false)
            case .addPerson: written = ("joined", green, false)
            case .appoint(_, _, let replaces): written = (replaces.isEmpty ? "appointed" : "new holder (was \(people(before, replaces)))", orange, false)
            case .setReportsTo(_, _, let to): written = ("now reports to \(line(to))", blue, false)
            case .setAttribute(_, "unit", _, .text(let unit)?): written = ("moved to \(after.units[UnitID(unit)].map { name($0.name) } ?? unit)", blue, false)
            case .setAttribute(_, let field, _, let to) where field == "head" || field == "staff":
                written = ((to == .text("true") ? "now " : "no longer ") + (field == "head" ? "the head of its unit" : "a staff post"), orange, false)
            case .retitlePost(_, let from, _): written = ("retitled (was \(name(from)))", orange, false)
            case .renamePerson(_, let from, _): written = ("renamed (was \(name(from)))", orange, false)
            case .setStatus(_, let from, let to): written = ("\(from.rawValue) → \(to.rawValue)", orange, false)
            case .addDotted, .removeDotted: written = ("dotted line changed", blue, false)
            case .removePost: written = ("post removed", red, true)
            case .removePerson: written = ("left", red, true)
            case .vacate(_, let person): written = ("\(people(before, [person])) left the post", red, true)
            default: continue
            }
            if written.gone {
                old.mark(op.subject, written.text, written.color, gone: true)
            } else {
                new.mark(op.subject, written.text, written.color)
            }
        }
        let (title, labels) = names(before, after, beforeLabel, afterLabel)
        var graph = OrgChart.baseGraph(org: after, options: ChartOptions(language: language, title: title))
        let legendLines = [
            ("green: new post or person", green), ("blue: new solid or dotted line, or unit", blue),
            ("orange: new holder, title, name or status", orange), ("red, dashed: removed or left", red),
        ]
        let listed = listedCards(old, new)
        // Big or wide trees as render draws them: each side by the tidy layout, its wide teams
        // stacked in columns, the two side by side within the widest shape (dot drew a
        // 216-person Cabinet Office as a strip 65 times as wide as high).
        if let pinned = sideBySide(old, new, labels: labels, legend: legendLines, maxAspect: maxAspect) {
            graph.statements = pinned.statements
            graph.attributes.append(DOTAttribute("splines", .keyword("line")))
            return Chart(graph: graph, engine: "nop2", boxes: pinned.boxes, listedCards: listed)
        }
        func side(_ tree: CardTree, _ org: Org, prefix: String, label: String) -> DOTStatement {
            .subgraph(id: "cluster_\(prefix)", [
                DOTAttribute("label", .text(label)), DOTAttribute("style", .keyword("rounded")), DOTAttribute("color", .keyword("#bbbbbb")),
                DOTAttribute("fontname", .keyword(OrgChart.fontList)), DOTAttribute("fontsize", .number(13)),
            ], tree.layeredStatements(org: org, prefix: prefix))
        }
        graph.statements = [side(old, before, prefix: "b", label: labels.0), side(new, after, prefix: "a", label: labels.1)]
        graph.statements.append(legend(legendLines))
        return Chart(graph: graph, engine: "dot", boxes: nil, listedCards: listed)
    }

    /// The cards of both sides, the old one's `b`… and the new one's `a`…
    static func listedCards(_ old: CardTree, _ new: CardTree) -> [ChartCard] {
        func cards(_ tree: CardTree, _ prefix: String) -> [ChartCard] {
            tree.chartCards().map { ChartCard(id: prefix + $0.id, parent: $0.parent.map { prefix + $0 }, lines: $0.lines, ids: $0.ids) }
        }
        return cards(old, "b") + cards(new, "a")
    }

    /// The two trees by the tidy layout, the old one's cards `b`… and the new one's `a`…, side by
    /// side under their labels, the legend to the right; nil when they are small, and `dot`'s
    /// drawing of the two side by side would be within `maxAspect` (render's rule for one tree).
    static func sideBySide(_ old: CardTree, _ new: CardTree, labels: (String, String), legend: [(text: String, color: String)],
                           maxAspect: Double) -> (statements: [DOTStatement], boxes: [TidyLayout.Box])? {
        let count = old.cards.count + new.cards.count
        guard count >= OrgChart.stackFrom else { return nil }
        let gap = 80.0, labelHeight = 30.0
        func joined(_ left: [TidyLayout.Box], _ right: [TidyLayout.Box]) -> (boxes: [TidyLayout.Box], shift: Double) {
            let shift = (left.map(\.maxX).max() ?? 0) + gap - (right.map(\.minX).min() ?? 0)
            return (left + right.map { var box = $0; box.x += shift; return box }, shift)
        }
        let flat = (old.tidyBoxes(stack: 1), new.tidyBoxes(stack: 1))
        guard count > OrgChart.tidyThreshold || CardTree.aspect(joined(flat.0.boxes, flat.1.boxes).boxes) > maxAspect else { return nil }
        // Each side within half the shape, so that the two side by side are within it.
        var placements = (old.tidyBoxes(maxAspect: maxAspect / 2, flat: flat.0), new.tidyBoxes(maxAspect: maxAspect / 2, flat: flat.1))
        let (boxes, shift) = joined(placements.0.boxes, placements.1.boxes)
        placements.1.boxes = Array(boxes[placements.0.boxes.count...])
        placements.1.bus = placements.1.bus.map { $0.map { $0 + shift } }
        // Both trees' tops level, under their labels (in a band of their own above them).
        let top = boxes.map(\.maxY).max() ?? 0
        func prefixed(_ tree: CardTree, _ prefix: String) -> CardTree {
            var tree = tree
            for index in tree.cards.indices { tree.cards[index].id = prefix + tree.cards[index].id }
            return tree
        }
        func label(_ text: String, over placement: CardTree.Placement, id: String) -> DOTStatement {
            let left = placement.boxes.map(\.minX).min() ?? 0
            return .node(id: id, [
                DOTAttribute("label", .text(text)), DOTAttribute("shape", .keyword("plaintext")), DOTAttribute("fontsize", .number(13)),
                DOTAttribute("pos", .keyword(CardTree.point(left + OrgChart.textWidth(text, size: 13) / 2, top + labelHeight / 2))),
            ])
        }
        var statements = prefixed(old, "b").pinnedStatements(placements.0, legend: false, top: top)
            + prefixed(new, "a").pinnedStatements(placements.1, legend: false, top: top)
        statements += [label(labels.0, over: placements.0, id: "label_b"), label(labels.1, over: placements.1, id: "label_a")]
        statements.append(CardTree.pinnedLegend([HTMLRow("Changes", bold: true)] + legend.map { HTMLRow($0.text, pointSize: 9, color: $0.color) },
                                                left: (boxes.map(\.maxX).max() ?? 0) + 40, top: top))
        return (statements, boxes)
    }
}

extension CardTree {
    /// Finds cards by the ids they stand for, for ``mark(_:_:_:gone:)``.
    mutating func indexIDs() {
        cardOfID = [:]
        for (index, card) in cards.enumerated() { for id in card.ids where cardOfID[id] == nil { cardOfID[id] = index } }
    }

    /// Writes a card's first line anew (a unit renamed, 'old → new'), in a colour that its
    /// border takes unless a change has coloured it already.
    mutating func retitle(_ id: String, _ text: String, _ color: String) {
        guard let index = cardOfID[id] else { return }
        cards[index].rows[0] = HTMLRow(OrgChart.wrap(OrgChart.clip(text), size: 11, bold: true), bold: true, color: color)
        if cards[index].markColor == nil { cards[index].markColor = color }
        sizes[index] = Self.measure(cards[index])
    }

    /// Writes a change on the card that stands for a post or person (if the chart has one), in
    /// its colour; the card's border takes the colour of its first change.
    mutating func mark(_ id: String, _ text: String, _ color: String, gone: Bool = false) {
        guard let index = cardOfID[id] else { return }
        cards[index].rows.append(HTMLRow(OrgChart.wrap(OrgChart.clip(text), size: 9), pointSize: 9, color: color))
        // Measured again: the layouts place cards by their sizes.
        sizes[index] = Self.measure(cards[index])
        if cards[index].markColor == nil { cards[index].markColor = color }
        if gone { cards[index].markDashed = true }
    }
}
