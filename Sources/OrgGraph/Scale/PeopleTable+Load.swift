import Dispatch
import Foundation

extension PeopleTable {
    /// Reads an HR CSV (the columns `import csv` recognises, `map` overriding the header).
    ///
    /// A big file with no quotes and LF line ends is read in two halves side by side, one a
    /// core; the result is the same as reading it from start to end.
    /// - Parameter progress: called every 65,536 rows with the number read so far.
    /// - Complexity: O(*n*) time; memory about 100 bytes a person plus the text of names.
    public static func load(csv file: String, map: [String: HRField] = [:], progress: ((Int) -> Void)? = nil) throws(DiagnosticError) -> PeopleTable {
        try load(csv: file, map: map, splitAbove: 8 << 20, progress: progress)
    }

    /// Reads an HR CSV as ``load(csv:map:progress:)`` does, a quote-free file of `splitAbove`
    /// bytes or more in two halves side by side (8 MiB by default).
    public static func load(csv file: String, map: [String: HRField], splitAbove: Int, progress: ((Int) -> Void)?) throws(DiagnosticError) -> PeopleTable {
        if let halves = try readInHalves(file, map: map, splitAbove: splitAbove), let table = finish(merging: halves, file: file) {
            return table
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
        var reader: RowReader?
        try CSVReader(file: file).forEachRecord { record, line throws(DiagnosticError) in
            if reader == nil {
                reader = try RowReader(header: record, file: file, map: map, estimate: size / 40, detectsDuplicates: true)
                return
            }
            try reader!.read(record, line: line)
            if reader!.rowsRead & 0xFFFF == 0 { progress?(reader!.rowsRead) }
        }
        guard let reader else {
            throw DiagnosticError(.error("the file is empty; expected a header line and rows", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return try finish(reader, file: file)
    }

    /// The two halves of a big, quote-free file, read side by side; nil when the file is small,
    /// has quotes or carriage returns, or is not plain UTF-8.
    static func readInHalves(_ file: String, map: [String: HRField], splitAbove: Int) throws(DiagnosticError) -> [RowReader]? {
        guard ((try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) >= splitAbove,
            let mapped = try? MappedFile(file, limit: Int.max), let base = mapped.bytes.baseAddress
        else { return nil }
        let bytes = mapped.bytes
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        if bytes.count >= 2, bytes[0] == 0xFF || bytes[0] == 0xFE { return nil }
        let raw = UnsafeRawPointer(base)
        guard memchr(raw, 0x22, bytes.count) == nil, memchr(raw, 0x0D, bytes.count) == nil,
            let headerEnd = memchr(raw + start, 0x0A, bytes.count - start).map({ UnsafeRawPointer($0) - raw }),
            let middle = memchr(raw + bytes.count / 2, 0x0A, bytes.count - bytes.count / 2).map({ UnsafeRawPointer($0) - raw + 1 }),
            middle > headerEnd + 1, middle < bytes.count
        else { return nil }
        func data(_ range: Range<Int>) -> Data {
            Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: raw + range.lowerBound), count: range.count, deallocator: .none)
        }
        // The header, and the line the second half starts on.
        let delimiter = CSVReader.detectDelimiter(bytes[start..<headerEnd])
        let reader = CSVReader(file: file, delimiter: delimiter)
        var header: [String] = []
        try reader.forEachRecord(in: data(start..<headerEnd + 1), firstLine: 1) { record, _ in header = record }
        // A blank first line is skipped by the reader from start to end; let it find the header.
        guard !header.isEmpty else { return nil }
        var lineOfMiddle = 1
        var cursor = raw
        while let next = memchr(cursor, 0x0A, raw + middle - cursor) {
            lineOfMiddle += 1
            cursor = UnsafeRawPointer(next) + 1
        }
        let estimate = bytes.count / 80
        let first = try RowReader(header: header, file: file, map: map, estimate: estimate, detectsDuplicates: true)
        let pieces = [(data(headerEnd + 1..<middle), 2), (data(middle..<bytes.count), lineOfMiddle)]
        let results = Slots<RowReader>(count: 2)
        withExtendedLifetime(mapped) {
            DispatchQueue.concurrentPerform(iterations: 2) { half in
                results.set(half, Result { () throws(DiagnosticError) -> RowReader in
                    var rows = first
                    try reader.forEachRecord(in: pieces[half].0, firstLine: pieces[half].1) { record, line throws(DiagnosticError) in
                        try rows.read(record, line: line)
                    }
                    return rows
                })
            }
        }
        return [try results.get(0), try results.get(1)]
    }

    /// The halves as one table, or nil when an id is in both (the reader from start to end
    /// says which rows it leaves out).
    private static func finish(merging halves: [RowReader], file: String) -> PeopleTable? {
        guard let firstRows = halves[0].row, let secondRows = halves[1].row,
            !halves[1].ids.contains(where: { firstRows[$0] != nil })
        else { return nil }
        var merged = halves[0]
        merged.append(halves[1])
        merged.row = nil
        merged.shards = [(firstRows, 0), (secondRows, Int32(halves[0].ids.count))]
        return try? finish(merged, file: file)
    }

    /// Managers matched to rows, cycles cut, warnings sorted.
    private static func finish(_ reader: RowReader, file: String) throws(DiagnosticError) -> PeopleTable {
        if reader.rowsRead == 0 {
            throw DiagnosticError(.error("the file has a header but no rows", at: SourceLocation(file: file, line: 2, column: 1)))
        }
        var table = PeopleTable()
        table.ids = reader.ids
        table.names = reader.names
        table.titles = reader.titles
        table.titleNames = reader.titleNames
        table.units = reader.units
        table.unitNames = reader.unitNames
        table.emails = reader.emails
        table.starts = reader.starts
        table.rowsRead = reader.rowsRead
        table.rowShards = reader.row.map { [($0, Int32(0))] } ?? reader.shards
        let managerColumn = reader.columns.manager + 1
        let lines = reader.lines
        // Managers matched to rows, the two halves of the rows side by side.
        let count = table.ids.count, pieces = count >= 1 << 16 ? 2 : 1
        let found = Slots<([Int32], [Diagnostic])>(count: pieces)
        let source = table
        DispatchQueue.concurrentPerform(iterations: pieces) { piece in
            let range = piece * count / pieces..<(piece + 1) * count / pieces
            var parents = [Int32](repeating: -1, count: range.count)
            var collector = DiagnosticCollector()
            for index in range where !reader.managers[index].isEmpty {
                let manager = reader.managers[index]
                let at = SourceLocation(file: file, line: Int(lines[index]), column: managerColumn)
                if manager == source.ids[index] {
                    collector.warning("'\(manager)' reports to themselves; made a root", at: at)
                } else if let row = source.row(of: manager) {
                    parents[index - range.lowerBound] = row
                } else {
                    collector.warning("'\(source.ids[index])' reports to unknown id '\(manager)'; made a root", at: at)
                }
            }
            found.set(piece, .success((parents, collector.diagnostics)))
        }
        var collector = reader.collector
        table.parent = []
        table.parent.reserveCapacity(count)
        for piece in 0..<pieces {
            let (parents, diagnostics) = try found.get(piece)
            table.parent += parents
            collector.append(contentsOf: diagnostics)
        }
        // Cut each cycle where the walk that found it closed it, as the import does.
        for cycle in HierarchyIndex.cycles(table.parent) {
            let v = cycle[0]
            let names = (cycle + [v]).map { "'\(table.ids[Int($0)])'" }.joined(separator: " → ")
            collector.warning("reporting cycle \(names); '\(table.ids[Int(v)])' made a root",
                              at: SourceLocation(file: file, line: Int(lines[Int(v)]), column: managerColumn))
            table.parent[Int(v)] = -1
        }
        table.warnings = collector.sorted
        return table
    }
}

/// Results of work done side by side, one slot each.
public final class Slots<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Result<Value, DiagnosticError>?]

    public init(count: Int) { values = Array(repeating: nil, count: count) }

    public func set(_ index: Int, _ value: Result<Value, DiagnosticError>) {
        lock.withLock { values[index] = value }
    }

    public func get(_ index: Int) throws(DiagnosticError) -> Value {
        try lock.withLock { values[index] }!.get()
    }
}

/// The rows of a CSV, or of a piece of one, as columns, before managers are matched.
struct RowReader: Sendable {
    struct Columns: Sendable {
        var width = 0, id = -1, name = -1, first = -1, last = -1, manager = -1, title = -1, unit = -1, email = -1, start = -1
    }

