/// Why one change could not be applied: what it expected and what it found.
struct ApplyFailure: Error {
    var message: String
}

extension Org {
    /// The org after `changeset`, applied change by change in order.
    ///
    /// Every change first checks its pre-image (the name it renames from, the parent it moves
    /// from, the record it removes, ...): a changeset written against another version fails at
    /// the first change that does not fit, naming it, its place in the file, what it expected and
    /// what it found. The result must validate. Nothing is returned unless everything applied.
    /// - Complexity: O(*c* · *n*) for *c* changes; most changes are O(1) or O(*n*) in the org's size.
    public func applying(_ changeset: Changeset) throws(DiagnosticError) -> Org {
        var org = self
        if let previous = changeset.previous, let asOf, previous != asOf {
            throw DiagnosticError(.error(
                "the changeset applies to the org as of \(previous), but this org is as of \(asOf); apply it to that version, or the changesets in date order",
                at: changeset.previousLocation))
        }
        for (id, source) in changeset.removedSources {
            guard org.sources[id] == source else {
                throw DiagnosticError(.error("the changeset removes source '\(id)', which the org \(org.sources[id] == nil ? "does not have" : "has with other details")", at: nil))
            }
            org.sources.removeValue(forKey: id)
        }
        for (id, source) in changeset.addedSources {
            if org.sources[id] != nil {
                throw DiagnosticError(.error("the changeset adds source '\(id)', which the org has already", at: nil))
            }
            org.sources[id] = source
        }
        let changes = changeset.changes
        var number = 0
        while number < changes.count {
            // A run of removals of one kind, or of id changes, applies together: one pass over the org.
            var end = number + 1
            let run = changes[number].op.run
            if let run {
                while end < changes.count, changes[end].op.run == run { end += 1 }
            }
            do {
                if end - number > 1, run == .idChange {
                    try org.changeIDs(changes[number..<end].map(\.op.idChange!), failed: &number)
                } else if end - number > 1 {
                    try org.removeTogether(changes[number..<end].map(\.op), failed: &number)
                } else {
                    try org.apply(changes[number].op)
                }
            } catch {
                let change = changes[number]
                throw DiagnosticError(.error(
                    "change \(number + 1) (\(change.op.name) '\(change.op.subject)') does not apply: \(error.message)",
                    at: change.location))
            }
            number = end
        }
        if let effective = changeset.effective { org.asOf = effective }
        let problems = org.validate().filter { $0.severity == .error }
        if !problems.isEmpty {
            throw DiagnosticError(problems.map { problem in
                var problem = problem
                problem.message = "after the changeset: " + problem.message
                return problem
            })
        }
        return org
    }

    // MARK: - One op

