/// Many questions answered with one load of an org: each line `chain WHO`, `reports WHO` or
/// `common A B` (names with spaces in double quotes). Every question is read and its names found
/// before the first answer, so that a bad one stops the batch with its line; the answers are then
/// written as they are found, so memory does not grow with their number (a question is held as
/// rows of the core, 16 bytes and its text).
public struct Batch: Sendable {
    /// Why a batch cannot start.
    public enum Problem: Error, Sendable {
        /// A line that is no question.
        case unreadable(line: Int, text: String)
        /// A name in a question that finds no one with a post.
        case name(line: Int, text: String, DiagnosticError)

        /// What to say, at the question's line of `input` (a path, or `<stdin>`): the problem,
        /// or for a name its own diagnostics with a note of the question it is in.
        public func diagnostics(input: String) -> DiagnosticError {
            switch self {
            case .unreadable(let line, let text):
                return DiagnosticError(.error("cannot read the question '\(text)'; ask 'chain WHO', 'reports WHO' or 'common A B'",
                                              at: SourceLocation(file: input, line: line, column: 1)))
            case .name(let line, let text, let found):
                return found.noting(Diagnostic.Note("in the question '\(text)'", at: SourceLocation(file: input, line: line, column: 1)))
            }
        }
    }

    /// A post's row and its person's row (-1 for none).
    struct Who: Sendable {
        var post: Int32
        var person: Int32

        func ids(in core: OrgCore) -> (post: PostID, person: PersonID?) {
            (PostID(core.postIDs[Int(post)]), person >= 0 ? PersonID(core.personIDs[Int(person)]) : nil)
        }
    }

    enum Question: Sendable {
        case chain(Who)
        case reports(Who)
        case common(Who, Who)
    }

    let texts: [String]
    let questions: [Question]

    /// Reads the questions of `lines` (each with its number in the input) against `source`.
    /// - Complexity: O(*q*) lookups for *q* questions.
    public init(lines: [(number: Int, text: String)], source: QuerySource) throws(Problem) {
        var questions: [Question] = []
        questions.reserveCapacity(lines.count)
        for (number, line) in lines {
            guard let words = Self.words(line) else { throw .unreadable(line: number, text: line) }
            func who(_ name: String) throws(Problem) -> Who {
                do throws(DiagnosticError) {
                    let rows = try source.postRow(named: name)
                    return Who(post: Int32(rows.post), person: rows.person.map(Int32.init) ?? -1)
                } catch {
                    throw .name(line: number, text: line, error)
                }
            }
            switch (words.first, words.count) {
            case ("chain", 2): questions.append(.chain(try who(words[1])))
            case ("reports", 2): questions.append(.reports(try who(words[1])))
            case ("common", 3): questions.append(.common(try who(words[1]), try who(words[2])))
            default: throw .unreadable(line: number, text: line)
            }
        }
        self.questions = questions
        texts = lines.map(\.text)
    }

    /// The number of questions.
    public var count: Int { questions.count }

    /// Writes `{"results": [...]}`, one answer a question in their order, each shaped as its
    /// command's `--json`, to `sink` in pieces of 256 answers, made side by side.
    public func answer(from source: QuerySource, to sink: ([UInt8]) -> Void) {
        let core = source.core
        JSONValue.writeObject(key: "results", count: questions.count, to: sink) { index in
            var pairs: [(String, JSONValue)] = [("query", .string(texts[index]))]
            switch questions[index] {
            case .chain(let who):
                let (post, person) = who.ids(in: core)
                let chain = source.chain(from: post, holder: person)
                if case .object(let inner) = ChainFormatter(org: source.org(for: chain.map(\.post))).json(chain) { pairs += inner }
            case .reports(let who):
                let (post, person) = who.ids(in: core)
                let reports = source.reports(of: post, depth: 1, includeDotted: false)
                if case .object(let inner) = QueryFormatter(org: source.org(for: [post] + reports.map(\.post))).reportsJSON(of: post, person: person, reports) { pairs += inner }
            case .common(let a, let b):
                if let common = source.common(a.ids(in: core), b.ids(in: core)),
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

    /// The two people a line of pairs names: split at a tab, else at a comma, else at spaces
    /// (double quotes grouping words, as in a question); nil when it does not name two.
    public static func pair(_ line: String) -> (String, String)? {
        let parts = line.contains("\t") ? line.split(separator: "\t").map(String.init)
            : line.contains(",") ? line.split(separator: ",").map(String.init) : words(line) ?? []
        // A name in double quotes, as a spreadsheet writes one with a comma in it, is the name.
        let names = parts.map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            return name.count >= 2 && name.hasPrefix("\"") && name.hasSuffix("\"") ? String(name.dropFirst().dropLast()) : name
        }.filter { !$0.isEmpty }
        return names.count == 2 ? (names[0], names[1]) : nil
    }

    /// Words of a line, double quotes grouping words with spaces; nil when a quote is not closed.
    static func words(_ line: String) -> [String]? {
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
        return quoted ? nil : words
    }
}
