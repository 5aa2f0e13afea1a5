import Foundation

/// The part of two versions that their diff reads as values: every unit; the posts and people
/// that differ, come or go; and what those changes touch. Two versions of a million people that
/// differ in a few thousand are compared as a few thousand values, in the order of their files.
///
/// Besides the elements that differ, the scope holds, to a fixed point:
/// - the holders of every post in it, and every post of every person in it, in both versions
///   (a person's primary post is their first in file order, so all of them count), and each
///   element's counterpart of the same id in the other version;
/// - everyone holding two posts or more (their order in the file may have changed);
/// - the posts that a post in it reports to, by solid or dotted line, so that its lines can be
///   set; these are kept but not followed further, as nothing about them changes.
struct DiffScope {
    var oldPosts: [Bool]
    var newPosts: [Bool]
    var oldPeople: [Bool]
    var newPeople: [Bool]
    /// How many ids of each kind both versions have.
    var shared: (units: Int, posts: Int, people: Int) = (0, 0, 0)

    /// - Complexity: O(*n*) in both versions' elements and holders.
    init(old: OrgCore, new: OrgCore) {
        oldPosts = Array(repeating: false, count: old.postIDs.count)
        newPosts = Array(repeating: false, count: new.postIDs.count)
        oldPeople = Array(repeating: false, count: old.personIDs.count)
        newPeople = Array(repeating: false, count: new.personIDs.count)
        shared.units = new.unitIDs.lazy.filter { old.element($0)?.kind == .unit }.count

        enum Item { case post(isNew: Bool, row: Int), person(isNew: Bool, row: Int) }
        var pending: [Item] = []
        // In the scope, and followed: its holders, lines, posts and counterpart join too.
        // A post may be kept as a line's target first, and followed later.
        var followedOld = [Bool](repeating: false, count: old.postIDs.count)
        var followedNew = [Bool](repeating: false, count: new.postIDs.count)
        func take(post row: Int, isNew: Bool) {
            guard !(isNew ? followedNew[row] : followedOld[row]) else { return }
            if isNew {
                newPosts[row] = true
                followedNew[row] = true
            } else {
                oldPosts[row] = true
                followedOld[row] = true
            }
            pending.append(.post(isNew: isNew, row: row))
        }
        func take(person row: Int, isNew: Bool) {
            guard !(isNew ? newPeople[row] : oldPeople[row]) else { return }
            if isNew { newPeople[row] = true } else { oldPeople[row] = true }
            pending.append(.person(isNew: isNew, row: row))
        }

        // What differs, comes or goes: people and posts compared at once, one kind on each core.
        final class Found: @unchecked Sendable {
            var people = Differing(), posts = Differing()
        }
        let found = Found()
        DispatchQueue.concurrentPerform(iterations: 2) { kind in
            if kind == 0 {
                found.people = Differing(old.personIDs, new.personIDs, .person, old) { old.samePerson($0, as: new, $1) }
            } else {
                found.posts = Differing(old.postIDs, new.postIDs, .post, old) { old.samePost($0, as: new, $1) }
            }
        }
        (shared.people, shared.posts) = (found.people.shared, found.posts.shared)
        for (before, after) in found.people.rows {
            if let before { take(person: before, isNew: false) }
            if let after { take(person: after, isNew: true) }
        }
        for (before, after) in found.posts.rows {
            if let before { take(post: before, isNew: false) }
            if let after { take(post: after, isNew: true) }
        }
        // People with several posts.
        for (core, isNew) in [(old, false), (new, true)] {
            var count = [UInt8](repeating: 0, count: core.personIDs.count)
            for holder in core.holderRows where count[Int(holder)] < 2 { count[Int(holder)] += 1 }
            for row in count.indices where count[row] >= 2 { take(person: row, isNew: isNew) }
        }

        // What those touch.
        let (heldOld, heldNew) = SideBySide.both { old.postsByPerson() } _: { new.postsByPerson() }
        let (posts, people) = (found.posts, found.people)
        // The two versions are lent to these: a copy of a core is some thirty counted
        // references, too many to make for each element.
        func keep(line target: Int32, isNew: Bool) {
            if isNew { newPosts[Int(target)] = true } else { oldPosts[Int(target)] = true }
            if let twin = posts.twin(of: Int(target), isNew: isNew) {
                if isNew { oldPosts[twin] = true } else { newPosts[twin] = true }
            }
        }
        func touch(post row: Int, isNew: Bool, _ core: OrgCore) {
            for holder in core.holders(of: row) { take(person: Int(holder), isNew: isNew) }
            if let twin = posts.twin(of: row, isNew: isNew) { take(post: twin, isNew: !isNew) }
            // Lines' targets, in both versions, kept but not followed.
            if core.writtenLine[row] >= 0 { keep(line: core.writtenLine[row], isNew: isNew) }
            if !core.dotted.isEmpty, let dotted = core.dotted[Int32(row)] {
                for target in dotted { keep(line: target, isNew: isNew) }
            }
        }
        func touch(person row: Int, isNew: Bool) {
            for post in (isNew ? heldNew : heldOld).posts(of: row) { take(post: Int(post), isNew: isNew) }
            if let twin = people.twin(of: row, isNew: isNew) { take(person: twin, isNew: !isNew) }
        }
        while let item = pending.popLast() {
            switch item {
            case .post(let isNew, let row):
                if isNew { touch(post: row, isNew: true, new) } else { touch(post: row, isNew: false, old) }
            case .person(let isNew, let row):
                touch(person: row, isNew: isNew)
            }
        }
    }
}

