import Foundation

/// Imports an org written as two tables, as project governance and parliaments publish them
/// (the Kubernetes SIG list, US Congress committees): units with their parents, and memberships
/// of people in units, each with a role.
///
/// - The units table: a unit id, a parent id (empty at the top), a name and a kind (`unit_id,
///   parent_id,name,kind`); other columns become the unit's attributes.
/// - The memberships table: a unit id, a person id, their name and a role or title (`unit_id,
///   github,name,role`); other columns become the person's attributes (the first value given),
///   but `rank`, which belongs to the seat and is kept on a member's post.
///
/// A role that heads a unit (``headRoles``: chair, chairman, lead, head, ...) is the unit's head
/// post, `UNIT#head`, held by everyone with such a role there (co-chairs share it), titled by the
/// first such role written; every other role is a post `UNIT#ROLE` its holders share (the
/// Kubernetes tech leads); a membership without a role is a post of its own, `UNIT#member-PERSON`,
/// titled Member. Heads report to the head of the unit above, and everyone else to their unit's
/// head, as the unit tree implies; so chairs and leads changing show in `diff` as new holders of
/// the same posts.
public struct UnitTableImport {
    /// The path of the units table.
    public var unitsFile: String
    /// The path of the memberships table; nil: units only, with no people or posts.
    public var membersFile: String?
    /// Roles that head their unit, compared in lower case with `_` and `-` as spaces.
    public var headRoles: Set<String>
    /// The day the tables describe (the org's `asOf`).
    public var asOf: Day?

    /// The roles that head a unit by default: chairs, co-chairs, heads, leads and directors.
    public static let defaultHeadRoles: Set<String> = [
        "chair", "chairs", "chairman", "chairwoman", "chairperson", "co chair", "co chairs", "cochair", "cochairman",
        "cochairwoman", "head", "lead", "leads", "director",
    ]

    /// Makes an import of the units table at `unitsFile` and, when given, the memberships table
    /// at `membersFile`.
    public init(unitsFile: String, membersFile: String? = nil, headRoles: Set<String> = Self.defaultHeadRoles, asOf: Day? = nil) {
        self.unitsFile = unitsFile
        self.membersFile = membersFile
        self.headRoles = headRoles
        self.asOf = asOf
    }

    static let unitColumns: [String: [String]] = [
        "id": ["unitid", "id", "unit", "code", "key"], "parent": ["parentid", "parent", "parentunitid", "parentunit"],
        "name": ["name", "unitname", "title", "label"], "kind": ["kind", "type", "unittype"],
    ]
    static let memberColumns: [String: [String]] = [
        "unit": ["unitid", "unit", "committee", "committeeid", "group", "team", "sig"],
        "person": ["personid", "person", "github", "bioguide", "login", "username", "user", "memberid", "member", "email", "id"],
        "name": ["name", "fullname", "personname", "displayname"], "role": ["role", "title", "position", "jobtitle"],
    ]

