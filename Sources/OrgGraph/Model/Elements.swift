import OrderedCollections

/// Free-form key/value pairs an author attaches to an element (cost centre, location, ...).
public typealias Attributes = OrderedDictionary<String, String>

/// An organisational unit: a company, business unit, department or team.
public struct Unit: Hashable, Sendable, Identifiable {
    public var id: UnitID
    /// The unit's name.
    public var name: LocalizedText
    /// `company`, `business-group`, `business-unit`, `department`, `team`, `business-line`, ...
    public var kind: String?
    /// The id of the unit above this one; nil for a unit at the top.
    public var parent: UnitID?
    /// Where the unit comes from and how sure it is.
    public var provenance: Provenance
    /// Free key/value pairs attached to the unit.
    public var attributes: Attributes

    /// Creates a unit; by default it has no kind, no parent, no provenance and no attributes.
    public init(id: UnitID, name: LocalizedText, kind: String? = nil, parent: UnitID? = nil,
                provenance: Provenance = Provenance(), attributes: Attributes = [:]) {
        self.id = id
        self.name = name
        self.kind = kind
        self.parent = parent
        self.provenance = provenance
        self.attributes = attributes
    }
}

/// A reporting line from a post to another post, with its own provenance.
public struct ReportingLine: Hashable, Sendable {
    /// The post the line goes to.
    public var to: PostID
    /// Where the line comes from and how sure it is.
    public var provenance: Provenance

    /// Creates a line to the post `to`.
    public init(to: PostID, provenance: Provenance = Provenance()) {
        self.to = to
        self.provenance = provenance
    }
}

/// A position in a unit. No holders means vacant; several holders means a shared post.
public struct Post: Hashable, Sendable, Identifiable {
    public var id: PostID
    /// The post's title; may be empty.
    public var title: LocalizedText
    /// The id of the unit the post is in.
    public var unit: UnitID
    /// Whether this post heads its unit.
    public var isHead: Bool
    /// Whether this is a staff post (an assistant, advisor or chief of staff): it serves the
    /// post its solid line goes to, and charts draw it beside that post, not among its reports.
    public var isStaff: Bool
    /// The solid line. When nil the line is implied: to the unit's head, or for a head, to the
    /// head of the nearest ancestor unit that has one.
    public var reportsTo: ReportingLine?
    /// The dotted lines, to other posts.
    public var dotted: [ReportingLine]
    /// The ids of the people who hold the post; empty when it is vacant.
    public var holders: [PersonID]
    /// Where the post comes from and how sure it is.
    public var provenance: Provenance
    /// Free key/value pairs attached to the post.
    public var attributes: Attributes

    /// Creates a post in `unit`; by default it is untitled, neither head nor staff, vacant, and has
    /// an implied solid line and no dotted lines.
    public init(id: PostID, title: LocalizedText = LocalizedText(), unit: UnitID, isHead: Bool = false,
                isStaff: Bool = false, reportsTo: ReportingLine? = nil, dotted: [ReportingLine] = [], holders: [PersonID] = [],
                provenance: Provenance = Provenance(), attributes: Attributes = [:]) {
        self.id = id
        self.title = title
        self.unit = unit
        self.isHead = isHead
        self.isStaff = isStaff
        self.reportsTo = reportsTo
        self.dotted = dotted
        self.holders = holders
        self.provenance = provenance
        self.attributes = attributes
    }

    /// Whether no one holds the post.
    public var isVacant: Bool { holders.isEmpty }
}

/// Whether a person is at work in the organisation.
public enum PersonStatus: String, Hashable, Sendable, CaseIterable {
    /// At work in their role (the default).
    case active
    /// Fills their role in an acting capacity.
    case acting
    /// Serves as an advisor.
    case advisor
    /// Is on leave from their role.
    case onLeave = "on-leave"
    /// Has stepped back from their role (the source says so), without a claim that they left
    /// the organisation.
    case steppedBack = "stepped-back"
    /// Has left the organisation; they are expected to hold no post.
    case departed

    /// Whether someone with this status is expected to hold a post.
    public var expectsPost: Bool { self != .departed && self != .steppedBack }

    /// The message for a status that is not one of the known ones.
    static func unknownMessage(_ text: String) -> String {
        let known = allCases.map(\.rawValue)
        if let suggestion = Suggestions.closest(to: text, among: known) {
            return "unknown status '\(text)'; did you mean '\(suggestion)'?"
        }
        return "unknown status '\(text)'; use one of \(known.map { "'\($0)'" }.joined(separator: ", "))"
    }
}

/// A person, who holds zero or more posts.
public struct Person: Hashable, Sendable, Identifiable {
    public var id: PersonID
    /// The person's name.
    public var name: LocalizedText
    /// Other names people use for the person.
    public var aliases: [String]
    /// Whether the person is at work in the organisation.
    public var status: PersonStatus
    /// The post that stands for the person in chains and charts, when they hold several.
    public var primaryPost: PostID?
    /// Where the person comes from and how sure it is.
    public var provenance: Provenance
    /// Free key/value pairs attached to the person.
    public var attributes: Attributes

    /// Creates a person; by default they are active, with no aliases, no primary post, no
    /// provenance and no attributes.
    public init(id: PersonID, name: LocalizedText, aliases: [String] = [], status: PersonStatus = .active,
                primaryPost: PostID? = nil, provenance: Provenance = Provenance(),
                attributes: Attributes = [:]) {
        self.id = id
        self.name = name
        self.aliases = aliases
        self.status = status
        self.primaryPost = primaryPost
        self.provenance = provenance
        self.attributes = attributes
    }
}
