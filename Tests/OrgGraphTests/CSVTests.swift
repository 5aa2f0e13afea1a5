import Foundation
import Testing

@testable import OrgGraph

@Suite struct CSVTests {
    /// Writes a file of its own name in a folder of its own, among the test process's files.
    static func write(_ data: Data, _ name: String = "t.csv") throws -> String {
        let folder = testFiles.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    static func importing(_ text: String) throws -> ImportResult {
        try HRImport(file: "t.csv").run(CSVReader(file: "t.csv").parse(text))
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let table = try CSVReader(file: "t.csv").parse("id,name,note\r\n1,\"Doe, Jane\",\"said \"\"hi\"\"\r\nthen left\"\r\n2,Bo,\r\n")
        // A quoted field keeps its line break as written, CRLF included; it counts as one line.
        #expect(table.rows == [["1", "Doe, Jane", "said \"hi\"\r\nthen left"], ["2", "Bo", ""]])
        #expect(table.lines == [2, 4])
    }

    @Test func unquotedFieldsLoseTheirEndSpacesQuotedOnesKeepThem() throws {
        let table = try CSVReader(file: "t.csv").parse("id,name,note\n 1 ,\" Doe \",\ta b\t\n2,\"\r\",\"x\ry\"\n")
        #expect(table.rows == [["1", " Doe ", "a b"], ["2", "\r", "x\ry"]])
        #expect(table.lines == [2, 3])
    }

    @Test(arguments: [("\t", "id\tname\tmanager\n1\tA\t\n2\tB\t1\n"), ("|", "id|name|manager\n1|A|\n2|B|1\n"), (";", "id;name;manager\n1;A;\n2;B;1\n")])
    func delimitersAreDetected(_ delimiter: String, _ text: String) throws {
        let result = try Self.importing(text)
        #expect(result.org.posts["post.2"]?.reportsTo?.to == "post.1")
    }

    @Test func byteOrderMarksAndUTF16AreRead() throws {
        let text = "EmployeeId,FirstName,LastName,ReportsTo\n1,李,伟,\n2,Ann,Lee,1\n"
        let bom = try Self.write(Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
        #expect(try CSVReader(file: bom).read().header.first == "EmployeeId")
        var utf16 = Data([0xFF, 0xFE])
        utf16.append(text.data(using: .utf16LittleEndian)!)
        let table = try CSVReader(file: try Self.write(utf16)).read()
        #expect(table.rows[0] == ["1", "李", "伟", ""])
    }

    @Test func headerSpellingsAreRecognisedAndMapOverrides() throws {
        let result = try Self.importing("employee_id,first_name,last_name,manager_id,job_title,Department\n7,Ann,Lee,,CEO,Board\n8,Bo,Ng,7,CFO,Finance\n")
        #expect(result.org.people["8"]?.name.display(.en) == "Bo Ng")
        #expect(result.org.posts["post.8"]?.title.display(.en) == "CFO")
        #expect(result.org.units["u.finance"]?.name.display(.en) == "Finance")
        let mapped = try HRImport(file: "t.csv", map: ["boss": .manager, "who": .id]).run(CSVReader(file: "t.csv").parse("who,boss,name\na,,A\nb,a,B\n"))
        #expect(mapped.org.posts["post.b"]?.reportsTo?.to == "post.a")
    }

    @Test func problemsBecomeWarningsWithRowsAndTheRestImports() throws {
        let result = try Self.importing("id,name,manager\n1,A,\n2,B,1\n2,B again,1\n3,C,3\n4,D,99\n5,E,6\n6,F,5\n,G,1\n")
        #expect(result.warnings.map(\.description) == [
            "t.csv:2:1: warning: unit 'u.organization' has 4 posts whose solid line goes outside it; '1', to whom 2 of its 6 report, is taken as its head (turn this off with --no-unit-tree)"
                + "\nt.csv:5:1: note: '3' has no line up, so reports to the head by the unit tree"
                + "\nt.csv:6:1: note: '4' has no line up, so reports to the head by the unit tree"
                + "\nt.csv:7:1: note: '5' has no line up, so reports to the head by the unit tree",
            "t.csv:4:1: warning: duplicate id '2'; the row is left out (the first with this id is kept)",
            "t.csv:5:3: warning: '3' reports to themselves; the line is left out",
            "t.csv:6:3: warning: '4' reports to unknown id '99'; the line is left out",
            "t.csv:7:3: warning: reporting cycle '5' → '6' → '5'; the line of '5' is left out",
            "t.csv:9:1: warning: row has no id; left out",
        ])
        #expect(result.rowsRead == 8)
        #expect(result.rowsImported == 6)
        #expect(result.rowsDropped == 2)
        #expect(result.org.people.count == 6)
        #expect(result.org.validate().filter { $0.severity == .error }.isEmpty)
    }

