import OrgGraph

/// Which tree a chart draws.
public enum ChartView: String, Sendable, CaseIterable {
    /// The unit tree, each unit with its head.
    case units
    /// The reporting tree of posts and the people in them.
    case people
    /// The reporting tree, with people boxed by unit.
    case combined
}

/// How a chart is laid out.
public enum ChartLayout: String, Sendable, CaseIterable {
    /// `dot` up to ``OrgChart/tidyThreshold`` cards, the tidy tree above.
    case auto
    /// Graphviz's layered layout: the best drawing of small charts, slow past a few thousand cards.
    case dot
    /// The linear-time tidy tree, positions pinned and drawn by Graphviz (`nop2`).
    case tidy
}

/// What a card of the reporting tree stands for.
public enum ChartCards: String, Sendable, CaseIterable {
    /// A person: the posts they hold alone make one card (the people view's default).
    case person
    /// A post: every post its own card, a person in several posts drawn on each.
    case post
}

public struct ChartOptions: Sendable {
    public var view: ChartView = .people
    /// In the people view, one card a person or one a post.
    public var cards: ChartCards = .person
    /// A unit, post or person: the chart starts there.
    public var root: OrgElement?
    /// Levels below the root to draw (nil for all).
    public var depth: Int?
    public var language: LanguagePreference = .both
    public var layout: ChartLayout = .auto
    /// A title drawn above the chart.
    public var title: String?
    /// How much wider than high a tree may be drawn before teams stand in columns (stacked
    /// leaves in the tidy layout, or the packed layout).
    public var maxAspect: Double = 4
    /// Columns of this many cards for the leaf reports of a wide team, whatever the shape it
    /// gives (1: no columns); the tidy layout draws them. Nil: the shortest columns that keep
    /// the drawing within ``maxAspect``.
    public var stack: Int?

    public init(view: ChartView = .people, cards: ChartCards = .person, root: OrgElement? = nil, depth: Int? = nil, language: LanguagePreference = .both,
                layout: ChartLayout = .auto, title: String? = nil, maxAspect: Double = 4, stack: Int? = nil) {
        self.maxAspect = maxAspect
        self.stack = stack
        self.view = view
        self.cards = cards
        self.root = root
        self.depth = depth
        self.language = language
        self.layout = layout
        self.title = title
    }
}

/// A card of a chart as the interactive page knows it: what it says and stands for, and the
/// card it hangs from.
public struct ChartCard: Sendable, Hashable {
    /// The card's node in the graph.
    public var id: String
    public var parent: String?
    /// Its text, a line each, as drawn.
    public var lines: [String]
    /// The ids of the units, posts and people it stands for.
    public var ids: [String]

    public init(id: String, parent: String?, lines: [String], ids: [String]) {
        self.id = id
        self.parent = parent
        self.lines = lines
        self.ids = ids
    }
}

/// A chart ready for Graphviz: the graph and the engine to lay it out with.
public struct Chart: Sendable {
    public var graph: DOTGraph
    /// `dot`, or `nop2` when positions are already in the graph.
    public var engine: String
    /// The boxes of the tidy layout, when it was used.
    public var boxes: [TidyLayout.Box]?
    /// The drawing's width and height in points, when the tidy layout placed it.
    public var size: (width: Double, height: Double)? { boxes.map(CardTree.extent) }
    /// The cards, in the graph's order: made when asked (a page needs them, an SVG does not).
    public var cards: [ChartCard] { tree?.chartCards() ?? listedCards }
    /// The tree of a chart's cards, or the cards of a comparison, for ``cards``.
    var tree: CardTree?
    var listedCards: [ChartCard] = []

    public var dot: String { DOTEncoder.encode(graph) }

    /// The title drawn above the chart.
    public var title: String {
        for attribute in graph.attributes where attribute.name == "label" { if case .text(let text) = attribute.value { return text } }
        return ""
    }

    /// Renders the chart in a format.
    public func render(_ format: ChartFormat) throws(GraphvizError) -> [UInt8] {
        if format == .html { return try HTMLChart.page(title: title, frames: [HTMLChart.Frame(label: "", chart: self)]) }
        let data = try GraphvizRenderer.shared.render(dot, engine: engine, format: format)
        return [UInt8](data)
    }
}

/// A failure to make a chart that the user can fix.
public struct ChartError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Org charts: cards for units or posts, in a tree, through Graphviz.
public enum OrgChart {
    /// Above this many cards `auto` uses the tidy layout: `dot` takes about a second at 2,000
    /// cards on a 2-core machine and grows faster than linearly (3–5 s at 5,000, 1–3 min at
    /// 20,000), while the tidy layout stays under a second at 20,000.
    public static let tidyThreshold = 2_000
    /// From this many cards `auto` also uses the tidy layout when the tree is wider than
    /// ``ChartOptions/maxAspect``; smaller charts keep `dot`'s drawing whatever their shape.
    public static let stackFrom = 50

