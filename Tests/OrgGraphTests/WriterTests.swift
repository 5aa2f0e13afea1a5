import Foundation
import Testing

@testable import OrgGraph

@Suite struct WriterTests {
    @Test func kuaishouRoundTripsThroughTheWriter() throws {
        let timeline = try Timeline(folder: Paths.kuaishou)
        for snapshot in timeline.snapshots {
            let org = try timeline.load(on: snapshot.day).org
            let text = OrgFile.yaml(org)
            let back = try parseOrg(text, file: "written.yaml").org
            #expect(back == org, "\(snapshot.path) changed on the way through:\n\(text)")
        }
    }

    @Test(arguments: [
        "plain", "with: colon", "#hash", "trailing:", "a, b", "[x]", "{y}", "- dash", "null", "~", "",
        "quote \"inside\"", "line\nbreak", "tab\there", " lead", "trail ", "生活服务事业部", "x\", image=\"/etc/hostname",
        "<B>bold</B>", "back\\slash", "'single'", "@at", "%percent", "`tick`", "!bang", "&amp", "*star", "?q", "|pipe", ">gt",
    ])
    func anyTextSurvivesTheWriter(_ text: String) throws {
        let org = Org(units: ["u": Unit(id: "u", name: LocalizedText(["en": text.isEmpty ? "x" : text]), kind: text.isEmpty ? nil : text)])
        let written = OrgFile.yaml(org)
        let back = try parseOrg(written, file: "written.yaml").org
        #expect(back == org, "\(written)")
    }

    /// Text that a YAML 1.1 or 1.2 reader would take, unquoted, for null, a boolean, a number or
    /// a date (or, for `=` and `<<`, refuse).
    static let readAsOtherThanText = [
        "~", "null", "Null", "NULL", "true", "True", "FALSE", "y", "Y", "n", "N", "yes", "Yes", "NO", "on", "On", "off", "OFF",
        "00123", "0", "+12", "089", "1_000", "0x1F", "0x_1f", "0o17", "0b101", "12:30", "190:20:30.15", "1e3", "1.", ".5", "-.5",
        "1._5", "1.2.3", "6.0e+2", ".inf", "+.inf", "-.Inf", ".nan", "-.nan", ".NaN", "2025-01-01", "2025-1-1 10:00:00",
        "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5", "2025-01-01T00:00:00Z", "=", "<<",
    ]

    /// Text that every YAML reader takes, unquoted, for the same text.
    static let ordinaryText = [
        "liu-xiao", "Liu Xiao", "e1", "u.finance", "post.7", "company", "Yesterday", "no-one", "onboarding", "Nancy", "0:30", "09:00",
        "2025-11", "2025-W40", "1st", "12th", "v1.0", "0xZZ", "1e", "._", ".", "...", "Infinity", "NaN", "nil", "None", "+", "<", "<<<", "==",
    ]

    /// The kinds of element whose ids are unique together.
    enum Element: CaseIterable { case unit, post, person }

    /// An org in which every name, kind, title, alias, note, source field and attribute (name
    /// and value) is one of the texts, and so is every id of sources and of `withTextIDs`
    /// elements (those being unique across units, posts and people). Plain ids stand in for text
    /// an id cannot be: with a space, or for a source, a colon.
    static func org(of texts: [String], withTextIDs element: Element) -> Org {
        var org = Org(title: texts[0])
        func id(_ index: Int, _ kind: Element) -> String { kind != element || texts[index].contains(" ") ? "\(kind)-\(index)" : texts[index] }
        let attributes = Attributes(uniqueKeysWithValues: texts.enumerated().map { ($1, texts[($0 + 1) % texts.count]) })
        for (index, text) in texts.enumerated() {
            let source = SourceID(text.contains(":") || text.contains(" ") ? "source-\(index)" : text)
            org.sources[source] = Source(id: source, title: text, publisher: text, published: text, url: text, file: text)
            let provenance = Provenance(source: SourceReference(source: source, locator: text), note: text)
            let unit = UnitID(id(index, .unit))
            org.units[unit] = Unit(id: unit, name: LocalizedText(["en": text, "no": text]), kind: text,
                                   parent: index == 0 ? nil : UnitID(id(0, .unit)), provenance: provenance, attributes: attributes)
            let post = PostID(id(index, .post))
            let person = PersonID(id(index, .person))
            let top = PostID(id(0, .post))
            org.posts[post] = Post(id: post, title: LocalizedText(["en": text]), unit: unit, isHead: true,
                                   reportsTo: index == 0 ? nil : ReportingLine(to: top, provenance: provenance),
                                   dotted: index == 0 ? [] : [ReportingLine(to: top)], holders: [person],
                                   provenance: provenance, attributes: attributes)
            org.people[person] = Person(id: person, name: LocalizedText(["en": text]), aliases: [text, "alias"], primaryPost: post,
                                        provenance: provenance, attributes: attributes)
        }
        return org
    }

    @Test func textThatYAMLReadsAsAnotherTypeIsQuotedAndReadsBack() throws {
        for text in Self.readAsOtherThanText {
            #expect(YAMLTree.quoted(text) == "\"\(text)\"")
        }
        for texts in [Self.readAsOtherThanText, Self.ordinaryText] {
            for element in Element.allCases {
                let org = Self.org(of: texts, withTextIDs: element)
                let written = OrgFile.yaml(org)
                #expect(try parseOrg(written, file: "written.yaml").org == org, "\(element) ids:\n\(written)")
            }
        }
    }

    @Test(arguments: ordinaryText)
    func ordinaryTextStaysUnquoted(_ text: String) {
        #expect(YAMLTree.quoted(text) == text)
    }

    @Test func daysAndSimilaritiesStayYAMLDatesAndNumbers() throws {
        let org = Org(asOf: Day("2025-09-30"), units: ["u": Unit(id: "u", name: LocalizedText(["en": "U"]))])
        #expect(OrgFile.yaml(org).hasPrefix("asOf: 2025-09-30\n"))
        var changeset = try ChangesetFile.read(contentsOf: Paths.kuaishou + "/changes/2025-09-30.yaml")
        changeset.changes[0].similarity = 0.875
        let lines = ChangesetFile.yaml(changeset).split(separator: "\n")
        #expect(lines.prefix(4) == ["title: Kuaishou reorganization of 2025-09-30", "effective: 2025-09-30", "announced: 2025-09-30", "previous: 2023-11-01"])
        #expect(lines.contains("    similarity: 0.88"))
    }
}
