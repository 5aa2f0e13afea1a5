import Foundation
import Testing

@testable import orggraph

@Suite struct QueryCommandTests {
    static func people(_ run: Run, _ key: String) -> [String] {
        ((run.json?[key] as? [[String: Any]]) ?? []).compactMap { $0["person"] as? String }
    }

    @Test func reportsOfWangJianweiBeforeAndAfter() throws {
        let after = try Run("reports", "Graphs/kuaishou", "wang-jianwei", "--json")
        #expect(after.status == 0)
        #expect(Self.people(after, "reports").contains("liu-xiao"))
        let before = try Run("reports", "Graphs/kuaishou@2025-09-29", "wang-jianwei", "--json")
        #expect(!Self.people(before, "reports").contains("liu-xiao"))
        let asOf = try Run("reports", "Graphs/kuaishou", "王剑伟", "--as-of", "2025-09-29", "--json")
        #expect(asOf.stdout == before.stdout)
    }

    /// On 2022-12-31 (the snapshot of 2022-12) Cheng Yixiao is CEO and heads E-commerce too: he does not report to
    /// himself, is not his own report, and is not counted in his own span.
    @Test func aPersonIsNeverTheirOwnReport() throws {
        let heads = try Run("heads", "Graphs/kuaishou@2022-12-31", "ecommerce")
        #expect(heads.stdout == "电商事业部 E-commerce BU [ecommerce]: 程一笑 Cheng Yixiao [cheng-yixiao]\n")
        let reports = try Run("reports", "Graphs/kuaishou@2022-12-31", "cheng-yixiao", "--json")
        #expect(Self.people(reports, "reports") == ["wang-jianwei", "jin-bing", "wang-jianwei", "xiao-gu"])
        let stats = try Run("stats", "Graphs/kuaishou@2022-12-31", "--json")
        let spans = ((stats.json?["span"] as? [String: Any])?["posts"] as? [[String: Any]]) ?? []
        let ceo = spans.first { $0["post"] as? String == "head.kuaishou" }
        #expect(ceo?["reports"] as? Int == 3, "\(spans)")
        // Wang Jianwei's own posts under his SVP post stand for their reports.
        let wang = try Run("reports", "Graphs/kuaishou", "wang-jianwei", "--json")
        #expect(!Self.people(wang, "reports").contains("wang-jianwei"))
    }

    @Test func commonManagerOfLiuXiaoAndJinBing() throws {
        let run = try Run("common", "Graphs/kuaishou", "liu-xiao", "jin-bing", "--json")
        #expect(run.status == 0)
        #expect((run.json?["manager"] as? [String: Any])?["person"] as? String == "cheng-yixiao")
    }

    @Test func pathGoesUpThenDown() throws {
        let run = try Run("path", "Graphs/kuaishou", "刘逍", "Xiao Gu", "--json")
        let steps = try #require(run.json?["path"] as? [[String: Any]])
        #expect(steps.map { $0["person"] as? String } == ["liu-xiao", "wang-jianwei", "cheng-yixiao", "xiao-gu"])
        #expect(steps.map { $0["direction"] as? String } == [nil, "up", "up", "down"])
    }

    @Test func findByChineseAndEnglish() throws {
        let chinese = try Run("find", "Graphs/kuaishou", "生活")
        #expect(chinese.stdout == "unit 'local-life': 生活服务事业部 Life Services BU\n")
        let english = try Run("find", "Graphs/kuaishou", "wang", "--json")
        let first = try #require((english.json?["results"] as? [[String: Any]])?.first)
        #expect(first["id"] as? String == "wang-jianwei" && first["kind"] as? String == "person")
        #expect(try Run("find", "Graphs/kuaishou", "nothing-like-this").status == 1)
    }

    @Test func statsNameWangJianweiAsHeadingTheMostUnits() throws {
        let run = try Run("stats", "Graphs/kuaishou", "--json")
        let headships = try #require(run.json?["headships"] as? [[String: Any]])
        #expect(headships.first?["person"] as? String == "wang-jianwei")
        let text = try Run("stats", "Graphs/kuaishou", "--lang", "en")
        #expect(text.stdout.contains("heads of the most units:\n  Wang Jianwei [wang-jianwei]: 2 (Commercialization BU, E-commerce BU)\n"))
    }

    @Test func headsAndWhomTheyReportTo() throws {
        let run = try Run("heads", "Graphs/kuaishou", "生活服务事业部", "--lang", "en")
        #expect(run.stdout == "Life Services BU [local-life]: Liu Xiao [liu-xiao], reports to Wang Jianwei [wang-jianwei] (explicit)\n")
    }

    @Test func unknownAndAmbiguousNamesExit1WithCandidates() throws {
        for command in ["reports", "common", "path"] {
            let arguments = command == "reports" ? [command, "Graphs/kuaishou", "Wang Jianwai"] : [command, "Graphs/kuaishou", "Wang Jianwai", "liu-xiao"]
            let run = try Run(arguments: arguments)
            #expect(run.status == 1)
            #expect(run.stderr.contains("person 'wang-jianwei' (王剑伟 Wang Jianwei)"))
        }
    }
}
