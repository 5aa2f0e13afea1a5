import Foundation

/// Turns a file's bytes into text, refusing what is not text with the place where it stops being so.
enum TextDecoding {
    /// Decodes UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark.
    static func decode(_ data: Data, file: String) throws(DiagnosticError) -> String {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let encoding: String.Encoding = bytes[0] == 0xFF ? .utf16LittleEndian : .utf16BigEndian
            guard (bytes.count - 2) % 2 == 0,
                let text = String(data: Data(bytes[2...]), encoding: encoding)
            else {
                throw DiagnosticError(.error(
                    "file starts with a UTF-16 byte-order mark but is not valid UTF-16; save it as UTF-8",
                    at: SourceLocation(file: file, line: 1, column: 1)))
            }
            return try checkNUL(text, file: file)
        }
        let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes[3...]) : bytes
        if looksLikeUTF16(body) {
            throw DiagnosticError(.error(
                "the file looks like UTF-16 without a byte-order mark; save it as UTF-8",
                at: SourceLocation(file: file, line: 1, column: 1)))
        }
        if let offset = firstInvalidUTF8(body) {
            let location = location(ofByte: offset, in: body, file: file)
            throw DiagnosticError(.error(
                "invalid UTF-8 byte 0x\(String(body[offset], radix: 16, uppercase: true)); save the file as UTF-8",
                at: location))
        }
        return try checkNUL(String(decoding: body, as: UTF8.self), file: file)
    }

    private static func checkNUL(_ text: String, file: String) throws(DiagnosticError) -> String {
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if scalar == "\0" {
                throw DiagnosticError(.error(
                    "file contains a NUL character; org files are plain text",
                    at: SourceLocation(file: file, line: line, column: column)))
            }
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return text
    }

    private static func looksLikeUTF16(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(200)
        guard sample.count >= 4 else { return false }
        let zeros = sample.filter { $0 == 0 }.count
        return zeros * 3 >= sample.count
    }

    /// The offset of the first byte that breaks UTF-8, or nil when all of it is valid.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var minimum: UInt32
            var value: UInt32
            switch b {
            case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(b & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(b & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(b & 0x07)
            default: return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = bytes[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                value = value << 6 | UInt32(c & 0x3F)
            }
            if value < minimum || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { return i }
            i += length
        }
        return nil
    }

    /// Line and column (in characters of the valid text before it) of a byte offset.
    static func location(ofByte offset: Int, in bytes: [UInt8], file: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
            line += 1
            lineStart = index + 1
        }
        let prefix = String(decoding: bytes[lineStart..<offset], as: UTF8.self)
        return SourceLocation(file: file, line: line, column: prefix.unicodeScalars.count + 1)
    }
}
