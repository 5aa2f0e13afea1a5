import Foundation
import OrgGraph
import Testing

@testable import OrgGraphviz

@Suite struct ChartTests {
    /// Each card's first line, with its parent's first line.
    static func tree(_ org: Org, _ options: ChartOptions) throws -> [String: String] {
        let tree = try CardTree(org: org, options: options)
        // Without the inferred mark, which is tested on its own.
        func first(_ card: Card) -> String { card.rows[0].text.replacingOccurrences(of: " †", with: "").replacingOccurrences(of: "\n", with: " ") }
        var result: [String: String] = [:]
        for card in tree.cards {
            result[first(card)] = card.parent.map { first(tree.cards[$0]) } ?? ""
        }
        return result
    }

    @Test func theUnitViewTheDayBeforeTheReorg() throws {
        let options = ChartOptions(view: .units, language: .zh)
        let before = try Self.tree(try kuaishou("2025-09-29"), options)
        #expect(before["本地生活事业部"] == "快手")
        #expect(before["内循环产品、运营、销售等行业团队"] == "商业化事业部")
        #expect(before["线索广告相关的行业、产品以及中台团队"] == "商业化事业部")
        let cards = try CardTree(org: try kuaishou("2025-09-29"), options: options).cards
        #expect(cards.first { $0.rows[0].text.hasPrefix("本地生活事业部") }?.rows.contains { $0.text == "负责人: 笑古 †" } == true)

        let after = try Self.tree(try kuaishou(), options)
        #expect(after["生活服务事业部"] == "快手")
        #expect(after["内循环产品、运营、销售等行业团队"] == "电商事业部")
        #expect(after["线索广告相关的行业、产品以及中台团队"] == "生活服务事业部")
        // The DOT carries the same.
        let dot = try OrgChart.make(try kuaishou("2025-09-29"), options: options).dot
        #expect(dot.contains("本地生活事业部") && dot.contains("负责人: 笑古"))
    }

    @Test(arguments: ChartView.allCases)
    func goldenDOTForEachView(_ view: ChartView) throws {
        let chart = try OrgChart.make(try kuaishou(), options: ChartOptions(view: view))
        try expectGolden(chart.dot, "kuaishou-\(view.rawValue).dot")
    }

    @Test func goldenDOTForTheComparison() throws {
        let chart = CompareChart.make(before: try kuaishou("2025-09-29"), after: try kuaishou(), beforeLabel: "2025-09-29", afterLabel: "2025-09-30")
        try expectGolden(chart.dot, "kuaishou-compare.dot")
        let svg = String(decoding: try chart.render(.svg), as: UTF8.self)
        let (wellFormed, texts) = svgTexts(svg)
        #expect(wellFormed)
        let all = texts.joined(separator: "\n")
        #expect(all.contains("本地生活事业部 Local Life BU → 生活服务事业部 Life Services BU"))
        #expect(all.contains("new head: 刘逍 Liu Xiao (was 笑古 Xiao Gu)"))
        #expect(all.contains("moved from 商业化事业部 Commercialization BU"))
        #expect(all.contains("Before · 2025-09-29") && all.contains("After · 2025-09-30"))
        #expect(all.contains("Changes"))
    }

    @Test func rootAndDepthCutTheChart() throws {
        let org = try kuaishou()
        let units = try Self.tree(org, ChartOptions(view: .units, root: .unit("local-life"), depth: 1, language: .en))
        #expect(Set(units.keys) == ["Life Services BU", "Lead-ad industry, product and middle-platform teams"])
        let people = try Self.tree(org, ChartOptions(view: .people, root: .person("wang-jianwei"), language: .en))
        #expect(people["Liu Xiao"] == "Wang Jianwei")
        #expect(people["Cheng Yixiao"] == nil)
    }

