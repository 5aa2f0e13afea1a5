import OrderedCollections

/// A value of a field changed by `set-attribute`: text, a list of text, or nothing.
public enum AttributeValue: Hashable, Sendable, CustomStringConvertible {
    /// A single piece of text.
    case text(String)
    /// A list of text, such as a person's `aliases`.
    case list([String])

    public var description: String {
        switch self {
        case .text(let text): "'\(text)'"
        case .list(let items): "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]"
        }
    }
}

/// Where a `merge-units` source or a `split-unit` part sends posts and sub-units.
public struct UnitTransfer: Hashable, Sendable {
    /// The unit that gives (merge) or receives (split).
    public var unit: UnitID
    /// The posts that move.
    public var posts: [PostID]
    /// The sub-units that move.
    public var units: [UnitID]
    /// For merge: the unit's record when it ends (removed). For split: the record of a part
    /// created by the split. Nil when the unit continues (merge) or already existed (split).
    public var record: Unit?

    /// Makes a transfer of these posts and sub-units for `unit`, with its record when it has one.
    public init(unit: UnitID, posts: [PostID] = [], units: [UnitID] = [], record: Unit? = nil) {
        self.unit = unit
        self.posts = posts
        self.units = units
        self.record = record
    }
}

/// One typed change to an org. Each case carries its pre-image (the state it expects to find),
/// so that applying checks it and inverting needs nothing but the change itself.
public enum ChangeOp: Hashable, Sendable {
    /// A new unit; its id must be free and its parent, if any, must exist.
    case addUnit(Unit)
    /// The unit as it was; it must have no sub-units and no posts left.
    case removeUnit(Unit)
    /// Changes a unit's name from `from` to `to`.
    case renameUnit(UnitID, from: LocalizedText, to: LocalizedText)
    /// Gives a unit a new parent; nil means none (a top-level unit). It must not end up under itself.
    case moveUnit(UnitID, from: UnitID?, to: UnitID?)
    /// Sources give their posts and sub-units to `into`; those with a record end (are removed).
    case mergeUnits(into: UnitID, sources: [UnitTransfer])
    /// The unit gives posts and sub-units to parts, creating those with a record; it ends
    /// (and is removed, as `record`) when `record` is given.
    case splitUnit(UnitID, record: Unit?, parts: [UnitTransfer])
    /// A post with its holders and lines.
    case addPost(Post)
    /// The post as it was, holders and lines included.
    case removePost(Post)
    /// Changes a post's title from `from` to `to`.
    case retitlePost(PostID, from: LocalizedText, to: LocalizedText)
    /// Puts `person` in the post, in place of `replaces` (empty when nobody leaves).
    case appoint(PostID, person: PersonID, replaces: [PersonID])
    /// Takes `person`, who must hold the post, out of it.
    case vacate(PostID, person: PersonID)
    /// Changes a post's solid reporting line from `from` to `to`; nil means none.
    case setReportsTo(PostID, from: ReportingLine?, to: ReportingLine?)
    /// Adds a dotted line from the post; it must not already have one to the same post.
    case addDotted(PostID, ReportingLine)
    /// Removes a dotted line from the post, given as it was.
    case removeDotted(PostID, ReportingLine)
    /// A new person; their id must be free.
    case addPerson(Person)
    /// The person as they were; they must hold no post.
    case removePerson(Person)
    /// Changes a person's name from `from` to `to`.
    case renamePerson(PersonID, from: LocalizedText, to: LocalizedText)
    /// Changes a person's status from `from` to `to`.
    case setStatus(PersonID, from: PersonStatus, to: PersonStatus)
    /// A field of a unit, post or person (`kind`, `unit`, `head`, `primary`, `aliases`,
    /// `source`, `confidence`, `note`, `id`) or a free attribute (`attributes.KEY`).
    case setAttribute(target: String, attribute: String, from: AttributeValue?, to: AttributeValue?)

    /// The op's name in changeset files and diffs.
    public var name: String {
        switch self {
        case .addUnit: "add-unit"
        case .removeUnit: "remove-unit"
        case .renameUnit: "rename-unit"
        case .moveUnit: "move-unit"
        case .mergeUnits: "merge-units"
        case .splitUnit: "split-unit"
        case .addPost: "add-post"
        case .removePost: "remove-post"
        case .retitlePost: "retitle-post"
        case .appoint: "appoint"
        case .vacate: "vacate"
        case .setReportsTo: "set-reports-to"
        case .addDotted: "add-dotted"
        case .removeDotted: "remove-dotted"
        case .addPerson: "add-person"
        case .removePerson: "remove-person"
        case .renamePerson: "rename-person"
        case .setStatus: "set-status"
        case .setAttribute: "set-attribute"
        }
    }

    /// Every op's ``name``, in the order of the cases.
    public static let names = [
        "add-unit", "remove-unit", "rename-unit", "move-unit", "merge-units", "split-unit", "add-post",
        "remove-post", "retitle-post", "appoint", "vacate", "set-reports-to", "add-dotted", "remove-dotted",
        "add-person", "remove-person", "rename-person", "set-status", "set-attribute",
    ]

    /// Ops that apply together when several come in a row, each checked as it would be alone:
    /// removals of one kind (`post` or `person`), and id changes. Nil for every other op.
    enum Run: Equatable {
        case removal(OrgCore.Kind)
        case idChange
    }

    var run: Run? {
        switch self {
        case .removePost: .removal(.post)
        case .removePerson: .removal(.person)
        case .setAttribute(_, "id", _, _): .idChange
        default: nil
        }
    }

    /// An id change's element, old id and new id.
    var idChange: (target: String, from: AttributeValue?, to: AttributeValue?)? {
        guard case .setAttribute(let target, "id", let from, let to) = self else { return nil }
        return (target, from, to)
    }

