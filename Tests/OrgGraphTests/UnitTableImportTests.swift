import Foundation
import Testing

@testable import OrgGraph

/// Orgs given as a units table and a memberships table: the Kubernetes SIGs and the committees
/// of the US Congress, each in two snapshots, and the tables' errors.
@Suite struct UnitTableImportTests {
    static func k8s(_ day: String) throws -> ImportResult {
        let folder = ImportTests.datasets.appendingPathComponent("kubernetes-community-sigs/\(day)").path
        return try UnitTableImport(unitsFile: folder + "/derived_units.csv", membersFile: folder + "/derived_leadership.csv", asOf: Day(day)).run()
    }

    static func congress(_ day: String) throws -> ImportResult {
        let folder = ImportTests.datasets.appendingPathComponent("us-congress-committees/\(day)").path
        return try UnitTableImport(unitsFile: folder + "/derived_units.csv", membersFile: folder + "/derived_memberships.csv", asOf: Day(day)).run()
    }

    @Test func kubernetesSIGsAndTheirLeadsChanging() throws {
        let old = try Self.k8s("2023-05-31")
        // Two subprojects' ids are names with spaces: each made one word, said once.
        #expect(old.warnings.map(\.message).filter { $0.hasPrefix("unit id") }.count == 4)
        let before = old.org
        #expect(before.units.count == 231 && before.people.count == 176)
        #expect(before.units["sig-release/Release-Engineering"]?.parent == "sig-release")
        // The co-chairs share the head post; the tech leads share a post under it.
        #expect(before.posts["sig-api-machinery#head"].map { [$0.isHead ? "head" : "", $0.title.display(.en)] + $0.holders.map(\.rawValue) }
            == ["head", "chairs", "deads2k", "fedebongio"])
        #expect(before.posts["sig-api-machinery#tech-leads"]?.holders == ["deads2k", "lavalamp"])
        #expect(before.people["deads2k"]?.attributes["company"] == "Red Hat")
        let chain = before.reportingChain(of: "lavalamp")?.map(\.post.rawValue)
        #expect(chain == ["sig-api-machinery#tech-leads", "sig-api-machinery#head"])
        let after = try Self.k8s("2026-08-18").org
        let diff = after.difference(from: before)
        let lines = DiffFormatter(diff: OrgDiff(from: OrgCore(before), to: OrgCore(after)), language: .en, from: "a", to: "b").text()
        #expect(lines.contains("  ~ tech leads ['sig-api-machinery#tech-leads']: Daniel Smith → Joe Betz\n"))
        #expect(lines.contains("  ~ chairs ['sig-auth#head']: Mo Khan, Mike Danese → Anish Ramasekar\n"))
        #expect(diff.changes.count == 362)
        #expect(try before.applying(diff).normalized() == after.normalized())
        // And back: every chair's and lead's primary post too (posts whose holders changed come
        // back where the new version lists them; a post that stood for someone by its place
        // alone is named in the changes).
        let back = try after.applying(diff.inverted())
        #expect(back.difference(from: before).changes.map(\.op.name) == [])
    }

    @Test func congressCommitteesAndTheirChairs() throws {
        let old = try Self.congress("2024-12-17")
        #expect(old.warnings.isEmpty)
        let before = old.org
        #expect(before.units.count == 234 && before.people.count == 529)
        #expect(before.asOf == Day("2024-12-17"))
        // Chair, Chairman, Chairwoman: the committee's head post, titled as written.
        #expect(before.posts["HSII#head"].map { [$0.title.display(.en)] + $0.holders.map(\.rawValue) } == ["Chair", "W000821"])
        #expect(before.posts["HSII#ranking-member"]?.holders == ["G000551"])
        #expect(before.posts["HSII#member-L000564"]?.attributes["rank"] == "2")
        #expect(before.reportingChain(of: "L000564")?.map(\.person) == ["L000564", "W000821"])
        #expect(before.units["HSII"]?.parent == "house")
        let after = try Self.congress("2026-03-25").org
        // A new Congress: the README's count, and the diff applies exactly. Its inverse gives
        // back every member's primary post but one's: L000491's first seat stays theirs, but
        // their second, which the new version lists before it, went to someone else; the
        // inverse gives it back, and it comes first (see the README).
        let changeset = after.difference(from: before)
        #expect(changeset.changes.count == 5_197)
        #expect(try before.applying(changeset).normalized() == after.normalized())
        let back = try after.applying(changeset.inverted())
        let left = back.difference(from: before).changes
        #expect(left.map(\.op) == [.setAttribute(target: "L000491", attribute: "primary", from: .text("HSAG#member-L000491"), to: .text("HSSY#head"))])
        let text = DiffFormatter(diff: OrgDiff(from: OrgCore(before), to: OrgCore(after)), language: .en, from: "a", to: "b").text()
        #expect(text.contains("  ~ Chair ['HSAG15#head']: Doug LaMalfa → Dan Newhouse\n"))
        #expect(text.contains("  ~ post ['HSAG15#head'] retitled Chairman → Chair\n"))
    }

    @Test func tablesThatCannotBeReadAreLocatedErrors() throws {
        func problem(_ units: String, _ members: String? = nil) throws -> String {
            let unitsFile = try CSVTests.write(Data(units.utf8))
            let membersFile = try members.map { try CSVTests.write(Data($0.utf8)) }
            do {
                let result = try UnitTableImport(unitsFile: unitsFile, membersFile: membersFile).run()
                return result.core.warnings.filter { $0.severity == .error }.map(\.description).joined(separator: "\n")
                    .replacingOccurrences(of: unitsFile, with: "units.csv")
            } catch {
                return error.diagnostics.map(\.description).joined(separator: "\n").replacingOccurrences(of: unitsFile, with: "units.csv")
                    .replacingOccurrences(of: membersFile ?? "-", with: "members.csv")
            }
        }
        #expect(try problem("id,name\na,A\n") == "units.csv:1:1: error: the units table needs a unit id and a parent id column (such as unit_id,parent_id,name,kind); it has 'id', 'name'")
        #expect(try problem("unit_id,parent_id\na,\na,\n") == "units.csv:3:1: error: unit 'a' is listed again; a unit is one row")
        #expect(try problem("unit_id,parent_id\na,\nb,zz\n").hasPrefix("units.csv:3:2: error: unit 'b' has parent unknown unit 'zz'"))
        #expect(try problem("unit_id,parent_id\na,\n", "unit_id,github,role\nb,x,chair\n").hasPrefix("members.csv:2:1: error: unit 'b' of this membership is not in "))
        #expect(try problem("unit_id,parent_id\na,\n", "unit_id,github,role\na,,chair\n").hasPrefix("members.csv:2:2: error: the person id of this membership is empty"))
    }
}
