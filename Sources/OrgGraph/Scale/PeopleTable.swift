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
    /// Names of the units, in order of first use; setting them gives each its id.
    public var unitNames: [String] = [] {
        didSet { unitIDs = HRImport.unitIDs(forNames: unitNames) }
    }
    /// The id of each unit, by the rule `import csv` follows.
    public private(set) var unitIDs: [String] = []
    /// The parent of each unit (-1 at the top), when the source says (generated orgs do).
    public var unitParents: [Int32] = []
    /// The manager's row, -1 for a root.
    public var parent: [Int32] = []
    public var emails: [String]?
    public var starts: [String]?
    public var warnings: [Diagnostic] = []
    public var rowsRead = 0
    /// Row of each id, in pieces read side by side: each maps ids to rows counted from its
    /// offset. Ids are unique across pieces.
    var rowShards: [(rows: [String: Int32], offset: Int32)] = []

    /// The row of an id.
    public func row(of id: String) -> Int32? {
        for shard in rowShards {
            if let row = shard.rows[id] { return row + shard.offset }
        }
        return nil
    }

    /// Sets the rows of ids as one piece.
    mutating func indexRows() {
        var rows: [String: Int32] = [:]
        rows.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() { rows[id] = Int32(index) }
        rowShards = [(rows, 0)]
    }

    public var count: Int { ids.count }

    public init() {}

    /// The row of a person named by id, or by exact name when no id matches.
    public func lookup(_ who: String) -> LookupResult {
        if let row = row(of: who) { return .found(.person(PersonID(ids[Int(row)]))) }
        let key = Org.matchKey(who)
        let matches = names.indices.filter { Org.matchKey(names[$0]) == key }
        if matches.count == 1 { return .found(.person(PersonID(ids[matches[0]]))) }
        if matches.count > 1 { return .ambiguous(matches.prefix(20).map { .person(PersonID(ids[$0])) }) }
        return .notFound(suggestions: [])
    }

    /// The unit id `import csv` gives a unit name.
    func unitID(_ index: Int32) -> String { unitIDs[Int(index)] }

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
