import Foundation
import OrgGraph
import Testing

@testable import OrgGraphviz

@Suite(.serialized) struct RendererTests {
    @Test func rendersTheKuaishouChartAsSVGWithChineseNames() throws {
        let chart = try OrgChart.make(try kuaishou(), options: ChartOptions())
        let svg = String(decoding: try chart.render(.svg), as: UTF8.self)
        let (wellFormed, texts) = svgTexts(svg)
        #expect(wellFormed)
        let all = texts.joined(separator: "\n")
        #expect(all.contains("刘逍"))
        #expect(all.contains("王剑伟"))
        #expect(all.contains("生活服务事业部"))
        // SVG viewers fall back through the font list.
        #expect(svg.contains("font-family=\"Noto Sans CJK SC,WenQuanYi Zen Hei"))
    }

    /// SVG text is placed by the measure cards are sized with (``TextMetrics``), not by pango:
    /// each line of a card starts half its measured width left of the card's centre. (Here pango
    /// draws Cyrillic from the CJK font, about 0.95 em a letter, where the measure says 0.62.)
    @Test(arguments: ["ЖЖЖЖ Cyrillic", "王剑伟 Wang Jianwei", "Senior Vice President"])
    func svgTextIsPlacedByTheMeasureCardsAreSizedWith(_ text: String) throws {
        let dot = "digraph G { n [shape=box, label=<<B>\(text)</B>>, fontsize=10, pos=\"200,100\", width=4, height=1, fixedsize=true]; }"
        let svg = String(decoding: try GraphvizRenderer.shared.render(dot, engine: "nop2", format: .svg), as: UTF8.self)
        func numbers(after key: String) throws -> [Double] {
            let start = try #require(svg.range(of: key)).upperBound
            let quoted = svg[start...].prefix { $0 != "\"" }
            return quoted.split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
        }
        let box = try numbers(after: "<polygon fill=\"none\" stroke=\"black\" points=\"")
        let xs = stride(from: 0, to: box.count, by: 2).map { box[$0] }
        let centre = (xs.min()! + xs.max()!) / 2
        let start = try #require(try numbers(after: "text-anchor=\"start\" x=\"").first)
        #expect(abs(start + TextMetrics.width(text, size: 10) / 2 - centre) < 0.05, "\(text) starts at \(start), the card's centre is \(centre)")
    }

    @Test func pngAndPDFAreValidAndUseAChineseFont() throws {
        let chart = try OrgChart.make(try kuaishou(), options: ChartOptions(view: .units))
        let png = try chart.render(.png)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let pdf = try chart.render(.pdf)
        #expect(pdf.starts(with: Array("%PDF-".utf8)))
        // Cairo embeds the fonts it drew with: a CJK font, so the glyphs are not boxes.
        let text = String(decoding: pdf, as: UTF8.self)
        #expect(text.contains("WenQuanYi") || text.contains("NotoSansCJK") || text.contains("Noto Sans CJK"), "no CJK font embedded in the PDF")
    }

    @Test func dotIsTheSameEveryTime() throws {
        let org = try kuaishou()
        for view in ChartView.allCases {
            let a = try OrgChart.make(org, options: ChartOptions(view: view)).dot
            let b = try OrgChart.make(org, options: ChartOptions(view: view)).dot
            #expect(a == b)
        }
    }

    @Test func graphvizErrorsAreTypedNotPrinted() {
        #expect(throws: GraphvizError.self) { try GraphvizRenderer.shared.render("digraph { a -> }", engine: "dot", format: .svg) }
        #expect(throws: GraphvizError.self) { try GraphvizRenderer.shared.render("", engine: "dot", format: .svg) }
        #expect(throws: GraphvizError.self) { try GraphvizRenderer.shared.render("digraph { a }", engine: "no-such-engine", format: .svg) }
    }

    @Test func graphvizReadsNoFileEvenWhenAskedDirectly() throws {
        // Bypassing the encoder: safe mode still refuses the file.
        let dot = "digraph { a [image=\"/etc/hostname\", label=\"x\"]; }"
        let svg = String(decoding: try GraphvizRenderer.shared.render(dot, engine: "dot", format: .svg), as: UTF8.self)
        #expect(!svg.contains("<image"))
        #expect(throws: GraphvizError.self) {
            try GraphvizRenderer.shared.render("digraph { b [label=<<TABLE><TR><TD><IMG SRC=\"/etc/hostname\"/></TD></TR></TABLE>>]; }", engine: "dot", format: .png)
        }
    }

    @Test func layoutPluginsAreInstalled() {
        let layouts = GraphvizRenderer.shared.plugins("layout")
        #expect(layouts.contains { $0.hasPrefix("dot") })
        #expect(layouts.contains { $0.hasPrefix("nop2") })
    }

    /// A PNG past cairo's 32,767 pixels a side is refused with our words, not scaled down by
    /// Graphviz with its own; SVG of the same chart is drawn.
    @Test func aPNGTooBigForBitmapsIsRefusedSayingWhatToDo() throws {
        let star = generatedOrg(people: 400) { $0 == 0 ? nil : 0 }
        let chart = try OrgChart.make(star, options: ChartOptions(view: .people, layout: .dot))
        do {
            _ = try chart.render(.png)
            Issue.record("a 400-wide row was drawn as PNG")
        } catch {
            #expect(error.message.hasPrefix("the chart is "))
            #expect(error.message.hasSuffix("and a PNG is at most 32767 pixels a side (24567 points); draw it as SVG or PDF, or draw part of it with --root and --depth"))
        }
        #expect(try chart.render(.svg).count > 1000)
    }
}
