/// One change in the record of a person or unit across a timeline.
public struct HistoryEvent: Hashable, Sendable {
    /// How a fact changed in a snapshot.
    public enum Kind: String, Hashable, Sendable {
        /// The fact first shows (`+`).
        case began = "+"
        /// The fact no longer shows (`-`).
        case ended = "-"
        /// The fact's text changed, or it went from implied to stated or back (`~`).
        case changed = "~"
    }

    /// The snapshot that first shows the change, as its date is written.
    public var day: Day
    /// Whether the fact began, ended or changed.
    public var kind: Kind
    /// What the fact is about: `name`, `status`, `post:ID`, `up:ID`, `dotted:ID>ID`, `line:ID`
    /// for a person; `name`, `kind`, `parent`, `head` for a unit; `title`, `unit`, `holders`, `up`
    /// for a post.
    public var fact: String
    /// The fact for people: as it began or ended, or `before → after` when it changed.
    public var text: String
    /// The fact before and after, for scripts: an object of ids and values (see ``Timeline/history(of:language:)``);
    /// nil before a fact begins and after it ends.
    public var before: JSONValue?
    /// The fact after the change, for scripts; nil when it ended.
    public var after: JSONValue?
    /// Where the change is stated: the fact's own source when it begins or changes; when it ends,
    /// the day's change about its element, else the element as the later snapshot has it.
    public var provenance: Provenance
    /// When the change of that date was announced, if its changeset says so and it was another day.
    public var announced: Day?
    /// Where the changeset of that date states the date (its `source`, `confidence`, `note`).
    public var dated: Provenance = Provenance()
}

/// A fact about an element in one snapshot.
private struct Fact {
    var key: String
    var text: String
    /// The fact for scripts (`HistoryEvent.before` and `after`).
    var value: JSONValue
    var provenance: Provenance
    /// The element whose source, in a later snapshot or changeset, says why the fact ended.
    var element: String
    /// A solid line implied by the unit tree rather than written.
    var implied = false
}

