import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import OrgGraph
import Testing

@testable import OrgGraphviz

enum Paths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let kuaishou = repository.appendingPathComponent("Graphs/kuaishou").path
}

func kuaishou(_ day: String? = nil) throws -> Org {
    try OrgReference(path: Paths.kuaishou, day: day.flatMap(Day.init)).load().org
}

func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = Paths.fixtures.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(name); review it and run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "output differs from \(name)", sourceLocation: sourceLocation)
}

/// Whether text parses as XML, and the text of every `<text>` element in it.
func svgTexts(_ svg: String) -> (wellFormed: Bool, texts: [String]) {
    final class Collector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var inText = false
        var current = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == "text" { inText = true; current = "" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text" { texts.append(current); inText = false }
        }
    }
    let parser = XMLParser(data: Data(svg.utf8))
    let collector = Collector()
    parser.delegate = collector
    let ok = parser.parse()
    return (ok, collector.texts)
}

/// A generated org of `people` people in one unit, shaped by `managerOf`.
func generatedOrg(people count: Int, managerOf: (Int) -> Int?) -> Org {
    var org = Org(title: "Generated")
    org.units["co"] = Unit(id: "co", name: LocalizedText(["en": "Company"]))
    for index in 0..<count {
        let person = PersonID("p\(index)")
        org.people[person] = Person(id: person, name: LocalizedText(["en": "Person \(index)"]))
        let post = PostID("post\(index)")
        org.posts[post] = Post(id: post, title: LocalizedText(["en": "Engineer"]), unit: "co",
                               reportsTo: managerOf(index).map { ReportingLine(to: PostID("post\($0)")) }, holders: [person])
    }
    return org
}
