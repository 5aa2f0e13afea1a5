extension ChangeOp {
    /// The ops that undo this one, in the order to apply them.
    public var inverse: [ChangeOp] {
        switch self {
        case .addUnit(let unit): return [.removeUnit(unit)]
        case .removeUnit(let unit): return [.addUnit(unit)]
        case .renameUnit(let id, let from, let to): return [.renameUnit(id, from: to, to: from)]
        case .moveUnit(let id, let from, let to): return [.moveUnit(id, from: to, to: from)]
        case .mergeUnits(let into, let sources):
            // Each source is split off again, ended sources re-created, in reverse order.
            return sources.reversed().map { source in
                .splitUnit(into, record: nil, parts: [source])
            }
        case .splitUnit(let id, let record, let parts):
            var ops: [ChangeOp] = []
            if let record { ops.append(.addUnit(record)) }
            ops.append(.mergeUnits(into: id, sources: parts.reversed()))
            return ops
        case .addPost(let post): return [.removePost(post)]
        case .removePost(let post): return [.addPost(post)]
        case .retitlePost(let id, let from, let to): return [.retitlePost(id, from: to, to: from)]
        case .appoint(let id, let person, let replaces):
            guard let first = replaces.first else { return [.vacate(id, person: person)] }
            return [.appoint(id, person: first, replaces: [person])] + replaces.dropFirst().map { .appoint(id, person: $0, replaces: []) }
        case .vacate(let id, let person): return [.appoint(id, person: person, replaces: [])]
        case .setReportsTo(let id, let from, let to): return [.setReportsTo(id, from: to, to: from)]
        case .addDotted(let id, let line): return [.removeDotted(id, line)]
        case .removeDotted(let id, let line): return [.addDotted(id, line)]
        case .addPerson(let person): return [.removePerson(person)]
        case .removePerson(let person): return [.addPerson(person)]
        case .renamePerson(let id, let from, let to): return [.renamePerson(id, from: to, to: from)]
        case .setStatus(let id, let from, let to): return [.setStatus(id, from: to, to: from)]
        case .setAttribute(let target, let attribute, let from, let to):
            if attribute == "id", case .text(let newID)? = to {
                return [.setAttribute(target: newID, attribute: "id", from: to, to: from)]
            }
            return [.setAttribute(target: target, attribute: attribute, from: to, to: from)]
        }
    }
}

extension Changeset {
    /// The changeset that undoes this one: applied after it, it gives back the original org.
    ///
    /// Changes run in reverse order, each undone; the dates and the sources added and removed
    /// trade places; the day the change was announced stays. Needs no org: every change carries its pre-image.
    /// - Complexity: O(*c*) in the number of changes.
    public func inverted() -> Changeset {
        var inverse = Changeset(
            effective: previous, announced: announced, previous: effective, title: title, dated: dated,
            sources: sources, addedSources: removedSources, removedSources: addedSources)
        for change in changes.reversed() {
            for op in change.op.inverse {
                inverse.changes.append(Change(op, reason: change.reason, provenance: change.provenance,
                                              similarity: change.similarity))
            }
        }
        return inverse
    }
}
