import ArgumentParser
import OrgGraph

struct Chain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the reporting chain from a person (or post, or a unit's head) up to the top.",
        discussion: """
            Follows solid lines: those written in the file (explicit) and those implied by the unit \
            tree (a post reports to its unit's head, a head to the parent unit's head).
            WHO is an id, a name in any language (刘逍, Liu Xiao) or an alias.
            """)

    @Argument(help: "The org: a file, a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String

    @Argument(help: "Whose chain: an id, a name or an alias.")
    var who: String

    @OptionGroup var options: QueryOptions

    func run() throws {
        let loaded = try loadOrg(org, asOf: options.asOf)
        let index = OrgIndex(loaded.org)
        let element = try lookup(who, in: loaded.org)
        let chain: [ChainStep]
        switch element {
        case .person(let person):
            guard let found = index.reportingChain(of: person) else {
                Output.printError("error: '\(person)' holds no post, so has no reporting chain")
                throw ExitCode(1)
            }
            chain = found
        case .post(let post):
            chain = index.reportingChain(from: post)
        case .unit(let unit):
            guard let head = index.headPost[unit] else {
                Output.printError("error: unit '\(unit)' has no head; ask for a person or a post")
                throw ExitCode(1)
            }
            chain = index.reportingChain(from: head)
        }
        let formatter = ChainFormatter(org: loaded.org, language: options.lang)
        Output.print(options.json ? formatter.json(chain).rendered() : formatter.text(chain))
    }
}
