/// How sure the data is of a fact.
public enum Confidence: String, Hashable, Sendable, CaseIterable {
    /// The source says so.
    case stated
    /// The source implies it; the element's `note` gives the reasoning.
    case inferred

    /// The message for a confidence that is not one of the known ones.
    static func unknownMessage(_ text: String) -> String { "unknown confidence '\(text)'; use 'stated' or 'inferred'" }
}

/// A pointer into one of the org file's `sources`: `article:L85` is line 85 of source `article`.
public struct SourceReference: Hashable, Sendable, CustomStringConvertible {
    /// The id of the source cited.
    public var source: SourceID
    /// Where in the source, e.g. `L85` or `L9-L31`; free text.
    public var locator: String?

    /// Creates a reference to `source`, optionally at `locator`.
    public init(source: SourceID, locator: String? = nil) {
        self.source = source
        self.locator = locator
    }

    /// Parses `id` or `id:locator`.
    public init(parsing text: String) {
        if let colon = text.firstIndex(of: ":") {
            source = SourceID(String(text[..<colon]))
            let rest = String(text[text.index(after: colon)...])
            locator = rest.isEmpty ? nil : rest
        } else {
            source = SourceID(text)
            locator = nil
        }
    }

    public var description: String {
        locator.map { "\(source):\($0)" } ?? source.rawValue
    }
}

/// Where a fact comes from and how sure it is: carried by every unit, post, person and line.
public struct Provenance: Hashable, Sendable {
    /// The source the fact is cited from, or nil when none is given.
    public var source: SourceReference?
    /// How sure the fact is, or nil when not said.
    public var confidence: Confidence?
    /// Free text about the fact, such as why an inferred fact is believed.
    public var note: String?

    /// Creates a provenance; with no arguments, an empty one.
    public init(source: SourceReference? = nil, confidence: Confidence? = nil, note: String? = nil) {
        self.source = source
        self.confidence = confidence
        self.note = note
    }

    /// Whether no source, confidence or note is given.
    public var isEmpty: Bool { source == nil && confidence == nil && note == nil }

    /// True when the fact is marked as implied rather than stated.
    public var isInferred: Bool { confidence == .inferred }
}

/// An entry of an org file's `sources`: a document that facts cite.
public struct Source: Hashable, Sendable {
    /// The id that facts cite the source by.
    public var id: SourceID
    /// The document's title.
    public var title: String?
    /// Who published the document.
    public var publisher: String?
    /// When it was published, as written (`2025-11` or `2025-11-20`).
    public var published: String?
    /// Where the document is found online.
    public var url: String?
    /// A path to a local copy, relative to the org file.
    public var file: String?
    /// How these details were established where the source does not state them (a publisher
    /// inferred from the text, say).
    public var note: String?

    /// Creates a source with the given id; every other detail is optional.
    public init(id: SourceID, title: String? = nil, publisher: String? = nil, published: String? = nil,
                url: String? = nil, file: String? = nil, note: String? = nil) {
        self.id = id
        self.title = title
        self.publisher = publisher
        self.published = published
        self.url = url
        self.file = file
        self.note = note
    }
}
