import Foundation
import Testing

@testable import OrgGraph

@Suite struct ScaleTests {
    /// Ancestors by walking, the slow way, to check the index against.
    static func naiveLCA(_ parent: [Int32], _ a: Int, _ b: Int) -> Int? {
        var ancestors = Set<Int>()
        var v = a
        while v >= 0 { ancestors.insert(v); v = Int(parent[v]) }
        v = b
        while v >= 0 { if ancestors.contains(v) { return v }; v = Int(parent[v]) }
        return nil
    }

    @Test(arguments: [UInt64(1), 2, 3, 4, 5])
    func lowestCommonAncestorsMatchTheSlowWay(_ seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        let n = 3_000
        // A forest mixing bushy parts and long chains.
        let parent: [Int32] = (0..<n).map { i in
            if i == 0 || Int.random(in: 0..<200, using: &rng) == 0 { return -1 }
            // The first 150 in a chain, deeper than questions walk up; then bushy parts and chains.
            return Int32(i < 150 || Bool.random(using: &rng) ? i - 1 : Int.random(in: 0..<i, using: &rng))
        }
        // The same answers by the lifting table and by walking up; and from a shallow forest
        // (parents anywhere before: depth about log n), where walking up is the way taken.
        let shallow: [Int32] = (0..<n).map { i in i == 0 || Int.random(in: 0..<200, using: &rng) == 0 ? -1 : Int32(Int.random(in: 0..<i, using: &rng)) }
        #expect(HierarchyIndex.depths(parent).max()! > HierarchyIndex.walkedDepth)
        #expect(HierarchyIndex.depths(shallow).max()! <= HierarchyIndex.walkedDepth)
        for (forest, lifting) in [(parent, true), (parent, false), (shallow, true)] {
            let index = HierarchyIndex(parent: forest, lifting: lifting)
            for _ in 0..<2_000 {
                let a = Int.random(in: 0..<n, using: &rng), b = Int.random(in: 0..<n, using: &rng)
                #expect(index.lowestCommonAncestor(a, b) == Self.naiveLCA(forest, a, b))
                #expect(index.ancestor(of: a, steps: -1) == a && index.ancestor(of: a, steps: .max) == nil)
                let steps = Int.random(in: 0..<80, using: &rng)
                var up = a
                for _ in 0..<steps where up >= 0 { up = Int(forest[up]) }
                #expect(index.ancestor(of: a, steps: steps) == (up >= 0 ? up : nil))
            }
        }
        let index = HierarchyIndex(parent: parent)
        for v in stride(from: 0, to: n, by: 97) {
            var walk: [Int] = []
            var x = v
            while x >= 0 { walk.append(x); x = Int(parent[x]) }
            #expect(index.chain(of: v) == walk)
            #expect(Int(index.depth[v]) == walk.count - 1)
        }
    }

