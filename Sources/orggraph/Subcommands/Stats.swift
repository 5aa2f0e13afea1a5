import ArgumentParser
import OrgGraph

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Headcounts, spans of control, layers, vacancies, shared and multiple posts, dotted lines, inferred facts.")

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String
    @Option(name: .long, help: "List unit heads with more direct reports than this.")
    var spanThreshold = 8
    @OptionGroup var options: QueryOptions

    func run() throws {
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        let stats = source.stats(spanThreshold: spanThreshold)
        try Output.show(QueryFormatter(org: source.org(for: stats), language: options.lang).stats(stats, json: options.json), json: options.json)
        Output.end()
    }
}
