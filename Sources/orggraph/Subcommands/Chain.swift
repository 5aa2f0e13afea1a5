import ArgumentParser
import Foundation
import OrgGraph

/// Loads an org for chains, reports and common managers: a CSV or JSON file as a column table
/// (fast, for millions of people), anything else as the general model. A JSON file the table
/// reader does not take (shorthands, or any error) is read by the general reader when it can be.
/// `generalLimit`: the size up to which a JSON file the table does not take goes to the general
/// reader (the general reader's limit when nil).
func loadQuerySource(_ argument: String, asOf: String?, quiet: Bool, generalLimit: Int? = nil) throws -> QuerySource {
    let name = argument.lowercased()
    let isCSV = name.hasSuffix(".csv"), isJSON = name.hasSuffix(".json")
    guard asOf == nil, isCSV || isJSON else { return QuerySource(core: try loadOrg(argument, asOf: asOf).core) }
    let progress = Progress(quiet: quiet)
    defer { progress.finish() }
    do {
        let source: QuerySource, warnings: [Diagnostic]
        if isCSV {
            let imported = try HRImport.load(csv: argument) { rows in progress.update("reading \(argument): \(rows) rows") }
            warnings = imported.warnings
            progress.update("indexing \(imported.core.peopleCount) people")
            source = QuerySource(core: imported.core)
        } else {
            let table = try OrgCore.load(json: argument) { elements in progress.update("reading \(argument): \(elements) elements") }
            warnings = table.warnings
            progress.update("indexing \(table.postIDs.count) posts")
            source = QuerySource(core: table)
        }
        Output.report(warnings)
        return source
    } catch {
        // A JSON file the general reader can hold is reported by it, as every org file is.
        if isJSON, !OrgCore.isBeyondGeneralReader(argument, limit: generalLimit) {
            progress.finish()
            return QuerySource(core: try loadOrg(argument).core)
        }
        Output.report(error.diagnostics)
        throw ExitCode(1)
    }
}

/// The post a WHO argument stands for; exits 1 with candidates for an unknown or ambiguous name.
func resolve(_ who: String, in source: QuerySource) throws -> (post: PostID, person: PersonID?) {
    let element = try lookup(who, in: source)
    guard let resolved = source.post(for: element) else {
        Output.printError(element.kindName == "unit" ? "error: unit '\(element.id)' has no head; name a person or a post" : "error: '\(element.id)' holds no post")
        throw ExitCode(1)
    }
    return resolved
}

struct Chain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show the reporting chain from a person (or post, or a unit's head) up to the top.",
        discussion: """
            Follows solid lines: those written in the file (explicit) and those implied by the unit \
            tree (a post reports to its unit's head, a head to the parent unit's head).
            WHO is an id, a name in any language (刘逍, Liu Xiao) or an alias. Several WHO (or \
            --input) load the org once; with --json they give {"results": [{"who", "chain"}]}.
            """)

    @Argument(help: "The org: a file (YAML, JSON or CSV), a timeline folder, or PATH@YYYY-MM-DD.")
    var org: String

    @Argument(help: "Whose chain: ids, names or aliases.")
    var who: [String] = []

    @OptionGroup var batch: BatchOptions
    @OptionGroup var options: QueryOptions

    func run() throws {
        let people = who + (try batch.lines())
        guard !people.isEmpty else { throw ValidationError("name at least one person, or give --input") }
        let source = try loadQuerySource(org, asOf: options.asOf, quiet: options.quiet)
        var texts: [String] = []
        var answers: [(who: String, value: JSONValue)] = []
        for name in people {
            let (post, person) = try resolve(name, in: source)
            let chain = source.chain(from: post, holder: person)
            let formatter = ChainFormatter(org: source.org(for: chain.map(\.post)), language: options.lang)
            if options.json { answers.append((name, formatter.json(chain))) } else { texts.append(formatter.text(chain)) }
        }
        Output.print(Reports.combine(texts: texts, answers: answers, json: options.json))
    }
}
