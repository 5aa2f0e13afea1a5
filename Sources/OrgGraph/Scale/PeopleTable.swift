import Foundation

/// A large org held as columns: one row a person, with dense integer indices standing for ids.
///
/// The path for orgs of hundreds of thousands or millions of people from a CSV: it reads the
/// file as a stream straight into arrays, with no per-person objects, and answers chains,
/// reports and common managers through a ``HierarchyIndex``. It reads the same files as
/// `import csv` and treats problems the same way (reported, and the row made a root or left out).
public struct PeopleTable: Sendable {
    public var ids: [String] = []
    public var names: [String] = []
    /// Chinese names, when the source has them (generated orgs do).
    public var zhNames: [String] = []
    /// Index into ``titleNames`` (titles repeat; each is stored once).
    public var titles: [Int32] = []
    public var titleNames: [String] = []
    /// Index into ``unitNames``.
    public var units: [Int32] = []
    public var unitNames: [String] = []
    /// The parent of each unit (-1 at the top), when the source says (generated orgs do).
    public var unitParents: [Int32] = []
    /// The manager's row, -1 for a root.
    public var parent: [Int32] = []
    public var emails: [String]?
    public var starts: [String]?
    public var warnings: [Diagnostic] = []
    public var rowsRead = 0
    /// Row of each id.
    public var row: [String: Int32] = [:]

    public var count: Int { ids.count }

    public init() {}

