import ArgumentParser
import Foundation
import OrgGraph

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the JSON Schema of the org file or the changeset, for editors.",
        discussion: """
            The schemas (JSON Schema draft 2020-12) are made from the readers' own lists of keys; \
            Graphs/schemas/ holds them. An editor with the YAML language server checks and completes \
            a file that starts with '# yaml-language-server: $schema=PATH'. The schema is an aid: \
            'validate' checks everything else (references, dates, cycles) and is the authority.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case org, changeset
    }

    @Argument(help: "org or changeset.")
    var kind: Kind

    @Option(name: .shortAndLong, help: "Write the schema here instead of printing it.")
    var output: String?

    func run() throws {
        let text = Schemas.text(kind == .org ? .org : .changeset)
        try writeResult(text, to: output, inputs: [])
    }
}