    @Test(arguments: [
        ("unbalanced", "id,name\n1,\"open\n2,B\n", "t.csv:2:3: error: a quoted field is never closed; add the closing quote"),
        ("ragged", "id,name,manager\n1,A,\n2,B\n", "t.csv:3:1: error: row has 2 fields but the header has 3; check the quoting of this row"),
        ("quote inside", "id,name\n1,Ab\"c\n", "t.csv:2:5: error: a quote inside an unquoted field; quote the whole field and double the quote (\"\")"),
        ("after quote", "id,name\n1,\"A\"b\n", "t.csv:2:6: error: text after the closing quote of a field; put a delimiter after the quote"),
        ("empty", "", "t.csv:1:1: error: the file is empty; expected a header line and rows"),
        ("blank lines", "\n\n", "t.csv:1:1: error: the file is empty; expected a header line and rows"),
    ])
    func brokenCSVsFailWithAPlace(_ name: String, _ text: String, _ expected: String) {
        do {
            _ = try CSVReader(file: "t.csv").parse(text)
            Issue.record("\(name): expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [expected], "\(name)")
        }
    }

    /// Quoted fields keep what they hold exactly, whether taken whole (no quote or break inside,
    /// a delimiter or break after) or byte by byte, and fail at the same place.
    @Test func quotedFieldsReadExactlyEitherWay() throws {
        let text = "\"id\",\"name\",\"note\"\r\n\"1\",\"  A, B  \",\"\"\r\n\"2\",\"刘逍\",\"x \"\"y\"\"\"\n3,\"\",\"end\""
        let table = try CSVReader(file: "t.csv").parse(text)
        #expect(table.header == ["id", "name", "note"])
        #expect(table.rows == [["1", "  A, B  ", ""], ["2", "刘逍", "x \"y\""], ["3", "", "end"]])
        #expect(table.lines == [2, 3, 4])
        // Invalid UTF-8 in a quoted field: the same place with a delimiter after it (taken whole)
        // and at the end of the file (byte by byte).
        for end in ["\n", ""] {
            let path = try Self.write(Data("id,name\n1,\"Caf".utf8) + Data([0xE9]) + Data("\"\(end)".utf8))
            #expect(throws: DiagnosticError.self) { try CSVReader(file: path).read() }
            do {
                _ = try CSVReader(file: path).read()
            } catch {
                #expect(error.diagnostics.map { $0.description.replacingOccurrences(of: path, with: "t.csv") } == ["t.csv:2:3: error: invalid UTF-8 in a field; save the file as UTF-8"])
            }
        }
    }

    @Test func wrongEncodingAndNULBytesFail() throws {
        let latin1 = try Self.write(Data("id,name\n1,Caf".utf8) + Data([0xE9]) + Data("\n".utf8))
        #expect(throws: DiagnosticError.self) { try CSVReader(file: latin1).read() }
        let utf16 = try Self.write("id,name\n1,A\n".data(using: .utf16LittleEndian)!)
        do {
            _ = try CSVReader(file: utf16).read()
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.first?.message.contains("NUL byte") == true)
        }
    }

