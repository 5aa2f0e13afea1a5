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

    @Flag(name: .long, help: "End each change's line with where the later version states it (text).")
    var sources = false

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
        let (old, new, fromLabel, toLabel): (QuerySource, QuerySource, String, String)
        var announced: Day?
        if versions.count == 7 {
            // git: path old-file old-hex old-mode new-file new-hex new-mode
            let path = versions[0]
            (fromLabel, toLabel) = ("a/\(path)", "b/\(path)")
            if ChangesetFile.describes(path) {
                // A changeset reads best as its own text: each side is checked as a changeset.
                for (side, label) in [(versions[1], fromLabel), (versions[4], toLabel)] where side != "/dev/null" {
                    do throws(DiagnosticError) {
                        _ = try ChangesetFile.read(contentsOf: side)
                    } catch {
                        let first = error.diagnostics.first { $0.severity == .error }?.description.replacingOccurrences(of: side, with: label)
                        Output.printError("note: \(first ?? "it does not read as a changeset")")
                    }
                }
                try Self.textDiff(versions[1], versions[4], labels: (fromLabel, toLabel))
                return
            }
            do throws(DiagnosticError) {
                old = try QuerySource(core: Self.gitSide(versions[1], named: fromLabel))
                new = try QuerySource(core: Self.gitSide(versions[4], named: toLabel))
            } catch {
                // A revision that is not an org must not stop `git log -p`: say so, show the text.
                Output.printError("note: \(error.diagnostics.first { $0.severity == .error }?.description ?? "it does not read"); "
                    + "showing a text diff of \(path)")
                try Self.textDiff(versions[1], versions[4], labels: (fromLabel, toLabel))
                return
            }
        } else {
            let sources = try loadQuerySources(versions, quiet: progress.quiet)
            (old, new) = (sources[0], sources[1])
            (fromLabel, toLabel) = (versions[0], versions[1])
            announced = Self.announced(versions[1], effective: new.core.asOf)
        }
        line.update("comparing \(fromLabel) with \(toLabel): \(new.core.peopleCount) people")
        // The text's chains are written while the changes are still being found.
        final class Early: @unchecked Sendable { var chainLines: [String]? }
        let early = Early()
        let language = lang
        var alongside: (@Sendable (Impact, QuerySource) -> Void)?
        if !json, format == .text {
            alongside = { impact, before in early.chainLines = DiffFormatter.chainLines(impact, before: before, after: new, language: language) }
        }
        let diff = OrgDiff(from: old, to: new, alongside: alongside)
        line.update("writing \(diff.changeset.changes.count) changes")
        let text: String
        switch json ? .json : format {
        case .text:
            text = DiffFormatter(diff: diff, language: lang, from: fromLabel, to: toLabel, sources: sources, announced: announced)
                .text(chainLines: early.chainLines)
        case .json: text = DiffFormatter(diff: diff, language: lang, from: fromLabel, to: toLabel, announced: announced).json().rendered()
        case .changeset:
            var changeset = diff.changeset
            changeset.announced = announced
            text = ChangesetFile.yaml(changeset)
        }
        line.finish()
        try Output.show(text, json: json || format != .text)
        Output.end()
    }

    /// When the later version is a timeline's state, the day its changeset (in `changes/`, taking
    /// effect on that state's date) says the change was announced, if another day.
    static func announced(_ argument: String, effective: Day?) -> Day? {
        guard let effective, let reference = try? OrgReference(parsing: argument) else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: reference.path, isDirectory: &isDirectory), isDirectory.boolValue,
            let timeline = try? Timeline(folder: reference.path),
            let announced = timeline.changesetsByDate()[effective]?.announced, announced != effective
        else { return nil }
        return announced
    }

    /// One side of a git diff: `/dev/null` for a file that does not exist on that side. Git
    /// passes a temporary copy; diagnostics name the file as the repository has it.
    static func gitSide(_ path: String, named name: String) throws(DiagnosticError) -> OrgCore {
        if path == "/dev/null" { return OrgCore() }
        func renamed(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
            diagnostics.map { diagnostic in
                var diagnostic = diagnostic
                if diagnostic.location?.file == path { diagnostic.location?.file = name }
                diagnostic.message = diagnostic.message.replacingOccurrences(of: path, with: name)
                for index in diagnostic.notes.indices where diagnostic.notes[index].location?.file == path {
                    diagnostic.notes[index].location?.file = name
                }
                return diagnostic
            }
        }
        do throws(DiagnosticError) {
            let (core, warnings, _) = try OrgReference(path: path).loadCore()
            Output.reportLoading(renamed(warnings), of: name)
            return core
        } catch {
            throw DiagnosticError(renamed(error.diagnostics))
        }
    }

    /// The two sides as `diff -u` shows them, for revisions that are not orgs.
    static func textDiff(_ old: String, _ new: String, labels: (String, String)) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", "--label", labels.0, "--label", labels.1, old, new]
        let out = Pipe()
        process.standardOutput = out
        do {
            try process.run()
        } catch {
            Output.printError("note: cannot run /usr/bin/diff: \(error.localizedDescription)")
            return
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try Output.print(String(decoding: data, as: UTF8.self))
    }
}

