import ArgumentParser
import Foundation
import OrgGraph

/// Printing to the terminal: results to standard output, diagnostics to standard error.
enum Output {
    static func print(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func printError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }

    static func report(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        printError(diagnostics.map(\.description).joined(separator: "\n"))
    }
}

/// An org argument (`PATH` or `PATH@DATE`) with `--as-of`, which stands for the day as `@DATE` does.
func orgReference(_ argument: String, asOf: String?) throws(DiagnosticError) -> OrgReference {
    var reference = try OrgReference(parsing: argument)
    if let asOf {
        guard let day = Day(asOf) else {
            throw DiagnosticError(.error("invalid date '\(asOf)' for '--as-of'; expected a real day written YYYY-MM-DD", at: nil))
        }
        reference.day = day
    }
    return reference
}

/// Loads an org argument, printing its diagnostics; exits 1 when it cannot be loaded.
func loadOrg(_ argument: String, asOf: String? = nil) throws -> LoadedOrg {
    do throws(DiagnosticError) {
        let loaded = try orgReference(argument, asOf: asOf).load()
        Output.report(loaded.warnings)
        return loaded
    } catch {
        Output.report(error.diagnostics)
        throw ExitCode(1)
    }
}

/// Finds what a WHO argument names; exits 1, listing candidates, when it is unknown or ambiguous.
func lookup(_ who: String, in org: Org) throws -> OrgElement {
    try lookup(who, in: QuerySource(org: org))
}

/// Finds what a WHO argument names in a loaded org; exits 1, listing candidates (or, when
/// nothing matches, elements with near names), when it is unknown or ambiguous.
func lookup(_ who: String, in source: QuerySource) throws -> OrgElement {
    switch source.lookup(who) {
    case .found(let element):
        return element
    case .ambiguous(let candidates):
        Output.printError("error: '\(who)' is ambiguous; it could be:\n"
            + candidates.map { "  \(source.describe($0))" }.joined(separator: "\n")
            + "\nname one by its id")
        throw ExitCode(1)
    case .notFound(let suggestions):
        var message = "error: no person, post or unit '\(who)'"
        if !suggestions.isEmpty {
            message += "; did you mean:\n" + suggestions.map { "  \(source.describe($0))" }.joined(separator: "\n")
        }
        Output.printError(message)
        throw ExitCode(1)
    }
}