    mutating func apply(_ op: ChangeOp) throws(ApplyFailure) {
        switch op {
        case .addUnit(let unit):
            try requireFree(unit.id.rawValue)
            if let parent = unit.parent { _ = try existingUnit(parent) }
            units[unit.id] = unit

        case .removeUnit(let record):
            let unit = try existingUnit(record.id)
            try expectSame(unit, record, "unit")
            try requireEmpty(record.id)
            units.removeValue(forKey: record.id)

        case .renameUnit(let id, let from, let to):
            let unit = try existingUnit(id)
            try expect(unit.name, from, "name")
            units[id]?.name = to

        case .moveUnit(let id, let from, let to):
            let unit = try existingUnit(id)
            try expect(unit.parent, from, "parent")
            if let to {
                _ = try existingUnit(to)
                if to == id || isUnit(to, below: id) {
                    throw ApplyFailure(message: "moving '\(id)' under '\(to)' would make it its own ancestor")
                }
            }
            units[id]?.parent = to

        case .mergeUnits(let into, let sources):
            _ = try existingUnit(into)
            for source in sources {
                try transfer(source, from: source.unit, to: into)
                if let record = source.record {
                    try expectSame(try existingUnit(source.unit), record, "unit")
                    try requireEmpty(source.unit)
                    units.removeValue(forKey: source.unit)
                }
            }

        case .splitUnit(let id, let record, let parts):
            _ = try existingUnit(id)
            for part in parts {
                if let created = part.record {
                    try apply(.addUnit(created))
                }
                try transfer(part, from: id, to: part.unit)
            }
            if let record {
                try expectSame(try existingUnit(id), record, "unit")
                try requireEmpty(id)
                units.removeValue(forKey: id)
            }

        case .addPost(let post):
            try requireFree(post.id.rawValue)
            _ = try existingUnit(post.unit)
            for holder in post.holders { _ = try existingPerson(holder) }
            posts[post.id] = try resolvedLines(post)

        case .removePost(let record):
            try checkRemoval(of: record)
            posts.removeValue(forKey: record.id)

        case .retitlePost(let id, let from, let to):
            try expect(try existingPost(id).title, from, "title")
            posts[id]?.title = to

        case .appoint(let id, let person, let replaces):
            let post = try existingPost(id)
            _ = try existingPerson(person)
            if post.holders.contains(person) {
                throw ApplyFailure(message: "'\(person)' already holds '\(id)'")
            }
            for leaving in replaces where !post.holders.contains(leaving) {
                throw ApplyFailure(message: "expected '\(leaving)' to hold '\(id)', found \(Self.list(post.holders))")
            }
            var holders = post.holders
            if let first = replaces.first, let position = holders.firstIndex(of: first) {
                holders[position] = person
                holders.removeAll { replaces.contains($0) }
            } else {
                holders.append(person)
            }
            posts[id]?.holders = holders

        case .vacate(let id, let person):
            let post = try existingPost(id)
            guard post.holders.contains(person) else {
                throw ApplyFailure(message: "expected '\(person)' to hold '\(id)', found \(Self.list(post.holders))")
            }
            posts[id]?.holders = post.holders.filter { $0 != person }

        case .setReportsTo(let id, let from, let to):
            let post = try existingPost(id)
            try expect(post.reportsTo, try from.map { line throws(ApplyFailure) in try resolved(line) }, "solid line")
            let line = try to.map { line throws(ApplyFailure) in try resolved(line) }
            posts[id]?.reportsTo = line

        case .addDotted(let id, let line):
            let post = try existingPost(id)
            let line = try resolved(line)
            if post.dotted.contains(where: { $0.to == line.to }) {
                throw ApplyFailure(message: "'\(id)' already has a dotted line to '\(line.to)'")
            }
            posts[id]?.dotted.append(line)

        case .removeDotted(let id, let line):
            let post = try existingPost(id)
            let line = try resolved(line)
            guard let position = post.dotted.firstIndex(where: { $0.to == line.to }) else {
                throw ApplyFailure(message: "expected a dotted line from '\(id)' to '\(line.to)', found \(post.dotted.isEmpty ? "none" : Self.list(post.dotted.map(\.to)))")
            }
            try expect(post.dotted[position], line, "dotted line")
            posts[id]?.dotted.remove(at: position)

        case .addPerson(let person):
            try requireFree(person.id.rawValue)
            people[person.id] = person

        case .removePerson(let record):
            try checkRemoval(of: record, holding: posts.values.filter { $0.holders.contains(record.id) }.map(\.id))
            people.removeValue(forKey: record.id)

        case .renamePerson(let id, let from, let to):
            try expect(try existingPerson(id).name, from, "name")
            people[id]?.name = to

        case .setStatus(let id, let from, let to):
            try expect(try existingPerson(id).status.rawValue, from.rawValue, "status")
            people[id]?.status = to

        case .setAttribute(let target, let attribute, let from, let to):
            try setAttribute(target, attribute, from: from, to: to)
        }
    }

    // MARK: - Removals

