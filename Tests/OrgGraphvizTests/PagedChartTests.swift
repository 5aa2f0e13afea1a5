import Foundation
import OrgGraph
import Testing

@testable import OrgGraphviz

/// Charts printed on pages: every card on one page, every page readable on its paper, every
/// "continued on page N" true, the index right, and the PDF one document of those pages.
@Suite struct PagedChartTests {
    static func org(_ name: String) throws -> Org {
        switch name {
        case "generated":
            var generator = OrgGenerator(seed: 7)
            return generator.table(people: 300).generalOrg()
        // One manager with 400 reports: their pages of reports.
        case "wide team": return generatedOrg(people: 401) { $0 == 0 ? nil : 0 }
        // 120 people each on their own: several tops share a page.
        case "forest": return generatedOrg(people: 120) { _ in nil }
        default: return try CompareTests.organogram(name)
        }
    }

    /// The page a card says it continues on, and the name it gives.
    static func link(_ card: Card) -> (name: String, text: String, pages: [Int]) {
        let text = card.rows[1].text
        let numbers = text.split(whereSeparator: { !$0.isNumber && $0 != "–" }).flatMap { part -> [Int] in
            let ends = part.split(separator: "–").compactMap { Int($0) }
            return ends.count == 2 ? Array(ends[0]...ends[1]) : ends
        }
        return (card.rows[0].text, text, numbers)
    }

    @Test(arguments: ["generated", "cabinet_office-2011-09-30", "ministry_of_defence-2016-03-31", "wide team", "forest"])
    func everyCardOnOnePageThatItsPaperHolds(_ name: String) throws {
        let org = try Self.org(name)
        let paper = PaperSize.a4
        let paged = try PagedChart.make(org, options: ChartOptions(), paper: paper)
        let whole = try CardTree(org: org, options: ChartOptions())
        let chartPages = paged.pages.prefix(paged.chartPages)
        // Each card of the whole chart is on exactly one page: counted by its node id.
        var seen: [String: Int] = [:]
        for (number, page) in chartPages.enumerated() {
            let tree = try #require(page.tree)
            for card in tree.cards where !card.pageLink {
                #expect(seen[card.id] == nil, "\(name): \(card.rows[0].text) on pages \(seen[card.id] ?? 0) and \(number + 1)")
                seen[card.id] = number + 1
            }
        }
        #expect(seen.count == whole.cards.count, "\(name): \(seen.count) of \(whole.cards.count) cards drawn")
        for (number, page) in chartPages.enumerated() {
            let tree = try #require(page.tree)
            let boxes = try #require(page.boxes)
            // Readable: the drawing fits the paper at no less than the smallest scale, no card
            // over another, no line through a card.
            let size = CardTree.extent(boxes)
            let scale = min(1, (paper.width - 2 * PagedChart.margin - 8) / size.width,
                            (paper.height - 2 * PagedChart.margin - PagedChart.titleRoom) / size.height)
            #expect(scale >= PagedChart.minScale, "\(name) page \(number + 1): \(size.width) × \(size.height)")
            #expect(TidyLayout.firstOverlap(boxes) == nil)
            #expect(ChartTests.linesThroughCards(page).crossings.isEmpty, "\(name) page \(number + 1)")
            // Each amber card leads to the page of the card it names, or to the pages of its
            // reports, headed by it, "continued from" this page.
            for card in tree.cards where card.pageLink && card.parent != nil {
                let (cardName, text, targets) = Self.link(card)
                #expect(!targets.isEmpty)
                for target in targets {
                    let top = try #require(paged.pages[target - 1].tree?.cards.first, "\(name): no page \(target)")
                    #expect(target > number + 1, "\(name): page \(number + 1) leads back to \(target)")
                    #expect(top.rows[0].text == cardName, "\(name) page \(number + 1): '\(text)' leads to \(top.rows[0].text)")
                    if text.hasPrefix("more reports") {
                        #expect(top.pageLink && top.rows[1].text == "continued from page \(number + 1)")
                    } else {
                        #expect(!top.pageLink)
                    }
                }
            }
        }
        // The index gives each person the page of their card.
        for (id, page) in paged.pageOf {
            let tree = try #require(paged.pages[page - 1].tree)
            #expect(tree.cards.contains { !$0.pageLink && $0.ids.contains(id) }, "\(name): \(id) is not on page \(page)")
        }
        let people = Set(whole.cards.flatMap(\.ids)).filter { org.people[PersonID($0)] != nil }
        #expect(Set(paged.pageOf.keys).isSuperset(of: people))
    }

