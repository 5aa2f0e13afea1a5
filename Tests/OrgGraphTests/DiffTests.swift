import Foundation
import Testing

@testable import OrgGraph

@Suite struct DiffTests {
    static func kuaishou(_ day: String?) throws -> Org {
        try OrgReference(path: Paths.kuaishou, day: day.flatMap(Day.init)).load().org
    }

    static func ops(_ changeset: Changeset) -> [ChangeOp] { changeset.changes.map(\.op) }

    @Test func theReorgIsDiffedAsTypedChanges() throws {
        let before = try Self.kuaishou("2025-09-29")
        let after = try Self.kuaishou(nil)
        let ops = Self.ops(after.difference(from: before))
        #expect(ops.contains(.renameUnit("local-life", from: LocalizedText(zh: "本地生活事业部", en: "Local Life BU"),
                                         to: LocalizedText(zh: "生活服务事业部", en: "Life Services BU"))))
        #expect(ops.contains(.moveUnit("inner-loop", from: "commercialization", to: "ecommerce")))
        #expect(ops.contains(.moveUnit("lead-ads", from: "commercialization", to: "local-life")))
        #expect(ops.contains(.appoint("head.local-life", person: "liu-xiao", replaces: ["xiao-gu"])))
        #expect(ops.contains(.setReportsTo("head.local-life", from: nil,
                                           to: ReportingLine(to: "svp-wang-jianwei", provenance: Provenance(source: SourceReference(source: "article", locator: "L85"))))))
        #expect(ops.contains { op in
            if case .addPost(let post) = op { return post.id == "business-advisor" && post.holders == ["xiao-gu"] && post.unit == "kuaishou" }
            return false
        })
        // Nothing is reported as removed and added again.
        #expect(!ops.contains { if case .removeUnit = $0 { true } else { false } })
        #expect(!ops.contains { if case .addUnit = $0 { true } else { false } })
    }

    @Test func theDiffAsAChangesetAppliesToGiveTheNewStateExactly() throws {
        let before = try Self.kuaishou("2025-09-29")
        let after = try Self.kuaishou(nil)
        let changeset = after.difference(from: before)
        // Through the file format, as `diff --format changeset | apply` would.
        let reread = try ChangesetFile.parse(ChangesetFile.yaml(changeset), file: "diff.yaml")
        #expect(reread == changeset)
        let applied = try before.applying(reread)
        #expect(OrgFile.json(applied.normalized()) == OrgFile.json(after.normalized()))
        #expect(OrgFile.json(try applied.applying(changeset.inverted()).normalized()) == OrgFile.json(before.normalized()))
    }

    /// Posts that go are removed reports first, so that the inverse adds a post's superior
    /// before it; and a primary post the diff pinned, which the org it goes back from implies
    /// (its person's first post) rather than declares, is the primary post the inverse expects.
    @Test func theInverseAddsSuperiorsFirstAndKnowsImpliedPrimaryPosts() throws {
        var before = Org()
        before.units["co"] = Unit(id: "co", name: LocalizedText(["en": "Co"]))
        for id in ["a", "b", "c", "d"] { before.people[PersonID(id)] = Person(id: PersonID(id), name: LocalizedText(["en": id.uppercased()])) }
        before.posts["ceo"] = Post(id: "ceo", unit: "co", isHead: true, holders: ["a"])
        before.posts["manager"] = Post(id: "manager", unit: "co", reportsTo: ReportingLine(to: "ceo"), holders: ["c"])
        before.posts["report"] = Post(id: "report", unit: "co", reportsTo: ReportingLine(to: "manager"), holders: ["b"])
        before.posts["staying"] = Post(id: "staying", unit: "co", reportsTo: ReportingLine(to: "ceo"), holders: ["d"])
        // E's two posts both go: the inverse adds them back in reverse order.
        before.people["e"] = Person(id: "e", name: LocalizedText(["en": "E"]))
        before.posts["e-first"] = Post(id: "e-first", unit: "co", reportsTo: ReportingLine(to: "ceo"), holders: ["e"])
        before.posts["e-second"] = Post(id: "e-second", unit: "co", reportsTo: ReportingLine(to: "ceo"), holders: ["e"])
        var after = Org()
        after.units = before.units
        after.people = before.people.filter { $0.key != "b" && $0.key != "c" }
        // D's new post comes first in the file: their primary post now, implied.
        after.posts["new"] = Post(id: "new", unit: "co", reportsTo: ReportingLine(to: "ceo"), holders: ["d"])
        after.posts["ceo"] = before.posts["ceo"]
        after.posts["staying"] = before.posts["staying"]
        let changeset = after.difference(from: before)
        let ops = Self.ops(changeset)
        let removed = ops.compactMap { op -> PostID? in if case .removePost(let post) = op { post.id } else { nil } }
        #expect(Set(removed) == ["report", "manager", "e-first", "e-second"])
        #expect(removed.firstIndex(of: "report")! < removed.firstIndex(of: "manager")!)
        #expect(ops.first == .setAttribute(target: "e", attribute: "primary", from: .text("e-first"), to: nil))
        #expect(ops.contains(.setAttribute(target: "d", attribute: "primary", from: nil, to: .text("new"))))
        #expect(OrgFile.json(try before.applying(changeset).normalized()) == OrgFile.json(after.normalized()))
        #expect(OrgFile.json(try after.applying(changeset.inverted()).normalized()) == OrgFile.json(before.normalized()))
        // A primary post that is neither declared nor the person's first is still refused.
        #expect(throws: (any Error).self) {
            try before.applying(Changeset(changes: [Change(.setAttribute(target: "d", attribute: "primary", from: .text("ceo"), to: nil))]))
        }
    }

    /// A primary post that stood by its place alone comes back with the inverse, whether the
    /// new version declares the person's primary post (as normalised JSON does for everyone)
    /// or leaves it to the order of posts: P left their first post X, now listed after Y; Q kept
    /// theirs, now listed after another.
    @Test(arguments: [false, true])
    func theInverseGivesBackPrimaryPostsThatStoodByTheirPlace(_ declared: Bool) throws {
        var before = Org()
        before.units["co"] = Unit(id: "co", name: LocalizedText(["en": "Co"]))
        for id in ["p", "q", "r"] { before.people[PersonID(id)] = Person(id: PersonID(id), name: LocalizedText(["en": id.uppercased()])) }
        before.posts["x"] = Post(id: "x", unit: "co", holders: ["p"])
        before.posts["y"] = Post(id: "y", unit: "co", holders: ["p"])
        before.posts["q1"] = Post(id: "q1", unit: "co", holders: ["q"])
        before.posts["q2"] = Post(id: "q2", unit: "co", holders: ["q"])
        var after = Org()
        after.units = before.units
        after.people = before.people
        after.posts["y"] = before.posts["y"]
        after.posts["x"] = Post(id: "x", unit: "co", holders: ["r"])
        after.posts["q2"] = before.posts["q2"]
        after.posts["q1"] = before.posts["q1"]
        if declared {
            after.people["p"]?.primaryPost = "y"
            after.people["q"]?.primaryPost = "q2"
        }
        let changeset = after.difference(from: before)
        #expect(OrgFile.json(try before.applying(changeset).normalized()) == OrgFile.json(after.normalized()))
        let back = try after.applying(changeset.inverted())
        #expect(OrgFile.json(back.normalized()) == OrgFile.json(before.normalized()))
        #expect(back.difference(from: before).changes.isEmpty)
        #expect(Self.ops(changeset).contains(.setAttribute(target: "q", attribute: "primary", from: .text("q1"), to: .text("q2"))))
    }

    /// A reporting line is the post's: the text names the post by its holder only when they held
    /// it before too, and a manager left with no reports has a span of 0, not none.
    @Test func aLineThatChangesWithItsHolderIsThePosts() throws {
        var before = Org()
        before.units["co"] = Unit(id: "co", name: LocalizedText(["en": "Co"]))
        for (id, name) in [("ann", "Ann"), ("carl", "Carl"), ("alice", "Alice"), ("bob", "Bob"), ("dee", "Dee")] {
            before.people[PersonID(id)] = Person(id: PersonID(id), name: LocalizedText(["en": name]))
        }
        before.posts["ceo"] = Post(id: "ceo", title: LocalizedText(["en": "CEO"]), unit: "co", holders: ["ann"])
        before.posts["cfo"] = Post(id: "cfo", title: LocalizedText(["en": "CFO"]), unit: "co", reportsTo: ReportingLine(to: "ceo"), holders: ["carl"])
        before.posts["ctl"] = Post(id: "ctl", title: LocalizedText(["en": "Controller"]), unit: "co", reportsTo: ReportingLine(to: "cfo"), holders: ["alice"])
        before.posts["aud"] = Post(id: "aud", title: LocalizedText(["en": "Auditor"]), unit: "co", reportsTo: ReportingLine(to: "ceo"), holders: ["dee"])
        var after = before
        after.posts["ctl"]?.holders = ["bob"]
        after.posts["ctl"]?.reportsTo = ReportingLine(to: "ceo")
        after.posts["aud"]?.reportsTo = ReportingLine(to: "cfo")
        let text = DiffFormatter(diff: OrgDiff(from: before, to: after), language: .en, from: "a", to: "b").text()
        #expect(text.contains("  ~ Controller ['ctl'] now reports to Ann ['ceo'], was Carl ['cfo']\n"), "\(text)")
        #expect(text.contains("  ~ Dee ['aud'] now reports to Carl ['cfo'], was Ann ['ceo']\n"), "\(text)")
        // Carl's post kept its one report (Dee for Alice's post): no span line; then one with none left.
        after.posts["aud"]?.reportsTo = ReportingLine(to: "ceo")
        let none = DiffFormatter(diff: OrgDiff(from: before, to: after), language: .en, from: "a", to: "b").text()
        #expect(none.contains("  Carl ['cfo']: 1 → 0\n"), "\(none)")
        // A head with no reports who stops heading their unit had a span of 0 and has one of 0.
        before.units["audit"] = Unit(id: "audit", name: LocalizedText(["en": "Audit"]), parent: "co")
        before.posts["aud"]?.unit = "audit"
        before.posts["aud"]?.isHead = true
        var unheaded = before
        unheaded.posts["aud"]?.isHead = false
        let same = DiffFormatter(diff: OrgDiff(from: before, to: unheaded), language: .en, from: "a", to: "b").text()
        #expect(!same.contains("0 → 0"), "\(same)")
    }

    @Test func theDiffTextIsPinned() throws {
        let diff = OrgDiff(from: try Self.kuaishou("2025-09-29"), to: try Self.kuaishou(nil))
        let formatter = DiffFormatter(diff: diff, from: "Graphs/kuaishou@2025-09-29", to: "Graphs/kuaishou")
        try expectGolden(formatter.text(), "kuaishou-reorg.diff.txt")
        try expectGolden(DiffFormatter(diff: diff, language: .en, from: "Graphs/kuaishou@2025-09-29", to: "Graphs/kuaishou").text(),
                         "kuaishou-reorg.diff.en.txt")
        try expectGolden(formatter.json().rendered(), "kuaishou-reorg.diff.json")
        // One screen.
        #expect(formatter.text().split(separator: "\n").count <= 40)
    }

    /// The chains' lines made alongside, while the changes are found (as `orggraph diff` makes
    /// them), are the lines the text makes itself, from the impact the diff keeps.
    /// The new version is a re-export (every id changed), so the old version the lines are
    /// made from must be the one under its new ids.
    @Test func chainLinesMadeAlongsideAreTheText() throws {
        var generator = OrgGenerator(seed: 5)
        let old = generator.table(people: 1200)
        let new = try RenameDetectionTests.reexported(generator.churned(old).generalOrg(), prefix: "x")
        let (before, after) = (QuerySource(org: old.generalOrg()), QuerySource(org: new))
        final class Made: @unchecked Sendable { var lines: [[String]] = [] }
        let made = Made()
        let diff = OrgDiff(from: before, to: after) { impact, renamed in
            made.lines.append(DiffFormatter.chainLines(impact, before: renamed, after: after, language: .en))
        }
        let formatter = DiffFormatter(diff: diff, language: .en, from: "a", to: "b")
        #expect(made.lines.count == 1 && made.lines[0].count == diff.impact.chains.count && diff.impact.chains.count > 20, "\(diff.impact.chains.count)")
        #expect(formatter.text(chainLines: made.lines[0]) == formatter.text())
        #expect(formatter.text(chainLines: ["  made before"]).contains("reporting chains changed:\n  made before\nspan of control:"))
        #expect(made.lines[0].allSatisfy { !$0.contains("'") }, "every person in the chains is named")
        #expect(formatter.text() == DiffFormatter(diff: OrgDiff(from: before, to: after), language: .en, from: "a", to: "b").text())
    }

    /// A changeset made by diff cites, for each change, where the later version states what it
    /// is about, brings those sources along, and reads back as itself.
    @Test func aDiffChangesetCitesTheLaterVersionAndReadsBack() throws {
        let before = try Self.kuaishou("2025-09-29"), after = try Self.kuaishou(nil)
        let changeset = after.difference(from: before)
        #expect(changeset.changes.first { $0.op.name == "rename-unit" }?.provenance.source?.description == "article:L77")
        #expect(changeset.changes.first { $0.op.name == "set-reports-to" }?.provenance.source?.description == "article:L85")
        #expect(Array(changeset.sources.keys) == ["article"])
        let back = try ChangesetFile.parse(ChangesetFile.yaml(changeset), file: "diff.yaml")
        #expect(back == changeset)
        #expect(OrgFile.json(try before.applying(back).normalized()) == OrgFile.json(after.normalized()))
        let text = DiffFormatter(diff: OrgDiff(from: before, to: after), language: .en, from: "a", to: "b", sources: true).text()
        #expect(text.contains("\n  ~ renamed Local Life BU → Life Services BU  [article:L77]\n"), "\(text)")
        #expect(!DiffFormatter(diff: OrgDiff(from: before, to: after), language: .en, from: "a", to: "b").text().contains("[article:"))
    }

    @Test(arguments: ["2022-12", "2023-11", "2025-09-30"])
    func eachShippedChangesetTurnsOneSnapshotIntoTheNext(_ day: String) throws {
        let timeline = try Timeline(folder: Paths.kuaishou)
        let index = try #require(timeline.snapshots.firstIndex { $0.day.description == day })
        let before = try timeline.load(on: timeline.snapshots[index - 1].day).org
        let after = try timeline.load(on: timeline.snapshots[index].day).org
        let changeset = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/\(day).yaml")
        for change in changeset.changes {
            #expect(change.provenance.source?.source == "article", "\(change.op.name) '\(change.op.subject)' has no source")
        }
        let applied = try before.applying(changeset)
        #expect(OrgFile.json(applied.normalized()) == OrgFile.json(after.normalized()))
        #expect(OrgFile.json(try applied.applying(changeset.inverted()).normalized()) == OrgFile.json(before.normalized()))
    }

    @Test func aStaleChangesetNamesTheChangeThatDoesNotFit() throws {
        let after = try Self.kuaishou(nil)
        var changeset = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/2025-09-30.yaml")
        changeset.previous = nil
        do {
            _ = try after.applying(changeset)
            Issue.record("a changeset applied twice must fail")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                Paths.kuaishou + "/changes/2025-09-30.yaml:20:5: error: change 1 (move-unit 'inner-loop') does not apply: expected parent 'commercialization', found 'ecommerce'"
            ])
        }
    }

    @Test func removalsThatLeaveTogetherAreCheckedOneByOne() throws {
        // A diff removes posts and people in runs, which apply in one pass; each is still
        // checked as it would be alone, and the one that does not fit is named by its number.
        var generator = OrgGenerator(seed: 8)
        let old = generator.table(people: 400).generalOrg()
        var new = old
        let going = Array(old.people.keys.suffix(30))
        for person in going {
            new.posts.removeAll { $0.value.holders == [person] }
            new.people.removeValue(forKey: person)
        }
        let changeset = new.difference(from: old)
        let removals = changeset.changes.filter { if case .removal? = $0.op.run { true } else { false } }
        #expect(removals.count >= 60)
        #expect(OrgFile.json(try old.applying(changeset).normalized()) == OrgFile.json(new.normalized()))
        func failure(_ edit: (inout [Change]) -> Void) -> [String] {
            var broken = changeset
            edit(&broken.changes)
            do {
                _ = try old.applying(broken)
                return []
            } catch {
                return error.diagnostics.map(\.description)
            }
        }
        // The same person twice in a run: the second finds no one.
        let firstPersonRemoval = changeset.changes.firstIndex { if case .removePerson = $0.op { true } else { false } }!
        let twice = failure { $0.insert($0[firstPersonRemoval], at: firstPersonRemoval + 1) }
        #expect(twice == ["error: change \(firstPersonRemoval + 2) (remove-person '\(changeset.changes[firstPersonRemoval].op.subject)') does not apply: there is no person '\(changeset.changes[firstPersonRemoval].op.subject)'"])
        // A post of the run that is not as recorded.
        let firstPostRemoval = changeset.changes.firstIndex { if case .removePost = $0.op { true } else { false } }!
        let changed = failure { changes in
            guard case .removePost(var record) = changes[firstPostRemoval + 1].op else { return }
            record.title = LocalizedText(en: "Someone else")
            changes[firstPostRemoval + 1] = Change(.removePost(record))
        }
        #expect(changed.count == 1)
        #expect(changed.first?.hasPrefix("error: change \(firstPostRemoval + 2) (remove-post ") == true, "\(changed)")
        #expect(changed.first?.contains("the post differs from the record in the changeset") == true)
        // A person who still holds a post, in a run of people.
        let holding = failure { changes in changes.removeAll { if case .removePost = $0.op { true } else { false } } }
        #expect(holding.first?.contains("still holds") == true, "\(holding)")
    }

    @Test func givingUpADeclaredPrimaryPostIsAChange() throws {
        // p holds x and y, x declared primary; then x is vacant and y declared: the changeset
        // says so, and applies.
        let old = try OrgFile.parse("""
            units: [{id: u, name: U}]
            posts: [{id: x, unit: u, holders: [p]}, {id: y, unit: u, reportsTo: x, holders: [p]}]
            people: [{id: p, name: P, primary: x}]
            """, file: "a.yaml").org
        let new = try OrgFile.parse("""
            units: [{id: u, name: U}]
            posts: [{id: x, unit: u}, {id: y, unit: u, reportsTo: x, holders: [p]}]
            people: [{id: p, name: P, primary: y}]
            """, file: "b.yaml").org
        let changeset = new.difference(from: old)
        #expect(Self.ops(changeset).contains(.setAttribute(target: "p", attribute: "primary", from: .text("x"), to: .text("y"))))
        #expect(try old.applying(changeset).normalized() == new.normalized())
    }

    @Test func aChangesetForAnotherVersionIsRefused() throws {
        let old = try Self.kuaishou("2022-11")
        let changeset = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/2025-09-30.yaml")
        #expect(throws: DiagnosticError.self) { try old.applying(changeset) }
    }

    @Test func historyListsWangJianweisRolesWithSources() throws {
        let events = try Timeline(folder: Paths.kuaishou).history(of: .person("wang-jianwei"), language: .en)
        let lines = events.map { "\($0.day) \($0.kind.rawValue) \($0.text) [\($0.provenance.source?.description ?? "")]" }
        #expect(lines.contains("2022-11 + heads Commercialization BU [article:L91]"))
        #expect(lines.contains("2023-11 + heads E-commerce BU [article:L91]"))
        #expect(lines.contains("2025-09-30 + Liu Xiao (head of Life Services BU) reports to them [article:L85]"))
    }

    @Test func historyOfAUnitFollowsItsRename() throws {
        let events = try Timeline(folder: Paths.kuaishou).history(of: .unit("local-life"), language: .en)
        let changes = events.filter { $0.kind == .changed }.map { "\($0.day) \($0.text)" }
        #expect(changes == ["2025-09-30 named Local Life BU → named Life Services BU", "2025-09-30 headed by Xiao Gu → headed by Liu Xiao"])
    }

    /// People with these ids and names, in this order, as a core.
    static func people(_ ids: [String], name: (String) -> String = { $0.uppercased() }) -> OrgCore {
        var org = Org()
        for id in ids { org.people[PersonID(id)] = Person(id: PersonID(id), name: LocalizedText(["en": name(id)])) }
        return OrgCore(org)
    }

    /// Two versions' rows of one kind, paired by id: what differs, came or went, in the new
    /// version's order then the old's, and each row's twin both ways.
    @Test func differingRowsArePairedByIDBothWays() {
        let oldIDs = ["a", "b", "c", "d", "e"], newIDs = ["e", "a", "x", "c", "d", "f"]
        let old = Self.people(oldIDs), new = Self.people(newIDs) { $0 == "c" ? "Cy" : $0.uppercased() }
        let differing = DiffScope.Differing(oldIDs, newIDs, .person, old) { before, after in
            old.texts[Int(old.personName[before])] == new.texts[Int(new.personName[after])]
        }
        #expect(differing.rows.map { "\($0.old.map(String.init) ?? "-")>\($0.new.map(String.init) ?? "-")" } == ["->2", "2>3", "->5", "1>-"])
        #expect(differing.shared == 4)
        #expect(differing.newRow == [1, -1, 3, 4, 0])
        #expect(differing.oldRow == [4, 0, -1, 2, 3, -1])
        #expect(differing.twin(of: 0, isNew: true) == 4 && differing.twin(of: 4, isNew: false) == 0)
        #expect(differing.twin(of: 2, isNew: true) == nil && differing.twin(of: 1, isNew: false) == nil)

        // A long list shifted by what came before it, with a swap further on: every twin is the
        // row with its id, wherever it is.
        let many = (0..<3_000).map { "p\($0)" }
        var shifted = (0..<40).map { "new\($0)" } + many.filter { $0 != "p7" }
        shifted.swapAt(100, 2_900)
        let pairs = DiffScope.Differing(many, shifted, .person, Self.people(many)) { _, _ in true }
        #expect(pairs.shared == 2_999)
        #expect(pairs.rows.count == 41)
        let (oldRows, newRows) = (Dictionary(uniqueKeysWithValues: many.enumerated().map { ($1, $0) }),
                                  Dictionary(uniqueKeysWithValues: shifted.enumerated().map { ($1, $0) }))
        #expect(shifted.indices.allSatisfy { pairs.twin(of: $0, isNew: true) == oldRows[shifted[$0]] })
        #expect(many.indices.allSatisfy { pairs.twin(of: $0, isNew: false) == newRows[many[$0]] })
    }
}
