/// Pairs elements that one version has under one id and the other under another (two exports
/// of an HR system), by what they are: names, titles, holders and their place in the tree.
struct ContentMatcher {
    let old: Org
    let new: Org
    /// Old id → new id of matched units and people, so that later matches can compare parents
    /// and managers across versions.
    private var unitMap: [UnitID: UnitID] = [:]
    private var personMap: [PersonID: PersonID] = [:]

    /// Below this similarity two elements are different things.
    static let threshold = 0.5
    /// Above this many leftovers on each side, only exact names are compared (the rest would be
    /// quadratic).
    static let pairwiseLimit = 3_000

    /// The new version's index, which the diff has built already.
    let newIndex: OrgIndex
    /// Which kinds are matched by content, decided over the whole of both versions.
    let kinds: Kinds
    /// Whether the old version (all of it) uses an id: a match may not take one.
    let taken: (String) -> Bool

    /// Which kinds of element are matched by content.
    struct Kinds {
        var units: Bool
        var people: Bool
        var posts: Bool

        /// From the number of units, posts and people of each version and how many ids of each
        /// kind both have (``idsChanged(old:new:shared:)``); posts whenever people are.
        init(old: (units: Int, posts: Int, people: Int), new: (units: Int, posts: Int, people: Int), shared: (units: Int, posts: Int, people: Int)) {
            units = ContentMatcher.idsChanged(old: old.units, new: new.units, shared: shared.units)
            people = ContentMatcher.idsChanged(old: old.people, new: new.people, shared: shared.people)
            posts = people || ContentMatcher.idsChanged(old: old.posts, new: new.posts, shared: shared.posts)
        }
    }

    init(old: Org, new: Org, newIndex: OrgIndex, kinds: Kinds, taken: @escaping (String) -> Bool) {
        self.old = old
        self.new = new
        self.newIndex = newIndex
        self.kinds = kinds
        self.taken = taken
    }

    /// Whether ids of one kind look unrelated between the versions (most elements on either
    /// side have no counterpart of the same id), as between two exports of an HR system. Only
    /// then are people and posts matched by content: where their ids are kept, a new id is a new
    /// element. Units are also paired by their members when most kept their ids
    /// (``pairUnitsByMembers(taken:)``), as an export names a unit after its name.
    static func idsChanged(old: Int, new: Int, shared: Int) -> Bool {
        let larger = max(old, new)
        return larger > 0 && Double(shared) < 0.5 * Double(larger)
    }

    /// Matches as (old id, new id, similarity), units first, then people, then posts.
    mutating func matches() -> [(String, String, Double)] {
        func rounded(_ score: Double) -> Double { (score * 100).rounded() / 100 }
        let (matchUnits, matchPeople, matchPosts) = (kinds.units, kinds.people, kinds.posts)
        var result: [(String, String, Double)] = []
        let taken = self.taken

        // Units, shallow first so that parents are matched before their children are compared.
        let oldUnits = matchUnits ? old.units.values.filter { !new.units.keys.contains($0.id) }.sorted { old.depth(of: $0.id) < old.depth(of: $1.id) } : []
        let newUnits = matchUnits ? new.units.values.filter { !old.units.keys.contains($0.id) } : []
        for unit in old.units.keys where new.units.keys.contains(unit) { unitMap[unit] = unit }
        for pass in [true, false] {
            let mapped = Set(unitMap.values)
            for (a, b, score) in Self.pair(oldUnits.map(\.id).filter { unitMap[$0] == nil }, newUnits.map(\.id).filter { !mapped.contains($0) },
                                           taken: taken, byKey: pass,
                                           key: { Org.nameKeys(old.units[$0]!.name) }, newKey: { Org.nameKeys(new.units[$0]!.name) },
                                           score: { unitScore($0, $1) }) {
                unitMap[a] = b
                result.append((a.rawValue, b.rawValue, rounded(score)))
            }
        }

        if !matchUnits {
            for (a, b, score) in pairUnitsByMembers(taken: taken) {
                unitMap[a] = b
                result.append((a.rawValue, b.rawValue, rounded(score)))
            }
        }

        let oldIndex = matchPeople ? OrgIndex(old) : nil
        // People kept, for comparing managers and holders: only when people or posts are matched.
        if matchPosts {
            for person in old.people.keys where new.people.keys.contains(person) { personMap[person] = person }
        }
        let oldPeople = matchPeople ? old.people.values.filter { !new.people.keys.contains($0.id) }.map(\.id) : []
        let newPeople = matchPeople ? new.people.values.filter { !old.people.keys.contains($0.id) }.map(\.id) : []
        // Exact names first, then everyone left, who can be compared by the managers the first pass matched.
        var matchedNew: Set<PersonID> = []
        for pass in [true, false] {
            for (a, b, score) in Self.pair(oldPeople.filter { personMap[$0] == nil }, newPeople.filter { !matchedNew.contains($0) },
                                           taken: taken, byKey: pass,
                                           key: { Org.nameKeys(old.people[$0]!.name) }, newKey: { Org.nameKeys(new.people[$0]!.name) },
                                           score: { personScore($0, $1, oldIndex!, newIndex) }) {
                personMap[a] = b
                matchedNew.insert(b)
                result.append((a.rawValue, b.rawValue, rounded(score)))
            }
        }

        let oldPosts = matchPosts ? old.posts.values.filter { !new.posts.keys.contains($0.id) }.map(\.id) : []
        let newPosts = matchPosts ? new.posts.values.filter { !old.posts.keys.contains($0.id) }.map(\.id) : []
        for (a, b, score) in Self.pair(oldPosts, newPosts, taken: taken, byKey: true,
                                       key: { [postKey(old.posts[$0]!, mapped: true)] }, newKey: { [postKey(new.posts[$0]!, mapped: false)] },
                                       score: { postScore($0, $1) }) {
            result.append((a.rawValue, b.rawValue, rounded(score)))
        }
        return result
    }

