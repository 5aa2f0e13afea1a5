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

    @Flag(name: .long, help: "Print JSON for scripts; the same as --format json.")
    var json = false

    @OptionGroup var progress: QuietOption

    func validate() throws {
        guard versions.count == 2 || versions.count == 7 else {
            throw ValidationError("give two versions, A and B")
        }
        if json, format != .text, format != .json { throw ValidationError("--json and --format \(format.rawValue) do not go together") }
    }

    func run() throws {
        // On a terminal, what a long diff is doing once loading is over (loading shows its own).
        let line = Progress(quiet: progress.quiet)
        defer { line.finish() }
        let (old, new, fromLabel, toLabel): (OrgCore, OrgCore, String, String)
        if versions.count == 7 {
            // git: path old-file old-hex old-mode new-file new-hex new-mode
            let path = versions[0]
            old = try Self.gitSide(versions[1])
            new = try Self.gitSide(versions[4])
            (fromLabel, toLabel) = ("a/\(path)", "b/\(path)")
        } else {
            let sources = try loadQuerySources(versions, quiet: progress.quiet)
            (old, new) = (sources[0].core, sources[1].core)
            (fromLabel, toLabel) = (versions[0], versions[1])
        }
        line.update("comparing \(fromLabel) with \(toLabel): \(new.peopleCount) people")
        let diff = OrgDiff(from: old, to: new)
        line.update("writing \(diff.changeset.changes.count) changes")
        let text: String
        switch json ? .json : format {
        case .text: text = DiffFormatter(diff: diff, language: lang, from: fromLabel, to: toLabel).text()
        case .json: text = DiffFormatter(diff: diff, language: lang, from: fromLabel, to: toLabel).json().rendered()
        case .changeset: text = ChangesetFile.yaml(diff.changeset)
        }
        line.finish()
        Output.show(text, json: json || format != .text)
    }

    /// One side of a git diff: `/dev/null` for a file that does not exist on that side.
    static func gitSide(_ path: String) throws -> OrgCore {
        if path == "/dev/null" { return OrgCore() }
        return try loadQuerySource(path, asOf: nil, quiet: false).core
    }
}

