/// Where each element of an org, and each of its fields, was written.
///
/// Kept beside an ``Org`` rather than inside it, so that two orgs with the same facts are equal
/// wherever they were written.
public struct SourceMap: Sendable, Hashable {
    /// The path of the org file, as named in diagnostics.
    public var file: String
    private var elements: [String: SourceLocation] = [:]
    private var fields: [String: SourceLocation] = [:]

    /// Makes a map of `file` with no places recorded yet.
    public init(file: String) {
        self.file = file
    }

    /// Where the element with this id (unit, post or person) starts.
    public func location(of id: String) -> SourceLocation? { elements[id] }

    /// Where a field of an element was written, else where the element starts.
    public func location(of id: String, field: String) -> SourceLocation? {
        fields[Self.key(id, field)] ?? elements[id]
    }

    mutating func record(_ id: String, at location: SourceLocation) {
        if elements[id] == nil { elements[id] = location }
    }

    mutating func record(_ id: String, field: String, at location: SourceLocation) {
        fields[Self.key(id, field)] = location
    }

    private static func key(_ id: String, _ field: String) -> String { "\(id)\u{1F}\(field)" }

    /// Every place recorded, as an index file keeps them: where each element starts, and where
    /// each field was written (keyed by id and field).
    var places: (elements: [String: SourceLocation], fields: [String: SourceLocation]) {
        get { (elements, fields) }
        set { (elements, fields) = newValue }
    }
}
