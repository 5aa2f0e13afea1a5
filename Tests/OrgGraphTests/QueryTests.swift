import Foundation
import Testing

@testable import OrgGraph

@Suite struct QueryTests {
    static func kuaishou(_ day: String? = nil) throws -> Org {
        try OrgReference(path: Paths.kuaishou, day: day.flatMap(Day.init)).load().org
    }

    @Test func wangJianweisReportsBeforeAndAfter() throws {
        let after = try Self.kuaishou()
        #expect(after.directReports(of: "wang-jianwei").map(\.post) == ["head.local-life"])
        #expect(after.directReports(of: "wang-jianwei").first?.link == .explicit)
        #expect(try Self.kuaishou("2025-09-29").directReports(of: "wang-jianwei").isEmpty)
    }

    @Test func reportsGoDownTheTreeAsAnOutline() throws {
        let org = try Self.kuaishou()
        let index = OrgIndex(org)
        let all = index.reports(of: "head.kuaishou", depth: nil)
        #expect(all.map(\.post) == ["svp-wang-jianwei", "head.local-life", "cfo", "business-advisor", "head.commercialization", "head.ecommerce"])
        #expect(all.map(\.depth) == [1, 2, 1, 1, 1, 1])
        #expect(index.reports(of: "head.kuaishou", depth: 1).count == 5)
    }

    @Test func dottedReportsAreMarkedAndNotFollowed() throws {
        let org = try parseOrg("""
            units:
              - {id: co, name: Co, head: boss}
              - {id: lab, name: Lab, parent: co, head: lead}
            people:
              - {id: boss, name: Boss}
              - {id: lead, name: Lead}
              - {id: ann, name: Ann, unit: lab, dotted: boss}
              - {id: bo, name: Bo, unit: lab}
            """).org
        let index = OrgIndex(org)
        let reports = index.reports(of: "head.co", depth: nil, includeDotted: true)
        #expect(reports.map(\.post) == ["head.lab", "post.ann", "post.bo", "post.ann"])
        #expect(reports.map(\.isDotted) == [false, false, false, true])
        #expect(!index.reports(of: "head.co", depth: nil).contains { $0.isDotted })
    }

    @Test func firstCommonManager() throws {
        let org = try Self.kuaishou()
        let common = try #require(org.firstCommonManager(of: "liu-xiao", and: "jin-bing"))
        #expect(org.posts[common.post]?.holders == ["cheng-yixiao"])
        #expect(common.firstChain.map(\.person) == ["liu-xiao", "wang-jianwei", "cheng-yixiao"])
        #expect(common.secondChain.map(\.person) == ["jin-bing", "cheng-yixiao"])
        // A manager is the common manager of themselves and their report.
        let own = try #require(org.firstCommonManager(of: "liu-xiao", and: "wang-jianwei"))
        #expect(own.post == "svp-wang-jianwei")
    }

    /// People who share a post (a job share, co-chairs) manage neither the other: their common
    /// manager is above the post. A chain that reaches someone's own post shows them in it.
    @Test func peopleWhoShareAPostMeetAboveIt() throws {
        var org = Org()
        org.units["u"] = Unit(id: "u", name: LocalizedText(["en": "U"]))
        for (id, name) in [("ann", "Ann"), ("alice", "Alice"), ("bob", "Bob"), ("carl", "Carl"), ("dan", "Dan"), ("eve", "Eve")] {
            org.people[PersonID(id)] = Person(id: PersonID(id), name: LocalizedText(["en": name]))
        }
        org.posts["ceo"] = Post(id: "ceo", unit: "u", holders: ["ann"])
        org.posts["ctl"] = Post(id: "ctl", unit: "u", reportsTo: ReportingLine(to: "ceo"), holders: ["alice", "bob"])
        org.posts["clerk"] = Post(id: "clerk", unit: "u", reportsTo: ReportingLine(to: "ctl"), holders: ["carl"])
        org.posts["chairs"] = Post(id: "chairs", unit: "u", holders: ["dan", "eve"])
        let shared = try #require(org.firstCommonManager(of: "alice", and: "bob"))
        #expect(shared.post == "ceo")
        #expect(shared.firstChain.map(\.person) == ["alice", "ann"])
        #expect(shared.secondChain.map(\.person) == ["bob", "ann"])
        // The clerk reaches Bob's post: Bob is the one met there, not Alice who holds it first.
        let up = try #require(org.firstCommonManager(of: "carl", and: "bob"))
        #expect(up.post == "ctl")
        #expect(up.firstChain.map(\.person) == ["carl", "bob"])
        #expect(up.secondChain.map(\.person) == ["bob"])
        let down = try #require(org.firstCommonManager(of: "bob", and: "carl"))
        #expect(down.firstChain.map(\.person) == ["bob"])
        #expect(down.secondChain.map(\.person) == ["carl", "bob"])
        // A post named is no person: Bob and the post he shares meet at that post.
        let source = QuerySource(org: org)
        #expect(source.common(try source.post(named: "ctl"), try source.post(named: "bob"))?.post == "ctl")
        // Co-chairs at the top have no one above them.
        #expect(org.firstCommonManager(of: "dan", and: "eve") == nil)
        // Asked of one person twice, the post is their own.
        #expect(org.firstCommonManager(of: "bob", and: "bob")?.post == "ctl")
    }

