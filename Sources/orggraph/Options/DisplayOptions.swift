import ArgumentParser
import OrgGraph

extension LanguagePreference: ExpressibleByArgument {}

/// Options shared by every query.
struct QueryOptions: ParsableArguments {
    @Option(name: .long, help: "Languages for names: zh, en or both.")
    var lang: LanguagePreference = .both

    @Option(name: .customLong("as-of"), help: "The state on this day (YYYY-MM-DD); the same as ORG@DATE.")
    var asOf: String?

    @Flag(name: .long, help: "Print JSON for scripts instead of text.")
    var json = false
}
