import Foundation
import FuzzSupport
import OrgGraph

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Any sequence of Unicode scalars as every text of a small org (title, names, kind, note,
/// attribute, alias, and inside ids): written as YAML, as JSON, as a changeset, as CSV and as
/// GraphML, each reads back equal, less only what the export says it left out.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let text = scalars(UnsafeBufferPointer(start: bytes, count: count))
    let id = String(String.UnicodeScalarView(text.unicodeScalars.filter { !$0.properties.isWhitespace && $0.properties.generalCategory != .control }))
    let org = sample(text, ids: id)
    func fail(_ what: String) -> Never {
        fatalError("\(what) did not give back \(text.debugDescription)")
    }
    guard (try? OrgFile.parse(OrgFile.yaml(org), file: "x.yaml").org) == org else { fail("YAML") }
    guard (try? OrgFile.parse(OrgFile.json(org), file: "x.json").org) == org else { fail("JSON") }
    var renamed = org
    renamed.title = nil
    let plain = sample("plain", ids: id)
    var unnamed = plain
    unnamed.title = nil
    guard let changes = try? ChangesetFile.parse(ChangesetFile.yaml(renamed.difference(from: unnamed)), file: "c.yaml"),
        (try? unnamed.applying(changes)) == renamed
    else { fail("a changeset") }

    let (csv, losses) = org.export(as: .csv)
    let kept = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0 != "\0" }))
    guard losses.isEmpty == (kept == text) else { fail("CSV's list of losses") }
    if !kept.isEmpty {
        guard let back = try? HRImport(file: "x.csv").run(CSVReader(file: "x.csv").parse(csv)).org,
            let person = back.people[PersonID("p-" + id)], person.name.display(.en) == kept, person.aliases == [kept],
            back.posts[PostID("post-" + id)]?.title.display(.en) == kept
        else { fail("CSV") }
    }

    let (graphml, xmlLosses) = org.export(as: .graphml)
    let xmlKept = String(String.UnicodeScalarView(text.unicodeScalars.filter(holdsInXML)))
    guard xmlLosses.isEmpty == (xmlKept == text) else { fail("GraphML's list of losses") }
    guard titles(graphml).first == xmlKept else { fail("GraphML") }
    return 0
}

/// The org the harness writes: `text` in each field, ids of `ids` after a prefix.
func sample(_ text: String, ids: String) -> Org {
    var org = Org(title: text)
    let unit = UnitID("u-" + ids)
    let post = PostID("post-" + ids)
    let person = PersonID("p-" + ids)
    org.units[unit] = Unit(id: unit, name: LocalizedText(["zh": text, "en": text]), kind: text, provenance: Provenance(note: text), attributes: ["k": text])
    org.people[person] = Person(id: person, name: LocalizedText(["en": text]), aliases: [text], attributes: ["email": text])
    org.posts[post] = Post(id: post, title: LocalizedText(["en": text]), unit: unit, isHead: true, holders: [person], attributes: ["k": text])
    return org
}

/// Bytes after a first byte 0xFF as UTF-8 text (the seeds are written so); otherwise each pair
/// of bytes as one scalar of a kind the first byte picks: printable ASCII, C0
/// controls, DEL and C1 controls, characters special to some format, CJK, the rest of the BMP,
/// the other planes (their noncharacters included). Surrogates are skipped; one leading U+FEFF,
/// which every reader drops, is too.
func scalars(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let special: [UInt32] = [0x9, 0xA, 0xD, 0x20, 0x22, 0x23, 0x27, 0x2C, 0x3A, 0x3C, 0x3D, 0x40, 0x5C, 0x5D, 0x60,
                             0x85, 0xA0, 0x2028, 0x2029, 0x202E, 0xFEFF, 0xFFFD, 0xFFFE, 0xFFFF, 0xFDD0, 0x301]
    if bytes.first == 0xFF {
        return String(String.UnicodeScalarView(String(decoding: bytes.dropFirst(), as: UTF8.self).unicodeScalars.drop { $0 == "\u{FEFF}" }.prefix(1000)))
    }
    var out = String.UnicodeScalarView()
    var index = 0
    while index + 1 < bytes.count {
        let (kind, value) = (UInt32(bytes[index]), UInt32(bytes[index + 1]))
        index += 2
        let code: UInt32
        switch kind % 8 {
        case 0, 1: code = 0x20 + value % 95
        case 2: code = value % 32
        case 3: code = 0x7F + value % 33
        case 4: code = special[Int(value) % special.count]
        case 5: code = 0x4E00 + value * 37
        case 6: code = 0xA0 + (kind << 8 | value) % 0xFF00
        default: code = 0x10000 * (1 + value % 16) + (kind < 128 ? 0xFFFE : (kind << 4 | value) % 0xFFFF)
        }
        if let scalar = Unicode.Scalar(code), !(out.isEmpty && scalar == "\u{FEFF}") { out.append(scalar) }
    }
    return String(out)
}

func holdsInXML(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    return v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v) || v >= 0x10000
}

/// The `title` data of each GraphML node, as libxml2 reads them.
func titles(_ graphml: String) -> [String] {
    final class Reader: NSObject, XMLParserDelegate {
        var titles: [String] = []
        var inTitle = false
        func parser(_ p: XMLParser, didStartElement e: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
            inTitle = e == "data" && attributes["key"] == "title"
            if inTitle { titles.append("") }
        }
        func parser(_ p: XMLParser, foundCharacters s: String) { if inTitle { titles[titles.count - 1] += s } }
        func parser(_ p: XMLParser, didEndElement e: String, namespaceURI: String?, qualifiedName: String?) { inTitle = false }
    }
    let parser = XMLParser(data: Data(graphml.utf8))
    let reader = Reader()
    parser.delegate = reader
    return parser.parse() ? reader.titles : []
}

/// SwiftPM links an executable's entry point as `FuzzRoundTrip_main`; hand control to libFuzzer.
@_cdecl("FuzzRoundTrip_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