    /// Removes posts (or people) together, in one pass over the org, after checking each as
    /// ``apply(_:)`` would alone. Removing one entry of an ordered dictionary moves every later
    /// one, so removing a thousand one at a time would be quadratic.
    /// - Parameter failed: set to the index of the op that does not apply (counted from its start value).
    mutating func removeTogether(_ ops: [ChangeOp], failed: inout Int) throws(ApplyFailure) {
        let start = failed
        var removedPosts: Set<PostID> = [], removedPeople: Set<PersonID> = []
        // Whom the people who go still hold, found once.
        var going: Set<PersonID> = []
        for op in ops { if case .removePerson(let record) = op { going.insert(record.id) } }
        var holding: [PersonID: [PostID]] = [:]
        if !going.isEmpty {
            for post in posts.values { for holder in post.holders where going.contains(holder) { holding[holder, default: []].append(post.id) } }
        }
        for (offset, op) in ops.enumerated() {
            failed = start + offset
            switch op {
            case .removePost(let record):
                guard !removedPosts.contains(record.id) else { throw ApplyFailure(message: "there is no post '\(record.id)'") }
                try checkRemoval(of: record)
                removedPosts.insert(record.id)
            case .removePerson(let record):
                guard !removedPeople.contains(record.id) else { throw ApplyFailure(message: "there is no person '\(record.id)'") }
                try checkRemoval(of: record, holding: holding[record.id] ?? [])
                removedPeople.insert(record.id)
            default:
                try apply(op)
            }
        }
        failed = start
        if !removedPosts.isEmpty { posts.removeAll { removedPosts.contains($0.key) } }
        if !removedPeople.isEmpty { people.removeAll { removedPeople.contains($0.key) } }
    }

    private func checkRemoval(of record: Post) throws(ApplyFailure) {
        let post = try existingPost(record.id)
        // Its lines may point at posts removed before it: compare them as recorded.
        try expectSame(post, try resolvedLines(record, strict: false), "post")
    }

    private func checkRemoval(of record: Person, holding held: [PostID]) throws(ApplyFailure) {
        let person = try existingPerson(record.id)
        try expectSame(person, record, "person")
        if !held.isEmpty {
            throw ApplyFailure(message: "'\(record.id)' still holds \(Self.list(held)); vacate those posts first")
        }
    }

    // MARK: - Checks

    private static func list<T: CustomStringConvertible>(_ items: [T]) -> String {
        items.isEmpty ? "nobody" : items.map { "'\($0)'" }.joined(separator: ", ")
    }

    private func requireFree(_ id: String) throws(ApplyFailure) {
        if units.keys.contains(UnitID(id)) || posts.keys.contains(PostID(id)) || people.keys.contains(PersonID(id)) {
            throw ApplyFailure(message: "id '\(id)' is already taken")
        }
    }

    private func existingUnit(_ id: UnitID) throws(ApplyFailure) -> Unit {
        guard let unit = units[id] else { throw ApplyFailure(message: "there is no unit '\(id)'") }
        return unit
    }

    private func existingPost(_ id: PostID) throws(ApplyFailure) -> Post {
        guard let post = posts[id] else { throw ApplyFailure(message: "there is no post '\(id)'") }
        return post
    }

    private func existingPerson(_ id: PersonID) throws(ApplyFailure) -> Person {
        guard let person = people[id] else { throw ApplyFailure(message: "there is no person '\(id)'") }
        return person
    }

    private func expect<T: Equatable>(_ found: T, _ expected: T, _ what: String) throws(ApplyFailure) {
        guard found == expected else {
            throw ApplyFailure(message: "expected \(what) \(Self.show(expected)), found \(Self.show(found))")
        }
    }

    private func expectSame<T: Equatable>(_ found: T, _ expected: T, _ what: String) throws(ApplyFailure) {
        guard found == expected else {
            throw ApplyFailure(message: "the \(what) differs from the record in the changeset: \(Self.differences(found: found, expected: expected))")
        }
    }