    /// The headcount is an outline of the unit tree, each unit under its parent, whatever order
    /// the file gives them in (an organogram's units come in the order their posts do).
    @Test func headcountIsAnOutlineOfTheUnitTree() throws {
        let org = try parseOrg("""
            units:
              - {id: team, name: Team, parent: dept}
              - {id: co, name: Co}
              - {id: lab, name: Lab, parent: co}
              - {id: dept, name: Dept, parent: co}
              - {id: other, name: Other}
            """).org
        let headcount = org.stats().headcount
        #expect(headcount.map(\.unit) == ["co", "lab", "dept", "team", "other"])
        #expect(headcount.map(\.parent) == [nil, "co", "co", "dept", nil])
        #expect(headcount.map(\.depth) == [0, 1, 1, 2, 0])
    }

    @Test func findRanksExactPrefixThenSubstring() throws {
        let org = try Self.kuaishou()
        #expect(org.find("生活").map(\.element) == [.unit("local-life")])
        #expect(org.find("wang").first?.element == .person("wang-jianwei"))
        #expect(org.find("WANG JIANWEI").first?.element == .person("wang-jianwei"))
        // Characters in order: 生服 is in 生活服务事业部.
        #expect(org.find("生服").map(\.element) == [.unit("local-life")])
        #expect(org.find("zzz").isEmpty)
        let ranks = org.find("kuaishou").map(\.rank)
        #expect(ranks == ranks.sorted())
    }

