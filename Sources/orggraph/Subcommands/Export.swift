import ArgumentParser
import Foundation
import OrgGraph

extension ExportFormat: ExpressibleByArgument {}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an org as normalised JSON, CSV, GraphML, Mermaid, W3C ORG Turtle or Cypher.",
        discussion: "User text is escaped for each format, so that it reads back as written. CSV cells that a spreadsheet would run as formulas get a leading apostrophe, which 'import csv' removes. A character a format cannot hold (NUL in CSV; most control characters and U+FFFE, U+FFFF in GraphML and Mermaid) is left out, with a warning naming the field.")

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String
    @Option(name: .long, help: "json, csv, graphml, mermaid, turtle or cypher.")
    var to: ExportFormat
    @Option(name: .shortAndLong, help: "The file to write; standard output when left out.")
    var output: String?
    @Option(name: .long, help: "With --to turtle: changesets to describe as org:ChangeEvent.")
    var changeset: [String] = []
    @OptionGroup var input: OrgOptions

    func run() throws {
        if let output { try FileKind(rawValue: to.rawValue)!.check(output: output, chosenBy: "--to \(to.rawValue)") }
        if to == .json {
            // Written from the core, element by element: no value model of the whole org.
            let pieces = OrgFile.jsonPieces(try loadQuerySource(org, asOf: input.asOf, quiet: input.quiet).core)
            return try writeResult(pieces: pieces, to: output, inputs: [org] + changeset)
        }
        let loaded = try loadOrg(org, asOf: input.asOf, quiet: input.quiet)
        let changesets = try changeset.map { path throws(DiagnosticError) in try ChangesetFile.read(contentsOf: path) }
        let exported = loaded.org.export(as: to, changesets: changesets)
        // Characters the format cannot hold are left out, each field said.
        for loss in exported.losses { Output.printError("warning: \(loss)") }
        try writeResult(exported.text, to: output, inputs: [org] + changeset)
        Output.end()
    }
}
