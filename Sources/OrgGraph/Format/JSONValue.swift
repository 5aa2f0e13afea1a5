/// A JSON document with object keys in a fixed order, printed the same way every time.
public enum JSONValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
    /// JSON `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A whole number.
    case int(Int)
    /// A number with a fraction; printed as `null` when not finite.
    case double(Double)
    /// A string, escaped when printed.
    case string(String)
    /// A list of values, in order.
    case array([JSONValue])
    /// Keys in the order given; never sorted by a dictionary's whim.
    case object([(String, JSONValue)])

    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(nilLiteral: ()) { self = .null }

    /// A string, or `null` when `text` is nil.
    public init(_ text: String?) { self = text.map { .string($0) } ?? .null }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case let (.bool(a), .bool(b)): return a == b
        case let (.int(a), .int(b)): return a == b
        case let (.double(a), .double(b)): return a == b
        case let (.string(a), .string(b)): return a == b
        case let (.array(a), .array(b)): return a == b
        case let (.object(a), .object(b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int(let i): hasher.combine(i)
        case .double(let d): hasher.combine(d)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let o):
            for (key, value) in o {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// Pretty-printed with two-space indentation and a final newline.
    public func rendered() -> String {
        var out: [UInt8] = []
        write(into: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the value as it is printed `indent` levels deep (the caller writes the
    /// indentation of its first line).
    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: (d.isFinite ? String(d) : "null").utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            Self.writeContainer(items, object: false, into: &out, indent: indent) { item, out in item.write(into: &out, indent: indent + 1) }
        case .object(let pairs):
            Self.writeContainer(pairs, object: true, into: &out, indent: indent) { pair, out in
                Self.writeKey(pair.0, into: &out)
                pair.1.write(into: &out, indent: indent + 1)
            }
        }
    }

    /// The layout of every object and list written here: `{}` or `[]` when empty, else each
    /// member on a line of its own, `indent + 1` levels deep, with commas between them.
    /// `item` writes a member (an object's with ``writeKey(_:into:)`` first).
    static func writeContainer<Items: Collection>(_ items: Items, object: Bool, into out: inout [UInt8], indent: Int,
                                                  item: (Items.Element, inout [UInt8]) -> Void) {
        if items.isEmpty {
            out.append(contentsOf: (object ? "{}" : "[]").utf8)
            return
        }
        out.append(contentsOf: (object ? "{\n" : "[\n").utf8)
        var first = true
        for element in items {
            writeMember(first: first, into: &out, indent: indent + 1) { item(element, &$0) }
            first = false
        }
        out.append(0x0A)
        pad(&out, indent)
        out.append(object ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// One member of an object or list, `indent` levels deep, on a line of its own after a comma
    /// unless it is the first: the one rule for members, whether their container is written
    /// whole (``writeContainer(_:object:into:indent:item:)``) or streamed in pieces.
    static func writeMember(first: Bool, into out: inout [UInt8], indent: Int, _ member: (inout [UInt8]) -> Void) {
        beginMember(first: first, into: &out, indent: indent)
        member(&out)
    }

    /// An object of string members (a name in each language, say), `indent` levels deep.
    static func writeStringMap<Pairs: Collection<(String, String)>>(_ pairs: Pairs, into out: inout [UInt8], indent: Int) {
        writeContainer(pairs, object: true, into: &out, indent: indent) { pair, out in
            writeKey(pair.0, into: &out)
            writeString(pair.1, into: &out)
        }
    }

    /// The start of ``writeMember(first:into:indent:_:)``'s member, for a writer that writes
    /// the member itself: the comma and line break unless it is the first, then the indent.
    static func beginMember(first: Bool, into out: inout [UInt8], indent: Int) {
        // Byte by byte: appending a literal's `utf8` goes through generic code, and this runs
        // for every member of every element of a big export.
        if !first {
            out.append(UInt8(ascii: ","))
            out.append(0x0A)
        }
        pad(&out, indent)
    }

    /// `"key": `, before an object's member.
    static func writeKey(_ key: String, into out: inout [UInt8]) {
        writeString(key, into: &out)
        out.append(UInt8(ascii: ":"))
        out.append(UInt8(ascii: " "))
    }

    /// Writes `{"key": [items]}` exactly as ``rendered()`` writes it, in pieces of a few hundred
    /// items, made side by side and handed to `sink` in order as each is done; a long list is
    /// never held whole (a few thousand items at most are made ahead of `sink`).
    public static func writeObject(key: String, count: Int, to sink: ([UInt8]) -> Void, item: @escaping @Sendable (Int) -> JSONValue) {
        guard count > 0 else {
            sink(Array(JSONValue.object([(key, .array([]))]).rendered().utf8))
            return
        }
        var head: [UInt8] = Array("{\n  ".utf8)
        writeKey(key, into: &head)
        head.append(contentsOf: "[\n".utf8)
        sink(head)
        // At most a window of pieces is made ahead of what `sink` has taken.
        let (itemsAPiece, piecesAWindow) = (256, 16)
        let pieces = (count + itemsAPiece - 1) / itemsAPiece
        for window in stride(from: 0, to: pieces, by: piecesAWindow) {
            let inWindow = min(piecesAWindow, pieces - window)
            for piece in SideBySide.stream(inWindow, inline: pieces == 1, { offset in
                var out: [UInt8] = []
                let piece = window + offset
                for index in piece * itemsAPiece..<min(count, (piece + 1) * itemsAPiece) {
                    writeMember(first: index == 0, into: &out, indent: 2) { item(index).write(into: &$0, indent: 2) }
                }
                return out
            }) {
                sink(piece)
            }
        }
        sink(Array("\n  ]\n}\n".utf8))
    }

    /// Two spaces a level.
    static func pad(_ out: inout [UInt8], _ indent: Int) {
        let count = 2 * indent
        if count <= spaces.count {
            spaces.withUnsafeBufferPointer { out.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
        } else {
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }
    }
    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    static func writeString(_ s: String, to out: inout String) {
        var bytes: [UInt8] = []
        writeString(s, into: &bytes)
        out.append(String(decoding: bytes, as: UTF8.self))
    }

    /// A JSON string that every JSON and YAML reader reads back as the same text: quotes,
    /// backslashes and every character outside YAML's printable set escaped (C0 and C1 controls,
    /// DEL, U+FFFE, U+FFFF), and also NEL, U+2028 and U+2029 (line breaks to YAML 1.1 and to
    /// JavaScript) and U+FEFF (a byte-order mark to some readers). YAML writes its quoted
    /// scalars with this too, since JSON's escapes are YAML's.
    public static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // Most text has nothing to escape: no quote, backslash or control character, and no
        // byte that starts a C1 control, U+2028/U+2029 (C2, E2) or U+FEFF, U+FFFE, U+FFFF (EF).
        // Such text is copied as its bytes, read in place (not through a copy of the string,
        // whose count of references the threads writing side by side would share).
        let copied = s.utf8.withContiguousStorageIfAvailable { bytes in
            if bytes.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) {
                return false
            }
            out.append(contentsOf: bytes)
            return true
        }
        if copied == true {
            out.append(UInt8(ascii: "\""))
            return
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            default:
                if Self.mustEscape(scalar) {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    out.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    /// Whether a character goes into a quoted string as an escape (see ``writeString(_:into:)``).
    static func mustEscape(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF: true
        default: false
        }
    }
}

extension LocalizedText {
    /// `{"zh": ..., "en": ...}` in the order written.
    public var json: JSONValue {
        .object(values.map { ($0.key, .string($0.value)) })
    }
}
