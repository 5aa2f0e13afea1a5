import Foundation

/// A size of paper, in points (1/72 inch).
public struct PaperSize: Sendable, Equatable, CustomStringConvertible {
    public var width: Double
    public var height: Double
    public var name: String

    public init(width: Double, height: Double, name: String) {
        self.width = width
        self.height = height
        self.name = name
    }

    public static let a4 = PaperSize(width: 841.89, height: 595.28, name: "a4")
    public static let a3 = PaperSize(width: 1190.55, height: 841.89, name: "a3")
    public static let letter = PaperSize(width: 792, height: 612, name: "letter")
    public static let legal = PaperSize(width: 1008, height: 612, name: "legal")
    public static let tabloid = PaperSize(width: 1224, height: 792, name: "tabloid")

    public var description: String { name }

    /// Reads `a4`, `a3`, `letter`, `legal` or `tabloid` (landscape, as org charts are wider than
    /// high), with `-portrait` to stand them up, or a size `WxH` in `mm`, `cm`, `in` or `pt`
    /// (`297x210mm`, `11x17in`): nil for anything else.
    public init?(parsing text: String) {
        var name = text.lowercased().trimmingCharacters(in: .whitespaces)
        var portrait = false
        if name.hasSuffix("-portrait") {
            portrait = true
            name.removeLast("-portrait".count)
        } else if name.hasSuffix("-landscape") {
            name.removeLast("-landscape".count)
        }
        if let named = [Self.a4, .a3, .letter, .legal, .tabloid].first(where: { $0.name == name }) {
            self = portrait ? PaperSize(width: named.height, height: named.width, name: text) : named
            return
        }
        guard !portrait else { return nil }
        let units: [(String, Double)] = [("mm", 72 / 25.4), ("cm", 72 / 2.54), ("in", 72), ("pt", 1)]
        guard let (unit, factor) = units.first(where: { name.hasSuffix($0.0) }) else { return nil }
        let numbers = name.dropLast(unit.count).split(separator: "x", omittingEmptySubsequences: false).map { Double($0) }
        guard numbers.count == 2, let width = numbers[0], let height = numbers[1],
            width.isFinite, height.isFinite, width * factor >= 144, height * factor >= 144, width * factor <= 14_400, height * factor <= 14_400
        else { return nil }
        self = PaperSize(width: width * factor, height: height * factor, name: text)
    }
}

