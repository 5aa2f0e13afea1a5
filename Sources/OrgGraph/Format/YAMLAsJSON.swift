import Yams

/// A YAML document written out as JSON, with where each value and key was written in the YAML:
/// so that org files in either syntax are read by one reader of the schema, the JSON one,
/// and its diagnostics name the YAML's lines and columns.
///
/// Every scalar becomes a string as written (`00123`, `Yes` and `true` stay text, as the
/// schema reads them), except a plain null (empty, `~`, `null`), which becomes `null`.
struct YAMLAsJSON {
    private(set) var bytes: [UInt8] = []
    /// Byte offsets of the values and keys written, ascending, and their places in the YAML.
    private var offsets: [Int] = []
    private var places: [SourceLocation] = []
    /// Keys that are not scalars, which JSON cannot write; their pairs are left out.
    private(set) var problems: [Diagnostic] = []
    let file: String

    init(_ root: Node, reader: YAMLReader) {
        file = reader.file
        write(root, reader)
    }

    /// Where the YAML wrote the value or key at a byte offset (or the one that holds the offset).
    func location(of offset: Int) -> SourceLocation {
        var low = 0, high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] <= offset { low = middle + 1 } else { high = middle }
        }
        return low > 0 ? places[low - 1] : SourceLocation(file: file, line: 1, column: 1)
    }

    private mutating func mark(_ node: Node, _ reader: YAMLReader) {
        offsets.append(bytes.count)
        places.append(reader.location(node))
    }

    private mutating func write(_ node: Node, _ reader: YAMLReader) {
        mark(node, reader)
        switch node {
        case .scalar(let scalar):
            if reader.isNull(node) { bytes += "null".utf8 } else { writeString(scalar.string) }
        case .mapping(let mapping):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for (key, value) in mapping {
                guard case .scalar(let text) = key else {
                    problems.append(.error("a key must be a plain word, found \(YAMLReader.kindName(key))", at: reader.location(key)))
                    continue
                }
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                mark(key, reader)
                writeString(text.string)
                bytes.append(UInt8(ascii: ":"))
                write(value, reader)
            }
            bytes.append(UInt8(ascii: "}"))
        case .sequence(let sequence):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in sequence.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item, reader)
            }
            bytes.append(UInt8(ascii: "]"))
        case .alias:
            // The reader refuses aliases before a document is written out.
            bytes += "null".utf8
        }
    }

    private mutating func writeString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
            case 0..<0x20: bytes += Array("\\u00\(byte < 0x10 ? "0" : "")\(String(byte, radix: 16))".utf8)
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
