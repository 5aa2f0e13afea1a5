import Foundation
import OrgGraph
import Testing

@testable import OrgGraphviz

/// `compare` and `diff` agree: every unit change the diff reports is marked in the comparison,
/// as what it is, and nothing else is marked.
@Suite struct CompareTests {
    static let organograms = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/datasets/uk-gov-organograms")

    static func organogram(_ stem: String) throws -> Org {
        let base = organograms.appendingPathComponent(stem).path
        return try OrganogramImport(seniorFile: base + "-senior.csv", juniorFile: base + "-junior.csv").run().core.org()
    }

    /// The Kubernetes SIGs' unit tree on a day of the dataset, as `import units` reads it.
    static func sigs(_ day: String) throws -> Org {
        let folder = organograms.deletingLastPathComponent().appendingPathComponent("kubernetes-community-sigs/\(day)")
        return try UnitTableImport(unitsFile: folder.appendingPathComponent("derived_units.csv").path,
                                   membersFile: folder.appendingPathComponent("derived_leadership.csv").path).run().core.org()
    }

    static func pair(_ name: String) throws -> (Org, Org) {
        switch name {
        case "kubernetes sigs": return (try sigs("2023-05-31"), try sigs("2026-08-18"))
        case "kuaishou": return (try kuaishou("2025-09-29"), try kuaishou())
        case "generated churn":
            var generator = OrgGenerator(seed: 11)
            let old = generator.table(people: 3_000)
            return (old.generalOrg(), generator.churned(old, rate: 4).generalOrg())
        default:
            let (from, to) = name == "cabinet office" ? ("2011-03-31", "2011-09-30")
                : name == "defence" ? ("2015-09-30", "2016-03-31") : ("2013-03-31", "2013-09-30")
            let stem = name == "cabinet office" ? "cabinet_office" : name == "defence" ? "ministry_of_defence" : "department_for_international_development"
            return (try organogram("\(stem)-\(from)"), try organogram("\(stem)-\(to)"))
        }
    }

    @Test(arguments: ["kuaishou", "generated churn", "cabinet office", "defence", "international development", "kubernetes sigs"])
    func everyUnitChangeOfTheDiffIsMarkedAndNothingElse(_ name: String) throws {
        let (before, after) = try Self.pair(name)
        let ops = after.difference(from: before).changes.map(\.op)
        // What the diff says, unit by unit, side by side.
        var expected: [String: Set<String>] = [:]
        func expect(_ side: String, _ unit: UnitID, _ mark: String) { expected[side + unit.rawValue, default: []].insert(mark) }
        for op in ops {
            switch op {
            case .addUnit(let unit): expect("a", unit.id, "new unit")
            case .removeUnit(let unit): expect("b", unit.id, "removed")
            case .renameUnit(let id, _, _): expect("a", id, "renamed")
            case .moveUnit(let id, _, _): expect("a", id, "moved from")
            case .mergeUnits(let into, let sources):
                expect("a", into, "merged from")
                for source in sources {
                    if source.record != nil { expect("b", source.unit, "merged into") }
                    for unit in source.units { expect("a", unit, "moved from") }
                }
            case .splitUnit(let id, let record, let parts):
                expect(record == nil ? "a" : "b", id, "split into")
                for part in parts {
                    expect("a", part.unit, "split from")
                    for unit in part.units { expect("a", unit, "moved from") }
                }
            default: break
            }
        }
        // A new head: the diff touches the unit's head post, and its holders differ.
        let (oldIndex, newIndex) = (OrgIndex(before), OrgIndex(after))
        let touched = Set(ops.compactMap { op -> String? in
            switch op {
            case .appoint(let post, _, _), .vacate(let post, _): post.rawValue
            case .addPost(let post), .removePost(let post): post.id.rawValue
            case .setAttribute(let target, "head", _, _): target
            default: nil
            }
        })
        for unit in after.units.keys where before.units[unit] != nil {
            let heads = (oldIndex.headPost[unit], newIndex.headPost[unit])
            let holders = (heads.0.flatMap { before.posts[$0]?.holders } ?? [], heads.1.flatMap { after.posts[$0]?.holders } ?? [])
            guard heads.1 != nil, holders.0 != holders.1 else { continue }
            #expect([heads.0, heads.1].contains { $0.map { touched.contains($0.rawValue) } ?? false }, "\(name): \(unit)'s new head is in the diff")
            expect("a", unit, "new head")
        }
        // What the chart marks.
        let chart = CompareChart.make(before: before, after: after, language: .en)
        var marked: [String: Set<String>] = [:]
        for card in chart.cards {
            let key = String(card.id.prefix(1)) + card.ids[0]
            var marks: Set<String> = []
            if card.lines[0].contains(" → ") { marks.insert("renamed") }
            for line in card.lines {
                for mark in ["new unit", "removed", "moved from", "merged from", "merged into", "split from", "split into", "new head"] where line.hasPrefix(mark) {
                    marks.insert(mark)
                }
            }
            if !marks.isEmpty { marked[key] = marks }
        }
        #expect(marked == expected, "\(name)")
        #expect(!expected.isEmpty, "\(name): the pair has unit changes to check")
    }

