import OrderedCollections

/// An org held compactly: units, posts and people as rows with dense integer indices, every
/// reference resolved to a row and every solid line (written or implied) to the post above.
///
/// The one representation that every reader fills through `OrgBuilder` (which also checks
/// it), whatever the file: YAML, JSON or an HR export. Names and titles are interned, so a
/// title shared by ten thousand posts is kept once; provenance, attributes, kinds and aliases,
/// which most elements lack, live in sparse side tables. ``Org`` is a view of it for library
/// users (``org()``), and ``OrgCore/init(_:sourceMap:)`` builds one from an ``Org`` made in code.
///
/// Memory: about 40 bytes a post and 30 a person, plus each distinct text once.
public struct OrgCore: Sendable {
    /// The kind of an element: unit, post or person.
    public enum Kind: Int, Sendable, CustomStringConvertible {
        /// A unit, a post (a position in a unit) or a person.
        case unit, post, person

        public var description: String {
            switch self {
            case .unit: "unit"
            case .post: "post"
            case .person: "person"
            }
        }
    }

    /// The date this version describes.
    public var asOf: Day?
    /// A title for the org, e.g. `Kuaishou`.
    public var title: String?
    /// The documents the org's facts cite, by id.
    public var sources: OrderedDictionary<SourceID, Source> = [:]

    /// The id of each unit, by row, in the order read.
    public internal(set) var unitIDs: [String] = []
    var unitName: [Int32] = []
    var unitKind: [Int32: String] = [:]
    /// The parent unit's row, -1 at the top.
    public internal(set) var unitParent: [Int32] = []
    /// The head post's row of each unit, -1 for a unit without one.
    var unitHead: [Int32] = []

    /// The id of each post, by row, in the order read.
    public internal(set) var postIDs: [String] = []
    var postTitle: [Int32] = []
    var postUnit: [Int32] = []
    /// The unit id written for a post whose unit is not in the org (an org with errors), so
    /// that its value view keeps what was written.
    var danglingUnit: [Int32: String] = [:]
    var postIsHead: [Bool] = []
    var postIsStaff: [Bool] = []
    /// The post each post's written solid line goes to, -1 where none is written.
    var writtenLine: [Int32] = []
    /// The post each post reports to by its solid line, written or implied; -1 at the top.
    public internal(set) var superior: [Int32] = []
    /// Whether that line is implied by the unit tree rather than written.
    var superiorImplied: [Bool] = []
    /// The cycles of solid lines (written or implied) that were cut to make ``superior`` a
    /// forest, each from the post whose line was cut, as ``HierarchyIndex/cycles(_:)`` finds them.
    public internal(set) var cutCycles: [[Int32]] = []
    /// Holders of post *i* are `holderRows[holderStart[i]..<holderStart[i + 1]]`, in the order written.
    var holderStart: [Int32] = [0]
    var holderRows: [Int32] = []
    /// Dotted lines of the posts that have them.
    var dotted: [Int32: [Int32]] = [:]

    /// The id of each person, by row, in the order read.
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
    var ids = IDTable()

    /// Provenance and attributes of the elements that have them, keyed `row << 2 | kind`.
    var provenance: [Int: Provenance] = [:]
    var attributes: [Int: Attributes] = [:]
    /// Provenance of written solid lines, and of dotted lines (beside ``dotted``), that have it.
    var lineProvenance: [Int32: Provenance] = [:]
    var dottedProvenance: [Int32: [Provenance]] = [:]

    /// Problems found when the core was built: only warnings for an org read from a file (one with
    /// errors is not loaded); errors too for one built by ``OrgCore/init(_:sourceMap:)``.
    public var warnings: [Diagnostic] = []

    /// An empty org: no units, posts or people.
    public init() {}

    /// The number of people.
    public var peopleCount: Int { personIDs.count }

    /// What an id names, and its row.
    public func element(_ id: String) -> (kind: Kind, row: Int)? {
        element(id, hash: ids.hash(id))
    }

    /// The element with this id, whose hash for the id table (``IDTable/hash(_:)``) is given.
    func element(_ id: String, hash: UInt64) -> (kind: Kind, row: Int)? {
        guard let code = code(of: id, hash: hash) else { return nil }
        return (Kind(rawValue: code & 3)!, code >> 2)
    }

