import Dispatch
import Foundation

extension HRImport {
    /// Reads an HR CSV (the columns `import csv` recognises, `map` overriding the header) into a
    /// checked core: one person and one post a row, a unit a department.
    ///
    /// A big file is read in two halves side by side, one a core, cut at a record break outside
    /// quotes; the result is the same as reading it from start to end.
    /// - Parameters:
    ///   - file: the CSV file's path.
    ///   - map: column names to the fields they hold, over what the header says.
    ///   - joins: lookup tables joined to each row (``CSVJoin``).
    ///   - unitTree: whether units get heads and parents from where people sit (``unitTree``).
    ///   - splitAbove: the size from which a file is read in halves (8 MiB).
    ///   - progress: called every 65,536 rows with the number read so far.
    /// - Complexity: O(*n*) time.
    public static func load(csv file: String, map: [String: HRField] = [:], joins: [CSVJoin] = [], unitTree: Bool = true,
                            splitAbove: Int = 8 << 20, progress: ((Int) -> Void)? = nil) throws(DiagnosticError) -> ImportResult {
        let importer = HRImport(file: file, map: map, joins: joins, unitTree: unitTree)
        if let halves = readInHalves(file, map: map, joins: joins, splitAbove: splitAbove) {
            var merged = halves[0]
            merged.append(halves[1])
            return try importer.build(merged)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        var reader: RowReader?
        // Problems are raised in the order a table read whole raises them: the file's CSV
        // first (anywhere in it), then the first row whose width is not the header's, then the
        // header's columns and the rows.
        var deferred: DiagnosticError?
        var width: Int?
        var widthProblem: Diagnostic?
        try CSVReader(file: file).forEachRecord { record, line throws(DiagnosticError) in
            if let width, record.count != width, widthProblem == nil {
                widthProblem = .error("row has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(width); check the quoting of this row",
                                      at: SourceLocation(file: file, line: line, column: 1))
            }
            if width == nil { width = record.count }
            guard deferred == nil else { return }
            do throws(DiagnosticError) {
                if reader == nil {
                    reader = try RowReader(header: record, file: file, map: map, joins: joins, estimate: size / 40)
                    return
                }
                try reader!.read(record, line: line)
            } catch {
                deferred = error
            }
            if let rows = reader?.rowsRead, rows & 0xFFFF == 0 { progress?(rows) }
        }
        if let widthProblem { throw DiagnosticError(widthProblem) }
        if let deferred { throw deferred }
        guard let reader else {
            throw DiagnosticError(.error("the file is empty; expected a header line and rows", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return try importer.build(reader)
    }

    /// Imports a CSV table already read, as ``load(csv:map:joins:unitTree:splitAbove:progress:)`` reads a file.
    public func run(_ table: CSVTable) throws(DiagnosticError) -> ImportResult {
        var reader = try RowReader(header: table.header, file: file, map: map, joins: joins, estimate: table.rows.count)
        for (row, line) in zip(table.rows, table.lines) { try reader.read(row, line: line) }
        return try build(reader)
    }

    /// The rows fed to the builder: units in order of first use, then a person and their post
    /// a row; a repeated id is left out, and lines that name no one or close a cycle are cut.
    func build(_ rows: RowReader) throws(DiagnosticError) -> ImportResult {
        if rows.rowsRead == 0 {
            throw DiagnosticError(.error("the file has a header but no rows", at: SourceLocation(file: file, line: 2, column: 1)))
        }
        if let records = rows.records { return try OrgTable(file: file, header: rows.header, unitTree: unitTree).build(records, lines: rows.lines, warnings: rows.collector) }
        var builder = OrgBuilder()
        builder.cutsBrokenLines = true
        builder.derivesUnitTree = unitTree
        builder.reserve(units: rows.unitNames.count, posts: rows.ids.count, people: rows.ids.count)
        // A place is a row and a column.
        let width = rows.columns.width + 1
        let unitIDs = Self.unitIDs(forNames: rows.unitNames)
        for (index, name) in rows.unitNames.enumerated() {
            builder.addUnit(id: Reference(id: unitIDs[index], at: -1), name: builder.intern(english: name), kind: nil,
                            parent: nil, provenance: ProvenanceInput(), attributes: [:], at: -1)
        }
        let titles = rows.titleNames.map { builder.intern(english: $0) }
        // Start dates as days, the column read whole (it settles day-first or month-first).
        var starts: [String]?
        if let written = rows.starts {
            switch HRDates.read(written) {
            case .success(let days): starts = days
            case .failure(let problem):
                let header = rows.header[rows.columns.start]
                throw DiagnosticError(.error(problem.message + "; write the column's dates YYYY-MM-DD, or leave it out with --map '\(header)=ignore'",
                                             at: SourceLocation(file: file, line: Int(rows.lines[problem.index]), column: rows.columns.start + 1)))
            }
        }
        var dropped = rows.rowsRead - rows.ids.count
        // Without a manager column, each manager is the row of the nearest node above.
        var managers = rows.managers
        var nodeWarnings: [Diagnostic] = []
        if let nodes = rows.nodes {
            let column = rows.columns.node
            (managers, nodeWarnings) = try HierarchyNodes.managers(nodes: nodes, ids: rows.ids) { row in
                SourceLocation(file: file, line: Int(rows.lines[row]), column: column + 1)
            }
        }
        // Units whose head a lookup table names and the rows have.
        var headed: Set<String> = []
        // A row's post is `post.<id>`; only an id written that way can take another row's post id.
        let postLikeIDs = rows.ids.contains { $0.hasPrefix("post.") }
        // The id table is far bigger than the caches: each row's ids are hashed some rows before
        // they are added, and their slots asked for then, so that adding them does not wait.
        var ahead = Ahead<(person: UInt64, post: UInt64, postID: String)>()
        for row in rows.ids.indices {
            let hashed = ahead.value(at: row, count: rows.ids.count) { row in
                let postID = "post." + rows.ids[row]
                let hashes = (person: IDTable.hash(rows.ids[row]), post: IDTable.hash(postID))
                builder.prefetch(hash: hashes.person)
                builder.prefetch(hash: hashes.post)
                return (hashes.person, hashes.post, postID)
            }
            let id = rows.ids[row]
            let idAt = row * width + rows.columns.id
            if postLikeIDs, builder.core.element("post.\(id)") != nil {
                builder.problem("the post id 'post.\(id)' of this row is another row's id; the row is left out", at: idAt, severity: .warning)
                dropped += 1
                continue
            }
            var attributes = Attributes()
            if let email = rows.emails?[row], !email.isEmpty { attributes["email"] = email }
            if let start = starts?[row], !start.isEmpty { attributes["start"] = start }
            // A repeated id is warned of and the row left out.
            let unitName = rows.unitNames[Int(rows.units[row])]
            let isHead = rows.unitHeads[unitName]?.id == id
            if isHead { headed.insert(unitName) }
            guard builder.addPerson(id: Reference(id: id, at: idAt), idHash: hashed.person, name: builder.intern(english: rows.names[row]), aliases: [],
                                    status: .active, primary: nil, provenance: ProvenanceInput(), attributes: attributes, at: idAt)
            else {
                dropped += 1
                continue
            }
            let manager = managers[row]
            // The manager's line, none for an empty manager: collections that need no array a row.
            let line = LineInput(target: Reference(id: manager, at: row * width + max(rows.columns.manager, rows.columns.node)))
            builder.addPost(id: Reference(id: hashed.postID, at: idAt), idHash: hashed.post, title: titles[Int(rows.titles[row])],
                            unit: Reference(id: unitIDs[Int(rows.units[row])], at: -1), isHead: isHead,
                            reportsTo: CollectionOfOne(line).prefix(manager.isEmpty ? 0 : 1), dotted: EmptyCollection(),
                            holders: CollectionOfOne(Reference(id: id, at: idAt)), provenance: ProvenanceInput(), attributes: [:], at: idAt)
        }
        var core = builder.finish()
        let lines = rows.lines
        let found = builder.diagnostics { places in
            Dictionary(uniqueKeysWithValues: places.map { ($0, SourceLocation(file: file, line: Int(lines[$0 / width]), column: $0 % width + 1)) })
        }
        var collector = DiagnosticCollector()
        collector.append(contentsOf: rows.collector.diagnostics + nodeWarnings + found)
        for name in rows.unitNames where !headed.contains(name) {
            guard let (id, at) = rows.unitHeads[name] else { continue }
            collector.warning("the head of '\(name)' is '\(id)', who is not in it in \((file as NSString).lastPathComponent); "
                + (unitTree ? "its head is found from who reports to whom" : "it is left without a head"), at: at)
        }
        try collector.throwIfErrors()
        core.warnings = collector.sorted
        return ImportResult(core: core, warnings: core.warnings, rowsRead: rows.rowsRead,
                            rowsImported: rows.rowsRead - dropped, rowsDropped: dropped)
    }

    /// The two halves of a big file, read side by side, cut at a record break outside quotes;
    /// nil when the file is small, is UTF-16, or has no such break past its middle, or when a
    /// half cannot be read (the read from start to end then reports why, in its order).
    static func readInHalves(_ file: String, map: [String: HRField], joins: [CSVJoin], splitAbove: Int) -> [RowReader]? {
        guard ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) >= splitAbove,
            let mapped = try? MappedFile(file, limit: Int.max), let base = mapped.bytes.baseAddress
        else { return nil }
        let bytes = mapped.bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if bytes.count >= 2, bytes[0] == 0xFF || bytes[0] == 0xFE { return nil }
        let raw = UnsafeRawPointer(base)
        func piece(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[range]) }
        // The header ends at the first break outside quotes; the second half starts at the first
        // past the middle (never between a CR and its LF). Lines are counted as the reader
        // counts them, quoted breaks included.
        var middle = max(start, bytes.count / 2)
        if middle > start, middle < bytes.count, bytes[middle - 1] == 13, bytes[middle] == 10 { middle += 1 }
        let before = CSVReader.quotesAndBreaks(in: piece(start..<middle))
        guard let headerEnd = CSVReader.cut(in: bytes, from: start, quotesBefore: 0), headerEnd <= middle,
            let cut = CSVReader.cut(in: bytes, from: middle, quotesBefore: before.quotes), cut > headerEnd, cut < bytes.count
        else { return nil }
        let firstLine = 1 + CSVReader.quotesAndBreaks(in: piece(start..<headerEnd)).breaks  // a few bytes
        let lineOfCut = 1 + before.breaks + CSVReader.quotesAndBreaks(in: piece(middle..<cut)).breaks
        func data(_ range: Range<Int>) -> Data {
            Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw + range.lowerBound), count: range.count, deallocator: .none)
        }
        // The header. A blank first line is skipped by the reader from start to end; let it
        // find the header, as it does a header it refuses. The delimiter is found in the bytes
        // the reader from start to end finds it in: its first piece.
        let delimiter = CSVReader.detectDelimiter(bytes[start..<min(bytes.count, CSVReader.firstPieceBytes)])
        var reader = CSVReader(file: file, delimiter: delimiter)
        var header: [String] = []
        guard (try? reader.forEachRecord(in: data(start..<headerEnd), firstLine: 1, { record, _ in header = record })) != nil,
            !header.isEmpty
        else { return nil }
        let estimate = bytes.count / 80
        // A header or row the reader refuses is left to the read from start to end, which
        // reports it in the order a table read whole does.
        guard let first = try? RowReader(header: header, file: file, map: map, joins: joins, estimate: estimate) else { return nil }
        // The rows' fields the rows' reader does not read are not made into text.
        reader.keptColumns = first.keptColumns
        let rowsReader = reader
        let pieces = [(data(headerEnd..<cut), firstLine), (data(cut..<bytes.count), lineOfCut)]
        let results = Slots<RowReader>(count: 2)
        withExtendedLifetime(mapped) {
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                results.set(half, Result { () throws(DiagnosticError) -> RowReader in
                    var rows = first
                    try rowsReader.forEachRecord(in: pieces[half].0, firstLine: pieces[half].1) { record, line throws(DiagnosticError) in
                        try rows.read(record, line: line)
                    }
                    return rows
                })
            }
        }
        guard let firstHalf = try? results.get(0), let secondHalf = try? results.get(1) else { return nil }
        return [firstHalf, secondHalf]
    }
}

