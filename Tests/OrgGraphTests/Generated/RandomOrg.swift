@testable import OrgGraph

/// Generates valid orgs and changed copies of them for property tests.
struct RandomOrg {
    var rng: SplitMix64
    static let surnames = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Smith", "Garcia", "Okafor", "Novak", "Silva"]
    static let given = ["Wei", "Fang", "Min", "Jing", "Lei", "Ana", "Tom", "Ada", "Ravi", "Nia", "Omar", "Lena", "Kai", "Mei", "Ivo"]
    static let hanzi = Array("王李张刘陈杨赵黄周吴伟芳敏静磊")
    static let titles = ["Engineer", "Analyst", "Designer", "Manager", "Director", "Lead", "Intern", "Counsel"]
    static let kinds = ["business-unit", "department", "team", nil]

    init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
    mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    mutating func personName() -> LocalizedText {
        let en = "\(pick(Self.given)) \(pick(Self.surnames))"
        if chance(0.5) { return LocalizedText(["en": en]) }
        return LocalizedText(zh: String([pick(Self.hanzi), pick(Self.hanzi)]), en: en)
    }

    mutating func provenance() -> Provenance {
        switch int(0...3) {
        case 0: Provenance(source: SourceReference(source: "memo", locator: "L\(int(1...99))"))
        case 1: Provenance(source: SourceReference(source: "memo"), confidence: .inferred, note: "implied by the memo")
        default: Provenance()
        }
    }

    /// A valid org: a unit tree, heads for most units, posts that report up the tree (written
    /// or implied), vacant and shared posts, dotted lines, people with several posts.
    mutating func org(units unitCount: Int = 8, people peopleCount: Int = 20) -> Org {
        var org = Org(asOf: Day("2024-01-01"), title: "Generated", sources: ["memo": Source(id: "memo", title: "Memo")])
        for index in 0..<unitCount {
            let parent: UnitID? = index == 0 ? nil : UnitID("u\(int(0...(index - 1)))")
            org.units[UnitID("u\(index)")] = Unit(id: UnitID("u\(index)"), name: LocalizedText(["en": "Unit \(index)"]),
                                                  kind: pick(Self.kinds), parent: parent, provenance: provenance())
        }
        for index in 0..<peopleCount {
            org.people[PersonID("p\(index)")] = Person(id: PersonID("p\(index)"), name: personName(), provenance: provenance())
        }
        var postNumber = 0
        let people = Array(org.people.keys)
        for unit in org.units.keys where chance(0.8) {
            let id = PostID("head.\(unit)")
            org.posts[id] = Post(id: id, title: LocalizedText(["en": "Head"]), unit: unit, isHead: true,
                                 holders: chance(0.9) ? [pick(people)] : [], provenance: provenance())
        }
        for person in people where chance(0.9) {
            postNumber += 1
            let unit = pick(Array(org.units.keys))
            let id = PostID("post\(postNumber)")
            var holders = [person]
            if chance(0.1) { holders.append(pick(people.filter { $0 != person })) }
            org.posts[id] = Post(id: id, title: LocalizedText(["en": pick(Self.titles)]), unit: unit, holders: holders, provenance: provenance())
        }
        for _ in 0..<int(0...3) {
            postNumber += 1
            let id = PostID("post\(postNumber)")
            org.posts[id] = Post(id: id, title: LocalizedText(["en": "Open role"]), unit: pick(Array(org.units.keys)))
        }
        for id in org.posts.keys {
            if chance(0.3), let target = upwardTarget(for: id, in: org) {
                org.posts[id]?.reportsTo = ReportingLine(to: target, provenance: chance(0.3) ? provenance() : Provenance())
                // Posts numbered ...3 with a written line are staff of the post it goes to.
                if id.rawValue.hasSuffix("3") { org.posts[id]?.isStaff = true }
            }
            if chance(0.15), let target = upwardTarget(for: id, in: org) {
                org.posts[id]?.dotted = [ReportingLine(to: target)]
            }
        }
        return org
    }

    /// A post above `post` in the unit tree (never below it), so that lines cannot form a cycle.
    mutating func upwardTarget(for post: PostID, in org: Org) -> PostID? {
        guard let unit = org.posts[post]?.unit else { return nil }
        var ancestors: Set<UnitID> = []
        var current = org.units[unit]?.parent
        while let id = current, ancestors.insert(id).inserted { current = org.units[id]?.parent }
        let candidates = org.posts.values.filter { ancestors.contains($0.unit) }.map(\.id)
        return candidates.isEmpty ? nil : pick(candidates)
    }

