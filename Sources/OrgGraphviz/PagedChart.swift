import OrgGraph

/// A chart cut into pages of paper, for printing: each page a subtree drawn by the tidy layout
/// at a size that reads on paper, an amber card "continued on page N" where a subtree goes on
/// a page of its own, and at the end an index of the people (and, in the units view, the units)
/// with the page of their card, after the legend.
///
/// How the tree is cut, from the leaves up: a card keeps its reports' subtrees on its page while
/// they fit; when they do not, the largest goes to a page of its own, then the next largest,
/// until the rest fits. A card whose reports do not fit even so (a team of hundreds) has them
/// on pages "continued from page N", as many as fit a page each. Several small trees (an org
/// with more than one top) share a page.
public struct PagedChart: Sendable {
    /// The chart's pages, then the index's.
    public var pages: [Chart]
    /// Each page's bookmark: its top card's first line, or "Index".
    public var bookmarks: [String]
    /// How many of ``pages`` are the chart's (the index's follow).
    public var chartPages: Int
    /// Each person's (or, in the units view, unit's) page, by id: what the index lists.
    public var pageOf: [String: Int]
    public var paper: PaperSize
    public var title: String

    /// The widest and highest page PDF readers show (Acrobat's limit, 200 inches): a chart
    /// larger than that is printed on pages.
    public static let maxPageSide = 14_400.0
    /// The smallest a page is scaled to fit the paper: cards of 11-point text print at 7.7 points.
    public static let minScale = 0.7
    /// Paper left blank on every side, in points.
    static let margin = 28.0
    /// Room for a page's title and Graphviz's pad, in points.
    static let titleRoom = 34.0

    /// Cuts a chart into pages; the tidy layout draws every page.
    public static func make(_ org: Org, options: ChartOptions, paper: PaperSize) throws(ChartError) -> PagedChart {
        if options.view == .combined {
            throw ChartError(message: "pages are drawn by the tidy layout, which draws trees of cards; the combined view boxes them by unit: use the people or units view")
        }
        if options.layout == .dot { throw ChartError(message: "pages are drawn by the tidy layout; leave out --layout dot") }
        let tree = try CardTree(org: org, options: options)
        var planner = PagePlanner(tree: tree, paper: paper)
        planner.plan()
        let keys = planner.numbered()
        let base = options.title ?? [org.title, org.asOf?.description].compactMap { $0 }.joined(separator: " · ")

        // The index: each person's card's page (and each unit's, in the units view).
        var pageOf: [String: Int] = [:]
        var pieces: [PagePlanner.Piece] = []
        for (number, key) in keys.enumerated() {
            let piece = planner.piece(key)
            for card in piece.source.compactMap({ $0 }) {
                for id in tree.cards[card].ids where pageOf[id] == nil { pageOf[id] = number + 1 }
            }
            pieces.append(piece)
        }
        // Sorted by the Latin name where there is one, which leads the entry.
        var entries: [(name: String, key: String, id: String, page: Int)] = []
        for (id, page) in pageOf {
            var name: LocalizedText?
            if let person = org.people[PersonID(id)] { name = person.name } else if options.view == .units { name = org.units[UnitID(id)]?.name }
            guard let name else { continue }
            let latin = name.text(in: "en")
            var text = name.display(options.language)
            if options.language == .both, let latin, let chinese = name.text(in: "zh"), chinese != latin { text = "\(latin) \(chinese)" }
            entries.append((OrgChart.clip(text), (latin ?? text).lowercased(), id, page))
        }
        entries.sort { ($0.key, $0.id) < ($1.key, $1.id) }
        let index = IndexPages(paper: paper, legend: tree.legendRows(paged: true), entries: entries)
        let total = keys.count + index.pageCount

        var charts: [Chart] = []
        var bookmarks: [String] = []
        for (number, piece) in pieces.enumerated() {
            var pageOptions = options
            pageOptions.title = base.isEmpty ? "page \(number + 1) of \(total)" : "\(base) · page \(number + 1) of \(total)"
            var graph = OrgChart.baseGraph(org: org, options: pageOptions)
            let placement = piece.tree.bestFit(width: planner.capacity.width, height: planner.capacity.height).placement
            graph.statements = piece.tree.pinnedStatements(placement, legend: false)
            graph.attributes.append(DOTAttribute("splines", .keyword("line")))
            charts.append(Chart(graph: graph, engine: "nop2", boxes: placement.boxes, tree: piece.tree))
            bookmarks.append("\(number + 1) · " + (piece.tree.cards.first?.rows.first?.text.replacingOccurrences(of: "\n", with: " ") ?? ""))
        }
        for (number, page) in index.charts(title: base, first: keys.count + 1, total: total).enumerated() {
            charts.append(page)
            bookmarks.append(number == 0 ? "Index" : "Index (\(number + 1))")
        }
        return PagedChart(pages: charts, bookmarks: bookmarks, chartPages: keys.count, pageOf: pageOf, paper: paper, title: base)
    }