    /// Units that one version has and the other has not, while most units kept their ids,
    /// paired by the people in them: an HR export names a unit after its name, so a renamed
    /// department comes back under another id with the same people.
    /// - Complexity: O(*n*) in the posts, plus the pairs of leftover units that share someone.
    private func pairUnitsByMembers(taken: (String) -> Bool) -> [(UnitID, UnitID, Double)] {
        let gone = Array(old.units.keys.filter { !new.units.keys.contains($0) })
        let came = Array(new.units.keys.filter { !old.units.keys.contains($0) })
        guard !gone.isEmpty, !came.isEmpty else { return [] }
        func members(_ org: Org, _ units: Set<UnitID>) -> [UnitID: Set<PersonID>] {
            var members: [UnitID: Set<PersonID>] = [:]
            for post in org.posts.values where units.contains(post.unit) { members[post.unit, default: []].formUnion(post.holders) }
            return members
        }
        let before = members(old, Set(gone)), after = members(new, Set(came))
        return Self.pair(gone, came, taken: taken, byKey: true,
                         key: { (before[$0] ?? []).map(\.rawValue) }, newKey: { (after[$0] ?? []).map(\.rawValue) },
                         score: { a, b in
                             let x = before[a] ?? [], y = after[b] ?? []
                             let shared = Double(x.intersection(y).count), all = Double(x.union(y).count)
                             return 0.7 * (all > 0 ? shared / all : 0) + 0.3 * Org.similarity(old.units[a]!.name, new.units[b]!.name)
                         })
    }

    // MARK: Scores

    private func unitScore(_ a: UnitID, _ b: UnitID) -> Double {
        let before = old.units[a]!
        let after = new.units[b]!
        let sameParent = before.parent.map { unitMap[$0] } == after.parent.map { Optional($0) } || (before.parent == nil && after.parent == nil)
        return 0.7 * Org.similarity(before.name, after.name) + 0.3 * (sameParent ? 1 : 0)
    }

    private func personScore(_ a: PersonID, _ b: PersonID, _ oldIndex: OrgIndex, _ newIndex: OrgIndex) -> Double {
        let name = Org.similarity(old.people[a]!.name, new.people[b]!.name)
        let oldPost = oldIndex.primaryPost(of: a).flatMap { old.posts[$0] }
        let newPost = newIndex.primaryPost(of: b).flatMap { new.posts[$0] }
        let sameTitle = oldPost != nil && oldPost?.title == newPost?.title
        let oldManager = oldPost.flatMap { oldIndex.superior(of: $0.id) }.flatMap { old.posts[$0.post]?.holders.first }
        let newManager = newPost.flatMap { newIndex.superior(of: $0.id) }.flatMap { new.posts[$0.post]?.holders.first }
        let sameManager = oldManager.flatMap { personMap[$0] } == newManager && (oldManager == nil) == (newManager == nil)
        let sameUnit = oldPost.map { unitMap[$0.unit] } == newPost.map { Optional($0.unit) }
        return 0.5 * name + 0.2 * (sameTitle ? 1 : 0) + 0.2 * (sameManager ? 1 : 0) + 0.1 * (sameUnit ? 1 : 0)
    }

