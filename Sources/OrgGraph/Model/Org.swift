import OrderedCollections

/// One version of an organisation: its units, posts and people, as of a date.
///
/// A value type: copies are independent and two orgs compare equal when they hold the same
/// facts in the same order. Where each fact was written in a file is kept apart, in
/// ``SourceMap``, so that equality speaks of content only.
public struct Org: Hashable, Sendable {
    /// The date this version describes.
    public var asOf: Day?
    /// A title for the org, e.g. `Kuaishou`.
    public var title: String?
    public var sources: OrderedDictionary<SourceID, Source>
    public var units: OrderedDictionary<UnitID, Unit>
    public var posts: OrderedDictionary<PostID, Post>
    public var people: OrderedDictionary<PersonID, Person>

    public init(asOf: Day? = nil, title: String? = nil,
                sources: OrderedDictionary<SourceID, Source> = [:],
                units: OrderedDictionary<UnitID, Unit> = [:],
                posts: OrderedDictionary<PostID, Post> = [:],
                people: OrderedDictionary<PersonID, Person> = [:]) {
        self.asOf = asOf
        self.title = title
        self.sources = sources
        self.units = units
        self.posts = posts
        self.people = people
    }
}
