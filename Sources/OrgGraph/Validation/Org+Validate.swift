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

        for problem in referenceProblems() {
            collector.error(problem.message, at: at(problem.id, problem.field))
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

    /// References that name nothing: a file's reader reports these itself, with hints; an org
    /// built or changed in code is checked here.
    func referenceProblems() -> [(id: String, field: String, message: String)] {
        var problems: [(id: String, field: String, message: String)] = []
        func checkSource(_ provenance: Provenance, _ id: String, _ what: String) {
            if let source = provenance.source?.source, sources[source] == nil {
                problems.append((id, "source", "\(what) cites unknown source '\(source)'"))
            }
        }
        for unit in units.values {
            if let parent = unit.parent, units[parent] == nil {
                problems.append((unit.id.rawValue, "parent", "unit '\(unit.id)' has parent unknown unit '\(parent)'"))
            }
            checkSource(unit.provenance, unit.id.rawValue, "unit '\(unit.id)'")
        }
        for post in posts.values {
            let id = post.id.rawValue
            if units[post.unit] == nil {
                problems.append((id, "unit", "post '\(id)' is in unknown unit '\(post.unit)'"))
            }
            for holder in post.holders where people[holder] == nil {
                problems.append((id, "holders", "post '\(id)' is held by unknown person '\(holder)'"))
            }
            if let line = post.reportsTo {
                if posts[line.to] == nil {
                    problems.append((id, "reportsTo", "post '\(id)' reports to unknown post '\(line.to)'"))
                }
                checkSource(line.provenance, id, "the solid line of '\(id)'")
            }
            for line in post.dotted {
                if posts[line.to] == nil {
                    problems.append((id, "dotted", "post '\(id)' has a dotted line to unknown post '\(line.to)'"))
                }
                checkSource(line.provenance, id, "a dotted line of '\(id)'")
            }
            checkSource(post.provenance, id, "post '\(id)'")
        }
        for person in people.values {
            if let primary = person.primaryPost, posts[primary]?.holders.contains(person.id) != true {
                problems.append((person.id.rawValue, "primary", "primary post '\(primary)' of '\(person.id)' is not a post they hold"))
            }
            checkSource(person.provenance, person.id.rawValue, "'\(person.id)'")
        }
        return problems
    }
}