    /// Which column holds each field, by the first spelling found (in the order of a field's
    /// spellings), and the other columns.
    static func columns(_ header: [String], _ spellings: [String: [String]]) -> (found: [String: Int], others: [Int]) {
        let keys = header.map { String($0.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }) }
        var found: [String: Int] = [:]
        for (field, names) in spellings.sorted(by: { $0.key < $1.key }) {
            for name in names {
                if let index = keys.indices.first(where: { keys[$0] == name && !found.values.contains($0) }) {
                    found[field] = index
                    break
                }
            }
        }
        return (found, header.indices.filter { !found.values.contains($0) })
    }

    /// A role as the head roles are compared: lower case, `_` and `-` as spaces.
    public static func role(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ").trimmingCharacters(in: .whitespaces)
    }

    /// Reads the tables into a checked org, merging repeated memberships with a warning; throws
    /// when a table cannot be read, lacks its id columns, or has an id or unit it cannot take.
    public func run() throws(DiagnosticError) -> ImportResult {
        var org = Org(asOf: asOf)
        var sourceMap = SourceMap(file: unitsFile)
        var warnings = DiagnosticCollector()
        let units = try CSVReader(file: unitsFile).read()
        let (unitColumn, unitOthers) = Self.columns(units.header, Self.unitColumns)
        guard let idColumn = unitColumn["id"], let parentColumn = unitColumn["parent"] else {
            throw DiagnosticError(.error("the units table needs a unit id and a parent id column (such as unit_id,parent_id,name,kind); it has \(units.header.map { "'\($0)'" }.joined(separator: ", "))",
                                         at: SourceLocation(file: unitsFile, line: 1, column: 1)))
        }
        func cell(_ row: [String], _ column: Int?) -> String { column.map { HRImport.cell(row[$0]).trimmingCharacters(in: .whitespaces) } ?? "" }
        var rowsRead = units.rows.count
        var merged = 0
        // A unit id with spaces (a Kubernetes subproject's name) becomes one word, its spaces as
        // '-', the same in every reference to it.
        var unitID: [String: String] = [:]
        var taken: Set<String> = []
        let rawIDs = Set(units.rows.map { cell($0, idColumn) })
        for (row, line) in zip(units.rows, units.lines) {
            let written = cell(row, idColumn)
            let at = SourceLocation(file: unitsFile, line: line, column: idColumn + 1)
            if unitID[written] != nil { throw DiagnosticError(.error("unit '\(written)' is listed again; a unit is one row", at: at)) }
            var id = written
            if TextRules.idProblem(written, "") != nil, !written.isEmpty {
                let word = String(written.unicodeScalars.map { $0.properties.isWhitespace || $0.properties.generalCategory == .control ? "-" : Character($0) })
                id = word
                var number = 2
                while taken.contains(id) || rawIDs.contains(id) {
                    id = word + "-\(number)"
                    number += 1
                }
                warnings.warning("unit id '\(written)' is not one word; it is '\(id)' here", at: at)
            }
            taken.insert(id)
            if let problem = TextRules.idProblem(id, "the unit id of this row") { throw DiagnosticError(.error(problem + "; fix the table", at: at)) }
            unitID[written] = id
        }
        for (row, line) in zip(units.rows, units.lines) {
            let id = unitID[cell(row, idColumn)]!
            let at = SourceLocation(file: unitsFile, line: line, column: idColumn + 1)
            let parent = unitID[cell(row, parentColumn)] ?? cell(row, parentColumn)
            var attributes = Attributes()
            for column in unitOthers where !cell(row, column).isEmpty { attributes[units.header[column].trimmingCharacters(in: .whitespaces)] = cell(row, column) }
            let name = cell(row, unitColumn["name"])
            let kind = cell(row, unitColumn["kind"])
            org.units[UnitID(id)] = Unit(id: UnitID(id), name: LocalizedText(["en": name.isEmpty ? id : name]), kind: kind.isEmpty ? nil : kind,
                                         parent: parent.isEmpty ? nil : UnitID(parent), attributes: attributes)
            sourceMap.record(id, at: at)
            sourceMap.record(id, field: "parent", at: SourceLocation(file: unitsFile, line: line, column: parentColumn + 1))
        }
        if let membersFile {
            let members = try CSVReader(file: membersFile).read()
            rowsRead += members.rows.count
            let (column, others) = Self.columns(members.header, Self.memberColumns)
            guard let unitAt = column["unit"], let personAt = column["person"] else {
                throw DiagnosticError(.error("the memberships table needs a unit id and a person id column (such as unit_id,person_id,name,role); it has \(members.header.map { "'\($0)'" }.joined(separator: ", "))",
                                             at: SourceLocation(file: membersFile, line: 1, column: 1)))
            }
            var seen: Set<[String]> = []
            merged = 0
            for (row, line) in zip(members.rows, members.lines) {
                func at(_ column: Int) -> SourceLocation { SourceLocation(file: membersFile, line: line, column: column + 1) }
                guard let id = unitID[cell(row, unitAt)] else {
                    throw DiagnosticError(.error("unit '\(cell(row, unitAt))' of this membership is not in \((unitsFile as NSString).lastPathComponent)", at: at(unitAt)))
                }
                let unit = UnitID(id)
                let person = cell(row, personAt)
                if let problem = TextRules.idProblem(person, "the person id of this membership") { throw DiagnosticError(.error(problem + "; fix the table", at: at(personAt))) }
                let written = cell(row, column["role"])
                let role = Self.role(written)
                guard seen.insert([unit.rawValue, person, role]).inserted else {
                    warnings.warning("'\(person)' is listed again as \(written.isEmpty ? "a member" : "'\(written)'") of '\(unit.rawValue)'; the row is merged", at: at(personAt))
                    merged += 1
                    continue
                }
                let personID = PersonID(person)
                if org.people[personID] == nil {
                    let name = cell(row, column["name"])
                    org.people[personID] = Person(id: personID, name: LocalizedText(["en": name.isEmpty ? person : name]))
                    sourceMap.record(person, at: at(personAt))
                }
                var rank: String?
                for other in others where !cell(row, other).isEmpty {
                    let name = members.header[other].trimmingCharacters(in: .whitespaces)
                    if name.lowercased() == "rank" { rank = cell(row, other) } else if org.people[personID]!.attributes[name] == nil {
                        org.people[personID]!.attributes[name] = cell(row, other)
                    }
                }
                let isHead = headRoles.contains(role)
                let post = PostID(unit.rawValue + (isHead ? "#head" : written.isEmpty ? "#member-\(person)" : "#" + HRImport.slug(role)))
                if var existing = org.posts[post] {
                    existing.holders.append(personID)
                    org.posts[post] = existing
                } else {
                    let title = written.isEmpty ? "Member" : written.replacingOccurrences(of: "_", with: " ")
                    org.posts[post] = Post(id: post, title: LocalizedText(["en": title]), unit: unit, isHead: isHead, holders: [personID],
                                           attributes: rank.map { ["rank": $0] } ?? [:])
                    sourceMap.record(post.rawValue, at: at(personAt))
                }
            }
        }
        let core = OrgCore(org, sourceMap: sourceMap)
        warnings.append(contentsOf: core.warnings)
        return ImportResult(core: core, warnings: warnings.sorted, rowsRead: rowsRead, rowsImported: rowsRead - merged, rowsDropped: merged)
    }
}