    /// The id of the element the op is about.
    public var subject: String {
        switch self {
        case .addUnit(let unit), .removeUnit(let unit): unit.id.rawValue
        case .renameUnit(let id, _, _), .moveUnit(let id, _, _): id.rawValue
        case .mergeUnits(let into, _): into.rawValue
        case .splitUnit(let id, _, _): id.rawValue
        case .addPost(let post), .removePost(let post): post.id.rawValue
        case .retitlePost(let id, _, _), .appoint(let id, _, _), .vacate(let id, _), .setReportsTo(let id, _, _),
            .addDotted(let id, _), .removeDotted(let id, _):
            id.rawValue
        case .addPerson(let person), .removePerson(let person): person.id.rawValue
        case .renamePerson(let id, _, _), .setStatus(let id, _, _): id.rawValue
        case .setAttribute(let target, _, _, _): target
        }
    }
}

/// One entry of a changeset: an op, why, and on what authority.
public struct Change: Hashable, Sendable {
    /// What changes.
    public var op: ChangeOp
    /// Why the change was made, in words; nil when not given.
    public var reason: String?
    /// The source, confidence and note of the change itself.
    public var provenance: Provenance
    /// For a change found by matching elements with different ids: how alike they were (0...1).
    public var similarity: Double?
    /// Where the change was written, when it was read from a file (not part of equality).
    public var location: SourceLocation?

    /// Makes a change of `op`, with its reason, provenance, similarity and place, if any.
    public init(_ op: ChangeOp, reason: String? = nil, provenance: Provenance = Provenance(), similarity: Double? = nil,
                location: SourceLocation? = nil) {
        self.op = op
        self.reason = reason
        self.provenance = provenance
        self.similarity = similarity
        self.location = location
    }

    public static func == (lhs: Change, rhs: Change) -> Bool {
        lhs.op == rhs.op && lhs.reason == rhs.reason && lhs.provenance == rhs.provenance && lhs.similarity == rhs.similarity
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(op)
        hasher.combine(reason)
        hasher.combine(provenance)
    }
}

extension Changeset {
    /// Gives each change that cites nothing the source of what it is about in `org`, the later
    /// version: a changed line's own provenance, else the element's. Changes that add an element
    /// carry it whole, with its provenance; removals have nothing left to cite. The sources cited
    /// come along, so the changeset reads back as it is.
    mutating func cite(_ org: Org) {
        for index in changes.indices where changes[index].provenance.isEmpty {
            let provenance: Provenance?
            switch changes[index].op {
            case .addUnit, .addPost, .addPerson, .removeUnit, .removePost, .removePerson: provenance = nil
            case .setReportsTo(_, _, let to): provenance = to?.provenance
            case .addDotted(_, let line): provenance = line.provenance
            case let op:
                let id = op.subject
                provenance = org.posts[PostID(id)]?.provenance ?? org.units[UnitID(id)]?.provenance ?? org.people[PersonID(id)]?.provenance
            }
            if let provenance { changes[index].provenance = provenance }
        }
        for change in changes {
            guard let id = change.provenance.source?.source, sources[id] == nil, addedSources[id] == nil, let source = org.sources[id] else { continue }
            sources[id] = source
        }
    }
}

/// A dated, ordered list of changes that turns one version of an org into the next.
public struct Changeset: Hashable, Sendable {
    /// The day the changes take effect; the result's `asOf`.
    public var effective: Day?
    /// The day they were announced, if different.
    public var announced: Day?
    /// The `asOf` of the org the changeset applies to (its pre-image), if recorded.
    public var previous: Day?
    /// What the changeset is, in a few words; nil when not given.
    public var title: String?
    /// Where the dates are stated (`source`, `confidence` and `note` at the top of the file).
    public var dated: Provenance
    /// The documents the changes cite. They are the changeset's own and are not added to the org.
    public var sources: OrderedDictionary<SourceID, Source>
    /// Sources the org gains (its elements cite them).
    public var addedSources: OrderedDictionary<SourceID, Source>
    /// Sources the org drops, each as it was.
    public var removedSources: OrderedDictionary<SourceID, Source>
    /// The changes, in the order they apply.
    public var changes: [Change]
    /// Where `previous` was written, when read from a file (not part of equality).
    public var previousLocation: SourceLocation?
    /// Where `effective` was written, when read from a file (not part of equality).
    public var effectiveLocation: SourceLocation?

    /// Makes a changeset; every part left out is empty or nil.
    public init(effective: Day? = nil, announced: Day? = nil, previous: Day? = nil, title: String? = nil, dated: Provenance = Provenance(),
                sources: OrderedDictionary<SourceID, Source> = [:], addedSources: OrderedDictionary<SourceID, Source> = [:],
                removedSources: OrderedDictionary<SourceID, Source> = [:], changes: [Change] = []) {
        self.effective = effective
        self.announced = announced
        self.previous = previous
        self.title = title
        self.dated = dated
        self.sources = sources
        self.addedSources = addedSources
        self.removedSources = removedSources
        self.changes = changes
    }

    public static func == (lhs: Changeset, rhs: Changeset) -> Bool {
        (lhs.effective, lhs.announced, lhs.previous, lhs.title) == (rhs.effective, rhs.announced, rhs.previous, rhs.title)
            && lhs.dated == rhs.dated && lhs.sources == rhs.sources && lhs.addedSources == rhs.addedSources && lhs.removedSources == rhs.removedSources
            && lhs.changes == rhs.changes
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(effective)
        hasher.combine(previous)
        hasher.combine(changes)
    }

    /// True when applying it changes nothing but, perhaps, the date.
    public var isEmpty: Bool { changes.isEmpty && addedSources.isEmpty && removedSources.isEmpty }
}
