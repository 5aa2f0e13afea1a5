import Foundation

/// A CSV table: a header and rows, each row remembering its line in the file.
public struct CSVTable: Sendable {
    /// The column names: the header line's fields, trimmed, or `column1`, `column2`, ... when the
    /// file has no header.
    public var header: [String]
    /// The data rows, each with as many fields as the header.
    public var rows: [[String]]
    /// The 1-based line each row starts on.
    public var lines: [Int]
}

/// Reads delimited text as RFC 4180 says: quoted fields may hold delimiters, quotes (doubled)
/// and line breaks, and are kept exactly as written; unquoted ones lose the spaces and tabs at
/// their ends; CRLF, LF or CR ends a record. Detects the delimiter (`,` tab `|` `;`) from the
/// first line, accepts UTF-8 with or without a byte-order mark and UTF-16 with one. Streams the
/// file, so that a huge line fails at its size limit instead of filling memory.
public struct CSVReader: Sendable {
    /// A field longer than this is refused.
    public static let maxFieldBytes = 1 << 20
    /// The bytes a file is first read in, from which its delimiter is found.
    static let firstPieceBytes = 65_536
    /// The path of the file to read, also named in diagnostics.
    public var file: String
    /// The delimiter byte; nil: detected from the first line.
    public var delimiter: UInt8?
    /// Whether the first record is the header; false names the columns `column1`, `column2`, ...
    public var hasHeader = true
    /// The columns whose fields are made into text, by index (the first always is, and those past
    /// its end); the others are given as empty, though still read and checked. Nil: every column.
    var keptColumns: [Bool]?

    /// Makes a reader of the file at `file`.
    public init(file: String, delimiter: UInt8? = nil, hasHeader: Bool = true) {
        self.file = file
        self.delimiter = delimiter
        self.hasHeader = hasHeader
    }

    /// Reads the file at `file`.
    public func read() throws(DiagnosticError) -> CSVTable {
        try withChunks { chunks throws(DiagnosticError) in try read(chunks: chunks) }
    }

    /// Reads the bytes `chunks` gives as the file's, failing whole (no partial table) when it
    /// throws.
    func read(chunks: ChunkSource) throws(DiagnosticError) -> CSVTable {
        try table { body throws(DiagnosticError) in try forEachRecord(chunks: chunks, body) }
    }

    /// Parses text already in memory.
    public func parse(_ text: String) throws(DiagnosticError) -> CSVTable {
        try table { body throws(DiagnosticError) in try parse(chunks: [Data(text.utf8)], body) }
    }

    /// The table of the records `stream` gives its body.
    private func table(_ stream: (_ body: ([String], Int) throws(DiagnosticError) -> Void) throws(DiagnosticError) -> Void) throws(DiagnosticError) -> CSVTable {
        var records: [[String]] = []
        var lines: [Int] = []
        try stream { record, line in
            records.append(record)
            lines.append(line)
        }
        return try table(records, lines)
    }

    /// The header and rows of the records, every row checked against the header's width.
    private func table(_ records: [[String]], _ recordLines: [Int]) throws(DiagnosticError) -> CSVTable {
        guard !records.isEmpty else {
            throw DiagnosticError(.error("the file is empty; expected a header line and rows", at: at(1, 1)))
        }
        var rows = records
        var lines = recordLines
        let header: [String]
        if hasHeader {
            header = rows.removeFirst().map { $0.trimmingCharacters(in: .whitespaces) }
            lines.removeFirst()
        } else {
            header = (1...records[0].count).map { "column\($0)" }
        }
        for (index, row) in rows.enumerated() where row.count != header.count {
            throw DiagnosticError(.error("row has \(row.count) field\(row.count == 1 ? "" : "s") but the header has \(header.count); check the quoting of this row",
                                         at: at(lines[index], 1)))
        }
        return CSVTable(header: header, rows: rows, lines: lines)
    }

    /// Streams the file's records (the header first), each with the line it starts on, without
    /// keeping them: memory stays bounded by the longest record.
    public func forEachRecord(_ body: ([String], Int) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        try withChunks { chunks throws(DiagnosticError) in try forEachRecord(chunks: chunks, body) }
    }

    /// Gives the file's next bytes, at most as many as asked for, and no bytes at its end;
    /// throws when the file cannot be read.
    typealias ChunkSource = (Int) throws -> Data

