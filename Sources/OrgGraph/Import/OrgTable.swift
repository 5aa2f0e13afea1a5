import OrderedCollections

/// An org's own CSV, as `export --to csv` writes it and `import csv` (or any command) reads it
/// back: a row a post and holder, known by its `post_id` column.
///
/// Columns: `id` (the person), `name_LANG` (one a language), `status`, `aliases` (`;` between),
/// `post_id`, `title_LANG`, `primary`, `head`, `staff` (`yes` for true), `reports_to_post` (the
/// post a solid line goes to), `dotted` (posts, `;` between, as aliases: a `;` or `\\` in one
/// after a `\\`), `unit_id`, `unit_name_LANG`,
/// `unit_kind`, `unit_parent`, attributes as `person.NAME`, `post.NAME`, `unit.NAME`, and
/// provenance as `KIND_source`, `KIND_confidence`, `KIND_note` for `person`, `post`, `unit`,
/// `line` (the solid one) and `dotted` (an item a dotted line). A row with `source_id` (and
/// `source_title`, `source_publisher`, `source_published`, `source_url`, `source_file`, `source_note`) is a
/// source; one with `org_title` or `org_as_of` gives the org's title and day. A post
/// held by several people has a row each; a vacant post a row without a person; a person in no
/// post a row without a post; a unit with no post a row with the unit alone. The first row of a
/// person, post or unit gives its fields; later rows add holders. When the file gives no unit
/// parent and no head, the unit tree is derived as for an HR export.
struct OrgTable {
    let file: String
    let header: [String]
    let unitTree: Bool

    /// Whether a header is an org's own CSV: it has a `post_id` column.
    static func isOrgTable(_ header: [String]) -> Bool { header.contains { $0.lowercased() == "post_id" } }

