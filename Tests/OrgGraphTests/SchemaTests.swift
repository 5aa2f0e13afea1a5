import Foundation
import Testing

@testable import OrgGraph

/// The JSON Schemas ship in Graphs/schemas as the code makes them, so that a key added to or
/// taken from a reader's list without the shipped schema following fails here; what they accept
/// is checked with a real validator by scripts/schema-check.sh.
@Suite struct SchemaTests {
    @Test(arguments: Schemas.Kind.allCases)
    func theShippedSchemaIsTheOneTheCodeMakes(_ kind: Schemas.Kind) throws {
        let shipped = try String(contentsOfFile: Paths.repository.appendingPathComponent("Graphs/schemas/" + kind.fileName).path, encoding: .utf8)
        #expect(shipped == Schemas.text(kind), "run 'orggraph schema \(kind.rawValue) -o Graphs/schemas/\(kind.fileName)'")
    }

    /// Every key a reader takes is a property of the schema, and no other.
    @Test func theSchemaKnowsExactlyTheReadersKeys() throws {
        func properties(_ schema: JSONValue, _ path: [String]) -> [String] {
            var node = schema
            for key in path {
                guard case .object(let pairs) = node, let next = pairs.first(where: { $0.0 == key })?.1 else { return [] }
                node = next
            }
            guard case .object(let pairs) = node else { return [] }
            return pairs.map(\.0)
        }
        let org = Schemas.schema(.org)
        #expect(properties(org, ["properties"]) == OrgJSONReader.topKeys)
        for (definition, keys) in [("unit", OrgJSONReader.unitKeys), ("post", OrgJSONReader.postKeys), ("person", OrgJSONReader.personKeys),
                                   ("head", OrgJSONReader.headKeys)] {
            #expect(properties(org, ["$defs", definition, "properties"]) == keys, "\(definition)")
        }
        let changeset = Schemas.schema(.changeset)
        #expect(properties(changeset, ["properties"]) == ChangesetParser.topKeys)
        #expect(properties(changeset, ["$defs", "change", "properties"]) == ChangesetParser.commonKeys)
    }

    /// The shipped files name their schema for the YAML language server.
    @Test func theKuaishouFilesNameTheirSchema() throws {
        let timeline = try Timeline(folder: Paths.kuaishou)
        for path in timeline.snapshots.map(\.path) + timeline.changesetPaths {
            let first = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").first.map(String.init)
            let schema = path.contains("/changes/") ? "../../schemas/changeset.schema.json" : "../schemas/org.schema.json"
            #expect(first == "# yaml-language-server: $schema=\(schema)", "\(path)")
            let resolved = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(schema)
            #expect(FileManager.default.fileExists(atPath: resolved), "\(resolved)")
        }
    }
}
