import Foundation
import Testing

@testable import OrgGraph

/// Staff posts (assistants, advisors, chiefs of staff): read and written by every org format and
/// changesets, compared by the diff, checked by the validator.
@Suite struct StaffTests {
    static let office = """
        units:
          - id: co
            name: Company
            head: {holders: ceo, title: CEO}
          - id: office
            name: Office of the CEO
            parent: co
            head: {holders: cos, title: Chief of staff, staff: true}
        posts:
          - {id: pa, title: Assistant, unit: co, staff: yes, holders: ann}
          - {id: cfo, title: CFO, unit: co, holders: bo}
        people:
          - {id: ceo, name: Cy}
          - {id: cos, name: Cas}
          - {id: ann, name: Ann}
          - {id: bo, name: Bo}
        """

    @Test func staffPostsAreReadWrittenAndReadBack() throws {
        let org = try parseOrg(Self.office).org
        #expect(org.posts.values.filter(\.isStaff).map(\.id) == ["pa", "head.office"])
        #expect(org.posts["cfo"]?.isStaff == false)
        // The assistant serves the company's head by the implied line; the chief of staff, who
        // heads a unit of their own, serves the head of the unit above.
        let index = OrgIndex(org)
        #expect(index.superior(of: "pa")?.post == "head.co")
        #expect(index.superior(of: "head.office")?.post == "head.co")

        let yaml = OrgFile.yaml(org)
        #expect(yaml.contains("staff: true"))
        let json = OrgFile.json(org)
        #expect(json.contains("\"staff\": true"))
        #expect(try OrgFile.parse(yaml, file: "o.yaml").org == org)
        #expect(try OrgFile.parse(json, file: "o.json").org == org)
        // The core's own writer (what `export --to json` prints) keeps it too.
        let core = OrgCore(org)
        #expect(try OrgFile.parse(OrgFile.json(core), file: "c.json").org == org)
    }

    @Test func theDiffSaysWhenAPostBecomesStaffAndTheChangeAppliesBothWays() throws {
        let old = try parseOrg(Self.office).org
        var new = old
        new.posts["pa"]?.isStaff = false
        new.posts["cfo"]?.isStaff = true
        let changeset = new.difference(from: old)
        #expect(changeset.changes.map(\.op) == [
            .setAttribute(target: "pa", attribute: "staff", from: .text("true"), to: .text("false")),
            .setAttribute(target: "cfo", attribute: "staff", from: .text("false"), to: .text("true")),
        ])
        #expect(try old.applying(changeset).normalized() == new.normalized())
        #expect(try new.applying(changeset.inverted()).normalized() == old.normalized())
        #expect(try ChangesetFile.parse(ChangesetFile.yaml(changeset), file: "c.yaml") == changeset)
        let text = DiffFormatter(diff: OrgDiff(from: old, to: new), language: .en, from: "a", to: "b").text()
        #expect(text.contains("~ post Assistant ['pa'] is no longer a staff post\n"), "\(text)")
        #expect(text.contains("~ post CFO ['cfo'] is now a staff post\n"))

        // A staff post added or removed says so, and the record carries the field.
        var hired = old
        hired.people["di"] = Person(id: "di", name: LocalizedText(["en": "Di"]))
        hired.posts["pa2"] = Post(id: "pa2", title: LocalizedText(["en": "Assistant"]), unit: "co", isStaff: true, holders: ["di"])
        let added = hired.difference(from: old)
        #expect(added.changes.map(\.op).contains(.addPost(hired.posts["pa2"]!)))
        let addedText = DiffFormatter(diff: OrgDiff(from: old, to: hired), language: .en, from: "a", to: "b").text()
        #expect(addedText.contains("+ staff post Assistant ['pa2'] held by Di"), "\(addedText)")
        #expect(try ChangesetFile.parse(ChangesetFile.yaml(added), file: "c.yaml") == added)
    }

    @Test func aStaffPostThatServesNoOneIsAnErrorAtItsPlace() {
        #expect(diagnostics(of: """
            units: [{id: co, name: Company}]
            posts:
              - {id: adviser, title: Adviser, unit: co, staff: true, holders: a}
            people: [{id: a, name: A}]
            """) == [
            "test.yaml:3:5: error: staff post 'adviser' serves no one: it has no solid line, written or implied by its unit; give it 'reportsTo' the post it serves, or leave out 'staff'",
        ])
        #expect(diagnostics(of: """
            units: [{id: co, name: Company, head: {holders: a, staff: maybe}}]
            people: [{id: a, name: A}]
            """) == ["test.yaml:1:59: error: expected 'staff' to be true or false, found 'maybe'"])
    }

    @Test func graphExportsMarkStaffPosts() throws {
        let org = try parseOrg(Self.office).org
        let cypher = org.exported(as: .cypher)
        #expect(cypher.contains("MERGE (:Post {id: 'pa', name_en: 'Assistant', head: false, staff: true});"), "\(cypher)")
        #expect(cypher.contains("MERGE (:Post {id: 'cfo', name_en: 'CFO', head: false});"))
        let graphml = org.exported(as: .graphml)
        #expect(graphml.components(separatedBy: "<data key=\"staff\">true</data>").count - 1 == 2)
    }
}
