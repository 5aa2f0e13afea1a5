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
    /// The documents facts cite, keyed by id.
    public var sources: OrderedDictionary<SourceID, Source>
    /// The units, keyed by id.
    public var units: OrderedDictionary<UnitID, Unit>
    /// The posts, keyed by id.
    public var posts: OrderedDictionary<PostID, Post>
    /// The people, keyed by id.
    public var people: OrderedDictionary<PersonID, Person>

    /// Creates an org; with no arguments, an empty one.
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
