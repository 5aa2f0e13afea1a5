import ArgumentParser
import Foundation
import OrgGraph

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply changesets to an org and print or write the result.",
        discussion: """
            Changesets apply in the order given. Each change checks that the org is as it expects \
            (its pre-image); the first that does not fit stops everything and nothing is written. \
            The result is validated, then written as JSON to a .json file and as YAML otherwise. \
            -o never overwrites an input; --in-place locks the file from reading to writing, so \
            runs at once keep every change.
            """)

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String

    @Argument(help: "Changeset files, applied in order.")
    var changesets: [String]

    @Option(name: .shortAndLong, help: "Write the result here instead of printing it.")
    var output: String?

    @OptionGroup var input: OrgOptions
    @Flag(name: .customLong("in-place"), help: "Replace the org file itself with the result (atomically, under a lock).")
    var inPlace = false

    func validate() throws {
        if changesets.isEmpty { throw ValidationError("give at least one changeset") }
        if inPlace, output != nil { throw ValidationError("--in-place and -o do not go together") }
    }

    func run() throws {
        let inputPath = try OrgReference(parsing: org).path
        var lock: FileLock?
        if inPlace {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: inputPath, isDirectory: &isDirectory), !isDirectory.boolValue else {
                throw DiagnosticError(.error("--in-place needs an org file, not a timeline folder", at: nil))
            }
            // Held from before the file is read until the result replaces it.
            lock = try FileLock(inputPath)
        }
        let target = inPlace ? inputPath : output
        if let target { _ = try OrgFile.format(ofOutput: target) }
        var result = try loadOrg(org, asOf: input.asOf, quiet: input.quiet).org
        for path in changesets {
            result = try result.applying(ChangesetFile.read(contentsOf: path))
        }
        if inPlace { try Self.checkSnapshotName(inputPath, asOf: result.asOf) }
        let text = try OrgFile.text(result, forOutput: target ?? "-")
        try writeResult(text, to: target, inputs: inPlace ? changesets : [org] + changesets)
        withExtendedLifetime(lock) {}
    }

    /// A timeline snapshot is named after its day: the result of a change on another day is a new
    /// snapshot, not this file with another date inside.
    static func checkSnapshotName(_ path: String, asOf: Day?) throws(DiagnosticError) {
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let day = Day(name), let asOf, asOf != day else { return }
        let folder = (path as NSString).deletingLastPathComponent
        let next = (folder.isEmpty ? "" : folder + "/") + "\(asOf)." + (path as NSString).pathExtension
        throw DiagnosticError(.error("'\(path)' is the snapshot of \(day), and the result is as of \(asOf); write it as a new snapshot with -o '\(next)'", at: nil))
    }
}