/// The rows of a CSV, or of a piece of one, as columns, before they are fed to the builder.
struct RowReader: Sendable {
    struct Columns: Sendable {
        var width = 0, id = -1, name = -1, first = -1, last = -1, manager = -1, node = -1, title = -1, unit = -1, email = -1, start = -1
        /// Every field's column (-1 for a field the file does not have): the only columns
        /// ``RowReader/read(_:line:)`` reads.
        var fields: [Int] { [id, name, first, last, manager, node, title, unit, email, start] }
    }

    let file: String
    let header: [String]
    let columns: Columns
    var ids: [String] = [], names: [String] = [], managers: [String] = []
    var titles: [Int32] = [], units: [Int32] = [], lines: [Int32] = []
    var titleNames: [String] = [], unitNames: [String] = []
    var titleIndex: [String: Int32] = [:], unitIndex: [String: Int32] = [:]
    var emails: [String]?, starts: [String]?
    /// Each row's hierarchyid node, when the manager is found from them.
    var nodes: [String]?
    /// The lookup tables joined to each row.
    let joiner: CSVJoiner
    /// Each unit's head as a lookup table joined by the unit column names it, by the unit's name:
    /// a person's id, and where the table says so.
    var unitHeads: [String: (id: String, at: SourceLocation)] = [:]
    var rowsRead = 0
    var collector = DiagnosticCollector()
    /// The rows as written, for an org's own CSV (``OrgTable``), which has a `post_id` column.
    var records: [[String]]?
    // Consecutive rows often share a title or unit: remember the last one.
    private var lastTitle = ("", Int32(-1)), lastUnit = ("", Int32(-1))

