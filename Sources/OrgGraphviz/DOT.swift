import Foundation
import OrgGraph

/// A value of a DOT attribute. User text only ever enters as `.text` or inside an ``HTMLLabel``,
/// both escaped when encoded; nothing a user writes can add attributes or statements.
public enum DOTValue: Hashable, Sendable {
    /// Any text, written as an escaped quoted string.
    case text(String)
    /// An HTML-like label, whose text parts were escaped when it was built.
    case html(HTMLLabel)
    case number(Double)
    /// A keyword or list of keywords chosen by the program (`box`, `rounded,dashed`, `#1f77b4`).
    case keyword(String)
}

public struct DOTAttribute: Hashable, Sendable {
    public var name: String
    public var value: DOTValue

    public init(_ name: String, _ value: DOTValue) {
        self.name = name
        self.value = value
    }
}

/// A statement of a graph body.
public indirect enum DOTStatement: Hashable, Sendable {
    case node(id: String, [DOTAttribute])
    case edge(from: String, to: String, [DOTAttribute])
    /// A subgraph; a name starting with `cluster` draws a box around it.
    case subgraph(id: String, [DOTAttribute], [DOTStatement])
}

/// A directed graph to hand to Graphviz, built as a value and encoded to DOT text.
public struct DOTGraph: Hashable, Sendable {
    public var attributes: [DOTAttribute] = []
    public var nodeDefaults: [DOTAttribute] = []
    public var edgeDefaults: [DOTAttribute] = []
    public var statements: [DOTStatement] = []

    public init() {}
}

/// Writes ``DOTGraph`` values as DOT text: deterministic, escaped for each context, and never
/// with an attribute that makes Graphviz read or link a file.
public enum DOTEncoder {
    /// Attributes that load files or carry links; the encoder leaves them out whatever the graph
    /// says. (A `tooltip` is text, quoted as a label is, which SVG shows on hover.)
    public static let forbiddenAttributes: Set<String> = ["image", "shapefile", "imagepath", "fontpath", "imagescale",
                                                          "URL", "href", "labelURL", "headURL", "tailURL", "edgeURL",
                                                          "labelhref", "headhref", "tailhref", "edgehref", "stylesheet",
                                                          "target", "id", "class"]

    public static func encode(_ graph: DOTGraph) -> String {
        var out = "digraph G {\n"
        writeDefaults("graph", graph.attributes, into: &out, indent: "  ")
        writeDefaults("node", graph.nodeDefaults, into: &out, indent: "  ")
        writeDefaults("edge", graph.edgeDefaults, into: &out, indent: "  ")
        let statements = graph.statements
        if statements.count < 8192 {
            write(statements[...], into: &out, indent: "  ")
        } else {
            // A big graph is written in pieces side by side, joined in order.
            let pieces = 8, size = (statements.count + pieces - 1) / pieces
            let parts = Slots<String>(count: pieces)
            DispatchQueue.concurrentPerform(iterations: pieces) { piece in
                var part = ""
                write(statements[min(statements.count, piece * size)..<min(statements.count, (piece + 1) * size)], into: &part, indent: "  ")
                parts.set(piece, .success(part))
            }
            for piece in 0..<pieces { out += try! parts.get(piece) }
        }
        out += "}\n"
        return out
    }

    private static func writeDefaults(_ keyword: String, _ attributes: [DOTAttribute], into out: inout String, indent: String) {
        let list = attributeList(attributes)
        if !list.isEmpty { out += "\(indent)\(keyword)\(list);\n" }
    }

    private static func write(_ statements: ArraySlice<DOTStatement>, into out: inout String, indent: String) {
        for statement in statements {
            switch statement {
            case .node(let id, let attributes):
                out += "\(indent)\(safeID(id))\(attributeList(attributes));\n"
            case .edge(let from, let to, let attributes):
                out += "\(indent)\(safeID(from)) -> \(safeID(to))\(attributeList(attributes));\n"
            case .subgraph(let id, let attributes, let inner):
                out += "\(indent)subgraph \(safeID(id)) {\n"
                for attribute in attributes where !forbiddenAttributes.contains(attribute.name) {
                    out += "\(indent)  \(safeID(attribute.name))=\(encode(attribute.value));\n"
                }
                write(inner[...], into: &out, indent: indent + "  ")
                out += "\(indent)}\n"
            }
        }
    }

    private static func attributeList(_ attributes: [DOTAttribute]) -> String {
        let parts = attributes.filter { !forbiddenAttributes.contains($0.name) }.map { "\(safeID($0.name))=\(encode($0.value))" }
        return parts.isEmpty ? "" : " [" + parts.joined(separator: ", ") + "]"
    }

