import OrgGraph

/// Two versions of an org's unit tree side by side, drawn with the same anchors, the changes
/// between them marked.
public enum CompareChart {
    static let green = "#2ca02c", red = "#d62728", blue = "#1f77b4", orange = "#e6550d", purple = "#9467bd"

    /// What the diff says of the units, as the chart marks them: the one source of its marks.
    struct UnitChanges {
        var added: Set<UnitID> = [], removed: Set<UnitID> = []
        var renamed: [UnitID: LocalizedText] = [:]
        /// Units moved, with their old parent (nil: the top); sub-units a merge or split takes along too.
        var moved: [UnitID: UnitID?] = [:]
        /// A merge's sources, by the unit they went into; and each source that ended, its target.
        var mergedFrom: [UnitID: [UnitID]] = [:], mergedInto: [UnitID: UnitID] = [:]
        /// A split's parts, by the unit split; and each part, the unit it came from.
        var splitInto: [UnitID: [UnitID]] = [:], splitFrom: [UnitID: UnitID] = [:]

        init(_ changes: [ChangeOp]) {
            for op in changes {
                switch op {
                case .addUnit(let unit): added.insert(unit.id)
                case .removeUnit(let unit): removed.insert(unit.id)
                case .renameUnit(let id, let from, _): renamed[id] = from
                case .moveUnit(let id, let from, _): moved[id] = from
                case .mergeUnits(let into, let sources):
                    for source in sources {
                        mergedFrom[into, default: []].append(source.unit)
                        if source.record != nil { mergedInto[source.unit] = into }
                        for unit in source.units { moved[unit] = source.unit }
                    }
                case .splitUnit(let id, _, let parts):
                    for part in parts {
                        splitInto[id, default: []].append(part.unit)
                        splitFrom[part.unit] = id
                        for unit in part.units { moved[unit] = id }
                    }
                default: break
                }
            }
        }
    }

