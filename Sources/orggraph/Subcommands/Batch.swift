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

    /// A question, its names resolved.
    enum Question {
        typealias Who = (post: PostID, person: PersonID?)
        case chain(Who)
        case reports(Who)
        case common(Who, Who)
    }

    func run() throws {
        let lines = try batch.numberedLines()
        guard !lines.isEmpty else { throw ValidationError("give the questions with --input FILE (or - for standard input)") }
        let source = try loadQuerySource(org, asOf: input.asOf, quiet: input.quiet)
        // Every question is read and its names found first, so that a bad one stops the batch
        // before any answer is written, with its line.
        let inputName = batch.input == "-" ? "standard input" : batch.input ?? ""
        var questions: [Question] = []
        questions.reserveCapacity(lines.count)
        for (number, line) in lines {
            let words = Self.words(line)
            do {
                switch (words.first, words.count) {
                case ("chain", 2): questions.append(Question.chain(try resolve(words[1], in: source)))
                case ("reports", 2): questions.append(Question.reports(try resolve(words[1], in: source)))
                case ("common", 3): questions.append(Question.common(try resolve(words[1], in: source), try resolve(words[2], in: source)))
                default:
                    Output.printError("error: \(inputName), line \(number): cannot read the question '\(line)'; ask 'chain WHO', 'reports WHO' or 'common A B'")
                    throw ExitCode(64)
                }
            } catch let exit as ExitCode where exit != ExitCode(64) {
                Output.printError("note: in the question on line \(number) of \(inputName): '\(line)'")
                throw exit
            }
        }
        // The answers are written as they are found: memory does not grow with their number.
        JSONValue.writeObject(key: "results", count: questions.count, to: { Output.print(String(decoding: $0, as: UTF8.self)) }) { index in
            var pairs: [(String, JSONValue)] = [("query", .string(lines[index].text))]
            switch questions[index] {
            case .chain(let (post, person)):
                let chain = source.chain(from: post, holder: person)
                if case .object(let inner) = ChainFormatter(org: source.org(for: chain.map(\.post))).json(chain) { pairs += inner }
            case .reports(let (post, person)):
                let reports = source.reports(of: post, depth: 1, includeDotted: false)
                if case .object(let inner) = QueryFormatter(org: source.org(for: [post] + reports.map(\.post))).reportsJSON(of: post, person: person, reports) { pairs += inner }
            case .common(let a, let b):
                if let common = source.common(a, b),
                    case .object(let inner) = QueryFormatter(org: source.org(for: common.firstChain.map(\.post) + common.secondChain.map(\.post))).commonJSON(common)
                {
                    pairs += inner
                } else {
                    pairs.append(("manager", .null))
                }
            }
            return .object(pairs)
        }
    }
}
