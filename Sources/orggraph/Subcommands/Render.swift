import ArgumentParser
import Foundation
import OrgGraph
import OrgGraphviz

extension ChartView: ExpressibleByArgument {}
extension ChartLayout: ExpressibleByArgument {}
extension ChartCards: ExpressibleByArgument {}
extension ChartFormat: ExpressibleByArgument {}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw an org chart: SVG, PNG, PDF, DOT or an interactive HTML page, through Graphviz.",
        discussion: """
            The format follows the output file's extension unless --format is given; without -o, \
            DOT, SVG and HTML go to standard output. HTML is one self-contained interactive page: \
            search, pan and zoom, a card's chain and reports, collapsing; a timeline folder gives \
            every snapshot, with a date control and each step's changes marked. Views: units (the unit tree with heads), people \
            (the reporting tree, one card a person), combined (people boxed by unit, one card a post). --layout auto uses Graphviz's \
            dot up to \(OrgChart.tidyThreshold) cards and the linear-time tidy tree above; \
            from \(OrgChart.stackFrom) cards, a tree wider than --max-aspect (4:1) is drawn in columns: \
            the leaf reports of wide teams stacked under their manager, or every team in a row or \
            in columns, whichever gives the smallest drawing within the shape.
            """)

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String

    @OptionGroup var destination: ChartOutputOptions

    @Option(name: .long, help: "units, people or combined.")
    var view: ChartView = .people

    @Option(name: .long, help: "In the people view: person (one card a person, listing each post they hold) or post (one card a post).")
    var cards: ChartCards = .person

    @Option(name: .long, help: "Start the chart at this unit, post or person.")
    var root: String?

    @Option(name: .long, help: "Levels below the root to draw.")
    var depth: Int?

    @Option(name: .long, help: "Languages for names: zh, en or both.")
    var lang: LanguagePreference = .both

    @Option(name: .long, help: "auto, dot or tidy.")
    var layout: ChartLayout = .auto

    @Option(name: .customLong("max-aspect"), help: ArgumentHelp(
        "How many times wider than high a chart may be before teams stand in columns (default 4).",
        valueName: "ratio"))
    var maxAspect: Double?

    @Option(name: .long, help: ArgumentHelp(
        "Stack the leaf reports of wide teams in columns of this many cards, whatever the shape (1: no columns); the tidy layout draws them.",
        valueName: "cards"))
    var stack: Int?

    @Option(name: .long, help: ArgumentHelp(
        "Print a PDF on pages of this paper: a4, a3, letter, legal or tabloid (landscape; add -portrait to stand them up), or WxH in mm, cm, in or pt. Each page is a subtree, cut subtrees continue on pages of their own, and an index of people ends it.",
        valueName: "paper"))
    var page: String?

    @OptionGroup var input: OrgOptions

    func validate() throws {
        if let depth, depth < 0 { throw ValidationError("--depth is a number of levels, 0 or more") }
        if let stack, stack < 1 { throw ValidationError("--stack is a number of cards a column, 1 or more") }
        if let maxAspect, !(maxAspect > 0) || !maxAspect.isFinite {
            throw ValidationError("--max-aspect is how many times wider than high, above 0, such as 4")
        }
        if stack != nil, maxAspect != nil { throw ValidationError("give --stack or --max-aspect, not both: --stack sets the columns' height itself") }
        if stack != nil || maxAspect != nil {
            let option = stack != nil ? "--stack" : "--max-aspect"
            if layout == .dot { throw ValidationError("\(option) shapes the tidy layout; leave out --layout dot") }
            if view == .combined { throw ValidationError("\(option) shapes the tidy layout, which does not draw the combined view") }
        }
        if let page {
            guard PaperSize(parsing: page) != nil else {
                throw ValidationError("--page takes a4, a3, letter, legal or tabloid (with -portrait to stand them up), or a size such as 297x210mm or 11x17in (2 to 200 inches a side); not '\(page)'")
            }
            if destination.requested != .pdf { throw ValidationError("--page prints a PDF on pages; write a .pdf file or give --format pdf") }
            if layout == .dot || view == .combined { throw ValidationError("pages are drawn by the tidy layout: leave out \(layout == .dot ? "--layout dot" : "--view combined")") }
        }
    }

    func run() throws {
        let chosen = try destination.chosen()
        // A page of a whole timeline loads each snapshot once; its latest is the org asked for.
        let versions = chosen == .html ? try timelineVersions() : nil
        let loaded = try versions?.last?.loaded ?? loadOrg(org, asOf: input.asOf, quiet: input.quiet)
        let rootElement = try root.map { try lookup($0, in: QuerySource(core: loaded.core, sourceMap: loaded.sourceMap)) }
        let options = ChartOptions(view: view, cards: cards, root: rootElement, depth: depth, language: lang, layout: layout,
                                   maxAspect: maxAspect ?? 4, stack: stack)
        let bytes: [UInt8]
        if let versions {
            let frames = try HTMLChart.frames(versions.map { ($0.label, $0.loaded.org) }, options: options)
            bytes = try HTMLChart.page(title: frames.last?.chart.title ?? org, frames: frames)
        } else if let page, let paper = PaperSize(parsing: page) {
            bytes = try PagedChart.make(loaded.org, options: options, paper: paper).pdf()
        } else {
            let chart = try OrgChart.make(loaded.org, options: options)
            if chosen == .pdf, let side = chart.size, max(side.width, side.height) > PagedChart.maxPageSide,
                options.view != .combined
            {
                // Too big for one page of PDF: on pages of A4 instead.
                let paged = try PagedChart.make(loaded.org, options: options, paper: .a4)
                if !input.quiet {
                    Output.printError("note: the chart is \(Int(side.width)) × \(Int(side.height)) points, more than one PDF page holds (\(Int(PagedChart.maxPageSide)) a side); printed on \(paged.pages.count) pages of A4 instead (--page chooses the paper)")
                }
                bytes = try paged.pdf()
            } else {
                bytes = try chart.render(chosen)
            }
        }
        try writeResult(bytes, to: destination.output, inputs: [org], announce: true)
        Output.end()
    }

    /// Every snapshot of a timeline folder, oldest first, when the chart is of the whole
    /// timeline (a folder, with no day asked for); nil otherwise.
    func timelineVersions() throws -> [(label: String, loaded: LoadedOrg)]? {
        guard input.asOf == nil, let reference = try? OrgReference(parsing: org), reference.day == nil else { return nil }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: reference.path, isDirectory: &isFolder), isFolder.boolValue else { return nil }
        let timeline = try Timeline(folder: reference.path)
        guard timeline.snapshots.count > 1 else { return nil }
        return try timeline.snapshots.map { snapshot in
            (snapshot.day.description, try loadOrg("\(reference.path)@\(snapshot.day)", quiet: input.quiet))
        }
    }
}
