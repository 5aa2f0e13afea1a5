import Foundation

/// Imports the UK government's organogram format: a senior CSV of posts, each with its
/// `Post Unique Reference` and the post it `Reports to` (`XX` at the top), and optionally a
/// junior CSV of posts counted under a senior post.
///
/// Posts are what the format is about: a post named `Vacant` (or `Eliminated`) is vacant; a
/// reference on several rows is a job share (one post, several holders); a name withheld
/// (`N/D`) is a person whose name is not disclosed. The early files (Cabinet Office and DfID,
/// March 2011) leave names empty where the next ones write `N/D` or `Vacant`: an empty name
/// with an FTE above 0 is read as `N/D` (DfID's 62 such posts are `N/D` six months on), one
/// without as vacant (the Cabinet Office's COI1 is `Vacant` then), with one warning saying how
/// many of each. Junior posts become counts on the senior post they report to
/// (`attributes.junior-posts`, `attributes.junior-fte`).
public struct OrganogramImport {
    /// The path of the senior CSV.
    public var seniorFile: String
    /// The path of the junior CSV; nil: there is none.
    public var juniorFile: String?
    /// Whether units get heads and parents from the posts in them and whom they report to (the
    /// builder's unit-tree rule), under the organisation; false leaves every unit directly
    /// under the organisation, without a head.
    public var unitTree: Bool
    /// The day the organogram describes; nil: the day in the senior file's name
    /// (`cabinet_office-2011-09-30-senior.csv`), if it has one.
    public var asOf: Day?

    /// Makes an import of the senior CSV at `seniorFile` and, when given, the junior CSV at
    /// `juniorFile`.
    public init(seniorFile: String, juniorFile: String? = nil, unitTree: Bool = true, asOf: Day? = nil) {
        self.seniorFile = seniorFile
        self.juniorFile = juniorFile
        self.unitTree = unitTree
        self.asOf = asOf
    }

    static func column(_ header: [String], _ names: [String]) -> Int? {
        let wanted = names.map { $0.lowercased() }
        return header.firstIndex { wanted.contains($0.lowercased().trimmingCharacters(in: .whitespaces)) }
    }

    static let undisclosed: Set<String> = ["n/d", "nd", "n/a", "not disclosed", "withheld", "redacted", "name withheld"]
    static let vacant: Set<String> = ["vacant", "vacancy", "eliminated", "post eliminated"]

