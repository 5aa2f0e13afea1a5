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
        try reporting { () throws(DiagnosticError) in
            if let output, Apply.sameFile(output, changeset) {
                throw DiagnosticError(.error("'\(output)' is the input; write the inverse to another file", at: nil))
            }
            let text = ChangesetFile.yaml(try ChangesetFile.read(contentsOf: changeset).inverted())
            if let output { try AtomicFile.write(text, to: output) } else { Output.print(text) }
        }
    }
}