    /// Builds the chart. Units are matched by id; a unit keeps its order in both trees, so one
    /// that did not change stands at the same place on both sides.
    public static func make(before: Org, after: Org, language: LanguagePreference = .both,
                            beforeLabel: String? = nil, afterLabel: String? = nil) -> Chart {
        let units = UnitChanges(after.difference(from: before).changes.map(\.op))
        let (renamed, moved) = (units.renamed, units.moved)
        let oldIndex = OrgIndex(before)
        let newIndex = OrgIndex(after)
        func heads(_ org: Org, _ index: OrgIndex, _ unit: UnitID) -> [PersonID] {
            index.headPost[unit].flatMap { org.posts[$0]?.holders } ?? []
        }
        func name(_ text: LocalizedText) -> String { OrgChart.clip(text.display(language)) }
        func personNames(_ org: Org, _ people: [PersonID]) -> String {
            people.isEmpty ? "vacant" : people.map { org.people[$0].map { name($0.name) } ?? $0.rawValue }.joined(separator: " / ")
        }

        // One order for both sides: the new version's, each unit that went right after the
        // unit before it in the old version's order (the first, if it went, first).
        var following: [UnitID: UnitID] = [:]
        var first: UnitID?
        var previous: UnitID?
        for id in before.units.keys {
            if after.units[id] == nil {
                if let previous { following[previous] = id } else { first = id }
            }
            previous = id
        }
        var order: [UnitID] = []
        func place(_ id: UnitID) {
            var next: UnitID? = id
            while let unit = next {
                order.append(unit)
                next = following[unit]
            }
        }
        if let first { place(first) }
        for id in after.units.keys { place(id) }
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })

        var graph = OrgChart.baseGraph(org: after, options: ChartOptions(language: language, title: "\(beforeLabel ?? before.asOf?.description ?? "before") → \(afterLabel ?? after.asOf?.description ?? "after")"))
        graph.attributes += [DOTAttribute("newrank", .keyword("true")), DOTAttribute("ordering", .keyword("out"))]

        var cards: [ChartCard] = []
        func side(_ org: Org, _ index: OrgIndex, prefix: String, label: String, isAfter: Bool) -> DOTStatement {
            var statements: [DOTStatement] = []
            for id in order {
                guard let unit = org.units[id] else { continue }
                var rows = [HTMLRow(name(unit.name), bold: true)]
                var color: String?
                var style = "rounded"
                var fill: String?
                func names(_ ids: [UnitID], in org: Org) -> String { ids.map { org.units[$0].map { name($0.name) } ?? $0.rawValue }.joined(separator: ", ") }
                if isAfter {
                    if let old = renamed[id] {
                        rows = [HTMLRow("\(name(old)) → \(name(unit.name))", bold: true, color: orange)]
                    }
                    if units.added.contains(id) {
                        fill = "#e5f5e0"
                        color = green
                        rows.append(HTMLRow("new unit", pointSize: 9, color: green))
                    }
                    if let whole = units.splitFrom[id] {
                        fill = "#efe8f6"
                        color = purple
                        rows.append(HTMLRow("split from \(names([whole], in: before))", pointSize: 9, color: purple))
                    }
                    if let sources = units.mergedFrom[id] {
                        color = purple
                        rows.append(HTMLRow("merged from \(names(sources, in: before))", pointSize: 9, color: purple))
                    }
                    if let parts = units.splitInto[id] {
                        color = purple
                        rows.append(HTMLRow("split into \(names(parts, in: after))", pointSize: 9, color: purple))
                    }
                    if let from = moved[id] {
                        color = blue
                        let origin = from.flatMap { before.units[$0] }.map { name($0.name) } ?? "the top"
                        rows.append(HTMLRow("moved from \(origin)", pointSize: 9, color: blue))
                    }
                } else if let into = units.mergedInto[id] {
                    color = purple
                    style += ",dashed"
                    rows.append(HTMLRow("merged into \(names([into], in: after))", pointSize: 9, color: purple))
                } else if after.units[id] == nil, let parts = units.splitInto[id] {
                    color = purple
                    style += ",dashed"
                    rows.append(HTMLRow("split into \(names(parts, in: after)); ended", pointSize: 9, color: purple))
                } else if units.removed.contains(id) {
                    color = red
                    style += ",dashed"
                    rows.append(HTMLRow("removed", pointSize: 9, color: red))
                }
                let head = heads(org, index, id)
                if !head.isEmpty || index.headPost[id] != nil {
                    let oldHead = before.units[id] != nil ? heads(before, oldIndex, id) : []
                    if isAfter, before.units[id] != nil, oldHead != head {
                        rows.append(HTMLRow("new head: \(personNames(org, head)) (was \(personNames(before, oldHead)))", bold: true, color: orange))
                        color = color ?? orange
                    } else {
                        rows.append(HTMLRow("head: \(personNames(org, head))", pointSize: 10))
                    }
                }
                var attributes = [DOTAttribute("label", .html(.table(rows)))]
                attributes += Facts.tooltip(Facts(org: org, language: language).unit(unit, head: index.headPost[id].flatMap { org.posts[$0] }))
                if style != "rounded" { attributes.append(DOTAttribute("style", .keyword(style))) }
                if let fill {
                    attributes.append(DOTAttribute("style", .keyword(style + ",filled")))
                    attributes.append(DOTAttribute("fillcolor", .keyword(fill)))
                }
                if let color {
                    attributes.append(DOTAttribute("color", .keyword(color)))
                    attributes.append(DOTAttribute("penwidth", .number(2)))
                }
                statements.append(.node(id: "\(prefix)\(position[id]!)", attributes))
                let parent = unit.parent.flatMap { org.units[$0] != nil ? "\(prefix)\(position[$0]!)" : nil }
                cards.append(ChartCard(id: "\(prefix)\(position[id]!)", parent: parent, lines: rows.map(\.text),
                                       ids: [id.rawValue] + head.map(\.rawValue)))
            }
            for id in order {
                guard let parent = org.units[id]?.parent, org.units[parent] != nil else { continue }
                var attributes: [DOTAttribute] = []
                if isAfter, moved[id] != nil { attributes.append(DOTAttribute("color", .keyword(blue))) }
                statements.append(.edge(from: "\(prefix)\(position[parent]!)", to: "\(prefix)\(position[id]!)", attributes))
            }
            if isAfter {
                for (id, from) in moved.sorted(by: { $0.key < $1.key }) {
                    guard let from, after.units[from] != nil, let fromIndex = position[from], let toIndex = position[id] else { continue }
                    statements.append(.edge(from: "\(prefix)\(fromIndex)", to: "\(prefix)\(toIndex)", [
                        DOTAttribute("style", .keyword("dashed")), DOTAttribute("color", .keyword(blue)),
                        DOTAttribute("constraint", .keyword("false")), DOTAttribute("arrowhead", .keyword("normal")),
                        DOTAttribute("xlabel", .text("moved")), DOTAttribute("fontcolor", .keyword(blue)), DOTAttribute("fontsize", .number(9)),
                    ]))
                }
            }
            return .subgraph(id: "cluster_\(prefix)", [
                DOTAttribute("label", .text(label)), DOTAttribute("style", .keyword("rounded")), DOTAttribute("color", .keyword("#bbbbbb")),
                DOTAttribute("fontname", .keyword(OrgChart.fontList)), DOTAttribute("fontsize", .number(13)),
            ], statements)
        }

        graph.statements = [
            side(before, oldIndex, prefix: "b", label: "Before · \(beforeLabel ?? before.asOf?.description ?? "")", isAfter: false),
            side(after, newIndex, prefix: "a", label: "After · \(afterLabel ?? after.asOf?.description ?? "")", isAfter: true),
        ]
        // Anchors: a unit at the same depth on both sides shares a rank.
        for (position, id) in order.enumerated() where before.units[id] != nil && after.units[id] != nil
            && before.depth(of: id) == after.depth(of: id)
        {
            graph.statements.append(.subgraph(id: "rank\(position)", [DOTAttribute("rank", .keyword("same"))], [
                .node(id: "b\(position)", []), .node(id: "a\(position)", []),
            ]))
        }
        graph.statements.append(legend([
            ("old → new: renamed", orange), ("blue, dashed arrow: moved from the old parent", blue),
            ("new head (was ...): head changed", orange), ("green: added", green), ("purple: merged or split", purple),
            ("red, dashed: removed", red),
        ]))
        return Chart(graph: graph, engine: "dot", boxes: nil, listedCards: cards)
    }

    /// A comparison's legend, a line a kind of change in its colour, beside the two sides.
    static func legend(_ lines: [(text: String, color: String)]) -> DOTStatement {
        let rows = [HTMLRow("Changes", bold: true)] + lines.map { HTMLRow($0.text, pointSize: 9, color: $0.color) }
        return .subgraph(id: "cluster_legend", [DOTAttribute("style", .keyword("invis"))], [
            .node(id: "legend", [DOTAttribute("label", .html(.table(rows))), DOTAttribute("style", .keyword("rounded,filled")),
                                 DOTAttribute("fillcolor", .keyword("#f7f7f7"))]),
        ])
    }
}
