/// A big org read from a JSON org file into columns: units, posts and people as rows with dense
/// integer indices, every reference resolved to a row and every solid line (written or implied)
/// to the post above, ready for a ``HierarchyIndex`` over posts.
///
/// The fast path for JSON orgs of hundreds of thousands or millions of people, as
/// ``PeopleTable`` is for CSV: it reads the normalised form that `export --to json` and
/// `generate` write, with no generic tree, and checks what the general reader checks (ids,
/// references, units, heads, cycles). Names and titles are kept once each; provenance and
/// attributes are checked and not kept, as queries do not print them.
public struct OrgTable: Sendable {
    public enum Kind: Int, Sendable {
        case unit, post, person
    }

    public var asOf: Day?
    public var title: String?

    public internal(set) var unitIDs: [String] = []
    var unitName: [Int32] = []
    /// The parent unit's row, -1 at the top.
    public internal(set) var unitParent: [Int32] = []
    /// The head post's row of each unit, -1 for a unit without one.
    var unitHead: [Int32] = []

    public internal(set) var postIDs: [String] = []
    var postTitle: [Int32] = []
    var postUnit: [Int32] = []
    var postIsHead: [Bool] = []
    /// The post each post reports to by its solid line, written or implied; -1 at the top.
    public internal(set) var superior: [Int32] = []
    /// Whether that line is implied by the unit tree rather than written.
    var superiorImplied: [Bool] = []
    /// The first holder's row, -1 for a vacant post; the rest of a shared post's holders apart.
    var firstHolder: [Int32] = []
    var moreHolders: [Int32: [Int32]] = [:]
    /// Dotted lines of the posts that have them.
    var dotted: [Int32: [Int32]] = [:]

    public internal(set) var personIDs: [String] = []
    var personName: [Int32] = []
    var personAliases: [Int32: [String]] = [:]
    var personStatus: [PersonStatus] = []
    /// The primary post's row (declared, else the first held), -1 for someone holding none.
    var primary: [Int32] = []
    /// Whether the file declares the primary post.
    var primaryDeclared: [Bool] = []

    /// Names and titles, each distinct one stored once.
    var texts: [LocalizedText] = []
    /// Kind and row of every id: `row << 2 | kind`.
    var ids: [String: Int] = [:]

    public var warnings: [Diagnostic] = []

    public init() {}

    public var peopleCount: Int { personIDs.count }

    /// What an id names, and its row.
    public func element(_ id: String) -> (kind: Kind, row: Int)? {
        guard let code = ids[id] else { return nil }
        return (Kind(rawValue: code & 3)!, code >> 2)
    }

    /// The element a name stands for: an id, else an exact name, alias or title (as
    /// ``Org/lookup(_:)`` compares them: case, spaces and hyphens ignored). Gives no suggestions.
    public func lookup(_ who: String) -> LookupResult {
        if let (kind, row) = element(who) { return .found(orgElement(kind, row)) }
        let key = Org.matchKey(who)
        guard !key.isEmpty else { return .notFound(suggestions: []) }
        var textMatches = [Bool](repeating: false, count: texts.count)
        for (index, text) in texts.enumerated() where text.values.values.contains(where: { Org.matchKey($0) == key }) {
            textMatches[index] = true
        }
        var found: [OrgElement] = []
        for row in personIDs.indices
        where textMatches[Int(personName[row])] || (personAliases[Int32(row)]?.contains { Org.matchKey($0) == key } ?? false) {
            found.append(.person(PersonID(personIDs[row])))
        }
        for row in unitIDs.indices where textMatches[Int(unitName[row])] { found.append(.unit(UnitID(unitIDs[row]))) }
        for row in postIDs.indices where textMatches[Int(postTitle[row])] { found.append(.post(PostID(postIDs[row]))) }
        if found.count == 1 { return .found(found[0]) }
        if found.count > 1 { return .ambiguous(Array(found.prefix(20))) }
        return .notFound(suggestions: [])
    }

    private func orgElement(_ kind: Kind, _ row: Int) -> OrgElement {
        switch kind {
        case .unit: .unit(UnitID(unitIDs[row]))
        case .post: .post(PostID(postIDs[row]))
        case .person: .person(PersonID(personIDs[row]))
        }
    }

    /// The post row that stands for an element: a person's primary post, a post, a unit's head.
    func postRow(for element: OrgElement) -> (post: Int, person: Int?)? {
        guard let (kind, row) = self.element(element.id) else { return nil }
        switch kind {
        case .person: return primary[row] >= 0 ? (Int(primary[row]), row) : nil
        case .post: return (row, firstHolder[row] >= 0 ? Int(firstHolder[row]) : nil)
        case .unit:
            let head = Int(unitHead[row])
            guard head >= 0 else { return nil }
            return (head, firstHolder[head] >= 0 ? Int(firstHolder[head]) : nil)
        }
    }

    func postRow(_ post: PostID) -> Int? {
        guard let (kind, row) = element(post.rawValue), kind == .post else { return nil }
        return row
    }

    /// How a post reports to its superior.
    func link(from row: Int) -> LinkKind { superiorImplied[row] ? .implied : .explicit }

    /// Posts with a dotted line to each post, in file order. - Complexity: O(*dotted lines*).
    func dottedReports() -> [Int32: [Int32]] {
        var reports: [Int32: [Int32]] = [:]
        for row in dotted.keys.sorted() {
            for target in dotted[row]! { reports[target, default: []].append(row) }
        }
        return reports
    }

    /// An org holding the posts, the units and people they need, enough to print answers
    /// about them the way the general model prints them.
    public func org(for posts: [PostID]) -> Org {
        var org = Org(asOf: asOf, title: title)
        func addUnit(_ row: Int) {
            let id = UnitID(unitIDs[row])
            guard org.units[id] == nil else { return }
            let parent = unitParent[row]
            org.units[id] = Unit(id: id, name: texts[Int(unitName[row])], parent: parent >= 0 ? UnitID(unitIDs[Int(parent)]) : nil)
        }
        func addPerson(_ row: Int) {
            let id = PersonID(personIDs[row])
            guard org.people[id] == nil else { return }
            org.people[id] = Person(id: id, name: texts[Int(personName[row])], aliases: personAliases[Int32(row)] ?? [],
                                    status: personStatus[row],
                                    primaryPost: primaryDeclared[row] ? PostID(postIDs[Int(primary[row])]) : nil)
        }
        for post in posts {
            guard let row = postRow(post), org.posts[post] == nil else { continue }
            addUnit(Int(postUnit[row]))
            let holderRows = (firstHolder[row] >= 0 ? [firstHolder[row]] : []) + (moreHolders[Int32(row)] ?? [])
            for holder in holderRows { addPerson(Int(holder)) }
            let above = superior[row]
            org.posts[post] = Post(
                id: post, title: texts[Int(postTitle[row])], unit: UnitID(unitIDs[Int(postUnit[row])]), isHead: postIsHead[row],
                reportsTo: above >= 0 && !superiorImplied[row] ? ReportingLine(to: PostID(postIDs[Int(above)])) : nil,
                dotted: (dotted[Int32(row)] ?? []).map { ReportingLine(to: PostID(postIDs[Int($0)])) },
                holders: holderRows.map { PersonID(personIDs[Int($0)]) })
        }
        return org
    }
}