    @Test func marksVacantAndInferredCards() throws {
        let org = try OrgFile.parse("""
            units:
              - {id: co, name: Co, head: boss}
            posts:
              - {id: open, title: Analyst, unit: co}
              - {id: guess, title: Advisor, unit: co, holders: ann, confidence: inferred, note: implied}
            people:
              - {id: boss, name: Boss}
              - {id: ann, name: Ann}
            """, file: "t.yaml").org
        let dot = try OrgChart.make(org, options: ChartOptions(view: .people)).dot
        #expect(dot.contains("<I>vacant</I>"))
        #expect(dot.contains("style=\"rounded,dashed\""))
        #expect(dot.contains("Ann †"))
        #expect(dot.contains("style=\"rounded,dotted\""))
        #expect(dot.contains("dotted box, †: inferred"))
    }

    /// The people view draws each person once: their posts merge into one card, primary first,
    /// with the reports of all of them below it. `--cards post` keeps a card a post.
    @Test func eachPersonIsOneCardListingTheirPosts() throws {
        let org = try kuaishou()
        let tree = try CardTree(org: org, options: ChartOptions(view: .people, language: .en))
        let names = tree.cards.map { $0.rows[0].text.replacingOccurrences(of: " †", with: "") }
        let people = org.people.values.filter { $0.status.expectsPost }.map { $0.name.display(.en) }
        #expect(names.sorted() == people.sorted(), "each person on exactly one card")
        let wang = try #require(tree.cards.firstIndex { $0.rows[0].text.hasPrefix("Wang Jianwei") })
        #expect(tree.cards[wang].rows.dropFirst().map(\.text) == [
            "Senior Vice President", "Kuaishou", "Head", "Commercialization BU", "Head", "E-commerce BU",
        ])
        let liu = try #require(tree.cards.firstIndex { $0.rows[0].text.hasPrefix("Liu Xiao") })
        #expect(tree.cards[liu].parent == wang)
        #expect(tree.cards[wang].parent.map { tree.cards[$0].rows[0].text } == "Cheng Yixiao")
        // One card a post, as before: Wang Jianwei on three.
        let posts = try CardTree(org: org, options: ChartOptions(view: .people, cards: .post, language: .en))
        #expect(posts.cards.filter { $0.rows[0].text.hasPrefix("Wang Jianwei") }.count == 3)
        #expect(posts.cards.count == org.posts.count)
    }

    /// Staff sit beside the post they serve: Xiao Gu, now company business advisor, beside
    /// Cheng Yixiao, not in the row of his reports; in both layouts.
    @Test func anAdvisorSitsBesideThePostHeServes() throws {
        let org = try kuaishou()
        let tree = try CardTree(org: org, options: ChartOptions(view: .people, language: .en))
        let xiao = try #require(tree.cards.firstIndex { $0.rows[0].text == "Xiao Gu" })
        let cheng = try #require(tree.cards.firstIndex { $0.rows[0].text == "Cheng Yixiao" })
        #expect(tree.cards[xiao].staff && tree.cards[xiao].parent == cheng)
        #expect(tree.cards[xiao].rows.map(\.text) == ["Xiao Gu", "Company business advisor", "Kuaishou"])
        #expect(tree.besideParent().enumerated().filter(\.element).map(\.offset) == [xiao])
        // The tidy layout: level with him, to his right; he stays centred over his reports.
        let boxes = tree.tidyBoxes(stack: 1).boxes
        #expect(boxes[xiao].y == boxes[cheng].y && boxes[xiao].minX > boxes[cheng].maxX)
        #expect(TidyLayout.firstOverlap(boxes) == nil)
        let reports = tree.cards.indices.filter { tree.cards[$0].parent == cheng && $0 != xiao }
        #expect(reports.count == 2)
        #expect(abs(boxes[cheng].x - (boxes[reports.first!].x + boxes[reports.last!].x) / 2) < 0.01)
        #expect(reports.allSatisfy { boxes[$0].minY > boxes[xiao].maxY })
        // `dot`, as Graphviz lays it out: the names' baselines in the SVG.
        let chart = try OrgChart.make(org, options: ChartOptions(view: .people, language: .en))
        #expect(chart.engine == "dot")
        let svg = String(decoding: try chart.render(.svg), as: UTF8.self)
        func place(_ name: String) throws -> (x: Double, y: Double) {
            let line = try #require(svg.split(separator: "\n").first { $0.hasPrefix("<text") && $0.hasSuffix(">\(name)</text>") })
            func number(_ key: String) -> Double? {
                line.components(separatedBy: " \(key)=\"").dropFirst().first.flatMap { Double($0.prefix { $0 != "\"" }) }
            }
            return (try #require(number("x")), try #require(number("y")))
        }
        let (xiaoAt, chengAt, jinAt) = (try place("Xiao Gu"), try place("Cheng Yixiao"), try place("Jin Bing"))
        #expect(xiaoAt.y == chengAt.y && xiaoAt.x > chengAt.x)
        #expect(jinAt.y > chengAt.y)
        // The legend says what the shading means.
        #expect(chart.dot.contains("shaded box: staff (assistant, advisor) of the card it is joined to"))
    }

    /// Several staff sit right and left of their principal in turn, each line from the card next
    /// to it; a staff post with reports of its own stays in the row, with its team under it.
    @Test func staffAlternateSidesAndNeverOverlap() throws {
        // Person 0 heads people 1 to 9; 1 heads 10 to 19, 2 heads 20 to 28; 29 reports to 8.
        var org = generatedOrg(people: 30) { $0 == 0 ? nil : $0 < 10 ? 0 : $0 == 29 ? 8 : ($0 - 10) / 10 + 1 }
        for staff in [2, 4, 5, 12, 29] { org.posts[PostID("post\(staff)")]?.isStaff = true }
        let tree = try CardTree(org: org, options: ChartOptions(language: .en))
        func card(_ person: Int) -> Int { tree.cards.firstIndex { $0.rows[0].text == "Person \(person)" }! }
        let beside = tree.besideParent()
        // Person 2 has reports of their own, so their card stays in the row of person 0's reports.
        #expect(tree.cards[card(2)].staff && !beside[card(2)])
        #expect([4, 5, 12, 29].allSatisfy { beside[card($0)] })
        for stack in [1, 3] {
            let placement = tree.tidyBoxes(stack: stack)
            let (boxes, columns) = (placement.boxes, placement.columns)
            #expect(TidyLayout.firstOverlap(boxes) == nil, "stack \(stack)")
            let top = boxes[card(0)]
            #expect(boxes[card(4)].y == top.y && boxes[card(4)].minX > top.maxX)
            #expect(boxes[card(5)].y == top.y && boxes[card(5)].maxX < top.minX)
            #expect(boxes[card(12)].y == boxes[card(1)].y && boxes[card(12)].minX > boxes[card(1)].maxX)
            #expect(boxes[card(29)].y == boxes[card(8)].y)
            #expect(columns[card(8)] < 0, "a card with staff beside it is not stacked")
            #expect(boxes[card(2)].y > top.y)
            if stack == 3 { #expect(columns[card(3)] >= 0, "person 0's other leaf reports are") }
        }
        // Three staff: the third, right of the first, is joined to the first, not through it.
        org.posts["post6"]?.isStaff = true
        org.posts["post7"]?.isStaff = true
        let three = try CardTree(org: org, options: ChartOptions(language: .en))
        let boxes = three.tidyBoxes(stack: 1).boxes
        func at(_ person: Int) -> TidyLayout.Box { boxes[three.cards.firstIndex { $0.rows[0].text == "Person \(person)" }!] }
        #expect(TidyLayout.firstOverlap(boxes) == nil)
        #expect(at(6).minX > at(4).maxX && at(7).maxX < at(5).minX)
        let height = boxes.map(\.maxY).max()!
        let line = CardTree.side(from: at(4), to: at(6), height: height)
        #expect(line.hasPrefix(CardTree.point(at(4).maxX, height - at(4).y) + " "))
        let chart = try OrgChart.make(org, options: ChartOptions(language: .en, layout: .tidy, stack: 1))
        #expect(chart.dot.contains("pos=\"\(line)\""))
        // With `dot`, the row is a chain of flat lines, so that no line arcs over a card.
        let layered = try OrgChart.make(org, options: ChartOptions(language: .en, layout: .dot)).dot
        func id(_ person: Int) -> String { three.cards.first { $0.rows[0].text == "Person \(person)" }!.id }
        let edges = layered.split(separator: "\n").filter { $0.contains(" -> ") }.map { $0.trimmingCharacters(in: .whitespaces).prefix { $0 != " " && $0 != ";" } + " -> " + $0.components(separatedBy: " -> ")[1].prefix { $0 != " " && $0 != ";" } }
        for (from, to) in [(0, 4), (4, 5), (5, 6), (6, 7), (1, 12)] { #expect(edges.contains("\(id(from)) -> \(id(to))"), "\(from) -> \(to)") }
        #expect(!edges.contains("\(id(0)) -> \(id(5))"))
        // The combined view boxes cards by unit, not staff in a row: each line is from the principal.
        let combined = try OrgChart.make(org, options: ChartOptions(view: .combined, language: .en)).dot
        #expect(combined.contains("\(id(0)) -> \(id(7))") && !combined.contains("\(id(6)) -> \(id(7))"))
        // A staff card taller than its principal: the lines to the principal's reports turn under it.
        org.people["p6"]?.name = LocalizedText(["en": "Person 6"])
        for extra in 0..<4 {
            org.posts[PostID("extra\(extra)")] = Post(id: PostID("extra\(extra)"), title: LocalizedText(["en": "Acting head of a long-named office \(extra)"]),
                                                    unit: "co", reportsTo: ReportingLine(to: "post0"), holders: ["p4"])
        }
        let tall = try OrgChart.make(org, options: ChartOptions(language: .en, layout: .tidy, stack: 1))
        let tallTree = try CardTree(org: org, options: ChartOptions(language: .en))
        let four = try #require(tallTree.cards.firstIndex { $0.rows[0].text == "Person 4" })
        #expect(tallTree.besideParent()[four] && tallTree.cards[four].rows.count > 6, "a tall staff card beside person 0")
        #expect(Self.linesThroughCards(tall).crossings.isEmpty, "\(Self.linesThroughCards(tall).crossings)")
    }

    /// Merged cards can close a loop the posts do not: Ann's first post reports to Bo's, Bo's to
    /// Ann's second. Every card is still drawn once; a line between two of one person's posts is not drawn.
    @Test func personCardsOnALoopAreDrawnAndOwnLinesAreNot() throws {
        let org = try OrgFile.parse("""
            units:
              - {id: co, name: Co}
            posts:
              - {id: a1, title: One, unit: co, holders: ann, reportsTo: b}
              - {id: b, title: Two, unit: co, holders: bo, reportsTo: a2}
              - {id: a2, title: Three, unit: co, holders: ann}
              - {id: c1, title: Four, unit: co, holders: cy, reportsTo: a2}
              - {id: c2, title: Five, unit: co, holders: cy, reportsTo: c1, dotted: c1}
              - {id: shared, title: Six, unit: co, holders: [cy, di], reportsTo: c2}
            people:
              - {id: ann, name: Ann}
              - {id: bo, name: Bo}
              - {id: cy, name: Cy}
              - {id: di, name: Di}
            """, file: "t.yaml").org
        let tree = try CardTree(org: org, options: ChartOptions(view: .people, language: .en))
        #expect(tree.cards.map { $0.rows[0].text } .sorted() == ["Ann", "Bo", "Cy", "Cy / Di"])
        let cy = try #require(tree.cards.firstIndex { $0.rows[0].text == "Cy" })
        #expect(tree.cards[cy].rows.dropFirst().map(\.text) == ["Four", "Co", "Five", "Co"])
        #expect(tree.dotted.isEmpty)
        #expect(tree.cards.first { $0.rows[0].text == "Cy / Di" }?.parent == cy)
        // Each card is drawn: the loop of Ann and Bo starts a tree of its own.
        let svg = String(decoding: try OrgChart.make(org, options: ChartOptions(view: .people, layout: .dot)).render(.svg), as: UTF8.self)
        for name in ["Ann", "Bo", "Cy", "Cy / Di"] { #expect(svg.contains(">\(name)<"), "\(name)") }
    }

    /// A unit card is marked inferred for the unit itself; an inferred head is marked on its line.
    @Test func aUnitCardIsInferredOnlyWhenTheUnitIs() throws {
        // Commercialization after the change is inferred, and so is its head; stated, the unit
        // keeps only its head's mark.
        var org = try kuaishou()
        let inferred = try #require(CardTree(org: org, options: ChartOptions(view: .units, language: .en)).cards.first { $0.rows[0].text.hasPrefix("Commercialization BU") })
        #expect(inferred.rows.map(\.text) == ["Commercialization BU †", "business-unit", "Head: Wang Jianwei †"] && inferred.inferred)
        org.units["commercialization"]?.provenance = Provenance(source: SourceReference(parsing: "article:L77"))
        let tree = try CardTree(org: org, options: ChartOptions(view: .units, language: .en))
        let commercialization = try #require(tree.cards.first { $0.rows[0].text.hasPrefix("Commercialization BU") })
        #expect(commercialization.rows.map(\.text) == ["Commercialization BU", "business-unit", "Head: Wang Jianwei †"])
        #expect(!commercialization.inferred)
        let finance = try #require(tree.cards.first { $0.rows[0].text.hasPrefix("Finance") })
        #expect(finance.rows[0].text == "Finance †" && finance.inferred)
    }

    @Test func aChartCannotStartFromAPersonWithNoPost() throws {
        var org = Org()
        org.units["co"] = Unit(id: "co", name: LocalizedText(["en": "Co"]))
        org.people["a"] = Person(id: "a", name: LocalizedText(["en": "A"]))
        org.people["b"] = Person(id: "b", name: LocalizedText(["en": "B"]), status: .departed)
        org.posts["ceo"] = Post(id: "ceo", unit: "co", isHead: true, holders: ["a"])
        for view in ChartView.allCases {
            #expect(throws: ChartError(message: "person 'b' holds no post, so no chart starts from them; give a unit or a post as --root")) {
                try OrgChart.make(org, options: ChartOptions(view: view, root: .person("b")))
            }
            #expect(try OrgChart.make(org, options: ChartOptions(view: view, root: .person("a"))).dot.contains("A"))
        }
    }

    @Test func autoChoosesTheTidyLayoutForBigCharts() throws {
        let small = generatedOrg(people: OrgChart.stackFrom - 1) { $0 == 0 ? nil : ($0 - 1) / 4 }
        #expect(try OrgChart.make(small, options: ChartOptions()).engine == "dot")
        // From a few dozen cards a tree wider than 4:1 goes to the tidy layout, which stacks it;
        // a narrow one stays with dot.
        let wide = generatedOrg(people: 60) { $0 == 0 ? nil : ($0 - 1) / 12 }
        #expect(try OrgChart.make(wide, options: ChartOptions()).engine == "nop2")
        let narrow = generatedOrg(people: 60) { $0 == 0 ? nil : $0 - 1 }
        #expect(try OrgChart.make(narrow, options: ChartOptions()).engine == "dot")
        let big = generatedOrg(people: OrgChart.tidyThreshold + 1) { $0 == 0 ? nil : ($0 - 1) / 6 }
        #expect(try OrgChart.make(big, options: ChartOptions()).engine == "nop2")
        #expect(throws: ChartError.self) { try OrgChart.make(small, options: ChartOptions(view: .combined, layout: .tidy)) }
    }

    /// A wide org's leaf reports stand in columns under their manager: with the best height
    /// of columns the drawing is under 5:1, no card overlaps another, and the line down each column's side crosses no card.
    @Test(arguments: [300])
    func wideTeamsStackInColumns(_ people: Int) throws {
        var generator = OrgGenerator(seed: 7)
        let org = generator.table(people: people).generalOrg()
        let tree = try CardTree(org: org, options: ChartOptions(view: .people))
        let flat = tree.tidyBoxes(stack: 1).boxes
        let placement = [4, 8, 16, 32].map { tree.tidyBoxes(stack: $0) }.min { CardTree.aspect($0.boxes) < CardTree.aspect($1.boxes) }!
        let (boxes, above) = (placement.boxes, placement.above)
        #expect(CardTree.aspect(flat) > 10, "the flat layout is a strip")
        #expect(CardTree.aspect(boxes) < 5, "stacked: \(CardTree.aspect(boxes))")
        let width = boxes.map(\.maxX).max()! - boxes.map(\.minX).min()!
        #expect(width < 16_000)
        #expect(TidyLayout.firstOverlap(boxes) == nil)
        #expect(above.contains { $0 != nil })
        // Each stacked card sits under the one above it, and below its manager.
        for (index, up) in above.enumerated() {
            guard let up else { continue }
            #expect(boxes[up].maxY < boxes[index].minY)
            #expect(tree.cards[index].parent == tree.cards[up].parent)
            #expect(boxes[tree.cards[index].parent!].maxY < boxes[index].minY)
        }
        // The side line of a column: 8 points left of its widest card, clear of every card.
        let chart = try OrgChart.make(org, options: ChartOptions(view: .people))
        #expect(chart.engine == "nop2")
        for (index, up) in above.enumerated() where up != nil {
            var head = index
            while let next = above[head] { head = next }
            var column = [head]
            while let next = above.firstIndex(where: { $0 == column.last! }) { column.append(next) }
            let left = column.map { boxes[$0].minX }.min()! - 8
            let span = boxes[head].minY...boxes[index].y
            #expect(!boxes.contains { $0.minX < left && left < $0.maxX && $0.maxY > span.lowerBound && $0.minY < span.upperBound })
        }
    }

    /// The lines of a pinned chart that pass through a card other than their two ends, and how
    /// many lines were checked: every segment as drawn, in the layout's coordinates (y down).
    static func linesThroughCards(_ chart: Chart) -> (crossings: [String], lines: Int) {
        let boxes = chart.boxes ?? []
        let top = boxes.map(\.maxY).max() ?? 0
        var crossings: [String] = []
        var lines = 0
        for statement in chart.graph.statements {
            guard case .edge(let from, let to, let attributes) = statement,
                case .keyword(let pos)? = attributes.first(where: { $0.name == "pos" })?.value
            else { continue }
            let ends = [from, to].compactMap { Int($0.dropFirst()) }
            let points = pos.split(separator: " ").map { point in
                let xy = point.split(separator: ",").map { Double($0)! }
                return (x: xy[0], y: top - xy[1])
            }
            for (a, b) in zip(points, points.dropFirst()) where a != b {
                if let crossed = boxes.indices.first(where: { index in
                    let box = boxes[index]
                    return !ends.contains(index) && min(a.x, b.x) < box.maxX - 0.5 && max(a.x, b.x) > box.minX + 0.5
                        && min(a.y, b.y) < box.maxY - 0.5 && max(a.y, b.y) > box.minY + 0.5
                }) {
                    crossings.append("\(from) -> \(to) through n\(crossed)")
                }
            }
            lines += 1
        }
        return (crossings, lines)
    }

    /// Real orgs of a few hundred people come out the shape of a page and small enough for a
    /// PNG: at most 4:1 and at least 1:1, at most 12,000 points (16,000 pixels) a side, no card
    /// over another, and no line through a card but its own two.
    @Test(arguments: ["generated", "cabinet_office-2011-09-30", "ministry_of_defence-2016-03-31"])
    func realOrgsOfHundredsFitAPage(_ name: String) throws {
        let org: Org
        if name == "generated" {
            var generator = OrgGenerator(seed: 7)
            org = generator.table(people: 300).generalOrg()
        } else {
            let base = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/datasets/uk-gov-organograms/\(name)").path
            org = try OrganogramImport(seniorFile: base + "-senior.csv", juniorFile: base + "-junior.csv").run().core.org()
        }
        let chart = try OrgChart.make(org, options: ChartOptions())
        #expect(chart.engine == "nop2")
        let boxes = try #require(chart.boxes)
        let (width, height) = (boxes.map(\.maxX).max()! - boxes.map(\.minX).min()!, boxes.map(\.maxY).max()! - boxes.map(\.minY).min()!)
        #expect((1...4).contains(width / height), "\(name): \(width) × \(height)")
        #expect(max(width, height) <= 12_000, "\(name): \(width) × \(height)")
        #expect(TidyLayout.firstOverlap(boxes) == nil)
        let (crossings, lines) = Self.linesThroughCards(chart)
        #expect(crossings.isEmpty, "\(name): \(crossings.prefix(3))")
        // A line to every card but the roots, each checked.
        let roots = try CardTree(org: org, options: ChartOptions()).cards.filter { $0.parent == nil }.count
        #expect(lines == boxes.count - roots)
    }

    /// `stack` sets the height of the columns, whatever the shape; `maxAspect` the shape that
    /// makes `auto` stack.
    @Test func theHeightOfColumnsAndTheWidestShapeCanBeAsked() throws {
        var generator = OrgGenerator(seed: 7)
        let org = generator.table(people: 300).generalOrg()
        for stack in [1, 5] {
            let chart = try OrgChart.make(org, options: ChartOptions(stack: stack))
            #expect(chart.engine == "nop2")
            let boxes = try #require(chart.boxes)
            #expect(TidyLayout.firstOverlap(boxes) == nil)
            let placement = try CardTree(org: org, options: ChartOptions()).tidyBoxes(stack: stack)
            let (above, columns) = (placement.above, placement.columns)
            #expect(above.contains { $0 != nil } == (stack > 1))
            // Columns of at most `stack` cards, and at least one of exactly that many.
            let heights = Dictionary(grouping: columns.filter { $0 >= 0 }, by: { $0 }).mapValues(\.count)
            #expect(heights.values.allSatisfy { $0 <= stack })
            #expect(stack == 1 || heights.values.contains(stack))
        }
        // A small chart is stacked when asked, though auto would keep it with dot.
        let small = generatedOrg(people: OrgChart.stackFrom - 1) { $0 == 0 ? nil : ($0 - 1) / 12 }
        #expect(try OrgChart.make(small, options: ChartOptions()).engine == "dot")
        #expect(try OrgChart.make(small, options: ChartOptions(stack: 4)).engine == "nop2")
        // A wide tree stays flat (and with dot) when a wider shape is allowed.
        let wide = generatedOrg(people: 60) { $0 == 0 ? nil : ($0 - 1) / 12 }
        #expect(try OrgChart.make(wide, options: ChartOptions()).engine == "nop2")
        #expect(try OrgChart.make(wide, options: ChartOptions(maxAspect: 1_000)).engine == "dot")
        for (options, message) in [
            (ChartOptions(layout: .dot, stack: 3), "stacked columns are drawn by the tidy layout, not dot; leave out one of them"),
            (ChartOptions(stack: 0), "a column of stacked cards holds 1 card or more, not 0"),
            (ChartOptions(maxAspect: -1), "the widest shape is a number of times as wide as high, above 0, such as 4; not -1.0"),
            (ChartOptions(view: .combined, stack: 3),
             "stacked columns are drawn by the tidy layout, which draws trees of cards; the combined view boxes them by unit"),
        ] {
            #expect(throws: ChartError(message: message)) { try OrgChart.make(wide, options: options) }
        }
    }

    /// Every card says where its facts come from, on hover: a line a fact with provenance
    /// (its source by publisher and date, the locator, the confidence, the note).
    @Test func cardsCarryTheirProvenanceAsATooltip() throws {
        let org = try kuaishou()
        let svg = String(decoding: try OrgChart.make(org, options: ChartOptions()).render(.svg), as: UTF8.self)
        let tooltips = try NSRegularExpression(pattern: "xlink:title=\"([^\"]*)\"").matches(in: svg, range: NSRange(svg.startIndex..., in: svg))
            .map { match -> String in
                let text = String(svg[Range(match.range(at: 1), in: svg)!])
                return text.replacingOccurrences(of: "&#10;", with: "\n").replacingOccurrences(of: "&#45;", with: "-")
            }
        #expect(tooltips.contains("""
            刘逍 Liu Xiao: Huxiu 虎嗅, 2025-11, L85
            负责人 Head, 生活服务事业部 Life Services BU: Huxiu 虎嗅, 2025-11, L85
            负责人 Head, 生活服务事业部 Life Services BU, reporting to 王剑伟 Wang Jianwei: Huxiu 虎嗅, 2025-11, L85
            """))
        // An inferred fact says so, with its note.
        #expect(tooltips.contains { $0.contains("负责人 Head, 商业化事业部 Commercialization BU: Huxiu 虎嗅, 2025-11, L91; inferred; Wang Jianwei has run") })
        // One tooltip a card, each person's name in one.
        #expect(tooltips.count == org.people.values.filter(\.status.expectsPost).count)

        // The comparison's unit cards too, on both sides, by the same rule.
        let before = try kuaishou("2025-09-29")
        let compare = String(decoding: try CompareChart.make(before: before, after: org).render(.svg), as: UTF8.self)
        #expect(compare.components(separatedBy: "xlink:title=").count - 1 == before.units.count + org.units.count)
        #expect(compare.contains("刘逍 Liu Xiao: Huxiu 虎嗅, 2025&#45;11, L85&#10;负责人 Head, 生活服务事业部 Life Services BU: Huxiu 虎嗅, 2025&#45;11, L85"))

        // A fact without provenance adds nothing; a card with none has no tooltip; a long note is cut.
        var plain = Org()
        plain.units["co"] = Unit(id: "co", name: LocalizedText(["en": "Co"]))
        plain.people["a"] = Person(id: "a", name: LocalizedText(["en": "A"]), provenance: Provenance(note: String(repeating: "x", count: 5_000)))
        plain.people["b"] = Person(id: "b", name: LocalizedText(["en": "B"]))
        plain.posts["ceo"] = Post(id: "ceo", unit: "co", isHead: true, holders: ["a"])
        plain.posts["cfo"] = Post(id: "cfo", unit: "co", holders: ["b"])
        let dot = try OrgChart.make(plain, options: ChartOptions(layout: .dot)).dot
        let lines = dot.split(separator: "\n").filter { $0.contains("tooltip=") }
        #expect(lines.count == 1)
        #expect(lines.first?.contains("tooltip=\"A: " + String(repeating: "x", count: 396) + "…\"") == true)
    }

    @Test func twentyThousandPeopleRenderWithTheTidyLayout() throws {
        var random = 12345
        let org = generatedOrg(people: 20_000) { index in
            guard index > 0 else { return nil }
            random = (random &* 1_103_515_245 &+ 12345) & 0x7fff_ffff
            return max(0, index - 1 - random % min(index, 300))
        }
        let chart = try OrgChart.make(org, options: ChartOptions(layout: .tidy))
        let boxes = try #require(chart.boxes)
        #expect(boxes.count == 20_000)
        #expect(TidyLayout.firstOverlap(boxes) == nil)
        let svg = String(decoding: try chart.render(.svg), as: UTF8.self)
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 20_001)  // and the legend
    }
}