    private func postKey(_ post: Post, mapped: Bool) -> String {
        let holders = post.holders.map { mapped ? (personMap[$0]?.rawValue ?? "?\($0)") : $0.rawValue }.sorted()
        if !holders.isEmpty { return "holders:" + holders.joined(separator: ",") }
        let unit = mapped ? (unitMap[post.unit]?.rawValue ?? "?") : post.unit.rawValue
        return "vacant:\(unit):\(Org.matchKey(post.title.display(.both)))"
    }

    private func postScore(_ a: PostID, _ b: PostID) -> Double {
        let before = old.posts[a]!
        let after = new.posts[b]!
        let sameHolders = !before.holders.isEmpty && postKey(before, mapped: true) == postKey(after, mapped: false)
        let sameUnit = unitMap[before.unit] == after.unit
        let title = Org.similarity(before.title, after.title)
        if sameHolders { return 0.6 + 0.2 * title + 0.2 * (sameUnit ? 1 : 0) }
        if before.holders.isEmpty && after.holders.isEmpty { return 0.5 * title + 0.5 * (sameUnit ? 1 : 0) }
        return 0
    }

    // MARK: Pairing

    /// Greedy best-first pairing: with `byKey`, of candidates that share a key; otherwise, if few
    /// enough are left, of every pair.
    static func pair<ID: Hashable & Comparable & CustomStringConvertible>(
        _ olds: [ID], _ news: [ID], taken: (String) -> Bool, byKey: Bool,
        key: (ID) -> [String], newKey: (ID) -> [String], score: (ID, ID) -> Double
    ) -> [(ID, ID, Double)] {
        var usedOld: Set<ID> = []
        var usedNew: Set<ID> = []
        var result: [(ID, ID, Double)] = []
        func take(_ candidates: [(ID, ID, Double)]) {
            for (a, b, s) in candidates.sorted(by: { $0.2 != $1.2 ? $0.2 > $1.2 : ($0.0, $0.1) < ($1.0, $1.1) })
            where s >= threshold && !usedOld.contains(a) && !usedNew.contains(b) && !taken(b.description) {
                usedOld.insert(a)
                usedNew.insert(b)
                result.append((a, b, s))
            }
        }
        guard byKey else {
            if !olds.isEmpty, !news.isEmpty, olds.count <= pairwiseLimit, news.count <= pairwiseLimit {
                var all: [(ID, ID, Double)] = []
                for a in olds { for b in news { all.append((a, b, score(a, b))) } }
                take(all)
            }
            return result.sorted { $0.0 < $1.0 }
        }
        var buckets: [String: [ID]] = [:]
        for id in news {
            for k in newKey(id) where !k.isEmpty { buckets[k, default: []].append(id) }
        }
        var candidates: [(ID, ID, Double)] = []
        for a in olds {
            var seen: Set<ID> = []
            for k in key(a) where !k.isEmpty {
                for b in buckets[k] ?? [] where seen.insert(b).inserted { candidates.append((a, b, score(a, b))) }
            }
        }
        take(candidates)
        return result.sorted { $0.0 < $1.0 }
    }
}

extension Org {
    /// The match keys of a name in every language it has.
    static func nameKeys(_ text: LocalizedText) -> [String] {
        text.values.values.map(matchKey)
    }

    /// How alike two names are, 0...1: the best over the languages both have (or over all pairs).
    static func similarity(_ a: LocalizedText, _ b: LocalizedText) -> Double {
        var best = 0.0
        let shared = a.values.keys.filter { b.values[$0] != nil }
        let pairs: [(String, String)] = shared.isEmpty
            ? a.values.values.flatMap { x in b.values.values.map { (x, $0) } }
            : shared.map { (a.values[$0]!, b.values[$0]!) }
        for (x, y) in pairs {
            let kx = Array(matchKey(x))
            let ky = Array(matchKey(y))
            let length = max(kx.count, ky.count)
            if length == 0 { continue }
            let distance = Suggestions.editDistance(kx, ky, limit: length)
            best = max(best, 1 - Double(distance) / Double(length))
        }
        return best
    }
}
