import ArgumentParser
import OrgGraph

struct Common: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the first common manager of two people, with both chains up to them.",
        discussion: "--input FILE gives many pairs, two people a line (separated by a tab, else a comma, else spaces, with names in double quotes), answered with one load.")

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String
    @Argument(help: "Two people (or posts).")
    var people: [String] = []
    @OptionGroup var batch: BatchOptions
    @OptionGroup var options: QueryOptions

    func run() throws {
        // Each pair with the line of --input that gives it, if any.
        var pairs: [(first: String, second: String, line: Diagnostic.Note?)] = []
        if !people.isEmpty {
            guard people.count == 2 else { throw ValidationError("give two people, or pairs with --input") }
            pairs.append((people[0], people[1], nil))
        }
        for (number, line) in try batch.numberedLines() {
            let place = SourceLocation(file: batch.inputName, line: number, column: 1)
            guard let pair = OrgGraph.Batch.pair(line) else {
                throw DiagnosticError(.error("this line names \(line.isEmpty ? "no one" : "'\(line)'"), not two people; write two a line, separated by a tab or a comma",
                                             at: place))
            }
            pairs.append((pair.0, pair.1, Diagnostic.Note("in the pair '\(line)'", at: place)))
        }
        guard !pairs.isEmpty else { throw ValidationError("give two people, or pairs with --input") }
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        var texts: [String] = []
        var answers: [(who: String, value: JSONValue)] = []
        for (first, second, line) in pairs {
            // An unknown name of a pair read from --input is said with its line.
            let (a, b) = try Result { () throws(DiagnosticError) in (try source.post(named: first), try source.post(named: second)) }
                .mapError { line.map($0.noting) ?? $0 }.get()
            guard let common = source.common(a, b) else { throw noCommonManager(first, second, a, b) }
            let formatter = QueryFormatter(org: source.org(for: common.firstChain.map(\.post) + common.secondChain.map(\.post)), language: options.lang)
            if options.json {
                answers.append(("\(first) \(second)", formatter.commonJSON(common)))
            } else {
                texts.append(formatter.common(common, json: false))
            }
        }
        try Output.show(Reports.combine(texts: texts, answers: answers, json: options.json), json: options.json)
        Output.end()
    }
}
