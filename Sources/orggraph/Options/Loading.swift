import ArgumentParser
import Foundation
import OrgGraph

/// An org argument (`PATH` or `PATH@DATE`) with `--as-of`, which stands for the day as `@DATE`
/// does. Both naming different days is a usage error (exit 64), not a silent choice.
func orgReference(_ argument: String, asOf: String?) throws -> OrgReference {
    var reference = try OrgReference(parsing: argument)
    guard let asOf else { return reference }
    guard let day = Day(asOf) else {
        throw DiagnosticError(.error(Day.notADay(asOf, "'--as-of'"), at: nil))
    }
    if let written = reference.day, written != day {
        throw ValidationError("'\(argument)' asks for \(written) and --as-of for \(day); give the day once")
    }
    reference.day = day
    return reference
}

/// Reads an org argument with `read`, showing a progress line on a terminal and printing the
/// warnings it gives; exits 1 when it cannot be read. The one way every loader below reads one.
private func loading<T>(_ argument: String, asOf: String?, quiet: Bool,
                        _ read: (OrgReference, @escaping (String) -> Void) throws(DiagnosticError) -> (T, [Diagnostic])) throws -> T {
    let reference = try orgReference(argument, asOf: asOf)
    let progress = Progress(quiet: quiet)
    defer { progress.finish() }
    let (value, warnings) = try read(reference) { progress.update($0) }
    progress.finish()
    Output.reportLoading(warnings, of: argument)
    return value
}

/// Loads an org argument as values, printing its warnings and, on a terminal, a progress line;
/// exits 1 when it cannot be loaded.
func loadOrg(_ argument: String, asOf: String? = nil, quiet: Bool = false) throws -> LoadedOrg {
    try loading(argument, asOf: asOf, quiet: quiet) { (reference, progress) throws(DiagnosticError) in
        let loaded = try reference.load(progress: progress)
        return (loaded, loaded.warnings)
    }
}

/// Loads an org argument as ``OrgReference/loadCore(progress:)`` reads it, with a progress line
/// and its warnings printed; exits 1 when it cannot be loaded.
func loadCore(_ argument: String, asOf: String?, quiet: Bool) throws -> (core: OrgCore, sourceMap: SourceMap?) {
    try loading(argument, asOf: asOf, quiet: quiet) { (reference, progress) throws(DiagnosticError) in
        let (core, warnings, sourceMap) = try reference.loadCore(progress: progress)
        return ((core, sourceMap), warnings)
    }
}

/// Loads an org argument for questions, as ``loadCore(_:asOf:quiet:)`` reads it, with its hierarchy.
func loadQuerySource(_ argument: String, asOf: String?, quiet: Bool) throws -> QuerySource {
    try loading(argument, asOf: asOf, quiet: quiet) { (reference, progress) throws(DiagnosticError) in
        try reference.loadQuerySource(progress: progress)
    }
}

/// Loads several org arguments at once, each on its own thread, for questions, with one progress
/// line for all. Warnings are printed in the order of the arguments; when any cannot be loaded,
/// the first one's diagnostics are printed and the command exits 1.
func loadQuerySources(_ arguments: [String], quiet: Bool) throws -> [QuerySource] {
    let references = try arguments.map { try orgReference($0, asOf: nil) }
    let progress = Progress(quiet: quiet)
    defer { progress.finish() }
    final class Results: @unchecked Sendable {
        let lock = NSLock()
        var loaded: [Result<(source: QuerySource, warnings: [Diagnostic]), DiagnosticError>?]
        var read: [String]
        init(_ count: Int) {
            loaded = Array(repeating: nil, count: count)
            read = Array(repeating: "", count: count)
        }
    }
    let results = Results(references.count)
    // Each org but the first is read on a processor of its own.
    SpareProcessors.using(references.count - 1) {
        DispatchQueue.concurrentPerform(iterations: references.count) { index in
            // Each with its hierarchy, on the processor that read it.
            let result = Result { () throws(DiagnosticError) in
                try references[index].loadQuerySource { text in
                    results.lock.withLock {
                        results.read[index] = text
                        progress.update(results.read.filter { !$0.isEmpty }.joined(separator: "; "))
                    }
                }
            }
            results.lock.withLock { results.loaded[index] = result }
        }
    }
    progress.finish()
    return try zip(results.loaded, arguments).map { result, argument in
        let (source, warnings) = try result!.get()
        Output.reportLoading(warnings, of: argument)
        return source
    }
}

/// Finds what a WHO argument names in a loaded org; exits 1 with a note for each candidate (or,
/// when nothing matches, each element with a near name) when it is unknown or ambiguous.
func lookup(_ who: String, in source: QuerySource) throws -> OrgElement {
    try source.element(named: who)
}

/// The post a WHO argument stands for; exits 1 with candidates for an unknown or ambiguous name.
func resolve(_ who: String, in source: QuerySource) throws -> (post: PostID, person: PersonID?) {
    try source.post(named: who)
}

/// Why two people named `first` and `second` (at posts `a` and `b`) have no common manager: they
/// share a post that reports to no one, or their chains reach different tops.
func noCommonManager(_ first: String, _ second: String, _ a: (post: PostID, person: PersonID?),
                     _ b: (post: PostID, person: PersonID?)) -> DiagnosticError {
    let why = a.post == b.post ? "share the post '\(a.post)', which reports to no one" : "are in chains that reach different tops"
    return DiagnosticError(.error("'\(first)' and '\(second)' have no common manager: they \(why)", at: nil))
}