    @Test func aFileThatCannotBeReadFailsNamingIt() throws {
        // A folder opens for reading on Linux, but reading it fails (EISDIR).
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let expected = ["error: cannot read '\(folder.path)': Is a directory"]
        var table: CSVTable?
        do {
            table = try CSVReader(file: folder.path).read()
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == expected)
        }
        #expect(table == nil)
        do {
            _ = try HRImport.load(csv: folder.path)
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == expected)
        }
    }

    /// A file's bytes in two good pieces, then the error of a failing disk.
    static func failingAfterTwoPieces() -> CSVReader.ChunkSource {
        var pieces = [Data("id,name,manager\n1,A,\n2,B,1\n".utf8), Data("3,C,1\n4,D".utf8)]
        return { _ in
            if pieces.isEmpty { throw POSIXError(.EIO) }
            return pieces.removeFirst()
        }
    }

    @Test func aReadErrorMidFileGivesNoPartialTable() throws {
        var table: CSVTable?
        do {
            table = try CSVReader(file: "t.csv").read(chunks: Self.failingAfterTwoPieces())
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["error: cannot read 't.csv': Input/output error"])
        }
        #expect(table == nil)
        // Streamed, the records before the failure arrive, then the error.
        var streamed: [[String]] = []
        do {
            try CSVReader(file: "t.csv").forEachRecord(chunks: Self.failingAfterTwoPieces()) { record, _ in streamed.append(record) }
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["error: cannot read 't.csv': Input/output error"])
        }
        #expect(streamed == [["id", "name", "manager"], ["1", "A", ""], ["2", "B", "1"], ["3", "C", "1"]])
    }

    @Test func fieldsAcrossReadBoundariesReadAsInMemory() throws {
        // About 3 MiB of rows of varied widths, quoted and not, some non-ASCII, so that fields
        // straddle the 1 MiB pieces the file is read in.
        var rng = SplitMix64(seed: 11)
        var text = "id,name,manager,note\n"
        var row = 0
        while text.utf8.count < 3 << 20 {
            row += 1
            let name = String(repeating: "x", count: Int.random(in: 0..<40, using: &rng)) + (row % 7 == 0 ? "刘逍" : "")
            let note = row % 5 == 0 ? "\"said \"\"hi\"\", then\nleft\"" : String(repeating: "n", count: Int.random(in: 0..<90, using: &rng))
            text += "\(row),\(name),\(row > 1 ? String(row / 2) : ""),\(note)\r\n"
        }
        let path = try Self.write(Data(text.utf8))
        let streamed = try CSVReader(file: path).read()
        let inMemory = try CSVReader(file: "t.csv").parse(text)
        #expect(streamed.rows == inMemory.rows)
        #expect(streamed.lines == inMemory.lines)
        #expect(streamed.rows.count == row)
        #expect(streamed.rows[34][1].hasSuffix("刘逍") && streamed.rows[4][3] == "said \"hi\", then\nleft")
    }

    @Test func aHugeSingleLineFailsFastWithoutFillingMemory() throws {
        // 1 GiB on one line, written in chunks; the reader stops at its field limit.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("huge.csv").path
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let chunk = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<1024 { handle.write(chunk) }
        try handle.close()
        do {
            _ = try CSVReader(file: path).read()
            Issue.record("expected an error")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["\(path):1:1: error: a field longer than 1 MiB starting at line 1; is this really CSV?"])
        }
    }

    /// A file read as a table in memory, as a stream and in halves reports the same first
    /// problem: a file that is not valid CSV as such, before what is wrong with its header or
    /// rows (found by fuzzing: the stream reported the header first).
    @Test(arguments: [
        Data("id$name,manager\n1,Caf".utf8) + Data([0xE9]) + Data(",\n".utf8),
        Data("id,name,manager\n1,A\n2,B,1\n3,C".utf8) + Data([0xE9]) + Data(",1\n".utf8),
        Data("md,name,manager\r\n2,A,\r\n2,B\r\n".utf8),
    ])
    func everyWayOfReadingReportsTheSameFirstProblem(_ bytes: Data) throws {
        let path = try Self.write(bytes)
        func problems(_ read: () throws(DiagnosticError) -> ImportResult) -> [String] {
            do {
                _ = try read()
                return []
            } catch {
                return error.diagnostics.map { $0.description.replacingOccurrences(of: path, with: "t.csv") }
            }
        }
        let table = problems { () throws(DiagnosticError) in try HRImport(file: path).run(CSVReader(file: path).read()) }
        #expect(table.count == 1 && table[0].hasPrefix("t.csv:") && (table[0].contains("invalid UTF-8") || table[0].contains("fields but the header")), "\(table)")
        #expect(problems { () throws(DiagnosticError) in try HRImport.load(csv: path, splitAbove: Int.max) } == table)
        #expect(problems { () throws(DiagnosticError) in try HRImport.load(csv: path, splitAbove: 0) } == table)
    }

    /// Start dates are days: ISO as written (a time after it dropped), A/B/YYYY in the order the
    /// column settles; anything else stops the import at its row.
    @Test(arguments: [
        ("2020-02-29\n2021-03-04 00:00:00\n2022-01-05T09:00", ["2020-02-29", "2021-03-04", "2022-01-05"]),
        ("05/01/1992\n08/14/1992\n", ["1992-05-01", "1992-08-14"]),
        ("31.12.1999\n1.2.2000\n", ["1999-12-31", "2000-02-01"]),
        ("2024/01/15\n2024.2.3\n2024-3-4 09:00", ["2024-01-15", "2024-02-03", "2024-03-04"]),
        // Day and month alike read either way, and settle nothing.
        ("05/05/2023\n06/06/2023", ["2023-05-05", "2023-06-06"]),
    ])
    func startDatesAreReadAsDays(_ column: String, _ days: [String]) throws {
        let rows = column.split(separator: "\n").enumerated().map { "\($0.offset + 1),N\($0.offset),\($0.offset == 0 ? "" : "1"),\($0.element)" }
        let org = try Self.importing("id,name,manager,start_date\n" + rows.joined(separator: "\n") + "\n").org
        #expect((1...days.count).map { org.people[PersonID(String($0))]?.attributes["start"] } == days)
    }

    @Test(arguments: [
        ("2020-13-01", "t.csv:3:4: error: start date '2020-13-01' is not a real day"),
        ("2025-02-30", "t.csv:3:4: error: start date '2025-02-30' is not a real day"),
        ("yesterday", "t.csv:3:4: error: start date 'yesterday' is not a date written YYYY-MM-DD, YYYY/MM/DD or DD/MM/YYYY"),
        ("2024/02/30", "t.csv:3:4: error: start date '2024/02/30' is not a real day"),
        ("01/02/2020", "t.csv:3:4: error: start date '01/02/2020' could be 1/2 or 2/1 as day/month, and no date in the column tells which"),
        ("13/02/2020\n3,C,1,02/13/2020", "t.csv:4:4: error: start date '02/13/2020' and '13/02/2020' put the day and the month in different orders"),
        ("30/02/2020", "t.csv:3:4: error: start date '30/02/2020' is not a real day"),
    ])
    func aStartDateThatIsNoDayStopsTheImportAtItsRow(_ value: String, _ expected: String) throws {
        let text = "id,name,manager,start_date\n1,A,,\(value.hasPrefix("0") ? "" : "2020-01-01")\n2,B,1,\(value)\n"
        var problem: [String] = []
        do throws(DiagnosticError) {
            _ = try HRImport(file: "t.csv").run(CSVReader(file: "t.csv").parse(text))
        } catch {
            problem = error.diagnostics.map(\.description)
        }
        let message = expected + "; write the column's dates YYYY-MM-DD, or leave it out with --map 'start_date=ignore'"
        #expect(problem == [message], "\(problem)")
    }

    @Test func columnsLeftUnreadAreWarnedOf() throws {
        let result = try Self.importing("id,name,manager_id,supervisor,Shoe size,x\n1,A,,,,\n2,B,1,1,,\n")
        #expect(result.warnings.map(\.description) == [
            "t.csv:1:1: warning: import csv does not read columns 'Shoe size', 'x'; they are ignored (give a column a field with --map COLUMN=FIELD)",
            "t.csv:1:4: warning: column 'supervisor' also reads as the manager column; 'manager_id' is used and this one ignored (choose with --map 'supervisor=manager' --map 'manager_id=ignore')",
        ])
        // A mapped column wins over one the header names so.
        let mapped = try HRImport(file: "t.csv", map: ["name": .id]).run(CSVReader(file: "t.csv").parse("id,name,manager\n1,a,\n2,b,a\n"))
        #expect(mapped.org.people.keys.map(\.rawValue) == ["a", "b"])
        #expect(mapped.warnings.map(\.description) == [
            "t.csv:1:1: warning: column 'id' also reads as the id column; 'name' is used and this one ignored (choose with --map 'id=id' --map 'name=ignore')",
        ])
        // A column mapped to ignore is ignored without a word.
        let quiet = try HRImport(file: "t.csv", map: ["Shoe size": .ignore, "x": .ignore, "supervisor": .ignore]).run(CSVReader(file: "t.csv").parse("id,name,manager_id,supervisor,Shoe size,x\n1,A,,,,\n"))
        #expect(quiet.warnings.isEmpty)
    }
}