extension Timeline {
    /// The dated record of a person (posts, heads, their own solid and dotted lines, lines from
    /// others, status, names) or of a unit (names, kinds, parents, heads), each event with its
    /// source: a fact that begins or changes cites the snapshot that shows it; a fact that ends
    /// cites the change of that day's changeset (in `changes/`) about its element, else the
    /// element as the later snapshot has it. A line implied by the unit tree that becomes written
    /// is "now stated", not a new line.
    ///
    /// Each event's `before` and `after` hold the fact as ids and values: `{"name": {"zh": …}}`,
    /// `{"status": "active"}`, `{"post", "unit", "head", "title"}` for a post held,
    /// `{"post", "to", "holders", "implied"}` for a line (`to` the post above, `holders` its
    /// holders; for `line:ID` the post that reports, `holders` its holders), `{"kind"}`,
    /// `{"parent"}`, `{"post", "holders"}` for a unit's head, `{"title"}`, `{"unit"}` and
    /// `{"holders"}` for a post.
    ///
    /// - Complexity: O(*s* · *n*) for *s* snapshots of *n* elements.
    public func history(of element: OrgElement, language: LanguagePreference = .both) throws(DiagnosticError) -> [HistoryEvent] {
        var events: [HistoryEvent] = []
        var previous: [String: Fact] = [:]
        var previousOrder: [String] = []
        let changesets = changesetsByDate()
        for snapshot in snapshots {
            let org = try load(on: snapshot.day).org
            let facts = Self.facts(of: element, in: org, language: language)
            let current = Dictionary(facts.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            let changeset = changesets[snapshot.day]
            func event(_ kind: HistoryEvent.Kind, _ key: String, _ text: String, _ before: Fact?, _ after: Fact?, _ provenance: Provenance) {
                events.append(HistoryEvent(day: snapshot.day, kind: kind, fact: key, text: text, before: before?.value, after: after?.value,
                                           provenance: provenance, announced: changeset?.announced.flatMap { $0 == snapshot.day ? nil : $0 },
                                           dated: changeset?.dated ?? Provenance()))
            }
            for key in previousOrder where current[key] == nil {
                let fact = previous[key]!
                event(.ended, key, fact.text, fact, nil, Self.endSource(of: fact, in: org, changeset: changeset))
            }
            for fact in facts {
                if let before = previous[fact.key] {
                    if before.text != fact.text {
                        event(.changed, fact.key, "\(before.text) → \(fact.text)", before, fact, fact.provenance)
                    } else if before.implied != fact.implied {
                        event(.changed, fact.key, (fact.implied ? "now implied: " : "now stated: ") + fact.text, before, fact, fact.provenance)
                    }
                } else {
                    event(.began, fact.key, fact.text + (fact.implied ? " (implied)" : ""), nil, fact, fact.provenance)
                }
            }
            previous = current
            previousOrder = facts.map(\.key)
        }
        return events
    }

    /// Why a fact ended: the change of the day's changeset about its element, else the element
    /// as the later snapshot has it (a post now held by someone else), else nothing known.
    private static func endSource(of fact: Fact, in org: Org, changeset: Changeset?) -> Provenance {
        if let change = changeset?.changes.first(where: { $0.op.subject == fact.element && $0.provenance.source != nil }) {
            return change.provenance
        }
        if let post = org.posts[PostID(fact.element)] { return post.provenance }
        if let unit = org.units[UnitID(fact.element)] { return unit.provenance }
        if let person = org.people[PersonID(fact.element)] { return person.provenance }
        return Provenance()
    }

    private static func facts(of element: OrgElement, in org: Org, language: LanguagePreference) -> [Fact] {
        let index = OrgIndex(org)
        func unitName(_ id: UnitID) -> String { org.units[id]?.name.display(language) ?? id.rawValue }
        func personName(_ id: PersonID) -> String { org.people[id]?.name.display(language) ?? id.rawValue }
        /// Who holds a post and in what role: `王剑伟 Wang Jianwei (高级副总裁 Senior Vice President)`.
        func holding(_ id: PostID) -> String {
            guard let post = org.posts[id] else { return "'\(id)'" }
            let who = post.holders.isEmpty ? "the vacant post '\(post.id)'" : post.holders.map(personName).joined(separator: ", ")
            let role = post.isHead ? "head of \(unitName(post.unit))" : OrgText.title(of: post).display(language)
            return "\(who) (\(role))"
        }
        func localized(_ text: LocalizedText) -> JSONValue { .object(text.values.map { ($0.key, .string($0.value)) }) }
        func holders(_ id: PostID) -> JSONValue { .array((org.posts[id]?.holders ?? []).map { .string($0.rawValue) }) }
        func line(_ post: PostID, to up: PostID, implied: Bool) -> JSONValue {
            .object([("post", .string(post.rawValue)), ("to", .string(up.rawValue)), ("holders", holders(up)), ("implied", .bool(implied))])
        }
        var facts: [Fact] = []
        switch element {
        case .person(let id):
            guard let person = org.people[id] else { return [] }
            facts.append(Fact(key: "name", text: "named \(person.name.display(language))", value: .object([("name", localized(person.name))]),
                              provenance: person.provenance, element: id.rawValue))
            facts.append(Fact(key: "status", text: "status \(person.status.rawValue)", value: .object([("status", .string(person.status.rawValue))]),
                              provenance: person.provenance, element: id.rawValue))
            let held = index.posts[id] ?? []
            for postID in held {
                guard let post = org.posts[postID] else { continue }
                let place = post.isHead ? "heads \(unitName(post.unit))" : OrgText.place(of: post, in: org, language: language)
                let value = JSONValue.object([("post", .string(postID.rawValue)), ("unit", .string(post.unit.rawValue)), ("head", .bool(post.isHead)),
                                              ("title", localized(OrgText.title(of: post)))])
                facts.append(Fact(key: "post:\(postID)", text: place, value: value, provenance: post.provenance, element: postID.rawValue))
            }
            // Their own lines: up from each post they hold (to someone else), dotted lines out.
            let several = held.count > 1
            for postID in held {
                guard let post = org.posts[postID] else { continue }
                let prefix = several ? "as \(post.isHead ? "head of \(unitName(post.unit))" : OrgText.title(of: post).display(language)): " : ""
                if let (up, link) = index.superior(of: postID), !held.contains(up) {
                    facts.append(Fact(key: "up:\(postID)", text: "\(prefix)reports to \(holding(up))", value: line(postID, to: up, implied: link == .implied),
                                      provenance: link == .implied ? Provenance() : post.reportsTo?.provenance ?? Provenance(),
                                      element: postID.rawValue, implied: link == .implied))
                }
                for line in post.dotted {
                    facts.append(Fact(key: "dotted:\(postID)>\(line.to)", text: "\(prefix)dotted line to \(holding(line.to))",
                                      value: .object([("post", .string(postID.rawValue)), ("to", .string(line.to.rawValue)), ("holders", holders(line.to))]),
                                      provenance: line.provenance, element: postID.rawValue))
                }
            }
            // Others' lines to them, written or implied.
            for post in org.posts.values where !post.holders.contains(id) {
                guard let (up, link) = index.superior(of: post.id), held.contains(up) else { continue }
                facts.append(Fact(key: "line:\(post.id)", text: "\(holding(post.id)) reports to them",
                                  value: .object([("post", .string(post.id.rawValue)), ("holders", holders(post.id)), ("to", .string(up.rawValue)), ("implied", .bool(link == .implied))]),
                                  provenance: link == .implied ? Provenance() : post.reportsTo?.provenance ?? Provenance(),
                                  element: post.id.rawValue, implied: link == .implied))
            }
        case .unit(let id):
            guard let unit = org.units[id] else { return [] }
            facts.append(Fact(key: "name", text: "named \(unit.name.display(language))", value: .object([("name", localized(unit.name))]),
                              provenance: unit.provenance, element: id.rawValue))
            if let kind = unit.kind {
                facts.append(Fact(key: "kind", text: "a \(kind)", value: .object([("kind", .string(kind))]), provenance: unit.provenance, element: id.rawValue))
            }
            facts.append(Fact(key: "parent", text: "under \(unit.parent.map(unitName) ?? "nothing (a top unit)")",
                              value: .object([("parent", unit.parent.map { .string($0.rawValue) } ?? .null)]), provenance: unit.provenance, element: id.rawValue))
            if let headID = index.headPost[id], let head = org.posts[headID] {
                let names = head.holders.isEmpty ? "vacant" : head.holders.map(personName).joined(separator: ", ")
                facts.append(Fact(key: "head", text: "headed by \(names)", value: .object([("post", .string(headID.rawValue)), ("holders", holders(headID))]),
                                  provenance: head.provenance, element: headID.rawValue))
            }
        case .post(let id):
            guard let post = org.posts[id] else { return [] }
            facts.append(Fact(key: "title", text: OrgText.title(of: post).display(language), value: .object([("title", localized(OrgText.title(of: post)))]),
                              provenance: post.provenance, element: id.rawValue))
            facts.append(Fact(key: "unit", text: "in \(unitName(post.unit))", value: .object([("unit", .string(post.unit.rawValue))]),
                              provenance: post.provenance, element: id.rawValue))
            let names = post.holders.isEmpty ? "vacant" : post.holders.map(personName).joined(separator: ", ")
            facts.append(Fact(key: "holders", text: "held by \(names)", value: .object([("holders", holders(id))]), provenance: post.provenance, element: id.rawValue))
            if let (up, link) = index.superior(of: id) {
                facts.append(Fact(key: "up", text: "reports to \(holding(up))", value: line(id, to: up, implied: link == .implied), provenance: link == .implied ? Provenance() : post.reportsTo?.provenance ?? Provenance(),
                                  element: id.rawValue, implied: link == .implied))
            }
        }
        return facts
    }
}