    /// The `row << 2 | kind` code of an id whose hash is given.
    @inline(__always)
    func code(of id: String, hash: UInt64) -> Int? {
        ids.find(hash) { id == self.id(code: $0) }
    }

    /// The id an element's code stands for.
    @inline(__always)
    func id(code: Int) -> String {
        switch code & 3 {
        case 0: unitIDs[code >> 2]
        case 1: postIDs[code >> 2]
        default: personIDs[code >> 2]
        }
    }

    static func key(_ kind: Kind, _ row: Int) -> Int { row << 2 | kind.rawValue }

    /// The holders of a post, first holder first.
    func holders(of post: Int) -> ArraySlice<Int32> {
        holderRows[Int(holderStart[post])..<Int(holderStart[post + 1])]
    }

    /// The first holder's row, -1 for a vacant post.
    func firstHolder(_ post: Int) -> Int32 {
        let start = Int(holderStart[post])
        return start < Int(holderStart[post + 1]) ? holderRows[start] : -1
    }

    /// The element a person means by `text`: an id, a name in any language, an alias, or a
    /// post's title. Case, spaces, hyphens and dots are ignored in names (`Liu Xiao`, `liuxiao`).
    /// Nothing found, it suggests up to eight elements whose names contain the text, are
    /// contained in it, or are within two edits of it.
    ///
    /// - Complexity: O(1) for an id; else O(*n*) in the number of elements and distinct texts.
    public func lookup(_ text: String) -> LookupResult {
        if let (kind, row) = element(text) { return .found(orgElement(kind, row)) }
        let key = Org.matchKey(text)
        guard !key.isEmpty else { return .notFound(suggestions: []) }
        // How near each distinct text comes: 0 exact, 1 containing or contained, 2 and 3 edits.
        func nearness(_ name: String) -> UInt8 {
            let other = Org.matchKey(name)
            if other.isEmpty { return .max }
            if other == key { return 0 }
            if other.contains(key) || key.contains(other) { return 1 }
            let distance = Suggestions.editDistance(Array(key), Array(other), limit: 2)
            return distance <= 2 ? UInt8(distance) + 2 : .max
        }
        let textNearness = texts.map { $0.values.values.map(nearness).min() ?? .max }
        var exact: [OrgElement] = []
        var near: [(UInt8, OrgElement)] = []
        func consider(_ element: OrgElement, _ id: String, _ text: Int32, _ more: [String] = []) {
            let best = min(nearness(id), textNearness[Int(text)], more.map(nearness).min() ?? .max)
            if best == 0 {
                exact.append(element)
            } else if best != .max {
                near.append((best == 1 ? 0 : best - 2, element))
            }
        }
        for row in personIDs.indices {
            consider(.person(PersonID(personIDs[row])), personIDs[row], personName[row], personAliases[Int32(row)] ?? [])
        }
        for row in unitIDs.indices { consider(.unit(UnitID(unitIDs[row])), unitIDs[row], unitName[row]) }
        for row in postIDs.indices { consider(.post(PostID(postIDs[row])), postIDs[row], postTitle[row]) }
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 { return .ambiguous(exact) }
        let suggestions = near.enumerated().sorted { a, b in
            a.element.0 != b.element.0 ? a.element.0 < b.element.0 : a.offset < b.offset
        }.prefix(8).map(\.element.1)
        return .notFound(suggestions: Array(suggestions))
    }

    /// Gives elements new ids, one after another; references are rows, so nothing else changes.
    mutating func changeIDs(_ renames: [(from: String, to: String)]) {
        for (from, to) in renames {
            let hash = ids.hash(from)
            guard let code = code(of: from, hash: hash) else { continue }
            let (kind, row) = (Kind(rawValue: code & 3)!, code >> 2)
            ids.remove(hash, code: code)
            // An element that had the new id already is no longer found by it: the renamed one is.
            let target = ids.hash(to)
            if let taken = self.code(of: to, hash: target) { ids.remove(target, code: taken) }
            ids.insert(target, code: code)
            switch kind {
            case .unit: unitIDs[row] = to
            case .post: postIDs[row] = to
            case .person: personIDs[row] = to
            }
        }
    }

