import Foundation
import Testing

@testable import OrgGraph

/// The flagship data: Kuaishou's timeline before and after the reorganization of 2025-09-30.
@Suite struct KuaishouTests {
    static func state(_ day: String? = nil) throws -> Org {
        try OrgReference(path: Paths.kuaishou, day: day.flatMap(Day.init)).load().org
    }

    static func chainPeople(_ org: Org, _ who: PersonID) -> [String] {
        (org.reportingChain(of: who) ?? []).map { $0.person?.rawValue ?? "(vacant)" }
    }


    /// What the article does not say is marked inferred, with a note saying why: Xiao Gu's
    /// headship before the change (L85 gives only its end), Wang Jianwei's predecessor at
    /// E-commerce (L91 names none); the "等" of L77 stays in the English name.
    @Test func factsTheArticleDoesNotStateAreInferred() throws {
        for day in ["2022-11", "2022-12", "2023-11"] {
            let org = try Self.state(day)
            let head = try #require(org.posts["head.local-life"])
            #expect(head.holders == ["xiao-gu"] && head.provenance.source?.description == "article:L85" && head.provenance.isInferred)
            #expect(head.provenance.note?.hasPrefix("L85 says only that Xiao Gu no longer heads Local Life after 2025-09-30, and L93 names him") == true)
            #expect(org.units["inner-loop"]?.name.display(.en) == "Inner-loop product, operations, sales and other industry teams")
            // The article dates Kling AI nowhere before 2025 (L9 speaks of now).
            #expect(org.units["kling-ai"]?.provenance.isInferred == true)
        }
        #expect(try Self.state().units["kling-ai"]?.provenance == Provenance(source: SourceReference(parsing: "article:L9-L31")))
        let latest = try Self.state()
        #expect(latest.posts["head.local-life"]?.provenance == Provenance(source: SourceReference(parsing: "article:L85")))
        #expect(latest.people["xiao-gu"]?.provenance.note?.hasPrefix("L93 names him among those who step back (选择退场)") == true)
        // L93's 选择退场 says they stepped back, not that they left the company.
        for id in ["su-hua", "yan-qiang", "zhang-di"] {
            let person = try #require(latest.people[PersonID(id)])
            #expect(person.status == .steppedBack && person.provenance.source?.description == "article:L93" && person.provenance.isInferred)
        }
        let changeset = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/2023-11.yaml")
        let appoint = try #require(changeset.changes.first { $0.op.name == "appoint" })
        #expect(appoint.provenance.source?.description == "article:L91" && appoint.provenance.isInferred)
        #expect(appoint.provenance.note?.hasPrefix("L91 names no predecessor") == true)
    }

