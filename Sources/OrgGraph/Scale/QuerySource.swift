/// Where queries get their answers: an ``OrgCore`` (every org file) or a ``PeopleTable`` (CSV
/// files), with its ``HierarchyIndex``. Both give the same steps, reports and managers, and an
/// org holding just what is needed to print them, so output is the same either way.
public enum QuerySource: Sendable {
    case table(PeopleTable, HierarchyIndex)
    /// Posts are the index's nodes.
    case core(OrgCore, HierarchyIndex)

    /// The org's core, built and checked once.
    public init(org: Org) {
        self.init(core: OrgCore(org))
    }

    public init(table: PeopleTable) {
        self = .table(table, HierarchyIndex(parent: table.parent))
    }

    public init(core: OrgCore) {
        self = .core(core, HierarchyIndex(parent: core.superior))
    }

    /// What a name stands for (`lookup` of the org, or of the table's ids and names).
    public func lookup(_ who: String) -> LookupResult {
        switch self {
        case .table(let table, _): return table.lookup(who)
        case .core(let table, _): return table.lookup(who)
        }
    }

    /// A short description for lists of candidates, as ``OrgCore/describe(_:)`` gives it.
    public func describe(_ element: OrgElement) -> String {
        switch self {
        case .core(let core, _): return core.describe(element)
        case .table(let table, _):
            guard let row = table.row(of: element.id) else { return "\(element.kindName) '\(element.id)'" }
            return "\(element.kindName) '\(element.id)' (\(table.names[Int(row)]))"
        }
    }

    private func row(_ post: PostID, _ table: PeopleTable) -> Int? {
        guard post.rawValue.hasPrefix("post.") else { return nil }
        return table.row(of: String(post.rawValue.dropFirst(5))).map(Int.init)
    }

    private func post(_ row: Int, _ table: PeopleTable) -> PostID { PostID("post.\(table.ids[row])") }

    /// The post that stands for an element: a person's primary post, a post, a unit's head.
    public func post(for element: OrgElement) -> (post: PostID, person: PersonID?)? {
        switch self {
        case .table(let table, _):
            guard case .person(let person) = element, table.row(of: person.rawValue) != nil else { return nil }
            return (PostID("post.\(person.rawValue)"), person)
        case .core(let table, _):
            return table.postRow(for: element).map { (PostID(table.postIDs[$0.post]), $0.person.map { PersonID(table.personIDs[$0]) }) }
        }
    }

    /// A chain of post rows as steps: the person asked about first, then each post's first holder.
    private func steps(_ rows: [Int], _ table: OrgCore, holder: PersonID?) -> [ChainStep] {
        rows.enumerated().map { offset, row in
            let first = table.firstHolder(row)
            return ChainStep(post: PostID(table.postIDs[row]),
                             person: offset == 0 && holder != nil ? holder : first >= 0 ? PersonID(table.personIDs[Int(first)]) : nil,
                             link: offset == 0 ? nil : table.link(from: rows[offset - 1]))
        }
    }

    /// The reporting chain from a post to the top.
    /// - Complexity: O(*depth*) on a table; O(*depth*) on the core.
    public func chain(from post: PostID, holder: PersonID?) -> [ChainStep] {
        switch self {
        case .table(let table, let hierarchy):
            guard let start = row(post, table) else { return [] }
            return hierarchy.chain(of: start).enumerated().map { offset, row in
                ChainStep(post: self.post(row, table), person: PersonID(table.ids[row]), link: offset == 0 ? nil : .explicit)
            }
        case .core(let table, let hierarchy):
            guard let start = table.postRow(post) else { return [] }
            return steps(hierarchy.chain(of: start), table, holder: holder)
        }
    }

