import OrderedCollections

extension Org {
    /// The changeset that turns `old` into this org: typed changes, never a flat list of
    /// additions and removals.
    ///
    /// Elements are matched by id first. Elements left over on both sides are matched by
    /// content (names, titles, holders and place in the tree, as git matches renamed files);
    /// such a match becomes a `set-attribute id` change carrying its similarity, then the
    /// differences of the matched pair. Applying the result to `old` gives this org (equal once
    /// both are ``normalized()``).
    /// - Complexity: O(*n* log *n*) for orgs matched by id; content matching adds
    ///   O(*u*²) for the *u* elements left unmatched by id and by exact name.
    public func difference(from old: Org) -> Changeset {
        let new = OrgCore(self)
        return DiffBuilder.changeset(from: OrgCore(old), to: new, newSource: QuerySource(core: new))
    }

    /// The org with its elements in id order, holders, dotted lines and attributes sorted: two versions
    /// with the same facts are equal once normalized, whatever order they were written in.
    public func normalized() -> Org {
        var org = self
        org.sources.sort { $0.key < $1.key }
        org.units.sort { $0.key < $1.key }
        org.people.sort { $0.key < $1.key }
        org.posts.sort { $0.key < $1.key }
        // Primary posts depend on order when not declared; declare them before reordering.
        let index = OrgIndex(self)
        for key in org.people.keys where org.people[key]?.primaryPost == nil {
            org.people[key]?.primaryPost = index.primaryPost(of: key)
        }
        for key in org.posts.keys {
            org.posts[key]?.holders.sort()
            org.posts[key]?.dotted.sort { $0.to < $1.to }
            org.posts[key]?.attributes.sort { $0.key < $1.key }
        }
        for key in org.units.keys { org.units[key]?.attributes.sort { $0.key < $1.key } }
        for key in org.people.keys { org.people[key]?.attributes.sort { $0.key < $1.key } }
        return org
    }
}

/// Builds a changeset from two versions, phase by phase, so that every change finds the state
/// it expects: additions, then changes, then removals.
struct DiffBuilder {
    var old: Org
    let new: Org
    /// The new version's index, built once: it does not change.
    let newIndex: OrgIndex
    var changes: [Change] = []
    /// Units the new version adds: the parts a split can give its posts to.
    private var createdUnits: Set<UnitID> = []
    /// The ids content matching, the first phase, changed, once it has run (``matchIDs()``).
    private var matched: [(from: String, to: String)]?
    /// The post that stood by its place alone (none declared) for each person of the old
    /// version holding several posts, where they still hold it in the new one: named by a change
    /// of their primary post (``primaryBefore(_:declared:firstPosts:)``).
    private var firstThatStays: [PersonID: PostID] = [:]
    /// The people whose first post ``pinPrimaryPostsThatGo()`` named at the start.
    private var pinned: Set<PersonID> = []

    /// Which kinds are matched by content, and which ids the whole old version uses: decided
    /// over the whole of both versions, as `old` and `new` may be parts of them (``DiffScope``).
    let kinds: ContentMatcher.Kinds
    let taken: (String) -> Bool

    init(old: Org, new: Org, newIndex: OrgIndex, kinds: ContentMatcher.Kinds, taken: @escaping (String) -> Bool) {
        self.old = old
        self.new = new
        self.newIndex = newIndex
        self.kinds = kinds
        self.taken = taken
    }

    mutating func build() -> Changeset {
        var changeset = Changeset(effective: new.asOf, previous: old.asOf)
        for (id, source) in old.sources where new.sources[id] != source {
            changeset.removedSources[id] = source
        }
        for (id, source) in new.sources where old.sources[id] != source {
            changeset.addedSources[id] = source
        }
        _ = matchIDs()
        pinPrimaryPostsThatGo()
        addPeople()
        addUnits()
        changeUnits()
        addPosts()
        changePosts()
        changePeople()
        mergeOrRemoveUnits()
        settlePrimaryPosts()
        changeset.changes = changes
        return changeset
    }

