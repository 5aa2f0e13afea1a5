import Foundation

/// Writes the answers of `reports`, `common`, `path`, `find`, `stats` and `heads` as text for
/// people and JSON for scripts. Ids are always in the JSON.
public struct QueryFormatter: Sendable {
    /// The org whose people, posts and units the answers name.
    public var org: Org
    /// Which languages the text gives names and titles in.
    public var language: LanguagePreference
    private let chain: ChainFormatter

    /// Makes a formatter of answers about `org`.
    public init(org: Org, language: LanguagePreference = .both) {
        self.org = org
        self.language = language
        chain = ChainFormatter(org: org, language: language)
    }

    // MARK: Pieces

    func personName(_ id: PersonID?) -> String {
        guard let id else { return "(vacant)" }
        return org.people[id].map { "\($0.name.display(language)) [\(id)]" } ?? "[\(id)]"
    }

    func holdersText(_ post: PostID) -> String {
        let holders = org.posts[post]?.holders ?? []
        return holders.isEmpty ? "(vacant)" : holders.map { personName($0) }.joined(separator: " / ")
    }

    func postText(_ id: PostID) -> String {
        guard let post = org.posts[id] else { return "[\(id)]" }
        return OrgText.place(of: post, in: org, language: language)
    }

    func unitName(_ id: UnitID) -> String {
        org.units[id].map { "\($0.name.display(language)) [\(id)]" } ?? "[\(id)]"
    }

    /// `{"person", "name", "post", "title", "unit"}` for the first holder of a post.
    func postJSON(_ post: PostID, person: PersonID? = nil) -> [(String, JSONValue)] {
        let holder = person ?? org.posts[post]?.holders.first
        guard case .object(let pairs) = chain.stepJSON(ChainStep(post: post, person: holder, link: nil)) else { return [] }
        return pairs.filter { $0.0 != "link" }
    }

    // MARK: reports

    /// The reports of a post as JSON (``reportsJSON(of:person:_:)``) or as an outline with a count
    /// of direct reports; `person` is the holder to name for the post (nil: its holders).
    public func reports(of post: PostID, person: PersonID?, _ reports: [Report], json: Bool) -> String {
        if json { return reportsJSON(of: post, person: person, reports).rendered() }
        return reportsText(of: post, person: person, reports)
    }

    /// `{"of": {...}, "reports": [...]}`.
    public func reportsJSON(of post: PostID, person: PersonID?, _ reports: [Report]) -> JSONValue {
            JSONValue.object([
                ("of", .object(postJSON(post, person: person))),
                ("reports", .array(reports.map { report in
                    .object(postJSON(report.post) + [
                        ("holders", .array((org.posts[report.post]?.holders ?? []).map { .string($0.rawValue) })),
                        ("manager", .string(report.manager.rawValue)),
                        ("link", .string(report.link?.rawValue ?? "dotted")),
                        ("depth", .int(report.depth)),
                    ])
                })),
            ])
    }

    /// Outlines are indented two spaces a level up to this depth; deeper lines say their level
    /// instead, so that a chain ten thousand deep prints in linear space.
    static let indentLimit = 24

    /// The indentation of an outline line `depth` levels down.
    static func indent(_ depth: Int) -> String {
        depth <= indentLimit ? String(repeating: "  ", count: depth) : String(repeating: "  ", count: indentLimit) + "[level \(depth)] "
    }

