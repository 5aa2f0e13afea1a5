import OrderedCollections

/// An element of a changeset as written, before it becomes a value.
struct ProvenanceDraft {
    var source: Located<String>?
    var confidence: Confidence?
    var note: String?
    var location: SourceLocation?

    func provenance() -> Provenance {
        Provenance(source: source.map { SourceReference(parsing: $0.value) }, confidence: confidence, note: note)
    }
}

struct LineDraft {
    var target: Located<String>
    var provenance: ProvenanceDraft
}

struct UnitDraft {
    var id: Located<String>
    /// Nil when no name was written.
    var name: LocalizedText?
    var kind: String?
    var parent: Located<String>?
    var head: PostDraft?
    var provenance: ProvenanceDraft
    var attributes: Attributes
    var location: SourceLocation
}

struct PostDraft {
    var id: Located<String>
    var title: LocalizedText
    var unit: Located<String>?
    var isHead: Bool
    var reportsTo: [LineDraft]
    var dotted: [LineDraft]
    var holders: [Located<String>]
    var provenance: ProvenanceDraft
    var attributes: Attributes
    var location: SourceLocation
    var origin: PostOrigin
}

struct PersonDraft {
    var id: Located<String>
    /// Nil when no name was written.
    var name: LocalizedText?
    var aliases: [String]
    var status: PersonStatus
    var primary: Located<String>?
    /// The post that `title`, `unit`, `reportsTo` or `dotted` on the person expand to.
    var shorthandPost: PostDraft?
    var provenance: ProvenanceDraft
    var attributes: Attributes
    var location: SourceLocation
}