    /// Ids and attribute names are the program's; anything else is replaced so it cannot escape.
    static func safeID(_ id: String) -> String {
        func isWordByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
        let ok = id.utf8.allSatisfy(isWordByte) && !(id.utf8.first.map { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) } ?? true)
        return ok ? id : quoted(id)
    }

    static func encode(_ value: DOTValue) -> String {
        switch value {
        case .text(let text): return quoted(text)
        case .html(let label): return "<" + label.markup + ">"
        case .number(let number): return number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(format: "%.2f", number)
        case .keyword(let keyword): return quoted(keyword)
        }
    }

    /// A DOT quoted string showing `text` literally: backslashes doubled first (so `\N`, `\G`
    /// and a trailing `\` do nothing), quotes escaped, `&` as `&amp;` (Graphviz decodes
    /// entities), line breaks (LF, CRLF or CR) as `\n`; other control characters and noncharacters are shown as
    /// their codes, as text output shows them (``TerminalText``).
    public static func quoted(_ text: String) -> String {
        // Text with nothing to escape or show as a code (no C0 or C1 control, DEL, backslash,
        // quote or ampersand, no noncharacter or bidirectional control; C1 controls start with
        // byte C2, the others with E2 or EF) goes in as it is.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x5C || $0 == 0x22 || $0 == 0x26 || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) {
            return "\"" + text + "\""
        }
        var out = "\""
        for scalar in TerminalText.safe(lineBreaks(text), keepingTabs: false).unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "&": out += "&amp;"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// `text` with each CRLF and lone CR as a line feed: a card breaks the line there, as the
/// spreadsheet or form the text came from did.
func lineBreaks(_ text: String) -> String {
    guard text.utf8.contains(0x0D) else { return text }
    return text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
}

/// An HTML-like label built from escaped text: the only way user text enters one.
public struct HTMLLabel: Hashable, Sendable {
    public internal(set) var markup: String

    init(markup: String) {
        self.markup = markup
    }

    /// Text made safe for an HTML-like label: `& < > " '` and `]` as entities (`]]` would end
    /// the label's markup early), line breaks (LF, CRLF or CR) as `<BR/>`, backslashes doubled;
    /// other control characters and noncharacters (which the label's XML parser refuses) shown
    /// as their codes, as text output shows them (``TerminalText``).
    ///
    /// Graphviz reads a label's text for `\N`, `\G` and the like even inside HTML-like labels,
    /// and collapses `\\` to one backslash: doubled, a backslash is drawn as itself. Left single,
    /// `a\Nb` would be drawn with the node's id in it, and Graphviz 2.42 (Debian 12) reads and
    /// writes past the end of a text that ends in one backslash (a heap overflow).
    public static func escape(_ text: String) -> String {
        // Most names have nothing to replace (see `DOTEncoder.quoted`).
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 || $0 == 0x5D || $0 == 0x5C || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) {
            return text
        }
        var out = ""
        for scalar in TerminalText.safe(lineBreaks(text), keepingTabs: false).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "]": out += "&#93;"
            case "\\": out += "\\\\"
            case "\n": out += "<BR/>"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A table of rows, each a cell of styled text.
    public static func table(_ rows: [HTMLRow], border: Int = 0, cellPadding: Int = 2) -> HTMLLabel {
        var markup = "<TABLE BORDER=\"\(border)\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"\(cellPadding)\">"
        for row in rows {
            // An empty cell, or an empty bold one, is not valid label markup: a space stands in.
            var text = row.text.isEmpty ? " " : escape(row.text)
            if row.bold { text = "<B>\(text)</B>" }
            if row.italic { text = "<I>\(text)</I>" }
            var font = ""
            if let size = row.pointSize { font += " POINT-SIZE=\"\(size)\"" }
            if let color = row.color, color.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "#") }) {
                font += " COLOR=\"\(color)\""
            }
            if !font.isEmpty { text = "<FONT\(font)>\(text)</FONT>" }
            markup += "<TR><TD>\(text)</TD></TR>"
        }
        markup += "</TABLE>"
        return HTMLLabel(markup: markup)
    }
}

/// One line of a card.
public struct HTMLRow: Hashable, Sendable {
    public var text: String
    public var bold = false
    public var italic = false
    public var pointSize: Int?
    public var color: String?

    public init(_ text: String, bold: Bool = false, italic: Bool = false, pointSize: Int? = nil, color: String? = nil) {
        self.text = text
        self.bold = bold
        self.italic = italic
        self.pointSize = pointSize
        self.color = color
    }
}
