import ArgumentParser
import Foundation
import OrgGraph

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer many chain, reports and common questions with one load of the org.",
        discussion: """
            Each line of the input is a question: 'chain WHO', 'reports WHO' or 'common A B' \
            (names with spaces in double quotes); a line that starts with # is a comment. The answers come as one JSON document, \
            {"results": [{"query", ...}]}, in input order, each shaped as the command's own --json. \
            A million people load in about a second from CSV, and in a fraction of that from an index file ('orggraph index').
            """)

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String
    @OptionGroup var batch: BatchOptions
    @OptionGroup var input: OrgOptions

    func run() throws {
        let lines = try batch.numberedLines()
        guard !lines.isEmpty else { throw ValidationError("give the questions with --input FILE (or - for standard input)") }
        let source = try loadQuerySource(org, asOf: input.asOf, quiet: input.quiet)
        let questions: OrgGraph.Batch
        do throws(OrgGraph.Batch.Problem) {
            questions = try OrgGraph.Batch(lines: lines, source: source)
        } catch {
            throw error.diagnostics(input: batch.inputName)
        }
        // Written as they are found; a standard output that cannot take them stops the writing.
        var failed: DiagnosticError?
        questions.answer(from: source) { bytes in
            guard failed == nil else { return }
            do throws(DiagnosticError) { try Output.print(String(decoding: bytes, as: UTF8.self)) } catch { failed = error }
        }
        if let failed { throw failed }
        Output.end()
    }
}
