/// A unit, post or person of an org.
public enum OrgElement: Hashable, Sendable {
    case unit(UnitID)
    case post(PostID)
    case person(PersonID)

    public var id: String {
        switch self {
        case .unit(let id): id.rawValue
        case .post(let id): id.rawValue
        case .person(let id): id.rawValue
        }
    }

    public var kindName: String {
        switch self {
        case .unit: "unit"
        case .post: "post"
        case .person: "person"
        }
    }
}

/// What a name given on the command line stands for.
public enum LookupResult: Hashable, Sendable {
    case found(OrgElement)
    /// Several elements answer to the name equally well.
    case ambiguous([OrgElement])
    /// Nothing answers to it; these come close.
    case notFound(suggestions: [OrgElement])
}

extension Org {
    /// Finds the element a person means by `text`: an id, a name in any language, an alias, or a
    /// post's title. Case, spaces, hyphens and dots are ignored in names (`Liu Xiao`, `liuxiao`).
    ///
    /// - Complexity: O(*n*) in the number of elements.
    public func lookup(_ text: String) -> LookupResult {
        if let unit = units[UnitID(text)] { return .found(.unit(unit.id)) }
        if let post = posts[PostID(text)] { return .found(.post(post.id)) }
        if let person = people[PersonID(text)] { return .found(.person(person.id)) }

        let key = Self.matchKey(text)
        guard !key.isEmpty else { return .notFound(suggestions: []) }
        var exact: [OrgElement] = []
        var near: [(Int, OrgElement)] = []
        func consider(_ element: OrgElement, _ names: [String]) {
            let keys = names.map(Self.matchKey).filter { !$0.isEmpty }
            if keys.contains(key) {
                exact.append(element)
            } else if keys.contains(where: { $0.contains(key) || key.contains($0) }) {
                near.append((0, element))
            } else {
                let distance = keys.map { Suggestions.editDistance(Array(key), Array($0), limit: 2) }.min() ?? 3
                if distance <= 2 { near.append((distance, element)) }
            }
        }
        for person in people.values {
            consider(.person(person.id), [person.id.rawValue] + Array(person.name.values.values) + person.aliases)
        }
        for unit in units.values {
            consider(.unit(unit.id), [unit.id.rawValue] + Array(unit.name.values.values))
        }
        for post in posts.values {
            consider(.post(post.id), [post.id.rawValue] + Array(post.title.values.values))
        }
        if exact.count == 1 { return .found(exact[0]) }
        if exact.count > 1 { return .ambiguous(exact) }
        let suggestions = near.enumerated().sorted { a, b in
            a.element.0 != b.element.0 ? a.element.0 < b.element.0 : a.offset < b.offset
        }.prefix(8).map(\.element.1)
        return .notFound(suggestions: Array(suggestions))
    }

    /// Lowercased, with spaces and punctuation that people type inconsistently removed.
    static func matchKey(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { scalar in
            !(scalar.properties.isWhitespace || "-_.·・".unicodeScalars.contains(scalar))
        }))
    }

    /// A short description for lists of candidates: `person 'liu-xiao' (刘逍 Liu Xiao)`.
    public func describe(_ element: OrgElement) -> String {
        let name: String
        switch element {
        case .unit(let id): name = units[id]?.name.display(.both) ?? ""
        case .post(let id):
            let post = posts[id]
            let holder = post?.holders.first.flatMap { people[$0]?.name.display(.both) }
            name = [post?.title.display(.both), holder].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        case .person(let id): name = people[id]?.name.display(.both) ?? ""
        }
        return name.isEmpty ? "\(element.kindName) '\(element.id)'" : "\(element.kindName) '\(element.id)' (\(name))"
    }
}