    private mutating func emit(_ op: ChangeOp) {
        // Keep `old` in step, so later phases see the state each change leaves. A change that
        // does not apply here is a bug in this builder: tests (debug builds) stop on it.
        do {
            try old.apply(op)
        } catch {
            assertionFailure("the diff made a change that does not apply to the version it describes: \(op.name): \(error)")
        }
        changes.append(Change(op))
    }

    // MARK: Matching elements whose ids differ

    /// Elements left over on both sides matched by content, the first phase of ``build()``: their
    /// ids changed in `old` to the new ones. Gives the ids changed, old and new, which no later
    /// phase changes: what needs the old version under its new ids can be made meanwhile.
    mutating func matchIDs() -> [(from: String, to: String)] {
        if let matched { return matched }
        var matcher = ContentMatcher(old: old, new: new, newIndex: newIndex, kinds: kinds, taken: taken)
        let matches = matcher.matches()
        let renames = matches.map { oldID, newID, similarity in
            Change(.setAttribute(target: oldID, attribute: "id", from: .text(oldID), to: .text(newID)), similarity: similarity)
        }
        // Together: each id change alone is a pass over the org.
        var failed = 0
        do {
            try old.changeIDs(renames.map { $0.op.idChange! }, failed: &failed)
        } catch {
            assertionFailure("the diff matched ids that cannot change: \(error)")
        }
        changes += renames
        matched = matches.map { ($0.0, $0.1) }
        return matched!
    }

    // MARK: Units

    private mutating func addUnits() {
        // Parents before children.
        var pending = new.units.values.filter { !old.units.keys.contains($0.id) }
        while !pending.isEmpty {
            let ready = pending.filter { unit in unit.parent.map { old.units.keys.contains($0) || !new.units.keys.contains($0) } ?? true }
            let batch = ready.isEmpty ? [pending[0]] : ready
            for unit in batch {
                var record = unit
                // A parent that is not there yet (a cycle among new units) is set by a move later.
                if let parent = unit.parent, !old.units.keys.contains(parent) { record.parent = nil }
                emit(.addUnit(record))
                createdUnits.insert(unit.id)
            }
            let added = Set(batch.map(\.id))
            pending.removeAll { added.contains($0.id) }
        }
    }

    private mutating func changeUnits() {
        var moves: [(UnitID, UnitID?, UnitID?)] = []
        for unit in new.units.values {
            guard let before = old.units[unit.id] else { continue }
            if before.name != unit.name { emit(.renameUnit(unit.id, from: before.name, to: unit.name)) }
            // Children of a unit that goes are moved with it, below, where a merge can show them.
            if before.parent != unit.parent, !isGoing(before.parent) { moves.append((unit.id, before.parent, unit.parent)) }
            if before.kind != unit.kind {
                emit(.setAttribute(target: unit.id.rawValue, attribute: "kind", from: before.kind.map(AttributeValue.text), to: unit.kind.map(AttributeValue.text)))
            }
            emitCommon(unit.id.rawValue, before.provenance, unit.provenance, before.attributes, unit.attributes)
        }
        // A move that would put a unit under its own descendant waits for the moves that free it.
        while !moves.isEmpty {
            var progressed = false
            for (index, move) in moves.enumerated().reversed() where !wouldCycle(move.0, under: move.2) {
                emit(.moveUnit(move.0, from: old.units[move.0]?.parent, to: move.2))
                moves.remove(at: index)
                progressed = true
            }
            if !progressed, let stuck = moves.first {
                // Units that trade places: lift one to the top first.
                emit(.moveUnit(stuck.0, from: old.units[stuck.0]?.parent, to: nil))
            }
        }
    }

    /// Whether a unit is in the old version only.
    private func isGoing(_ unit: UnitID?) -> Bool {
        guard let unit else { return false }
        return old.units.keys.contains(unit) && !new.units.keys.contains(unit)
    }

    private func wouldCycle(_ unit: UnitID, under parent: UnitID?) -> Bool {
        var current = parent
        var seen: Set<UnitID> = []
        while let id = current, seen.insert(id).inserted {
            if id == unit { return true }
            current = old.units[id]?.parent
        }
        return false
    }

