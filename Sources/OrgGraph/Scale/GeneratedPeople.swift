import Foundation

/// People made by ``OrgGenerator``, as columns: one row a person, with their manager's row.
///
/// The generator's working form, not a model of its own: it is written out as an HR CSV
/// (``csv()``) or as an org (``generalOrg()``), and read back like any other org file.
public struct GeneratedPeople: Sendable {
    /// Each person's id.
    public var ids: [String] = []
    /// Each person's name in English.
    public var names: [String] = []
    /// Chinese names, beside the English ones.
    public var zhNames: [String] = []
    /// Index into ``titleNames`` (titles repeat; each is stored once).
    public var titles: [Int32] = []
    /// The titles, each once, that ``titles`` indexes.
    public var titleNames: [String] = []
    /// Index into ``unitNames``.
    public var units: [Int32] = []
    /// Names of the units, in order of first use; setting them gives each its id.
    public var unitNames: [String] = [] {
        didSet { unitIDs = HRImport.unitIDs(forNames: unitNames) }
    }
    /// The id of each unit, by the rule `import csv` follows.
    public private(set) var unitIDs: [String] = []
    /// The parent of each unit (-1 at the top), where the generator made a unit tree.
    public var unitParents: [Int32] = []
    /// The manager's row, -1 for a root.
    public var parent: [Int32] = []

    /// The number of people.
    public var count: Int { ids.count }

    /// Makes an empty table.
    public init() {}

    /// The people of an org read from an HR export: each person with the title and unit of
    /// their primary post and the first holder of the post above it as their manager.
    /// - Complexity: O(*n*).
    public init(_ core: OrgCore) {
        var titleIndex: [String: Int32] = [:]
        unitNames = core.unitName.map { core.texts[Int($0)].text(in: "en") ?? "" }
        for row in core.personIDs.indices {
            let post = Int(core.primary[row])
            ids.append(core.personIDs[row])
            names.append(core.texts[Int(core.personName[row])].text(in: "en") ?? "")
            let title = post >= 0 ? core.texts[Int(core.postTitle[post])].text(in: "en") ?? "" : ""
            if titleIndex[title] == nil {
                titleIndex[title] = Int32(titleNames.count)
                titleNames.append(title)
            }
            titles.append(titleIndex[title]!)
            units.append(post >= 0 ? core.postUnit[post] : 0)
            let above = post >= 0 ? core.superior[post] : -1
            parent.append(above >= 0 ? core.firstHolder(Int(above)) : -1)
        }
    }

    /// The people as an HR CSV that `import csv` reads back.
    /// - Complexity: O(*n*).
    public func csv() -> String {
        var out = "id,name,manager_id,title,department\n"
        out.reserveCapacity(count * 48)
        for row in 0..<count {
            let manager = parent[row] >= 0 ? ids[Int(parent[row])] : ""
            out += CSVExport.cell(ids[row]) + "," + CSVExport.cell(names[row]) + "," + CSVExport.cell(manager) + ","
                + CSVExport.cell(titleNames[Int(titles[row])]) + "," + CSVExport.cell(unitNames[Int(units[row])]) + "\n"
        }
        return out
    }

    /// The people as an org: one post a person in their unit, units nested where the generator
    /// made a tree (each then headed by its most senior member), names in Chinese and English.
    public func generalOrg() -> Org {
        var org = Org()
        for (index, name) in unitNames.enumerated() {
            let id = UnitID(unitIDs[index])
            let parent = index < unitParents.count && unitParents[index] >= 0 ? UnitID(unitIDs[Int(unitParents[index])]) : nil
            org.units[id] = Unit(id: id, name: LocalizedText(["en": name]), parent: parent)
        }
        var headed = Set<Int32>()
        for row in 0..<count {
            let person = PersonID(ids[row])
            org.people[person] = Person(id: person, name: zhNames.isEmpty ? LocalizedText(["en": names[row]]) : LocalizedText(zh: zhNames[row], en: names[row]))
            let title = titleNames[Int(titles[row])]
            let post = PostID("post.\(ids[row])")
            // The first (most senior, as rows are breadth first) member of a unit heads it.
            org.posts[post] = Post(id: post, title: title.isEmpty ? LocalizedText() : LocalizedText(["en": title]), unit: UnitID(unitIDs[Int(units[row])]),
                                   isHead: !unitParents.isEmpty && headed.insert(units[row]).inserted,
                                   reportsTo: parent[row] >= 0 ? ReportingLine(to: PostID("post.\(ids[Int(parent[row])])")) : nil,
                                   holders: [person])
        }
        return org
    }
}