    init(header record: [String], file: String, map: [String: HRField], joins: [CSVJoin] = [], estimate: Int) throws(DiagnosticError) {
        self.file = file
        joiner = try CSVJoiner(header: record.map { $0.trimmingCharacters(in: .whitespaces) }, joins: joins, file: file)
        let header = joiner.header
        self.header = header
        // A lookup table joined by the unit column may name each unit's head: its manager column,
        // read here rather than as a column of the rows.
        var map = map
        for (join, _) in joiner.joins {
            guard (map[join.exportKey] ?? HRField.detect(join.exportKey)) == .unit,
                let unitColumn = join.columns.indices.first(where: { (map[join.columns[$0]] ?? HRField.detect(join.originalColumns[$0])) == .unit }),
                let headColumn = join.columns.indices.first(where: { map[join.columns[$0]] == nil && HRField.detect(join.originalColumns[$0]) == .manager })
            else { continue }
            map[join.columns[headColumn]] = .ignore
            for (values, line) in join.rows.values {
                let (unit, head) = (HRImport.cell(values[unitColumn]), HRImport.cell(values[headColumn]))
                if !unit.isEmpty, !head.isEmpty { unitHeads[unit] = (head, SourceLocation(file: join.file, line: line, column: join.fileColumn(of: headColumn) + 1)) }
            }
        }
        if OrgTable.isOrgTable(header) {
            // An org's own CSV: read as written, row by row, by ``OrgTable``.
            records = []
            columns = Columns(width: header.count)
            return
        }
        let (found, warnings) = try HRImport(file: file, map: map).columns(of: header)
        collector.append(contentsOf: warnings)
        columns = Columns(width: header.count, id: found[.id] ?? -1, name: found[.name] ?? -1, first: found[.firstName] ?? -1,
                          last: found[.lastName] ?? -1, manager: found[.manager] ?? -1, node: found[.node] ?? -1, title: found[.title] ?? -1,
                          unit: found[.unit] ?? -1, email: found[.email] ?? -1, start: found[.start] ?? -1)
        ids.reserveCapacity(estimate)
        names.reserveCapacity(estimate)
        titles.reserveCapacity(estimate)
        units.reserveCapacity(estimate)
        managers.reserveCapacity(estimate)
        lines.reserveCapacity(estimate)
        if found[.email] != nil { emails = [] }
        if found[.start] != nil { starts = [] }
        if found[.node] != nil { nodes = [] }
    }

