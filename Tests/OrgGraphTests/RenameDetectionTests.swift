import Foundation
import Testing

@testable import OrgGraph

/// Diffs of versions whose ids do not correspond, and of real HR data.
@Suite struct RenameDetectionTests {
    /// The org as another export would give it: every id replaced.
    static func reexported(_ org: Org, prefix: String) throws -> Org {
        var result = org
        for id in org.people.keys.map(\.rawValue) + org.posts.keys.map(\.rawValue) + org.units.keys.map(\.rawValue) {
            try? result.apply(.setAttribute(target: id, attribute: "id", from: .text(id), to: .text(prefix + id)))
        }
        return result
    }

    @Test(arguments: [UInt64(11), 12, 13, 14, 15])
    func aReexportWithRenamesAndMovesIsDiffedAsThem(_ seed: UInt64) throws {
        var random = RandomOrg(seed: seed)
        let a = random.org(units: 12, people: 200)
        var b = try Self.reexported(a, prefix: "x")
        // 5% of people: half renamed, half given another manager.
        let people = Array(b.people.keys)
        var renamed: Set<PersonID> = []
        var moved: Set<PersonID> = []
        for (n, person) in people.enumerated() where n % 20 == 7 {
            if n % 40 == 7 {
                b.people[person]?.name = LocalizedText(["en": "Renamed Person \(n)"])
                renamed.insert(person)
            } else if let post = OrgIndex(b).primaryPost(of: person), let target = random.upwardTarget(for: post, in: b) {
                b.posts[post]?.reportsTo = ReportingLine(to: target)
                if b.validate().contains(where: { $0.severity == .error }) { b.posts[post]?.reportsTo = nil } else { moved.insert(person) }
            }
        }
        let changeset = b.difference(from: a)
        let ops = changeset.changes.map(\.op)
        let reIDs = ops.filter { if case .setAttribute(let target, "id", _, _) = $0 { return a.people[PersonID(target)] != nil } else { return false } }
        let removedPeople = ops.filter { if case .removePerson = $0 { true } else { false } }.count
        let addedPeople = ops.filter { if case .addPerson = $0 { true } else { false } }.count
        // Nearly everyone is matched; nobody's removal and re-addition stands for a rename or a move.
        #expect(reIDs.count >= a.people.count * 95 / 100, "seed \(seed): \(reIDs.count) of \(a.people.count) matched")
        #expect(removedPeople == addedPeople)
        #expect(removedPeople <= a.people.count / 50, "seed \(seed): \(removedPeople) removed and added")
        let renames = ops.compactMap { if case .renamePerson(let id, _, _) = $0 { return id } else { return nil } }
        #expect(Set(renames).isSubset(of: renamed) && renames.count + removedPeople >= renamed.count, "seed \(seed)")
        // Matched pairs carry their evidence.
        #expect(changeset.changes.filter { if case .setAttribute(_, "id", _, _) = $0.op { $0.similarity == nil } else { false } }.isEmpty)
        // And the changeset still turns one export into the other.
        #expect(try a.applying(changeset).normalized() == b.normalized(), "seed \(seed)")
    }

