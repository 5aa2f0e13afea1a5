import ArgumentParser
import OrgGraph

/// The post a WHO argument stands for: a person's primary post, a post, or a unit's head.
func resolvePost(_ who: String, in org: Org, index: OrgIndex) throws -> (post: PostID, person: PersonID?) {
    switch try lookup(who, in: org) {
    case .person(let person):
        guard let post = index.primaryPost(of: person) else {
            Output.printError("error: '\(person)' holds no post")
            throw ExitCode(1)
        }
        return (post, person)
    case .post(let post):
        return (post, org.posts[post]?.holders.first)
    case .unit(let unit):
        guard let head = index.headPost[unit] else {
            Output.printError("error: unit '\(unit)' has no head; name a person or a post")
            throw ExitCode(1)
        }
        return (head, org.posts[head]?.holders.first)
    }
}

struct Reports: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List a person's reports: direct, or the whole subtree.",
        discussion: """
            A person's reports are those of their primary post (the one that stands for them); \
            name one of their other posts, or the unit it heads, to see its reports. Lines implied \
            by the unit tree count; --dotted adds dotted-line reports, marked as such.
            """)

    @Argument(help: "The org: a file, a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String
    @Argument(help: "Whose reports: a person, post or unit (its head).")
    var who: String
    @Flag(name: .long, help: "The whole subtree, not only direct reports.")
    var all = false
    @Option(name: .long, help: "Levels below WHO to list (implies --all up to that depth).")
    var depth: Int?
    @Flag(name: .long, help: "Include dotted-line reports.")
    var dotted = false
    @OptionGroup var options: QueryOptions

    func run() throws {
        let loaded = try loadOrg(org, asOf: options.asOf)
        let index = OrgIndex(loaded.org)
        let (post, person) = try resolvePost(who, in: loaded.org, index: index)
        let limit: Int? = depth ?? (all ? nil : 1)
        let reports = index.reports(of: post, depth: limit, includeDotted: dotted)
        Output.print(QueryFormatter(org: loaded.org, language: options.lang).reports(of: post, person: person, reports, json: options.json))
    }
}

struct Common: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the first common manager of two people, with both chains up to them.")

    @Argument(help: "The org: a file, a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String
    @Argument(help: "The first person (or post).")
    var first: String
    @Argument(help: "The second person (or post).")
    var second: String
    @OptionGroup var options: QueryOptions

    func run() throws {
        let loaded = try loadOrg(org, asOf: options.asOf)
        let index = OrgIndex(loaded.org)
        let a = try resolvePost(first, in: loaded.org, index: index)
        let b = try resolvePost(second, in: loaded.org, index: index)
        guard let common = index.firstCommonManager(of: a.post, firstHolder: a.person, and: b.post, secondHolder: b.person) else {
            Output.printError("error: '\(first)' and '\(second)' have no common manager (their chains reach different tops)")
            throw ExitCode(1)
        }
        Output.print(QueryFormatter(org: loaded.org, language: options.lang).common(common, json: options.json))
    }
}

struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the route between two people: up the first one's chain, then down to the second.")

    @Argument(help: "The org: a file, a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String
    @Argument(help: "Where the route starts.")
    var first: String
    @Argument(help: "Where it ends.")
    var second: String
    @OptionGroup var options: QueryOptions

    func run() throws {
        let loaded = try loadOrg(org, asOf: options.asOf)
        let index = OrgIndex(loaded.org)
        let a = try resolvePost(first, in: loaded.org, index: index)
        let b = try resolvePost(second, in: loaded.org, index: index)
        guard let common = index.firstCommonManager(of: a.post, firstHolder: a.person, and: b.post, secondHolder: b.person) else {
            Output.printError("error: no route from '\(first)' to '\(second)': their chains reach different tops")
            throw ExitCode(1)
        }
        Output.print(QueryFormatter(org: loaded.org, language: options.lang).path(common, json: options.json))
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
        let loaded = try loadOrg(org, asOf: options.asOf)
        let results = loaded.org.find(text)
        Output.print(QueryFormatter(org: loaded.org, language: options.lang).find(results, json: options.json))
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
        let loaded = try loadOrg(org, asOf: options.asOf)
        Output.print(QueryFormatter(org: loaded.org, language: options.lang).stats(loaded.org.stats(spanThreshold: spanThreshold), json: options.json))
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
        let loaded = try loadOrg(org, asOf: options.asOf)
        var units = Array(loaded.org.units.keys)
        if let unit {
            guard case .unit(let id) = try lookup(unit, in: loaded.org) else {
                Output.printError("error: '\(unit)' is not a unit")
                throw ExitCode(1)
            }
            units = [id]
        }
        Output.print(QueryFormatter(org: loaded.org, language: options.lang).heads(units, json: options.json))
    }
}