    let file: String
    let columns: Columns
    var ids: [String] = [], names: [String] = [], managers: [String] = []
    var titles: [Int32] = [], units: [Int32] = [], lines: [Int32] = []
    var titleNames: [String] = [], unitNames: [String] = []
    var titleIndex: [String: Int32] = [:], unitIndex: [String: Int32] = [:]
    var emails: [String]?, starts: [String]?
    var rowsRead = 0
    var collector = DiagnosticCollector()
    /// Row of each id, when duplicates are found while reading.
    var row: [String: Int32]?
    /// Rows of joined pieces (see ``PeopleTable/rowShards``).
    var shards: [(rows: [String: Int32], offset: Int32)] = []
    // Consecutive rows often share a title or unit: remember the last one.
    private var lastTitle = ("", Int32(-1)), lastUnit = ("", Int32(-1))

    init(header record: [String], file: String, map: [String: HRField], estimate: Int, detectsDuplicates: Bool) throws(DiagnosticError) {
        self.file = file
        let header = record.map { $0.trimmingCharacters(in: .whitespaces) }
        let found = try HRImport(file: file, map: map).columns(of: header)
        columns = Columns(width: header.count, id: found[.id] ?? -1, name: found[.name] ?? -1, first: found[.firstName] ?? -1,
                          last: found[.lastName] ?? -1, manager: found[.manager] ?? -1, title: found[.title] ?? -1,
                          unit: found[.unit] ?? -1, email: found[.email] ?? -1, start: found[.start] ?? -1)
        ids.reserveCapacity(estimate)
        names.reserveCapacity(estimate)
        titles.reserveCapacity(estimate)
        units.reserveCapacity(estimate)
        managers.reserveCapacity(estimate)
        lines.reserveCapacity(estimate)
        if found[.email] != nil { emails = [] }
        if found[.start] != nil { starts = [] }
        if detectsDuplicates {
            row = [:]
            row!.reserveCapacity(max(16, estimate))
        }
    }

