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

    @Argument(help: ArgumentHelp(orgArgumentHelp))
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

    func validate() throws {
        if let depth, depth < 1 { throw ValidationError("--depth counts levels below WHO, from 1 (their direct reports); got \(depth)") }
    }

    func run() throws {
        let people = try batch.people(who)
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        let limit: Int? = depth ?? (all ? nil : 1)
        var texts: [String] = []
        var answers: [(who: String, value: JSONValue)] = []
        let named = try people.map { (name: $0, who: try resolve($0, in: source)) }
        // The reports are one post's: a person named who holds others is told how to ask for theirs.
        let held = options.quiet ? [:] : source.posts(of: named.compactMap(\.who.person))
        for (name, (post, person)) in named {
            let reports = source.reports(of: post, depth: limit, includeDotted: dotted)
            if let person, let posts = held[person], posts.count > 1 {
                let others = posts.filter { $0 != post }
                Output.printError("note: '\(name)' holds \(posts.count) posts; these are the reports of '\(post)'; name "
                    + (others.count == 1 ? "the other, '\(others[0])'," : "another (" + others.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (others.count > 3 ? ", ..." : "") + ")")
                    + " for its reports")
            }
            let formatter = QueryFormatter(org: source.org(for: [post] + reports.map(\.post)), language: options.lang)
            if options.json {
                answers.append((name, formatter.reportsJSON(of: post, person: person, reports)))
            } else {
                texts.append(formatter.reports(of: post, person: person, reports, json: false))
            }
        }
        try Output.show(Self.combine(texts: texts, answers: answers, json: options.json), json: options.json)
        Output.end()
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
