import ArgumentParser
import OrgGraph

struct Reports: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List a person's reports: direct, or the whole subtree.",
        discussion: """
            A person's reports are those of their primary post (the one that stands for them); \
            name one of their other posts, or the unit it heads, to see its reports. Lines implied \
            by the unit tree count; --dotted adds dotted-line reports, marked as such. Several WHO \
            (or --input) load the org once.
            """)

    @Argument(help: "The org: a file (YAML, JSON or CSV), a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String
    @Argument(help: "Whose reports: people, posts or units (their heads).")
    var who: [String] = []
    @Flag(name: .long, help: "The whole subtree, not only direct reports.")
    var all = false
    @Option(name: .long, help: "Levels below WHO to list (implies --all up to that depth).")
    var depth: Int?
    @Flag(name: .long, help: "Include dotted-line reports.")
    var dotted = false
    @OptionGroup var batch: BatchOptions
    @OptionGroup var options: QueryOptions

    func run() throws {
        let people = who + (try batch.lines())
        guard !people.isEmpty else { throw ValidationError("name at least one person, or give --input") }
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        let limit: Int? = depth ?? (all ? nil : 1)
        var texts: [String] = []
        var answers: [(who: String, value: JSONValue)] = []
        for name in people {
            let (post, person) = try resolve(name, in: source)
            let reports = source.reports(of: post, depth: limit, includeDotted: dotted)
            let formatter = QueryFormatter(org: source.org(for: [post] + reports.map(\.post)), language: options.lang)
            if options.json {
                answers.append((name, formatter.reportsJSON(of: post, person: person, reports)))
            } else {
                texts.append(formatter.reports(of: post, person: person, reports, json: false))
            }
        }
        Output.print(Self.combine(texts: texts, answers: answers, json: options.json))
    }

    /// One answer as it is; several as one JSON document (`{"results": [{"who", ...}]}`) or as
    /// texts one after another.
    static func combine(texts: [String], answers: [(who: String, value: JSONValue)], json: Bool) -> String {
        guard json else { return texts.joined(separator: "\n") }
        if answers.count == 1 { return answers[0].value.rendered() }
        return JSONValue.object([("results", .array(answers.map { answer in
            guard case .object(let pairs) = answer.value else { return answer.value }
            return .object([("who", .string(answer.who))] + pairs)
        }))]).rendered()
    }
}

struct Common: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the first common manager of two people, with both chains up to them.",
        discussion: "--input FILE gives many pairs, two people a line (separated by a comma, a tab or spaces), answered with one load.")

    @Argument(help: "The org: a file (YAML, JSON or CSV), a timeline folder, or PATH@YYYY-MM-DD.")
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
            guard let common = source.common(a, b) else {
                Output.printError("error: '\(first)' and '\(second)' have no common manager (their chains reach different tops)")
                throw ExitCode(1)
            }
            let formatter = QueryFormatter(org: source.org(for: common.firstChain.map(\.post) + common.secondChain.map(\.post)), language: options.lang)
            if options.json {
                answers.append(("\(first) \(second)", formatter.commonJSON(common)))
            } else {
                texts.append(formatter.common(common, json: false))
            }
        }
        Output.print(Reports.combine(texts: texts, answers: answers, json: options.json))
    }
}

struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the route between two people: up the first one's chain, then down to the second.")

    @Argument(help: "The org: a file (YAML, JSON or CSV), a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String
    @Argument(help: "Where the route starts.")
    var first: String
    @Argument(help: "Where it ends.")
    var second: String
    @OptionGroup var options: QueryOptions

    func run() throws {
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        let a = try resolve(first, in: source)
        let b = try resolve(second, in: source)
        guard let common = source.common(a, b) else {
            Output.printError("error: no route from '\(first)' to '\(second)': their chains reach different tops")
            throw ExitCode(1)
        }
        let org = source.org(for: common.firstChain.map(\.post) + common.secondChain.map(\.post))
        Output.print(QueryFormatter(org: org, language: options.lang).path(common, json: options.json))
    }
}

struct Find: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search people, posts and units by id, name in any language, alias or title.",
        discussion: "Case is ignored; exact matches come first, then prefixes, then substrings; Chinese text also matches its characters in order.")

    @Argument(help: "The org: a file, a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String
    @Argument(help: "The text to look for.")
    var text: String
    @OptionGroup var options: QueryOptions

    func run() throws {
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        let results = source.find(text)
        Output.print(QueryFormatter(org: source.org(for: results), language: options.lang).find(results, json: options.json))
        if results.isEmpty { throw ExitCode(1) }
    }
}

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Headcounts, spans of control, layers, vacancies, shared and multiple posts, dotted lines, inferred facts.")

    @Argument(help: "The org: a file, a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String
    @Option(name: .long, help: "List unit heads with more direct reports than this.")
    var spanThreshold = 8
    @OptionGroup var options: QueryOptions

    func run() throws {
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        let stats = source.stats(spanThreshold: spanThreshold)
        Output.print(QueryFormatter(org: source.org(for: stats), language: options.lang).stats(stats, json: options.json))
    }
}

struct Heads: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who heads each unit (or one unit), and whom that head reports to.")

    @Argument(help: "The org: a file, a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String
    @Argument(help: "One unit (id or name); all units when left out.")
    var unit: String?
    @OptionGroup var options: QueryOptions

    func run() throws {
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        var units = Array(source.core.unitIDs.indices)
        if let unit {
            guard case .unit(let id) = try lookup(unit, in: source), let row = source.core.element(id.rawValue)?.row else {
                Output.printError("error: '\(unit)' is not a unit")
                throw ExitCode(1)
            }
            units = [row]
        }
        let heads = units.map(source.head(ofUnit:))
        Output.print(QueryFormatter(org: source.org(forHeads: heads), language: options.lang).heads(heads, json: options.json))
    }
}
