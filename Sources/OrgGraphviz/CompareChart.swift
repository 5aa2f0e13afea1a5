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

        /// What the chart writes on a unit's card on one side, besides a rename and a new head:
        /// a line a change, each in its colour, the first colouring the border; on the old side,
        /// what is gone is dashed.
        /// - Parameters:
        ///   - stays: whether the unit is in the new version.
        ///   - name: a unit's name in the new version (true) or the old.
        func marks(_ id: UnitID, isAfter: Bool, stays: Bool, name: (UnitID, Bool) -> String) -> (lines: [(text: String, color: String)], dashed: Bool) {
            func names(_ ids: [UnitID], after: Bool) -> String { ids.map { name($0, after) }.joined(separator: ", ") }
            var lines: [(String, String)] = []
            if isAfter {
                if added.contains(id) { lines.append(("new unit", green)) }
                if let whole = splitFrom[id] { lines.append(("split from \(names([whole], after: false))", purple)) }
                if let sources = mergedFrom[id] { lines.append(("merged from \(names(sources, after: false))", purple)) }
                if let parts = splitInto[id] { lines.append(("split into \(names(parts, after: true))", purple)) }
                if let from = moved[id] { lines.append(("moved from \(from.map { name($0, false) } ?? "the top")", blue)) }
                return (lines, false)
            }
            if let into = mergedInto[id] { return ([("merged into \(names([into], after: true))", purple)], true) }
            if !stays, let parts = splitInto[id] { return ([("split into \(names(parts, after: true)); ended", purple)], true) }
            if removed.contains(id) { return ([("removed", red)], true) }
            return ([], false)
        }

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
        func unitName(_ id: UnitID, inAfter: Bool) -> String { (inAfter ? after : before).units[id].map { name($0.name) } ?? id.rawValue }
        func personNames(_ org: Org, _ people: [PersonID]) -> String {
            people.isEmpty ? "vacant" : people.map { org.people[$0].map { name($0.name) } ?? $0.rawValue }.joined(separator: " / ")
        }
        /// What a unit of both versions says of its head when it changed; nil when it did not.
        func newHead(_ id: UnitID) -> String? {
            let head = heads(after, newIndex, id)
            guard before.units[id] != nil, !head.isEmpty || newIndex.headPost[id] != nil else { return nil }
            let oldHead = heads(before, oldIndex, id)
            return oldHead == head ? nil : "new head: \(personNames(after, head)) (was \(personNames(before, oldHead)))"
        }
        let (title, labels) = names(before, after, beforeLabel, afterLabel)
        let legendLines = [
            ("old → new: renamed", orange), ("blue, dashed arrow: moved from the old parent", blue),
            ("new head (was ...): head changed", orange), ("green: added", green), ("purple: merged or split", purple),
            ("red, dashed: removed", red),
        ]

        // Big or wide trees as the people view draws them: each side by the tidy layout, with
        // the same marks written on the render's unit cards (dot drew the Kubernetes SIGs' 2023
        // and 2026 trees as a strip 49,192 points wide and 411 high).
        let plain = ChartOptions(view: .units, language: language)
        if before.units.count + after.units.count >= OrgChart.stackFrom,
            var old = try? CardTree(org: before, options: plain), var new = try? CardTree(org: after, options: plain)
        {
            old.indexIDs()
            new.indexIDs()
            for (isAfter, org) in [(false, before), (true, after)] {
                for id in org.units.keys {
                    if isAfter, let from = renamed[id] { new.retitle(id.rawValue, "\(name(from)) → \(name(org.units[id]!.name))", orange) }
                    let marked = units.marks(id, isAfter: isAfter, stays: after.units[id] != nil, name: unitName)
                    for line in marked.lines {
                        if isAfter { new.mark(id.rawValue, line.text, line.color) } else { old.mark(id.rawValue, line.text, line.color, gone: marked.dashed) }
                    }
                    if isAfter, let change = newHead(id) { new.mark(id.rawValue, change, orange) }
                }
            }
            // No arrows here: a moved unit is blue.
            let legend = legendLines.map { $0.1 == blue ? ("blue: moved from the old parent", blue) : $0 }
            if let pinned = sideBySide(old, new, labels: labels, legend: legend, maxAspect: 4) {
                var graph = OrgChart.baseGraph(org: after, options: ChartOptions(language: language, title: title))
                graph.statements = pinned.statements
                graph.attributes.append(DOTAttribute("splines", .keyword("line")))
                return Chart(graph: graph, engine: "nop2", boxes: pinned.boxes, listedCards: listedCards(old, new))
            }
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

        var graph = OrgChart.baseGraph(org: after, options: ChartOptions(language: language, title: title))
        graph.attributes += [DOTAttribute("newrank", .keyword("true")), DOTAttribute("ordering", .keyword("out"))]

        var cards: [ChartCard] = []
        func side(_ org: Org, _ index: OrgIndex, prefix: String, label: String, isAfter: Bool) -> DOTStatement {
            var statements: [DOTStatement] = []
            for id in order {
                guard let unit = org.units[id] else { continue }
                var rows = [HTMLRow(name(unit.name), bold: true)]
                if isAfter, let old = renamed[id] { rows = [HTMLRow("\(name(old)) → \(name(unit.name))", bold: true, color: orange)] }
                let marked = units.marks(id, isAfter: isAfter, stays: after.units[id] != nil, name: unitName)
                rows += marked.lines.map { HTMLRow($0.text, pointSize: 9, color: $0.color) }
                var color = marked.lines.last?.color
                let style = marked.dashed ? "rounded,dashed" : "rounded"
                let fill = !isAfter ? nil : units.splitFrom[id] != nil ? "#efe8f6" : units.added.contains(id) ? "#e5f5e0" : nil
                let head = heads(org, index, id)
                if !head.isEmpty || index.headPost[id] != nil {
                    if isAfter, let change = newHead(id) {
                        rows.append(HTMLRow(change, bold: true, color: orange))
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
            side(before, oldIndex, prefix: "b", label: labels.0, isAfter: false),
            side(after, newIndex, prefix: "a", label: labels.1, isAfter: true),
        ]
        // Anchors: a unit at the same depth on both sides shares a rank.
        for (position, id) in order.enumerated() where before.units[id] != nil && after.units[id] != nil
            && before.depth(of: id) == after.depth(of: id)
        {
            graph.statements.append(.subgraph(id: "rank\(position)", [DOTAttribute("rank", .keyword("same"))], [
                .node(id: "b\(position)", []), .node(id: "a\(position)", []),
            ]))
        }
        graph.statements.append(legend(legendLines))
        return Chart(graph: graph, engine: "dot", boxes: nil, listedCards: cards)
    }

    /// A comparison's title and its two sides' labels: the versions' labels as given, else the
    /// days they describe.
    static func names(_ before: Org, _ after: Org, _ beforeLabel: String?, _ afterLabel: String?) -> (title: String, labels: (String, String)) {
        let (old, new) = (beforeLabel ?? before.asOf?.description, afterLabel ?? after.asOf?.description)
        return ("\(old ?? "before") → \(new ?? "after")", ("Before · \(old ?? "")", "After · \(new ?? "")"))
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