    private mutating func mergeOrRemoveUnits() {
        let removed = old.units.values.filter { !new.units.keys.contains($0.id) }
        // Deepest first, so a unit is empty when its turn comes.
        let depth = Dictionary(uniqueKeysWithValues: removed.map { ($0.id, old.depth(of: $0.id)) })
        for unit in removed.sorted(by: { depth[$0.id]! != depth[$1.id]! ? depth[$0.id]! > depth[$1.id]! : $0.id < $1.id }) {
            let posts = old.posts.values.filter { $0.unit == unit.id }.map(\.id)
            let children = old.units.values.filter { $0.parent == unit.id }.map(\.id)
            // Where the survivors go in the new version.
            let postTargets = Set(posts.compactMap { new.posts[$0]?.unit })
            let unitTargets = Set(children.compactMap { new.units[$0]?.parent ?? nil })
            let targets = postTargets.union(unitTargets)
            let survivorsAll = posts.allSatisfy { new.posts.keys.contains($0) } && children.allSatisfy { new.units.keys.contains($0) }
            if targets.count == 1, let into = targets.first, survivorsAll, !(posts.isEmpty && children.isEmpty), old.units.keys.contains(into) {
                emit(.mergeUnits(into: into, sources: [UnitTransfer(unit: unit.id, posts: posts, units: children, record: old.units[unit.id])]))
                continue
            }
            // Everything in it going to two or more units the new version adds: a split, the parts
            // in the order the unit's posts (then sub-units) first reach them.
            if targets.count >= 2, survivorsAll, targets.allSatisfy({ createdUnits.contains($0) }) {
                var order: [UnitID] = []
                for target in posts.compactMap({ new.posts[$0]?.unit }) + children.compactMap({ new.units[$0]?.parent ?? nil }) where !order.contains(target) {
                    order.append(target)
                }
                let parts = order.map { part in
                    UnitTransfer(unit: part, posts: posts.filter { new.posts[$0]?.unit == part }, units: children.filter { new.units[$0]?.parent == part })
                }
                emit(.splitUnit(unit.id, record: old.units[unit.id], parts: parts))
                continue
            }
            // Whatever is still inside goes where the new version has it (or is removed below).
            for post in posts {
                if let target = new.posts[post]?.unit {
                    emit(.setAttribute(target: post.rawValue, attribute: "unit", from: .text(unit.id.rawValue), to: .text(target.rawValue)))
                }
            }
            for child in children where new.units.keys.contains(child) {
                emit(.moveUnit(child, from: unit.id, to: new.units[child]?.parent))
            }
            if let record = old.units[unit.id] { emit(.removeUnit(record)) }
        }
    }

    // MARK: Posts

    private mutating func addPosts() {
        var deferredLines: [(PostID, ReportingLine?, [ReportingLine])] = []
        // Superiors first, so that most new posts are added with their line in place.
        var pending = new.posts.values.filter { !old.posts.keys.contains($0.id) }
        while !pending.isEmpty {
            let ready = pending.filter { post in post.reportsTo.map { old.posts.keys.contains($0.to) || !new.posts.keys.contains($0.to) } ?? true }
            let batch = ready.isEmpty ? [pending[0]] : ready
            for post in batch {
                var record = post
                // Keep holders who are in the org already (people are added first, so all are).
                record.holders = post.holders.filter { old.people.keys.contains($0) }
                if let line = post.reportsTo, !old.posts.keys.contains(line.to) { record.reportsTo = nil }
                record.dotted = post.dotted.filter { old.posts.keys.contains($0.to) }
                if record.reportsTo != post.reportsTo || record.dotted != post.dotted {
                    deferredLines.append((post.id, record.reportsTo == post.reportsTo ? nil : post.reportsTo,
                                          post.dotted.filter { !old.posts.keys.contains($0.to) }))
                }
                emit(.addPost(record))
            }
            let added = Set(batch.map(\.id))
            pending.removeAll { added.contains($0.id) }
        }
        for (post, line, dotted) in deferredLines {
            if let line { emit(.setReportsTo(post, from: nil, to: line)) }
            for line in dotted { emit(.addDotted(post, line)) }
        }
    }

