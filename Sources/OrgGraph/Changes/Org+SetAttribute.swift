extension Org {
    /// The fields `set-attribute` can change, besides free `attributes.KEY`.
    static let settableFields: [String: [String]] = [
        "unit": ["id", "kind", "source", "confidence", "note"],
        "post": ["id", "unit", "head", "staff", "source", "confidence", "note"],
        "person": ["id", "primary", "aliases", "source", "confidence", "note"],
    ]

    /// The current value of a field of an element, as `set-attribute` sees it.
    func attributeValue(of target: String, _ attribute: String) throws(ApplyFailure) -> AttributeValue? {
        if let unit = units[UnitID(target)] {
            switch attribute {
            case "id": return .text(target)
            case "kind": return unit.kind.map(AttributeValue.text)
            default: return try common(attribute, unit.provenance, unit.attributes, kind: "unit")
            }
        }
        if let post = posts[PostID(target)] {
            switch attribute {
            case "id": return .text(target)
            case "unit": return .text(post.unit.rawValue)
            case "head": return .text(post.isHead ? "true" : "false")
            case "staff": return .text(post.isStaff ? "true" : "false")
            default: return try common(attribute, post.provenance, post.attributes, kind: "post")
            }
        }
        if let person = people[PersonID(target)] {
            switch attribute {
            case "id": return .text(target)
            case "primary": return person.primaryPost.map { .text($0.rawValue) }
            case "aliases": return person.aliases.isEmpty ? nil : .list(person.aliases)
            default: return try common(attribute, person.provenance, person.attributes, kind: "person")
            }
        }
        throw ApplyFailure(message: "there is no unit, post or person '\(target)'")
    }

    /// The post a person's primary one is when none is declared: the first they hold, in the
    /// order of posts.
    /// - Complexity: O(*p*), *p* the posts up to that one; O(1) when `expected` is not theirs.
    private func firstPost(of person: String, expected: AttributeValue?) -> AttributeValue? {
        let id = PersonID(person)
        guard case .text(let post)? = expected, let index = posts.index(forKey: PostID(post)), posts.values[index].holders.contains(id) else { return nil }
        return posts.values[..<index].contains { $0.holders.contains(id) } ? nil : expected
    }

    private func common(_ attribute: String, _ provenance: Provenance, _ attributes: Attributes, kind: String) throws(ApplyFailure) -> AttributeValue? {
        switch attribute {
        case "source": return provenance.source.map { .text($0.description) }
        case "confidence": return provenance.confidence.map { .text($0.rawValue) }
        case "note": return provenance.note.map(AttributeValue.text)
        default:
            if attribute.hasPrefix("attributes.") {
                return attributes[String(attribute.dropFirst("attributes.".count))].map(AttributeValue.text)
            }
            let known = (Self.settableFields[kind] ?? []) + ["attributes.KEY"]
            throw ApplyFailure(message: "a \(kind) has no attribute '\(attribute)'; settable are \(known.map { "'\($0)'" }.joined(separator: ", "))")
        }
    }

    mutating func setAttribute(_ target: String, _ attribute: String, from: AttributeValue?, to: AttributeValue?) throws(ApplyFailure) {
        if attribute == "id" {
            var failed = 0
            try changeIDs([(target, from, to)], failed: &failed)
            return
        }
        let current = try attributeValue(of: target, attribute)
        // A primary post a diff pinned (as `to`, so `from` in its inverse) is the first post the
        // person holds when none is declared: the org means the same.
        guard current == from || (attribute == "primary" && current == nil && from != nil && from == firstPost(of: target, expected: from)) else {
            throw ApplyFailure(message: "expected \(attribute) \(from?.description ?? "none"), found \(current?.description ?? "none")")
        }
        func text(_ what: String) throws(ApplyFailure) -> String? {
            switch to {
            case nil: return nil
            case .text(let value)?: return value
            case .list?: throw ApplyFailure(message: "\(what) takes one value, not a list")
            }
        }
        if units.keys.contains(UnitID(target)) {
            let id = UnitID(target)
            switch attribute {
            case "kind": units[id]?.kind = try text("kind")
            default:
                let value = try text(attribute)
                var unit = units[id]!
                try Self.setCommon(attribute, value, &unit.provenance, &unit.attributes)
                units[id] = unit
            }
        } else if let post = posts[PostID(target)] {
            let id = PostID(target)
            switch attribute {
            case "unit":
                guard let unit = try text("unit"), units.keys.contains(UnitID(unit)) else {
                    throw ApplyFailure(message: "there is no unit \(to?.description ?? "none") to move '\(target)' into")
                }
                posts[id]?.unit = UnitID(unit)
            case "head", "staff":
                let flag: Bool
                switch try text(attribute) {
                case "true": flag = true
                case "false", nil: flag = false
                default: throw ApplyFailure(message: "\(attribute) is 'true' or 'false'")
                }
                if attribute == "head" { posts[id]?.isHead = flag } else { posts[id]?.isStaff = flag }
            default:
                var post = post
                try Self.setCommon(attribute, try text(attribute), &post.provenance, &post.attributes)
                posts[id] = post
            }
        } else {
            let id = PersonID(target)
            switch attribute {
            case "primary":
                people[id]?.primaryPost = try text("primary").map { PostID($0) }
            case "aliases":
                switch to {
                case nil: people[id]?.aliases = []
                case .text(let alias)?: people[id]?.aliases = [alias]
                case .list(let aliases)?: people[id]?.aliases = aliases
                }
            default:
                let value = try text(attribute)
                var person = people[id]!
                try Self.setCommon(attribute, value, &person.provenance, &person.attributes)
                people[id] = person
            }
        }
    }

    private static func setCommon(_ attribute: String, _ value: String?, _ provenance: inout Provenance, _ attributes: inout Attributes) throws(ApplyFailure) {
        switch attribute {
        case "source": provenance.source = value.map(SourceReference.init(parsing:))
        case "confidence":
            guard let value else {
                provenance.confidence = nil
                return
            }
            guard let confidence = Confidence(rawValue: value) else {
                throw ApplyFailure(message: "confidence is 'stated' or 'inferred', not '\(value)'")
            }
            provenance.confidence = confidence
        case "note": provenance.note = value
        default:
            attributes[String(attribute.dropFirst("attributes.".count))] = value
        }
    }

    /// Gives elements new ids, one after another as separate `set-attribute id` changes would
    /// (`a` to `b` then `b` to `c` is allowed), and rewrites every reference to them. Each element
    /// keeps its place in the org's order.
    /// - Parameter failed: set to the index of the change that does not apply (counted from its start value).
    /// - Complexity: O(*n*) in the org's size, for any number of changes.
    mutating func changeIDs(_ changes: [(target: String, from: AttributeValue?, to: AttributeValue?)], failed: inout Int) throws(ApplyFailure) {
        let start = failed
        // While the changes are checked: what each id touched so far names now (the element's
        // first id), or nil for an id given up.
        var now: [String: String?] = [:]
        func element(_ id: String) -> String? {
            if let entry = now[id] { return entry }
            return units.keys.contains(UnitID(id)) || posts.keys.contains(PostID(id)) || people.keys.contains(PersonID(id)) ? id : nil
        }
        var final: [String: String] = [:]
        for (offset, change) in changes.enumerated() {
            failed = start + offset
            guard let first = element(change.target) else {
                throw ApplyFailure(message: "there is no unit, post or person '\(change.target)'")
            }
            guard change.from == .text(change.target) else {
                throw ApplyFailure(message: "expected id \(change.from?.description ?? "none"), found \(AttributeValue.text(change.target).description)")
            }
            guard case .text(let newID)? = change.to, !newID.isEmpty else {
                throw ApplyFailure(message: change.to == nil || change.to == .text("") ? "an id cannot be removed" : "id takes one value, not a list")
            }
            if element(newID) != nil { throw ApplyFailure(message: "id '\(newID)' is already taken") }
            now[change.target] = .some(nil)
            now[newID] = .some(first)
            final[first] = newID
        }
        failed = start
        var unitIDs: [UnitID: UnitID] = [:], postIDs: [PostID: PostID] = [:], personIDs: [PersonID: PersonID] = [:]
        for (first, newID) in final {
            if units.keys.contains(UnitID(first)) {
                unitIDs[UnitID(first)] = UnitID(newID)
            } else if posts.keys.contains(PostID(first)) {
                postIDs[PostID(first)] = PostID(newID)
            } else {
                personIDs[PersonID(first)] = PersonID(newID)
            }
        }
        func rekeyed<Key: Hashable, Value>(_ elements: OrderedDictionary<Key, Value>, _ ids: [Key: Key], _ id: WritableKeyPath<Value, Key>) -> OrderedDictionary<Key, Value> {
            guard !ids.isEmpty else { return elements }
            var result = OrderedDictionary<Key, Value>(minimumCapacity: elements.count)
            for (key, value) in elements {
                guard let newKey = ids[key] else {
                    result[key] = value
                    continue
                }
                var value = value
                value[keyPath: id] = newKey
                result[newKey] = value
            }
            return result
        }
        units = rekeyed(units, unitIDs, \.id)
        posts = rekeyed(posts, postIDs, \.id)
        people = rekeyed(people, personIDs, \.id)
        // References, by position: one pass with no hashing of the elements' own ids.
        if !unitIDs.isEmpty {
            for index in units.values.indices {
                if let parent = units.values[index].parent, let renamed = unitIDs[parent] { units.values[index].parent = renamed }
            }
        }
        guard !unitIDs.isEmpty || !postIDs.isEmpty || !personIDs.isEmpty else { return }
        for index in posts.values.indices {
            if let renamed = unitIDs[posts.values[index].unit] { posts.values[index].unit = renamed }
            if postIDs.isEmpty && personIDs.isEmpty { continue }
            if let line = posts.values[index].reportsTo?.to, let renamed = postIDs[line] { posts.values[index].reportsTo?.to = renamed }
            for line in posts.values[index].dotted.indices {
                if let renamed = postIDs[posts.values[index].dotted[line].to] { posts.values[index].dotted[line].to = renamed }
            }
            for holder in posts.values[index].holders.indices {
                if let renamed = personIDs[posts.values[index].holders[holder]] { posts.values[index].holders[holder] = renamed }
            }
        }
        if !postIDs.isEmpty {
            for index in people.values.indices {
                if let primary = people.values[index].primaryPost, let renamed = postIDs[primary] { people.values[index].primaryPost = renamed }
            }
        }
    }
}

import OrderedCollections
