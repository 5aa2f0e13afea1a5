import Foundation
import OrgGraph
import Testing

@testable import OrgGraphviz

/// Names that look like markup render as the text they are, in every format.
@Suite(.serialized) struct HostileTextTests {
    static let names = [
        "x\", image=\"/etc/hostname",
        "<IMG SRC=\"/etc/hostname\"/>",
        "<B>bold</B>",
        "\"];x [image=\"/etc/passwd",
        "a & b &amp; c",
        "{braces} [brackets]",
        "line one\nline two",
        "back\\slash\\N\\G\\",
        "javascript:alert(1)",
        "مرحبا بالعالم",
        "\u{202E}reversed",
        "emoji 👩‍💻",
        String(repeating: "长", count: 10_000),
    ]

    static func org(named name: String) -> Org {
        var org = Org(title: name)
        org.units["u"] = Unit(id: "u", name: LocalizedText(["en": name]))
        org.people["p"] = Person(id: "p", name: LocalizedText(["en": name]))
        org.posts["head"] = Post(id: "head", title: LocalizedText(["en": name]), unit: "u", isHead: true, holders: ["p"])
        return org
    }

    @Test(arguments: names)
    func rendersAsLiteralText(_ name: String) throws {
        for view in ChartView.allCases {
            let chart = try OrgChart.make(Self.org(named: name), options: ChartOptions(view: view))
            // The name adds nothing but escaped text: with it swapped for a plain word, the DOT
            // is exactly that of an org so named.
            // (Line breaks, written and made by wrapping long lines, read as spaces here.)
            func unwrapped(_ dot: String) -> String { dot.replacingOccurrences(of: "<BR/>", with: " ").replacingOccurrences(of: "\\n", with: " ") }
            let plain = unwrapped(try OrgChart.make(Self.org(named: "SAFE"), options: ChartOptions(view: view)).dot)
            let quotedFull = unwrapped(String(DOTEncoder.quoted(name).dropFirst().dropLast()))
            let quotedClipped = unwrapped(String(DOTEncoder.quoted(OrgChart.clip(name)).dropFirst().dropLast()))
            let swapped = unwrapped(chart.dot).replacingOccurrences(of: quotedFull, with: "SAFE")
                .replacingOccurrences(of: quotedClipped, with: "SAFE")
                .replacingOccurrences(of: unwrapped(HTMLLabel.escape(OrgChart.clip(name))), with: "SAFE")
            #expect(swapped == plain, "\(view): the name changed the DOT's structure")
            let svg = String(decoding: try chart.render(.svg), as: UTF8.self)
            let (wellFormed, texts) = svgTexts(svg)
            #expect(wellFormed, "SVG is not well-formed for \(name.prefix(40))")
            #expect(!svg.contains("<image"))
            #expect(!svg.contains("xlink:href=\"javascript"))
            // The first characters of the name are there as text (cards clip long names).
            // (bidirectional overrides show as their code, as text output shows them).
            let expected = String(TerminalText.safe(OrgChart.clip(name)).split(separator: "\n").first ?? "")
            let flattened = texts.joined(separator: "\n")
            #expect(flattened.contains(String(expected.prefix(8))), "\(expected.prefix(40)) not drawn")
        }
        // PNG and PDF render too.
        let chart = try OrgChart.make(Self.org(named: name), options: ChartOptions(view: .units))
        #expect(try chart.render(.png).count > 100)
        #expect(try chart.render(.pdf).count > 100)
    }

    @Test func quotedStringsAreEscaped() {
        #expect(DOTEncoder.quoted("a\"b") == "\"a\\\"b\"")
        #expect(DOTEncoder.quoted("back\\") == "\"back\\\\\"")
        #expect(DOTEncoder.quoted("\\N") == "\"\\\\N\"")
        #expect(DOTEncoder.quoted("a&b") == "\"a&amp;b\"")
        #expect(DOTEncoder.quoted("one\ntwo\u{0}\u{7}") == "\"one\\ntwo\\\\u{0}\\\\u{7}\"")
        #expect(DOTEncoder.quoted("\u{FFFE}\t") == "\"\\\\u{FFFE}\\\\u{9}\"")
    }

    /// Names a file may hold that Graphviz's label parser refuses as they are: empty, brackets
    /// only (`]]` ends a section of the label's XML), controls only, noncharacters. Each view
    /// draws them, controls and noncharacters as their codes, the way text output shows them.
    static let unlabelable = ["", "]", "]]", "a]]>b", "\u{1}\u{2}", "\u{80}\u{9F}", "\u{85}", "\u{FFFE}\u{FFFF}", "\t", "a\r\nb\rc"]

    @Test(arguments: unlabelable)
    func drawsNamesTheLabelParserRefuses(_ name: String) throws {
        let shown = TerminalText.safe(lineBreaks(name), keepingTabs: false).split(separator: "\n").first.map(String.init) ?? ""
        for view in ChartView.allCases {
            for layout in [ChartLayout.dot, .tidy] where !(view == .combined && layout == .tidy) {
                let chart = try OrgChart.make(Self.org(named: name), options: ChartOptions(view: view, layout: layout))
                let svg = String(decoding: try chart.render(.svg), as: UTF8.self)
                let (wellFormed, texts) = svgTexts(svg)
                #expect(wellFormed, "\(view) \(layout): SVG is not well-formed")
                #expect(shown.isEmpty || texts.contains { $0.contains(shown) }, "\(view) \(layout): \(shown) not drawn")
            }
        }
        #expect(try OrgChart.make(Self.org(named: name), options: ChartOptions(view: .units)).render(.png).count > 100)
    }

    /// A backslash is drawn as itself: `\N` is not replaced by the card's id, and a name that
    /// ends in one draws (Graphviz 2.42 overruns its buffer on such a text if it reaches it).
    @Test(arguments: ["a\\Nb", "ends in a backslash\\", "\\G\\L\\T\\H\\E\\\\"])
    func backslashesAreDrawnAsThemselves(_ name: String) throws {
        for view in ChartView.allCases {
            for layout in [ChartLayout.dot, .tidy] where !(view == .combined && layout == .tidy) {
                var org = Self.org(named: name)
                org.title = "Title"
                let chart = try OrgChart.make(org, options: ChartOptions(view: view, layout: layout))
                let (wellFormed, texts) = svgTexts(String(decoding: try chart.render(.svg), as: UTF8.self))
                #expect(wellFormed)
                #expect(texts.contains(name), "\(view) \(layout): '\(name)' is not drawn as itself: \(texts)")
            }
        }
    }

    @Test func htmlTextIsEscaped() {
        #expect(HTMLLabel.escape("<B>&\"'</B>") == "&lt;B&gt;&amp;&quot;&#39;&lt;/B&gt;")
        #expect(HTMLLabel.escape("a\nb") == "a<BR/>b")
        #expect(HTMLLabel.escape("]]>\u{1B}") == "&#93;&#93;&gt;\\\\u{1B}")
        #expect(HTMLLabel.escape("a\\Nb\\") == "a\\\\Nb\\\\")
    }

    @Test func fileAttributesNeverReachTheOutput() {
        var graph = DOTGraph()
        graph.statements = [.node(id: "n0", [DOTAttribute("image", .text("/etc/hostname")), DOTAttribute("URL", .text("javascript:x")),
                                             DOTAttribute("label", .text("ok"))])]
        let dot = DOTEncoder.encode(graph)
        #expect(dot == "digraph G {\n  n0 [label=\"ok\"];\n}\n")
    }
}