    private static func intern(_ text: String, _ index: inout [String: Int32], _ names: inout [String]) -> Int32 {
        if let known = index[text] { return known }
        let next = Int32(names.count)
        index[text] = next
        names.append(text)
        return next
    }

    mutating func read(_ record: [String], line: Int) throws(DiagnosticError) {
        guard record.count == columns.width else {
            throw DiagnosticError(.error("row has \(record.count) field\(record.count == 1 ? "" : "s") but the header has \(columns.width); check the quoting of this row",
                                         at: SourceLocation(file: file, line: line, column: 1)))
        }
        rowsRead += 1
        func value(_ column: Int) -> String { column >= 0 ? HRImport.cell(record[column]) : "" }
        let id = value(columns.id)
        guard !id.isEmpty else {
            collector.warning("row has no id; left out", at: SourceLocation(file: file, line: line, column: columns.id + 1))
            return
        }
        // One hash of the id: insert, and put the first row back if it was a duplicate.
        if row != nil, let first = row!.updateValue(Int32(ids.count), forKey: id) {
            row![id] = first
            collector.warning("duplicate id '\(id)'; the row is left out (the first with this id is kept)",
                              at: SourceLocation(file: file, line: line, column: columns.id + 1))
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
        rowsRead += next.rowsRead
        collector.append(contentsOf: next.collector.diagnostics)
    }
}