    /// A value for a message: names in both languages, lines with their provenance, nothing as `none`.
    static func show(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let inner = mirror.children.first?.value else { return "none" }
            return show(inner)
        }
        switch value {
        case let text as LocalizedText: return "'\(text.display(.both))'"
        case let line as ReportingLine:
            let provenance = [line.provenance.source?.description, line.provenance.confidence?.rawValue, line.provenance.note]
                .compactMap { $0 }.joined(separator: ", ")
            return "'\(line.to)'" + (provenance.isEmpty ? "" : " (\(provenance))")
        case let text as CustomStringConvertible: return "'\(text.description)'"
        default: return "\(value)"
        }
    }

    /// The fields in which a record differs from what was expected, for a message.
    static func differences<T>(found: T, expected: T) -> String {
        let foundFields = Mirror(reflecting: found).children
        let expectedFields = Array(Mirror(reflecting: expected).children)
        var parts: [String] = []
        for (index, field) in foundFields.enumerated() where index < expectedFields.count {
            let a = String(describing: field.value)
            let b = String(describing: expectedFields[index].value)
            if a != b { parts.append("\(field.label ?? "field") expected \(show(expectedFields[index].value)), found \(show(field.value))") }
        }
        return parts.joined(separator: "; ")
    }

    private func requireEmpty(_ id: UnitID) throws(ApplyFailure) {
        let subunits = units.values.filter { $0.parent == id }.map(\.id)
        let inside = posts.values.filter { $0.unit == id }.map(\.id)
        if !subunits.isEmpty || !inside.isEmpty {
            throw ApplyFailure(message: "unit '\(id)' still has \(subunits.isEmpty ? "" : "sub-units \(Self.list(subunits))")\(subunits.isEmpty || inside.isEmpty ? "" : " and ")\(inside.isEmpty ? "" : "posts \(Self.list(inside))"); move or remove them first")
        }
    }

    private func isUnit(_ candidate: UnitID, below ancestor: UnitID) -> Bool {
        var seen: Set<UnitID> = []
        var current = units[candidate]?.parent
        while let id = current, seen.insert(id).inserted {
            if id == ancestor { return true }
            current = units[id]?.parent
        }
        return false
    }

    private mutating func transfer(_ transfer: UnitTransfer, from source: UnitID, to target: UnitID) throws(ApplyFailure) {
        for post in transfer.posts {
            let found = try existingPost(post)
            guard found.unit == source else {
                throw ApplyFailure(message: "expected post '\(post)' in '\(source)', found it in '\(found.unit)'")
            }
            posts[post]?.unit = target
        }
        for unit in transfer.units {
            let found = try existingUnit(unit)
            guard found.parent == source else {
                throw ApplyFailure(message: "expected unit '\(unit)' under '\(source)', found it under \(Self.show(found.parent as Any))")
            }
            units[unit]?.parent = target
        }
    }

    /// A line whose target may name a person stands for that person's primary post. When not
    /// `strict`, a target that names nothing is kept as written.
    private func resolved(_ line: ReportingLine, strict: Bool = true) throws(ApplyFailure) -> ReportingLine {
        if posts.keys.contains(line.to) { return line }
        let person = PersonID(line.to.rawValue)
        if people.keys.contains(person) {
            guard let primary = OrgIndex(self).primaryPost(of: person) else {
                throw ApplyFailure(message: "'\(person)' holds no post, so no line can go to them")
            }
            return ReportingLine(to: primary, provenance: line.provenance)
        }
        if !strict { return line }
        throw ApplyFailure(message: "there is no post or person '\(line.to)'")
    }

    private func resolvedLines(_ post: Post, strict: Bool = true) throws(ApplyFailure) -> Post {
        var post = post
        post.reportsTo = try post.reportsTo.map { line throws(ApplyFailure) in try resolved(line, strict: strict) }
        var dotted: [ReportingLine] = []
        for line in post.dotted { dotted.append(try resolved(line, strict: strict)) }
        post.dotted = dotted
        return post
    }
}
