import ArgumentParser
import Foundation
import OrgGraph

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a person's or unit's record across a timeline: posts, heads, names, parents, lines.",
        discussion: "Each line is dated with the snapshot that first shows the change, and cites its source.")

    @Argument(help: "A timeline folder (or a single org file).")
    var org: String

    @Argument(help: "A person or unit: id, name in any language, or alias.")
    var who: String

    @OptionGroup var options: QueryOptions

    func run() throws {
        // A day (ORG@DATE or --as-of) gives the record as it stood then: the snapshots up to it.
        let reference = try orgReference(org, asOf: options.asOf)
        let timeline = try Self.timeline(reference.path)
        // Find WHO in the latest state that knows them.
        var found: (OrgElement, Org)?
        let known = timeline.snapshots.filter { snapshot in reference.day.map(snapshot.day.startsOnOrBefore) ?? true }
        guard let latest = known.last else {
            throw DiagnosticError(.error("'\(reference.path)' has no snapshot on or before \(reference.day!)", at: nil))
        }
        for snapshot in known.reversed() {
            let state = try loadOrg(snapshot.path, quiet: options.quiet).org
            if case .found(let element) = state.lookup(who) {
                found = (element, state)
                break
            }
        }
        guard let (element, state) = found else {
            let loaded = try loadOrg(latest.path, quiet: options.quiet)
            _ = try lookup(who, in: QuerySource(core: loaded.core, sourceMap: loaded.sourceMap))
            throw DiagnosticError(.error("'\(who)' is in no snapshot of '\(reference.path)'", at: nil))
        }
        let events = try timeline.history(of: element, language: options.lang).filter { event in reference.day.map(event.day.startsOnOrBefore) ?? true }
        if options.json {
            try Output.print(JSONValue.object([
                ("who", .string(element.id)),
                ("kind", .string(element.kindName)),
                ("events", .array(events.map { event in
                    .object([
                        ("date", .string(event.day.description)), ("precision", .string(event.day.precision.name)),
                        ("announced", JSONValue(event.announced?.description)),
                        ("dateSource", JSONValue(event.dated.source?.description)),
                        ("dateConfidence", JSONValue(event.dated.confidence?.rawValue)),
                        ("change", .string(event.kind.rawValue)),
                        ("fact", .string(event.fact)), ("text", .string(event.text)),
                        ("before", event.before ?? .null), ("after", event.after ?? .null),
                        ("source", JSONValue(event.provenance.source?.description)),
                        ("confidence", JSONValue(event.provenance.confidence?.rawValue)),
                        ("note", JSONValue(event.provenance.note)),
                    ])
                })),
            ]).rendered())
            return
        }
        var lines = [state.describe(element, language: options.lang)]
        // Events under their date as written, with the day the change was announced when that
        // was another, and where the date is stated when its changeset says.
        var date: Day?
        for event in events {
            if event.day != date {
                date = event.day
                var heading = event.day.description
                if let announced = event.announced { heading += " (announced \(announced))" }
                let dated = [event.dated.source?.description, event.dated.isInferred ? "inferred" : nil].compactMap { $0 }
                if !dated.isEmpty { heading += "  [date: \(dated.joined(separator: ", "))]" }
                lines.append(heading)
            }
            var source = [event.provenance.source?.description, event.provenance.isInferred ? "inferred" : nil].compactMap { $0 }.joined(separator: ", ")
            if !source.isEmpty { source = "  [\(source)]" }
            lines.append("  \(event.kind.rawValue) \(event.text)\(source)")
        }
        try Output.show(lines.joined(separator: "\n") + "\n")
        Output.end()
    }

    /// A folder's timeline, or a one-snapshot timeline of a single file.
    static func timeline(_ path: String) throws(DiagnosticError) -> Timeline {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
            let loaded = try OrgFile.read(contentsOf: path)
            return Timeline(single: path, day: loaded.org.asOf ?? Day(year: 1, month: 1, day: 1)!)
        }
        return try Timeline(folder: path)
    }
}
