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
    /// `node`: a place in the tree as SQL Server's hierarchyid gives it, a path (`/1/2/`) or its
    /// binary form in hexadecimal (`0x5AC0`): the manager is the nearest node above it.
    case id, name, firstName = "first-name", lastName = "last-name", manager, node, title, unit, email, start, ignore

    /// Header spellings, lowercased with everything but letters and digits removed.
    static let spellings: [HRField: [String]] = [
        .id: ["id", "employeeid", "empid", "employeenumber", "employeeno", "personid", "staffid", "staffnumber", "userid",
              "businessentityid", "workerid", "nodeid"],
        .name: ["name", "fullname", "employeename", "displayname", "personname"],
        .firstName: ["firstname", "givenname", "forename", "firstnamefromdimemployee"],
        .lastName: ["lastname", "surname", "familyname", "lastnamefromdimemployee"],
        .manager: ["reportsto", "managerid", "manager", "parentid", "parent", "supervisorid", "supervisor", "linemanagerid",
                   "linemanager", "managerbusinessentityid", "bossid", "pid"],
        .node: ["organizationnode", "organizationnodepath", "hierarchyid", "hierarchynode", "orgnode", "nodepath"],
        .title: ["title", "jobtitle", "position", "positiontitle", "positionname", "role", "job", "jobname", "jobid", "designation"],
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
    /// The CSV file's path, named in the warnings and errors about its rows.
    public var file: String
    /// Column name → field, overriding what the header suggests.
    public var map: [String: HRField]
    /// Whether units get heads and parents from where people sit and whom they report to (see
    /// `OrgBuilder`'s rule); false leaves every unit at the top, without a head.
    public var unitTree: Bool
    /// Lookup tables joined to each row (``CSVJoin``).
    public var joins: [CSVJoin]

    /// Makes an import of the HR CSV at `file`.
    public init(file: String, map: [String: HRField] = [:], joins: [CSVJoin] = [], unitTree: Bool = true) {
        self.file = file
        self.map = map
        self.joins = joins
        self.unitTree = unitTree
    }

    /// Which column holds which field, from the explicit map and then the header, and a
    /// warning for each column left unread: one no field claims, and a second column for a field
    /// another column already gives (a mapped column wins, then the first).
    func columns(of header: [String]) throws(DiagnosticError) -> (columns: [HRField: Int], warnings: [Diagnostic]) {
        var columns: [HRField: Int] = [:]
        var unknown: [Int] = []
        var warnings: [Diagnostic] = []
        for (index, name) in header.enumerated() {
            if let field = map[name], field != .ignore, columns[field] == nil { columns[field] = index }
        }
        for (index, name) in header.enumerated() where columns.values.contains(index) == false {
            let field = map[name] ?? HRField.detect(name)
            guard let field else {
                unknown.append(index)
                continue
            }
            guard field != .ignore else { continue }
            if let first = columns[field] {
                warnings.append(.warning("column '\(name)' also reads as the \(field.rawValue) column; '\(header[first])' is used and this one ignored (choose with --map '\(name)=\(field.rawValue)' --map '\(header[first])=ignore')",
                                         at: SourceLocation(file: file, line: 1, column: index + 1)))
            } else {
                columns[field] = index
            }
        }
        // With a manager column, a hierarchy column is not needed: it is not read.
        if columns[.manager] != nil, let node = columns.removeValue(forKey: .node), map[header[node]] != .node {
            unknown.append(node)
            unknown.sort()
        } else if columns[.manager] != nil, let node = columns[.node] {
            columns[.node] = nil
            warnings.append(.warning("column '\(header[node])' is mapped to node, but the manager column '\(header[columns[.manager]!])' says who manages whom; it is not read",
                                     at: SourceLocation(file: file, line: 1, column: node + 1)))
        }
        if !unknown.isEmpty {
            let one = unknown.count == 1
            warnings.append(.warning("import csv does not read \(one ? "column" : "columns") \(unknown.map { "'\(header[$0])'" }.joined(separator: ", ")); \(one ? "it is" : "they are") ignored (give a column a field with --map COLUMN=FIELD)",
                                     at: SourceLocation(file: file, line: 1, column: 1)))
        }
        for name in map.keys where !header.contains(name) {
            throw DiagnosticError(.error("--map names column '\(name)', which the header lacks; it has \(header.map { "'\($0)'" }.joined(separator: ", "))", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard columns[.id] != nil else {
            throw DiagnosticError(.error("no id column found among \(header.map { "'\($0)'" }.joined(separator: ", ")); name it with --map COLUMN=id", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard columns[.manager] != nil || columns[.node] != nil else {
            throw DiagnosticError(.error("no manager column found among \(header.map { "'\($0)'" }.joined(separator: ", ")); name it with --map COLUMN=manager (or a hierarchyid column with --map COLUMN=node)", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return (columns, warnings)
    }

    /// A value as written, minus the leading apostrophe that spreadsheets (and the CSV export)
    /// put before text starting `=`, `+`, `-`, `@`, a tab or a carriage return, and that the
    /// export also puts before an apostrophe such text starts with (see `CSVExport.cell`), and
    /// less a leading byte-order mark, as every reader reads text (`TextRules.text`).
    static func cell(_ text: String) -> String {
        // The common case, with no apostrophe to take off, costs one look at the first byte.
        let text = TextRules.text(text)
        guard text.utf8.first == 0x27, CSVExport.hasGuard(Substring(text).unicodeScalars) else { return text }
        return String(text.unicodeScalars.dropFirst())
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
