/// A unit, post or person of an org.
public enum OrgElement: Hashable, Sendable {
    /// A unit, by its id.
    case unit(UnitID)
    /// A post, by its id.
    case post(PostID)
    /// A person, by their id.
    case person(PersonID)

    /// The element's id.
    public var id: String {
        switch self {
        case .unit(let id): id.rawValue
        case .post(let id): id.rawValue
        case .person(let id): id.rawValue
        }
    }

    /// The element's kind as a word: `unit`, `post` or `person`.
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
    /// The element the name stands for: the one with that id, or the only one whose id, name,
    /// alias or title matches it (case, spaces, hyphens and dots aside).
    case found(OrgElement)
    /// Several elements answer to the name equally well.
    case ambiguous([OrgElement])
    /// Nothing answers to it; these come close.
    case notFound(suggestions: [OrgElement])
}

extension Org {
    /// Finds the element a person means by `text`, as ``OrgCore/lookup(_:)`` does.
    ///
    /// Builds an ``OrgCore``; to ask many questions of one org, look up in the core.
    /// - Complexity: O(*n*) in the number of elements.
    public func lookup(_ text: String) -> LookupResult {
        OrgCore(self).lookup(text)
    }

    /// Lowercased, with spaces and punctuation that people type inconsistently removed.
    static func matchKey(_ text: String) -> String {
        String(String.UnicodeScalarView(text.lowercased().unicodeScalars.filter { scalar in
            !(scalar.properties.isWhitespace || "-_.·・".unicodeScalars.contains(scalar))
        }))
    }

    /// A short description for lists of candidates, as ``OrgCore/describe(_:language:)`` gives it.
    public func describe(_ element: OrgElement, language: LanguagePreference = .both) -> String {
        OrgCore(self).describe(element, language: language)
    }
}
