import Foundation

/// A strict JSON (RFC 8259) reader over bytes already in memory, token by token, for readers
/// that know the schema they expect and build their own columns instead of a generic tree.
///
/// Every error names the line and column where the text stops being JSON. Strings are checked
/// to be UTF-8; control characters must be escaped; a comma must be followed by another member.
/// The scanner does not recurse, so nesting depth is the caller's to bound.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let file: String
    private(set) var offset = 0
    private(set) var line = 1
    private(set) var lineStart = 0
    /// Where each `\uD8xx\uDCxx` pair read so far starts: 12 bytes that stand for one character.
    private(set) var surrogatePairs: [Int] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            offset = 3
            lineStart = 3
        }
    }

    /// Where the scanner is: line, and column in Unicode scalars.
    var here: SourceLocation { location(offset: offset, line: line, lineStart: lineStart) }

    /// A position to turn into a ``SourceLocation`` only when a diagnostic needs it.
    struct Mark {
        var offset: Int
        var line: Int32
        var lineStart: Int
    }

    var mark: Mark { Mark(offset: offset, line: Int32(line), lineStart: lineStart) }

    /// Goes back (or forward) to a position taken with ``mark``.
    mutating func restore(_ mark: Mark) {
        offset = mark.offset
        line = Int(mark.line)
        lineStart = mark.lineStart
    }

    /// The location of a byte offset on a line that starts at `lineStart`.
    func location(offset: Int, line: Int, lineStart: Int) -> SourceLocation {
        var column = 1
        var index = lineStart
        while index < offset {
            if bytes[index] & 0xC0 != 0x80 { column += 1 }
            index += 1
        }
        // A position inside a multi-byte scalar counts as that scalar.
        if offset < bytes.count, offset > lineStart, bytes[offset] & 0xC0 == 0x80 { column -= 1 }
        return SourceLocation(file: file, line: line, column: column)
    }

    /// Places offsets instead of the bytes' own lines, for bytes written from another syntax.
    var locate: ((Int) -> SourceLocation)?

    func error(_ message: String) -> DiagnosticError {
        DiagnosticError(.error(message, at: locate?(offset) ?? here))
    }

    /// Skips spaces, tabs and line breaks.
    @inline(__always)
    mutating func skipSpace() {
        while offset < bytes.count {
            let byte = bytes[offset]
            // Most calls are already at a token.
            if byte > 0x20 { return }
            if byte == 0x20 {
                offset = spacesEnd(from: offset + 1)
            } else if byte == 0x0A {
                offset += 1
                line += 1
                lineStart = offset
            } else if byte == 0x09 || byte == 0x0D {
                offset += 1
            } else {
                return
            }
        }
    }

    /// The first byte at or after `start` that is not a space: the indentation of a file
    /// written with it, eight bytes a step.
    @inline(__always)
    private func spacesEnd(from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let others = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)) ^ 0x2020_2020_2020_2020
                if others != 0 { return index + others.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < bytes.count, bytes[index] == 0x20 { index += 1 }
        return index
    }

    /// The next byte that is not space, without taking it; nil at the end.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipSpace()
        return offset < bytes.count ? bytes[offset] : nil
    }

    /// What the next value is, for messages: `a string`, `a number`, `the end of the file`.
    mutating func describeNext() -> String {
        switch peek() {
        case nil: return "the end of the file"
        case UInt8(ascii: "\""): return "a string"
        case UInt8(ascii: "{"): return "an object"
        case UInt8(ascii: "["): return "a list"
        case UInt8(ascii: "t") where matches("true"), UInt8(ascii: "f") where matches("false"): return "true or false"
        case UInt8(ascii: "n") where matches("null"): return "null"
        case let byte?:
            if byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { return "a number" }
            return "'\(Self.printable(byte))'"
        }
    }

    private static func printable(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? String(UnicodeScalar(byte)) : String(format: "byte 0x%02X", byte)
    }

    /// Takes `{` and reports whether the object is empty (its `}` taken too).
    mutating func beginObject(_ what: @autoclosure () -> String) throws(DiagnosticError) {
        guard peek() == UInt8(ascii: "{") else { throw error("expected \(what()) to be an object ({ ... }), found \(describeNext())") }
        offset += 1
    }

    /// A key of an object, and where it was written. (A struct, not a tuple: an optional tuple
    /// is copied and tested through the runtime's generic code, 5% of a big file's load.)
    struct Key {
        let name: String
        let at: Mark
        /// The key's place in the scanner's ``KeyTable``; -1 for a key not in it.
        var known = -1
    }

    /// The next key of an object begun with ``beginObject(_:)``, its `:` taken; nil after its
    /// `}`. `first` is true for the first call on an object.
    mutating func nextKey(first: inout Bool) throws(DiagnosticError) -> Key? {
        let byte = peek()
        if first {
            first = false
            if byte == UInt8(ascii: "}") {
                offset += 1
                return nil
            }
        } else if byte == UInt8(ascii: "}") {
            offset += 1
            return nil
        } else if byte == UInt8(ascii: ",") {
            offset += 1
            if peek() == UInt8(ascii: "}") { throw error("a comma before '}' is not allowed in JSON; remove it") }
        } else {
            throw error("expected ',' or '}' after a member of an object, found \(describeNext())")
        }
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a key in double quotes, found \(describeNext())") }
        let at = mark
        let key: String
        var known = knownKey()
        if known >= 0 {
            key = keys.entries[known].key
        } else {
            key = try string()
            known = keys.place(of: key)
        }
        guard peek() == UInt8(ascii: ":") else { throw error("expected ':' after the key \"\(key)\", found \(describeNext())") }
        offset += 1
        return Key(name: key, at: at, known: known)
    }

    /// Keys the reader expects, found by their bytes without making a string of them.
    var keys = KeyTable([])
    /// Long strings read lately, made once while they repeat.
    private var repeated = RepeatedStrings()

    /// Strings too long to be kept inside a `String` value (which allocates them), kept by
    /// their bytes while they repeat, as the unit that post after post names does: each is
    /// made once rather than once a mention. Direct-mapped: a string a slot, the last wins.
    struct RepeatedStrings {
        /// The longest string a `String` keeps without allocating.
        static let longest = 15
        private var slots = [(hash: UInt64, string: String)?](repeating: nil, count: 256)

        mutating func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
            let hash = IDTable.hash(bytes: text)
            let slot = Int(truncatingIfNeeded: hash & 255)
            if let kept = slots[slot], kept.hash == hash,
                kept.string.utf8.withContiguousStorageIfAvailable({ $0.sameBytes(as: text) }) == true
            {
                return kept.string
            }
            let string = String(decoding: text, as: UTF8.self)
            slots[slot] = (hash, string)
            return string
        }
    }

    /// The keys of a schema, each with its bytes as two words: up to sixteen ASCII bytes.
    struct KeyTable {
        fileprivate let entries: [(length: Int, low: UInt64, high: UInt64, lowMask: UInt64, highMask: UInt64, key: String)]
        /// The place of each key, for one written otherwise (with an escape) to be found by its text.
        private let places: [String: Int]

        func place(of key: String) -> Int { places[key] ?? -1 }

        /// The keys, the most frequent first (longer ones, or ones not ASCII, are read as other keys are).
        init(_ keys: [String]) {
            entries = keys.compactMap { key in
                let bytes = Array(key.utf8)
                guard bytes.count <= 16, bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
                else { return nil }
                var low: UInt64 = 0, high: UInt64 = 0
                for (index, byte) in bytes.enumerated() {
                    if index < 8 { low |= UInt64(byte) << (8 * index) } else { high |= UInt64(byte) << (8 * (index - 8)) }
                }
                func mask(_ count: Int) -> UInt64 { count >= 8 ? .max : (1 << (8 * count)) - 1 }
                return (bytes.count, low, high, mask(bytes.count), mask(max(bytes.count - 8, 0)), key)
            }
            places = Dictionary(entries.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The place in the table of the key here, taken with its closing quote; -1 (nothing
    /// taken) for any other.
    @inline(__always)
    private mutating func knownKey() -> Int {
        let start = offset + 1
        guard !keys.entries.isEmpty, start + 17 <= bytes.count, let base = bytes.baseAddress else { return -1 }
        let raw = UnsafeRawPointer(base + start)
        let low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
        let high = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        for (index, entry) in keys.entries.enumerated() where low & entry.lowMask == entry.low && high & entry.highMask == entry.high {
            if bytes[start + entry.length] == UInt8(ascii: "\"") {
                offset = start + entry.length + 1
                return index
            }
        }
        return -1
    }

    /// Takes `[`.
    mutating func beginArray(_ what: @autoclosure () -> String) throws(DiagnosticError) {
        guard peek() == UInt8(ascii: "[") else { throw error("expected \(what()) to be a list ([ ... ]), found \(describeNext())") }
        offset += 1
    }

    /// Whether another element follows in a list begun with ``beginArray(_:)`` (taking the `,`
    /// before it), or the list ended (taking its `]`).
    mutating func nextElement(first: inout Bool) throws(DiagnosticError) -> Bool {
        let byte = peek()
        if byte == UInt8(ascii: "]") {
            // `[1,]` was refused where its comma was taken.
            offset += 1
            first = false
            return false
        }
        if first {
            first = false
            return true
        }
        guard byte == UInt8(ascii: ",") else { throw error("expected ',' or ']' after an element of a list, found \(describeNext())") }
        offset += 1
        if peek() == UInt8(ascii: "]") { throw error("a comma before ']' is not allowed in JSON; remove it") }
        return true
    }

    /// Where the string whose text starts at `start` ends (its closing quote), when its text
    /// is printable ASCII without escapes, as almost every id, name and title is; nil when it
    /// is not, or is not closed: ``string()`` reads such a string byte by byte and says what
    /// is wrong with it. Eight bytes a step.
    @inline(__always)
    private func plainASCIIEnd(from start: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        var index = start
        while index + 8 <= bytes.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22), backslash = word ^ (ones &* 0x5C)
            // A byte that is 0 after the xor is a quote or backslash; below 0x20 a control
            // character; with its high bit set, not ASCII. The lowest flagged byte is exact.
            let flagged = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word | word) & highs
            if flagged != 0 {
                let at = index + flagged.trailingZeroBitCount / 8
                return bytes[at] == UInt8(ascii: "\"") ? at : nil
            }
            index += 8
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") { return index }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { return nil }
            index += 1
        }
        return nil
    }

    /// Skips a string value, checked as ``string()`` checks it, without making it.
    mutating func skipString() throws(DiagnosticError) {
        guard peek() == UInt8(ascii: "\""), let end = plainASCIIEnd(from: offset + 1) else {
            _ = try string()
            return
        }
        offset = end + 1
    }

    /// A string value, escapes decoded.
    mutating func string() throws(DiagnosticError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw error("expected a string in double quotes, found \(describeNext())") }
        offset += 1
        let start = offset
        if let end = plainASCIIEnd(from: start) {
            offset = end + 1
            let text = UnsafeBufferPointer(rebasing: bytes[start..<end])
            return text.count > RepeatedStrings.longest ? repeated.string(text) : String(decoding: text, as: UTF8.self)
        }
        var ascii = true
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeBufferPointer(rebasing: bytes[start..<offset])
                offset += 1
                let decoded = String(decoding: text, as: UTF8.self)
                // Valid UTF-8 decodes to the same bytes; anything else was repaired. (Checked so
                // rather than by `String(validating:as:)`, which is generic code at each call.)
                guard ascii || decoded.utf8.elementsEqual(text) else {
                    offset = start + (TextDecoding.firstInvalidUTF8(Array(text)) ?? 0)
                    throw error("the text is not valid UTF-8; save the file as UTF-8")
                }
                return decoded
            }
            if byte == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if byte < 0x20 {
                throw error(byte == 0x0A ? "a string is not closed before the end of the line; add the closing '\"'"
                                         : "a control character must be written as an escape (\\n, \\t, \\u00XX) inside a string")
            }
            if byte >= 0x80 { ascii = false }
            offset += 1
        }
        throw error("a string is not closed before the end of the file; add the closing '\"'")
    }

    /// The rest of a string that has escapes, from its first byte.
    private mutating func escapedString(from start: Int) throws(DiagnosticError) -> String {
        var buffer = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                guard let checked = String(validating: buffer, as: UTF8.self) else {
                    offset = start
                    throw error("the text is not valid UTF-8; save the file as UTF-8")
                }
                return checked
            case UInt8(ascii: "\\"):
                offset += 1
                guard offset < bytes.count else { break }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escape)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    let escapeStart = offset - 2
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard offset + 1 < bytes.count, bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") else {
                            throw error("\\u\(String(scalar, radix: 16, uppercase: true)) is half of a surrogate pair; the other half (\\uDC00 to \\uDFFF) must follow")
                        }
                        offset += 2
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw error("\\u\(String(low, radix: 16, uppercase: true)) cannot follow a high surrogate; expected \\uDC00 to \\uDFFF")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        surrogatePairs.append(escapeStart)
                    } else if (0xDC00..<0xE000).contains(scalar) {
                        throw error("\\u\(String(scalar, radix: 16, uppercase: true)) is the second half of a surrogate pair with no first half")
                    }
                    buffer.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
                default:
                    offset -= 1
                    throw error("'\\\(Self.printable(escape))' is not a JSON escape; write '\\\\' for a backslash")
                }
            default:
                if byte < 0x20 {
                    throw error(byte == 0x0A ? "a string is not closed before the end of the line; add the closing '\"'"
                                             : "a control character must be written as an escape (\\n, \\t, \\u00XX) inside a string")
                }
                buffer.append(byte)
                offset += 1
            }
        }
        throw error("a string is not closed before the end of the file; add the closing '\"'")
    }

    private mutating func hex4() throws(DiagnosticError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard offset < bytes.count else { throw error("\\u needs four hex digits") }
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("\\u needs four hex digits, found '\(Self.printable(byte))'")
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    /// A value that is not a string, object or list: `true`, `false`, `null` or a number, as written.
    enum Literal: Equatable {
        case bool(Bool)
        case null
        case number(String)
    }

    /// `true`, `false`, `null` or a number (checked against JSON's grammar).
    mutating func literal() throws(DiagnosticError) -> Literal {
        _ = peek()
        let words: [(StaticString, Literal)] = [("true", .bool(true)), ("false", .bool(false)), ("null", .null)]
        for (word, value) in words where matches(word) {
            offset += word.utf8CodeUnitCount
            return value
        }
        let start = offset
        func digits() -> Int {
            let from = offset
            while offset < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[offset]) { offset += 1 }
            return offset - from
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "-") { offset += 1 }
        let integer = digits()
        guard integer > 0 else {
            offset = start
            throw error("expected a value (a string in double quotes, a number, true, false, null, { } or [ ]), found \(describeNext())")
        }
        if integer > 1, bytes[offset - integer] == UInt8(ascii: "0") {
            offset -= integer
            throw error("a number cannot start with 0 in JSON")
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: ".") {
            offset += 1
            guard digits() > 0 else { throw error("expected digits after the decimal point") }
        }
        if offset < bytes.count, bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E") {
            offset += 1
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-") { offset += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        return .number(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self))
    }

    private func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard offset + count <= bytes.count else { return false }
        let pointer = word.utf8Start
        for index in 0..<count where bytes[offset + index] != pointer[index] { return false }
        // `trueish` is not `true`.
        if offset + count < bytes.count {
            let next = bytes[offset + count]
            if (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(next) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(next) { return false }
        }
        return true
    }

    /// Skips one value of any kind, nested up to `depth` levels.
    mutating func skipValue(depth: Int = 64) throws(DiagnosticError) {
        switch peek() {
        case UInt8(ascii: "\"")?:
            try skipString()
        case UInt8(ascii: "{")?:
            guard depth > 0 else { throw error("values are nested too deeply") }
            offset += 1
            var first = true
            while try nextKey(first: &first) != nil { try skipValue(depth: depth - 1) }
        case UInt8(ascii: "[")?:
            guard depth > 0 else { throw error("values are nested too deeply") }
            offset += 1
            var first = true
            while try nextElement(first: &first) { try skipValue(depth: depth - 1) }
        default:
            _ = try literal()
        }
    }

    /// Checks that `text` is one JSON document, strictly; returns it with each surrogate pair
    /// escape written as its character, which YAML readers do not all decode.
    static func checked(_ text: String, file: String, depth: Int) throws(DiagnosticError) -> String {
        var text = text
        let scanned = text.withUTF8 { bytes in
            Result { () throws(DiagnosticError) -> [Int] in
                var scanner = JSONScanner(bytes: bytes, file: file)
                if scanner.peek() == nil { return [] }
                try scanner.skipValue(depth: depth)
                try scanner.end()
                return scanner.surrogatePairs
            }
        }
        let pairs = try scanned.get()
        guard !pairs.isEmpty else { return text }
        var bytes = Array(text.utf8)
        func hex(_ range: Range<Int>) -> UInt32 { UInt32(String(decoding: bytes[range], as: UTF8.self), radix: 16) ?? 0 }
        for start in pairs.reversed() {
            let high = hex(start + 2..<start + 6), low = hex(start + 8..<start + 12)
            guard let scalar = Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)) else { continue }
            bytes.replaceSubrange(start..<start + 12, with: Array(String(scalar).utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Checks that nothing but space follows the document.
    mutating func end() throws(DiagnosticError) {
        if peek() != nil { throw error("unexpected \(describeNext()) after the end of the JSON document") }
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// Whether two byte ranges hold the same bytes (compared as memory is, not byte by byte
    /// through the generic `elementsEqual`).
    @inline(__always)
    func sameBytes(as other: UnsafeBufferPointer<UInt8>) -> Bool {
        guard count == other.count else { return false }
        guard let base = baseAddress, let otherBase = other.baseAddress else { return count == 0 }
        return memcmp(base, otherBase, count) == 0
    }
}
