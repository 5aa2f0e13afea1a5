/// A lookup table joined to an HR export by a key column, as `--join departments.csv:department_id`
/// asks: the export's key column is replaced by the lookup table's other columns, from the row
/// with the same key, so that a department id becomes the department's name and a job id the
/// job's title, read by the header spellings as any column is.
///
/// A lookup column whose name the export already has is renamed `FILE.COLUMN` (the file's name
/// without its extension). Joined by the unit column, a lookup table with a manager column
/// (`departments.csv`'s `manager_id`) names each unit's head. A key the lookup table lacks leaves
/// the row's joined columns empty, with a warning at the row.
public struct CSVJoin: Sendable {
    /// The lookup table's file.
    public let file: String
    /// The key column in the lookup table.
    public let key: String
    /// The key column in the export: the same name unless given.
    public let exportKey: String
    /// The lookup table's columns but the key, as the joined export names them.
    let columns: [String]
    /// The lookup table's original names of those columns.
    let originalColumns: [String]
    /// Each key's row (its other columns) and line.
    let rows: [String: (values: [String], line: Int)]
    /// The key's column in the lookup table.
    let keyColumn: Int

    /// The lookup table's column (from 0) of one of ``columns``.
    func fileColumn(of index: Int) -> Int { index < keyColumn ? index : index + 1 }

    /// Reads `FILE:COLUMN`, or `FILE:COLUMN=EXPORT_COLUMN` when the export names the key otherwise.
    public init(spec: String) throws(DiagnosticError) {
        guard let colon = spec.lastIndex(of: ":"), colon != spec.startIndex, spec.index(after: colon) != spec.endIndex else {
            throw DiagnosticError(.error("--join takes FILE:COLUMN (the key column, in both files) or FILE:COLUMN=EXPORT_COLUMN; got '\(spec)'", at: nil))
        }
        let file = String(spec[..<colon])
        let keys = spec[spec.index(after: colon)...].split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard keys.allSatisfy({ !$0.isEmpty }) else {
            throw DiagnosticError(.error("--join takes FILE:COLUMN (the key column, in both files) or FILE:COLUMN=EXPORT_COLUMN; got '\(spec)'", at: nil))
        }
        try self.init(file: file, key: keys[0], exportKey: keys.count > 1 ? keys[1] : nil)
    }

    /// Reads the lookup table at `file`.
    public init(file: String, key: String, exportKey: String? = nil) throws(DiagnosticError) {
        try self.init(CSVReader(file: file).read(), file: file, key: key, exportKey: exportKey)
    }

    init(_ table: CSVTable, file: String, key: String, exportKey: String?) throws(DiagnosticError) {
        self.file = file
        self.key = key
        self.exportKey = exportKey ?? key
        let header = table.header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard let keyColumn = header.firstIndex(of: key) else {
            throw DiagnosticError(.error("the lookup table has no column '\(key)' to join by; its columns are \(header.map { "'\($0)'" }.joined(separator: ", "))",
                                         at: SourceLocation(file: file, line: 1, column: 1)))
        }
        self.keyColumn = keyColumn
        originalColumns = header.enumerated().filter { $0.offset != keyColumn }.map(\.element)
        columns = originalColumns
        var rows: [String: (values: [String], line: Int)] = [:]
        for (row, line) in zip(table.rows, table.lines) {
            let value = HRImport.cell(row[keyColumn])
            if let first = rows[value] {
                throw DiagnosticError(.error("key '\(value)' is listed again (first on line \(first.line)); a lookup table has one row a key",
                                             at: SourceLocation(file: file, line: line, column: keyColumn + 1)))
            }
            // Kept as written: the export's reader reads the cells of a joined row as its own.
            rows[value] = (row.enumerated().filter { $0.offset != keyColumn }.map(\.element), line)
        }
        self.rows = rows
    }

    /// The same join, its columns named as the joined export names them.
    init(renaming join: CSVJoin, columns: [String]) {
        file = join.file
        key = join.key
        exportKey = join.exportKey
        originalColumns = join.originalColumns
        self.columns = columns
        rows = join.rows
        keyColumn = join.keyColumn
    }

    /// The file's name without folders or extension, for renamed columns.
    var stem: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.split(separator: ".").first.map(String.init) ?? name
    }
}

/// Joins lookup tables to an export's rows as they are read: the header once, each row in turn.
struct CSVJoiner: Sendable {
    /// Each join, in order, with the column its key stood at when it was joined (the joins
    /// before it done), and in the export as read.
    private(set) var joins: [(join: CSVJoin, at: Int)] = []
    private var keyColumns: [Int] = []
    /// The export's header, as read, and joined.
    let width: Int
    private(set) var header: [String]

    init(header original: [String], joins: [CSVJoin], file: String) throws(DiagnosticError) {
        width = original.count
        var header = original
        for join in joins {
            guard let at = header.firstIndex(of: join.exportKey) else {
                throw DiagnosticError(.error("--join \(join.file):\(join.key) joins by the column '\(join.exportKey)', which the export lacks (it has \(header.map { "'\($0)'" }.joined(separator: ", "))); name the export's key column with \(join.file):\(join.key)=COLUMN",
                                             at: SourceLocation(file: file, line: 1, column: 1)))
            }
            let others = Set(header.enumerated().filter { $0.offset != at }.map(\.element))
            let named = join.columns.map { others.contains($0) ? "\(join.stem).\($0)" : $0 }
            header.replaceSubrange(at...at, with: named)
            self.joins.append((CSVJoin(renaming: join, columns: named), at))
            keyColumns.append(original.firstIndex(of: join.exportKey) ?? at)
        }
        self.header = header
    }

    /// A row with each join's columns in place of its key; a key a lookup table lacks leaves them
    /// empty, with a warning.
    func join(_ record: [String], line: Int, file: String, warnings: inout DiagnosticCollector) -> [String] {
        guard !joins.isEmpty else { return record }
        var row = record
        // Joined in the order the header was.
        for ((join, at), keyColumn) in zip(joins, keyColumns) {
            let value = HRImport.cell(row[at])
            if let found = join.rows[value] {
                row.replaceSubrange(at...at, with: found.values)
            } else {
                if !value.isEmpty {
                    warnings.warning("'\(value)' is not a key of \(join.file) (column '\(join.key)'); the row's columns from it are left empty",
                                     at: SourceLocation(file: file, line: line, column: keyColumn + 1))
                }
                row.replaceSubrange(at...at, with: Array(repeating: "", count: join.columns.count))
            }
        }
        return row
    }
}
