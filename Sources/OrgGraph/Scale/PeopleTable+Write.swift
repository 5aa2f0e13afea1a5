import Foundation

extension PeopleTable {
    /// The table as an HR CSV that `import csv` and the table loader read back.
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

    /// The org as the general model: one post a person in their unit, units nested when the
    /// table knows their parents (each then headed by its most senior member), names in Chinese
    /// and English when it has both.
    public func generalOrg() -> Org {
        var org = self.org()
        if !zhNames.isEmpty {
            for row in 0..<count {
                org.people[PersonID(ids[row])]?.name = LocalizedText(zh: zhNames[row], en: names[row])
            }
        }
        if !unitParents.isEmpty {
            for (index, parent) in unitParents.enumerated() where parent >= 0 {
                org.units[UnitID(unitID(Int32(index)))]?.parent = UnitID(unitID(parent))
            }
            // The first (most senior, as rows are breadth first) member of a unit heads it.
            var headed = Set<Int32>()
            for row in 0..<count where headed.insert(units[row]).inserted {
                org.posts[PostID("post.\(ids[row])")]?.isHead = true
            }
        }
        return org
    }
}

extension OrgGenerator {
    /// Adds what a real org has and a people table cannot say: about 1% vacant posts, 1% dotted
    /// lines and 0.5% shared posts.
    public mutating func decorate(_ org: inout Org) {
        let posts = Array(org.posts.keys)
        guard posts.count > 10 else { return }
        let people = Array(org.people.keys)
        for index in 0..<max(1, posts.count / 100) {
            let superior = posts[int(0...(posts.count - 1))]
            guard let unit = org.posts[superior]?.unit else { continue }
            let id = PostID("vacancy.\(index + 1)")
            org.posts[id] = Post(id: id, title: LocalizedText(zh: "空缺", en: "Open position"), unit: unit, reportsTo: ReportingLine(to: superior))
        }
        let index = OrgIndex(org)
        for _ in 0..<max(1, posts.count / 100) {
            let post = posts[int(0...(posts.count - 1))]
            // A dotted line to someone higher up in the same chain's neighbourhood: the manager's manager.
            guard let manager = index.superior(of: post)?.post, let skip = index.superior(of: manager)?.post,
                org.posts[post]?.dotted.contains(where: { $0.to == skip }) == false
            else { continue }
            org.posts[post]?.dotted.append(ReportingLine(to: skip))
        }
        for _ in 0..<max(1, posts.count / 200) {
            let post = posts[int(0...(posts.count - 1))]
            let person = people[int(0...(people.count - 1))]
            guard org.posts[post]?.holders.contains(person) == false, org.posts[post]?.isHead == false else { continue }
            org.posts[post]?.holders.append(person)
        }
    }
}