    /// The pages as one PDF, with a bookmark a page.
    public func pdf() throws(GraphvizError) -> [UInt8] {
        var book = PDFBook(paper: paper, title: title)
        var rendered: [PDFBook.Page] = []
        for (page, bookmark) in zip(pages, bookmarks) {
            rendered.append(PDFBook.Page(pdf: try page.render(.pdf), bookmark: bookmark))
        }
        do {
            return try book.write(rendered)
        } catch {
            throw GraphvizError(message: error.message)
        }
    }
}

/// Decides where a card tree is cut into pages.
struct PagePlanner {
    /// A page: the subtree of a card (`chunk` 0), or the `chunk`-th page of a card's reports
    /// that did not fit with it. The card `virtualRoot` stands above every top of the tree.
    struct Key: Hashable {
        var card: Int
        var chunk: Int
    }

    /// A page's cards, each card's card in the whole tree (nil for the amber ones), and the
    /// pages its amber cards lead to, in order.
    struct Piece {
        var tree: CardTree
        var source: [Int?]
        var links: [Key]
    }

    let tree: CardTree
    /// Each card's reports, and the staff drawn beside it; the virtual root's reports are the tops.
    private var reports: [[Int]]
    private var staff: [[Int]]
    let virtualRoot: Int
    /// The most a page holds before scaling below ``PagedChart/minScale``, in points.
    let capacity: (width: Double, height: Double)
    /// Whether a card's subtree has a page of its own.
    private var cut: [Bool]
    /// The page of its parent's reports a card is on (0: with the parent).
    private var chunk: [Int]
    /// Cards on the page a card heads, as its parent's page draws it, and the paper they cover.
    private var size: [Int]
    private var area: [Double]
    /// Each page's number once ``numbered()`` has run, and the page its amber card is on.
    private var numbers: [Key: Int] = [:]
    private var from: [Key: Int] = [:]

    init(tree: CardTree, paper: PaperSize) {
        self.tree = tree
        let count = tree.cards.count
        virtualRoot = count
        let beside = tree.besideParent()
        reports = Array(repeating: [], count: count + 1)
        staff = Array(repeating: [], count: count + 1)
        for (index, card) in tree.cards.enumerated() {
            if let parent = card.parent {
                if beside[index] { staff[parent].append(index) } else { reports[parent].append(index) }
            } else {
                reports[count].append(index)
            }
        }
        let width = (paper.width - 2 * PagedChart.margin - 8) / PagedChart.minScale
        let height = (paper.height - 2 * PagedChart.margin - PagedChart.titleRoom) / PagedChart.minScale
        capacity = (width, height)
        cut = Array(repeating: false, count: count + 1)
        chunk = Array(repeating: 0, count: count + 1)
        size = Array(repeating: 1, count: count + 1)
        area = Array(repeating: 0, count: count + 1)
    }

