extension Org {
    /// Checks what only the whole org can show: unit cycles, two heads in a unit, reporting
    /// cycles (through written and implied lines), people in no post, inferred facts without a note.
    ///
    /// References were resolved when the org was read; this checks the structure they make.
    /// - Parameter sourceMap: where the org was written, to place each diagnostic.
    /// - Complexity: O(*n* · *d*), *d* the depth of the unit tree.
    public func validate(sourceMap: SourceMap? = nil) -> [Diagnostic] {
        var collector = DiagnosticCollector()
        let index = OrgIndex(self)
        func at(_ id: String, _ field: String? = nil) -> SourceLocation? {
            guard let sourceMap else { return nil }
            return field.map { sourceMap.location(of: id, field: $0) } ?? sourceMap.location(of: id)
        }

        let unitCycles = unitCycles()
        for cycle in unitCycles {
            let path = (cycle + [cycle[0]]).map { "'\($0)'" }.joined(separator: " → ")
            collector.error("unit '\(cycle[0])' is its own ancestor: \(path); one of these 'parent' lines is wrong",
                            at: at(cycle[0].rawValue, "parent"))
        }

        for post in posts.values where post.isHead {
            if let first = index.headPost[post.unit], first != post.id {
                collector.error("unit '\(post.unit)' has two heads, '\(first)' and '\(post.id)'; a shared head is one post with several holders",
                                at: at(post.id.rawValue))
            }
        }

        // Implied lines follow the unit tree, so they are only meaningful without unit cycles.
        if unitCycles.isEmpty {
            for cycle in reportingCycles(index) {
                let names = (cycle + [cycle[0]]).map { post in
                    "'\(posts[post]?.holders.first?.rawValue ?? post.rawValue)'"
                }
                let first = cycle.min { (at($0.rawValue, "reportsTo") ?? SourceLocation(file: "", line: .max, column: 0))
                    < (at($1.rawValue, "reportsTo") ?? SourceLocation(file: "", line: .max, column: 0)) } ?? cycle[0]
                collector.error("reporting cycle: \(names.joined(separator: " → ")); one of these must report elsewhere",
                                at: at(first.rawValue, "reportsTo"))
            }
        }

        for person in people.values {
            let held = index.posts[person.id] ?? []
            if held.isEmpty, person.status.expectsPost {
                collector.warning("'\(person.id)' holds no post; give them a post (title, unit, reportsTo) or 'status: departed'",
                                  at: at(person.id.rawValue))
            }
        }

        func checkNote(_ provenance: Provenance, _ what: String, _ location: SourceLocation?) {
            if provenance.isInferred, (provenance.note ?? "").isEmpty {
                collector.warning("\(what) is marked inferred but has no 'note' saying why", at: location)
            }
        }
        for unit in units.values { checkNote(unit.provenance, "unit '\(unit.id)'", at(unit.id.rawValue)) }
        for person in people.values { checkNote(person.provenance, "'\(person.id)'", at(person.id.rawValue)) }
        for post in posts.values {
            checkNote(post.provenance, "post '\(post.id)'", at(post.id.rawValue))
            if let line = post.reportsTo { checkNote(line.provenance, "the solid line of '\(post.id)'", at(post.id.rawValue, "reportsTo")) }
            for line in post.dotted { checkNote(line.provenance, "the dotted line of '\(post.id)'", at(post.id.rawValue, "dotted")) }
        }
        return collector.sorted
    }

    /// Each cycle of `parent` links once, starting from its first unit in file order.
    func unitCycles() -> [[UnitID]] {
        var state: [UnitID: Int] = [:]  // 1: on the current path, 2: done
        var cycles: [[UnitID]] = []
        for start in units.keys where state[start] == nil {
            var path: [UnitID] = []
            var current: UnitID? = start
            while let id = current, state[id] == nil, units[id] != nil {
                state[id] = 1
                path.append(id)
                current = units[id]?.parent
            }
            if let id = current, state[id] == 1, let position = path.firstIndex(of: id) {
                cycles.append(Array(path[position...]))
            }
            for id in path { state[id] = 2 }
        }
        return cycles
    }

    /// Each cycle of solid lines (written or implied) once.
    func reportingCycles(_ index: OrgIndex) -> [[PostID]] {
        var state: [PostID: Int] = [:]
        var cycles: [[PostID]] = []
        for start in posts.keys where state[start] == nil {
            var path: [PostID] = []
            var current: PostID? = start
            while let id = current, state[id] == nil, posts[id] != nil {
                state[id] = 1
                path.append(id)
                current = index.superior(of: id)?.post
            }
            if let id = current, state[id] == 1, let position = path.firstIndex(of: id) {
                cycles.append(Array(path[position...]))
            }
            for id in path { state[id] = 2 }
        }
        return cycles
    }
}
