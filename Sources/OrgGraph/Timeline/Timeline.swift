import Foundation

/// A timeline: a folder of dated snapshots of one org.
///
/// Each snapshot is a file named after the day it describes, `YYYY-MM-DD.yaml` (or `.yml`,
/// `.json`, optionally with more after the date: `2025-09-30-reorg.yaml`). The state on a day is
/// the latest snapshot on or before it. Other files in the folder are not snapshots and are left
/// alone, but a file named like one whose date is no day (`2025-02-30.yaml`) is an error.
public struct Timeline: Sendable {
    public var folder: String
    /// The snapshots' days and paths, oldest first.
    public var snapshots: [(day: Day, path: String)]

    /// Lists the snapshots of a timeline folder.
    public init(folder: String) throws(DiagnosticError) {
        self.folder = folder
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw DiagnosticError(.error("cannot list folder '\(folder)': \(error.localizedDescription)", at: nil))
        }
        var found: [(day: Day, path: String)] = []
        var collector = DiagnosticCollector()
        for name in names.sorted() {
            guard let day = Self.snapshotDay(fileName: name) else {
                if Self.looksLikeSnapshot(fileName: name) {
                    collector.error("'\(Self.join(folder, name))' is named like a snapshot, but \(name.prefix(10)) is not a real day; rename it after the day it describes", at: nil)
                }
                continue
            }
            let path = Self.join(folder, name)
            if let clash = found.first(where: { $0.day == day }) {
                collector.error("two snapshots for \(day): '\(clash.path)' and '\(path)'; keep one per day", at: nil)
                continue
            }
            found.append((day, path))
        }
        try collector.throwIfErrors()
        guard !found.isEmpty else {
            throw DiagnosticError(.error(
                "folder '\(folder)' holds no snapshots; name each snapshot after its day, e.g. '2025-09-30.yaml'", at: nil))
        }
        snapshots = found.sorted { $0.day < $1.day }
    }

    /// A timeline of one file, standing for its own state from `day` on.
    public init(single path: String, day: Day) {
        folder = path
        snapshots = [(day, path)]
    }

    /// The day a file name stands for, if it names a snapshot.
    static func snapshotDay(fileName name: String) -> Day? {
        let lower = name.lowercased()
        guard [".yaml", ".yml", ".json"].contains(where: { lower.hasSuffix($0) }), name.utf8.count >= 10 else { return nil }
        let prefix = String(name.prefix(10))
        guard let day = Day(prefix) else { return nil }
        let rest = name.dropFirst(10)
        guard rest.hasPrefix(".") || rest.hasPrefix("-") || rest.hasPrefix("_") else { return nil }
        return day
    }

    /// Whether a YAML or JSON file name starts as a snapshot's does, `NNNN-NN-NN` and then `.`,
    /// `-` or `_`, whatever the digits: a name like that which is no day is a mistake, not
    /// another file.
    static func looksLikeSnapshot(fileName name: String) -> Bool {
        let lower = name.lowercased()
        let bytes = Array(name.utf8.prefix(11))
        guard [".yaml", ".yml", ".json"].contains(where: { lower.hasSuffix($0) }), bytes.count == 11 else { return false }
        return Day.isShapedLikeDay(bytes.prefix(10)) && [UInt8(ascii: "."), UInt8(ascii: "-"), UInt8(ascii: "_")].contains(bytes[10])
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The snapshot in force on `day`, or the latest when `day` is nil.
    public func snapshot(on day: Day?) throws(DiagnosticError) -> (day: Day, path: String) {
        guard let day else { return snapshots[snapshots.count - 1] }
        guard let found = snapshots.last(where: { $0.day <= day }) else {
            throw DiagnosticError(.error(
                "'\(folder)' has no state on \(day): its first snapshot is \(snapshots[0].day)", at: nil))
        }
        return found
    }

    /// Reads the state on `day` (the latest when nil), checking that its `asOf` matches its file name.
    public func load(on day: Day?) throws(DiagnosticError) -> LoadedOrg {
        let (snapshotDay, path) = try snapshot(on: day)
        var loaded = try OrgFile.read(contentsOf: path)
        if let asOf = loaded.org.asOf {
            if asOf != snapshotDay {
                throw DiagnosticError(.error(
                    "'asOf' is \(asOf) but the file name says \(snapshotDay); make them agree",
                    at: loaded.sourceMap.location(of: "", field: "asOf") ?? SourceLocation(file: path, line: 1, column: 1)))
            }
        } else {
            // The file name dates it, for the values and the core alike.
            loaded.org.asOf = snapshotDay
            loaded.core.asOf = snapshotDay
        }
        return loaded
    }
}

/// What the command line means by an org: a file, a timeline folder (its latest state), or
/// either followed by `@YYYY-MM-DD` for the state on that day.
public struct OrgReference: Hashable, Sendable, CustomStringConvertible {
    public var path: String
    public var day: Day?

    public init(path: String, day: Day? = nil) {
        self.path = path
        self.day = day
    }

    /// Splits `PATH@YYYY-MM-DD`; an `@` followed by anything that is not a date is part of the path.
    public init(parsing text: String) throws(DiagnosticError) {
        if let at = text.lastIndex(of: "@") {
            let suffix = String(text[text.index(after: at)...])
            let looksLikeDate = suffix.utf8.count == 10 && suffix.utf8.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (48...57).contains(byte)
            }
            if looksLikeDate {
                guard let day = Day(suffix) else {
                    throw DiagnosticError(.error("invalid date '\(suffix)' in '\(text)'; expected a real day written YYYY-MM-DD", at: nil))
                }
                self.path = String(text[..<at])
                self.day = day
                return
            }
        }
        self.path = text
        self.day = nil
    }

    public var description: String { day.map { "\(path)@\($0)" } ?? path }
}
