import ArgumentParser
import Foundation
import OrgGraph

struct Invert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the changeset that undoes a changeset.",
        discussion: "Applying a changeset and then its inverse gives back the original org.")

    @Argument(help: "A changeset file.")
    var changeset: String

    @Option(name: .shortAndLong, help: "Write the inverse here instead of printing it.")
    var output: String?

    func run() throws {
        if let output { try FileKind.yaml.check(output: output) }
        let text = ChangesetFile.yaml(try ChangesetFile.read(contentsOf: changeset).inverted())
        try writeResult(text, to: output, inputs: [changeset])
    }
}
