import Foundation

/// Makes realistic orgs of any size from a seed, and churned next versions of them, for tests,
/// benchmarks and demos.
///
/// The reporting tree fans out 3 to 12 people a manager, so it grows about log N deep; managers
/// near the top head divisions, departments and teams, whose names their people carry; names
/// are Chinese and English. The same seed always gives the same org.
public struct OrgGenerator {
    private var rng: SplitMix64

    /// Makes a generator whose orgs follow from `seed`: the same seed gives the same orgs.
    public init(seed: UInt64) {
        rng = SplitMix64(seed: seed)
    }

    static let surnames: [(String, String)] = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"),
                                               ("赵", "Zhao"), ("黄", "Huang"), ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"),
                                               ("胡", "Hu"), ("朱", "Zhu"), ("高", "Gao"), ("林", "Lin")]
    static let given: [(String, String)] = [("伟", "Wei"), ("芳", "Fang"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"), ("洋", "Yang"),
                                            ("艳", "Yan"), ("勇", "Yong"), ("军", "Jun"), ("杰", "Jie"), ("娟", "Juan"), ("涛", "Tao"),
                                            ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying"), ("志强", "Zhiqiang")]
    static let titlesByLevel = ["Chief Executive Officer", "Senior Vice President", "Vice President", "Director", "Senior Manager",
                                "Manager", "Team Lead", "Senior Engineer", "Engineer"]
    static let areas = ["Commerce", "Platform", "Growth", "Finance", "Research", "Operations", "Marketing", "Legal", "People", "Design", "Data", "Security"]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &rng) }

    /// An org of `people` people as a column table.
    /// - Complexity: O(*n*).
    public mutating func table(people count: Int) -> GeneratedPeople {
        var table = GeneratedPeople()
        guard count > 0 else { return table }
        table.ids.reserveCapacity(count)
        var depth: [Int32] = []
        var unitOf: [Int32] = []
        var titleIndex: [String: Int32] = [:]
        func title(_ level: Int) -> Int32 {
            let text = Self.titlesByLevel[min(level, Self.titlesByLevel.count - 1)]
            if let known = titleIndex[text] { return known }
            titleIndex[text] = Int32(table.titleNames.count)
            table.titleNames.append(text)
            return Int32(table.titleNames.count - 1)
        }
        func add(parent: Int32, level: Int, unit: Int32) {
            let index = table.ids.count
            table.ids.append("e\(index + 1)")
            let surname = Self.surnames[int(0...(Self.surnames.count - 1))]
            let given = Self.given[int(0...(Self.given.count - 1))]
            table.names.append("\(given.1) \(surname.1)")
            table.zhNames.append(surname.0 + given.0)
            table.parent.append(parent)
            table.titles.append(title(level))
            depth.append(Int32(level))
            unitOf.append(unit)
            table.units.append(unit)
        }
        // Unit names are gathered apart and set once: each setting gives every unit its id.
        var unitNames = ["Company"]
        table.unitParents = [-1]
        add(parent: -1, level: 0, unit: 0)
        // Breadth first: each manager takes 3 to 12 reports until everyone is placed.
        var next = 0
        while table.ids.count < count {
            let manager = next
            next += 1
            let level = Int(depth[manager]) + 1
            // Managers on the three levels below the top head units of their own.
            if (1...3).contains(Int(depth[manager])) {
                let kind = ["Division", "Department", "Team"][Int(depth[manager]) - 1]
                unitNames.append("\(Self.areas[int(0...(Self.areas.count - 1))]) \(kind) \(unitNames.count)")
                table.unitParents.append(unitOf[manager])
                unitOf[manager] = Int32(unitNames.count - 1)
                table.units[manager] = unitOf[manager]
            }
            let reports = min(int(3...12), count - table.ids.count)
            for _ in 0..<reports {
                add(parent: Int32(manager), level: level, unit: unitOf[manager])
            }
        }
        table.unitNames = unitNames
        return table
    }

    /// A next version: about `rate` × 2% of people get a new manager (never one of their own
    /// reports), 1% of units are renamed, 0.5% leave (their reports go to their manager) and 0.5%
    /// join. With `rate` 1 that is the churn of a typical year.
    /// - Complexity: O(*n*).
    public mutating func churned(_ old: GeneratedPeople, rate: Double = 1) -> GeneratedPeople {
        var table = old
        let n = old.count
        guard n > 1 else { return table }
        let hierarchy = HierarchyIndex(parent: old.parent)
        func count(_ share: Double) -> Int { max(1, Int(Double(n) * share * rate)) }
        // Leavers first: their reports move up to the leaver's manager.
        var leaving = Set<Int>()
        var tries = 0
        // Bounded, as a small or odd-shaped org may not have that many who can leave.
        while leaving.count < count(0.005), tries < n * 4 {
            tries += 1
            let v = int(1...(n - 1))
            if !leaving.contains(Int(old.parent[v])) { leaving.insert(v) }
        }
        for v in 0..<n where !leaving.contains(v) {
            var p = table.parent[v]
            while p >= 0, leaving.contains(Int(p)) { p = old.parent[Int(p)] }
            table.parent[v] = p
        }
        // New managers: someone higher up, so no cycle can form.
        var moved = 0
        var attempts = 0
        while moved < count(0.02), attempts < n * 4 {
            attempts += 1
            let v = int(1...(n - 1))
            let candidate = int(0...(n - 1))
            guard !leaving.contains(v), !leaving.contains(candidate), hierarchy.depth[candidate] < hierarchy.depth[v],
                candidate != Int(table.parent[v])
            else { continue }
            table.parent[v] = Int32(candidate)
            moved += 1
        }
        // Renamed units.
        var unitNames = table.unitNames
        for _ in 0..<max(1, Int(Double(unitNames.count) * 0.01 * rate)) {
            let unit = int(0...(unitNames.count - 1))
            unitNames[unit] += " (renamed)"
        }
        // Keep everyone but the leavers, in order, remapping rows.
        var newRow = [Int32](repeating: -1, count: n)
        var kept = GeneratedPeople()
        kept.titleNames = table.titleNames
        kept.unitNames = unitNames
        kept.unitParents = table.unitParents
        for v in 0..<n where !leaving.contains(v) {
            newRow[v] = Int32(kept.ids.count)
            kept.ids.append(table.ids[v])
            kept.names.append(table.names[v])
            if !table.zhNames.isEmpty { kept.zhNames.append(table.zhNames[v]) }
            kept.titles.append(table.titles[v])
            kept.units.append(table.units[v])
            kept.parent.append(table.parent[v])
        }
        for index in kept.parent.indices where kept.parent[index] >= 0 { kept.parent[index] = newRow[Int(kept.parent[index])] }
        // Joiners, under random people.
        var next = n
        for _ in 0..<count(0.005) {
            next += 1
            let manager = Int32(int(0...(kept.ids.count - 1)))
            let surname = Self.surnames[int(0...(Self.surnames.count - 1))]
            let given = Self.given[int(0...(Self.given.count - 1))]
            kept.ids.append("e\(next + 1_000_000_000)")
            kept.names.append("\(given.1) \(surname.1)")
            if !table.zhNames.isEmpty { kept.zhNames.append(surname.0 + given.0) }
            kept.titles.append(kept.titles[Int(manager)] + 1 < Int32(kept.titleNames.count) ? kept.titles[Int(manager)] + 1 : kept.titles[Int(manager)])
            kept.units.append(kept.units[Int(manager)])
            kept.parent.append(manager)
        }
        return kept
    }
}

/// A small, fast, seeded random number generator (SplitMix64), so that generated orgs replay.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    var state: UInt64

    /// Makes a generator starting from `seed`: the same seed gives the same numbers.
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
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