    /// Decides the cuts, from the leaves up.
    mutating func plan() {
        // Parents after their reports.
        var order: [Int] = []
        order.reserveCapacity(virtualRoot + 1)
        var stack = [virtualRoot]
        while let card = stack.popLast() {
            order.append(card)
            stack += reports[card]
        }
        for card in order.reversed() {
            guard !reports[card].isEmpty else {
                size[card] = 1 + staff[card].count
                area[card] = Self.area(piece(Key(card: card, chunk: 0)))
                continue
            }
            var piece = self.piece(Key(card: card, chunk: 0))
            if !fits(piece) {
                split(card)
                piece = self.piece(Key(card: card, chunk: 0))
            }
            size[card] = piece.tree.cards.count
            area[card] = Self.area(piece)
        }
    }

    /// Spreads a card's reports (with their subtrees as far as they are on their pages) over
    /// as many pages as they need, in order, each as full as fits: the first with the card, the
    /// others headed by it, "continued from page N". Several small subtrees share a page so.
    /// A subtree that does not fit under the card on a page has one of its own.
    private mutating func split(_ card: Int) {
        // A subtree that fills half a page or more has a page of its own.
        for report in reports[card] where size[report] > 1 && area[report] > capacity.width * capacity.height / 2 { cut[report] = true }
        if fits(piece(Key(card: card, chunk: 0))) { return }
        // Reports not yet given a page are on a page after the one tried, which then has the
        // card that leads to them.
        for report in reports[card] { chunk[report] = Int.max }
        var current = 0
        var onCurrent = 0
        for report in reports[card] {
            chunk[report] = current
            if onCurrent > 0, !fits(piece(Key(card: card, chunk: current))) {
                current += 1
                chunk[report] = current
                onCurrent = 0
            }
            // A subtree too big for a page with the card above it has a page of its own.
            if onCurrent == 0, !cut[report], size[report] > 1, !fits(piece(Key(card: card, chunk: current))) { cut[report] = true }
            onCurrent += 1
        }
    }

    /// Whether a page's drawing fits the paper at ``PagedChart/minScale`` or more.
    private func fits(_ piece: Piece) -> Bool {
        // Cards and the gaps around them cover more than the page: no layout needed to tell.
        guard Self.area(piece) <= capacity.width * capacity.height else { return false }
        return piece.tree.bestFit(width: capacity.width, height: capacity.height).scale >= 1
    }

    /// The paper a page's cards cover, with the gaps around them.
    private static func area(_ piece: Piece) -> Double {
        piece.tree.sizes.reduce(0.0) { $0 + ($1.width + 20) * ($1.height + 30) }
    }

    /// The pages in reading order, numbered from 1: the pages a page's amber cards lead to
    /// follow one another, then the pages theirs lead to, each page's in turn.
    mutating func numbered() -> [Key] {
        var order: [Key] = []
        func number(_ key: Key, from page: Int, into fresh: inout [Key]) {
            guard numbers[key] == nil else { return }
            let piece = piece(key)
            // The tops' page is left out when every top has a page of its own.
            if piece.tree.cards.isEmpty {
                numbers[key] = 0
                for link in piece.links { number(link, from: page, into: &fresh) }
                return
            }
            order.append(key)
            numbers[key] = order.count
            from[key] = page
            fresh.append(key)
        }
        var stack: [Key] = []
        number(Key(card: virtualRoot, chunk: 0), from: 0, into: &stack)
        while let key = stack.popLast() {
            var fresh: [Key] = []
            for link in piece(key).links { number(link, from: numbers[key]!, into: &fresh) }
            stack += fresh.reversed()
        }
        return order
    }

    /// Page numbers as a reader writes them: `5`, `5, 9`, `5–8`.
    static func pageList(_ pages: [Int]) -> String {
        if pages.count > 2, zip(pages, pages.dropFirst()).allSatisfy({ $1 == $0 + 1 }) { return "\(pages[0])–\(pages.last!)" }
        return pages.map(String.init).joined(separator: ", ")
    }

