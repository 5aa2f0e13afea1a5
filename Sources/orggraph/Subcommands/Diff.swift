import ArgumentParser
import Foundation
import OrgGraph

struct Diff: ParsableCommand {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, changeset
    }

    static let configuration = CommandConfiguration(
        abstract: "Show how an org changed between two versions, as typed changes.",
        discussion: """
            Elements are matched by id, then (where ids differ, as between two HR exports) by names, \
            titles and place in the tree. --format changeset writes a changeset that 'apply' turns \
            A into B with.
            As a git external diff, git passes seven arguments (path, old file, old hash, old mode, \
            new file, new hash, new mode); see the README.
            """)

    @Argument(help: "The old and new versions (each a file, a timeline folder or PATH@YYYY-MM-DD).")
    var versions: [String]

    @Option(name: .long, help: "text, json or changeset.")
    var format: Format = .text

    @Option(name: .long, help: "Languages for names: zh, en or both.")
    var lang: LanguagePreference = .both

    func validate() throws {
        guard versions.count == 2 || versions.count == 7 else {
            throw ValidationError("give two versions, A and B")
        }
    }

    func run() throws {
        let (old, new, fromLabel, toLabel): (Org, Org, String, String)
        if versions.count == 7 {
            // git: path old-file old-hex old-mode new-file new-hex new-mode
            let path = versions[0]
            old = try Self.gitSide(versions[1])
            new = try Self.gitSide(versions[4])
            (fromLabel, toLabel) = ("a/\(path)", "b/\(path)")
        } else if versions.allSatisfy({ $0.lowercased().hasSuffix(".csv") }) {
            try Self.tableDiff(versions[0], versions[1], format: format)
            return
        } else {
            old = try loadOrg(versions[0]).org
            new = try loadOrg(versions[1]).org
            (fromLabel, toLabel) = (versions[0], versions[1])
        }
        let diff = OrgDiff(from: old, to: new)
        switch format {
        case .text:
            Output.print(DiffFormatter(diff: diff, language: lang, from: fromLabel, to: toLabel).text())
        case .json:
            Output.print(DiffFormatter(diff: diff, language: lang, from: fromLabel, to: toLabel).json().rendered())
        case .changeset:
            Output.print(ChangesetFile.yaml(diff.changeset))
        }
    }

    /// Two CSV orgs, compared as column tables: the path for orgs of millions of people.
    static func tableDiff(_ a: String, _ b: String, format: Format) throws {
        let progress = Progress(quiet: false)
        defer { progress.finish() }
        // The two files are read side by side, one a core.
        let results = Slots<PeopleTable>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { slot in
            let path = slot == 0 ? a : b
            let loaded = Result { () throws(DiagnosticError) -> PeopleTable in
                try PeopleTable.load(csv: path) { rows in if slot == 0 { progress.update("reading: \(rows) rows") } }
            }
            results.set(slot, loaded)
        }
        let loaded = Result { () throws(DiagnosticError) in (try results.get(0), try results.get(1)) }
        guard case .success(let (old, new)) = loaded else {
            if case .failure(let error) = loaded { Output.report(error.diagnostics) }
            throw ExitCode(1)
        }
        Output.report(old.warnings + new.warnings)
        progress.update("comparing \(old.count) and \(new.count) people")
        let diff = new.difference(from: old)
        progress.finish()
        let summary = "\(diff.changes.count) changes: \(diff.added) joined, \(diff.removed) left, \(diff.newManager) new managers, "
            + "\(diff.renamed) renamed, \(diff.retitled) retitled, \(diff.movedUnit) moved between units; "
            + "layers \(diff.layersBefore) → \(diff.layersAfter); \(diff.chainsChanged) reporting chains changed"
        switch format {
        case .json:
            Output.print(JSONValue.object([
                ("from", .object([("org", .string(a))])), ("to", .object([("org", .string(b))])),
                ("changes", .array(diff.changes.map(\.json))),
                ("impact", .object([
                    ("people", .object([("before", .int(old.count)), ("after", .int(new.count))])),
                    ("layers", .object([("before", .int(diff.layersBefore)), ("after", .int(diff.layersAfter))])),
                    ("chainsChanged", .int(diff.chainsChanged)),
                ])),
            ]).rendered())
        case .changeset:
            Output.print(ChangesetFile.yaml(Changeset(changes: diff.changes)))
        case .text:
            var counts: [String: Int] = [:]
            for change in diff.changes { counts[change.op.name, default: 0] += 1 }
            Output.print("\(a) (\(old.count) people) → \(b) (\(new.count) people)\n"
                + counts.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)" }.joined(separator: "\n") + "\n" + summary + "\n")
        }
    }

    /// One side of a git diff: `/dev/null` for a file that does not exist on that side.
    static func gitSide(_ path: String) throws -> Org {
        if path == "/dev/null" { return Org() }
        return try loadOrg(path).org
    }
}