    /// The BUs and teams L77 describes at the change are inferred in the earlier snapshots (and
    /// Commercialization after it); the dates keep the article's precision, with the year of the
    /// change and the month of "年底" inferred; the publisher is inferred; L105's 等 is kept.
    @Test func datesAndCarriedBackUnitsAreAsTheArticleGivesThem() throws {
        let timeline = try Timeline(folder: Paths.kuaishou)
        #expect(timeline.snapshots.map { "\($0.day) \($0.day.precision.name)" } == ["2022-11 month", "2022-12 month", "2023-11 month", "2025-09-30 day"])
        for day in ["2022-11", "2022-12", "2023-11"] {
            let org = try Self.state(day)
            #expect(org.asOf?.description == day)
            for id in ["ecommerce", "local-life", "inner-loop", "lead-ads"] {
                let unit = try #require(org.units[UnitID(id)])
                #expect(unit.provenance.source?.description == "article:L77" && unit.provenance.isInferred, "\(id) on \(day)")
                #expect(unit.provenance.note?.contains("2025-09-30") == true, "\(id) on \(day)")
            }
            // L91: Wang Jianwei has run Commercialization since 2022-11.
            #expect(org.units["commercialization"]?.provenance == Provenance(source: SourceReference(parsing: "article:L91")))
        }
        let latest = try Self.state()
        #expect(latest.units["commercialization"]?.provenance.isInferred == true)
        #expect(latest.units["commercialization"]?.provenance.note?.hasPrefix("L77 speaks of teams leaving the former (原) Commercialization BU") == true)
        for id in ["ecommerce", "local-life", "inner-loop", "lead-ads"] {
            #expect(latest.units[UnitID(id)]?.provenance == Provenance(source: SourceReference(parsing: "article:L77")), "\(id)")
        }
        let article = try #require(latest.sources["article"])
        #expect(article.publisher == "Huxiu 虎嗅" && article.published == "2025-11")
        #expect(article.note?.contains("Huxiu (虎嗅) is inferred from its own reporting (L19, L27, L81") == true)
        let reorg = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/2025-09-30.yaml")
        #expect(reorg.effective == Day("2025-09-30") && reorg.dated.source?.description == "article:L75" && reorg.dated.isInferred)
        #expect(reorg.dated.note?.hasPrefix("L75 gives the day, 9月30日, without a year; 2025 is inferred from L9") == true)
        #expect(reorg.changes.contains { $0.reason?.contains("automotive, finance, education and other businesses (等)") == true })
        let yearEnd = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/2022-12.yaml")
        #expect(yearEnd.effective == Day(year: 2022, month: 12) && yearEnd.dated.source?.description == "article:L103" && yearEnd.dated.isInferred)
        let november = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/2023-11.yaml")
        #expect(november.effective == Day(year: 2023, month: 11) && november.dated == Provenance(source: SourceReference(parsing: "article:L91")))
    }

    @Test func everySnapshotLoadsWithoutWarnings() throws {
        let timeline = try Timeline(folder: Paths.kuaishou)
        #expect(timeline.snapshots.map(\.day.description) == ["2022-11", "2022-12", "2023-11", "2025-09-30"])
        for snapshot in timeline.snapshots {
            let loaded = try timeline.load(on: snapshot.day)
            #expect(loaded.warnings.isEmpty, "\(snapshot.path): \(loaded.warnings)")
            #expect(loaded.org.asOf == snapshot.day)
        }
    }

