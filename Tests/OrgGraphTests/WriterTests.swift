import Foundation
import Testing

@testable import OrgGraph

@Suite struct WriterTests {
    /// Every field an element can have, written as the writers wrote it before they shared one
    /// description of the fields: the YAML of the values, and the JSON of the values and of the
    /// core's rows (empty names, an untitled post, staff heads, lines with and without
    /// provenance, attributes with keys to escape, aliases, status, a declared primary post).
    @Test func everyFieldIsWrittenAsBefore() throws {
        let folder = Paths.fixtures.appendingPathComponent("writer")
        let read = try OrgFile.read(contentsOf: folder.appendingPathComponent("every-field.yaml").path)
        let json = try String(contentsOf: folder.appendingPathComponent("every-field.json"), encoding: .utf8)
        let yaml = try String(contentsOf: folder.appendingPathComponent("every-field.written.yaml"), encoding: .utf8)
        #expect(OrgFile.json(read.core) == json)
        #expect(OrgFile.json(read.org) == json)
        #expect(OrgFile.yaml(read.org) == yaml)
    }

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

    /// The Python of the virtual environment `scripts/yaml-check-venv.sh` makes, with PyYAML.
    static let pyyaml = Paths.repository.appendingPathComponent(".venv-pyyaml/bin/python").path

    /// Loads a YAML file with `yaml.safe_load` and prints it as JSON; fails on a key that is not
    /// text and on a value JSON cannot hold (a date).
    static let loadWithPyYAML = """
        import json, sys, yaml
        def check_keys(node, path):
            if isinstance(node, dict):
                for key, value in node.items():
                    if not isinstance(key, str):
                        sys.exit(f"{path}: key {key!r} read as {type(key).__name__}")
                    check_keys(value, f"{path}/{key}")
            elif isinstance(node, list):
                for index, value in enumerate(node):
                    check_keys(value, f"{path}/{index}")
        def not_json(value):
            sys.exit(f"a value read as {type(value).__name__}: {value!r}")
        with open(sys.argv[1], encoding="utf-8") as file:
            document = yaml.safe_load(file)
        check_keys(document, "")
        json.dump(document, sys.stdout, ensure_ascii=False, default=not_json)
        """

    /// Every value of a JSON document with its path, keys sorted: `/units/0/id = 'x'`, or
    /// `(not text)` for a number or boolean.
    static func leaves(_ value: Any, _ path: String = "") -> [String] {
        switch value {
        case let object as [String: Any]: object.keys.sorted().flatMap { leaves(object[$0]!, path + "/" + $0) }
        case let array as [Any]: array.enumerated().flatMap { leaves($1, path + "/\($0)") }
        case let text as String: ["\(path) = '\(text)'"]
        default: ["\(path) = \(value) (not text)"]
        }
    }

    @Test func pyyamlReadsTheWrittenTextAsTheSameText() throws {
        guard FileManager.default.isExecutableFile(atPath: Self.pyyaml) else {
            Issue.record("no PyYAML at '\(Self.pyyaml)' to check the writer with; run 'bash scripts/yaml-check-venv.sh' (scripts/test.sh does)")
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pyyaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for (texts, element) in [Self.readAsOtherThanText, Self.ordinaryText].flatMap({ texts in Element.allCases.map { (texts, $0) } }) {
            let org = Self.org(of: texts, withTextIDs: element)
            let file = folder.appendingPathComponent("\(element).yaml")
            try OrgFile.yaml(org).write(to: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.pyyaml)
            process.arguments = ["-c", Self.loadWithPyYAML, file.path]
            let out = Pipe()
            let err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let printed = out.fileHandleForReading.readDataToEndOfFile()
            let problem = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            try #require(process.terminationStatus == 0, "PyYAML cannot read the file with \(element) ids from '\(texts[0])' as text: \(problem)")
            let read = Self.leaves(try JSONSerialization.jsonObject(with: printed))
            // head: true is the one value written as other than text.
            let expected = Self.leaves(try JSONSerialization.jsonObject(with: Data(OrgFile.tree(org).json.rendered().utf8)))
            #expect(expected.contains("/title = '\(texts[0])'") && expected.contains("/posts/0/head = 1 (not text)"))
            #expect(read == expected, "read differently: \(Set(read).subtracting(expected).sorted().prefix(10))")
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
        #expect(lines.prefix(4) == ["title: Kuaishou reorganization of 2025-09-30", "effective: 2025-09-30", "announced: 2025-09-30", "previous: 2023-11"])
        #expect(lines.contains("    similarity: 0.88"))
    }
}