    /// Chains 64 and 65 deep, on either side of where the lifting table starts to be built, with
    /// bushes hung on them: every common ancestor and ancestor as the slow way finds it.
    @Test(arguments: [64, 65])
    func forestsAtTheDepthWhereLiftingStarts(_ deepest: Int) {
        var rng = SplitMix64(seed: UInt64(deepest))
        let chain = (0...deepest).map { Int32($0 - 1) }
        let parent = chain + (0..<300).map { _ in Int32(Int.random(in: 0..<deepest, using: &rng)) }
        let index = HierarchyIndex(parent: parent)
        #expect(index.depth.max() == Int32(deepest))
        for a in parent.indices {
            for b in stride(from: a % 7, to: parent.count, by: 7) { #expect(index.lowestCommonAncestor(a, b) == Self.naiveLCA(parent, a, b)) }
            let depth = Int(index.depth[a])
            #expect(index.ancestor(of: a, steps: depth) == 0 && index.ancestor(of: a, steps: depth + 1) == nil)
        }
    }

    /// Parents in a cycle (which loading cuts) end the walk: each node of it gets a depth once.
    @Test func depthsEndAtACycle() {
        #expect(HierarchyIndex.depths([1, 2, 0, 2, -1]) == [2, 1, 0, 1, 0])
    }

    @Test func aMillionLongChainIndexesWithoutRecursion() {
        let n = 1_000_000
        let parent: [Int32] = (0..<n).map { $0 == 0 ? -1 : Int32($0 - 1) }
        let index = HierarchyIndex(parent: parent)
        #expect(index.depth[n - 1] == Int32(n - 1))
        #expect(index.lowestCommonAncestor(n - 1, n / 2) == n / 2)
        #expect(index.ancestor(of: n - 1, steps: n - 1) == 0)
        #expect(index.chain(of: n - 1).count == n)
    }

    @Test func aHeadWithTwoHundredThousandReports() {
        let n = 200_001
        let parent: [Int32] = (0..<n).map { $0 == 0 ? -1 : 0 }
        let index = HierarchyIndex(parent: parent)
        #expect(index.children(of: 0).count == 200_000)
        #expect(index.lowestCommonAncestor(5, 199_999) == 0)
    }

    /// A file read as a stream (or in halves) and the same file read whole as a table give the
    /// same org, and the core read from the file answers as the core rebuilt from its values.
    @Test(arguments: ["chinook/Employee.csv", "northwind/Employees.csv", "adventureworks/derived_Employee_with_manager.csv", "oracle-hr/v2015_hr_popul/employees.csv"])
    func aCSVLoadsAsItImports(_ dataset: String) throws {
        let path = ImportTests.datasets.appendingPathComponent(dataset).path
        let loaded = try HRImport.load(csv: path)
        let imported = try ImportTests.hr(dataset).org
        #expect(loaded.org == imported)
        let source = QuerySource(core: loaded.core)
        let model = QuerySource(org: imported)
        for id in loaded.core.personIDs {
            let post = PostID("post.\(id)")
            #expect(source.chain(from: post, holder: PersonID(id)) == model.chain(from: post, holder: PersonID(id)))
            #expect(source.reports(of: post, depth: nil, includeDotted: false) == model.reports(of: post, depth: nil, includeDotted: false))
        }
    }

    /// Loads a CSV as one piece and in two halves side by side; both must give the same org.
    static func expectHalvesReadAsWhole(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let path = try CSVTests.write(Data(text.utf8))
        func load(_ splitAbove: Int) -> Result<ImportResult, DiagnosticError> {
            Result { () throws(DiagnosticError) in try HRImport.load(csv: path, map: [:], splitAbove: splitAbove, progress: nil) }
        }
        switch (load(Int.max), load(0)) {
        case (.success(let whole), .success(let halves)):
            #expect(halves.org == whole.org, sourceLocation: sourceLocation)
            #expect(halves.warnings == whole.warnings, sourceLocation: sourceLocation)
            #expect(halves.rowsRead == whole.rowsRead && halves.rowsDropped == whole.rowsDropped, sourceLocation: sourceLocation)
        case (.failure(let whole), .failure(let halves)):
            #expect(halves.diagnostics == whole.diagnostics, sourceLocation: sourceLocation)
        case (let whole, let halves):
            Issue.record("read whole: \(whole); in halves: \(halves)", sourceLocation: sourceLocation)
        }
    }

    @Test func aBigCSVReadInHalvesIsReadAsAWhole() throws {
        var generator = OrgGenerator(seed: 12)
        let csv = generator.table(people: 3_000).csv()
        // The halves are really read apart.
        let halves = try HRImport.readInHalves(CSVTests.write(Data(csv.utf8)), map: [:], joins: [], splitAbove: 0)
        #expect(halves?.map(\.rowsRead).reduce(0, +) == 3_000 && (halves?[1].rowsRead ?? 0) > 1_000)
        try Self.expectHalvesReadAsWhole(csv)
        try Self.expectHalvesReadAsWhole("\u{FEFF}" + csv)
        // Problems in either half: warnings with their lines, an id in both halves, a ragged row.
        var lines = csv.split(separator: "\n").map(String.init)
        lines[2800] = "e5,Again,e1,Lead,Somewhere"
        lines[2900] = lines[2900].replacingOccurrences(of: ",e", with: ",x")
        lines[10] = "e11,,e2000,Lead,Loop"
        lines[2000] = "e2000,,e11,Lead,Loop"
        try Self.expectHalvesReadAsWhole(lines.joined(separator: "\n") + "\n")
        // An id twice within the second half only: the second is left out.
        lines.remove(at: 2800)
        lines[2850] = "e2600,Twice,e1,Lead,Somewhere"
        try Self.expectHalvesReadAsWhole(lines.joined(separator: "\n") + "\n")
        #expect(try HRImport.load(csv: CSVTests.write(Data((lines.joined(separator: "\n") + "\n").utf8)), map: [:], splitAbove: 0, progress: nil)
            .warnings.contains { $0.message.hasPrefix("duplicate id 'e2600'") })
        lines[2950] += ",extra"
        try Self.expectHalvesReadAsWhole(lines.joined(separator: "\n") + "\n")
        // Blank lines before the header (found by fuzzing: the halves took the blank line for it).
        try Self.expectHalvesReadAsWhole("\n\n\n")
        try Self.expectHalvesReadAsWhole("\n" + csv)
    }

