import ArgumentParser
import OrgGraph

struct Common: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the first common manager of two people, with both chains up to them.",
        discussion: "--input FILE gives many pairs, two people a line (separated by a comma, a tab or spaces), answered with one load.")

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String
    @Argument(help: "Two people (or posts).")
    var people: [String] = []
    @OptionGroup var batch: BatchOptions
    @OptionGroup var options: QueryOptions

    func run() throws {
        var pairs: [(String, String)] = []
        if !people.isEmpty {
            guard people.count == 2 else { throw ValidationError("give two people, or pairs with --input") }
            pairs.append((people[0], people[1]))
        }
        for line in try batch.lines() {
            let parts = line.split(whereSeparator: { $0 == "," || $0 == "\t" || $0 == " " }).map(String.init)
            guard parts.count == 2 else { throw ValidationError("each --input line names two people; got '\(line)'") }
            pairs.append((parts[0], parts[1]))
        }
        guard !pairs.isEmpty else { throw ValidationError("give two people, or pairs with --input") }
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        var texts: [String] = []
        var answers: [(who: String, value: JSONValue)] = []
        for (first, second) in pairs {
            let a = try resolve(first, in: source)
            let b = try resolve(second, in: source)
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