    private mutating func changePosts() {
        for post in new.posts.values {
            guard let before = old.posts[post.id] else { continue }
            let id = post.id
            if before.title != post.title { emit(.retitlePost(id, from: before.title, to: post.title)) }
            if before.unit != post.unit, !isGoing(before.unit) {
                emit(.setAttribute(target: id.rawValue, attribute: "unit", from: .text(before.unit.rawValue), to: .text(post.unit.rawValue)))
            }
            if before.isHead != post.isHead {
                emit(.setAttribute(target: id.rawValue, attribute: "head", from: .text(String(before.isHead)), to: .text(String(post.isHead))))
            }
            if before.isStaff != post.isStaff {
                emit(.setAttribute(target: id.rawValue, attribute: "staff", from: .text(String(before.isStaff)), to: .text(String(post.isStaff))))
            }
            if before.reportsTo != post.reportsTo { emit(.setReportsTo(id, from: before.reportsTo, to: post.reportsTo)) }
            if before.dotted != post.dotted {
                for line in before.dotted where !post.dotted.contains(line) { emit(.removeDotted(id, line)) }
                for line in post.dotted where !before.dotted.contains(line) { emit(.addDotted(id, line)) }
            }
            // Most posts keep their holders: compared whole first.
            guard before.holders != post.holders else {
                emitCommon(id.rawValue, before.provenance, post.provenance, before.attributes, post.attributes)
                continue
            }
            let leaving = before.holders.filter { !post.holders.contains($0) }
            let arriving = post.holders.filter { !before.holders.contains($0) }
            if let first = arriving.first, !leaving.isEmpty {
                emit(.appoint(id, person: first, replaces: leaving))
                for person in arriving.dropFirst() { emit(.appoint(id, person: person, replaces: [])) }
            } else {
                for person in leaving { emit(.vacate(id, person: person)) }
                for person in arriving { emit(.appoint(id, person: person, replaces: [])) }
            }
            emitCommon(id.rawValue, before.provenance, post.provenance, before.attributes, post.attributes)
        }
    }

    // MARK: People

    private mutating func addPeople() {
        for person in new.people.values where !old.people.keys.contains(person.id) {
            var record = person
            record.primaryPost = nil  // set once their posts exist
            emit(.addPerson(record))
        }
    }

    private mutating func changePeople() {
        // A primary post declared in one version and implied in the other (normalised JSON
        // declares every one) is the same fact: only a different post that stands for the
        // person is a change.
        // The old version's first posts only when a declared primary post differs: found once, then.
        var firstPosts: [PersonID: PostID]?
        for person in new.people.values {
            guard let before = old.people[person.id] else { continue }
            let id = person.id
            if before.name != person.name { emit(.renamePerson(id, from: before.name, to: person.name)) }
            if before.status != person.status { emit(.setStatus(id, from: before.status, to: person.status)) }
            if before.aliases != person.aliases {
                emit(.setAttribute(target: id.rawValue, attribute: "aliases",
                                   from: before.aliases.isEmpty ? nil : .list(before.aliases), to: person.aliases.isEmpty ? nil : .list(person.aliases)))
            }
            // Someone pinned has their declaration said even when it is their first post: the
            // inverse takes it back before it declares the pinned post.
            if before.primaryPost != person.primaryPost, firstPosts == nil { firstPosts = old.firstPosts() }
            if before.primaryPost != person.primaryPost, pinned.contains(id) || before.primaryPost ?? firstPosts![id] != newIndex.primaryPost(of: id) {
                emit(.setAttribute(target: id.rawValue, attribute: "primary",
                                   from: primaryBefore(id, declared: before.primaryPost, firstPosts: firstPosts!).map { .text($0.rawValue) },
                                   to: person.primaryPost.map { .text($0.rawValue) }))
            }
            emitCommon(id.rawValue, before.provenance, person.provenance, before.attributes, person.attributes)
        }
        // Removals, now that nothing new depends on what goes. Each removal from the ordered
        // version is O(n), so the posts and people that go leave `old` together, in one pass.
        let goingPosts = Self.reportsFirst(old.posts.values.filter { !new.posts.keys.contains($0.id) })
        changes += goingPosts.map { Change(.removePost($0)) }
        let goingPostIDs = Set(goingPosts.map(\.id))
        old.posts.removeAll { goingPostIDs.contains($0.key) }
        let goingPeople = old.people.values.filter { !new.people.keys.contains($0.id) }
        let going = Set(goingPeople.map(\.id))
        var held: [PersonID: [PostID]] = [:]
        for post in old.posts.values {
            for holder in post.holders where going.contains(holder) { held[holder, default: []].append(post.id) }
        }
        for person in goingPeople {
            var record = person
            if record.primaryPost != nil {
                emit(.setAttribute(target: person.id.rawValue, attribute: "primary", from: record.primaryPost.map { .text($0.rawValue) }, to: nil))
                record.primaryPost = nil
            }
            for post in held[person.id] ?? [] { emit(.vacate(post, person: person.id)) }
            changes.append(Change(.removePerson(record)))
        }
        old.people.removeAll { going.contains($0.key) }
    }