    /// A file with quotes and carriage returns (as spreadsheets and HR systems write them) is cut
    /// at a record break outside quotes, its lines counted as the reader counts them.
    @Test func aQuotedCSVWithCarriageReturnsIsReadInHalves() throws {
        var generator = OrgGenerator(seed: 12)
        let csv = generator.table(people: 3_000).csv()
        var rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        // A warning in the second half, at its line.
        rows[2900][2] = "x2"
        func quoted(_ field: String) -> String { "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        func text(_ rows: [[String]], _ end: String, name: (Int, String) -> String = { $1 }) -> String {
            rows.enumerated().map { index, row in
                row.enumerated().map { column, field in quoted(column == 1 && index > 0 ? name(index, field) : field) }.joined(separator: ",")
            }.joined(separator: end) + end
        }
        func expectSplit(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
            let halves = try HRImport.readInHalves(CSVTests.write(Data(text.utf8)), map: [:], joins: [], splitAbove: 0)
            #expect(halves?.map(\.rowsRead).reduce(0, +) == 3_000 && (halves?[1].rowsRead ?? 0) > 1_000, sourceLocation: sourceLocation)
            try Self.expectHalvesReadAsWhole(text, sourceLocation: sourceLocation)
        }
        for end in ["\r\n", "\n", "\r"] {
            try expectSplit(text(rows, end))
            try expectSplit(rows.map { $0.joined(separator: ",") }.joined(separator: end) + end)
        }
        // Names holding delimiters, doubled quotes and breaks of each kind: wherever the middle
        // falls, the first break after it may be inside a field.
        for inner in ["\n", "\r\n", "\r"] {
            try expectSplit(text(rows, "\r\n") { index, name in index % 3 == 0 ? "\(name),\(inner)\"Jr.\"\(inner)\(inner)(acting)" : name })
            try expectSplit(text(rows, "\n") { _, name in "\(name)\(inner)\(inner)" })
        }
        // A stray quote in either half: the halves are refused (the read from start to end
        // then reports it, in its order).
        for row in [500, 2500] {
            var lines = text(rows, "\r\n").components(separatedBy: "\r\n")
            lines[row] = lines[row].replacingOccurrences(of: ",\"", with: ",x\"")
            #expect(try HRImport.readInHalves(CSVTests.write(Data(lines.joined(separator: "\r\n").utf8)), map: [:], joins: [], splitAbove: 0) == nil)
            try Self.expectHalvesReadAsWhole(lines.joined(separator: "\r\n"))
        }
        // A field longer than the reader takes, quoted or not, in either half: refused too.
        for (row, quote) in [(500, ""), (2500, "\"")] {
            var long = rows
            long[row][1] = quote + String(repeating: "x", count: CSVReader.maxFieldBytes + 1) + quote
            let text = long.map { $0.joined(separator: ",") }.joined(separator: "\n") + "\n"
            #expect(try HRImport.readInHalves(CSVTests.write(Data(text.utf8)), map: [:], joins: [], splitAbove: 0) == nil)
            try Self.expectHalvesReadAsWhole(text)
        }
    }