    /// The people view: each change the diff reports of a post or person is written on the card
    /// that stands for it, on the side where it is (new things after, things gone before), and
    /// no card has a line more.
    @Test(arguments: ["kuaishou", "cabinet office", "international development", "generated churn"])
    func everyChangeToPostsAndPeopleIsWrittenOnItsCard(_ name: String) throws {
        let (before, after) = try Self.pair(name)
        let ops = after.difference(from: before).changes.map(\.op)
        let chart = try CompareChart.makePeople(before: before, after: after, language: .en)
        // The same cards unmarked: what each side's card says without the changes.
        let plain = (try OrgChart.make(before, options: ChartOptions(language: .en)).cards, try OrgChart.make(after, options: ChartOptions(language: .en)).cards)
        var cardOf: [String: String] = [:]
        for (prefix, cards) in [("b", plain.0), ("a", plain.1)] {
            for card in cards { for id in card.ids where cardOf[prefix + id] == nil { cardOf[prefix + id] = prefix + card.id } }
        }
        var expected: [String: Int] = [:]
        for op in ops {
            let element: String?
            switch op {
            case .addPost(let post): element = "a" + post.id.rawValue
            case .addPerson(let person): element = "a" + person.id.rawValue
            case .appoint(let post, _, _), .retitlePost(let post, _, _), .setReportsTo(let post, _, _), .addDotted(let post, _), .removeDotted(let post, _):
                element = "a" + post.rawValue
            case .renamePerson(let person, _, _), .setStatus(let person, _, _): element = "a" + person.rawValue
            case .setAttribute(let target, let field, _, _) where ["unit", "head", "staff"].contains(field): element = "a" + target
            case .removePost(let post): element = "b" + post.id.rawValue
            case .removePerson(let person): element = "b" + person.id.rawValue
            case .vacate(let post, _): element = "b" + post.rawValue
            default: element = nil
            }
            if let element, let card = cardOf[element] { expected[card, default: 0] += 1 }
        }
        let plainLines = Dictionary(uniqueKeysWithValues: plain.0.map { ("b" + $0.id, $0.lines.count) } + plain.1.map { ("a" + $0.id, $0.lines.count) })
        var marked: [String: Int] = [:]
        for card in chart.cards {
            let extra = card.lines.count - plainLines[card.id]!
            if extra > 0 { marked[card.id] = extra }
        }
        #expect(marked == expected, "\(name)")
        #expect(!expected.isEmpty)
    }

