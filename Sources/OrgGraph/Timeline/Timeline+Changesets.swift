import Foundation

extension Timeline {
    /// The changeset files in the timeline's `changes` folder, by name.
    public var changesetPaths: [String] {
        let folder = Self.join(self.folder, "changes")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { name in [".yaml", ".yml", ".json"].contains { name.lowercased().hasSuffix($0) } }.sorted().map { Self.join(folder, $0) }
    }

    /// The changesets of the `changes` folder that read, by the date they take effect (the
    /// first of two for one date).
    public func changesetsByDate() -> [Day: Changeset] {
        Dictionary(changesetPaths.compactMap { path in
            (try? ChangesetFile.read(contentsOf: path)).flatMap { changeset in changeset.effective.map { ($0, changeset) } }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks every changeset of the `changes` folder against the snapshots: read as a
    /// changeset, and applied to the snapshot before the day it takes effect (its `previous`,
    /// else the one before), it must give that day's snapshot. A difference is an error at the
    /// changeset's `effective`, with a note at each element of the snapshot that differs.
    public func checkChangesets(_ paths: [String]? = nil) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // Changesets in date order read each snapshot once: one's result is the next one's start.
        var last: (day: Day, loaded: LoadedOrg)?
        func loaded(_ day: Day) throws(DiagnosticError) -> LoadedOrg {
            if let last, last.day == day { return last.loaded }
            let read = try load(on: day)
            last = (day, read)
            return read
        }
        for path in paths ?? changesetPaths {
            do {
                diagnostics += try check(changeset: path, loaded)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        return diagnostics
    }

    private func check(changeset path: String, _ loaded: (Day) throws(DiagnosticError) -> LoadedOrg) throws(DiagnosticError) -> [Diagnostic] {
        let changeset = try ChangesetFile.read(contentsOf: path)
        let at = changeset.effectiveLocation ?? SourceLocation(file: path, line: 1, column: 1)
        guard let effective = changeset.effective else {
            return [.error(Self.needsEffective, at: at)]
        }
        guard let after = snapshots.first(where: { $0.day == effective }) else {
            return [.error(Self.noSnapshot(on: effective), at: at)]
        }
        let earlier = snapshots.last { $0.day < effective }
        guard let before = changeset.previous.map({ day in snapshots.first { $0.day == day } }) ?? earlier else {
            return [.error(Self.noSnapshotBefore(changeset.previous, effective), at: changeset.previousLocation ?? at)]
        }
        let applied = try loaded(before.day).org.applying(changeset)
        let target = try loaded(after.day)
        let left = target.org.normalized().difference(from: applied.normalized()).changes
        guard !left.isEmpty else { return [] }
        let name = (after.path as NSString).lastPathComponent
        let notes = left.prefix(20).map { change in
            Diagnostic.Note("\(name) differs: \(change.op.name) '\(change.op.subject)'",
                            at: target.sourceMap.location(of: change.op.subject) ?? SourceLocation(file: after.path, line: 1, column: 1))
        }
        return [Diagnostic(.error, Self.doesNotGive(before: (before.path as NSString).lastPathComponent, after: name, differences: left.count),
                           at: at, notes: notes)]
    }

    static let needsEffective = "a changeset in a timeline needs 'effective:', the day of the snapshot it leads to"

    static func noSnapshot(on day: Day) -> String {
        "the timeline has no snapshot of \(day), the day this changeset takes effect; add '\(day).yaml' or correct 'effective'"
    }

    static func noSnapshotBefore(_ previous: Day?, _ effective: Day) -> String {
        previous.map { "the timeline has no snapshot of \($0), the day this changeset applies to; correct 'previous'" }
            ?? "the timeline has no snapshot before \(effective) for this changeset to apply to"
    }

    static func doesNotGive(before: String, after: String, differences: Int) -> String {
        "applied to \(before), this changeset does not give \(after): \(differences) difference\(differences == 1 ? "" : "s") left; "
            + "correct the changeset or the snapshot so that they agree"
    }
}
