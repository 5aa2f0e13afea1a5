import ArgumentParser
import Foundation
import OrgGraph

struct Apply: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Apply changesets to an org and print or write the result.",
        discussion: """
            Changesets apply in the order given. Each change checks that the org is as it expects \
            (its pre-image); the first that does not fit stops everything and nothing is written. \
            The result is validated. It is written atomically; the input org is never overwritten.
            """)

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String

    @Argument(help: "Changeset files, applied in order.")
    var changesets: [String]

    @Option(name: .shortAndLong, help: "Write the result here instead of printing it.")
    var output: String?

    @OptionGroup var input: OrgOptions
    @Flag(name: .customLong("in-place"), help: "Replace the org file itself with the result (atomically).")
    var inPlace = false

    func validate() throws {
        if changesets.isEmpty { throw ValidationError("give at least one changeset") }
        if inPlace, output != nil { throw ValidationError("--in-place and -o do not go together") }
    }

    func run() throws {
        var result = try loadOrg(org, asOf: input.asOf, quiet: input.quiet).org
        let inputPath = try OrgReference(parsing: org).path
        var output = self.output
        if inPlace {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: inputPath, isDirectory: &isDirectory), !isDirectory.boolValue else {
                Output.printError("error: --in-place needs an org file, not a timeline folder")
                throw ExitCode(1)
            }
            output = inputPath
        } else if let output, ([inputPath] + changesets).contains(where: { Self.sameFile($0, output) }) {
            Output.printError("error: '\(output)' is one of the inputs; write the result to another file, or use --in-place")
            throw ExitCode(1)
        }
        try reporting { () throws(DiagnosticError) in
            for path in changesets {
                result = try result.applying(ChangesetFile.read(contentsOf: path))
            }
            let text = OrgFile.yaml(result)
            if let output { try AtomicFile.write(text, to: output) } else { Output.print(text) }
        }
    }

    static func sameFile(_ a: String, _ b: String) -> Bool {
        URL(fileURLWithPath: a).standardizedFileURL.resolvingSymlinksInPath() == URL(fileURLWithPath: b).standardizedFileURL.resolvingSymlinksInPath()
    }
}