    /// Fonts with Chinese glyphs first, then common fallbacks; SVG keeps the whole list.
    public static let fontList = "Noto Sans CJK SC,WenQuanYi Zen Hei,WenQuanYi Micro Hei,Microsoft YaHei,PingFang SC,sans-serif"
    /// Longer names are cut, with an ellipsis, on cards.
    public static let maxCardText = 100
    static let fontSize = 11.0

    /// Builds the chart of an org.
    public static func make(_ org: Org, options: ChartOptions) throws(ChartError) -> Chart {
        // The options are checked before any card is made.
        if let stack = options.stack {
            guard stack >= 1 else { throw ChartError(message: "a column of stacked cards holds 1 card or more, not \(stack)") }
            if options.layout == .dot { throw ChartError(message: "stacked columns are drawn by the tidy layout, not dot; leave out one of them") }
        }
        guard options.maxAspect > 0, options.maxAspect.isFinite else {
            throw ChartError(message: "the widest shape is a number of times as wide as high, above 0, such as 4; not \(options.maxAspect)")
        }
        if options.view == .combined, options.layout == .tidy || options.stack != nil {
            throw ChartError(message: options.stack == nil
                ? "the tidy layout draws trees of cards; the combined view boxes them by unit and needs '--layout dot'"
                : "stacked columns are drawn by the tidy layout, which draws trees of cards; the combined view boxes them by unit")
        }
        let tree = try CardTree(org: org, options: options)
        let useTidy: Bool
        // The unstacked tidy layout, when `auto` has made it to measure the tree's shape.
        var flat: CardTree.Placement?
        switch options.layout {
        case .dot: useTidy = false
        case .tidy: useTidy = true
        case .auto where options.stack != nil: useTidy = true
        case .auto:
            // Above the threshold `dot` is too slow; from a few dozen cards, a tree wider than
            // `maxAspect` would be a strip in `dot` too, and the tidy layout stacks its leaves.
            if options.view == .combined || tree.cards.count < stackFrom {
                useTidy = false
            } else if tree.cards.count > tidyThreshold {
                useTidy = true
            } else {
                flat = tree.tidyBoxes(stack: 1)
                useTidy = CardTree.aspect(flat!.boxes) > options.maxAspect
            }
        }
        var graph = baseGraph(org: org, options: options)
        if useTidy {
            let placement = options.stack.map { tree.tidyBoxes(stack: $0) } ?? tree.tidyBoxes(maxAspect: options.maxAspect, flat: flat)
            graph.statements = tree.pinnedStatements(placement)
            graph.attributes.append(DOTAttribute("splines", .keyword("line")))
            return Chart(graph: graph, engine: "nop2", boxes: placement.boxes, tree: tree)
        }
        graph.statements = tree.layeredStatements(org: org, combined: options.view == .combined)
        return Chart(graph: graph, engine: "dot", boxes: nil, tree: tree)
    }

    static func baseGraph(org: Org, options: ChartOptions) -> DOTGraph {
        var graph = DOTGraph()
        let title = options.title ?? [org.title, org.asOf?.description].compactMap { $0 }.joined(separator: " · ")
        graph.attributes = [
            DOTAttribute("rankdir", .keyword("TB")),
            DOTAttribute("nodesep", .number(0.25)),
            DOTAttribute("ranksep", .number(0.45)),
            DOTAttribute("fontname", .keyword(fontList)),
            DOTAttribute("fontsize", .number(14)),
            DOTAttribute("labelloc", .keyword("t")),
            DOTAttribute("label", .text(clip(title))),
        ]
        graph.nodeDefaults = [
            DOTAttribute("shape", .keyword("box")),
            DOTAttribute("style", .keyword("rounded")),
            DOTAttribute("fontname", .keyword(fontList)),
            DOTAttribute("fontsize", .number(fontSize)),
            DOTAttribute("margin", .keyword("0.08,0.04")),
        ]
        graph.edgeDefaults = [
            DOTAttribute("arrowhead", .keyword("none")),
            DOTAttribute("color", .keyword("#444444")),
            // Edge labels ("moved") in the cards' font, not Graphviz's default serif.
            DOTAttribute("fontname", .keyword(fontList)),
        ]
        return graph
    }

    /// Text cut to ``maxCardText`` characters.
    static func clip(_ text: String) -> String {
        text.count > maxCardText ? String(text.prefix(maxCardText - 1)) + "…" : text
    }

    /// The widest a line of a card is drawn before it breaks: about forty Latin letters.
    static let maxLineWidth = 280.0

    /// Text with a line break before each word that would end past ``maxLineWidth``; a word
    /// wider than that stays whole on its line.
    static func wrap(_ text: String, size: Double, bold: Bool = false) -> String {
        guard textWidth(text, size: size, bold: bold) > maxLineWidth else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            var lines: [String] = []
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if !current.isEmpty, textWidth(candidate, size: size, bold: bold) > maxLineWidth {
                    lines.append(current)
                    current = String(word)
                } else {
                    current = candidate
                }
            }
            lines.append(current)
            return lines.joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// A line's width in points (``TextMetrics``), with room for a bold face wider than the
    /// regular one where the reader's font has one.
    static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        TextMetrics.width(text, size: size) * (bold ? 1.08 : 1)
    }
}
