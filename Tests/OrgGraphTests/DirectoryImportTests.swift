import Foundation
import Testing

@testable import OrgGraph

/// People from directories (SCIM 2.0 Users, LDIF) and from d3-org-chart's CSV: the fixtures
/// are written here; each goes through the HR import's rules.
@Suite struct DirectoryImportTests {
    static func fixture(_ name: String) -> String { Paths.fixtures.appendingPathComponent("directory/\(name)").path }
    static func scimOrg() throws -> Org { try DirectoryImport.scim(file: fixture("users.scim.json")).org }

    @Test func scimUsersWithTheirManagersAndDepartments() throws {
        let result = try DirectoryImport.scim(file: Self.fixture("users.scim.json"))
        // The inactive user is left out, said at the line their entry starts on.
        #expect(result.warnings.map { $0.description.replacingOccurrences(of: Self.fixture("users.scim.json"), with: "users.scim.json") } == [
            "users.scim.json:39:5: warning: user 'u-eli' is not active; left out",
        ])
        let org = result.org
        #expect(org.people.keys.map(\.rawValue) == ["u-ada", "u-bo", "u-chen", "u-dee"])
        // displayName, name.formatted, given and family names, userName.
        #expect(org.people.values.map { $0.name.display(.en) } == ["Ada Moreau", "Bo Lindqvist", "Chen Wei", "dee@example.org"])
        // The primary email, not the first.
        #expect(org.people["u-bo"]?.attributes["email"] == "bo@example.org")
        #expect(org.posts["post.u-chen"]?.reportsTo?.to == "post.u-bo")
        #expect(org.posts["post.u-bo"]?.title.display(.en) == "Head of Engineering")
        // The unit tree: Bo heads Engineering, under Executive.
        #expect(org.posts["post.u-bo"]?.isHead == true && org.units["u.engineering"]?.parent == "u.executive")
    }

    @Test func ldifPeopleFromTheirDNs() throws {
        let result = try DirectoryImport.ldif(file: Self.fixture("people.ldif"))
        #expect(result.warnings.isEmpty, "\(result.warnings)")
        let org = result.org
        // uid, else the DN's first value made one word; the organisation and the unit are no people.
        #expect(org.people.keys.map(\.rawValue) == ["ada", "bo", "chen", "dee-okafor"])
        // A base64 value, and a line continued on the next.
        #expect(org.people["bo"]?.name.display(.en) == "Bo Lindqvist 林博")
        #expect(org.posts["post.chen"]?.title.display(.en) == "Engineer with a title long enough to be folded onto a second line")
        // Managers by DN, spaces after the commas or not.
        #expect(org.posts["post.bo"]?.reportsTo?.to == "post.ada")
        #expect(org.posts["post.dee-okafor"]?.reportsTo?.to == "post.bo")
        #expect(org.posts["post.bo"]?.isHead == true && org.units["u.engineering"]?.parent == "u.executive")
    }

    @Test func directoryErrorsAreLocated() throws {
        func problem(_ text: String, ldif: Bool) throws -> String {
            let path = try CSVTests.write(Data(text.utf8))
            do {
                _ = ldif ? try DirectoryImport.ldif(file: path) : try DirectoryImport.scim(file: path)
                return ""
            } catch {
                return error.diagnostics.map(\.description).joined(separator: "\n").replacingOccurrences(of: path, with: "x")
            }
        }
        #expect(try problem("[{\"id\": \"a\",}]", ldif: false) == "x:1:13: error: a comma before '}' is not allowed in JSON; remove it")
        #expect(try problem("{\"totalResults\": 0}", ldif: false) == "x:1:1: error: a SCIM ListResponse has its users in 'Resources'; this object has none")
        #expect(try problem("[]", ldif: false) == "x:1:1: error: no people found in the file")
        #expect(try problem("dn: uid=a,dc=x\nuid: a\nnot an attribute\n", ldif: true) == "x:3:1: error: expected 'attribute: value', found no ':'")
        #expect(try problem(" continued\n", ldif: true) == "x:1:1: error: a line that starts with a space continues the one before, but there is none")
        #expect(try problem("dn: uid=a,dc=x\nuid: a\ncn:: ***\n", ldif: true) == "x:3:5: error: the value of 'cn' is not base64 of UTF-8 text")
        // A manager who is not in the file: a warning at the line, and no line up.
        let path = try CSVTests.write(Data("dn: uid=a,dc=x\nuid: a\nmanager: uid=z,dc=x\n".utf8))
        let result = try DirectoryImport.ldif(file: path)
        #expect(result.warnings.map { $0.description.replacingOccurrences(of: path, with: "x") } == ["x:3:1: warning: manager 'uid=z,dc=x' of 'a' is not an entry of this file; 'a' is left without a manager"])
    }

    /// d3-org-chart's CSV: id, parentId, name and positionName as the title.
    @Test func d3OrgChartCSV() throws {
        let path = Self.fixture("d3-org-chart.csv")
        let result = try HRImport(file: path).run(CSVReader(file: path).read())
        let org = result.org
        #expect(org.posts["post.3"]?.reportsTo?.to == "post.2")
        #expect(org.posts["post.2"]?.title.display(.en) == "CTO")
        #expect(result.warnings.map(\.message) == ["import csv does not read columns 'imageUrl', 'area'; they are ignored (give a column a field with --map COLUMN=FIELD)"])
    }
}
