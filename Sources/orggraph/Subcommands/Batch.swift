import ArgumentParser
import Foundation
import OrgGraph

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer many chain, reports and common questions with one load of the org.",
        discussion: """
            Each line of the input is a question: 'chain WHO', 'reports WHO' or 'common A B' \
            (names with spaces in double quotes). The answers come as one JSON document, \
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
        let inputName = batch.input == "-" ? "standard input" : batch.input ?? ""
        let questions: OrgGraph.Batch
        do throws(OrgGraph.Batch.Problem) {
            questions = try OrgGraph.Batch(lines: lines, source: source)
        } catch {
            switch error {
            case .unreadable:
                Output.printError("error: " + error.message(input: inputName))
                throw ExitCode(64)
            case .name(_, _, let diagnostics):
                Output.report(diagnostics.diagnostics)
                Output.printError("note: " + error.message(input: inputName))
                throw ExitCode(1)
            }
        }
        questions.answer(from: source) { Output.print(String(decoding: $0, as: UTF8.self)) }
        Output.end()
    }
}