    /// The delimiter is found where the read from start to end finds it, in the file's first
    /// 64 KiB, even when the header goes on past them (and would give another).
    @Test func theHalvesFindTheDelimiterWhereTheWholeReadDoes() throws {
        // `;` in the first 64 KiB, `,` more often in the whole header; each reading gives rows of
        // the header's width, with an id column.
        let header = "id;name;manager_id;" + String(repeating: "x;", count: 33_000) + "x,id,name,manager_id" + String(repeating: ",p", count: 34_000)
        let rows = (1...4).map { "\($0);A;" + String(repeating: ";", count: 33_001) + String(repeating: ",", count: 34_003) }
        let text = ([header] + rows).joined(separator: "\n") + "\n"
        #expect(try HRImport.readInHalves(CSVTests.write(Data(text.utf8)), map: [:], joins: [], splitAbove: 0) != nil)
        try Self.expectHalvesReadAsWhole(text)
    }

    /// Columns the import does not read are read and checked, not kept: a wide export reads as
    /// its narrow self, in halves as whole, and a bad byte in an ignored column is still an error.
    @Test func columnsNotReadAreCheckedButNotKept() throws {
        var generator = OrgGenerator(seed: 12)
        let csv = generator.table(people: 3_000).csv()
        var lines = csv.split(separator: "\n").map(String.init)
        for index in lines.indices {
            lines[index] += index == 0 ? ",phone,notes,badge" : ",+44 20 7946 \(index),\(index % 4 == 0 ? "\"Moved, \"\"acting\"\"\"" : "on leave"),B\(index)"
        }
        let wide = lines.joined(separator: "\n") + "\n"
        let halves = try HRImport.readInHalves(CSVTests.write(Data(wide.utf8)), map: [:], joins: [], splitAbove: 0)
        #expect(halves?[0].keptColumns == [true, true, true, true, true, false, false, false])
        try Self.expectHalvesReadAsWhole(wide)
        // The reader of a piece gives those columns' fields as empty.
        var reader = CSVReader(file: "t.csv", delimiter: UInt8(ascii: ","))
        reader.keptColumns = [true, false, true]
        var records: [[String]] = []
        try reader.forEachRecord(in: Data("a,b,c\n\"q, r\",s,\"t\"\n".utf8), firstLine: 2) { record, _ in records.append(record) }
        #expect(records == [["a", "", "c"], ["q, r", "", "t"]])
        let narrow = try HRImport.load(csv: CSVTests.write(Data(csv.utf8)), map: [:], splitAbove: 0, progress: nil)
        let read = try HRImport.load(csv: CSVTests.write(Data(wide.utf8)), map: [:], splitAbove: 0, progress: nil)
        #expect(read.org == narrow.org)
        #expect(read.warnings.map(\.message) == ["import csv does not read columns 'phone', 'notes', 'badge'; they are ignored (give a column a field with --map COLUMN=FIELD)"] + narrow.warnings.map(\.message))
        // The last notes "on leave", in the second half.
        var bytes = Array(wide.utf8)
        let place = bytes.indices.last { Array(bytes[$0...].prefix(9)) == Array(",on leave".utf8) }! + 1
        bytes[place] = 0xFF
        let path = try CSVTests.write(Data(bytes))
        do {
            _ = try HRImport.load(csv: path, map: [:], splitAbove: 0, progress: nil)
            Issue.record("a bad byte in an ignored column was let through")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["invalid UTF-8 in a field; save the file as UTF-8"])
        }
    }

    @Test func aCSVIsCutAtABreakOutsideQuotes() {
        func cut(_ text: String, from: Int) -> Int? {
            let bytes = Array(text.utf8)
            let quotes = bytes[..<from].filter { $0 == 0x22 }.count
            return bytes.withUnsafeBufferPointer { CSVReader.cut(in: $0, from: from, quotesBefore: quotes) }
        }
        #expect(cut("a,b\nc,d\n", from: 0) == 4)
        #expect(cut("a,b\r\nc,d\r\n", from: 0) == 5)
        #expect(cut("a,b\r\nc,d\r\n", from: 3) == 5)
        #expect(cut("a,b\rc,d\r", from: 0) == 4)
        #expect(cut("\"a\nb\",c\nd\n", from: 0) == 8)
        #expect(cut("\"a\nb\",c\nd\n", from: 2) == 8)
        #expect(cut("\"a\"\"\nb\",c\nd\n", from: 0) == 10)
        #expect(cut("\"a\nb", from: 0) == nil)
        func counts(_ text: String) -> (Int, Int) {
            Array(text.utf8).withUnsafeBufferPointer { CSVReader.quotesAndBreaks(in: $0) }
        }
        #expect(counts("") == (0, 0))
        #expect(counts("\"a\r\nb\"\r\n\r\r\n\n") == (2, 5))
        #expect(counts("\n") == (0, 1))
        #expect(counts("\r") == (0, 1))
        // Eight bytes a step: pairs across words, and tails, against a byte-by-byte count.
        var rng = SplitMix64(seed: 5)
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in [UInt8(0x22), 13, 10, 0x61][Int.random(in: 0..<4, using: &rng)] }
            let expected = (bytes.count { $0 == 0x22 },
                            bytes.indices.count { bytes[$0] == 13 || (bytes[$0] == 10 && ($0 == 0 || bytes[$0 - 1] != 13)) })
            #expect(bytes.withUnsafeBufferPointer { CSVReader.quotesAndBreaks(in: $0) } == expected, "\(bytes)")
        }
        // Counts kept a byte each are summed before they overflow: runs of one byte, long ones.
        for (byte, expected) in [(UInt8(0x22), (6_125, 0)), (13, (0, 6_125)), (10, (0, 6_125))] {
            #expect([UInt8](repeating: byte, count: 6_125).withUnsafeBufferPointer { CSVReader.quotesAndBreaks(in: $0) } == expected)
        }
        #expect(Array(String(repeating: "\r\n", count: 5_000).utf8).withUnsafeBufferPointer { CSVReader.quotesAndBreaks(in: $0) } == (0, 5_000))
        for _ in 0..<20 {
            let bytes = (0..<5_000 + Int.random(in: 0..<64, using: &rng)).map { _ in [UInt8(0x22), 13, 10, 0x61][Int.random(in: 0..<4, using: &rng)] }
            let expected = (bytes.count { $0 == 0x22 },
                            bytes.indices.count { bytes[$0] == 13 || (bytes[$0] == 10 && ($0 == 0 || bytes[$0 - 1] != 13)) })
            #expect(bytes.withUnsafeBufferPointer { CSVReader.quotesAndBreaks(in: $0) } == expected)
        }
        // A field's end, eight bytes a step, against a byte-by-byte search.
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in [UInt8(0x22), 13, 10, 0, 0x2C, 0x3B, 0xE5, 0x61, 0x62][Int.random(in: 0..<9, using: &rng)] }
            for start in Swift.stride(from: 0, through: length, by: 7) {
                for stop in [UInt8(0x2C), 0x3B] {
                    let end = bytes[start...].firstIndex { [stop, 0x22, 13, 10, 0].contains($0) } ?? length
                    let expected = (end, !bytes[start..<end].contains { $0 >= 0x80 })
                    #expect(bytes.withUnsafeBufferPointer { CSVReader.fieldEnd(in: $0, from: start, stop) } == expected)
                }
            }
        }
    }

    @Test func rowProblemsAreWarnedAtTheirRowsAndTheRowsCut() throws {
        let text = "id,name,manager\n1,A,\n2,B,1\n2,B again,1\n3,C,3\n4,D,99\n5,E,6\n6,F,5\n,G,1\n"
        let path = try CSVTests.write(Data(text.utf8))
        let loaded = try HRImport.load(csv: path)
        let name = (path as NSString).lastPathComponent
        #expect(loaded.warnings.map { $0.description.replacingOccurrences(of: path, with: name) } == [
            "\(name):2:1: warning: unit 'u.organization' has 4 posts whose solid line goes outside it; '1', to whom 2 of its 6 report, is taken as its head (turn this off with --no-unit-tree)"
                + "\n\(name):5:1: note: '3' has no line up, so reports to the head by the unit tree"
                + "\n\(name):6:1: note: '4' has no line up, so reports to the head by the unit tree"
                + "\n\(name):7:1: note: '5' has no line up, so reports to the head by the unit tree",
            "\(name):4:1: warning: duplicate id '2'; the row is left out (the first with this id is kept)",
            "\(name):5:3: warning: '3' reports to themselves; the line is left out",
            "\(name):6:3: warning: '4' reports to unknown id '99'; the line is left out",
            "\(name):7:3: warning: reporting cycle '5' → '6' → '5'; the line of '5' is left out",
            "\(name):9:1: warning: row has no id; left out",
        ])
        #expect(loaded.rowsRead == 8 && loaded.rowsImported == 6 && loaded.rowsDropped == 2)
        let chain = QuerySource(core: loaded.core).chain(from: "post.6", holder: nil).map(\.person)
        // '5', whose line closed the cycle, reports to the head of the unit by the unit tree;
        // without it, '5' is a root.
        #expect(chain == ["6", "5", "1"])
        let flat = try HRImport.load(csv: path, unitTree: false)
        #expect(QuerySource(core: flat.core).chain(from: "post.6", holder: nil).map(\.person) == ["6", "5"])
        #expect(!flat.warnings.contains { $0.message.hasPrefix("unit ") })
        #expect(try HRImport(file: path).run(CSVReader(file: path).read()).org == loaded.org)
    }

    @Test func generatedOrgsAreRealisticAndRepeatable() throws {
        var a = OrgGenerator(seed: 42)
        var b = OrgGenerator(seed: 42)
        let one = a.table(people: 5_000)
        let two = b.table(people: 5_000)
        #expect(one.csv() == two.csv())
        let index = HierarchyIndex(parent: one.parent)
        let fanOut = (0..<one.count).map { index.children(of: $0).count }.filter { $0 > 0 }
        #expect(fanOut.dropLast().allSatisfy { (3...12).contains($0) })
        #expect((4...8).contains(Int(index.depth.max()!)))
        #expect(one.zhNames.allSatisfy { !$0.isEmpty })
        var org = one.generalOrg()
        a.decorate(&org)
        #expect(org.validate().filter { $0.severity == .error }.isEmpty)
        #expect(org.posts.values.contains { $0.isVacant })
        #expect(org.posts.values.contains { !$0.dotted.isEmpty })
        #expect(org.posts.values.contains { $0.holders.count > 1 })
    }

    @Test func churnChangesAboutWhatItSays() {
        var generator = OrgGenerator(seed: 9)
        let old = generator.table(people: 20_000)
        let new = generator.churned(old)
        let oldManager = Dictionary(uniqueKeysWithValues: old.ids.indices.map { (old.ids[$0], old.parent[$0] >= 0 ? old.ids[Int(old.parent[$0])] : "") })
        let newIDs = Set(new.ids)
        #expect(old.ids.filter { !newIDs.contains($0) }.count == 100)
        #expect(new.ids.filter { oldManager[$0] == nil }.count == 100)
        // 2% chosen, plus the reports of the 0.5% who left, who move up to their manager's manager.
        let newManager = new.ids.indices.filter { row in
            oldManager[new.ids[row]].map { $0 != (new.parent[row] >= 0 ? new.ids[Int(new.parent[row])] : "") } ?? false
        }.count
        #expect((400...600).contains(newManager), "\(newManager)")
        // No cycles: every chain reaches the top.
        let index = HierarchyIndex(parent: new.parent)
        #expect(index.depth.allSatisfy { $0 >= 0 })
    }

    /// Two versions of an HR export are compared by the one diff: each person by name, a
    /// renamed department as a rename, and the same changes whatever the order of the rows.
    @Test func csvVersionsDiffAsTypedChanges() throws {
        var generator = OrgGenerator(seed: 8)
        let old = generator.table(people: 2_000)
        let new = generator.churned(old, rate: 3)
        let lines = new.csv().split(separator: "\n", omittingEmptySubsequences: true)
        let reversed = ([lines[0]] + lines.dropFirst().reversed()).joined(separator: "\n") + "\n"
        let before = try HRImport.load(csv: CSVTests.write(Data(old.csv().utf8))).org
        let inOrder = try HRImport.load(csv: CSVTests.write(Data(new.csv().utf8))).org
        let shuffled = try HRImport.load(csv: CSVTests.write(Data(reversed.utf8))).org
        let diff = inOrder.difference(from: before)
        #expect(Set(diff.changes.map { "\($0.op)" }) == Set(shuffled.difference(from: before).changes.map { "\($0.op)" }))
        let renamed = Set(zip(old.unitNames, new.unitNames).filter { $0 != $1 }.map(\.1))
        #expect(!renamed.isEmpty)
        let renames = diff.changes.compactMap { change -> String? in
            if case .renameUnit(_, _, let to) = change.op { return to.text(in: "en") }
            return nil
        }
        #expect(Set(renames) == renamed)
        func count(_ name: String) -> Int { diff.changes.filter { $0.op.name == name }.count }
        // Joiners join their manager's unit; a unit goes when the last of its people leaves, as
        // removed, or, when units were under it (the unit tree is derived), merged into the
        // unit they now stand under.
        #expect(count("add-unit") == 0)
        #expect(count("remove-unit") + count("merge-units") == Set(old.units).subtracting(new.units).count)
        #expect(count("remove-person") == Set(old.ids).subtracting(new.ids).count)
        #expect(count("add-person") == Set(new.ids).subtracting(old.ids).count)
        // Applied to the old version, the diff gives the new one.
        #expect(try before.applying(diff).normalized() == inOrder.normalized())
    }
}