    /// Reads an HR CSV (the columns `import csv` recognises, `map` overriding the header).
    /// - Parameter progress: called every 65,536 rows with the number read so far.
    /// - Complexity: O(*n*) time; memory about 100 bytes a person plus the text of names.
    public static func load(csv file: String, map: [String: HRField] = [:], progress: ((Int) -> Void)? = nil) throws(DiagnosticError) -> PeopleTable {
        var table = PeopleTable()
        var columns: [HRField: Int] = [:]
        // Column of each field as plain numbers (-1 when absent): looked up a million times.
        var idColumn = -1, nameColumn = -1, firstColumn = -1, lastColumn = -1, managerColumnIndex = -1
        var titleColumn = -1, unitColumn = -1, emailColumn = -1, startColumn = -1
        // Consecutive rows often share a title or unit: remember the last one.
        var lastTitle = ("", Int32(-1)), lastUnit = ("", Int32(-1))
        let estimate = ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 40
        table.row.reserveCapacity(max(16, estimate))
        var width = 0
        var managers: [String] = []
        var lines: [Int32] = []
        var titleIndex: [String: Int32] = [:]
        var unitIndex: [String: Int32] = [:]
        var collector = DiagnosticCollector()
        func intern(_ text: String, _ index: inout [String: Int32], _ names: inout [String]) -> Int32 {
            if let known = index[text] { return known }
            let next = Int32(names.count)
            index[text] = next
            names.append(text)
            return next
        }
        try CSVReader(file: file).forEachRecord { record, line throws(DiagnosticError) in
            if width == 0 {
                let header = record.map { $0.trimmingCharacters(in: .whitespaces) }
                columns = try HRImport(file: file, map: map).columns(of: header)
                width = header.count
                idColumn = columns[.id] ?? -1
                nameColumn = columns[.name] ?? -1
                firstColumn = columns[.firstName] ?? -1
                lastColumn = columns[.lastName] ?? -1
                managerColumnIndex = columns[.manager] ?? -1
                titleColumn = columns[.title] ?? -1
                unitColumn = columns[.unit] ?? -1
                emailColumn = columns[.email] ?? -1
                startColumn = columns[.start] ?? -1
                table.ids.reserveCapacity(estimate)
                table.names.reserveCapacity(estimate)
                table.titles.reserveCapacity(estimate)
                table.units.reserveCapacity(estimate)
                managers.reserveCapacity(estimate)
                lines.reserveCapacity(estimate)
                if columns[.email] != nil { table.emails = [] }
                if columns[.start] != nil { table.starts = [] }
                return
            }
            guard record.count == width else {
                throw DiagnosticError(.error("row has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(width); check the quoting of this row",
                                             at: SourceLocation(file: file, line: line, column: 1)))
            }
            table.rowsRead += 1
            if table.rowsRead & 0xFFFF == 0 { progress?(table.rowsRead) }
            func value(_ column: Int) -> String { column >= 0 ? HRImport.cell(record[column]) : "" }
            let id = value(idColumn)
            guard !id.isEmpty else {
                collector.warning("row has no id; left out", at: SourceLocation(file: file, line: line, column: idColumn + 1))
                return
            }
            // One hash of the id: insert, and put the first row back if it was a duplicate.
            if let first = table.row.updateValue(Int32(table.ids.count), forKey: id) {
                table.row[id] = first
                collector.warning("duplicate id '\(id)'; the row is left out (the first with this id is kept)",
                                  at: SourceLocation(file: file, line: line, column: idColumn + 1))
                return
            }
            table.ids.append(id)
            var name = value(nameColumn)
            if name.isEmpty { name = [value(firstColumn), value(lastColumn)].filter { !$0.isEmpty }.joined(separator: " ") }
            table.names.append(name.isEmpty ? id : name)
            let title = value(titleColumn)
            if title != lastTitle.0 || lastTitle.1 < 0 { lastTitle = (title, intern(title, &titleIndex, &table.titleNames)) }
            table.titles.append(lastTitle.1)
            let unitText = value(unitColumn)
            let unit = unitText.isEmpty ? "Organization" : unitText
            if unit != lastUnit.0 || lastUnit.1 < 0 { lastUnit = (unit, intern(unit, &unitIndex, &table.unitNames)) }
            table.units.append(lastUnit.1)
            if table.emails != nil { table.emails!.append(value(emailColumn)) }
            if table.starts != nil { table.starts!.append(value(startColumn)) }
            managers.append(value(managerColumnIndex))
            lines.append(Int32(line))
        }
        if width == 0 {
            throw DiagnosticError(.error("the file is empty; expected a header line and rows", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        if table.rowsRead == 0 {
            throw DiagnosticError(.error("the file has a header but no rows", at: SourceLocation(file: file, line: 2, column: 1)))
        }
        let managerColumn = (columns[.manager] ?? 0) + 1
        table.parent = [Int32](repeating: -1, count: table.ids.count)
        for (index, manager) in managers.enumerated() where !manager.isEmpty {
            let at = SourceLocation(file: file, line: Int(lines[index]), column: managerColumn)
            if manager == table.ids[index] {
                collector.warning("'\(manager)' reports to themselves; made a root", at: at)
            } else if let row = table.row[manager] {
                table.parent[index] = row
            } else {
                collector.warning("'\(table.ids[index])' reports to unknown id '\(manager)'; made a root", at: at)
            }
        }
        // Cut each cycle where the walk that found it closed it, as the import does.
        for cycle in HierarchyIndex.cycles(table.parent) {
            let v = cycle[0]
            let names = (cycle + [v]).map { "'\(table.ids[Int($0)])'" }.joined(separator: " → ")
            collector.warning("reporting cycle \(names); '\(table.ids[Int(v)])' made a root",
                              at: SourceLocation(file: file, line: Int(lines[Int(v)]), column: managerColumn))
            table.parent[Int(v)] = -1
        }
        table.warnings = collector.sorted
        return table
    }

    /// The row of a person named by id, or by exact name when no id matches.
    public func lookup(_ who: String) -> LookupResult {
        if let row = row[who] { return .found(.person(PersonID(ids[Int(row)]))) }
        let key = Org.matchKey(who)
        let matches = names.indices.filter { Org.matchKey(names[$0]) == key }
        if matches.count == 1 { return .found(.person(PersonID(ids[matches[0]]))) }
        if matches.count > 1 { return .ambiguous(matches.prefix(20).map { .person(PersonID(ids[$0])) }) }
        return .notFound(suggestions: [])
    }

    /// The unit id `import csv` gives a unit name.
    func unitID(_ index: Int32) -> String {
        let name = unitNames[Int(index)]
        return "u." + HRImport.slug(name == "Organization" ? "organization" : name)
    }

    /// `{"person", "name", "post", "title", "unit", "link"}`, as ``ChainFormatter`` writes for the
    /// same org imported.
    public func stepJSON(_ row: Int, link: LinkKind?) -> JSONValue {
        let title = titleNames[Int(titles[row])]
        return .object([
            ("person", .string(ids[row])),
            ("name", .object([("en", .string(names[row]))])),
            ("post", .string("post.\(ids[row])")),
            ("title", title.isEmpty ? .object([]) : .object([("en", .string(title))])),
            ("unit", .string(unitID(units[row]))),
            ("link", JSONValue(link?.rawValue)),
        ])
    }

    /// The org as the general model, for everything but the fast queries.
    public func org() -> Org {
        var org = Org()
        var unitIDs: [String] = []
        for (index, name) in unitNames.enumerated() {
            let id = unitID(Int32(index))
            unitIDs.append(id)
            org.units[UnitID(id)] = Unit(id: UnitID(id), name: LocalizedText(["en": name]))
        }
        for row in 0..<count {
            var attributes = Attributes()
            if let email = emails?[row], !email.isEmpty { attributes["email"] = email }
            if let start = starts?[row], !start.isEmpty { attributes["start"] = start }
            org.people[PersonID(ids[row])] = Person(id: PersonID(ids[row]), name: LocalizedText(["en": names[row]]), attributes: attributes)
            let title = titleNames[Int(titles[row])]
            let post = PostID("post.\(ids[row])")
            org.posts[post] = Post(id: post, title: title.isEmpty ? LocalizedText() : LocalizedText(["en": title]), unit: UnitID(unitIDs[Int(units[row])]),
                                   reportsTo: parent[row] >= 0 ? ReportingLine(to: PostID("post.\(ids[Int(parent[row])])")) : nil,
                                   holders: [PersonID(ids[row])])
        }
        return org
    }
}
