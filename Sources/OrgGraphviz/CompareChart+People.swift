import OrgGraph

extension CompareChart {
    /// Both versions' reporting trees side by side, one card a person, each change the diff
    /// reports of posts and people written on the card it concerns: on the new side what was
    /// added, moved (a new solid line or unit), retitled, renamed, given a new holder or a new
    /// dotted line; on the old side what was removed or left.
    public static func makePeople(before: Org, after: Org, language: LanguagePreference = .both,
                                  beforeLabel: String? = nil, afterLabel: String? = nil) throws(ChartError) -> Chart {
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
        var graph = OrgChart.baseGraph(org: after, options: ChartOptions(language: language, title: "\(beforeLabel ?? before.asOf?.description ?? "before") → \(afterLabel ?? after.asOf?.description ?? "after")"))
        func side(_ tree: CardTree, _ org: Org, prefix: String, label: String) -> DOTStatement {
            .subgraph(id: "cluster_\(prefix)", [
                DOTAttribute("label", .text(label)), DOTAttribute("style", .keyword("rounded")), DOTAttribute("color", .keyword("#bbbbbb")),
                DOTAttribute("fontname", .keyword(OrgChart.fontList)), DOTAttribute("fontsize", .number(13)),
            ], tree.layeredStatements(org: org, prefix: prefix))
        }
        graph.statements = [
            side(old, before, prefix: "b", label: "Before · \(beforeLabel ?? before.asOf?.description ?? "")"),
            side(new, after, prefix: "a", label: "After · \(afterLabel ?? after.asOf?.description ?? "")"),
        ]
        graph.statements.append(legend([
            ("green: new post or person", green), ("blue: new solid or dotted line, or unit", blue),
            ("orange: new holder, title, name or status", orange), ("red, dashed: removed or left", red),
        ]))
        func cards(_ tree: CardTree, _ prefix: String) -> [ChartCard] {
            tree.chartCards().map { ChartCard(id: prefix + $0.id, parent: $0.parent.map { prefix + $0 }, lines: $0.lines, ids: $0.ids) }
        }
        return Chart(graph: graph, engine: "dot", boxes: nil, listedCards: cards(old, "b") + cards(new, "a"))
    }
}

extension CardTree {
    /// Finds cards by the ids they stand for, for ``mark(_:_:_:gone:)``.
    mutating func indexIDs() {
        cardOfID = [:]
        for (index, card) in cards.enumerated() { for id in card.ids where cardOfID[id] == nil { cardOfID[id] = index } }
    }

    /// Writes a change on the card that stands for a post or person (if the chart has one), in
    /// its colour; the card's border takes the colour of its first change.
    mutating func mark(_ id: String, _ text: String, _ color: String, gone: Bool = false) {
        guard let index = cardOfID[id] else { return }
        cards[index].rows.append(HTMLRow(OrgChart.wrap(OrgChart.clip(text), size: 9), pointSize: 9, color: color))
        if cards[index].markColor == nil { cards[index].markColor = color }
        if gone { cards[index].markDashed = true }
    }
}
