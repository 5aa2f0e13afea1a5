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
        for op in ops {
            switch op {
            case .addPost(let post): new.mark(post.id.rawValue, "new post", green)
            case .addPerson(let person): new.mark(person.id.rawValue, "joined", green)
            case .appoint(let post, _, let replaces):
                new.mark(post.rawValue, replaces.isEmpty ? "appointed" : "new holder (was \(people(before, replaces)))", orange)
            case .setReportsTo(let post, _, let to): new.mark(post.rawValue, "now reports to \(line(to))", blue)
            case .setAttribute(let target, "unit", _, .text(let unit)?):
                new.mark(target, "moved to \(after.units[UnitID(unit)].map { name($0.name) } ?? unit)", blue)
            case .setAttribute(let target, let field, _, let to) where field == "head" || field == "staff":
                new.mark(target, (to == .text("true") ? "now " : "no longer ") + (field == "head" ? "the head of its unit" : "a staff post"), orange)
            case .retitlePost(let post, let from, _): new.mark(post.rawValue, "retitled (was \(name(from)))", orange)
            case .renamePerson(let person, let from, _): new.mark(person.rawValue, "renamed (was \(name(from)))", orange)
            case .setStatus(let person, let from, let to): new.mark(person.rawValue, "\(from.rawValue) → \(to.rawValue)", orange)
            case .addDotted(let post, _), .removeDotted(let post, _): new.mark(post.rawValue, "dotted line changed", blue)
            case .removePost(let post): old.mark(post.id.rawValue, "post removed", red, gone: true)
            case .removePerson(let person): old.mark(person.id.rawValue, "left", red, gone: true)
            case .vacate(let post, let person): old.mark(post.rawValue, "\(people(before, [person])) left the post", red, gone: true)
            default: break
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
        return Chart(graph: graph, engine: "dot", boxes: nil, cards: cards(old, "b") + cards(new, "a"))
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