    /// The columns of the file that ``read(_:line:)`` reads (nil: all of them, as when lookup
    /// tables are joined to the rows or the file is an org's own CSV): the others need not be
    /// made into text.
    var keptColumns: [Bool]? {
        guard records == nil, joiner.joins.isEmpty else { return nil }
        var kept = [Bool](repeating: false, count: columns.width)
        for column in columns.fields where kept.indices.contains(column) {
            kept[column] = true
        }
        return kept
    }

    private static func intern(_ text: String, _ index: inout [String: Int32], _ names: inout [String]) -> Int32 {
        if let known = index[text] { return known }
        let next = Int32(names.count)
        index[text] = next
        names.append(text)
        return next
    }

    mutating func read(_ record: [String], line: Int) throws(DiagnosticError) {
        guard record.count == joiner.width else {
            throw DiagnosticError(.error("row has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(joiner.width); check the quoting of this row",
                                         at: SourceLocation(file: file, line: line, column: 1)))
        }
        let record = joiner.join(record, line: line, file: file, warnings: &collector)
        rowsRead += 1
        if records != nil {
            records!.append(record)
            lines.append(Int32(line))
            return
        }
        // Only the columns of ``Columns/fields``: the others are not made into text in halves.
        func value(_ column: Int) -> String { column >= 0 ? HRImport.cell(record[column]) : "" }
        let id = value(columns.id)
        guard !id.isEmpty else {
            collector.warning("row has no id; left out", at: SourceLocation(file: file, line: line, column: columns.id + 1))
            return
        }
        if let problem = TextRules.idProblem(id, "the id of this row") {
            collector.error(problem + "; fix the export, or map another column with --map COLUMN=id", at: SourceLocation(file: file, line: line, column: columns.id + 1))
            return
        }
        ids.append(id)
        var name = value(columns.name)
        if name.isEmpty { name = [value(columns.first), value(columns.last)].filter { !$0.isEmpty }.joined(separator: " ") }
        names.append(name.isEmpty ? id : name)
        let title = value(columns.title)
        if title != lastTitle.0 || lastTitle.1 < 0 { lastTitle = (title, Self.intern(title, &titleIndex, &titleNames)) }
        titles.append(lastTitle.1)
        let unitText = value(columns.unit)
        let unit = unitText.isEmpty ? "Organization" : unitText
        if unit != lastUnit.0 || lastUnit.1 < 0 { lastUnit = (unit, Self.intern(unit, &unitIndex, &unitNames)) }
        units.append(lastUnit.1)
        if emails != nil { emails!.append(value(columns.email)) }
        if starts != nil { starts!.append(value(columns.start)) }
        if nodes != nil { nodes!.append(value(columns.node)) }
        managers.append(value(columns.manager))
        lines.append(Int32(line))
    }

    /// Adds the rows of the piece that follows this one; titles and units keep the order in
    /// which the file first names them.
    mutating func append(_ next: RowReader) {
        let titleMap = next.titleNames.map { Self.intern($0, &titleIndex, &titleNames) }
        let unitMap = next.unitNames.map { Self.intern($0, &unitIndex, &unitNames) }
        ids += next.ids
        names += next.names
        managers += next.managers
        lines += next.lines
        titles += next.titles.map { titleMap[Int($0)] }
        units += next.units.map { unitMap[Int($0)] }
        if emails != nil { emails! += next.emails ?? [] }
        if starts != nil { starts! += next.starts ?? [] }
        if nodes != nil { nodes! += next.nodes ?? [] }
        if records != nil { records! += next.records ?? [] }
        rowsRead += next.rowsRead
        // The header's warnings (line 1) are this piece's already.
        collector.append(contentsOf: next.collector.diagnostics.filter { $0.location?.line != 1 })
    }
}
