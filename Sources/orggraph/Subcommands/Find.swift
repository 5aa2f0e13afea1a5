import ArgumentParser
import OrgGraph

struct Find: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Search people, posts and units by id, name in any language, alias or title.",
        discussion: "Case is ignored; exact matches come first, then prefixes, then substrings; Chinese text also matches its characters in order.")

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String
    @Argument(help: "The text to look for.")
    var text: String
    @OptionGroup var options: QueryOptions

    func run() throws {
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        let results = source.find(text)
        try Output.show(QueryFormatter(org: source.org(for: results), language: options.lang).find(results, json: options.json), json: options.json)
        Output.end(status: results.isEmpty ? 1 : 0)
    }
}
