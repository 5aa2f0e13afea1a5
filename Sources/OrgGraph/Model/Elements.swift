import OrderedCollections

/// Free-form key/value pairs an author attaches to an element (cost centre, location, ...).
public typealias Attributes = OrderedDictionary<String, String>

/// An organisational unit: a company, business unit, department or team.
public struct Unit: Hashable, Sendable, Identifiable {
    public var id: UnitID
    public var name: LocalizedText
    /// `company`, `business-group`, `business-unit`, `department`, `team`, `business-line`, ...
    public var kind: String?
    public var parent: UnitID?
    public var provenance: Provenance
    public var attributes: Attributes

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
    public var to: PostID
    public var provenance: Provenance

    public init(to: PostID, provenance: Provenance = Provenance()) {
        self.to = to
        self.provenance = provenance
    }
}

/// A position in a unit. No holders means vacant; several holders means a shared post.
public struct Post: Hashable, Sendable, Identifiable {
    public var id: PostID
    public var title: LocalizedText
    public var unit: UnitID
    /// Whether this post heads its unit.
    public var isHead: Bool
    /// Whether this is a staff post (an assistant, advisor or chief of staff): it serves the
    /// post its solid line goes to, and charts draw it beside that post, not among its reports.
    public var isStaff: Bool
    /// The solid line. When nil the line is implied: to the unit's head, or for a head, to the
    /// head of the nearest ancestor unit that has one.
    public var reportsTo: ReportingLine?
    public var dotted: [ReportingLine]
    public var holders: [PersonID]
    public var provenance: Provenance
    public var attributes: Attributes

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

    public var isVacant: Bool { holders.isEmpty }
}

/// Whether a person is at work in the organisation.
public enum PersonStatus: String, Hashable, Sendable, CaseIterable {
    case active
    case acting
    case advisor
    case onLeave = "on-leave"
    /// Has stepped back from their role (the source says so), without a claim that they left
    /// the organisation.
    case steppedBack = "stepped-back"
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
    public var name: LocalizedText
    public var aliases: [String]
    public var status: PersonStatus
    /// The post that stands for the person in chains and charts, when they hold several.
    public var primaryPost: PostID?
    public var provenance: Provenance
    public var attributes: Attributes

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
