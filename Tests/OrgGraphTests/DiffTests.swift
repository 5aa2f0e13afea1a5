import Foundation
import Testing

@testable import OrgGraph

@Suite struct DiffTests {
    static func kuaishou(_ day: String?) throws -> Org {
        try OrgReference(path: Paths.kuaishou, day: day.flatMap(Day.init)).load().org
    }

    @Test func theReorgDiffAppliesToGiveTheNewState() throws {
        let before = try Self.kuaishou("2025-09-29")
        let after = try Self.kuaishou(nil)
        let changeset = after.difference(from: before)
        let applied = try before.applying(changeset)
        #expect(applied.normalized() == after.normalized())
        let undone = try applied.applying(changeset.inverted())
        #expect(undone.normalized() == before.normalized())
        print(ChangesetFile.yaml(changeset))
    }
}
