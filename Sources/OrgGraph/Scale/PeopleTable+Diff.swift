/// The differences of two column tables, matched by id, as typed changes in the vocabulary
/// of changesets, with the post and unit ids `import csv` gives.
public struct TableDiff: Sendable {
    public var changes: [Change]
    public var added: Int
    public var removed: Int
    public var newManager: Int
    public var renamed: Int
    public var retitled: Int
    public var movedUnit: Int
    /// People in both versions whose chain of managers (as ids) changed.
    public var chainsChanged: Int
    public var layersBefore: Int
    public var layersAfter: Int
}

extension PeopleTable {
    /// What changed from `old` to this table.
    /// - Complexity: O(*n*) with hashing of ids, plus O(*n*) to find changed chains.
    public func difference(from old: PeopleTable) -> TableDiff {
        var changes: [Change] = []
        func post(_ id: String) -> PostID { PostID("post.\(id)") }
        func line(_ table: PeopleTable, _ row: Int) -> ReportingLine? {
            table.parent[row] >= 0 ? ReportingLine(to: post(table.ids[Int(table.parent[row])])) : nil
        }
        func name(_ text: String) -> LocalizedText { LocalizedText(["en": text]) }
        func title(_ table: PeopleTable, _ row: Int) -> LocalizedText {
            let text = table.titleNames[Int(table.titles[row])]
            return text.isEmpty ? LocalizedText() : name(text)
        }
        var added = 0, removed = 0, newManager = 0, renamed = 0, retitled = 0, movedUnit = 0
        // Unit ids once a unit, not once a person.
        let oldUnitIDs = old.unitNames.indices.map { old.unitID(Int32($0)) }
        let newUnitIDs = unitNames.indices.map { unitID(Int32($0)) }
        // Units by name: new ones first.
        let oldUnits = Set(oldUnitIDs)
        for index in unitNames.indices where !oldUnits.contains(newUnitIDs[index]) {
            changes.append(Change(.addUnit(Unit(id: UnitID(newUnitIDs[index]), name: name(unitNames[index])))))
        }
        // Joiners.
        var oldRowOfNew = [Int32](repeating: -1, count: count)
        var kept = [Bool](repeating: false, count: old.count)
        // Two versions of one export mostly list people in the same order: try the row after
        // the last match before hashing the id.
        var guess = 0
        for row in 0..<count {
            let id = ids[row]
            let found: Int32? = guess < old.count && old.ids[guess] == id ? Int32(guess) : old.row(of: id)
            if let before = found {
                oldRowOfNew[row] = before
                kept[Int(before)] = true
                guess = Int(before) + 1
                continue
            }
            added += 1
            changes.append(Change(.addPerson(Person(id: PersonID(ids[row]), name: name(names[row])))))
        }
        for row in 0..<count where oldRowOfNew[row] < 0 {
            changes.append(Change(.addPost(Post(id: post(ids[row]), title: title(self, row), unit: UnitID(newUnitIDs[Int(units[row])]), holders: [PersonID(ids[row])]))))
        }
        // Their lines once all their posts exist (a joiner may report to another joiner).
        for row in 0..<count where oldRowOfNew[row] < 0 && parent[row] >= 0 {
            changes.append(Change(.setReportsTo(post(ids[row]), from: nil, to: line(self, row))))
        }
        // Changes to those in both.
        for row in 0..<count {
            let before = Int(oldRowOfNew[row])
            guard before >= 0 else { continue }
            let id = ids[row]
            if old.names[before] != names[row] {
                renamed += 1
                changes.append(Change(.renamePerson(PersonID(id), from: name(old.names[before]), to: name(names[row]))))
            }
            let oldTitle = old.titleNames[Int(old.titles[before])], newTitle = titleNames[Int(titles[row])]
            if oldTitle != newTitle {
                retitled += 1
                changes.append(Change(.retitlePost(post(id), from: title(old, before), to: title(self, row))))
            }
            let oldUnit = oldUnitIDs[Int(old.units[before])], newUnit = newUnitIDs[Int(units[row])]
            if oldUnit != newUnit {
                movedUnit += 1
                changes.append(Change(.setAttribute(target: post(id).rawValue, attribute: "unit", from: .text(oldUnit), to: .text(newUnit))))
            }
            let oldManager = old.parent[before] >= 0 ? old.ids[Int(old.parent[before])] : nil
            let newManagerID = parent[row] >= 0 ? ids[Int(parent[row])] : nil
            if oldManager != newManagerID {
                newManager += 1
                changes.append(Change(.setReportsTo(post(id), from: line(old, before), to: line(self, row))))
            }
        }
        // Leavers.
        for row in 0..<old.count where !kept[row] {
            removed += 1
            changes.append(Change(.removePost(Post(id: post(old.ids[row]), title: title(old, row), unit: UnitID(oldUnitIDs[Int(old.units[row])]),
                                                   reportsTo: line(old, row), holders: [PersonID(old.ids[row])]))))
        }
        for row in 0..<old.count where !kept[row] {
            changes.append(Change(.removePerson(Person(id: PersonID(old.ids[row]), name: name(old.names[row])))))
        }
        let newUnits = Set(newUnitIDs)
        for index in old.unitNames.indices where !newUnits.contains(oldUnitIDs[index]) {
            changes.append(Change(.removeUnit(Unit(id: UnitID(oldUnitIDs[index]), name: name(old.unitNames[index])))))
        }
        // A chain changes when one's own manager does or an ancestor's chain does: top down.
        let depths = HierarchyIndex.depths(parent)
        let oldDepths = HierarchyIndex.depths(old.parent)
        var changed = [Bool](repeating: false, count: count)
        var chainsChanged = 0
        // Rows by depth, by counting: shallow first.
        var byDepth = [[Int32]](repeating: [], count: Int(depths.max() ?? 0) + 1)
        for row in 0..<count { byDepth[Int(depths[row])].append(Int32(row)) }
        for level in byDepth { for row32 in level {
            let row = Int(row32)
            let before = Int(oldRowOfNew[row])
            var differs = before < 0
            if !differs {
                let oldManager = old.parent[before] >= 0 ? old.ids[Int(old.parent[before])] : nil
                let newManagerID = parent[row] >= 0 ? ids[Int(parent[row])] : nil
                differs = oldManager != newManagerID || (parent[row] >= 0 && changed[Int(parent[row])])
            }
            changed[row] = differs
            if differs && before >= 0 { chainsChanged += 1 }
        } }
        return TableDiff(changes: changes, added: added, removed: removed, newManager: newManager, renamed: renamed, retitled: retitled,
                         movedUnit: movedUnit, chainsChanged: chainsChanged,
                         layersBefore: Int(oldDepths.max() ?? -1) + 1, layersAfter: Int(depths.max() ?? -1) + 1)
    }
}