    /// A changed copy of `org` that still validates: renames, moves, appointments, new and
    /// departed people, new and closed units, changed lines and provenance.
    mutating func changed(_ org: Org, edits: Int) -> Org {
        var result = org
        var attempts = 0
        var done = 0
        while done < edits, attempts < edits * 20 {
            attempts += 1
            var candidate = result
            edit(&candidate)
            // Keep the org valid; reporting lines must still point up the tree after moves.
            if candidate.validate().allSatisfy({ $0.severity != .error }), linesPointUp(candidate) {
                result = candidate
                done += 1
            }
        }
        result.asOf = Day("2025-01-01")
        return result
    }

    func linesPointUp(_ org: Org) -> Bool {
        return org.reportingCycles().isEmpty
    }

    mutating func edit(_ org: inout Org) {
        let units = Array(org.units.keys)
        let posts = Array(org.posts.keys)
        let people = Array(org.people.keys)
        switch int(0...15) {
        case 0:
            let unit = pick(units)
            org.units[unit]?.name = LocalizedText(["en": "Renamed \(int(1...999))"])
        case 1:
            let unit = pick(units)
            if unit != "u0" { org.units[unit]?.parent = pick(units) }
        case 2:
            let id = UnitID("n\(int(1...9999))")
            if org.units[id] == nil {
                org.units[id] = Unit(id: id, name: LocalizedText(zh: "新部门", en: "New \(id)"), kind: "team", parent: pick(units), provenance: provenance())
            }
        case 3:
            let unit = pick(units)
            if unit != "u0", !org.units.values.contains(where: { $0.parent == unit }) {
                org.units.removeValue(forKey: unit)
                for post in org.posts.values where post.unit == unit { org.posts[post.id]?.unit = "u0" }
            }
        case 4:
            let post = pick(posts)
            org.posts[post]?.title = LocalizedText(["en": pick(Self.titles) + " II"])
        case 5:
            let post = pick(posts)
            let person = pick(people)
            if org.posts[post]?.holders.contains(person) == false { org.posts[post]?.holders = [person] }
        case 6:
            let post = pick(posts)
            org.posts[post]?.holders = []
        case 7:
            let post = pick(posts)
            let line = upwardTarget(for: post, in: org).map { ReportingLine(to: $0, provenance: provenance()) }
            org.posts[post]?.reportsTo = line
            // A post numbered ...7 that gets a written line becomes staff, or stops being so.
            if line != nil, post.rawValue.hasSuffix("7") { org.posts[post]?.isStaff.toggle() }
        case 8:
            let post = pick(posts)
            if let target = upwardTarget(for: post, in: org), org.posts[post]?.dotted.contains(where: { $0.to == target }) == false {
                org.posts[post]?.dotted.append(ReportingLine(to: target))
            } else {
                org.posts[post]?.dotted = []
            }
        case 9:
            let id = PersonID("q\(int(1...9999))")
            if org.people[id] == nil {
                org.people[id] = Person(id: id, name: personName(), aliases: chance(0.3) ? ["Nick"] : [], provenance: provenance())
                let post = PostID("post.\(id)")
                org.posts[post] = Post(id: post, title: LocalizedText(["en": pick(Self.titles)]), unit: pick(units), holders: [id])
            }
        case 10:
            let person = pick(people)
            for post in org.posts.values where post.holders.contains(person) {
                org.posts[post.id]?.holders.removeAll { $0 == person }
            }
            org.people.removeValue(forKey: person)
        case 11:
            let person = pick(people)
            org.people[person]?.name = personName()
        case 12:
            let person = pick(people)
            org.people[person]?.status = pick(PersonStatus.allCases)
        case 13:
            let unit = pick(units)
            org.units[unit]?.provenance = provenance()
            org.units[unit]?.attributes["cost-centre"] = chance(0.5) ? "CC\(int(1...99))" : nil
        case 14:
            let post = pick(posts)
            if org.posts[post] != nil, !org.posts[post]!.isHead { org.posts[post]?.unit = pick(units) }
        default:
            let person = pick(people)
            let held = org.posts.values.filter { $0.holders.contains(person) }.map(\.id)
            org.people[person]?.primaryPost = held.isEmpty ? nil : pick(held)
        }
    }
}
