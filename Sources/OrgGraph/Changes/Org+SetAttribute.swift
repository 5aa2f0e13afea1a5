extension Org {
    /// The fields `set-attribute` can change, besides free `attributes.KEY`.
    static let settableFields: [String: [String]] = [
        "unit": ["id", "kind", "source", "confidence", "note"],
        "post": ["id", "unit", "head", "source", "confidence", "note"],
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
        let current = try attributeValue(of: target, attribute)
        guard current == from else {
            throw ApplyFailure(message: "expected \(attribute) \(from?.description ?? "none"), found \(current?.description ?? "none")")
        }
        func text(_ what: String) throws(ApplyFailure) -> String? {
            switch to {
            case nil: return nil
            case .text(let value)?: return value
            case .list?: throw ApplyFailure(message: "\(what) takes one value, not a list")
            }
        }
        if attribute == "id" {
            guard let newID = try text("id"), !newID.isEmpty else { throw ApplyFailure(message: "an id cannot be removed") }
            try changeID(target, to: newID)
            return
        }
        if units[UnitID(target)] != nil {
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
                guard let unit = try text("unit"), units[UnitID(unit)] != nil else {
                    throw ApplyFailure(message: "there is no unit \(to?.description ?? "none") to move '\(target)' into")
                }
                posts[id]?.unit = UnitID(unit)
            case "head":
                switch try text("head") {
                case "true": posts[id]?.isHead = true
                case "false", nil: posts[id]?.isHead = false
                default: throw ApplyFailure(message: "head is 'true' or 'false'")
                }
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

    /// Gives an element a new id and rewrites every reference to it.
    private mutating func changeID(_ old: String, to new: String) throws(ApplyFailure) {
        if units[UnitID(new)] != nil || posts[PostID(new)] != nil || people[PersonID(new)] != nil {
            throw ApplyFailure(message: "id '\(new)' is already taken")
        }
        if let unit = units[UnitID(old)] {
            let (oldID, newID) = (UnitID(old), UnitID(new))
            var renamed = unit
            renamed.id = newID
            units = OrderedDictionaryRekey.rekey(units, oldID, newID, renamed)
            // By position, not by key: one pass with no hashing.
            for index in units.values.indices where units.values[index].parent == oldID { units.values[index].parent = newID }
            for index in posts.values.indices where posts.values[index].unit == oldID { posts.values[index].unit = newID }
        } else if let post = posts[PostID(old)] {
            let (oldID, newID) = (PostID(old), PostID(new))
            var renamed = post
            renamed.id = newID
            posts = OrderedDictionaryRekey.rekey(posts, oldID, newID, renamed)
            for index in posts.values.indices {
                if posts.values[index].reportsTo?.to == oldID { posts.values[index].reportsTo?.to = newID }
                for line in posts.values[index].dotted.indices where posts.values[index].dotted[line].to == oldID {
                    posts.values[index].dotted[line].to = newID
                }
            }
            for index in people.values.indices where people.values[index].primaryPost == oldID { people.values[index].primaryPost = newID }
        } else if let person = people[PersonID(old)] {
            let (oldID, newID) = (PersonID(old), PersonID(new))
            var renamed = person
            renamed.id = newID
            people = OrderedDictionaryRekey.rekey(people, oldID, newID, renamed)
            for index in posts.values.indices {
                for holder in posts.values[index].holders.indices where posts.values[index].holders[holder] == oldID {
                    posts.values[index].holders[holder] = newID
                }
            }
        }
    }
}

import OrderedCollections

enum OrderedDictionaryRekey {
    /// The dictionary with `old` replaced by `new` in the same place.
    static func rekey<K: Hashable, V>(_ dictionary: OrderedDictionary<K, V>, _ old: K, _ new: K, _ value: V) -> OrderedDictionary<K, V> {
        var result = OrderedDictionary<K, V>(minimumCapacity: dictionary.count)
        for (key, existing) in dictionary {
            if key == old { result[new] = value } else { result[key] = existing }
        }
        return result
    }
}
