extension OrgCore {
    /// The core of an org made or changed in code, checked as a file's org is: problems are
    /// kept in ``warnings`` and returned by ``Org/validate(sourceMap:)``, and what does not
    /// resolve is left out (a line to an unknown post, a holder who is not a person).
    /// - Parameters:
    ///   - org: the org's value view.
    ///   - sourceMap: where the org was written, to place each diagnostic.
    /// - Complexity: O(*n*).
    public init(_ org: Org, sourceMap: SourceMap? = nil) {
        self.init(org, sourceMap: sourceMap, unitTreeUnder: nil, derivingUnitTree: false)
    }

    /// The core of an imported org, its units given heads and parents by the unit-tree rule
    /// (``OrgBuilder``) when `derivingUnitTree`, those left at the top put under `root`.
    init(_ org: Org, sourceMap: SourceMap?, unitTreeUnder root: UnitID?, derivingUnitTree: Bool) {
        var builder = OrgBuilder()
        builder.derivesUnitTree = derivingUnitTree
        builder.derivedTreeRoot = root?.rawValue
        builder.reserve(units: org.units.count, posts: org.posts.count, people: org.people.count)
        var locations: [SourceLocation] = []
        func place(_ id: String, _ field: String? = nil) -> Place {
            guard let location = field.map({ sourceMap?.location(of: id, field: $0) }) ?? sourceMap?.location(of: id) else { return -1 }
            locations.append(location)
            return locations.count - 1
        }
        func provenance(_ value: Provenance, _ id: String) -> ProvenanceInput {
            ProvenanceInput(value: value, sourceAt: value.source == nil ? -1 : place(id))
        }
        builder.core.asOf = org.asOf
        builder.core.title = org.title
        for source in org.sources.values { builder.addSource(Reference(id: source.id.rawValue, at: -1), source) }
        for unit in org.units.values {
            let id = unit.id.rawValue
            builder.addUnit(id: Reference(id: id, at: place(id)), name: builder.intern(unit.name), kind: unit.kind,
                            parent: unit.parent.map { Reference(id: $0.rawValue, at: place(id, "parent")) },
                            provenance: provenance(unit.provenance, id), attributes: unit.attributes, at: place(id))
        }
        for person in org.people.values {
            let id = person.id.rawValue
            builder.addPerson(id: Reference(id: id, at: place(id)), name: builder.intern(person.name), aliases: person.aliases,
                              status: person.status, primary: person.primaryPost.map { Reference(id: $0.rawValue, at: place(id, "primary")) },
                              provenance: provenance(person.provenance, id), attributes: person.attributes, at: place(id))
        }
        for post in org.posts.values {
            let id = post.id.rawValue
            func line(_ line: ReportingLine, _ field: String) -> LineInput {
                LineInput(target: Reference(id: line.to.rawValue, at: place(id, field)), provenance: provenance(line.provenance, id))
            }
            builder.addPost(id: Reference(id: id, at: place(id)), title: builder.intern(post.title),
                            unit: Reference(id: post.unit.rawValue, at: place(id, "unit")), isHead: post.isHead,
                            isStaff: post.isStaff, reportsTo: post.reportsTo.map { [line($0, "reportsTo")] } ?? [], dotted: post.dotted.map { line($0, "dotted") },
                            holders: post.holders.map { Reference(id: $0.rawValue, at: place(id, "holders")) },
                            provenance: provenance(post.provenance, id), attributes: post.attributes, at: place(id))
        }
        self = builder.finish()
        warnings = builder.diagnostics { places in Dictionary(uniqueKeysWithValues: places.map { ($0, locations[$0]) }) }
    }
}

extension Org {
    /// Checks the org as a file's org is checked when read: references, duplicate ids, unit
    /// cycles, two heads in a unit, reporting cycles (through written and implied lines), people
    /// in no post, inferred facts without a note.
    /// - Parameter sourceMap: where the org was written, to place each diagnostic.
    /// - Complexity: O(*n*), plus the unit tree's depth for each unit.
    public func validate(sourceMap: SourceMap? = nil) -> [Diagnostic] {
        OrgCore(self, sourceMap: sourceMap).warnings
    }
}