    /// The cards of a page, with amber cards for the subtrees and reports on other pages.
    func piece(_ key: Key) -> Piece {
        var cards: [Card] = []
        var sizes: [(width: Double, height: Double)] = []
        var source: [Int?] = []
        var links: [Key] = []
        var position: [Int: Int] = [:]
        func add(_ card: Card, from original: Int?) -> Int {
            var card = card
            if card.pageLink { card.id = "p\(cards.count)" }
            cards.append(card)
            sizes.append(original.map { tree.sizes[$0] } ?? CardTree.measure(card))
            source.append(original)
            if let original { position[original] = cards.count - 1 }
            return cards.count - 1
        }
        func link(_ text: String, _ target: Key, under parent: Int?, name: String) {
            links.append(target)
            let page = numbers[target].map(String.init) ?? "0000"
            var card = Card(id: "", rows: [HTMLRow(name, pointSize: 9), HTMLRow("\(text) page \(page)", pointSize: 9, color: "#666666")], parent: parent)
            card.pageLink = true
            _ = add(card, from: nil)
        }
        func name(_ card: Int) -> String { tree.cards[card].rows.first?.text ?? "" }
        func visit(_ original: Int, _ mine: Int?, only: Int?) {
            if only == nil, original != virtualRoot {
                for beside in staff[original] {
                    var card = tree.cards[beside]
                    card.parent = mine
                    _ = add(card, from: beside)
                }
            }
            var more: [Int] = []
            for report in reports[original] {
                if let only {
                    guard chunk[report] == only else { continue }
                } else if chunk[report] != 0 {
                    if !more.contains(chunk[report]) { more.append(chunk[report]) }
                    continue
                }
                if cut[report] {
                    // A top of the tree on a page of its own needs no card here.
                    if original == virtualRoot { links.append(Key(card: report, chunk: 0)) } else {
                        link("continued on", Key(card: report, chunk: 0), under: mine, name: name(report))
                    }
                    continue
                }
                var card = tree.cards[report]
                card.parent = mine
                visit(report, add(card, from: report), only: nil)
            }
            if original == virtualRoot {
                links += more.map { Key(card: original, chunk: $0) }
            } else if !more.isEmpty {
                let keys = more.map { Key(card: original, chunk: $0) }
                links += keys
                let pages = keys.map { numbers[$0] ?? 0 }
                // Before pages have numbers, as wide as they will be.
                let text = Self.pageList(pages.contains(0) ? pages.indices.map { 1000 + $0 } : pages)
                var card = Card(id: "", rows: [HTMLRow(name(original), pointSize: 9),
                                              HTMLRow("more reports on page\(pages.count > 1 ? "s" : "") \(text)", pointSize: 9, color: "#666666")], parent: mine)
                card.pageLink = true
                _ = add(card, from: nil)
            }
        }
        if key.card == virtualRoot {
            visit(virtualRoot, nil, only: key.chunk == 0 ? nil : key.chunk)
        } else if key.chunk == 0 {
            var card = tree.cards[key.card]
            card.parent = nil
            visit(key.card, add(card, from: key.card), only: nil)
        } else {
            // The top of a page of reports: who they report to, and where that card is.
            let page = from[key].map(String.init) ?? "0000"
            var header = Card(id: "", rows: [HTMLRow(name(key.card), bold: true), HTMLRow("continued from page \(page)", pointSize: 9, color: "#666666")])
            header.pageLink = true
            visit(key.card, add(header, from: nil), only: key.chunk)
        }
        var dotted: [(from: Int, to: Int)] = []
        for (from, to) in tree.dotted { if let a = position[from], let b = position[to] { dotted.append((a, b)) } }
        return Piece(tree: CardTree(cards: cards, sizes: sizes, dotted: dotted, language: tree.language), source: source, links: links)
    }
}

/// The index at the end of a paged chart: the legend, then every name with its page, in
/// columns.
struct IndexPages {
    let paper: PaperSize
    let legend: [HTMLRow]
    let entries: [(name: String, key: String, id: String, page: Int)]
    static let rowHeight = 13.0
    static let columnGap = 24.0

    private var columnWidth: Double {
        let widest = entries.map { OrgChart.textWidth($0.name, size: 9) }.max() ?? 100
        return min(max(widest, 100), 260) + 40
    }

