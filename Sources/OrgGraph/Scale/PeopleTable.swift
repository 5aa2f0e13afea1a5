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
            func value(_ field: HRField) -> String { columns[field].map { HRImport.cell(record[$0]) } ?? "" }
            let id = value(.id)
            guard !id.isEmpty else {
                collector.warning("row has no id; left out", at: SourceLocation(file: file, line: line, column: (columns[.id] ?? 0) + 1))
                return
            }
            if table.row[id] != nil {
                collector.warning("duplicate id '\(id)'; the row is left out (the first with this id is kept)",
                                  at: SourceLocation(file: file, line: line, column: (columns[.id] ?? 0) + 1))
                return
            }
            table.row[id] = Int32(table.ids.count)
            table.ids.append(id)
            var name = value(.name)
            if name.isEmpty { name = [value(.firstName), value(.lastName)].filter { !$0.isEmpty }.joined(separator: " ") }
            table.names.append(name.isEmpty ? id : name)
            table.titles.append(intern(value(.title), &titleIndex, &table.titleNames))
            let unit = value(.unit)
            table.units.append(intern(unit.isEmpty ? "Organization" : unit, &unitIndex, &table.unitNames))
            table.emails?.append(value(.email))
            table.starts?.append(value(.start))
            managers.append(value(.manager))
            lines.append(Int32(line))
        }
        if width == 0 {
            throw DiagnosticError(.error("the file is empty; expected a header line and rows", at: SourceLocation(file: file, line: 1, column: 1)))
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
        // Cut each cycle where the walk that found it started, as the import does.
        var state = [UInt8](repeating: 0, count: table.ids.count)  // 1 on the current path, 2 done
        var path: [Int32] = []
        for start in 0..<table.ids.count where state[start] == 0 {
            path.removeAll(keepingCapacity: true)
            var v = Int32(start)
            while v >= 0, state[Int(v)] == 0 {
                state[Int(v)] = 1
                path.append(v)
                v = table.parent[Int(v)]
            }
            if v >= 0, state[Int(v)] == 1, let position = path.firstIndex(of: v) {
                let cycle = path[position...]
                let names = (cycle + [v]).map { "'\(table.ids[Int($0)])'" }.joined(separator: " → ")
                collector.warning("reporting cycle \(names); '\(table.ids[Int(v)])' made a root",
                                  at: SourceLocation(file: file, line: Int(lines[Int(v)]), column: managerColumn))
                table.parent[Int(v)] = -1
            }
            for node in path { state[Int(node)] = 2 }
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
