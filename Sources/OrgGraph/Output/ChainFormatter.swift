/// Writes reporting chains for people (text) and for scripts (JSON).
public struct ChainFormatter: Sendable {
    /// The org whose people, posts and units the chains name.
    public var org: Org
    /// Which languages the text gives names and titles in.
    public var language: LanguagePreference

    /// Makes a formatter of chains in `org`.
    public init(org: Org, language: LanguagePreference = .both) {
        self.org = org
        self.language = language
    }

    /// `{"chain": [{"person", "name", "post", "title", "unit", "link"}, ...]}` from the start upwards.
    public func json(_ chain: [ChainStep]) -> JSONValue {
        .object([("chain", .array(chain.map(stepJSON)))])
    }

    /// A step: who, which post, how it was reached (`link`), where the post comes from
    /// (`provenance`) and where its written solid line up does (`lineProvenance`; null when the
    /// line is implied or there is none).
    func stepJSON(_ step: ChainStep) -> JSONValue {
        let post = org.posts[step.post]
        let person = step.person.flatMap { org.people[$0] }
        return .object([
            ("person", JSONValue(step.person?.rawValue)),
            ("name", person?.name.json ?? .null),
            ("post", .string(step.post.rawValue)),
            ("title", post.map { OrgText.title(of: $0).json } ?? .null),
            ("unit", JSONValue(post?.unit.rawValue)),
            ("link", JSONValue(step.link?.rawValue)),
            ("provenance", Self.json(post?.provenance)),
            ("lineProvenance", Self.json(post?.reportsTo?.provenance)),
        ])
    }

    /// `{"source", "confidence", "note"}` (each only when known), or null: where a fact comes from.
    static func json(_ provenance: Provenance?) -> JSONValue {
        guard let provenance, !provenance.isEmpty else { return .null }
        var pairs: [(String, JSONValue)] = []
        if let source = provenance.source { pairs.append(("source", .string(source.description))) }
        if let confidence = provenance.confidence { pairs.append(("confidence", .string(confidence.rawValue))) }
        if let note = provenance.note { pairs.append(("note", .string(note))) }
        return .object(pairs)
    }

    /// One numbered line a step, the top last; each line after the first says how it was reached.
    public func text(_ chain: [ChainStep]) -> String {
        var lines: [String] = []
        for (number, step) in chain.enumerated() {
            let post = org.posts[step.post]
            let who = step.person.flatMap { org.people[$0] }.map { "\($0.name.display(language)) [\($0.id)]" } ?? "(vacant)"
            var parts = [who]
            if let post { parts.append(OrgText.place(of: post, in: org, language: language)) }
            var line = "\(number + 1). " + parts.joined(separator: " · ")
            if let link = step.link { line += "  (\(link.rawValue) line)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Texts derived from the model for display.
public enum OrgText {
    /// A post's title; a head post written without one is called `负责人` / `Head`.
    public static func title(of post: Post) -> LocalizedText {
        if post.title.isEmpty, post.isHead { return LocalizedText(zh: "负责人", en: "Head") }
        return post.title
    }

    /// Where a post is, for people: `title, unit`, or the unit alone for a post with no title.
    public static func place(of post: Post, in org: Org, language: LanguagePreference) -> String {
        let title = title(of: post).display(language)
        let unit = org.units[post.unit]?.name.display(language) ?? post.unit.rawValue
        return title.isEmpty ? unit : "\(title), \(unit)"
    }

    /// A post as a node of an exported graph shows it: its holders (or `(vacant)`), then its title.
    static func label(of post: Post, in org: Org) -> String {
        let people = post.holders.compactMap { org.people[$0]?.name.display(.both) }
        let title = title(of: post).display(.both)
        return (people.isEmpty ? "(vacant)" : people.joined(separator: " / ")) + (title.isEmpty ? "" : "\n" + title)
    }
}
