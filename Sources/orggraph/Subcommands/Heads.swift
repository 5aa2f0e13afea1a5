import ArgumentParser
import OrgGraph

struct Heads: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Who heads each unit (or one unit), and whom that head reports to.")

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String
    @Argument(help: "One unit (id or name); all units when left out.")
    var unit: String?
    @OptionGroup var options: QueryOptions

    func run() throws {
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        var units = Array(source.core.unitIDs.indices)
        if let unit {
            guard case .unit(let id) = try lookup(unit, in: source), let row = source.core.element(id.rawValue)?.row else {
                throw DiagnosticError(.error("'\(unit)' is not a unit", at: nil))
            }
            units = [row]
        }
        let heads = units.map(source.head(ofUnit:))
        try Output.show(QueryFormatter(org: source.org(forHeads: heads), language: options.lang).heads(heads, json: options.json), json: options.json)
        Output.end()
    }
}
