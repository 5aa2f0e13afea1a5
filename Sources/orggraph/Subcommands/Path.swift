import ArgumentParser
import OrgGraph

struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the route between two people: up the first one's chain, then down to the second.")

    @Argument(help: ArgumentHelp(orgArgumentHelp))
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
        // A route runs through a common manager.
        guard let common = source.common(a, b) else { throw noCommonManager(first, second, a, b) }
        let org = source.org(for: common.firstChain.map(\.post) + common.secondChain.map(\.post))
        try Output.show(QueryFormatter(org: org, language: options.lang).path(common, json: options.json), json: options.json)
        Output.end()
    }
}
