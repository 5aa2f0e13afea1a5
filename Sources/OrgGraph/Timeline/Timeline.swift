import Foundation

/// A timeline: a folder of dated snapshots of one org.
///
/// Each snapshot is a file named after the day it describes, `YYYY-MM-DD.yaml` (or `.yml`,
/// `.json`, optionally with more after the date: `2025-09-30-reorg.yaml`), or after its month or
/// year when that is all that is known (`2022-11.yaml`, `2022.yaml`). The state on a day is the
/// latest snapshot on or before it, a month or year counting from its first day. Other files in
/// the folder are not snapshots and are left alone, but a file named like one whose date is no
/// date (`2025-02-30.yaml`) is an error.
public struct Timeline: Sendable {
    /// The path of the timeline's folder, or of its one file for ``init(single:day:)``.
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
                    collector.error("'\(Self.join(folder, name))' is named like a snapshot, but \(Self.datePrefix(of: name) ?? name) is not a real date; rename it after the day (or month, or year) it describes", at: nil)
                }
                continue
            }
            let path = Self.join(folder, name)
            if let clash = found.first(where: { $0.day.first == day.first }) {
                collector.error("two snapshots for \(day.first): '\(clash.path)' and '\(path)'; keep one per day (a month or year stands for its first day)", at: nil)
                continue
            }
            found.append((day, path))
        }
        try collector.throwIfErrors()
        guard !found.isEmpty else {
            throw DiagnosticError(.error(
                "folder '\(folder)' holds no snapshots; name each snapshot after its date, e.g. '2025-09-30.yaml', or '2025-09.yaml' when only the month is known", at: nil))
        }
        snapshots = found.sorted { $0.day < $1.day }
    }

    /// A timeline of one file, standing for its own state from `day` on.
    public init(single path: String, day: Day) {
        folder = path
        snapshots = [(day, path)]
    }

    /// The date a file name stands for, if it names a snapshot.
    static func snapshotDay(fileName name: String) -> Day? {
        datePrefix(of: name).flatMap { Day($0) }
    }

    /// Whether a YAML or JSON file name starts as a snapshot's does, whatever the digits: a name
    /// like that which is no date (`2025-02-30.yaml`, `2025-13.yaml`) is a mistake, not another file.
    static func looksLikeSnapshot(fileName name: String) -> Bool {
        datePrefix(of: name) != nil
    }

    /// The start of a YAML or JSON file name shaped like a date, `NNNN-NN-NN`, `NNNN-NN` or
    /// `NNNN`, and then `.`, `_` or `-` (after a month or year, a `-` and no digit: `2022-11-board`).
    /// A name shaped like a day is read as one, even when the day is not real.
    private static func datePrefix(of name: String) -> String? {
        let lower = name.lowercased()
        guard [".yaml", ".yml", ".json"].contains(where: { lower.hasSuffix($0) }) else { return nil }
        let bytes = Array(name.utf8.prefix(12))
        func digits(_ range: Range<Int>) -> Bool { range.allSatisfy { $0 < bytes.count && (48...57).contains(bytes[$0]) } }
        func ends(at index: Int, digitMayFollowHyphen: Bool) -> Bool {
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case UInt8(ascii: "."), UInt8(ascii: "_"): return true
            case UInt8(ascii: "-"): return digitMayFollowHyphen || index + 1 >= bytes.count || !(48...57).contains(bytes[index + 1])
            default: return false
            }
        }
        guard digits(0..<4) else { return nil }
        let hyphen = UInt8(ascii: "-")
        let length: Int
        if bytes.count > 7, bytes[4] == hyphen, digits(5..<7), bytes[7] == hyphen, digits(8..<10) {
            guard ends(at: 10, digitMayFollowHyphen: true) else { return nil }
            length = 10
        } else if bytes.count > 4, bytes[4] == hyphen, digits(5..<7), ends(at: 7, digitMayFollowHyphen: false) {
            length = 7
        } else if ends(at: 4, digitMayFollowHyphen: false) {
            length = 4
        } else {
            return nil
        }
        return String(decoding: bytes.prefix(length), as: UTF8.self)
    }

    static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    /// The snapshot in force on `day`, or the latest when `day` is nil.
    public func snapshot(on day: Day?) throws(DiagnosticError) -> (day: Day, path: String) {
        guard let day else { return snapshots[snapshots.count - 1] }
        guard let found = snapshots.last(where: { $0.day.startsOnOrBefore(day) }) else {
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
/// either followed by `@YYYY-MM-DD` for the state on that day (`@YYYY-MM` or `@YYYY`: on its
/// first day).
public struct OrgReference: Hashable, Sendable, CustomStringConvertible {
    /// The file or timeline folder, or `-` for standard input.
    public var path: String
    /// The day whose state is asked for; nil: the latest.
    public var day: Day?

    /// Makes a reference to the org at `path`, on `day` when given.
    public init(path: String, day: Day? = nil) {
        self.path = path
        self.day = day
    }

    /// Splits `PATH@DATE`; an `@` followed by anything that is not shaped like a date is part of the path.
    public init(parsing text: String) throws(DiagnosticError) {
        if let at = text.lastIndex(of: "@") {
            let suffix = String(text[text.index(after: at)...])
            let looksLikeDate = [4, 7, 10].contains(suffix.utf8.count) && suffix.utf8.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7 ? byte == UInt8(ascii: "-") : (48...57).contains(byte)
            }
            if looksLikeDate {
                guard let day = Day(suffix) else {
                    throw DiagnosticError(.error(Day.notADay(suffix, "'\(text)'"), at: nil))
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
