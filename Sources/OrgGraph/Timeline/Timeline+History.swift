/// One change in the record of a person or unit across a timeline.
public struct HistoryEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        case began = "+"
        case ended = "-"
        case changed = "~"
    }

    public var day: Day
    public var kind: Kind
    /// What the fact is about: `post:ID`, `line:ID`, `status`, `name`, `parent`, `head`.
    public var fact: String
    public var text: String
    public var provenance: Provenance
}

/// A fact about an element in one snapshot.
private struct Fact {
    var key: String
    var text: String
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
    /// - Complexity: O(*s* · *n*) for *s* snapshots of *n* elements.
    public func history(of element: OrgElement, language: LanguagePreference = .both) throws(DiagnosticError) -> [HistoryEvent] {
        var events: [HistoryEvent] = []
        var previous: [String: Fact] = [:]
        var previousOrder: [String] = []
        let changesets = Dictionary(changesetPaths.compactMap { path in
            (try? ChangesetFile.read(contentsOf: path)).flatMap { changeset in changeset.effective.map { ($0, changeset) } }
        }, uniquingKeysWith: { first, _ in first })
        for snapshot in snapshots {
            let org = try load(on: snapshot.day).org
            let facts = Self.facts(of: element, in: org, language: language)
            let current = Dictionary(facts.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            for key in previousOrder where current[key] == nil {
                let fact = previous[key]!
                events.append(HistoryEvent(day: snapshot.day, kind: .ended, fact: key, text: fact.text,
                                           provenance: Self.endSource(of: fact, in: org, changeset: changesets[snapshot.day])))
            }
            for fact in facts {
                if let before = previous[fact.key] {
                    if before.text != fact.text {
                        events.append(HistoryEvent(day: snapshot.day, kind: .changed, fact: fact.key, text: "\(before.text) → \(fact.text)", provenance: fact.provenance))
                    } else if before.implied != fact.implied {
                        events.append(HistoryEvent(day: snapshot.day, kind: .changed, fact: fact.key,
                                                   text: (fact.implied ? "now implied: " : "now stated: ") + fact.text, provenance: fact.provenance))
                    }
                } else {
                    events.append(HistoryEvent(day: snapshot.day, kind: .began, fact: fact.key, text: fact.text + (fact.implied ? " (implied)" : ""),
                                               provenance: fact.provenance))
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
        var facts: [Fact] = []
        switch element {
        case .person(let id):
            guard let person = org.people[id] else { return [] }
            facts.append(Fact(key: "name", text: "named \(person.name.display(language))", provenance: person.provenance, element: id.rawValue))
            facts.append(Fact(key: "status", text: "status \(person.status.rawValue)", provenance: person.provenance, element: id.rawValue))
            let held = index.posts[id] ?? []
            for postID in held {
                guard let post = org.posts[postID] else { continue }
                let text = post.isHead ? "heads \(unitName(post.unit))" : OrgText.place(of: post, in: org, language: language)
                facts.append(Fact(key: "post:\(postID)", text: text, provenance: post.provenance, element: postID.rawValue))
            }
            // Their own lines: up from each post they hold (to someone else), dotted lines out.
            let several = held.count > 1
            for postID in held {
                guard let post = org.posts[postID] else { continue }
                let prefix = several ? "as \(post.isHead ? "head of \(unitName(post.unit))" : OrgText.title(of: post).display(language)): " : ""
                if let (up, link) = index.superior(of: postID), !held.contains(up) {
                    facts.append(Fact(key: "up:\(postID)", text: "\(prefix)reports to \(holding(up))",
                                      provenance: link == .implied ? Provenance() : post.reportsTo?.provenance ?? Provenance(),
                                      element: postID.rawValue, implied: link == .implied))
                }
                for line in post.dotted {
                    facts.append(Fact(key: "dotted:\(postID)>\(line.to)", text: "\(prefix)dotted line to \(holding(line.to))",
                                      provenance: line.provenance, element: postID.rawValue))
                }
            }
            // Others' lines to them, written or implied.
            for post in org.posts.values where !post.holders.contains(id) {
                guard let (up, link) = index.superior(of: post.id), held.contains(up) else { continue }
                facts.append(Fact(key: "line:\(post.id)", text: "\(holding(post.id)) reports to them",
                                  provenance: link == .implied ? Provenance() : post.reportsTo?.provenance ?? Provenance(),
                                  element: post.id.rawValue, implied: link == .implied))
            }
        case .unit(let id):
            guard let unit = org.units[id] else { return [] }
            facts.append(Fact(key: "name", text: "named \(unit.name.display(language))", provenance: unit.provenance, element: id.rawValue))
            if let kind = unit.kind {
                facts.append(Fact(key: "kind", text: "a \(kind)", provenance: unit.provenance, element: id.rawValue))
            }
            facts.append(Fact(key: "parent", text: "under \(unit.parent.map(unitName) ?? "nothing (a top unit)")", provenance: unit.provenance, element: id.rawValue))
            if let headID = index.headPost[id], let head = org.posts[headID] {
                let holders = head.holders.isEmpty ? "vacant" : head.holders.map(personName).joined(separator: ", ")
                facts.append(Fact(key: "head", text: "headed by \(holders)", provenance: head.provenance, element: headID.rawValue))
            }
        case .post(let id):
            guard let post = org.posts[id] else { return [] }
            facts.append(Fact(key: "title", text: OrgText.title(of: post).display(language), provenance: post.provenance, element: id.rawValue))
            facts.append(Fact(key: "unit", text: "in \(unitName(post.unit))", provenance: post.provenance, element: id.rawValue))
            let holders = post.holders.isEmpty ? "vacant" : post.holders.map(personName).joined(separator: ", ")
            facts.append(Fact(key: "holders", text: "held by \(holders)", provenance: post.provenance, element: id.rawValue))
            if let (up, link) = index.superior(of: id) {
                facts.append(Fact(key: "up", text: "reports to \(holding(up))", provenance: link == .implied ? Provenance() : post.reportsTo?.provenance ?? Provenance(),
                                  element: id.rawValue, implied: link == .implied))
            }
        }
        return facts
    }
}
