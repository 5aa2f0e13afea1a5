/// The second stage of reading an org file: the draft's elements, shorthands expanded, fed to
/// the ``OrgBuilder`` that resolves and checks them; places are indices into a list of locations.
extension OrgDraft {
    /// The checked org, where each element and field was written, and every diagnostic.
    /// - Parameter parsed: whether the file was parsed without errors (else its structure is not checked).
    func build(file: String, parsed: Bool = true) -> (core: OrgCore, sourceMap: SourceMap, diagnostics: [Diagnostic]) {
        var builder = OrgBuilder()
        var sourceMap = SourceMap(file: file)
        var locations: [SourceLocation] = []
        func place(_ location: SourceLocation?) -> Place {
            guard let location else { return -1 }
            locations.append(location)
            return locations.count - 1
        }
        func reference(_ written: Located<String>) -> Reference { Reference(id: written.value, at: place(written.location)) }
        func provenance(_ draft: ProvenanceDraft) -> ProvenanceInput {
            ProvenanceInput(value: draft.provenance(), sourceAt: place(draft.source?.location))
        }
        func lines(_ drafts: [LineDraft]) -> [LineInput] {
            drafts.map { LineInput(target: reference($0.target), provenance: provenance($0.provenance)) }
        }

        builder.core.asOf = asOf?.value
        builder.core.title = title
        if let asOf { sourceMap.record("", field: "asOf", at: asOf.location) }
        for (id, source) in sources { builder.addSource(reference(id), source) }
        // Units, then people, then posts: a duplicate id is left out with the posts its
        // shorthand would have made, and posts come in the order that decides primary posts.
        var heads: [PostDraft] = []
        for unit in units {
            let added = builder.addUnit(
                id: reference(unit.id), name: unit.name.map { builder.intern($0) }, kind: unit.kind,
                parent: unit.parent.map(reference), provenance: provenance(unit.provenance), attributes: unit.attributes,
                at: place(unit.location))
            guard added else { continue }
            sourceMap.record(unit.id.value, at: unit.location)
            if let parent = unit.parent { sourceMap.record(unit.id.value, field: "parent", at: parent.location) }
            if let head = unit.head { heads.append(head) }
        }
        var shorthands: [PostDraft] = []
        for person in people {
            let added = builder.addPerson(
                id: reference(person.id), name: person.name.map { builder.intern($0) }, aliases: person.aliases,
                status: person.status, primary: person.primary.map(reference), provenance: provenance(person.provenance),
                attributes: person.attributes, at: place(person.location))
            guard added else { continue }
            sourceMap.record(person.id.value, at: person.location)
            if let primary = person.primary { sourceMap.record(person.id.value, field: "primary", at: primary.location) }
            if let post = person.shorthandPost { shorthands.append(post) }
        }
        for post in posts + heads + shorthands {
            let added = builder.addPost(
                id: reference(post.id), origin: post.origin, title: builder.intern(post.title), unit: post.unit.map(reference),
                isHead: post.isHead, reportsTo: lines(post.reportsTo), dotted: lines(post.dotted),
                holders: post.holders.map(reference), provenance: provenance(post.provenance), attributes: post.attributes,
                at: place(post.location))
            guard added else { continue }
            let id = post.id.value
            sourceMap.record(id, at: post.location)
            if let unit = post.unit { sourceMap.record(id, field: "unit", at: unit.location) }
            if let holder = post.holders.last { sourceMap.record(id, field: "holders", at: holder.location) }
            if let line = post.reportsTo.first { sourceMap.record(id, field: "reportsTo", at: line.target.location) }
            if let line = post.dotted.last { sourceMap.record(id, field: "dotted", at: line.target.location) }
        }
        let core = builder.finish(checkingStructure: parsed)
        let diagnostics = builder.diagnostics { places in
            Dictionary(uniqueKeysWithValues: places.map { ($0, locations[$0]) })
        }
        return (core, sourceMap, diagnostics)
    }
}