extension DiffScope {
    /// The elements of one kind that differ between the versions, and which row of the other
    /// version each row's id has: the id table is asked once an element, here, and the scope
    /// and its followers read the answer from these.
    struct Differing {
        /// The rows whose element differs (both rows), is new (the new row) or goes (the old
        /// row), in the new version's order, then the old's.
        var rows: [(old: Int?, new: Int?)] = []
        /// How many ids both versions have.
        var shared = 0
        /// For each old row, the new row with its id (-1: none); and the other way round.
        var newRow: [Int32] = [], oldRow: [Int32] = []

        init() {}

        /// - Complexity: O(*n*) look-ups and comparisons of rows (`same`).
        init(_ oldIDs: [String], _ newIDs: [String], _ kind: OrgCore.Kind, _ old: OrgCore, same: (Int, Int) -> Bool) {
            newRow = [Int32](repeating: -1, count: oldIDs.count)
            oldRow = [Int32](repeating: -1, count: newIDs.count)
            // Two versions of one file mostly list their elements in the same order, shifted by
            // what came and went: found near their own row first (``KeptRows``).
            var kept = KeptRows(of: kind, in: old)
            for row in newIDs.indices {
                guard let before = kept.row(of: newIDs[row], from: row) else {
                    rows.append((nil, row))
                    continue
                }
                (newRow[before], oldRow[row]) = (Int32(row), Int32(before))
                shared += 1
                if !same(before, row) { rows.append((before, row)) }
            }
            for row in oldIDs.indices where newRow[row] < 0 { rows.append((row, nil)) }
        }

        /// The row with the same id in the other version.
        func twin(of row: Int, isNew: Bool) -> Int? {
            let twin = isNew ? oldRow[row] : newRow[row]
            return twin >= 0 ? Int(twin) : nil
        }
    }
}

extension DiffBuilder {
    /// The changeset that turns `old` into `new`, read from their cores: only the elements in
    /// their ``DiffScope`` become values, unless people or posts must be matched by content
    /// (two exports whose ids do not correspond), which compares everyone with everyone.
    /// - Parameter whole: make every element a value, as content matching does.
    static func changeset(from old: OrgCore, to new: OrgCore, newSource: QuerySource, whole: Bool = false) -> Changeset {
        var builder = DiffBuilder(from: old, to: new, newSource: newSource, whole: whole)
        return builder.changeset()
    }

    /// A builder of the changeset from `old` to `new` (see ``changeset(from:to:newSource:whole:)``),
    /// with the values of its scope made, side by side.
    init(from old: OrgCore, to new: OrgCore, newSource: QuerySource, whole: Bool = false) {
        let scope = DiffScope(old: old, new: new)
        let kinds = ContentMatcher.Kinds(old: (old.unitIDs.count, old.postIDs.count, old.personIDs.count),
                                         new: (new.unitIDs.count, new.postIDs.count, new.personIDs.count), shared: scope.shared)
        let whole = whole || kinds.people || kinds.posts
        let (before, after) = SideBySide.both {
            whole ? old.org() : old.org(posts: scope.oldPosts, people: scope.oldPeople)
        } _: {
            whole ? new.org() : new.org(posts: scope.newPosts, people: scope.newPeople)
        }
        self.init(old: before, new: after, newIndex: OrgIndex(after, source: newSource), kinds: kinds, taken: { old.element($0) != nil })
    }

    /// The changes, each citing where the new version states it.
    mutating func changeset() -> Changeset {
        var changeset = build()
        changeset.cite(new)
        return changeset
    }
}