    func build(_ records: [[String]], lines: [Int32], warnings rowWarnings: DiagnosticCollector) throws(DiagnosticError) -> ImportResult {
        let names = header.map { $0.lowercased() }
        // Each column by its name, found once (a cell is looked up by column name for each row).
        let columnOf = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        func column(_ name: String) -> Int? { columnOf[name] }
        // Languages of names, titles and unit names; attributes by element.
        func languages(_ prefix: String) -> [(code: String, column: Int)] {
            names.enumerated().compactMap { index, name in
                guard name.hasPrefix(prefix) else { return nil }
                let code = String(header[index].dropFirst(prefix.count))
                return !code.isEmpty && code.allSatisfy({ $0.isLetter || $0 == "-" }) ? (code, index) : nil
            }
        }
        func attributes(_ prefix: String) -> [(name: String, column: Int)] {
            names.enumerated().compactMap { index, name in name.hasPrefix(prefix) && name.count > prefix.count ? (String(header[index].dropFirst(prefix.count)), index) : nil }
        }
        let personNames = languages("name_"), titles = languages("title_"), unitNames = languages("unit_name_")
        let personAttributes = attributes("person."), postAttributes = attributes("post."), unitAttributes = attributes("unit.")
        var known: Set<String> = ["id", "status", "aliases", "post_id", "primary", "head", "staff", "reports_to_post", "dotted", "unit_id", "unit_kind", "unit_parent",
                                  "source_id", "source_title", "source_publisher", "source_published", "source_url", "source_file", "source_note", "org_title", "org_as_of"]
        for kind in ["person", "post", "unit", "line", "dotted"] { for part in ["source", "confidence", "note"] { known.insert("\(kind)_\(part)") } }
        var used = Set(known.compactMap(column))
        for list in [personNames, titles, unitNames] { used.formUnion(list.map(\.column)) }
        for list in [personAttributes, postAttributes, unitAttributes] { used.formUnion(list.map(\.column)) }
        var collector = rowWarnings
        let unread = header.indices.filter { !used.contains($0) }
        if !unread.isEmpty {
            collector.warning("import csv does not read \(unread.count == 1 ? "column" : "columns") \(unread.map { "'\(header[$0])'" }.joined(separator: ", ")) of an org's own CSV (with post_id); \(unread.count == 1 ? "it is" : "they are") ignored",
                              at: SourceLocation(file: file, line: 1, column: unread[0] + 1))
        }
        let width = header.count + 1
        let (id, postID, unitID) = (column("id"), column("post_id")!, column("unit_id"))
        func cell(_ row: Int, _ column: Int?) -> String { column.map { HRImport.cell(records[row][$0]) } ?? "" }
        func place(_ row: Int, _ column: Int?) -> Place { row * width + (column ?? 0) }
        func yes(_ text: String) -> Bool { ["yes", "true", "1", "y"].contains(text.lowercased()) }
        func list(_ text: String) -> [String] { CSVExport.listItems(text) }

        // A fact's provenance from its three columns: `source` (`id:locator`), `confidence`, `note`.
        func provenance(_ row: Int, _ kind: String) throws(DiagnosticError) -> ProvenanceInput {
            let source = cell(row, column("\(kind)_source")), written = cell(row, column("\(kind)_confidence")), note = cell(row, column("\(kind)_note"))
            guard !source.isEmpty || !written.isEmpty || !note.isEmpty else { return ProvenanceInput() }
            return ProvenanceInput(value: Provenance(source: source.isEmpty ? nil : SourceReference(parsing: source), confidence: try confidence(written, row, kind),
                                                     note: note.isEmpty ? nil : note), sourceAt: place(row, column("\(kind)_source")))
        }
        func confidence(_ written: String, _ row: Int, _ kind: String) throws(DiagnosticError) -> Confidence? {
            guard !written.isEmpty else { return nil }
            guard let value = Confidence(rawValue: written) else {
                throw DiagnosticError(.error("confidence '\(written)' is not one of \(Confidence.allCases.map(\.rawValue).joined(separator: ", "))",
                                             at: SourceLocation(file: file, line: Int(lines[row]), column: column("\(kind)_confidence")! + 1)))
            }
            return value
        }
        var builder = OrgBuilder()
        builder.cutsBrokenLines = true
        builder.linesNamePosts = true
        // A file that gives the unit tree (parents or heads) is taken as it is.
        builder.derivesUnitTree = unitTree && column("unit_parent") == nil && column("head") == nil
        func text(_ row: Int, _ columns: [(code: String, column: Int)]) -> Int32 {
            var values: OrderedDictionary<LanguageCode, String> = [:]
            for (code, column) in columns where !cell(row, column).isEmpty { values[code] = cell(row, column) }
            return builder.intern(LocalizedText(values))
        }
        func attributeValues(_ row: Int, _ columns: [(name: String, column: Int)]) -> Attributes {
            var values = Attributes()
            for (name, column) in columns where !cell(row, column).isEmpty { values[name] = cell(row, column) }
            return values
        }
        // Each person's declared primary post, from the row that marks it.
        var primary: [String: (post: String, row: Int)] = [:]
        if let flag = column("primary") {
            for row in records.indices where yes(cell(row, flag)) && !cell(row, id).isEmpty && !cell(row, postID).isEmpty {
                primary[cell(row, id)] = primary[cell(row, id)] ?? (cell(row, postID), row)
            }
        }
        var seenUnits: Set<String> = [], seenPeople: Set<String> = []
        // Posts in order of first row, each with its rows.
        var postRows: [String: [Int]] = [:]
        var postOrder: [String] = []
        for row in records.indices {
            if !cell(row, column("org_title")).isEmpty { builder.core.title = cell(row, column("org_title")) }
            let day = cell(row, column("org_as_of"))
            if !day.isEmpty {
                guard let asOf = Day(day) else {
                    throw DiagnosticError(.error("'\(day)' is not a day written YYYY-MM-DD", at: SourceLocation(file: file, line: Int(lines[row]), column: column("org_as_of")! + 1)))
                }
                builder.core.asOf = asOf
            }
            let source = cell(row, column("source_id"))
            if !source.isEmpty {
                func field(_ name: String) -> String? { cell(row, column("source_\(name)")).isEmpty ? nil : cell(row, column("source_\(name)")) }
                builder.addSource(Reference(id: source, at: place(row, column("source_id"))),
                                  Source(id: SourceID(source), title: field("title"), publisher: field("publisher"), published: field("published"), url: field("url"), file: field("file"), note: field("note")))
            }
            let unit = cell(row, unitID)
            if !unit.isEmpty, seenUnits.insert(unit).inserted {
                let parent = cell(row, column("unit_parent")), kind = cell(row, column("unit_kind"))
                builder.addUnit(id: Reference(id: unit, at: place(row, unitID)), name: text(row, unitNames), kind: kind.isEmpty ? nil : kind,
                                parent: parent.isEmpty ? nil : Reference(id: parent, at: place(row, column("unit_parent"))),
                                provenance: try provenance(row, "unit"), attributes: attributeValues(row, unitAttributes), at: place(row, unitID))
            }
            let person = cell(row, id)
            if !person.isEmpty, seenPeople.insert(person).inserted {
                let written = cell(row, column("status"))
                guard let status = written.isEmpty ? .active : PersonStatus(rawValue: written) else {
                    throw DiagnosticError(.error("status '\(written)' is not one of \(PersonStatus.allCases.map(\.rawValue).joined(separator: ", "))",
                                                 at: SourceLocation(file: file, line: Int(lines[row]), column: column("status")! + 1)))
                }
                builder.addPerson(id: Reference(id: person, at: place(row, id)), name: text(row, personNames), aliases: list(cell(row, column("aliases"))),
                                  status: status, primary: primary[person].map { Reference(id: $0.post, at: place($0.row, column("primary"))) },
                                  provenance: try provenance(row, "person"), attributes: attributeValues(row, personAttributes), at: place(row, id))
            }
            let post = cell(row, postID)
            if !post.isEmpty {
                if postRows[post] == nil { postOrder.append(post) }
                postRows[post, default: []].append(row)
            } else if person.isEmpty, unit.isEmpty, source.isEmpty, cell(row, column("org_title")).isEmpty, day.isEmpty {
                collector.warning("row names no person, post or unit; left out", at: SourceLocation(file: file, line: Int(lines[row]), column: 1))
            }
        }
        for post in postOrder {
            let rows = postRows[post]!
            let row = rows[0]
            let line = cell(row, column("reports_to_post"))
            let holders = rows.filter { !cell($0, id).isEmpty }.map { Reference(id: cell($0, id), at: place($0, id)) }
            // Each dotted line's provenance, an item a line in each of the three columns.
            let dottedTargets = list(cell(row, column("dotted")))
            let dottedFacts = ["source", "confidence", "note"].map { list(cell(row, column("dotted_\($0)"))) }
            var dotted: [LineInput] = []
            for (index, target) in dottedTargets.enumerated() {
                func item(_ part: Int) -> String { index < dottedFacts[part].count ? dottedFacts[part][index] : "" }
                var facts = ProvenanceInput()
                if !item(0).isEmpty || !item(1).isEmpty || !item(2).isEmpty {
                    facts = ProvenanceInput(value: Provenance(source: item(0).isEmpty ? nil : SourceReference(parsing: item(0)), confidence: try confidence(item(1), row, "dotted"),
                                                              note: item(2).isEmpty ? nil : item(2)), sourceAt: place(row, column("dotted_source")))
                }
                dotted.append(LineInput(target: Reference(id: target, at: place(row, column("dotted"))), provenance: facts))
            }
            builder.addPost(id: Reference(id: post, at: place(row, postID)), title: text(row, titles),
                            unit: cell(row, unitID).isEmpty ? nil : Reference(id: cell(row, unitID), at: place(row, unitID)),
                            isHead: yes(cell(row, column("head"))), isStaff: yes(cell(row, column("staff"))),
                            reportsTo: line.isEmpty ? [] : [LineInput(target: Reference(id: line, at: place(row, column("reports_to_post"))), provenance: try provenance(row, "line"))],
                            dotted: dotted, holders: holders, provenance: try provenance(row, "post"), attributes: attributeValues(row, postAttributes), at: place(row, postID))
        }
        var core = builder.finish()
        let found = builder.diagnostics { places in
            Dictionary(uniqueKeysWithValues: places.map { ($0, SourceLocation(file: file, line: Int(lines[$0 / width]), column: $0 % width + 1)) })
        }
        collector.append(contentsOf: found)
        try collector.throwIfErrors()
        core.warnings = collector.sorted
        return ImportResult(core: core, warnings: core.warnings, rowsRead: records.count, rowsImported: records.count, rowsDropped: 0)
    }
}