    /// Two reporting trees of hundreds of people are drawn as render draws one: by the tidy
    /// layout, wide teams in columns, side by side within the widest shape, no card over another
    /// (dot drew the Cabinet Office's as a strip 65 times as wide as high). Each card is as tall as
    /// its text with the changes written on it.
    @Test(arguments: ["cabinet office", "defence"])
    func aBigPeopleComparisonIsDrawnWithinItsShape(_ name: String) throws {
        let (before, after) = try Self.pair(name)
        let chart = try CompareChart.makePeople(before: before, after: after, language: .en)
        #expect(chart.engine == "nop2")
        let boxes = try #require(chart.boxes)
        let size = try #require(chart.size)
        #expect(size.width <= 4 * size.height && size.height <= 4 * size.width, "\(size)")
        let sorted = boxes.sorted { $0.minX < $1.minX }
        for (index, box) in sorted.enumerated() {
            for other in sorted[(index + 1)...] {
                if other.minX >= box.maxX { break }
                #expect(!box.overlaps(other), "\(name): \(box) and \(other)")
            }
        }
        for (card, box) in zip(chart.cards, boxes) {
            #expect(box.height >= Double(card.lines.count) * 10, "\(card.lines)")
        }
        // The sides' labels stand above every card (Graphviz's y grows upwards, from 0 at the
        // bottom of the lowest card).
        let top = boxes.map(\.maxY).max()!
        let labels = chart.graph.statements.compactMap { statement -> Double? in
            guard case .node(let id, let attributes) = statement, id.hasPrefix("label_"),
                case .keyword(let pos)? = attributes.first(where: { $0.name == "pos" })?.value else { return nil }
            return Double(pos.split(separator: ",")[1])
        }
        #expect(labels.count == 2 && labels.allSatisfy { $0 > top }, "\(labels) under \(top)")
    }

    /// The unit trees of the Kubernetes SIGs (three groups of dozens of units each), 2023 and
    /// 2026: drawn by the tidy layout within the widest shape, every unit change marked as the
    /// diff reports it, as dot draws a small comparison (dot drew this one 49,192 points wide and
    /// 411 high).
    @Test func aWideUnitComparisonIsDrawnWithinItsShape() throws {
        let (before, after) = try Self.pair("kubernetes sigs")
        let chart = CompareChart.make(before: before, after: after, language: .en)
        #expect(chart.engine == "nop2")
        let size = try #require(chart.size)
        #expect(size.width <= 4 * size.height && size.height <= 4 * size.width, "\(size)")
        let boxes = try #require(chart.boxes).sorted { $0.minX < $1.minX }
        for (index, box) in boxes.enumerated() {
            for other in boxes[(index + 1)...] {
                if other.minX >= box.maxX { break }
                #expect(!box.overlaps(other))
            }
        }
        // The marks: as many new units as the diff adds, each renamed unit's card 'old → new'.
        let ops = after.difference(from: before).changes.map(\.op)
        let added = ops.filter { if case .addUnit = $0 { true } else { false } }.count
        let renamed = ops.filter { if case .renameUnit = $0 { true } else { false } }.count
        #expect(added > 0)
        #expect(chart.cards.filter { $0.id.hasPrefix("a") && $0.lines.contains("new unit") }.count == added)
        #expect(chart.cards.filter { $0.id.hasPrefix("a") && $0.lines[0].contains(" → ") }.count == renamed)
        #expect(chart.cards.contains { $0.id.hasPrefix("b") && $0.lines.contains("removed") })
    }

    @Test func kuaishouPeopleComparison() throws {
        let (before, after) = try Self.pair("kuaishou")
        let chart = try CompareChart.makePeople(before: before, after: after, language: .en)
        func lines(_ prefix: String, _ name: String) -> [String] {
            chart.cards.first { $0.id.hasPrefix(prefix) && $0.lines[0].hasPrefix(name) }?.lines ?? []
        }
        #expect(lines("a", "Liu Xiao") == ["Liu Xiao", "Head", "Life Services BU", "now reports to Wang Jianwei", "new holder (was Xiao Gu)"])
        #expect(lines("a", "Xiao Gu") == ["Xiao Gu", "Company business advisor", "Kuaishou", "new post", "active → advisor"])
        #expect(lines("b", "Liu Xiao").last == "post removed")
        #expect(chart.title == "2023-11 → 2025-09-30", "the day each version describes")
    }

    /// The Cabinet Office's Deputy Prime Minister's Office merged into the Office of the Deputy
    /// Prime Minister between the two organograms: drawn as a merge, not as removed and new.
    @Test func aMergeIsDrawnAsOne() throws {
        let (before, after) = try Self.pair("cabinet office")
        let chart = CompareChart.make(before: before, after: after, language: .en)
        let lines = chart.cards.flatMap(\.lines)
        #expect(lines.contains("merged into Office of the Deputy Prime Minister"))
        #expect(lines.contains("merged from Deputy Prime Minister's Office"))
    }
}
