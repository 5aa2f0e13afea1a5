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

    /// A question, its names resolved to rows of the core (a million questions are held at once).
    enum Question {
        /// A post's row and its person's row, -1 for none.
        struct Who {
            var post: Int32
            var person: Int32

            init(_ resolved: (post: PostID, person: PersonID?), in core: OrgCore) {
                post = Int32(core.element(resolved.post.rawValue)!.row)
                person = resolved.person.map { Int32(core.element($0.rawValue)!.row) } ?? -1
            }

            func ids(in core: OrgCore) -> (post: PostID, person: PersonID?) {
                (PostID(core.postIDs[Int(post)]), person >= 0 ? PersonID(core.personIDs[Int(person)]) : nil)
            }
        }

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
                case ("chain", 2): questions.append(.chain(.init(try resolve(words[1], in: source), in: source.core)))
                case ("reports", 2): questions.append(.reports(.init(try resolve(words[1], in: source), in: source.core)))
                case ("common", 3):
                    questions.append(.common(.init(try resolve(words[1], in: source), in: source.core), .init(try resolve(words[2], in: source), in: source.core)))
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
            case .chain(let who):
                let (post, person) = who.ids(in: source.core)
                let chain = source.chain(from: post, holder: person)
                if case .object(let inner) = ChainFormatter(org: source.org(for: chain.map(\.post))).json(chain) { pairs += inner }
            case .reports(let who):
                let (post, person) = who.ids(in: source.core)
                let reports = source.reports(of: post, depth: 1, includeDotted: false)
                if case .object(let inner) = QueryFormatter(org: source.org(for: [post] + reports.map(\.post))).reportsJSON(of: post, person: person, reports) { pairs += inner }
            case .common(let a, let b):
                if let common = source.common(a.ids(in: source.core), b.ids(in: source.core)),
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