    /// Reads the files into a checked org, with a warning for each row left out or changed;
    /// throws when a file cannot be read or lacks a column the format needs.
    public func run() throws(DiagnosticError) -> ImportResult {
        let senior = try CSVReader(file: seniorFile).read()
        func require(_ names: [String]) throws(DiagnosticError) -> Int {
            guard let index = Self.column(senior.header, names) else {
                throw DiagnosticError(.error("no '\(names[0])' column; is this a senior organogram CSV?", at: SourceLocation(file: seniorFile, line: 1, column: 1)))
            }
            return index
        }
        let refColumn = try require(["Post Unique Reference"])
        let reportsColumn = try require(["Reports to Senior Post", "Reports To Senior Post"])
        let nameColumn = try require(["Name"])
        let titleColumn = Self.column(senior.header, ["Job Title"])
        let unitColumn = Self.column(senior.header, ["Unit"])
        let orgColumn = Self.column(senior.header, ["Organisation", "Organization"])
        let gradeColumn = Self.column(senior.header, ["Grade (or equivalent)", "Grade"])
        let fteColumn = Self.column(senior.header, ["FTE"])
        let functionColumn = Self.column(senior.header, ["Job/Team Function"])

        var warnings = DiagnosticCollector()
        var org = Org(asOf: asOf ?? HRDates.day(inPath: (seniorFile as NSString).lastPathComponent))
        // Where each post's row is, for the builder's warnings; the organisations found.
        var sourceMap = SourceMap(file: seniorFile)
        var roots: Set<UnitID> = []
        var reportsTo: [PostID: (String, Int)] = [:]
        var dropped = 0
        func at(_ index: Int, _ column: Int) -> SourceLocation {
            SourceLocation(file: seniorFile, line: senior.lines[index], column: column + 1)
        }
        func clean(_ text: String) -> String {
            var value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if value.count >= 2, value.hasPrefix("'"), value.hasSuffix("'") { value = String(value.dropFirst().dropLast()) }
            return value
        }
        func unit(for row: [String]) -> UnitID {
            let organisation = orgColumn.map { clean(row[$0]) } ?? ""
            let rootName = organisation.isEmpty ? "Organisation" : organisation
            let root = UnitID("u." + HRImport.slug(rootName))
            if org.units[root] == nil { org.units[root] = Unit(id: root, name: LocalizedText(["en": rootName]), kind: "organisation") }
            roots.insert(root)
            let name = unitColumn.map { clean(row[$0]) } ?? ""
            guard !name.isEmpty, name != rootName else { return root }
            let id = UnitID("u." + HRImport.slug(rootName) + "." + HRImport.slug(name))
            if org.units[id] == nil { org.units[id] = Unit(id: id, name: LocalizedText(["en": name]), kind: "unit", parent: unitTree ? nil : root) }
            return id
        }
        // Rows with an empty name: said once, at the first.
        var unnamed: (held: Int, vacant: Int, first: SourceLocation?) = (0, 0, nil)
        for (index, row) in senior.rows.enumerated() {
            let reference = clean(row[refColumn])
            guard !reference.isEmpty, reference.uppercased() != "XX" else {
                warnings.warning("row has no post reference; left out", at: at(index, refColumn))
                dropped += 1
                continue
            }
            if let problem = TextRules.idProblem(reference, "the post reference of this row") {
                throw DiagnosticError(.error(problem + "; fix the organogram", at: at(index, refColumn)))
            }
            let post = PostID("post-\(reference)")
            let name = clean(row[nameColumn])
            // An empty name is someone not named where the post has people in it (an FTE above
            // 0), else a vacancy; said once, with how many of each.
            let staffed = fteColumn.map { Double(clean(row[$0])).map { $0 > 0 } ?? false } ?? true
            if name.isEmpty {
                if staffed { unnamed.held += 1 } else { unnamed.vacant += 1 }
                if unnamed.first == nil { unnamed.first = at(index, nameColumn) }
            }
            var holder: PersonID?
            if Self.vacant.contains(name.lowercased()) || name.isEmpty && !staffed {
                holder = nil
            } else if name.isEmpty || Self.undisclosed.contains(name.lowercased()) {
                holder = PersonID("p-\(reference)" + (org.posts[post].map { "-\($0.holders.count + 1)" } ?? ""))
                org.people[holder!] = Person(id: holder!, name: LocalizedText(["en": "N/D"]), attributes: ["disclosed": "no"])
            } else {
                let id = PersonID("p-" + HRImport.slug(name))
                if org.people[id] == nil { org.people[id] = Person(id: id, name: LocalizedText(["en": name])) }
                holder = id
            }
            if var existing = org.posts[post] {
                // The same reference again: a job share.
                if let holder {
                    if existing.holders.contains(holder) {
                        warnings.warning("post '\(reference)' is listed twice for the same person; the row is merged", at: at(index, refColumn))
                    } else {
                        warnings.warning("post '\(reference)' is listed again; taken as a job share", at: at(index, refColumn))
                        existing.holders.append(holder)
                    }
                } else {
                    warnings.warning("post '\(reference)' is listed again, vacant; the row is merged", at: at(index, refColumn))
                }
                org.posts[post] = existing
                continue
            }
            var attributes = Attributes()
            if let gradeColumn, !clean(row[gradeColumn]).isEmpty { attributes["grade"] = clean(row[gradeColumn]) }
            if let fteColumn, !clean(row[fteColumn]).isEmpty {
                // A post's FTE is kept as written when it is a number of posts; text that is no
                // number at all (a stray link) is left out with a warning.
                let written = clean(row[fteColumn])
                switch try Self.fte(written, at: at(index, fteColumn)) {
                case .some: attributes["fte"] = written
                case nil: warnings.warning("FTE '\(written)' is not a number; left out of post '\(reference)'", at: at(index, fteColumn))
                }
            }
            if let functionColumn, !clean(row[functionColumn]).isEmpty { attributes["function"] = clean(row[functionColumn]) }
            let title = titleColumn.map { clean(row[$0]) } ?? ""
            org.posts[post] = Post(id: post, title: title.isEmpty ? LocalizedText() : LocalizedText(["en": title]), unit: unit(for: row),
                                   holders: holder.map { [$0] } ?? [], attributes: attributes)
            sourceMap.record(post.rawValue, at: at(index, refColumn))
            reportsTo[post] = (clean(row[reportsColumn]), index)
        }
        if let first = unnamed.first {
            func posts(_ count: Int) -> String { "\(count) post\(count == 1 ? "" : "s")" }
            warnings.warning("\(posts(unnamed.held + unnamed.vacant)) with an empty name: \(unnamed.held) with an FTE read as held by someone whose name is not disclosed, "
                + "as 'N/D' is, and \(unnamed.vacant) with none as vacant; the format writes 'N/D' and 'Vacant' for these", at: first)
        }
        for (post, (target, index)) in reportsTo.sorted(by: { $0.value.1 < $1.value.1 }) {
            if target.isEmpty || target.uppercased() == "XX" { continue }
            let targetPost = PostID("post-\(target)")
            if targetPost == post {
                warnings.warning("post '\(target)' reports to itself; the line is left out", at: at(index, reportsColumn))
            } else if org.posts[targetPost] == nil {
                warnings.warning("post reports to unknown post '\(target)'; the line is left out", at: at(index, reportsColumn))
            } else {
                org.posts[post]?.reportsTo = ReportingLine(to: targetPost)
            }
        }
        for cycle in org.reportingCycles() {
            let cut = cycle[0]
            let index = reportsTo[cut]?.1 ?? 0
            warnings.warning("reporting cycle " + (cycle + [cut]).map { "'\($0.rawValue.dropFirst(5))'" }.joined(separator: " → ") + "; the line of '\(cut.rawValue.dropFirst(5))' is left out",
                             at: at(index, reportsColumn))
            org.posts[cut]?.reportsTo = nil
        }
        var rowsRead = senior.rows.count
        var imported = senior.rows.count - dropped
        if let juniorFile {
            let junior = try CSVReader(file: juniorFile).read()
            guard let seniorColumn = Self.column(junior.header, ["Reporting Senior Post"]) else {
                throw DiagnosticError(.error("no 'Reporting Senior Post' column; is this a junior organogram CSV?", at: SourceLocation(file: juniorFile, line: 1, column: 1)))
            }
            let fteColumn = Self.column(junior.header, ["Number of Posts in FTE"])
            var counts: [PostID: (rows: Int, fte: Double)] = [:]
            for (index, row) in junior.rows.enumerated() {
                rowsRead += 1
                let post = PostID("post-\(clean(row[seniorColumn]))")
                guard org.posts[post] != nil else {
                    warnings.warning("junior posts report to unknown senior post '\(clean(row[seniorColumn]))'; left out",
                                     at: SourceLocation(file: juniorFile, line: junior.lines[index], column: seniorColumn + 1))
                    continue
                }
                imported += 1
                var fte = 0.0
                if let fteColumn, case let written = clean(row[fteColumn]), !written.isEmpty {
                    let place = SourceLocation(file: juniorFile, line: junior.lines[index], column: fteColumn + 1)
                    guard let number = try Self.fte(written, at: place) else {
                        throw DiagnosticError(.error("FTE '\(written)' is not a number; the junior posts are counted by it, so write one such as 1 or 0.5", at: place))
                    }
                    fte = number
                }
                counts[post, default: (0, 0)].rows += 1
                counts[post, default: (0, 0)].fte += fte
            }
            for (post, count) in counts {
                org.posts[post]?.attributes["junior-posts"] = String(count.rows)
                org.posts[post]?.attributes["junior-fte"] = String(format: "%.1f", count.fte)
            }
        }
        // One organisation is the top of the unit tree; units left at the top go under it.
        let core = OrgCore(org, sourceMap: sourceMap, unitTreeUnder: roots.count == 1 ? roots.first : nil, derivingUnitTree: unitTree)
        warnings.append(contentsOf: core.warnings)
        return ImportResult(core: core, warnings: warnings.sorted, rowsRead: rowsRead, rowsImported: imported, rowsDropped: rowsRead - imported)
    }

    /// The most posts one row can count: a whole civil service is under 600,000.
    static let maxFTE = 1_000_000.0

    /// A number of posts in FTE: nil when the text is no number; an error when it is a number
    /// no count of posts can be (not finite, negative, or over ``maxFTE``).
    static func fte(_ text: String, at place: SourceLocation) throws(DiagnosticError) -> Double? {
        guard let number = Double(text) else { return nil }
        guard number.isFinite, number >= 0, number <= maxFTE else {
            throw DiagnosticError(.error("FTE '\(text)' is not a number of posts (one that is finite, 0 or more and at most 1,000,000); fix the organogram", at: place))
        }
        return number
    }
}
