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
}

extension Timeline {
    /// The dated record of a person (posts, heads, lines from others, status, names) or of a
    /// unit (names, parents, heads), each event with the source of the snapshot that shows it.
    ///
    /// - Complexity: O(*s* · *n*) for *s* snapshots of *n* elements.
    public func history(of element: OrgElement, language: LanguagePreference = .both) throws(DiagnosticError) -> [HistoryEvent] {
        var events: [HistoryEvent] = []
        var previous: [String: Fact] = [:]
        var previousOrder: [String] = []
        for snapshot in snapshots {
            let org = try load(on: snapshot.day).org
            let facts = Self.facts(of: element, in: org, language: language)
            let current = Dictionary(facts.map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
            for key in previousOrder where current[key] == nil {
                let fact = previous[key]!
                events.append(HistoryEvent(day: snapshot.day, kind: .ended, fact: key, text: fact.text, provenance: fact.provenance))
            }
            for fact in facts {
                if let before = previous[fact.key] {
                    if before.text != fact.text {
                        events.append(HistoryEvent(day: snapshot.day, kind: .changed, fact: fact.key, text: "\(before.text) → \(fact.text)", provenance: fact.provenance))
                    }
                } else {
                    events.append(HistoryEvent(day: snapshot.day, kind: .began, fact: fact.key, text: fact.text, provenance: fact.provenance))
                }
            }
            previous = current
            previousOrder = facts.map(\.key)
        }
        return events
    }

    private static func facts(of element: OrgElement, in org: Org, language: LanguagePreference) -> [Fact] {
        let index = OrgIndex(org)
        func unitName(_ id: UnitID) -> String { org.units[id]?.name.display(language) ?? id.rawValue }
        func personName(_ id: PersonID) -> String { org.people[id]?.name.display(language) ?? id.rawValue }
        var facts: [Fact] = []
        switch element {
        case .person(let id):
            guard let person = org.people[id] else { return [] }
            facts.append(Fact(key: "name", text: "named \(person.name.display(language))", provenance: person.provenance))
            facts.append(Fact(key: "status", text: "status \(person.status.rawValue)", provenance: person.provenance))
            let held = index.posts[id] ?? []
            for postID in held {
                guard let post = org.posts[postID] else { continue }
                let text = post.isHead ? "heads \(unitName(post.unit))" : OrgText.place(of: post, in: org, language: language)
                facts.append(Fact(key: "post:\(postID)", text: text, provenance: post.provenance))
            }
            for post in org.posts.values {
                guard let line = post.reportsTo, held.contains(line.to), !post.holders.contains(id) else { continue }
                let who = post.holders.isEmpty ? "the vacant post '\(post.id)'" : post.holders.map(personName).joined(separator: ", ")
                let role = post.isHead ? "head of \(unitName(post.unit))" : OrgText.title(of: post).display(language)
                facts.append(Fact(key: "line:\(post.id)", text: "\(who) (\(role)) reports to them", provenance: line.provenance))
            }
        case .unit(let id):
            guard let unit = org.units[id] else { return [] }
            facts.append(Fact(key: "name", text: "named \(unit.name.display(language))", provenance: unit.provenance))
            facts.append(Fact(key: "parent", text: "under \(unit.parent.map(unitName) ?? "nothing (a top unit)")", provenance: unit.provenance))
            if let headID = index.headPost[id], let head = org.posts[headID] {
                let holders = head.holders.isEmpty ? "vacant" : head.holders.map(personName).joined(separator: ", ")
                facts.append(Fact(key: "head", text: "headed by \(holders)", provenance: head.provenance))
            }
        case .post(let id):
            guard let post = org.posts[id] else { return [] }
            facts.append(Fact(key: "title", text: OrgText.title(of: post).display(language), provenance: post.provenance))
            facts.append(Fact(key: "unit", text: "in \(unitName(post.unit))", provenance: post.provenance))
            let holders = post.holders.isEmpty ? "vacant" : post.holders.map(personName).joined(separator: ", ")
            facts.append(Fact(key: "holders", text: "held by \(holders)", provenance: post.provenance))
        }
        return facts
    }
}