    /// A search of an org bigger than the pieces it is ranked in side by side gives every match
    /// once, best rank first, then people, posts and units, each in file order.
    @Test func findOverManyPiecesKeepsItsOrder() {
        var generator = OrgGenerator(seed: 11)
        let source = QuerySource(org: generator.table(people: 70_000).generalOrg())
        let core = source.core
        for query in ["huang", "e1", "department", "zzz"] {
            let found = source.find(query)
            let ranker = FindRanker(query)
            // Every element that ranks, in the order promised.
            var expected: [(rank: Int, kind: Int, row: Int)] = []
            for (kind, ids, texts) in [(0, core.personIDs, core.personName), (1, core.postIDs, core.postTitle), (2, core.unitIDs, core.unitName)] {
                for row in ids.indices {
                    let aliases = kind == 0 ? core.personAliases[Int32(row)] ?? [] : []
                    let ranks = [ranker.rank(ids[row]), ranker.best(core.texts[Int(texts[row])].values.values)?.rank, ranker.best(aliases)?.rank]
                        .compactMap { $0 }
                    if let best = ranks.min() { expected.append((best, kind, row)) }
                }
            }
            expected.sort { ($0.rank, $0.kind, $0.row) < ($1.rank, $1.kind, $1.row) }
            let ids = [core.personIDs, core.postIDs, core.unitIDs]
            // People matched in more than one piece.
            if query == "huang" { #expect(expected.filter { $0.kind == 0 }.map(\.row).max() ?? 0 >= 65_536, "\(query)") }
            #expect(found.map(\.rank) == expected.map(\.rank), "\(query)")
            #expect(found.map(\.element.id) == expected.map { ids[$0.kind][$0.row] }, "\(query)")
        }
    }

    @Test func statsAfterTheReorg() throws {
        let stats = try Self.kuaishou().stats()
        #expect(stats.headships.first?.person == "wang-jianwei")
        #expect(stats.headships.first?.units == ["commercialization", "ecommerce"])
        #expect(stats.layers == 3)
        #expect(stats.multiplePosts.map(\.person) == ["wang-jianwei"])
        #expect(stats.headcount.first { $0.unit == "kuaishou" }.map { ($0.direct, $0.total) }! == (4, 5))
        // Six facts of units, posts and lines (Commercialization's staying on among them), and
        // the three people L93 says stepped back.
        #expect(stats.inferredFacts == 9)
    }

    @Test(arguments: [
        ("reports", ["wang-jianwei"]), ("reports-all", ["cheng-yixiao"]), ("common", ["liu-xiao", "jin-bing"]),
        ("path", ["liu-xiao", "xiao-gu"]), ("find", ["生活"]), ("stats", []), ("heads", []),
    ])
    func textOutputIsPinned(_ command: String, _ arguments: [String]) throws {
        let org = try Self.kuaishou()
        let formatter = QueryFormatter(org: org)
        let index = OrgIndex(org)
        var text = ""
        var json = ""
        switch command {
        case "reports", "reports-all":
            let person = PersonID(arguments[0])
            let post = index.primaryPost(of: person)!
            let reports = index.reports(of: post, depth: command == "reports" ? 1 : nil)
            text = formatter.reports(of: post, person: person, reports, json: false)
            json = formatter.reports(of: post, person: person, reports, json: true)
        case "common", "path":
            let common = org.firstCommonManager(of: PersonID(arguments[0]), and: PersonID(arguments[1]))!
            text = command == "common" ? formatter.common(common, json: false) : formatter.path(common, json: false)
            json = command == "common" ? formatter.common(common, json: true) : formatter.path(common, json: true)
        case "find":
            text = formatter.find(org.find(arguments[0]), json: false)
            json = formatter.find(org.find(arguments[0]), json: true)
        case "stats":
            text = formatter.stats(org.stats(), json: false)
            json = formatter.stats(org.stats(), json: true)
        default:
            let source = QuerySource(org: org)
            let heads = source.core.unitIDs.indices.map(source.head(ofUnit:))
            text = formatter.heads(heads, json: false)
            json = formatter.heads(heads, json: true)
        }
        try expectGolden(text, "kuaishou-\(command).txt")
        try expectGolden(json, "kuaishou-\(command).json")
    }

    /// A batch answers each question as its command would, in order, and stops before any
    /// answer at the first question it cannot read or whose name finds no post.
    @Test func aBatchAnswersEachQuestionAsItsCommandWould() throws {
        let source = QuerySource(org: try Self.kuaishou())
        let batch = try Batch(lines: [(1, "chain liu-xiao"), (3, "reports wang-jianwei"), (4, "common liu-xiao \"Wang Jianwei\"")], source: source)
        var bytes: [UInt8] = []
        batch.answer(from: source) { bytes += $0 }
        let json = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
        let results = try #require(json?["results"] as? [[String: Any]])
        #expect(results.map { $0["query"] as? String } == ["chain liu-xiao", "reports wang-jianwei", "common liu-xiao \"Wang Jianwei\""])
        let chain = try #require(results[0]["chain"] as? [[String: Any]])
        #expect(chain.compactMap { $0["person"] as? String } == source.chain(from: "head.local-life", holder: "liu-xiao").compactMap { $0.person?.rawValue })
        #expect(chain.prefix(2).compactMap { $0["person"] as? String } == ["liu-xiao", "wang-jianwei"])
        #expect(((results[2]["manager"] as? [String: Any])?["person"] as? String) == "wang-jianwei")

        do {
            _ = try Batch(lines: [(1, "chain liu-xiao"), (2, "chains liu-xiao")], source: source)
            Issue.record("an unreadable question was taken")
        } catch {
            #expect(error.diagnostics(input: "q.txt").diagnostics.map(\.description)
                == ["q.txt:2:1: error: cannot read the question 'chains liu-xiao'; ask 'chain WHO', 'reports WHO' or 'common A B'"])
        }
        do {
            _ = try Batch(lines: [(1, "chain liu-xiao"), (7, "common liu-xiao nobody-at-all")], source: source)
            Issue.record("an unknown name was answered")
        } catch {
            // The name's own diagnostic, with the question it is in as its last note.
            let said = error.diagnostics(input: "q.txt").diagnostics
            #expect(said.map(\.message) == ["no person, post or unit 'nobody-at-all'"])
            #expect(said.first?.notes.last?.description == "q.txt:7:1: note: in the question 'common liu-xiao nobody-at-all'")
        }
    }
}
