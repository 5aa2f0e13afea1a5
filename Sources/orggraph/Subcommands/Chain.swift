import ArgumentParser
import Foundation
import OrgGraph

struct Chain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the reporting chain from a person (or post, or a unit's head) up to the top.",
        discussion: """
            Follows solid lines: those written in the file (explicit) and those implied by the unit \
            tree (a post reports to its unit's head, a head to the parent unit's head).
            WHO is an id, a name in any language (刘逍, Liu Xiao) or an alias. Several WHO (or \
            --input) load the org once; with --json they give {"results": [{"who", "chain"}]}.
            """)

    @Argument(help: ArgumentHelp(orgArgumentHelp))
    var org: String

    @Argument(help: "Whose chain: ids, names or aliases.")
    var who: [String] = []

    @OptionGroup var batch: BatchOptions
    @OptionGroup var options: QueryOptions

    func run() throws {
        let people = try batch.people(who)
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        var texts: [String] = []
        var answers: [(who: String, value: JSONValue)] = []
        for name in people {
            let (post, person) = try resolve(name, in: source)
            let chain = source.chain(from: post, holder: person)
            let formatter = ChainFormatter(org: source.org(for: chain.map(\.post)), language: options.lang)
            if options.json { answers.append((name, formatter.json(chain))) } else { texts.append(formatter.text(chain)) }
        }
        try Output.show(Reports.combine(texts: texts, answers: answers, json: options.json), json: options.json)
        Output.end()
    }
}