    /// A person holding several posts, none declared primary, has the first as their primary
    /// post by its place alone, which the inverse need not give back: it adds posts that go
    /// again after those that stay, in reverse order, and leaves the others where the new
    /// version lists them. Where the first post goes, or they leave it and another of their
    /// posts is now listed before it, it is said first (`primary: 'G' → none`), so that the
    /// inverse ends by declaring it; where they keep it, a change of their primary post names
    /// it (``primaryBefore(_:declared:firstPosts:)``). Not covered: a first post they keep,
    /// after another they leave that the new version lists before it (the inverse gives that
    /// one back, first); naming it would print a change where their primary post has none.
    /// - Complexity: O(*n*) in the posts and people.
    private mutating func pinPrimaryPostsThatGo() {
        // Each person's posts in the old version, in file order: the first is the primary one.
        var held: [PersonID: [PostID]] = [:]
        for post in old.posts.values {
            for holder in post.holders { held[holder, default: []].append(post.id) }
        }
        for person in old.people.values where person.primaryPost == nil {
            guard let posts = held[person.id], posts.count > 1 else { continue }
            let post = posts[0]
            let place = new.posts.index(forKey: post)
            if let place, new.posts.values[place].holders.contains(person.id) {
                firstThatStays[person.id] = post
                continue
            }
            // A first post that goes (people who leave too, or whose posts all go); or one that
            // stays, which they leave: it comes back with them, first unless another of their
            // posts that stays is listed before it now.
            if let place, !posts.contains(where: { (new.posts.index(forKey: $0) ?? place) < place }) { continue }
            // It changes nothing here (the first post is the primary one), so `old` is left as it
            // is; `apply` checks it against the first post.
            changes.append(Change(.setAttribute(target: person.id.rawValue, attribute: "primary", from: .text(post.rawValue), to: nil)))
            pinned.insert(person.id)
        }
    }

    /// Posts that go, each before the posts it has a line to (in file order where lines leave
    /// the choice, or go round): the inverse, which adds them back in reverse order, then adds a
    /// post's superiors before it, as ``addPosts()`` does.
    /// - Complexity: O(*n* + *l*), *l* the lines between them.
    static func reportsFirst(_ posts: [Post]) -> [Post] {
        let place = Dictionary(uniqueKeysWithValues: posts.enumerated().map { ($1.id, $0) })
        var targets = [[Int]](repeating: [], count: posts.count)
        var waiting = [Int](repeating: 0, count: posts.count)
        for (index, post) in posts.enumerated() {
            for line in ([post.reportsTo].compactMap { $0 } + post.dotted) {
                if let target = place[line.to], target != index {
                    targets[index].append(target)
                    waiting[target] += 1
                }
            }
        }
        var ready = posts.indices.filter { waiting[$0] == 0 }
        var order: [Int] = []
        var taken = [Bool](repeating: false, count: posts.count)
        var next = 0, firstLeft = 0
        while order.count < posts.count {
            if next == ready.count {
                // Lines that go round: the first left, in file order.
                while taken[firstLeft] { firstLeft += 1 }
                ready.append(firstLeft)
            }
            let index = ready[next]
            next += 1
            if taken[index] { continue }
            taken[index] = true
            order.append(index)
            for target in targets[index] {
                waiting[target] -= 1
                if waiting[target] == 0, !taken[target] { ready.append(target) }
            }
        }
        return order.map { posts[$0] }
    }

