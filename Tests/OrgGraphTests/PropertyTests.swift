import Foundation
import Testing

@testable import OrgGraph

/// Properties of diff, apply and invert on hundreds of generated orgs; each case is replayable
/// from its seed.
@Suite struct PropertyTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test(arguments: seeds)
    func diffAppliesAndInverts(_ seed: UInt64) throws {
        var random = RandomOrg(seed: seed)
        let a = random.org(units: random.int(2...10), people: random.int(3...25))
        #expect(a.validate().filter { $0.severity == .error }.isEmpty, "seed \(seed): generated org is invalid")
        let b = random.changed(a, edits: random.int(1...12))
        let changeset = b.difference(from: a)

        // apply(diff(a, b), a) == b
        let applied = try a.applying(changeset)
        #expect(applied.normalized() == b.normalized(), "seed \(seed)")

        // apply(invert(c), apply(c, a)) == a
        let undone = try applied.applying(changeset.inverted())
        #expect(undone.normalized() == a.normalized(), "seed \(seed)")

        // The diff of a version with itself is empty.
        #expect(a.difference(from: a).isEmpty, "seed \(seed)")

        // Changesets and orgs survive their file formats.
        #expect(try ChangesetFile.parse(ChangesetFile.yaml(changeset), file: "c.yaml") == changeset, "seed \(seed)")
        #expect(try OrgFile.parse(OrgFile.yaml(b), file: "b.yaml").org == b, "seed \(seed)")
    }

    /// The diff reads only the elements that differ and what they touch (``DiffScope``): it
    /// must give exactly the changeset that comparing the whole of both versions gives.
    @Test(arguments: Array(UInt64(1)...60))
    func aDiffOfThePartThatChangedIsTheDiffOfTheWhole(_ seed: UInt64) throws {
        var random = RandomOrg(seed: seed)
        let a = random.org(units: random.int(5...30), people: random.int(100...400))
        let b = random.changed(a, edits: random.int(1...15))
        let new = OrgCore(b)
        let expected = DiffBuilder.changeset(from: OrgCore(a), to: new, newSource: QuerySource(core: new), whole: true)
        #expect(b.difference(from: a) == expected, "seed \(seed)")
        #expect(try a.applying(expected).normalized() == b.normalized(), "seed \(seed)")
    }

    /// The diff tells kept elements that changed from the rows (``OrgCore/samePost(_:as:_:)``):
    /// that must be exactly the values' equality, for every post and person of both versions.
    @Test(arguments: Array(UInt64(1)...100))
    func rowsAreEqualExactlyWhenTheirValuesAre(_ seed: UInt64) {
        var random = RandomOrg(seed: seed)
        let a = random.org(units: random.int(2...12), people: random.int(5...60))
        var b = random.changed(a, edits: random.int(1...20))
        // Attributes of posts and people, which the edits leave alone.
        if let post = b.posts.keys.randomElement(using: &random.rng) { b.posts[post]?.attributes["grade"] = "7" }
        if let person = b.people.keys.randomElement(using: &random.rng) { b.people[person]?.attributes["desk"] = "3F" }
        let (old, new) = (OrgCore(a), OrgCore(b))
        for (row, id) in new.postIDs.enumerated() {
            guard let (kind, at) = old.element(id), kind == .post else { continue }
            #expect(old.samePost(at, as: new, row) == (old.post(at) == new.post(row)), "seed \(seed), post \(id)")
        }
        for (row, id) in new.personIDs.enumerated() {
            guard let (kind, at) = old.element(id), kind == .person else { continue }
            #expect(old.samePerson(at, as: new, row) == (old.person(at) == new.person(row)), "seed \(seed), person \(id)")
        }
        // Every post compared with itself, and with each other post (ids differ: never the same).
        for row in new.postIDs.indices { #expect(new.samePost(row, as: new, row)) }
        for row in new.personIDs.indices { #expect(new.samePerson(row, as: new, row)) }
        if new.postIDs.count > 1 { #expect(!new.samePost(0, as: new, 1)) }
    }

    /// Headcounts are summed up the unit tree, with people whose posts lie in several units
    /// counted once in each unit above any of them: the same as counting, for every unit, the
    /// distinct people in posts anywhere below it.
    @Test(arguments: Array(UInt64(1)...100))
    func headcountsAreTheDistinctPeopleBelowEachUnit(_ seed: UInt64) throws {
        var random = RandomOrg(seed: seed)
        let org = random.org(units: random.int(2...20), people: random.int(3...60))
        let source = QuerySource(org: org)
        let core = source.core
        let counts = source.headcounts()
        for (row, unit) in core.unitIDs.enumerated() {
            func isBelow(_ id: UnitID) -> Bool {
                var current: UnitID? = id
                var seen: Set<UnitID> = []
                while let at = current, seen.insert(at).inserted {
                    if at.rawValue == unit { return true }
                    current = org.units[at]?.parent
                }
                return false
            }
            let counted = { (person: PersonID) in org.people[person]?.status.expectsPost ?? false }
            let inUnit = Set(org.posts.values.filter { $0.unit.rawValue == unit }.flatMap(\.holders).filter(counted))
            let inTree = Set(org.posts.values.filter { isBelow($0.unit) }.flatMap(\.holders).filter(counted))
            #expect(counts[row] == Impact.Headcount(direct: inUnit.count, total: inTree.count), "seed \(seed), unit \(unit)")
        }
    }

    @Test(arguments: Array(UInt64(1)...40))
    func invertingTwiceGivesTheSameChangeset(_ seed: UInt64) {
        var random = RandomOrg(seed: seed &* 7919)
        let a = random.org()
        let changeset = random.changed(a, edits: 8).difference(from: a)
        // Ops whose inverse is a single op invert back to themselves.
        let simple = changeset.changes.allSatisfy { change in
            if case .appoint(_, _, let replaces) = change.op { return replaces.count <= 1 }
            if case .mergeUnits = change.op { return false }
            if case .splitUnit = change.op { return false }
            return true
        }
        if simple { #expect(changeset.inverted().inverted() == changeset, "seed \(seed)") }
    }

    @Test func mergesAndSplitsApplyAndInvert() throws {
        let org = try parseOrg("""
            units:
              - {id: co, name: Co, head: boss}
              - {id: a, name: A, parent: co}
              - {id: b, name: B, parent: co}
              - {id: a1, name: A1, parent: a}
            posts:
              - {id: pa, title: PA, unit: a, holders: x}
              - {id: pb, title: PB, unit: b, holders: y}
            people:
              - {id: boss, name: Boss}
              - {id: x, name: X}
              - {id: y, name: Y}
            """).org
        let merge = Changeset(changes: [Change(.mergeUnits(into: "b", sources: [
            UnitTransfer(unit: "a", posts: ["pa"], units: ["a1"], record: org.units["a"]),
        ]))])
        let merged = try org.applying(merge)
        #expect(merged.units["a"] == nil)
        #expect(merged.posts["pa"]?.unit == "b")
        #expect(merged.units["a1"]?.parent == "b")
        #expect(try merged.applying(merge.inverted()).normalized() == org.normalized())

        let newUnit = Unit(id: "c", name: LocalizedText(["en": "C"]), parent: "co")
        let split = Changeset(changes: [Change(.splitUnit("b", record: nil, parts: [UnitTransfer(unit: "c", posts: ["pb"], record: newUnit)]))])
        let splitOrg = try org.applying(split)
        #expect(splitOrg.posts["pb"]?.unit == "c")
        #expect(try splitOrg.applying(split.inverted()).normalized() == org.normalized())
    }

    @Test func aDiffFindsAMerge() throws {
        let before = try parseOrg("""
            units:
              - {id: co, name: Co, head: boss}
              - {id: a, name: A, parent: co}
              - {id: b, name: B, parent: co}
            posts:
              - {id: pa, title: PA, unit: a, holders: x}
            people:
              - {id: boss, name: Boss}
              - {id: x, name: X}
            """).org
        var after = before
        after.units.removeValue(forKey: "a")
        after.posts["pa"]?.unit = "b"
        let ops = after.difference(from: before).changes.map(\.op)
        #expect(ops == [.mergeUnits(into: "b", sources: [UnitTransfer(unit: "a", posts: ["pa"], units: [], record: before.units["a"])])])
    }

    /// A unit whose posts and sub-units all go to units the new version adds is split into
    /// them, not removed; applied and inverted, exactly. The reverse is a merge of each part.
    @Test func aDiffFindsASplit() throws {
        let before = try parseOrg("""
            units:
              - {id: co, name: Co, head: boss}
              - {id: a, name: A, parent: co}
              - {id: a1, name: A1, parent: a}
            posts:
              - {id: p1, title: P1, unit: a, holders: x}
              - {id: p2, title: P2, unit: a, holders: y}
              - {id: p3, title: P3, unit: a, holders: z}
            people:
              - {id: boss, name: Boss}
              - {id: x, name: X}
              - {id: y, name: Y}
              - {id: z, name: Z}
            """).org
        var after = before
        after.units.removeValue(forKey: "a")
        after.units["b"] = Unit(id: "b", name: LocalizedText(["en": "B"]), parent: "co")
        after.units["c"] = Unit(id: "c", name: LocalizedText(["en": "C"]), parent: "co")
        after.units["a1"]?.parent = "c"
        after.posts["p1"]?.unit = "b"
        after.posts["p2"]?.unit = "c"
        after.posts["p3"]?.unit = "b"
        let changeset = after.difference(from: before)
        let ops = changeset.changes.map(\.op)
        #expect(ops == [
            .addUnit(after.units["b"]!), .addUnit(after.units["c"]!),
            .splitUnit("a", record: before.units["a"], parts: [UnitTransfer(unit: "b", posts: ["p1", "p3"]), UnitTransfer(unit: "c", posts: ["p2"], units: ["a1"])]),
        ])
        #expect(try before.applying(changeset).normalized() == after.normalized())
        #expect(try after.applying(changeset.inverted()).normalized() == before.normalized())
        // The other way: both parts merge into the unit added again.
        let back = before.difference(from: after).changes.map(\.op.name)
        #expect(back == ["add-unit", "merge-units", "merge-units"])
    }
}
