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
            A CSV org is held as a column table, so a million people load in seconds.
            """)

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String
    @OptionGroup var batch: BatchOptions
    @OptionGroup var input: OrgOptions

    /// Words of a line, double quotes grouping words with spaces.
    static func words(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quoted = false
        for character in line {
            if character == "\"" { quoted.toggle(); continue }
            if character.isWhitespace, !quoted {
                if !current.isEmpty { words.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    func run() throws {
        let lines = try batch.lines()
        guard !lines.isEmpty else { throw ValidationError("give the questions with --input FILE (or - for standard input)") }
        let source = try loadQuerySource(org, asOf: input.asOf, quiet: input.quiet)
        var results: [JSONValue] = []
        for line in lines {
            let words = Self.words(line)
            var pairs: [(String, JSONValue)] = [("query", .string(line))]
            switch (words.first, words.count) {
            case ("chain", 2):
                let (post, person) = try resolve(words[1], in: source)
                let chain = source.chain(from: post, holder: person)
                if case .object(let inner) = ChainFormatter(org: source.org(for: chain.map(\.post))).json(chain) { pairs += inner }
            case ("reports", 2):
                let (post, person) = try resolve(words[1], in: source)
                let reports = source.reports(of: post, depth: 1, includeDotted: false)
                if case .object(let inner) = QueryFormatter(org: source.org(for: [post] + reports.map(\.post))).reportsJSON(of: post, person: person, reports) { pairs += inner }
            case ("common", 3):
                let a = try resolve(words[1], in: source)
                let b = try resolve(words[2], in: source)
                if let common = source.common(a, b),
                    case .object(let inner) = QueryFormatter(org: source.org(for: common.firstChain.map(\.post) + common.secondChain.map(\.post))).commonJSON(common)
                {
                    pairs += inner
                } else {
                    pairs.append(("manager", .null))
                }
            default:
                Output.printError("error: cannot read the question '\(line)'; ask 'chain WHO', 'reports WHO' or 'common A B'")
                throw ExitCode(64)
            }
            results.append(.object(pairs))
        }
        Output.print(JSONValue.object([("results", .array(results))]).rendered())
    }
}