/// A failure to put pages together: a PDF of a kind this writer does not read.
struct PDFError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Puts one-page PDFs (as Graphviz's cairo renderer writes them) together into one document:
/// each page scaled down to fit the paper if it must, centred, its top at the top margin, with a
/// bookmark each. The document has no dates in it, so the same pages give the same bytes.
///
/// The pages are read with a small reader of the classic PDF structure (a cross-reference
/// table, objects not in object streams): what cairo 1.16 writes. Their objects are copied
/// with new numbers; their catalogs, page trees and information dictionaries are left out.
struct PDFBook {
    struct Page {
        /// A whole one-page PDF.
        var pdf: [UInt8]
        /// The page's bookmark.
        var bookmark: String
    }

    var paper: PaperSize
    var title: String
    /// Paper left blank on every side, in points.
    var margin = 28.0

    /// How much each page was scaled down to fit (1: not at all), once ``write(_:)`` has run.
    private(set) var scales: [Double] = []

    init(paper: PaperSize, title: String) {
        self.paper = paper
        self.title = title
    }

    mutating func write(_ pages: [Page]) throws(PDFError) -> [UInt8] {
        var out = PDFWriter()
        // Numbers 1 and 2 are the catalog and the page tree; the outline root is 3.
        let catalog = 1, pageTree = 2, outlines = 3
        out.next = 4
        var pageObjects: [Int] = []
        scales = []
        for (number, page) in pages.enumerated() {
            let file = try PDFFile(page.pdf, page: number + 1)
            let (pageNumber, pageDict) = try file.pageObject()
            // Every object but the catalog, the page tree, the information dictionary and the
            // page itself gets a new number, in the order of the old ones.
            var renumber: [Int: Int] = [:]
            let skipped = Set([file.root, file.pagesRoot, pageNumber] + (file.info.map { [$0] } ?? []))
            for old in file.objects.keys.sorted() where !skipped.contains(old) {
                renumber[old] = out.next
                out.next += 1
            }
            let box = try file.mediaBox(pageDict)
            let width = box.2 - box.0, height = box.3 - box.1
            let scale = min(1, (paper.width - 2 * margin) / width, (paper.height - 2 * margin) / height)
            scales.append(scale)
            let left = (paper.width - width * scale) / 2 - box.0 * scale
            let bottom = paper.height - margin - height * scale - box.1 * scale
            for old in file.objects.keys.sorted() where renumber[old] != nil {
                let object = file.objects[old]!
                out.begin(renumber[old]!)
                out.append(file.rewrite(object.body, renumber))
                if let stream = object.stream {
                    out.append("\nstream\n")
                    out.bytes += file.bytes[stream]
                    out.append("\nendstream")
                }
                out.end()
            }
            let prefix = out.stream("q \(Self.number(scale)) 0 0 \(Self.number(scale)) \(Self.number(left)) \(Self.number(bottom)) cm\n")
            let suffix = out.stream("Q\n")
            var contents: [String] = []
            if let value = pageDict["/Contents"] {
                let text = String(decoding: file.rewrite(value, renumber), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                contents = text.hasPrefix("[") ? [String(text.dropFirst().dropLast())] : [text]
            }
            var dict = "<< /Type /Page /Parent \(pageTree) 0 R /MediaBox [0 0 \(Self.number(paper.width)) \(Self.number(paper.height))]"
            dict += " /Contents [\(prefix) 0 R \(contents.joined(separator: " ")) \(suffix) 0 R]"
            for key in ["/Resources", "/Group"] {
                if let value = pageDict[key] { dict += " \(key) " + String(decoding: file.rewrite(value, renumber), as: UTF8.self) }
            }
            let object = out.next
            out.next += 1
            out.begin(object)
            out.append(dict + " >>")
            out.end()
            pageObjects.append(object)
        }
        // One bookmark a page, in order.
        let first = out.next
        for (number, page) in pages.enumerated() {
            let object = first + number
            var dict = "<< /Title \(Self.text(page.bookmark)) /Parent \(outlines) 0 R /Dest [\(pageObjects[number]) 0 R /Fit]"
            if number > 0 { dict += " /Prev \(object - 1) 0 R" }
            if number < pages.count - 1 { dict += " /Next \(object + 1) 0 R" }
            out.begin(object)
            out.append(dict + " >>")
            out.end()
        }
        out.next += pages.count
        out.begin(outlines)
        out.append(pages.isEmpty ? "<< /Type /Outlines /Count 0 >>"
            : "<< /Type /Outlines /First \(first) 0 R /Last \(first + pages.count - 1) 0 R /Count \(pages.count) >>")
        out.end()
        out.begin(pageTree)
        out.append("<< /Type /Pages /Kids [\(pageObjects.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pages.count) >>")
        out.end()
        out.begin(catalog)
        out.append("<< /Type /Catalog /Pages \(pageTree) 0 R /Outlines \(outlines) 0 R /PageMode /UseOutlines >>")
        out.end()
        let info = out.next
        out.next += 1
        out.begin(info)
        out.append("<< /Title \(Self.text(title)) /Producer (OrgGraph) >>")
        out.end()
        return out.finish(root: catalog, info: info)
    }

    /// A number as PDF writes it: at most four decimals, no exponent.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10_000).rounded() / 10_000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.4f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A text string: UTF-16 with its byte-order mark, in hexadecimal.
    static func text(_ value: String) -> String {
        "<FEFF" + value.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }
}

/// Writes a PDF's objects and its cross-reference table.
private struct PDFWriter {
    var bytes: [UInt8] = Array("%PDF-1.5\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
    var offsets: [Int: Int] = [:]
    var next = 1

    mutating func append(_ text: String) { bytes += Array(text.utf8) }
    mutating func append(_ raw: [UInt8]) { bytes += raw }

    mutating func begin(_ number: Int) {
        offsets[number] = bytes.count
        append("\(number) 0 obj\n")
    }

    mutating func end() { append("\nendobj\n") }

    /// A new stream object of text, uncompressed; its number.
    mutating func stream(_ text: String) -> Int {
        let number = next
        next += 1
        begin(number)
        append("<< /Length \(text.utf8.count) >>\nstream\n" + text + "\nendstream")
        end()
        return number
    }

    mutating func finish(root: Int, info: Int) -> [UInt8] {
        let start = bytes.count
        let size = (offsets.keys.max() ?? 0) + 1
        append("xref\n0 \(size)\n0000000000 65535 f \n")
        for number in 1..<size {
            if let offset = offsets[number] {
                append(String(format: "%010d 00000 n \n", offset))
            } else {
                append("0000000000 65535 f \n")
            }
        }
        append("trailer\n<< /Size \(size) /Root \(root) 0 R /Info \(info) 0 R >>\nstartxref\n\(start)\n%%EOF\n")
        return bytes
    }
}

/// A one-page PDF read for its objects: each object's body (the bytes between `obj` and
/// `stream` or `endobj`) and its stream's bytes.
private struct PDFFile {
    struct Object {
        var body: Range<Int>
        var stream: Range<Int>?
    }

    let bytes: [UInt8]
    var objects: [Int: Object] = [:]
    var root = 0
    var info: Int?
    var pagesRoot = 0
    let page: Int

    init(_ bytes: [UInt8], page: Int) throws(PDFError) {
        self.bytes = bytes
        self.page = page
        // The cross-reference table: where `startxref` says.
        guard let marker = Self.lastIndex(of: Array("startxref".utf8), in: bytes) else { throw fail("it has no 'startxref'") }
        var lexer = PDFLexer(bytes: bytes, at: marker + 9)
        guard case .number(let start)? = lexer.next()?.kind, start >= 0, start < bytes.count else { throw fail("its 'startxref' is not a place in it") }
        lexer.position = start
        guard let xref = lexer.next(), xref.kind == .keyword("xref") else {
            throw fail("its cross-references are a stream, which this reader does not read (Graphviz's cairo is newer than 1.16?)")
        }
        var offsets: [Int: Int] = [:]
        // Subsections: first number, count, then 20-byte entries.
        while true {
            let mark = lexer.position
            guard let token = lexer.next() else { throw fail("its cross-reference table ends early") }
            if token.kind == .keyword("trailer") { break }
            guard case .number(let first) = token.kind, case .number(let count)? = lexer.next()?.kind, count >= 0, first >= 0 else {
                lexer.position = mark
                throw fail("its cross-reference table is not understood")
            }
            for number in first..<(first + count) {
                guard case .number(let offset)? = lexer.next()?.kind, case .number? = lexer.next()?.kind, let kind = lexer.next()?.kind else {
                    throw fail("its cross-reference table ends early")
                }
                if kind == .keyword("n") { offsets[number] = offset }
            }
        }
        let trailer = try dictionary(from: &lexer)
        guard let rootRef = trailer["/Root"].flatMap(reference) else { throw fail("its trailer names no catalog") }
        root = rootRef
        info = trailer["/Info"].flatMap(reference)
        for (number, offset) in offsets { objects[number] = try object(number, at: offset, offsets: offsets) }
        guard let catalog = objects[root] else { throw fail("its catalog is missing") }
        var catalogLexer = PDFLexer(bytes: bytes, at: catalog.body.lowerBound)
        guard let pages = try dictionary(from: &catalogLexer)["/Pages"].flatMap(reference), objects[pages] != nil else {
            throw fail("its catalog names no pages")
        }
        pagesRoot = pages
    }

    private func fail(_ why: String) -> PDFError {
        PDFError(message: "page \(page) of the chart, as Graphviz wrote it in PDF, cannot be put in the book: \(why)")
    }

    private static func lastIndex(of needle: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= needle.count else { return nil }
        var index = bytes.count - needle.count
        while index >= 0 {
            if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return index }
            index -= 1
        }
        return nil
    }

    /// An object: `n g obj`, a body, and a stream of the length its dictionary gives.
    private func object(_ number: Int, at offset: Int, offsets: [Int: Int]) throws(PDFError) -> Object {
        var lexer = PDFLexer(bytes: bytes, at: offset)
        guard case .number(number)? = lexer.next()?.kind, case .number? = lexer.next()?.kind, lexer.next()?.kind == .keyword("obj") else {
            throw fail("object \(number) is not where the cross-references say")
        }
        let start = lexer.position
        var depth = 0
        while let token = lexer.next() {
            switch token.kind {
            case .open: depth += 1
            case .close: depth -= 1
            case .keyword("endobj") where depth == 0:
                return Object(body: start..<token.range.lowerBound, stream: nil)
            case .keyword("stream") where depth == 0:
                var dataStart = token.range.upperBound
                if dataStart < bytes.count, bytes[dataStart] == 13 { dataStart += 1 }
                if dataStart < bytes.count, bytes[dataStart] == 10 { dataStart += 1 }
                var dictLexer = PDFLexer(bytes: bytes, at: start)
                let dict = try dictionary(from: &dictLexer)
                guard let lengthText = dict["/Length"] else { throw fail("stream \(number) has no length") }
                var length: Int?
                if let ref = reference(lengthText) {
                    guard let place = offsets[ref] else { throw fail("the length of stream \(number) is missing") }
                    var refLexer = PDFLexer(bytes: bytes, at: place)
                    _ = refLexer.next(); _ = refLexer.next(); _ = refLexer.next()
                    if case .number(let value)? = refLexer.next()?.kind { length = value }
                } else {
                    var valueLexer = PDFLexer(bytes: bytes, at: lengthText.lowerBound)
                    if case .number(let value)? = valueLexer.next()?.kind { length = value }
                }
                guard let length, length >= 0, dataStart + length <= bytes.count else { throw fail("the length of stream \(number) is not understood") }
                return Object(body: start..<token.range.lowerBound, stream: dataStart..<(dataStart + length))
            default: continue
            }
        }
        throw fail("object \(number) does not end")
    }

    /// The dictionary starting at the lexer: each key's value, as a range of bytes.
    func dictionary(from lexer: inout PDFLexer) throws(PDFError) -> [String: Range<Int>] {
        guard let open = lexer.next(), open.kind == .open, bytes[open.range].count == 2 else { throw fail("a dictionary was expected") }
        var result: [String: Range<Int>] = [:]
        var depth = 1
        var key: String?
        var valueStart = 0
        var valueEnd = 0
        while let token = lexer.next() {
            if depth == 1, case .name(let name) = token.kind, key == nil || valueEnd > valueStart {
                if let key { result[key] = valueStart..<valueEnd }
                key = name
                valueStart = token.range.upperBound
                valueEnd = valueStart
                continue
            }
            switch token.kind {
            case .open: depth += 1
            case .close:
                depth -= 1
                if depth == 0 {
                    if let key { result[key] = valueStart..<valueEnd }
                    return result
                }
            default: break
            }
            valueEnd = token.range.upperBound
        }
        throw fail("a dictionary does not end")
    }

    /// `n 0 R` as the number `n`.
    func reference(_ range: Range<Int>) -> Int? {
        var lexer = PDFLexer(bytes: bytes, at: range.lowerBound)
        guard case .number(let number)? = lexer.next()?.kind, case .number? = lexer.next()?.kind, lexer.next()?.kind == .keyword("R") else { return nil }
        return number
    }

    /// The one page: its number and its dictionary.
    func pageObject() throws(PDFError) -> (Int, [String: Range<Int>]) {
        var lexer = PDFLexer(bytes: bytes, at: objects[pagesRoot]!.body.lowerBound)
        let tree = try dictionary(from: &lexer)
        guard let kids = tree["/Kids"] else { throw fail("its page tree has no pages") }
        let refs = references(in: kids)
        guard refs.count == 1, let only = refs.first, let object = objects[only] else { throw fail("it has \(refs.count) pages, not one") }
        var pageLexer = PDFLexer(bytes: bytes, at: object.body.lowerBound)
        return (only, try dictionary(from: &pageLexer))
    }

    func mediaBox(_ page: [String: Range<Int>]) throws(PDFError) -> (Double, Double, Double, Double) {
        guard let range = page["/MediaBox"] else { throw fail("its page has no size") }
        var lexer = PDFLexer(bytes: bytes, at: range.lowerBound)
        var numbers: [Double] = []
        while lexer.position < range.upperBound, let token = lexer.next() {
            if case .number = token.kind, let value = Double(String(decoding: bytes[token.range], as: UTF8.self)) { numbers.append(value) }
            if case .real(let value) = token.kind { numbers.append(value) }
        }
        guard numbers.count == 4, numbers[2] > numbers[0], numbers[3] > numbers[1] else { throw fail("its page size is not understood") }
        return (numbers[0], numbers[1], numbers[2], numbers[3])
    }

    private func references(in range: Range<Int>) -> [Int] {
        var lexer = PDFLexer(bytes: bytes, at: range.lowerBound)
        var tokens: [PDFLexer.Token] = []
        while lexer.position < range.upperBound, let token = lexer.next() { tokens.append(token) }
        var result: [Int] = []
        for index in tokens.indices.dropFirst(2) where tokens[index].kind == .keyword("R") {
            if case .number(let number) = tokens[index - 2].kind, case .number = tokens[index - 1].kind { result.append(number) }
        }
        return result
    }

    /// The bytes of a range with every reference `n g R` given its new number.
    func rewrite(_ range: Range<Int>, _ renumber: [Int: Int]) -> [UInt8] {
        var lexer = PDFLexer(bytes: bytes, at: range.lowerBound)
        var tokens: [PDFLexer.Token] = []
        while let token = lexer.next(), token.range.lowerBound < range.upperBound { tokens.append(token) }
        var out: [UInt8] = []
        var copied = range.lowerBound
        for index in tokens.indices.dropFirst(2) where tokens[index].kind == .keyword("R") {
            guard case .number(let old) = tokens[index - 2].kind, case .number = tokens[index - 1].kind else { continue }
            let first = tokens[index - 2].range.lowerBound
            out += bytes[copied..<first]
            out += Array("\(renumber[old] ?? 0) 0 R".utf8)
            copied = tokens[index].range.upperBound
        }
        out += bytes[copied..<range.upperBound]
        return out
    }
}

/// The tokens of PDF's syntax, as far as its objects' structure needs them.
private struct PDFLexer {
    enum Kind: Equatable {
        case number(Int), real(Double), name(String), string, keyword(String)
        /// `<<` or `[`.
        case open
        /// `>>` or `]`.
        case close
    }

    struct Token {
        var kind: Kind
        var range: Range<Int>
    }

    let bytes: [UInt8]
    var position: Int

    init(bytes: [UInt8], at position: Int) {
        self.bytes = bytes
        self.position = position
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32 }
    private static func isDelimiter(_ byte: UInt8) -> Bool { "()<>[]{}/%".utf8.contains(byte) }

    mutating func next() -> Token? {
        // Spaces and comments.
        while position < bytes.count {
            if Self.isSpace(bytes[position]) {
                position += 1
            } else if bytes[position] == UInt8(ascii: "%") {
                while position < bytes.count, bytes[position] != 10, bytes[position] != 13 { position += 1 }
            } else {
                break
            }
        }
        guard position < bytes.count else { return nil }
        let start = position
        let byte = bytes[position]
        func token(_ kind: Kind) -> Token { Token(kind: kind, range: start..<position) }
        switch byte {
        case UInt8(ascii: "<"):
            if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "<") {
                position += 2
                return token(.open)
            }
            while position < bytes.count, bytes[position] != UInt8(ascii: ">") { position += 1 }
            position = min(position + 1, bytes.count)
            return token(.string)
        case UInt8(ascii: ">"):
            position = min(position + 2, bytes.count)
            return token(.close)
        case UInt8(ascii: "["):
            position += 1
            return token(.open)
        case UInt8(ascii: "]"):
            position += 1
            return token(.close)
        case UInt8(ascii: "("):
            var depth = 0
            while position < bytes.count {
                let current = bytes[position]
                if current == UInt8(ascii: "\\") {
                    position += 2
                    continue
                }
                if current == UInt8(ascii: "(") { depth += 1 }
                if current == UInt8(ascii: ")") {
                    depth -= 1
                    if depth == 0 {
                        position += 1
                        break
                    }
                }
                position += 1
            }
            position = min(position, bytes.count)
            return token(.string)
        case UInt8(ascii: "/"):
            position += 1
            while position < bytes.count, !Self.isSpace(bytes[position]), !Self.isDelimiter(bytes[position]) { position += 1 }
            return token(.name(String(decoding: bytes[start..<position], as: UTF8.self)))
        default:
            position += 1
            while position < bytes.count, !Self.isSpace(bytes[position]), !Self.isDelimiter(bytes[position]) { position += 1 }
            let text = String(decoding: bytes[start..<position], as: UTF8.self)
            if let integer = Int(text) { return token(.number(integer)) }
            if let real = Double(text), text.first.map({ $0.isNumber || $0 == "-" || $0 == "." || $0 == "+" }) == true { return token(.real(real)) }
            return token(.keyword(text))
        }
    }
}