@Suite struct DeepOrgTests {
    @Test func tenThousandNestedUnitsReadValidateAndAnswer() throws {
        var text = "units:\n  - {id: u0, name: U0, head: boss}\n"
        for index in 1..<10_000 { text += "  - {id: u\(index), name: U\(index), parent: u\(index - 1)}\n" }
        text += "people:\n  - {id: boss, name: Boss}\n  - {id: deep, name: Deep, unit: u9999}\n"
        let org = try parseOrg(text).org
        let index = OrgIndex(org)
        // The deepest unit has no head: its post reports past 9,999 units to the top.
        #expect(index.reportingChain(of: "deep")?.map(\.person) == ["deep", "boss"])
        #expect(org.depth(of: "u9999") == 9_999)
        #expect(org.stats().layers == 2)
    }

    @Test func aLongReportingChainInTheModelIsIterative() throws {
        var org = Org()
        org.units["u"] = Unit(id: "u", name: LocalizedText(["en": "U"]))
        let n = 100_000
        for index in 0..<n {
            let person = PersonID("p\(index)")
            org.people[person] = Person(id: person, name: LocalizedText(["en": "P"]))
            org.posts[PostID("post\(index)")] = Post(id: PostID("post\(index)"), unit: "u",
                                                      reportsTo: index == 0 ? nil : ReportingLine(to: PostID("post\(index - 1)")), holders: [person])
        }
        #expect(org.validate().filter { $0.severity == .error }.isEmpty)
        #expect(OrgIndex(org).reportingChain(of: PersonID("p\(n - 1)"))?.count == n)
    }
}