    /// A person's primary post, when not declared, is their first post in file order, and the
    /// changes may have reordered posts: declare it where the result would otherwise differ.
    private mutating func settlePrimaryPosts() {
        let firstPosts = old.firstPosts()
        for person in new.people.keys {
            let wanted = newIndex.primaryPost(of: person)
            let declared = old.people[person]?.primaryPost
            if declared ?? firstPosts[person] != wanted, let wanted {
                emit(.setAttribute(target: person.rawValue, attribute: "primary",
                                   from: primaryBefore(person, declared: declared, firstPosts: firstPosts).map { .text($0.rawValue) },
                                   to: .text(wanted.rawValue)))
            }
        }
    }

    /// What a change of a person's primary post names as the post before: the one declared;
    /// else the post that stood for them by its place from the start, while it still does, so
    /// that the inverse declares it (the order of posts the inverse leaves, the new version's,
    /// need not give it back); else none.
    private func primaryBefore(_ person: PersonID, declared: PostID?, firstPosts: [PersonID: PostID]) -> PostID? {
        if let declared { return declared }
        guard let first = firstThatStays[person], firstPosts[person] == first else { return nil }
        return first
    }

    // MARK: Shared fields

    private mutating func emitCommon(_ id: String, _ before: Provenance, _ after: Provenance, _ oldAttributes: Attributes, _ newAttributes: Attributes) {
        if before.source != after.source {
            emit(.setAttribute(target: id, attribute: "source", from: before.source.map { .text($0.description) }, to: after.source.map { .text($0.description) }))
        }
        if before.confidence != after.confidence {
            emit(.setAttribute(target: id, attribute: "confidence", from: before.confidence.map { .text($0.rawValue) }, to: after.confidence.map { .text($0.rawValue) }))
        }
        if before.note != after.note {
            emit(.setAttribute(target: id, attribute: "note", from: before.note.map(AttributeValue.text), to: after.note.map(AttributeValue.text)))
        }
        // Most elements have no attributes in either version.
        guard oldAttributes != newAttributes else { return }
        for key in Set(oldAttributes.keys).union(newAttributes.keys).sorted() where oldAttributes[key] != newAttributes[key] {
            emit(.setAttribute(target: id, attribute: "attributes.\(key)", from: oldAttributes[key].map(AttributeValue.text), to: newAttributes[key].map(AttributeValue.text)))
        }
    }
}

extension Org {
    /// The first post each person holds, in the order of ``posts``: where no primary post is
    /// declared, the one that stands for them, as the org's core has it.
    /// - Complexity: O(*n*) in posts and holders.
    func firstPosts() -> [PersonID: PostID] {
        var first: [PersonID: PostID] = [:]
        first.reserveCapacity(people.count)
        for post in posts.values {
            for holder in post.holders where first[holder] == nil { first[holder] = post.id }
        }
        return first
    }

    /// How many units lie above `unit`.
    ///
    /// - Complexity: O(*d*), *d* the depth of the unit tree.
    public func depth(of unit: UnitID) -> Int {
        var depth = 0
        var seen: Set<UnitID> = [unit]
        var current = units[unit]?.parent
        while let id = current, seen.insert(id).inserted {
            depth += 1
            current = units[id]?.parent
        }
        return depth
    }
}