    private var columnsPerPage: Int { max(1, Int((paper.width - 2 * PagedChart.margin + Self.columnGap) / (columnWidth + Self.columnGap))) }
    private var rowsPerColumn: Int { max(5, Int((paper.height - 2 * PagedChart.margin - PagedChart.titleRoom - 16) / Self.rowHeight)) }
    /// Rows the legend takes at the top of the first page's first column.
    private var legendRows: Int { legend.count + 2 }

    var pageCount: Int {
        let perPage = columnsPerPage * rowsPerColumn
        return max(1, (entries.count + legendRows + perPage - 1) / perPage)
    }

    func charts(title: String, first: Int, total: Int) -> [Chart] {
        let rows = rowsPerColumn, columns = columnsPerPage
        var slots: [[(label: HTMLLabel, rows: Int)]] = []
        var column = ""
        var used = 0
        var page: [(label: HTMLLabel, rows: Int)] = []
        func endColumn() {
            if !column.isEmpty { page.append((HTMLLabel(markup: "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\">\(column)</TABLE>"), used)) }
            column = ""
            used = 0
            if page.count == columns {
                slots.append(page)
                page = []
            }
        }
        func row(_ cells: String) {
            if used == rows { endColumn() }
            column += "<TR>\(cells)</TR>"
            used += 1
        }
        for line in legend {
            let text = HTMLLabel.escape(line.text)
            row("<TD ALIGN=\"LEFT\" COLSPAN=\"2\"><FONT POINT-SIZE=\"9\">\(line.bold ? "<B>\(text)</B>" : text)</FONT></TD>")
        }
        row("<TD COLSPAN=\"2\"> </TD>")
        row("<TD ALIGN=\"LEFT\" COLSPAN=\"2\"><B>Index</B></TD>")
        for entry in entries {
            row("<TD ALIGN=\"LEFT\" WIDTH=\"\(Int(columnWidth - 40))\"><FONT POINT-SIZE=\"9\">\(HTMLLabel.escape(entry.name))</FONT></TD>"
                + "<TD ALIGN=\"RIGHT\" WIDTH=\"36\"><FONT POINT-SIZE=\"9\">\(entry.page)</FONT></TD>")
        }
        endColumn()
        if !page.isEmpty { slots.append(page) }
        return slots.enumerated().map { number, labels in
            var graph = DOTGraph()
            let heading = title.isEmpty ? "Index · page \(first + number) of \(total)" : "\(title) · index · page \(first + number) of \(total)"
            graph.attributes = [
                DOTAttribute("fontname", .keyword(OrgChart.fontList)), DOTAttribute("fontsize", .number(14)),
                DOTAttribute("labelloc", .keyword("t")), DOTAttribute("label", .text(OrgChart.clip(heading))),
            ]
            graph.nodeDefaults = [DOTAttribute("shape", .keyword("plaintext")), DOTAttribute("fontname", .keyword(OrgChart.fontList)),
                                  DOTAttribute("margin", .keyword("0"))]
            let height = Double(rows) * Self.rowHeight
            // Two invisible corners make the drawing as wide and high as the paper allows, so that
            // the columns start at the top left.
            let corners: [DOTStatement] = [(0.0, 0.0), (paper.width - 2 * PagedChart.margin - 8, height)].enumerated().map { number, corner in
                .node(id: "corner\(number)", [DOTAttribute("style", .keyword("invis")), DOTAttribute("label", .text("")),
                                              DOTAttribute("width", .number(0.01)), DOTAttribute("height", .number(0.01)),
                                              DOTAttribute("fixedsize", .keyword("true")), DOTAttribute("pos", .keyword(CardTree.point(corner.0, corner.1)))])
            }
            graph.statements = corners + labels.enumerated().map { column, label in
                // Each column's top at the page's: a node is placed by its centre.
                let x = Double(column) * (columnWidth + Self.columnGap) + columnWidth / 2
                return .node(id: "c\(column)", [
                    DOTAttribute("label", .html(label.label)),
                    DOTAttribute("pos", .keyword(CardTree.point(x, height - Double(label.rows) * Self.rowHeight / 2))),
                ])
            }
            return Chart(graph: graph, engine: "nop2", boxes: nil)
        }
    }
}
