import Foundation

/// What an import made of its input: the org, and every row it could not take as it was.
public struct ImportResult: Sendable {
    /// The org, checked: its ``OrgCore/warnings`` hold every problem the builder found.
    public var core: OrgCore
    /// Warnings with the file and line of each row concerned.
    public var warnings: [Diagnostic]
    /// Data rows read.
    public var rowsRead: Int
    /// Rows that became a person or post.
    public var rowsImported: Int
    /// Rows left out, each with a warning.
    public var rowsDropped: Int

    /// The org as values, made from the core on each call.
    /// - Complexity: O(*n*).
    public var org: Org { core.org() }
}

/// The fields of a generic HR export, and the header spellings that name them.
public enum HRField: String, Sendable, CaseIterable {
    case id, name, firstName = "first-name", lastName = "last-name", manager, title, unit, email, start, ignore

    /// Header spellings, lowercased with everything but letters and digits removed.
    static let spellings: [HRField: [String]] = [
        .id: ["id", "employeeid", "empid", "employeenumber", "employeeno", "personid", "staffid", "staffnumber", "userid",
              "businessentityid", "workerid", "nodeid"],
        .name: ["name", "fullname", "employeename", "displayname", "personname"],
        .firstName: ["firstname", "givenname", "forename", "firstnamefromdimemployee"],
        .lastName: ["lastname", "surname", "familyname", "lastnamefromdimemployee"],
        .manager: ["reportsto", "managerid", "manager", "parentid", "parent", "supervisorid", "supervisor", "linemanagerid",
                   "linemanager", "managerbusinessentityid", "bossid", "pid"],
        .title: ["title", "jobtitle", "position", "positiontitle", "role", "job", "jobname", "jobid", "designation"],
        .unit: ["department", "dept", "departmentname", "departmentid", "unit", "team", "division", "orgunit", "organisationunit",
                "organizationunit", "group"],
        .email: ["email", "emailaddress", "mail", "workemail"],
        .start: ["hiredate", "startdate", "joined", "joindate", "datejoined"],
    ]

    static func detect(_ header: String) -> HRField? {
        let key = String(header.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
        return spellings.first { $0.value.contains(key) }?.key
    }
}

/// Imports a generic HR CSV: one row per person with an id, a name, a manager's id and
/// optionally a title, unit, email and start date. An empty manager makes a root.
public struct HRImport {
    public var file: String
    /// Column name → field, overriding what the header suggests.
    public var map: [String: HRField]

    public init(file: String, map: [String: HRField] = [:]) {
        self.file = file
        self.map = map
    }

    /// Which column holds which field, from the header and the explicit map.
    public func columns(of header: [String]) throws(DiagnosticError) -> [HRField: Int] {
        var columns: [HRField: Int] = [:]
        for (index, name) in header.enumerated() {
            let field = map[name] ?? HRField.detect(name)
            if let field, field != .ignore, columns[field] == nil { columns[field] = index }
        }
        for name in map.keys where !header.contains(name) {
            throw DiagnosticError(.error("--map names column '\(name)', which the header lacks; it has \(header.map { "'\($0)'" }.joined(separator: ", "))", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard columns[.id] != nil else {
            throw DiagnosticError(.error("no id column found among \(header.map { "'\($0)'" }.joined(separator: ", ")); name it with --map COLUMN=id", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard columns[.manager] != nil else {
            throw DiagnosticError(.error("no manager column found among \(header.map { "'\($0)'" }.joined(separator: ", ")); name it with --map COLUMN=manager", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return columns
    }

    /// A value as written, minus the leading apostrophe that spreadsheets (and the CSV export)
    /// put before text starting `=`, `+`, `-` or `@`.
    static func cell(_ text: String) -> String {
        // The common case, with nothing to trim or unquote, costs one look at each end.
        let ends = text.utf8.withContiguousStorageIfAvailable { bytes in (bytes.first, bytes.last) } ?? (text.utf8.first, text.utf8.last)
        if let first = ends.0, let last = ends.1, first != 0x20, first != 0x09, first != 0x27, last != 0x20, last != 0x09 {
            return text
        }
        if text.isEmpty { return text }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("'"), let next = trimmed.dropFirst().first, "=+-@".contains(next) { return String(trimmed.dropFirst()) }
        return trimmed
    }

    /// A unit id from its name: lowercase words joined by hyphens.
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for character in text.lowercased() {
            if character.isLetter || character.isNumber {
                if pendingHyphen, !out.isEmpty { out.append("-") }
                out.append(character)
                pendingHyphen = false
            } else {
                pendingHyphen = true
            }
        }
        return out.isEmpty ? "unit" : out
    }

    /// Unit ids for unit names in order of first use: `u.` and the name's slug, with `-2`,
    /// `-3`, … after a slug an earlier unit has (`R&D` is `u.r-d`, then `R D` is `u.r-d-2`).
    /// The one rule for every reader of HR exports.
    static func unitIDs(forNames names: [String]) -> [String] {
        var taken: Set<String> = []
        taken.reserveCapacity(names.count)
        return names.map { name in
            let base = "u." + slug(name)
            var id = base
            var suffix = 2
            while !taken.insert(id).inserted {
                id = base + "-\(suffix)"
                suffix += 1
            }
            return id
        }
    }
}
