import Foundation
import OrgGraph
import Testing

@testable import OrgGraphviz

/// The interactive page, as a file: self-contained, its data what the charts hold, and safe
/// with any text. What it does in a browser is tested in a browser (Tests/Browser).
@Suite(.serialized) struct HTMLChartTests {
    static func page(_ frames: [HTMLChart.Frame], title: String = "T") throws -> String {
        String(decoding: try HTMLChart.page(title: title, frames: frames), as: UTF8.self)
    }

    /// The page's data, as the script reads it.
    static func data(_ page: String) throws -> [[String: Any]] {
        let start = try #require(page.range(of: "<script type=\"application/json\" id=\"chart-data\">"))
        let end = try #require(page.range(of: "</script>", range: start.upperBound..<page.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(page[start.upperBound..<end.lowerBound].utf8)) as? [String: Any]
        return try #require(json?["frames"] as? [[String: Any]])
    }

    @Test func theKuaishouTimelineIsOnePageWithEachStepsChanges() throws {
        let days = ["2022-11", "2022-12", "2023-11", "2025-09-30"]
        let versions = try days.map { ($0, try kuaishou($0)) }
        let frames = try HTMLChart.frames(versions, options: ChartOptions(language: .en))
        let page = try Self.page(frames)
        // Nothing fetched: no script, style, image or link from anywhere else.
        for pattern in ["<script src", "<link", "<img", "@import", "https://", "<iframe"] {
            #expect(!page.contains(pattern), "\(pattern)")
        }
        #expect(page.components(separatedBy: "<svg").count - 1 == 4)
        #expect(page.components(separatedBy: "<section class=\"frame\"").count - 1 == 4)
        // Only the latest is shown at first; every SVG id is unique on the page.
        #expect(page.matches(of: /<section class="frame" data-label="[^"]*" hidden>/).count == 3)
        let ids = page.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
        #expect(Set(ids).count == ids.count, "\(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted().prefix(5))")
        let data = try Self.data(page)
        #expect(data.map { $0["label"] as? String } == days)
        let last = try #require(data.last)
        let cards = try #require(last["cards"] as? [[String: Any]])
        let liu = try #require(cards.first { ($0["lines"] as? [String])?.first == "Liu Xiao" })
        let wang = try #require(cards.first { ($0["lines"] as? [String])?.first == "Wang Jianwei †" })
        #expect(liu["parent"] as? String == wang["id"] as? String)
        #expect(liu["ids"] as? [String] == ["head.local-life", "liu-xiao", "local-life"])
        // Liu Xiao is the new head of Life Services; Xiao Gu's advisor post is new.
        let marks = try #require(last["marks"] as? [String: String])
        let xiao = try #require(cards.first { ($0["lines"] as? [String])?.first == "Xiao Gu" })
        #expect(marks[liu["id"] as! String] == "head")
        #expect(marks[xiao["id"] as! String] == "added")
        // Each step's changes under the unit each concerns, as diff prints them; no more.
        func changes(_ frame: [String: Any]) -> [String: [String]] {
            Dictionary(uniqueKeysWithValues: ((frame["changes"] as? [[String: Any]]) ?? []).map { ($0["heading"] as! String, $0["lines"] as! [String]) })
        }
        #expect(changes(last)["Life Services BU ['local-life']"]?.first == "~ renamed Local Life BU → Life Services BU")
        #expect(changes(last).values.joined().count == 23, "the 23 lines diff prints for its 35 changes, and not its span of control")
        #expect(changes(data[0]).isEmpty)
        // The step of 2023-11: Wang Jianwei takes over E-commerce.
        #expect(changes(data[2])["E-commerce BU ['ecommerce']"]?.first == "~ head of E-commerce BU ['ecommerce']: Cheng Yixiao → Wang Jianwei")
    }

    /// Names that look like markup or script stay text: the data cannot close its script
    /// element, and the SVG holds them escaped.
    @Test(arguments: ["</script><script>alert(1)</script>", "<!-- x", "a & b \"q\" 'r'", "\u{2028}line\u{2029}"])
    func hostileNamesStayText(_ name: String) throws {
        let org = HostileTextTests.org(named: name)
        let page = try Self.page([HTMLChart.Frame(label: name, chart: try OrgChart.make(org, options: ChartOptions()))], title: name)
        #expect(page.components(separatedBy: "</script>").count - 1 == 2)
        #expect(page.components(separatedBy: "<script").count - 1 == 2)
        let data = try Self.data(page)
        let cards = try #require(data.first?["cards"] as? [[String: Any]])
        #expect((cards.first?["lines"] as? [String])?.first == name)
        #expect(data.first?["label"] as? String == name)
        #expect(page.contains("<title>\(HTMLChart.escape(name))</title>"))
    }

    /// A timeline drawn from a person who holds no post in its early snapshots: those frames
    /// say why they are not drawn; the page is made.
    @Test func framesWithoutTheRootSayWhy() throws {
        let latest = try kuaishou()
        var early = latest
        early.posts["head.local-life"]?.holders = []
        let versions: [(label: String, org: Org)] = [("before", early), ("after", latest)]
        let frames = try HTMLChart.frames(versions, options: ChartOptions(root: .person("liu-xiao"), language: .en))
        #expect(frames[0].chart.cards.isEmpty)
        #expect(frames[0].chart.dot.contains("Not drawn on before: "))
        #expect(frames[1].chart.cards.first?.lines.first == "Liu Xiao")
        #expect(throws: ChartError.self) {
            try HTMLChart.frames([versions[0]], options: ChartOptions(root: .person("liu-xiao"), language: .en))
        }
    }

    /// A comparison is a page too, its cards those of both sides.
    @Test func aComparisonIsAPage() throws {
        let chart = CompareChart.make(before: try kuaishou("2025-09-29"), after: try kuaishou(), language: .en)
        let page = String(decoding: try chart.render(.html), as: UTF8.self)
        let cards = try #require(try Self.data(page).first?["cards"] as? [[String: Any]])
        let ids = cards.compactMap { ($0["ids"] as? [String])?.first }
        #expect(ids.filter { $0 == "local-life" }.count == 2, "on both sides")
        #expect(page.contains("<title>2023-11 → 2025-09-30</title>"))
    }
}