    /// A run of id changes applies in one pass, as if one after another: an id given up may be
    /// taken again, a renamed element renamed once more, and every reference follows.
    @Test func aRunOfIDChangesAppliesAsOneChangeAfterAnother() throws {
        var random = RandomOrg(seed: 3)
        let org = random.org(units: 6, people: 30)
        let unit = try #require(org.units.values.first { child in org.units.values.contains { $0.parent == child.id } })
        let post = try #require(org.posts.values.first { $0.unit == unit.id && !$0.holders.isEmpty })
        let holder = post.holders[0]
        func change(_ from: String, _ to: String) -> Change {
            Change(.setAttribute(target: from, attribute: "id", from: .text(from), to: .text(to)))
        }
        let renamed = "\(unit.id)-renamed", again = "\(unit.id)-again", person = "\(holder)-2"
        let changes = [change(unit.id.rawValue, renamed), change(renamed, again), change(post.id.rawValue, unit.id.rawValue), change(holder.rawValue, person)]
        let result = try org.applying(Changeset(changes: changes))
        #expect(result.units[UnitID(again)]?.name == unit.name)
        #expect(result.units[UnitID(renamed)] == nil && result.units[unit.id] == nil)
        #expect(Array(result.units.keys).firstIndex(of: UnitID(again)) == Array(org.units.keys).firstIndex(of: unit.id))
        #expect(result.units.values.filter { $0.parent == UnitID(again) }.count == org.units.values.filter { $0.parent == unit.id }.count)
        let moved = try #require(result.posts[PostID(unit.id.rawValue)])
        #expect(moved.unit == UnitID(again) && moved.holders.first == PersonID(person))
        #expect(result.posts.values.filter { $0.unit == UnitID(again) }.count == org.posts.values.filter { $0.unit == unit.id }.count)
        #expect(result.posts.values.filter { $0.reportsTo?.to == PostID(unit.id.rawValue) }.count == org.posts.values.filter { $0.reportsTo?.to == post.id }.count)
        // One at a time, the same.
        var stepwise = org
        for change in changes { try stepwise.apply(change.op) }
        #expect(stepwise == result)
        // A change in the run that takes an id in use is named by its number; nothing applies.
        let taken = org.people.keys.first { $0 != holder }!
        #expect {
            try org.applying(Changeset(changes: [changes[0], changes[1], change(holder.rawValue, taken.rawValue)]))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.message
                == "change 3 (set-attribute '\(holder)') does not apply: id '\(taken)' is already taken"
        }
    }

    // MARK: Oracle's HR sample schema, 2015 and 2025

    static let oracle = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/datasets/oracle-hr")

    /// Reads `employees.csv`, `departments.csv` and `jobs.csv` of one version: departments as
    /// units under the company, each employee in a post of their department titled by their job.
    static func oracleOrg(_ folder: String) throws -> Org {
        func rows(_ name: String) throws -> [[String: String]] {
            let text = try String(contentsOf: oracle.appendingPathComponent(folder).appendingPathComponent(name), encoding: .utf8)
            var lines = text.split(whereSeparator: \.isNewline).map(String.init)
            let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            // These files quote no field that holds a comma.
            return lines.map { line in
                Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
            }
        }
        var org = Org()
        org.units["company"] = Unit(id: "company", name: LocalizedText(["en": "Company"]))
        for row in try rows("departments.csv") {
            let id = UnitID("d\(row["department_id"]!)")
            org.units[id] = Unit(id: id, name: LocalizedText(["en": row["department_name"]!]), parent: "company")
        }
        let jobs = Dictionary(uniqueKeysWithValues: try rows("jobs.csv").map { ($0["job_id"]!, $0["job_title"]!) })
        let employees = try rows("employees.csv")
        for row in employees {
            let id = PersonID(row["employee_id"]!)
            org.people[id] = Person(id: id, name: LocalizedText(["en": "\(row["first_name"]!) \(row["last_name"]!)"]))
            let department = row["department_id"]!
            let post = PostID("post.\(id)")
            org.posts[post] = Post(id: post, title: LocalizedText(["en": jobs[row["job_id"]!] ?? row["job_id"]!]),
                                   unit: department.isEmpty ? "company" : UnitID("d\(department)"), holders: [id])
        }
        for row in employees where !row["manager_id"]!.isEmpty {
            org.posts[PostID("post.\(row["employee_id"]!)")]?.reportsTo = ReportingLine(to: PostID("post.\(row["manager_id"]!)"))
        }
        return org
    }

    @Test func oracleHR2015To2025IsExactlySeventeenRenames() throws {
        let old = try Self.oracleOrg("v2015_hr_popul")
        let new = try Self.oracleOrg("v2025_hr_populate")
        #expect(old.validate().filter { $0.severity == .error }.isEmpty)
        #expect(old.people.count == 107)
        let ops = new.difference(from: old).changes.map(\.op)
        let renames = ops.compactMap { op -> String? in
            if case .renamePerson(let id, let from, let to) = op { return "\(id): \(from.display(.en)) → \(to.display(.en))" }
            return nil
        }
        #expect(renames.count == 17)
        #expect(ops.count == 17, "\(ops.map(\.name))")
        #expect(renames.contains("101: Neena Kochhar → Neena Yang"))
        #expect(renames.contains("150: Peter Tucker → Sean Tucker"))
        // The chain of a renamed employee is unchanged.
        #expect(old.reportingChain(of: "101")?.map(\.person) == new.reportingChain(of: "101")?.map(\.person))
    }
}
