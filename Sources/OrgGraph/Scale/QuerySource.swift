/// Where queries get their answers: the general model, or a ``PeopleTable`` with its
/// ``HierarchyIndex`` for big CSV orgs. Both give the same steps, reports and managers, and an
/// org holding just what is needed to print them, so output is the same either way.
public enum QuerySource: Sendable {
    case model(Org, OrgIndex)
    case table(PeopleTable, HierarchyIndex)

    public init(org: Org) {
        self = .model(org, OrgIndex(org))
    }

    public init(table: PeopleTable) {
        self = .table(table, HierarchyIndex(parent: table.parent))
    }

    /// What a name stands for (`lookup` of the org, or of the table's ids and names).
    public func lookup(_ who: String) -> LookupResult {
        switch self {
        case .model(let org, _): org.lookup(who)
        case .table(let table, _): table.lookup(who)
        }
    }

    private func row(_ post: PostID, _ table: PeopleTable) -> Int? {
        guard post.rawValue.hasPrefix("post.") else { return nil }
        return table.row[String(post.rawValue.dropFirst(5))].map(Int.init)
    }

    private func post(_ row: Int, _ table: PeopleTable) -> PostID { PostID("post.\(table.ids[row])") }

    /// The post that stands for an element: a person's primary post, a post, a unit's head.
    public func post(for element: OrgElement) -> (post: PostID, person: PersonID?)? {
        switch self {
        case .model(let org, let index):
            switch element {
            case .person(let person): return index.primaryPost(of: person).map { ($0, person) }
            case .post(let post): return (post, org.posts[post]?.holders.first)
            case .unit(let unit): return index.headPost[unit].map { ($0, org.posts[$0]?.holders.first) }
            }
        case .table(let table, _):
            guard case .person(let person) = element, table.row[person.rawValue] != nil else { return nil }
            return (PostID("post.\(person.rawValue)"), person)
        }
    }

    /// The reporting chain from a post to the top.
    /// - Complexity: O(*depth*) on a table; as ``OrgIndex/reportingChain(from:holder:)`` on the model.
    public func chain(from post: PostID, holder: PersonID?) -> [ChainStep] {
        switch self {
        case .model(_, let index): return index.reportingChain(from: post, holder: holder)
        case .table(let table, let hierarchy):
            guard let start = row(post, table) else { return [] }
            return hierarchy.chain(of: start).enumerated().map { offset, row in
                ChainStep(post: self.post(row, table), person: PersonID(table.ids[row]), link: offset == 0 ? nil : .explicit)
            }
        }
    }

    /// Reports of a post, as ``OrgIndex/reports(of:depth:includeDotted:)``.
    public func reports(of post: PostID, depth: Int?, includeDotted: Bool) -> [Report] {
        switch self {
        case .model(_, let index): return index.reports(of: post, depth: depth, includeDotted: includeDotted)
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
        }
    }

    /// The first common manager of two posts.
    /// - Complexity: O(log *n*) to find it on a table, plus the two chains' lengths to list them.
    public func common(_ a: (post: PostID, person: PersonID?), _ b: (post: PostID, person: PersonID?)) -> CommonManager? {
        switch self {
        case .model(_, let index): return index.firstCommonManager(of: a.post, firstHolder: a.person, and: b.post, secondHolder: b.person)
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
        }
    }

    /// An org holding the posts, their people and units, enough to print answers about them.
    public func org(for posts: [PostID]) -> Org {
        switch self {
        case .model(let org, _): return org
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
        }
    }
}
