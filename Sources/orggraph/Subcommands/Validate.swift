import ArgumentParser
import Foundation
import OrgGraph

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check org files and timelines, printing every problem as file:line:column.",
        discussion: """
            A folder is checked snapshot by snapshot; then each changeset in its 'changes' folder must, applied to the \
            snapshot before the day it takes effect, give that day's snapshot. A changeset file (in a 'changes' folder, \
            or with 'changes' and no 'units', 'posts' or 'people') is checked as a changeset. Exits 0 when there is no \
            error (warnings allowed), 1 otherwise.
            """)

    @Argument(help: "Org files, timeline folders, or PATH@DATE.")
    var paths: [String]

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, sarif, github
    }

    @Option(name: .long, help: """
        text; json ({"results": [{"path", "files", "errors", "warnings", "diagnostics"}]}); sarif (SARIF 2.1.0, for code \
        scanning); github (workflow commands that annotate a pull request).
        """)
    var format: Format = .text

    @Flag(name: .long, help: "Print the diagnostics as JSON for scripts; the same as --format json.")
    var json = false

    func validate() throws {
        if json, format != .text, format != .json { throw ValidationError("--json and --format \(format.rawValue) do not go together") }
    }

    @OptionGroup var input: OrgOptions

    func run() throws {
        let format = json ? .json : format
        var failed = false
        var results: [JSONValue] = []
        var all: [Diagnostic] = []
        for path in paths {
            let (diagnostics, checked) = Self.check(try orgReference(path, asOf: input.asOf), quiet: input.quiet)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            if errors > 0 { failed = true }
            all += diagnostics
            if format == .sarif || format == .github { continue }
            if format == .json {
                results.append(.object([
                    ("path", .string(path)), ("files", .int(checked)), ("errors", .int(errors)), ("warnings", .int(warnings)),
                    ("diagnostics", .array(diagnostics.map(\.json))),
                ]))
                continue
            }
            Output.report(diagnostics)
            let what = checked == 1 ? "1 file" : "\(checked) files"
            try Output.show("\(path): \(what), \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        }
        switch format {
        case .json: try Output.print(JSONValue.object([("results", .array(results))]).rendered())
        case .sarif: try Output.print(DiagnosticReport.sarif(all, toolVersion: OrgGraphCommand.configuration.version).rendered())
        case .github: try Output.show(DiagnosticReport.github(all))
        case .text: break
        }
        Output.end(status: failed ? 1 : 0)
    }

    /// Every diagnostic of one argument and the number of files read.
    static func check(_ argument: String) -> ([Diagnostic], Int) {
        do {
            return check(try OrgReference(parsing: argument))
        } catch {
            return (error.diagnostics, 1)
        }
    }

    /// Every diagnostic of one org reference and the number of files read.
    static func check(_ reference: OrgReference, quiet: Bool = true) -> ([Diagnostic], Int) {
        let progress = Progress(quiet: quiet)
        defer { progress.finish() }
        do {
            var isDirectory: ObjCBool = false
            if reference.day == nil, FileManager.default.fileExists(atPath: reference.path, isDirectory: &isDirectory),
                isDirectory.boolValue
            {
                let timeline = try Timeline(folder: reference.path)
                var diagnostics: [Diagnostic] = []
                for snapshot in timeline.snapshots {
                    do {
                        diagnostics += try timeline.load(on: snapshot.day).warnings
                    } catch {
                        diagnostics += error.diagnostics
                    }
                }
                // The changesets between them, once every snapshot reads.
                let changesets = timeline.changesetPaths
                if !diagnostics.contains(where: { $0.severity == .error }) { diagnostics += timeline.checkChangesets(changesets) }
                return (diagnostics, timeline.snapshots.count + changesets.count)
            }
            if reference.day == nil, ChangesetFile.describes(reference.path) {
                _ = try ChangesetFile.read(contentsOf: reference.path)
                return ([], 1)
            }
            return (try reference.loadCore { progress.update($0) }.warnings, 1)
        } catch {
            return (error.diagnostics, 1)
        }
    }
}
