import Foundation
import Testing

@testable import OrgGraph

/// The JSON table reader against the general reader: same answers, same verdicts.
@Suite struct OrgCoreTests {
    static func write(_ text: String) throws -> String {
        try CSVTests.write(Data(text.utf8), "org.json")
    }

    /// Every question the query commands ask, of every element, answered by both sources.
    static func expectSameAnswers(_ path: String, pairs: Int = 300) throws {
        let general = try OrgFile.read(contentsOf: path).org
        let model = QuerySource(org: general)
        let table = try OrgCore.load(json: path)
        let source = QuerySource(core: table)
        let elements = general.units.keys.map { OrgElement.unit($0) } + general.posts.keys.map { .post($0) } + general.people.keys.map { .person($0) }
        var asked: [(post: PostID, person: PersonID?)] = []
        for element in elements {
            #expect(source.lookup(element.id) == model.lookup(element.id))
            let resolved = source.post(for: element)
            #expect(resolved?.post == model.post(for: element)?.post && resolved?.person == model.post(for: element)?.person, "\(element)")
            guard let (post, person) = resolved else { continue }
            asked.append((post, person))
            let chain = source.chain(from: post, holder: person)
            #expect(chain == model.chain(from: post, holder: person), "chain of \(element)")
            #expect(ChainFormatter(org: source.org(for: chain.map(\.post))).text(chain) == ChainFormatter(org: general).text(chain))
            for dotted in [false, true] {
                let reports = source.reports(of: post, depth: nil, includeDotted: dotted)
                #expect(reports == model.reports(of: post, depth: nil, includeDotted: dotted), "reports of \(element)")
                #expect(QueryFormatter(org: source.org(for: [post] + reports.map(\.post))).reports(of: post, person: person, reports, json: true)
                        == QueryFormatter(org: general).reports(of: post, person: person, reports, json: true))
            }
            #expect(source.reports(of: post, depth: 1, includeDotted: false) == model.reports(of: post, depth: 1, includeDotted: false))
        }
        var rng = SplitMix64(seed: 7)
        for _ in 0..<pairs where asked.count > 1 {
            let a = asked[Int.random(in: 0..<asked.count, using: &rng)], b = asked[Int.random(in: 0..<asked.count, using: &rng)]
            let common = source.common(a, b)
            #expect(common == model.common(a, b), "common of \(a) and \(b)")
            if let common {
                let posts = common.firstChain.map(\.post) + common.secondChain.map(\.post)
                #expect(QueryFormatter(org: source.org(for: posts)).common(common, json: false) == QueryFormatter(org: general).common(common, json: false))
            }
        }
    }

    @Test(arguments: ["2022-11", "2022-12", "2023-11", "2025-09-30"])
    func kuaishouSnapshotsAnswerTheSame(_ day: String) throws {
        let org = try OrgFile.read(contentsOf: "\(Paths.kuaishou)/\(day).yaml").org
        try Self.expectSameAnswers(Self.write(OrgFile.json(org)))
    }

    @Test(arguments: [UInt64(3), 4])
    func generatedOrgsAnswerTheSame(_ seed: UInt64) throws {
        // Vacant and shared posts, dotted lines, implied lines to unit heads.
        var generator = OrgGenerator(seed: seed)
        var org = generator.table(people: 600).generalOrg()
        generator.decorate(&org)
        for post in org.posts.values.filter({ !$0.isHead && $0.id.rawValue.hasSuffix("7") }) {
            org.posts[post.id]?.reportsTo = nil  // implied by the unit's head
        }
        #expect(org.posts.values.contains { $0.isVacant } && org.posts.values.contains { $0.holders.count > 1 })
        try Self.expectSameAnswers(Self.write(OrgFile.json(org)))
        // And in the order a person wrote it, which decides primary posts and report order.
        try Self.expectSameAnswers(Self.write(OrgFile.tree(org).json.rendered()))
    }

    /// JSON org text read as the reader reads a file, its lists partly read ahead on a second
    /// thread or not; with how many elements were read ahead.
    static func read(_ text: String, ahead: Bool) -> (result: Result<OrgCore, DiagnosticError>, readAhead: Int) {
        Array(text.utf8).withUnsafeBufferPointer { bytes in
            var reader = OrgJSONReader(bytes: bytes, file: "org.json", progress: nil)
            reader.readAheadMinimum = ahead ? 0 : nil
            let result = Result { () throws(DiagnosticError) in try reader.read() }
            return (result, reader.elementsReadAhead)
        }
    }

    /// The same org, warnings and errors whether the lists were read partly ahead or not.
    static func expectReadAheadChangesNothing(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let (alone, _) = read(text, ahead: false)
        let (withAhead, readAhead) = read(text, ahead: true)
        switch (alone, withAhead) {
        case (.success(let alone), .success(let withAhead)):
            #expect(OrgFile.json(withAhead) == OrgFile.json(alone), sourceLocation: sourceLocation)
            #expect(withAhead.texts == alone.texts, sourceLocation: sourceLocation)
            #expect(withAhead.warnings == alone.warnings, sourceLocation: sourceLocation)
        case (.failure(let alone), .failure(let withAhead)):
            #expect(withAhead.diagnostics == alone.diagnostics, sourceLocation: sourceLocation)
        case (let alone, let withAhead):
            Issue.record("read alone: \(alone); with a read ahead: \(withAhead)", sourceLocation: sourceLocation)
        }
        return readAhead
    }

    @Test func aBigJSONReadPartlyAheadIsReadAsOne() throws {
        var generator = OrgGenerator(seed: 14)
        var org = generator.table(people: 3_000).generalOrg()
        generator.decorate(&org)
        let json = OrgFile.json(org)
        // Most of the posts and people are read ahead, and give the same org.
        #expect(Self.expectReadAheadChangesNothing(json) > 2_000)
        // In the order a person writes them, with shorthands and heads.
        #expect(Self.expectReadAheadChangesNothing(OrgFile.tree(org).json.rendered()) > 1_000)

        // People whose title comes before their name: their texts are stored in the order read.
        let people = (0..<4_000).map { "{\"id\": \"p\($0)\", \"title\": \"Title \($0)\", \"unit\": \"u\", \"name\": \"Name \($0)\"}" }
        let titledFirst = "{\"units\": [{\"id\": \"u\", \"name\": \"U\"}],\n\"people\": [\n" + people.joined(separator: ",\n") + "\n]}"
        #expect(Self.expectReadAheadChangesNothing(titledFirst) > 2_000)

        // Mistakes where the read ahead reads: the reader reports each as it would alone.
        func late(_ text: String, _ needle: String, _ replacement: String) -> String {
            let found = text.range(of: needle, options: .backwards)!
            return text.replacingCharacters(in: found, with: replacement)
        }
        let lastPerson = json.range(of: "\"id\": \"", options: .backwards)!.upperBound
        let lastID = String(json[lastPerson...].prefix { $0 != "\"" })
        let mistakes = [
            late(json, "\"holders\"", "\"holder\""),  // an unknown key, with its suggestion
            late(json, "\"id\": \"\(lastID)\"", "\"id\": \"post.1\""),  // a duplicate id
            late(json, "\"reportsTo\": \"", "\"reportsTo\": \"nobody-"),  // a line to no post
            late(json, "},\n    {", "}\n    {"),  // not JSON: a comma left out
            late(json, "\"name\"", "\"lang\": \"zh\", \"name\""),  // a key of the file in a person
        ]
        for text in mistakes {
            if case .success = Self.read(text, ahead: true).result { Issue.record("read without an error: \(text.suffix(200))") }
            #expect(Self.expectReadAheadChangesNothing(text) > 1_000)
        }
    }

    @Test func theJSONOfACoreIsTheJSONOfItsValues() throws {
        var generator = OrgGenerator(seed: 6)
        var org = generator.table(people: 300).generalOrg()
        generator.decorate(&org)
        org.sources[SourceID("memo")] = Source(id: SourceID("memo"), title: "A \"memo\"\u{2028}", url: "https://example.org/m")
        let kuaishou = try OrgFile.read(contentsOf: "\(Paths.kuaishou)/2025-09-30.yaml")
        for (name, core) in [("generated", OrgCore(org)), ("kuaishou", kuaishou.core), ("empty", OrgCore(Org()))] {
            #expect(OrgFile.json(core) == OrgFile.json(core.org()), "\(name)")
            #expect(OrgFile.json(core) == OrgFile.tree(core.org()).json.rendered(), "\(name)")
        }
    }

    /// Lists longer than a piece (16,384 elements) are written a piece at a time on every
    /// processor: joined, the pieces are the document written whole, commas between pieces included.
    @Test func aJSONOfManyPiecesIsTheDocumentWrittenWhole() {
        var generator = OrgGenerator(seed: 7)
        var org = generator.table(people: 20_000).generalOrg()
        generator.decorate(&org)
        let core = OrgCore(org)
        let pieces = Array(OrgFile.jsonPieces(core))
        #expect(pieces.count > 5)
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == OrgFile.tree(core.org()).json.rendered())
    }

    @Test func aJSONOrgLoadsAsItsValuesForEveryCommand() throws {
        // Every command opens an org through OrgReference.load; a JSON org is read by the JSON
        // reader into a core, and its values are the core's.
        var generator = OrgGenerator(seed: 5)
        var org = generator.table(people: 400).generalOrg()
        generator.decorate(&org)
        org.asOf = Day("2025-01-01")
        let text = OrgFile.json(org)
        let path = try Self.write(text)
        let loaded = try OrgReference(path: path).load()
        #expect(OrgFile.json(loaded.org) == text)
        #expect(OrgFile.json(try OrgFile.read(contentsOf: path).org) == text)
        // A day before the file's own is refused.
        #expect(throws: DiagnosticError.self) { try OrgReference(path: path, day: Day("1999-01-01")).load() }
        // UTF-16 with its byte-order mark, as Windows tools write JSON, reads as its UTF-8.
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(text.data(using: .utf16LittleEndian)!)
        let wide = try CSVTests.write(utf16, "wide.json")
        #expect(OrgFile.json(try OrgReference(path: wide).load().org) == text)
    }

    @Test func aHandWrittenJSONOrgAnswersTheSame() throws {
        // Escapes, a number as an attribute, lines written as objects, a shared head post.
        let path = Paths.fixtures.appendingPathComponent("json-orgs/small.json").path
        try Self.expectSameAnswers(path)
        let table = try OrgCore.load(json: path)
        #expect(table.texts.contains(LocalizedText(["en": "Thérèse 😀"])))
        #expect(table.asOf == Day("2025-09-30") && table.title == "Small")
    }

    @Test func theGeneralReaderDecodesSurrogatePairsInJSON() throws {
        // Valid JSON that YAML readers do not all take: the character is written as two escapes.
        let text = #"{"units": [{"id": "co", "name": {"en": "Co \ud83d\ude00", "zh": "\u516c\u53f8"}}]}"#
        let org = try parseOrg(text, file: "org.json").org
        #expect(org.units[UnitID("co")]?.name == LocalizedText(["en": "Co 😀", "zh": "公司"]))
        let table = try OrgCore.parse(Data(text.utf8), file: "org.json")
        #expect(table.texts.contains(LocalizedText(["en": "Co 😀", "zh": "公司"])))
    }

    @Test func namesFindPeopleUnitsAndPosts() throws {
        let org = try OrgFile.read(contentsOf: "\(Paths.kuaishou)/2025-09-30.yaml").org
        let source = QuerySource(core: try OrgCore.load(json: Self.write(OrgFile.json(org))))
        #expect(source.lookup("刘逍") == .found(.person(PersonID("liu-xiao"))))
        #expect(source.lookup("liu xiao") == .found(.person(PersonID("liu-xiao"))))
        #expect(source.lookup("生活服务事业部") == .found(.unit(UnitID("local-life"))))
        #expect(source.lookup("nobody at all") == .notFound(suggestions: []))
    }

    static func problems(_ text: String) throws -> [String] {
        let path = try write(text)
        do {
            return try OrgCore.load(json: path).warnings.map { $0.description.replacingOccurrences(of: path, with: "org.json") }
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: path, with: "org.json") }
        }
    }

    @Test(arguments: [
        ("{\"units\": [1,]}", "org.json:1:14: error: a comma before ']' is not allowed in JSON; remove it"),
        ("{\"units\": [], }", "org.json:1:15: error: a comma before '}' is not allowed in JSON; remove it"),
        ("{\n  \"title\": \"a\n\"}", "org.json:2:14: error: a string is not closed before the end of the line; add the closing '\"'"),
        ("{\"title\": \"a\\x\"}", "org.json:1:14: error: '\\x' is not a JSON escape; write '\\\\' for a backslash"),
        ("{\"title\": \"\\uD83D\"}", "org.json:1:18: error: \\uD83D is half of a surrogate pair; the other half (\\uDC00 to \\uDFFF) must follow"),
        ("{\"title\": 012}", "org.json:1:11: error: a number cannot start with 0 in JSON"),
        ("{\"title\": \"a\"} x", "org.json:1:16: error: unexpected 'x' after the end of the JSON document"),
        ("{\"title\" \"a\"}", "org.json:1:10: error: expected ':' after the key \"title\", found a string"),
        ("{title: \"a\"}", "org.json:1:2: error: expected a key in double quotes, found 't'"),
        ("{\"units\": [", "org.json:1:12: error: expected a value (a string in double quotes, a number, true, false, null, { } or [ ]), found the end of the file"),
        ("  ", "org.json:1:3: error: file is empty; an org file needs at least one key"),
        ("{\"title\": \"刘逍\" \"x\"}", "org.json:1:16: error: expected ',' or '}' after a member of an object, found a string"),
    ])
    func jsonSyntaxErrorsNameLineAndColumn(_ text: String, _ expected: String) throws {
        let found = try Self.problems(text)
        #expect(found == [expected])
    }

    /// Long strings that repeat are made once and kept by their bytes: more distinct ones than
    /// the scanner keeps (so that they displace one another), read in a shuffled order, each as
    /// it was written.
    @Test func repeatedLongStringsReadAsWritten() throws {
        var generator = SplitMix64(seed: 7)
        let distinct = (0..<300).map { "u.unit-of-the-org-\($0)" + String(repeating: "x", count: $0 % 23) }
        let written = (0..<5_000).map { _ in distinct[Int.random(in: 0..<distinct.count, using: &generator)] }
        let json = Array(try JSONSerialization.data(withJSONObject: written))
        let read = json.withUnsafeBufferPointer { bytes in
            var scanner = JSONScanner(bytes: bytes, file: "t.json")
            var strings: [String] = []
            var first = true
            try? scanner.beginArray("a list")
            while (try? scanner.nextElement(first: &first)) == true, let string = try? scanner.string() { strings.append(string) }
            return strings
        }
        #expect(read == written)
    }

    /// Two long strings that fall in the same slot of the kept strings, read by turns: each
    /// read gives its own text; a repeat is the string kept (the same storage), and a string
    /// read after the other took its slot is made again (found, not assumed: the slot is the
    /// low byte of the id hash).
    @Test func longStringsInOneSlotDisplaceEachOther() {
        func slot(_ text: String) -> UInt64 { Array(text.utf8).withUnsafeBufferPointer { IDTable.hash(bytes: $0) } & 255 }
        let first = "u.a-unit-with-a-long-id-0"
        let second = (1...).lazy.map { "u.a-unit-with-a-long-id-\($0)" }.first { slot($0) == slot(first) }!
        var kept = JSONScanner.RepeatedStrings()
        var reads: [String] = []  // kept alive, so that no storage is freed and used again
        func read(_ text: String) -> String {
            let read = Array(text.utf8).withUnsafeBufferPointer { kept.string($0) }
            #expect(read == text)
            reads.append(read)
            return read
        }
        func storage(_ text: String) -> UnsafePointer<UInt8>? { text.utf8.withContiguousStorageIfAvailable { $0.baseAddress } ?? nil }
        let a1 = read(first), a2 = read(first)
        #expect(storage(a1) == storage(a2), "a repeat is the string kept")
        let b1 = read(second), b2 = read(second)
        #expect(storage(b1) == storage(b2) && storage(b1) != storage(a1), "the second took the slot")
        let a3 = read(first)
        #expect(storage(a3) != storage(a1), "the first was displaced, so made again")
    }

    /// Indentation of every width, in spaces and mixed with tabs and carriage returns, read
    /// eight spaces a step: the error after it is at its line and column.
    @Test func anErrorAfterIndentationOfAnyWidthIsWhereItIs() throws {
        for width in 0...20 {
            for (indent, column) in [(String(repeating: " ", count: width), width + 1),
                                     (String(repeating: " ", count: width) + "\t \t", width + 4)] {
                let text = "{\"title\": \"a\",\r\n" + indent + "\"lang\": \"en\",\n" + indent + "x}"
                #expect(try Self.problems(text) == ["org.json:3:\(column): error: expected a key in double quotes, found 'x'"], "\(width)")
            }
            // Spaces within the last eight bytes, then a line break or tab and the end of the file.
            for end in ["\n", "\t", " \n", "\r\n"] {
                let text = "{\"title\": \"a\"" + String(repeating: " ", count: width) + end
                let lines = end.filter { $0 == "\n" || $0 == "\r\n" }.count
                // (After a tab, the end of the file is placed at the tab, as it always was.)
                let column = lines > 0 ? 1 : 15 + width
                #expect(try Self.problems(text) == ["org.json:\(1 + lines):\(column): error: expected ',' or '}' after a member of an object, found the end of the file"], "\(width) \(end.debugDescription)")
            }
        }
    }

    /// A key given twice in an element, however it is written (with an escape, as `null`, in a
    /// nested object with the same key as its element's): refused at the second, with a note at
    /// the first.
    @Test func aKeyGivenTwiceIsReportedWithWhereItWasFirstGiven() throws {
        let text = """
            {"units": [{"id": "co", "name": "Co", "head": {"holders": "p1", "id": "h", "title": "Chief", "title": "CEO"}}],
             "people": [{"id": "p1", "name": null, "\\u006eame": "One", "attributes": {"x": "1", "y": "2", "x": "3"}},
                        {"id": "p2", "name": "Two", "id": "p3"}]}
            """
        #expect(try Self.problems(text) == [
            "org.json:1:94: error: 'title' is given twice in the head of a unit\norg.json:1:76: note: first given here",
            "org.json:2:13: error: person 'p1' has no 'name'",
            "org.json:2:40: error: 'name' is given twice in a person\norg.json:2:26: note: first given here",
            "org.json:2:95: error: 'x' is given twice in 'attributes'\norg.json:2:75: note: first given here",
            "org.json:3:41: error: 'id' is given twice in a person\norg.json:3:14: note: first given here",
        ])
    }

    /// A key given twice after a value nested as deep as a file may nest, three times, first
    /// written with an escape, and a key of the schema inside `attributes`: each repeat refused,
    /// with a note at the first.
    @Test func aKeyGivenTwiceAfterDeepValuesAndEscapesIsReported() throws {
        let deep = String(repeating: "[", count: 62) + String(repeating: "]", count: 62)
        let text = """
            {"units": [{"name": "Co", "attributes": {"x": \(deep)}, "id": "co", "id": "co2", "\\u0069d": "co3"}],
             "people": [{"\\u0069d": "p1", "name": "One", "id": "p2", "attributes": {"id": "a", "id": "b"}}]}
            """
        let found = try Self.problems(text)
        let expected = [
            "org.json:1:186: error: 'id' is given twice in a unit\norg.json:1:174: note: first given here",
            "org.json:1:199: error: 'id' is given twice in a unit\norg.json:1:174: note: first given here",
            "org.json:2:46: error: 'id' is given twice in a person\norg.json:2:14: note: first given here",
            "org.json:2:84: error: 'id' is given twice in 'attributes'\norg.json:2:73: note: first given here",
        ]
        #expect(found.filter { $0.contains("given twice") } == expected)
        // After a value nested as deep as a file may nest, the repeat is still refused.
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try Self.problems("{\"units\": [{\"name\": \"Co\", \"attributes\": {\"x\": \(deepest)}, \"id\": \"co\", \"id\": \"co2\"}]}") == [
            "org.json:1:47: error: expected attribute 'x' to be a single value, found a list",
            "org.json:1:190: error: 'id' is given twice in a unit\norg.json:1:178: note: first given here",
        ])
    }

    @Test func invalidUTF8IsRefusedWhereItIs() throws {
        let path = try CSVTests.write(Data("{\"title\": \"ab".utf8) + Data([0xC3, 0x28]) + Data("\"}".utf8), "org.json")
        #expect(throws: DiagnosticError.self) { try OrgCore.load(json: path) }
        do {
            _ = try OrgCore.load(json: path)
        } catch {
            #expect(error.diagnostics.map(\.description) == ["\(path):1:14: error: the text is not valid UTF-8; save the file as UTF-8"])
        }
    }

    /// Strings of every length up to 24 bytes with one byte of every kind that ends the fast
    /// ASCII scan (a quote, an escape, a control character, a line break, a byte not ASCII,
    /// one not UTF-8) at every position: read, and skipped, as JSONSerialization reads them.
    @Test func stringsReadAsJSONSerializationReadsThem() {
        let stops: [[UInt8]] = [Array("\\\"".utf8), Array("\\n".utf8), Array("\\u00e9".utf8), [0x00], [0x01], [0x1F], [0x0A], [0x7F],
                                [0x80], Array("é".utf8), Array("刘".utf8), [0xFF], [0xC3], [0x5C]]
        for length in 0...24 {
            for position in 0...length {
                for stop in stops + [[]] {
                  for closed in [true, false] {
                    var text = Array(repeating: UInt8(ascii: "a"), count: length)
                    text.insert(contentsOf: stop, at: position)
                    // Unclosed, the string runs to the end of the file.
                    let json = Array("[\"".utf8) + text + (closed ? Array("\", 1]".utf8) : [])
                    let expected = (try? JSONSerialization.jsonObject(with: Data(json))).flatMap { ($0 as? [Any])?.first as? String }
                    let (read, skippedTo) = json.withUnsafeBufferPointer { bytes in
                        var scanner = JSONScanner(bytes: bytes, file: "t.json")
                        var skipper = scanner
                        try? scanner.beginArray("a list")
                        try? skipper.beginArray("a list")
                        let read = try? scanner.string()
                        let skipped: Int? = (try? skipper.skipValue()).map { skipper.offset }
                        return (read.map { ($0, scanner.offset) }, skipped)
                    }
                    #expect(read?.0 == expected, "\(text)")
                    // Skipping takes the string exactly as reading it does, or refuses it as reading does.
                    #expect(skippedTo == read?.1, "\(text)")
                  }
                }
            }
        }
    }

    static let base = """
        {"sources": {"a": {"title": "A"}},
         "units": [{"id": "co", "name": {"en": "Co"}}, {"id": "bu", "name": {"en": "BU"}, "parent": "co"}],
         "posts": [{"id": "ceo", "unit": "co", "head": true, "holders": ["p1"]},
                   {"id": "lead", "unit": "bu", "head": true, "holders": ["p2"]},
                   {"id": "ic", "unit": "bu", "reportsTo": "lead", "holders": "p3"}],
         "people": [{"id": "p1", "name": {"en": "One"}}, {"id": "p2", "name": {"en": "Two"}}, {"id": "p3", "name": {"en": "Three"}}]}
        """

    @Test func aValidOrgLoadsWithItsImpliedLines() throws {
        let table = try OrgCore.load(json: Self.write(Self.base))
        let source = QuerySource(core: table)
        #expect(source.chain(from: PostID("ic"), holder: nil).map(\.post.rawValue) == ["ic", "lead", "ceo"])
        #expect(source.chain(from: PostID("ic"), holder: nil).map(\.link) == [nil, .explicit, .implied])
        #expect(table.warnings.isEmpty)
    }

    /// What the JSON reader reports, and what the general reader reports for the same file: the
    /// same, as both feed one builder.
    @Test(arguments: [
        (#""holders": "p3"}],"#, #""holders": "p9"}],"#, "org.json:5:71: error: post 'ic' is held by unknown person 'p9'; did you mean 'p1'?"),
        (#"{"id": "ic","#, #"{"id": "bu","#, "org.json:5:19: error: duplicate id 'bu'; ids must be unique across units, posts and people\norg.json:2:55: note: first defined here, as a unit"),
        (#""reportsTo": "lead""#, #""reportsTo": "ic""#, "org.json:5:52: error: reporting cycle: 'p3' → 'p3'; one of these must report elsewhere"),
        (#""parent": "co"}"#, #""parent": "bu"}"#, "org.json:2:93: error: unit 'bu' is its own ancestor: 'bu' → 'bu'; one of these 'parent' lines is wrong"),
        (#""id": "ic", "unit": "bu","#, #""id": "ic", "unit": "bu", "head": true,"#, "org.json:5:12: error: unit 'bu' has two heads, 'lead' and 'ic'; a shared head is one post with several holders"),
        (#""id": "p3","#, #""id": "p3", "primary": "lead","#, "org.json:6:111: error: primary post 'lead' of 'p3' is not a post they hold; they hold 'ic'"),
        (#""id": "p1","#, #""id": "p1", "source": "b","#, "org.json:6:36: error: unknown source 'b'; did you mean 'a'?"),
        (#""id": "p1","#, #""id": "p1", "confidence": "inferred","#, "org.json:6:13: warning: 'p1' is marked inferred but has no 'note' saying why"),
        (#"{"id": "p3","#, #"{"id": "p4", "name": "Four"}, {"id": "p3","#, "org.json:6:87: warning: 'p4' holds no post; give them a post (title, unit, reportsTo) or 'status: departed'"),
    ])
    func problemsAreFoundAsTheGeneralReaderFindsThem(_ find: String, _ replacement: String, _ expected: String) throws {
        let text = Self.base.replacingOccurrences(of: find, with: replacement)
        #expect(text != Self.base)
        let found = try Self.problems(text)
        #expect(found == [expected])
        #expect(diagnostics(of: text, file: "org.json") == [expected])
    }

    @Test func shorthandsReadAsTheYAMLReaderReadsThem() throws {
        // A head and a person's post written as shorthands, and the problems in them, as YAML.
        let text = #"{"units": [{"id": "co", "name": "Co", "head": "p1"}], "people": [{"id": "p1", "name": "One"}, {"id": "p2", "name": "Two", "reportsTo": "p1", "unit": "co"}]}"#
        #expect(try Self.problems(text) == [])
        let core = try OrgCore.parse(Data(text.utf8), file: "org.json")
        let yaml = try OrgFile.parse("""
            units: [{id: co, name: Co, head: p1}]
            people: [{id: p1, name: One}, {id: p2, name: Two, reportsTo: p1, unit: co}]
            """, file: "org.yaml")
        #expect(OrgFile.json(core) == OrgFile.json(yaml.core))
        #expect(core.postIDs == ["head.co", "post.p2"])
        let broken = #"{"units": [{"id": "co", "name": "Co", "head": {"holders": "p9", "titel": "Boss"}}]}"#
        #expect(try Self.problems(broken) == [
            "org.json:1:59: error: the head of 'co' is held by unknown person 'p9'",
            "org.json:1:65: error: unknown key 'titel' in the head of a unit; did you mean 'title'?",
        ])
    }
}

/// What the core does with orgs that have errors, and with the rows of HR exports.
@Suite struct OrgBuilderTests {
    static func cyclicOrg() -> Org {
        var org = Org()
        org.units["u"] = Unit(id: "u", name: LocalizedText(["en": "U"]))
        for (person, manager) in [("a", "b"), ("b", "a")] {
            org.people[PersonID(person)] = Person(id: PersonID(person), name: LocalizedText(["en": person.uppercased()]))
            org.posts[PostID("p-\(person)")] = Post(id: PostID("p-\(person)"), unit: "u", reportsTo: ReportingLine(to: PostID("p-\(manager)")),
                                                     holders: [PersonID(person)])
        }
        return org
    }

    @Test func aReportingCycleIsReportedAndCutSoQuestionsEnd() {
        let org = Self.cyclicOrg()
        #expect(org.validate().map(\.message) == ["reporting cycle: 'a' → 'b' → 'a'; one of these must report elsewhere"])
        let source = QuerySource(org: org)
        // Cut where the walk that found it closed it: 'a' is made the top.
        #expect(source.chain(from: "p-b", holder: nil).map(\.post) == ["p-b", "p-a"])
        #expect(source.chain(from: "p-a", holder: nil).map(\.post) == ["p-a"])
        #expect(source.reports(of: "p-a", depth: nil, includeDotted: false).map(\.post) == ["p-b"])
        // The diff's impact walks every chain of both versions.
        #expect(OrgDiff(from: org, to: org).changeset.changes.isEmpty)
    }

    @Test func anOrgWithAnUnknownUnitKeepsItInItsValues() {
        var org = Self.cyclicOrg()
        org.posts["p-a"]?.unit = "nowhere"
        org.posts["p-a"]?.reportsTo = nil
        let core = OrgCore(org)
        #expect(core.warnings.map(\.message) == ["post 'p-a' is in unknown unit 'nowhere'"])
        #expect(core.org() == org)
    }

    /// A cycle is placed at its first line in the file, whichever element the reader added first.
    @Test func aCycleIsPlacedAtItsFirstLineInTheFile() {
        let text = """
            units:
              - {id: u, name: U}
            people:
              - {id: alice, name: Alice, unit: u, reportsTo: bob-post}
              - {id: bob, name: Bob}
            posts:
              - {id: bob-post, unit: u, holders: [bob], reportsTo: alice}

            """
        #expect(diagnostics(of: text) == ["test.yaml:4:50: error: reporting cycle: 'bob' → 'alice' → 'bob'; one of these must report elsewhere"])
    }

    @Test func anExportsManagerIsAPersonOrTheRowIsARoot() throws {
        let result = try HRImport(file: "t.csv").run(CSVReader(file: "t.csv").parse(
            "id,name,manager,department\npost.7,Post Seven,,Sales\n7,Seven,post.7,Sales\n8,Eight,u.sales,Sales\n9,Nine,post.8,Sales\n"))
        #expect(result.warnings.map(\.description) == [
            "t.csv:3:1: warning: the post id 'post.7' of this row is another row's id; the row is left out",
            // Three roots in Sales, one each: the smallest id heads it.
            "t.csv:4:1: warning: unit 'u.sales' has 3 posts whose solid line goes outside it; '8', to whom 1 of its 3 report, is taken as its head (turn this off with --no-unit-tree)"
                + "\nt.csv:2:1: note: 'post.7' has no line up, so reports to the head by the unit tree"
                + "\nt.csv:5:1: note: '9' has no line up, so reports to the head by the unit tree",
            "t.csv:4:3: warning: '8' reports to unknown id 'u.sales'; the line is left out",
            "t.csv:5:3: warning: '9' reports to unknown id 'post.8'; the line is left out",
        ])
        #expect(result.rowsDropped == 1 && result.rowsImported == 3)
        #expect(result.org.people.keys.map(\.rawValue) == ["post.7", "8", "9"])
    }
}