    func reportsText(of post: PostID, person: PersonID?, _ reports: [Report]) -> String {
        var lines = ["\(person.map { personName($0) } ?? holdersText(post)) · \(postText(post))"]
        if reports.isEmpty { lines.append("  no reports") }
        for report in reports {
            let indent = Self.indent(report.depth)
            let mark = report.link == nil ? "  (dotted line)" : report.link == .implied ? "  (implied line)" : ""
            lines.append("\(indent)\(holdersText(report.post)) · \(postText(report.post))\(mark)")
        }
        let direct = reports.filter { $0.depth == 1 && !$0.isDotted }.count
        lines.append("\(direct) direct report\(direct == 1 ? "" : "s"), \(reports.filter { !$0.isDotted }.count) in all shown")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: common and path

    /// The first common manager of two people and both chains up to them, as JSON
    /// (``commonJSON(_:)``) or as text.
    public func common(_ common: CommonManager, json: Bool) -> String {
        if json { return commonJSON(common).rendered() }
        return commonText(common)
    }

    /// `{"manager": {...}, "chains": [[...], [...]]}`.
    public func commonJSON(_ common: CommonManager) -> JSONValue {
        let manager = common.firstChain.last!
        return JSONValue.object([
                ("manager", .object(postJSON(manager.post, person: manager.person))),
                ("chains", .array([chain.json(common.firstChain), chain.json(common.secondChain)].map {
                    if case .object(let pairs) = $0 { return pairs[0].1 }
                    return .null
                })),
            ])
    }

    func commonText(_ common: CommonManager) -> String {
        let manager = common.firstChain.last!
        func line(_ steps: [ChainStep]) -> String { steps.map { personName($0.person) }.joined(separator: " → ") }
        return """
            first common manager: \(personName(manager.person)) · \(postText(manager.post))
              \(line(common.firstChain))
              \(line(common.secondChain))

            """
    }

    /// The route between two people: up the first chain to the common manager, down the second.
    public func path(_ common: CommonManager, json: Bool) -> String {
        let up = common.firstChain
        let down = common.secondChain.dropLast().reversed()
        if json {
            var steps: [JSONValue] = []
            for (index, step) in up.enumerated() {
                steps.append(.object(postJSON(step.post, person: step.person) + [("direction", index == 0 ? .null : .string("up"))]))
            }
            for step in down {
                steps.append(.object(postJSON(step.post, person: step.person) + [("direction", .string("down"))]))
            }
            return JSONValue.object([("path", .array(steps)), ("length", .int(steps.count - 1))]).rendered()
        }
        var lines: [String] = []
        for (index, step) in up.enumerated() {
            lines.append((index == 0 ? "  " : "↑ ") + "\(personName(step.person)) · \(postText(step.post))")
        }
        for step in down { lines.append("↓ \(personName(step.person)) · \(postText(step.post))") }
        lines.append("\(up.count + down.count - 1) step\(up.count + down.count - 1 == 1 ? "" : "s")")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: find

    /// Search results as JSON, or as text a line each: kind, id, name and a post's holders.
    public func find(_ results: [FindResult], json: Bool) -> String {
        func name(_ element: OrgElement) -> LocalizedText {
            switch element {
            case .person(let id): org.people[id]?.name ?? LocalizedText()
            case .unit(let id): org.units[id]?.name ?? LocalizedText()
            case .post(let id): org.posts[id].map(OrgText.title(of:)) ?? LocalizedText()
            }
        }
        if json {
            return JSONValue.object([("results", .array(results.map { result in
                .object([
                    ("kind", .string(result.element.kindName)), ("id", .string(result.element.id)),
                    ("name", name(result.element).json), ("matched", .string(result.matched)), ("rank", .int(result.rank)),
                ])
            }))]).rendered()
        }
        if results.isEmpty { return "nothing found\n" }
        return results.map { result in
            var line = "\(result.element.kindName) '\(result.element.id)': \(name(result.element).display(language))"
            if case .post(let id) = result.element { line += " · \(holdersText(id))" }
            return line
        }.joined(separator: "\n") + "\n"
    }

    // MARK: stats

    /// The statistics of the org as JSON, or as text: counts, headcount by unit, spans of control,
    /// the heads of the most units, vacant posts, people with several posts and more.
    public func stats(_ stats: OrgStats, json: Bool) -> String {
        if json {
            return JSONValue.object([
                ("asOf", JSONValue(org.asOf?.description)),
                ("people", .int(stats.people)),
                ("posts", .int(stats.posts)),
                ("units", .int(stats.units)),
                ("headcount", .array(stats.headcount.map {
                    .object([("unit", .string($0.unit.rawValue)), ("parent", JSONValue($0.parent?.rawValue)), ("direct", .int($0.direct)),
                             ("total", .int($0.total))])
                })),
                ("span", .object([
                    ("min", stats.spanMinimum.map { .int($0) } ?? .null),
                    ("median", stats.spanMedian.map { .double($0) } ?? .null),
                    ("max", stats.spanMaximum.map { .int($0) } ?? .null),
                    ("threshold", .int(stats.spanThreshold)),
                    ("posts", .array(stats.spans.map {
                        .object([("post", .string($0.post.rawValue)), ("unit", .string($0.unit.rawValue)), ("head", .bool($0.isHead)),
                                 ("holders", .array($0.holders.map { .string($0.rawValue) })), ("reports", .int($0.reports))])
                    })),
                    ("over", .array(stats.wideSpans.map { .string($0.post.rawValue) })),
                ])),
                ("layers", .int(stats.layers)),
                ("vacantPosts", .array(stats.vacantPosts.map { .string($0.rawValue) })),
                ("multiplePosts", .array(stats.multiplePosts.map {
                    .object([("person", .string($0.person.rawValue)), ("posts", .array($0.posts.map { .string($0.rawValue) }))])
                })),
                ("dottedLines", .int(stats.dottedLines)),
                ("inferredFacts", .int(stats.inferredFacts)),
                ("headships", .array(stats.headships.map {
                    .object([("person", .string($0.person.rawValue)), ("units", .array($0.units.map { .string($0.rawValue) }))])
                })),
            ]).rendered()
        }
        var lines = ["\(org.title ?? "org")\(org.asOf.map { " as of \($0)" } ?? ""): \(stats.people) people, \(stats.posts) posts, \(stats.units) units, \(stats.layers) layers"]
        lines.append("")
        lines.append("headcount (direct / with sub-units):")
        for count in stats.headcount {
            lines.append("  " + Self.indent(count.depth) + "\(unitName(count.unit)): \(count.direct) / \(count.total)")
        }
        lines.append("")
        let median = stats.spanMedian.map { $0 == $0.rounded() ? String(Int($0)) : String($0) } ?? "-"
        lines.append("span of control of managers and unit heads (\(stats.spans.count)): min \(stats.spanMinimum.map(String.init) ?? "-"), median \(median), max \(stats.spanMaximum.map(String.init) ?? "-")")
        for span in stats.wideSpans {
            let who = span.holders.isEmpty ? "vacant post \(span.post.rawValue)" : span.holders.map { personName($0) }.joined(separator: " / ")
            lines.append("  over \(stats.spanThreshold): \(who) \(span.isHead ? "heading" : "in") \(unitName(span.unit)): \(span.reports)")
        }
        lines.append("")
        lines.append("heads of the most units:")
        for headship in stats.headships.prefix(5) {
            lines.append("  \(personName(headship.person)): \(headship.units.count) (\(headship.units.map { org.units[$0]?.name.display(language) ?? $0.rawValue }.joined(separator: ", ")))")
        }
        lines.append("")
        lines.append("vacant posts: \(stats.vacantPosts.count)\(stats.vacantPosts.isEmpty ? "" : " (" + stats.vacantPosts.map(\.rawValue).joined(separator: ", ") + ")")")
        lines.append("people with several posts: \(stats.multiplePosts.count)\(stats.multiplePosts.isEmpty ? "" : " (" + stats.multiplePosts.map { "\(personName($0.person)): \($0.posts.count)" }.joined(separator: ", ") + ")")")
        lines.append("dotted lines: \(stats.dottedLines)")
        lines.append("inferred facts: \(stats.inferredFacts)")
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: heads

    /// The heads of units, as ``QuerySource/head(ofUnit:)`` finds them; the formatter's org
    /// must hold the units, the head posts and the posts they report to.
    public func heads(_ rows: [UnitHead], json: Bool) -> String {
        if json {
            return JSONValue.object([("heads", .array(rows.map { row in
                .object([
                    ("unit", .string(row.unit.rawValue)),
                    ("name", org.units[row.unit]?.name.json ?? .null),
                    ("post", JSONValue(row.post?.rawValue)),
                    ("holders", .array((row.post.flatMap { org.posts[$0]?.holders } ?? []).map { .string($0.rawValue) })),
                    ("provenance", ChainFormatter.json(row.post.flatMap { org.posts[$0]?.provenance })),
                    ("reportsTo", row.superior.map { superior in
                        .object([("person", JSONValue(org.posts[superior.post]?.holders.first?.rawValue)),
                                 ("post", .string(superior.post.rawValue)), ("link", .string(superior.link.rawValue)),
                                 ("lineProvenance", ChainFormatter.json(row.post.flatMap { org.posts[$0]?.reportsTo?.provenance }))])
                    } ?? .null),
                ])
            }))]).rendered()
        }
        return rows.map { row in
            var line = "\(unitName(row.unit)): "
            guard let post = row.post else { return line + "no head" }
            line += holdersText(post)
            if let superior = row.superior {
                line += ", reports to \(holdersText(superior.post)) (\(superior.link.rawValue))"
            }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