    /// Reports of a post, as ``OrgIndex/reports(of:depth:includeDotted:)``.
    public func reports(of post: PostID, depth: Int?, includeDotted: Bool) -> [Report] {
        switch self {
        case .table(let table, let hierarchy):
            guard let start = row(post, table) else { return [] }
            var result: [Report] = []
            var stack: [(row: Int, manager: Int, level: Int)] = hierarchy.children(of: start).reversed().map { (Int($0), start, 1) }
            while let (row, manager, level) = stack.popLast() {
                guard depth.map({ level <= $0 }) ?? true else { continue }
                result.append(Report(post: self.post(row, table), manager: self.post(manager, table), link: .explicit, depth: level))
                stack.append(contentsOf: hierarchy.children(of: row).reversed().map { (Int($0), row, level + 1) })
            }
            return result
        case .core(let table, let hierarchy):
            // Depth first, children in file order; dotted-line reports are listed, not followed.
            guard let start = table.postRow(post) else { return [] }
            let dotted = includeDotted ? table.dottedReports() : [:]
            var result: [Report] = []
            var stack: [Report] = []
            func push(_ manager: Int, level: Int) {
                guard depth.map({ level <= $0 }) ?? true else { return }
                let managerID = PostID(table.postIDs[manager])
                var children = hierarchy.children(of: manager).map { Report(post: PostID(table.postIDs[Int($0)]), manager: managerID, link: table.link(from: Int($0)), depth: level) }
                children += (dotted[Int32(manager)] ?? []).map { Report(post: PostID(table.postIDs[Int($0)]), manager: managerID, link: nil, depth: level) }
                stack.append(contentsOf: children.reversed())
            }
            push(start, level: 1)
            while let report = stack.popLast() {
                result.append(report)
                if !report.isDotted, let row = table.postRow(report.post) { push(row, level: report.depth + 1) }
            }
            return result
        }
    }

    /// The first common manager of two posts.
    /// - Complexity: O(log *n*) to find it on a table, plus the two chains' lengths to list them.
    public func common(_ a: (post: PostID, person: PersonID?), _ b: (post: PostID, person: PersonID?)) -> CommonManager? {
        switch self {
        case .table(let table, let hierarchy):
            guard let x = row(a.post, table), let y = row(b.post, table), let meet = hierarchy.lowestCommonAncestor(x, y) else { return nil }
            func steps(_ from: Int) -> [ChainStep] {
                var rows: [Int] = []
                var v = from
                while true {
                    rows.append(v)
                    if v == meet { break }
                    v = Int(hierarchy.parent[v])
                }
                return rows.enumerated().map { ChainStep(post: post($0.element, table), person: PersonID(table.ids[$0.element]), link: $0.offset == 0 ? nil : .explicit) }
            }
            return CommonManager(post: post(meet, table), firstChain: steps(x), secondChain: steps(y))
        case .core(let table, let hierarchy):
            guard let x = table.postRow(a.post), let y = table.postRow(b.post), let meet = hierarchy.lowestCommonAncestor(x, y) else { return nil }
            func rows(_ from: Int) -> [Int] {
                var rows = [from]
                while rows.last! != meet { rows.append(Int(hierarchy.parent[rows.last!])) }
                return rows
            }
            return CommonManager(post: PostID(table.postIDs[meet]), firstChain: steps(rows(x), table, holder: a.person),
                                 secondChain: steps(rows(y), table, holder: b.person))
        }
    }

    /// An org holding the posts, their people and units, enough to print answers about them.
    public func org(for posts: [PostID]) -> Org {
        switch self {
        case .table(let table, _):
            var org = Org()
            for post in posts {
                guard let row = row(post, table), org.posts[post] == nil else { continue }
                let person = PersonID(table.ids[row])
                org.people[person] = Person(id: person, name: LocalizedText(["en": table.names[row]]))
                let unit = UnitID(table.unitID(table.units[row]))
                if org.units[unit] == nil { org.units[unit] = Unit(id: unit, name: LocalizedText(["en": table.unitNames[Int(table.units[row])]])) }
                let title = table.titleNames[Int(table.titles[row])]
                org.posts[post] = Post(id: post, title: title.isEmpty ? LocalizedText() : LocalizedText(["en": title]), unit: unit, holders: [person])
            }
            return org
        case .core(let table, _):
            return table.org(for: posts)
        }
    }
}
