import ArgumentParser
import Foundation
import OrgGraph

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check org files and timelines, printing every problem as file:line:column.",
        discussion: "A folder is checked snapshot by snapshot. Exits 0 when there is no error (warnings allowed), 1 otherwise.")

    @Argument(help: "Org files, timeline folders, or PATH@DATE.")
    var paths: [String]

    func run() throws {
        var failed = false
        for path in paths {
            let (diagnostics, checked) = Self.check(path)
            Output.report(diagnostics)
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            if errors > 0 { failed = true }
            let what = checked == 1 ? "1 file" : "\(checked) files"
            Output.print("\(path): \(what), \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        }
        if failed { throw ExitCode(1) }
    }

    /// Every diagnostic of one argument and the number of files read.
    /// - Parameter generalLimit: the size above which a JSON org that the JSON scanner does not
    ///   take is not read again by the general reader (its limit when nil).
    static func check(_ argument: String, generalLimit: Int? = nil) -> ([Diagnostic], Int) {
        do {
            let reference = try OrgReference(parsing: argument)
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
                return (diagnostics, timeline.snapshots.count)
            }
            return (try reference.loadCore(generalLimit: generalLimit).warnings, 1)
        } catch {
            return (error.diagnostics, 1)
        }
    }
}