    /// Runs `work` with the file open, its bytes read from the handle.
    private func withChunks<T>(_ work: (ChunkSource) throws(DiagnosticError) -> T) throws(DiagnosticError) -> T {
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw DiagnosticError(.error(FileManager.default.fileExists(atPath: file) ? "cannot read '\(file)'" : "no such file '\(file)'", at: nil))
        }
        defer { try? handle.close() }
        return try work { count in try handle.read(upToCount: count) ?? Data() }
    }

    /// The records of the bytes `chunks` gives; an error reading them is a diagnostic naming
    /// the file, after the records before it.
    func forEachRecord(chunks: ChunkSource, _ body: ([String], Int) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        func next(_ count: Int) throws(DiagnosticError) -> Data {
            do {
                return try chunks(count)
            } catch {
                throw DiagnosticError(.error("cannot read '\(file)': \(Self.reason(error))", at: nil))
            }
        }
        let first = try next(Self.firstPieceBytes)
        if first.starts(with: [0xFF, 0xFE]) || first.starts(with: [0xFE, 0xFF]) {
            // UTF-16: transcode the whole file (such exports are small) and parse the UTF-8.
            var data = first
            while case let chunk = try next(1 << 20), !chunk.isEmpty {
                data.append(chunk)
                if data.count > 512 << 20 { throw DiagnosticError(.error("UTF-16 file larger than 512 MiB; convert it to UTF-8", at: at(1, 1))) }
            }
            let text = try TextDecoding.decode(data, file: file)
            return try parse(chunks: [Data(text.utf8)], body)
        }
        var pending: Data? = first.starts(with: [0xEF, 0xBB, 0xBF]) ? first.dropFirst(3) : first
        try parse(nextChunk: { () throws(DiagnosticError) -> Data? in
            if let piece = pending {
                pending = nil
                return piece.isEmpty ? nil : Data(piece)
            }
            let chunk = try next(1 << 20)
            return chunk.isEmpty ? nil : chunk
        }, body)
    }

    /// Why a read failed, in the system's words (`Input/output error`) when it gives them.
    private static func reason(_ error: any Error) -> String {
        var error = error as NSError
        if let underlying = error.userInfo[NSUnderlyingErrorKey] as? NSError { error = underlying }
        if error.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(error.code))) }
        return error.localizedDescription
    }

    private func at(_ line: Int, _ column: Int) -> SourceLocation { SourceLocation(file: file, line: line, column: column) }

    /// The records of a piece of a file already in memory, whose first line is `firstLine`.
    func forEachRecord(in data: Data, firstLine: Int, _ body: ([String], Int) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        try parse(chunks: [data], firstLine: firstLine, body)
    }

    /// A space or a tab, which unquoted fields lose at their ends.
    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    /// The delimiter that occurs most in the first line, outside quotes (`,` when none does).
    static func detectDelimiter(_ bytes: some Sequence<UInt8>) -> UInt8 {
        var counts: [UInt8: Int] = [:]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle() }
            if byte == 10 || byte == 13, !quoted { break }
            if !quoted, [44, 9, 124, 59].contains(byte) { counts[byte, default: 0] += 1 }
        }
        return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key ?? UInt8(ascii: ",")
    }

    /// Where a file may be cut so that two readers, one from its start and one from the cut, read
    /// the records one reader reads from its start: just past the first record break (CR, LF or
    /// CRLF) at or after `from` that is outside quotes, or nil when there is none. Quotes open and
    /// close fields and are doubled inside them, so an even count of them before a byte puts it
    /// outside; a file where that is not so (a quote inside an unquoted field) is refused by the
    /// reader of the piece that holds the stray quote, from that piece's start.
    /// - Parameter quotesBefore: how many quotes the bytes before `from` hold.
    /// - Complexity: O(*k*), *k* the bytes from `from` to the cut.
    static func cut(in bytes: UnsafeBufferPointer<UInt8>, from: Int, quotesBefore: Int) -> Int? {
        var inside = quotesBefore & 1 == 1
        var index = from
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                inside.toggle()
            } else if !inside, byte == 10 || byte == 13 {
                // A CR and the LF after it are one break: never cut between them.
                return byte == 13 && index + 1 < bytes.count && bytes[index + 1] == 10 ? index + 2 : index + 1
            }
            index += 1
        }
        return nil
    }

    /// The bytes of a word that are zero, as their high bits (exact: no borrow between bytes).
    @inline(__always)
    static func zeroBytes(_ word: UInt64) -> UInt64 {
        let low: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((word & low) &+ low) | word | low)
    }

    /// Where a field that starts at `start` ends: the first delimiter (`stop`), quote, CR, LF or
    /// NUL from there, or the end of the bytes; and whether the bytes before it are ASCII.
    /// - Complexity: O(*k*), *k* the field's bytes, eight a step.
    @inline(__always)
    static func fieldEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ stop: UInt8) -> (end: Int, ascii: Bool) {
        guard let base = bytes.baseAddress else { return (start, true) }
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let raw = UnsafeRawPointer(base)
        var index = start
        var ascii = true
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            let found = zeroBytes(word) | zeroBytes(word ^ (ones &* UInt64(stop))) | zeroBytes(word ^ (ones &* 0x22))
                | zeroBytes(word ^ (ones &* 10)) | zeroBytes(word ^ (ones &* 13))
            if found != 0 {
                // The bytes before the first found, and their high bits.
                if word & high & ((found & (0 &- found)) &- 1) != 0 { ascii = false }
                return (index + found.trailingZeroBitCount / 8, ascii)
            }
            if word & high != 0 { ascii = false }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == stop || byte == 0x22 || byte == 10 || byte == 13 || byte == 0 { break }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return (index, ascii)
    }

    /// How many quotes a piece of a file holds, and how many lines it moves the reader on: a CR,
    /// an LF or a CRLF is one, inside quotes or not, as ``forEachRecord(_:)`` counts them.
    /// - Complexity: O(*n*), eight bytes a step.
    static func quotesAndBreaks(in bytes: UnsafeBufferPointer<UInt8>) -> (quotes: Int, breaks: Int) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return (0, 0) }
        let raw = UnsafeRawPointer(base)
        let zeroBytes = Self.zeroBytes
        // A count per byte, summed every 255 words (before a byte's count can overflow).
        func sum(_ counts: UInt64) -> Int {
            let pairs = (counts & 0x00FF_00FF_00FF_00FF) &+ ((counts >> 8) & 0x00FF_00FF_00FF_00FF)
            return Int((pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        let ones: UInt64 = 0x0101_0101_0101_0101
        var quotes = 0, feeds = 0, returns = 0, pairs = 0
        var index = 0
        // The high bit of byte 0 when the word before ended with a CR.
        var returnBefore: UInt64 = 0
        while index + 8 <= bytes.count {
            var q: UInt64 = 0, f: UInt64 = 0, r: UInt64 = 0, p: UInt64 = 0
            var words = 0
            while words < 255, index + 8 <= bytes.count {
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
                let feed = zeroBytes(word ^ (ones &* 10)), ret = zeroBytes(word ^ (ones &* 13))
                q &+= zeroBytes(word ^ (ones &* 0x22)) >> 7
                f &+= feed >> 7
                r &+= ret >> 7
                p &+= (feed & (ret << 8 | returnBefore)) >> 7
                returnBefore = ret >> 56
                index += 8
                words += 1
            }
            quotes += sum(q)
            feeds += sum(f)
            returns += sum(r)
            pairs += sum(p)
        }
        while index < bytes.count {
            let byte = base[index]
            if byte == 0x22 { quotes += 1 }
            if byte == 13 { returns += 1 }
            if byte == 10 {
                feeds += 1
                if index > 0, base[index - 1] == 13 { pairs += 1 }
            }
            index += 1
        }
        return (quotes, feeds + returns - pairs)
    }

    /// The records of pieces of text already in memory.
    private func parse(chunks: [Data], firstLine: Int = 1, _ body: ([String], Int) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        var pieces = chunks.makeIterator()
        try parse(nextChunk: { pieces.next() }, firstLine: firstLine, body)
    }

    /// The records of the pieces `nextChunk` gives until it gives nil.
    private func parse(nextChunk: () throws(DiagnosticError) -> Data?, firstLine: Int = 1, _ body: ([String], Int) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        var field: [UInt8] = []
        var record: [String] = []
        var inQuotes = false
        var quoteJustClosed = false
        var fieldStartedQuoted = false
        var line = firstLine
        var column = 1
        var recordLine = firstLine
        var fieldColumn = 1
        var quoteLine = 1
        var quoteColumn = 1
        var chosen = delimiter
        var previousWasCR = false

        // A field made straight from the chunk's bytes, when it lies whole in one.
        var ready: String?
        let kept = keptColumns
        // Whether the field being read is made into text. The first always is: a record of one
        // empty field is a blank line.
        func keeps() -> Bool { guard let kept, record.count > 0, record.count < kept.count else { return true }; return kept[record.count] }
        func invalidUTF8() -> DiagnosticError {
            DiagnosticError(.error("invalid UTF-8 in a field; save the file as UTF-8", at: at(line, fieldColumn)))
        }
        func finishField() throws(DiagnosticError) {
            if let text = ready {
                record.append(text)
                ready = nil
                fieldStartedQuoted = false
                quoteJustClosed = false
                return
            }
            // Most fields are ASCII; only others need checking (without generic validation,
            // which is slow here).
            if field.contains(where: { $0 >= 0x80 }), TextDecoding.firstInvalidUTF8(field) != nil { throw invalidUTF8() }
            if !keeps() {
                record.append("")
            } else if !fieldStartedQuoted, let first = field.first, let last = field.last, Self.isBlank(first) || Self.isBlank(last) {
                let start = field.firstIndex { !Self.isBlank($0) } ?? field.endIndex
                let end = field.lastIndex { !Self.isBlank($0) }.map { $0 + 1 } ?? start
                record.append(String(decoding: field[start..<max(start, end)], as: UTF8.self))
            } else {
                record.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
            fieldStartedQuoted = false
            quoteJustClosed = false
        }
        func finishRecord() throws(DiagnosticError) {
            try finishField()
            // A blank line is no record.
            if !(record.count == 1 && record[0].isEmpty) {
                try body(record, recordLine)
            }
            record.removeAll(keepingCapacity: true)
        }

        while let chunk = try nextChunk() {
            if chosen == nil { chosen = Self.detectDelimiter(chunk) }
            let separator = chosen!
            // An array iterates much faster than Data does.
            let bytes = [UInt8](chunk)
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                defer { index += 1 }
                if !inQuotes, !previousWasCR, !quoteJustClosed, !fieldStartedQuoted, field.isEmpty, ready == nil,
                    byte != separator, byte != 10, byte != 13, byte != 0
                {
                    // The common case: a field that ends in this chunk with no quote or break
                    // inside, unquoted or quoted (and then followed by a delimiter or a break),
                    // taken in one go. Others, and fields too long, go byte by byte below.
                    let quoted = byte == UInt8(ascii: "\"")
                    let first = quoted ? index + 1 : index
                    let (end, ascii) = bytes.withUnsafeBufferPointer { Self.fieldEnd(in: $0, from: first, quoted ? UInt8(ascii: "\"") : separator) }
                    let whole = end - first <= Self.maxFieldBytes && (quoted
                        ? end + 1 < bytes.count && bytes[end] == UInt8(ascii: "\"") && (bytes[end + 1] == separator || bytes[end + 1] == 10 || bytes[end + 1] == 13)
                        : end < bytes.count && bytes[end] != UInt8(ascii: "\"") && bytes[end] != 0 && !Self.isBlank(bytes[index]) && !Self.isBlank(bytes[end - 1]))
                    if whole {
                        if !ascii, TextDecoding.firstInvalidUTF8(Array(bytes[first..<end])) != nil { throw invalidUTF8() }
                        ready = keeps() ? String(decoding: bytes[first..<end], as: UTF8.self) : ""
                        fieldStartedQuoted = quoted
                        quoteJustClosed = quoted
                        // On to the byte after the field (and its closing quote).
                        let next = quoted ? end + 1 : end
                        column += next - index
                        index = next - 1
                        continue
                    }
                }
                if byte == 0 {
                    throw DiagnosticError(.error("NUL byte in the file; it is not text (UTF-16 without a byte-order mark?)", at: at(line, column)))
                }
                if previousWasCR {
                    previousWasCR = false
                    if byte == 10 {
                        // CRLF is one line break; inside quotes it is kept as written.
                        if inQuotes { field.append(byte) }
                        continue
                    }
                }
                if inQuotes {
                    if byte == UInt8(ascii: "\"") {
                        inQuotes = false
                        quoteJustClosed = true
                    } else {
                        field.append(byte)
                        if byte == 10 || byte == 13 {
                            line += 1
                            column = 0
                            previousWasCR = byte == 13
                        }
                    }
                } else if byte == UInt8(ascii: "\"") {
                    if quoteJustClosed {
                        // A doubled quote inside a quoted field.
                        field.append(byte)
                        inQuotes = true
                        quoteJustClosed = false
                    } else if field.isEmpty && !fieldStartedQuoted {
                        inQuotes = true
                        fieldStartedQuoted = true
                        quoteLine = line
                        quoteColumn = column
                    } else {
                        throw DiagnosticError(.error("a quote inside an unquoted field; quote the whole field and double the quote (\"\")", at: at(line, column)))
                    }
                } else if byte == separator {
                    try finishField()
                    fieldColumn = column + 1
                } else if byte == 10 || byte == 13 {
                    try finishRecord()
                    line += 1
                    column = 0
                    recordLine = line
                    fieldColumn = 1
                    previousWasCR = byte == 13
                } else {
                    if quoteJustClosed {
                        throw DiagnosticError(.error("text after the closing quote of a field; put a delimiter after the quote", at: at(line, column)))
                    }
                    field.append(byte)
                }
                column += 1
                if field.count > Self.maxFieldBytes {
                    throw DiagnosticError(.error("a field longer than \(Self.maxFieldBytes / (1 << 20)) MiB starting at line \(recordLine); is this really CSV?", at: at(recordLine, fieldColumn)))
                }
            }
        }
        if inQuotes {
            throw DiagnosticError(.error("a quoted field is never closed; add the closing quote", at: at(quoteLine, quoteColumn)))
        }
        if !field.isEmpty || !record.isEmpty { try finishRecord() }
    }
}