    /// Pages are full: 300 people on a dozen pages of A4, not one a team.
    @Test func pagesAreFilled() throws {
        let paged = try PagedChart.make(try Self.org("generated"), options: ChartOptions(), paper: .a4)
        #expect(paged.chartPages <= 16, "\(paged.chartPages) pages")
        // The wide team: its 400 reports on pages of about a hundred cards.
        let wide = try PagedChart.make(try Self.org("wide team"), options: ChartOptions(), paper: .a4)
        #expect((4...7).contains(wide.chartPages), "\(wide.chartPages) pages")
        let first = try #require(wide.pages[0].tree)
        #expect(first.cards[0].rows[0].text.contains("Person 0"))
        #expect(first.cards.contains { $0.pageLink && $0.rows[1].text.hasPrefix("more reports on pages 2") })
        // Tops that fit together share a page.
        let forest = try PagedChart.make(try Self.org("forest"), options: ChartOptions(), paper: .a4)
        #expect(forest.chartPages <= 4, "\(forest.chartPages) pages")
    }

    /// Kuaishou fits one page; its index lists the five people on it, Latin names first.
    @Test func kuaishouOnOnePageWithItsIndex() throws {
        let paged = try PagedChart.make(try kuaishou(), options: ChartOptions(), paper: .a4)
        #expect(paged.chartPages == 1)
        #expect(paged.pages.count == 2)
        #expect(paged.bookmarks == ["1 · 程一笑 Cheng Yixiao", "Index"])
        #expect(Set(paged.pageOf.values) == [1])
        let index = paged.pages[1].dot
        let names = ["Cheng Yixiao 程一笑", "Jin Bing 金秉", "Liu Xiao 刘逍", "Wang Jianwei 王剑伟", "Xiao Gu 笑古"]
        let places = names.map { index.range(of: $0)?.lowerBound }
        #expect(places.allSatisfy { $0 != nil }, "\(index)")
        #expect(places.compactMap { $0 } == places.compactMap { $0 }.sorted(), "alphabetical")
        #expect(index.contains("amber box: continued on the page it names"))
    }

    /// The PDF: one page of the paper for each page, a bookmark each, the same bytes each time.
    @Test func thePDFIsOneDocumentOfThePages() throws {
        let paged = try PagedChart.make(try Self.org("generated"), options: ChartOptions(), paper: .letter)
        let pdf = try paged.pdf()
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.hasPrefix("%PDF-1.5"))
        #expect(text.contains("/Type /Pages /Kids [") && text.contains("/Count \(paged.pages.count) >>"))
        #expect(text.components(separatedBy: "/MediaBox [0 0 792 612]").count - 1 == paged.pages.count)
        #expect(text.components(separatedBy: "/Type /Page ").count - 1 == paged.pages.count)
        #expect(text.contains("/Title \(PDFBook.text("1 · " + (paged.pages[0].tree!.cards[0].rows[0].text)))"))
        #expect(!text.contains("CreationDate"))
        #expect(try paged.pdf() == pdf)
        // Every object the cross-reference table lists is where it says.
        let bytes = pdf
        let start = Int(text.components(separatedBy: "startxref\n").last!.split(separator: "\n")[0])!
        let table = String(decoding: bytes[start...], as: UTF8.self).split(separator: "\n")
        let count = Int(table[1].split(separator: " ")[1])!
        for number in 1..<count {
            let entry = table[2 + number].split(separator: " ")
            guard entry[2] == "n" else { continue }
            let offset = Int(entry[0])!
            #expect(String(decoding: bytes[offset..<(offset + "\(number) 0 obj".utf8.count)], as: UTF8.self) == "\(number) 0 obj")
        }
    }

    @Test func paperSizes() {
        #expect(PaperSize(parsing: "a4") == .a4)
        #expect(PaperSize(parsing: "A4-portrait").map { [$0.width, $0.height] } == [595.28, 841.89])
        #expect(PaperSize(parsing: "297x210mm").map { [$0.width.rounded(), $0.height.rounded()] } == [842, 595])
        #expect(PaperSize(parsing: "11x17in").map { [$0.width, $0.height] } == [792, 1224])
        for bad in ["a5", "297x210", "0x10in", "x10in", "1x1in", "300x300in", "nanxnanmm", "-5x10in"] {
            #expect(PaperSize(parsing: bad) == nil, "\(bad)")
        }
    }

    @Test func whatPagesDoNotDraw() throws {
        let org = try kuaishou()
        #expect(throws: ChartError.self) { try PagedChart.make(org, options: ChartOptions(view: .combined), paper: .a4) }
        #expect(throws: ChartError.self) { try PagedChart.make(org, options: ChartOptions(layout: .dot), paper: .a4) }
    }
}