    /// A short description for lists of candidates: `person 'liu-xiao' (刘逍 Liu Xiao)`.
    public func describe(_ element: OrgElement, language: LanguagePreference = .both) -> String {
        var name = ""
        if let (kind, row) = self.element(element.id) {
            switch kind {
            case .unit: name = texts[Int(unitName[row])].display(language)
            case .post:
                let holder = firstHolder(row)
                name = [texts[Int(postTitle[row])].display(language), holder >= 0 ? texts[Int(personName[Int(holder)])].display(language) : ""]
                    .filter { !$0.isEmpty }.joined(separator: ", ")
            case .person: name = texts[Int(personName[row])].display(language)
            }
        }
        return name.isEmpty ? "\(element.kindName) '\(element.id)'" : "\(element.kindName) '\(element.id)' (\(name))"
    }

    private func orgElement(_ kind: Kind, _ row: Int) -> OrgElement {
        switch kind {
        case .unit: .unit(UnitID(unitIDs[row]))
        case .post: .post(PostID(postIDs[row]))
        case .person: .person(PersonID(personIDs[row]))
        }
    }

    /// The post row that stands for an element: a person's primary post, a post, a unit's head;
    /// with the person's row when a person was named (a post or a unit stands for whoever holds
    /// it, as its answers show).
    func postRow(for element: OrgElement) -> (post: Int, person: Int?)? {
        guard let (kind, row) = self.element(element.id) else { return nil }
        switch kind {
        case .person: return primary[row] >= 0 ? (Int(primary[row]), row) : nil
        case .post: return (row, nil)
        case .unit:
            let head = Int(unitHead[row])
            return head >= 0 ? (head, nil) : nil
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

    // MARK: The value view

    /// The unit a post is in, as written where it is not in the org.
    func unitID(ofPost row: Int) -> UnitID {
        let unit = postUnit[row]
        return UnitID(unit >= 0 ? unitIDs[Int(unit)] : danglingUnit[Int32(row)] ?? "")
    }

    func unit(_ row: Int) -> Unit {
        let parent = unitParent[row]
        return Unit(id: UnitID(unitIDs[row]), name: texts[Int(unitName[row])], kind: Self.sparse(unitKind, Int32(row)),
                    parent: parent >= 0 ? UnitID(unitIDs[Int(parent)]) : nil,
                    provenance: Self.sparse(provenance, Self.key(.unit, row)) ?? Provenance(),
                    attributes: Self.sparse(attributes, Self.key(.unit, row)) ?? [:])
    }

    func post(_ row: Int) -> Post {
        let line = writtenLine[row]
        let dottedRows = Self.sparse(dotted, Int32(row)) ?? []
        let dottedLines = Self.sparse(dottedProvenance, Int32(row))
        return Post(
            id: PostID(postIDs[row]), title: texts[Int(postTitle[row])], unit: unitID(ofPost: row),
            isHead: postIsHead[row], isStaff: postIsStaff[row],
            reportsTo: line >= 0 ? ReportingLine(to: PostID(postIDs[Int(line)]), provenance: Self.sparse(lineProvenance, Int32(row)) ?? Provenance()) : nil,
            dotted: dottedRows.enumerated().map { ReportingLine(to: PostID(postIDs[Int($0.element)]), provenance: dottedLines?[$0.offset] ?? Provenance()) },
            holders: holders(of: row).map { PersonID(personIDs[Int($0)]) },
            provenance: Self.sparse(provenance, Self.key(.post, row)) ?? Provenance(),
            attributes: Self.sparse(attributes, Self.key(.post, row)) ?? [:])
    }

    func person(_ row: Int) -> Person {
        Person(id: PersonID(personIDs[row]), name: texts[Int(personName[row])], aliases: Self.sparse(personAliases, Int32(row)) ?? [],
               status: personStatus[row], primaryPost: primaryDeclared[row] ? PostID(postIDs[Int(primary[row])]) : nil,
               provenance: Self.sparse(provenance, Self.key(.person, row)) ?? Provenance(),
               attributes: Self.sparse(attributes, Self.key(.person, row)) ?? [:])
    }

    /// Whether post `row` here equals post `otherRow` of `other` as values (`post(row) ==
    /// other.post(otherRow)`), found from the rows without making the values: the diff asks it of
    /// every post a version keeps. Read field by field as ``post(_:)`` makes them.
    func samePost(_ row: Int, as other: OrgCore, _ otherRow: Int) -> Bool {
        guard postIDs[row] == other.postIDs[otherRow], postIsHead[row] == other.postIsHead[otherRow],
            postIsStaff[row] == other.postIsStaff[otherRow],
            unitID(ofPost: row) == other.unitID(ofPost: otherRow),
            texts[Int(postTitle[row])] == other.texts[Int(other.postTitle[otherRow])],
            holders(of: row).elementsEqual(other.holders(of: otherRow), by: { personIDs[Int($0)] == other.personIDs[Int($1)] })
        else { return false }
        let (line, otherLine) = (writtenLine[row], other.writtenLine[otherRow])
        guard (line < 0) == (otherLine < 0) else { return false }
        if line >= 0, postIDs[Int(line)] != other.postIDs[Int(otherLine)]
            || !Self.same(lineProvenance, Int32(row), other.lineProvenance, Int32(otherRow), missing: Provenance())
        {
            return false
        }
        let (lines, otherLines) = (Self.sparse(dotted, Int32(row)) ?? [], Self.sparse(other.dotted, Int32(otherRow)) ?? [])
        guard lines.count == otherLines.count else { return false }
        if !lines.isEmpty {
            let notes = Self.sparse(dottedProvenance, Int32(row)), otherNotes = Self.sparse(other.dottedProvenance, Int32(otherRow))
            for index in lines.indices {
                guard postIDs[Int(lines[index])] == other.postIDs[Int(otherLines[index])],
                    notes?[index] ?? Provenance() == otherNotes?[index] ?? Provenance()
                else { return false }
            }
        }
        return sameFacts(.post, row, as: other, otherRow)
    }

    /// Whether person `row` here equals person `otherRow` of `other` as values, as ``samePost(_:as:_:)``.
    func samePerson(_ row: Int, as other: OrgCore, _ otherRow: Int) -> Bool {
        guard personIDs[row] == other.personIDs[otherRow], personStatus[row] == other.personStatus[otherRow],
            primaryDeclared[row] == other.primaryDeclared[otherRow],
            !primaryDeclared[row] || postIDs[Int(primary[row])] == other.postIDs[Int(other.primary[otherRow])],
            texts[Int(personName[row])] == other.texts[Int(other.personName[otherRow])],
            Self.same(personAliases, Int32(row), other.personAliases, Int32(otherRow), missing: [])
        else { return false }
        return sameFacts(.person, row, as: other, otherRow)
    }

    /// Whether two elements of a kind have the same provenance and attributes.
    private func sameFacts(_ kind: Kind, _ row: Int, as other: OrgCore, _ otherRow: Int) -> Bool {
        let (key, otherKey) = (Self.key(kind, row), Self.key(kind, otherRow))
        return Self.same(provenance, key, other.provenance, otherKey, missing: Provenance())
            && Self.same(attributes, key, other.attributes, otherKey, missing: [:])
    }

    /// Whether two side tables give an element the same value, a missing entry counting as
    /// `missing`, which is made only when one of them has an entry: most elements have none, and
    /// making and comparing empty values for each of a million was most of a diff's first pass.
    @inline(__always)
    private static func same<Key: Hashable, Value: Equatable>(_ table: [Key: Value], _ key: Key, _ other: [Key: Value], _ otherKey: Key,
                                                             missing: @autoclosure () -> Value) -> Bool {
        let (mine, theirs) = (sparse(table, key), sparse(other, otherKey))
        if mine == nil, theirs == nil { return true }
        return mine ?? missing() == theirs ?? missing()
    }

    /// A side table's entry, without hashing the key when the table is empty, as most are.
    @inline(__always)
    private static func sparse<Key: Hashable, Value>(_ table: [Key: Value], _ key: Key) -> Value? {
        table.isEmpty ? nil : table[key]
    }

    /// The whole org as values, in the order its elements were read.
    /// - Complexity: O(*n*).
    public func org() -> Org {
        org(posts: nil, people: nil)
    }

    /// Every unit, and the posts and people (by row) marked, as values in the order read.
    func org(posts: [Bool]?, people: [Bool]?) -> Org {
        var org = Org(asOf: asOf, title: title, sources: sources)
        org.units.reserveCapacity(unitIDs.count)
        org.posts.reserveCapacity(posts.map { $0.lazy.filter { $0 }.count } ?? postIDs.count)
        org.people.reserveCapacity(people.map { $0.lazy.filter { $0 }.count } ?? personIDs.count)
        for row in unitIDs.indices { org.units[UnitID(unitIDs[row])] = unit(row) }
        for row in postIDs.indices where posts?[row] ?? true { org.posts[PostID(postIDs[row])] = post(row) }
        for row in personIDs.indices where people?[row] ?? true { org.people[PersonID(personIDs[row])] = person(row) }
        return org
    }

    /// An org holding the posts, the units and people they need, enough to print answers
    /// about them the way the whole org prints them.
    public func org(for posts: [PostID]) -> Org {
        org(units: [], posts: posts)
    }

    /// An org holding these units (by row), the posts with their units and holders, and these
    /// people (by row): what an answer about them needs to be printed.
    func org(units: [Int], posts: [PostID], people: [Int] = []) -> Org {
        var org = Org(asOf: asOf, title: title, sources: sources)
        func add(unit row: Int) {
            let id = UnitID(unitIDs[row])
            if org.units[id] == nil { org.units[id] = unit(row) }
        }
        func add(person row: Int) {
            let id = PersonID(personIDs[row])
            if org.people[id] == nil { org.people[id] = person(row) }
        }
        for row in units { add(unit: row) }
        for post in posts {
            guard let row = postRow(post), org.posts[post] == nil else { continue }
            if postUnit[row] >= 0 { add(unit: Int(postUnit[row])) }
            for holder in holders(of: row) { add(person: Int(holder)) }
            org.posts[post] = self.post(row)
        }
        for row in people { add(person: row) }
        return org
    }
}

/// The posts each person holds, in post order, kept as offsets into one flat list.
struct PostsByPerson {
    private var start: [Int32]
    private var rows: [Int32]

    /// - Complexity: O(*n*) in posts and holders.
    init(_ core: OrgCore) {
        var start = [Int32](repeating: 0, count: core.personIDs.count + 1)
        for holder in core.holderRows { start[Int(holder) + 1] += 1 }
        for person in core.personIDs.indices { start[person + 1] += start[person] }
        var fill = start
        var rows = [Int32](repeating: 0, count: core.holderRows.count)
        for post in core.postIDs.indices {
            for holder in core.holders(of: post) {
                rows[Int(fill[Int(holder)])] = Int32(post)
                fill[Int(holder)] += 1
            }
        }
        self.start = start
        self.rows = rows
    }

    func posts(of person: Int) -> ArraySlice<Int32> {
        rows[Int(start[person])..<Int(start[person + 1])]
    }
}

extension OrgCore {
    /// The posts each person holds. - Complexity: O(*n*).
    func postsByPerson() -> PostsByPerson { PostsByPerson(self) }
}

/// Finds the elements of one kind of a version of an org by the ids of another version's, asked
/// for in the other's row order. An element kept is usually as far from its own row as the one
/// found before it (joiners and leavers shift every row after them, each shift holding for many
/// rows), so it is looked for there first, without the id table, whose look-ups at a million
/// people each wait for memory.
struct KeptRows {
    private let core: OrgCore
    private let kind: OrgCore.Kind
    private let ids: [String]
    private var shift = 0

    init(of kind: OrgCore.Kind, in core: OrgCore) {
        self.core = core
        self.kind = kind
        ids = switch kind {
        case .unit: core.unitIDs
        case .post: core.postIDs
        case .person: core.personIDs
        }
    }

    /// The row of the element of this kind with `id`, which is at `row` in the other version.
    mutating func row(of id: String, from row: Int) -> Int? {
        let guess = row + shift
        if ids.indices.contains(guess), ids[guess] == id { return guess }
        guard let (found, at) = core.element(id), found == kind else { return nil }
        shift = at - row
        return at
    }
}