    @Test func afterTheReorgLiuXiaoHeadsLifeServicesUnderWangJianwei() throws {
        let org = try Self.state()
        #expect(org.units["local-life"]?.name == LocalizedText(zh: "生活服务事业部", en: "Life Services BU"))
        let index = OrgIndex(org)
        #expect(index.headPost["local-life"].flatMap { org.posts[$0]?.holders } == ["liu-xiao"])
        #expect(index.reportingChain(of: "liu-xiao") == [
            ChainStep(post: "head.local-life", person: "liu-xiao", link: nil),
            ChainStep(post: "svp-wang-jianwei", person: "wang-jianwei", link: .explicit),
            ChainStep(post: "head.kuaishou", person: "cheng-yixiao", link: .implied),
        ])
        #expect(org.units["inner-loop"]?.parent == "ecommerce")
        #expect(org.units["lead-ads"]?.parent == "local-life")
        #expect(org.people["xiao-gu"]?.status == .advisor)
        #expect(Self.chainPeople(org, "xiao-gu") == ["xiao-gu", "cheng-yixiao"])
        #expect(org.posts["business-advisor"]?.holders == ["xiao-gu"])
    }

    @Test func theDayBeforeLocalLifeIsHeadedByXiaoGu() throws {
        let org = try Self.state("2025-09-29")
        #expect(org.asOf == Day("2023-11"))
        #expect(org.units["local-life"]?.name == LocalizedText(zh: "本地生活事业部", en: "Local Life BU"))
        let index = OrgIndex(org)
        #expect(index.headPost["local-life"].flatMap { org.posts[$0]?.holders } == ["xiao-gu"])
        #expect(Self.chainPeople(org, "xiao-gu") == ["xiao-gu", "cheng-yixiao"])
        #expect(org.units["inner-loop"]?.parent == "commercialization")
        #expect(org.units["lead-ads"]?.parent == "commercialization")
        // Liu Xiao ran lead-ad products inside Commercialization, which Wang Jianwei heads.
        #expect(index.reportingChain(of: "liu-xiao") == [
            ChainStep(post: "lead-ad-products", person: "liu-xiao", link: nil),
            ChainStep(post: "head.commercialization", person: "wang-jianwei", link: .implied),
            ChainStep(post: "head.kuaishou", person: "cheng-yixiao", link: .implied),
        ])
    }

    @Test func datedEventsChangeWhoHeadsECommerce() throws {
        func ecommerceHead(_ day: String) throws -> [PersonID]? {
            let org = try Self.state(day)
            return OrgIndex(org).headPost["ecommerce"].flatMap { org.posts[$0]?.holders }
        }
        #expect(try ecommerceHead("2022-11-15") == nil)
        #expect(try ecommerceHead("2023-01-01") == ["cheng-yixiao"])
        #expect(try ecommerceHead("2023-11") == ["wang-jianwei"])
        #expect(try ecommerceHead("2025-10-01") == ["wang-jianwei"])
        let org = try Self.state("2022-11")
        #expect(OrgIndex(org).headPost["commercialization"].flatMap { org.posts[$0]?.holders } == ["wang-jianwei"])
    }

    @Test func everyFactCarriesItsSource() throws {
        let timeline = try Timeline(folder: Paths.kuaishou)
        for snapshot in timeline.snapshots {
            let org = try timeline.load(on: snapshot.day).org
            var provenances: [(String, Provenance)] = []
            provenances += org.units.values.map { ($0.id.rawValue, $0.provenance) }
            provenances += org.posts.values.map { ($0.id.rawValue, $0.provenance) }
            provenances += org.people.values.map { ($0.id.rawValue, $0.provenance) }
            provenances += org.posts.values.compactMap { post in post.reportsTo.map { ("\(post.id) reportsTo", $0.provenance) } }
            for (what, provenance) in provenances {
                #expect(provenance.source?.source == "article", "\(snapshot.path): \(what) has no source")
                #expect(provenance.source?.locator?.hasPrefix("L") == true, "\(snapshot.path): \(what) names no line")
                if provenance.isInferred {
                    #expect(!(provenance.note ?? "").isEmpty, "\(snapshot.path): \(what) is inferred without a note")
                }
            }
        }
    }

    @Test(arguments: ["刘逍", "Liu Xiao", "liu xiao", "LIUXIAO", "liu-xiao"])
    func namesInEitherLanguageFindThePerson(_ name: String) throws {
        #expect(try Self.state().lookup(name) == .found(.person("liu-xiao")))
    }

    @Test func unitsAreFoundByTheirNames() throws {
        #expect(try Self.state().lookup("生活服务事业部") == .found(.unit("local-life")))
        #expect(try Self.state("2025-09-29").lookup("Local Life BU") == .found(.unit("local-life")))
    }

    @Test func unknownNamesComeWithSuggestions() throws {
        guard case .notFound(let suggestions) = try Self.state().lookup("Wang Jianwai") else {
            Issue.record("expected no match")
            return
        }
        #expect(suggestions.first == .person("wang-jianwei"))
    }

    @Test func chainTextAndJSONArePinned() throws {
        let org = try Self.state()
        let chain = try #require(org.reportingChain(of: "liu-xiao"))
        let formatter = ChainFormatter(org: org)
        try expectGolden(formatter.text(chain), "kuaishou-liu-xiao.chain.txt")
        try expectGolden(formatter.json(chain).rendered(), "kuaishou-liu-xiao.chain.json")
        try expectGolden(ChainFormatter(org: org, language: .en).text(chain), "kuaishou-liu-xiao.chain.en.txt")
    }
}
