import Foundation
import Testing

/// The flags every command shares behave the same everywhere: a day given twice, `--json`,
/// `--as-of` on the commands that gained it.
@Suite struct FlagTests {
    @Test func aDayGivenTwiceDifferentlyIsAUsageError() throws {
        for command in [["chain", "Graphs/kuaishou@2022-11", "liu-xiao"], ["stats", "Graphs/kuaishou@2022-11"],
                        ["export", "Graphs/kuaishou@2022-11", "--to", "json"], ["validate", "Graphs/kuaishou@2022-11"]] {
            let run = try Run(arguments: command + ["--as-of", "2025-09-30"])
            #expect(run.status == 64, "\(command)")
            #expect(run.stdout == "")
            #expect(run.stderr.hasPrefix("Error: 'Graphs/kuaishou@2022-11' asks for 2022-11 and --as-of for 2025-09-30; give the day once\n"), "\(run.stderr)")
        }
        // The same day twice is the day.
        let same = try Run("chain", "Graphs/kuaishou@2025-09-30", "liu-xiao", "--as-of", "2025-09-30", "--json")
        #expect(same.status == 0)
        #expect(same.chainPeople == ["liu-xiao", "wang-jianwei", "cheng-yixiao"])
    }

    @Test func asOfOnExportAndRenderIsTheDaysState() throws {
        let viaOption = try Run("export", "Graphs/kuaishou", "--as-of", "2023-11", "--to", "json")
        let viaSuffix = try Run("export", "Graphs/kuaishou@2023-11", "--to", "json")
        #expect(viaOption.status == 0)
        #expect(viaOption.stdout == viaSuffix.stdout)
        #expect(viaOption.stdout.contains("\"asOf\": \"2023-11\""))
        let dot = try Run("render", "Graphs/kuaishou", "--as-of", "2022-11", "--format", "dot")
        #expect(dot.status == 0)
        #expect(dot.stdout == (try Run("render", "Graphs/kuaishou@2022-11", "--format", "dot")).stdout)
        #expect(!dot.stdout.contains("生活服务事业部"))
    }

    @Test func validateJSONGivesEachDiagnosticWithItsPlace() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("bad.yaml").path
        try "units:\n  - id: u\n    name: U\nposts:\n  - id: p\n    unit: nowhere\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try Run("validate", file, "Graphs/kuaishou", "--json")
        #expect(run.status == 1)
        #expect(run.stderr == "")
        let results = try #require(run.json?["results"] as? [[String: Any]])
        #expect(results.map { $0["path"] as? String } == [file, "Graphs/kuaishou"])
        #expect(results.map { $0["errors"] as? Int } == [1, 0])
        #expect(results.map { $0["files"] as? Int } == [1, 7])  // 4 snapshots and 3 changesets
        let diagnostic = try #require((results[0]["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["severity"] as? String == "error")
        #expect(diagnostic["message"] as? String == "post 'p' is in unknown unit 'nowhere'")
        #expect(diagnostic["file"] as? String == file)
        #expect(diagnostic["line"] as? Int == 6)
        #expect(diagnostic["column"] as? Int == 11)
    }

    @Test func diffJSONIsFormatJSON() throws {
        let json = try Run("diff", "Graphs/kuaishou@2023-11", "Graphs/kuaishou@2025-09-30", "--json")
        let format = try Run("diff", "Graphs/kuaishou@2023-11", "Graphs/kuaishou@2025-09-30", "--format", "json")
        #expect(json.status == 0)
        #expect(json.stdout == format.stdout)
        #expect(json.json?["changes"] != nil)
        let clash = try Run("diff", "Graphs/kuaishou@2023-11", "Graphs/kuaishou@2025-09-30", "--json", "--format", "changeset")
        #expect(clash.status == 64)
        #expect(clash.stderr.hasPrefix("Error: --json and --format changeset do not go together\n"))
    }

    @Test func historyAsOfIsTheRecordUpToThatDay() throws {
        let before = try Run("history", "Graphs/kuaishou", "liu-xiao", "--as-of", "2025-09-29", "--lang", "en")
        #expect(before.status == 0)
        #expect(before.stdout == """
            person 'liu-xiao' (Liu Xiao)
            2022-11
              + named Liu Xiao  [article:L85]
              + status active  [article:L85]
              + Head of Commercialization lead-ad products, Lead-ad industry, product and middle-platform teams  [article:L87, inferred]
              + reports to Wang Jianwei (head of Commercialization BU) (implied)

            """)
        let after = try Run("history", "Graphs/kuaishou@2025-09-30", "liu-xiao", "--lang", "en")
        #expect(after.stdout.contains("2025-09-30  [date: article:L75, inferred]\n"))
        #expect(after.stdout.contains("\n  + heads Life Services BU  [article:L85]\n"))
        // A month asked for is its first day: the snapshot of 2022-11 is in force on it.
        let month = try Run("history", "Graphs/kuaishou@2022-11", "liu-xiao", "--lang", "en")
        #expect(month.stdout == before.stdout)
        let tooEarly = try Run("history", "Graphs/kuaishou", "liu-xiao", "--as-of", "2020-01-01")
        #expect(tooEarly.status == 1)
        #expect(tooEarly.stderr == "error: 'Graphs/kuaishou' has no snapshot on or before 2020-01-01\n")
    }
}

/// `-` stands for an org piped in, in any of the formats a file can be.
@Suite struct StandardInputTests {
    @Test func anOrgPipedInAnswersAsItsFile() throws {
        let yaml = try String(contentsOfFile: "\(Run.repository.path)/Graphs/kuaishou/2025-09-30.yaml", encoding: .utf8)
        let json = try Run("export", "Graphs/kuaishou", "--to", "json").stdout
        let csv = try Run("export", "Graphs/kuaishou", "--to", "csv").stdout
        let fromFile = try Run("chain", "Graphs/kuaishou", "liu-xiao", "--json")
        for (format, text) in [("yaml", yaml), ("json", json)] {
            let piped = try Run(arguments: ["chain", "-", "liu-xiao", "--json"], input: text)
            #expect(piped.status == 0, "\(format): \(piped.stderr)")
            #expect(piped.stdout == fromFile.stdout, "\(format)")
        }
        // An HR CSV piped in reads as the same file would.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("org.csv").path
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        let piped = try Run(arguments: ["stats", "-", "--json"], input: csv)
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout == (try Run("stats", file, "--json")).stdout)
    }

    @Test func problemsInAPipedOrgNameStandardInput() throws {
        let csv = try Run(arguments: ["chain", "-", "2"], input: "id,name,manager\n1,A,\n2,B,1\n2,C,1\n")
        #expect(csv.status == 0)
        #expect(csv.stderr == "<stdin>:4:1: warning: duplicate id '2'; the row is left out (the first with this id is kept)\n")
        let yaml = try Run(arguments: ["validate", "-"], input: "units:\n  - id: u\n    name: U\nposts:\n  - id: p\n    unit: nowhere\n")
        #expect(yaml.status == 1)
        #expect(yaml.stderr == "<stdin>:6:11: error: post 'p' is in unknown unit 'nowhere'\n")
        #expect(yaml.stdout == "-: 1 file, 1 error, 0 warnings\n")
        let early = try Run(arguments: ["chain", "-", "liu-xiao", "--as-of", "2020-01-01"],
                            input: try String(contentsOfFile: "\(Run.repository.path)/Graphs/kuaishou/2025-09-30.yaml", encoding: .utf8))
        #expect(early.status == 1)
        #expect(early.stderr == "error: '-' describes the org as of 2025-09-30, later than the 2020-01-01 asked for\n")
    }

    @Test func pipedInputIsToldApartByItsFirstLine() throws {
        // JSON goes to the JSON reader (a late 'lang' applies to every text, as in a file).
        let json = #"{"units":[{"id":"u","name":"单位","head":"p"}],"people":[{"id":"p","name":"人"}],"lang":"zh"}"#
        let piped = try Run(arguments: ["stats", "-", "--json"], input: json)
        #expect(piped.status == 0, "\(piped.stderr)")
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("l.json").path
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        let fromFile = try Run("stats", file, "--json")
        #expect(fromFile.status == 0, "\(fromFile.stderr)")
        #expect(piped.stdout == fromFile.stdout)
        #expect(try Run("export", file, "--to", "json").stdout.contains(#""zh": "单位""#))
        // A trailing comma is JSON's error from a pipe as from a file.
        let comma = try Run(arguments: ["validate", "-"], input: #"{"units": [],}"#)
        #expect(comma.status == 1)
        #expect(comma.stderr.hasPrefix("<stdin>:1:14: error:"), "\(comma.stderr)")
        // A CSV header with a colon in a column's name is still a CSV.
        let csv = try Run(arguments: ["chain", "-", "2", "--json"], input: "id,name,Manager: ID\n1,A,\n2,B,1\n")
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.chainPeople == ["2", "1"])
    }

    /// Parameters that cannot mean anything are usage errors, before any work: a churn that is
    /// not a finite number of years, an absurd size, a column or field named twice.
    @Test(arguments: [
        (["generate", "--churn-from", "CSV", "--churn", "nan", "-o", "OUT"], "Error: --churn is a number from 0 to 20, 1 being a typical year"),
        (["generate", "--churn-from", "CSV", "--churn", "inf", "-o", "OUT"], "Error: --churn is a number from 0 to 20, 1 being a typical year"),
        (["generate", "--churn-from", "CSV", "--churn", "200", "-o", "OUT"], "Error: --churn is a number from 0 to 20, 1 being a typical year"),
        (["generate", "--people", "1000000000000", "-o", "OUT"], "Error: --people is at most 20000000 (a million people take about 400 MB)"),
        (["import", "csv", "CSV", "--map", "id=id", "--map", "id=name"], "Error: --map names the column 'id' twice; give each column once"),
        (["import", "csv", "CSV", "--map", "id=id", "--map", "name=id"], "Error: --map gives the field id to both 'id' and 'name'; give each field one column"),
        (["import", "csv", "CSV", "--columns", "id,name,id"], "Error: --columns names the column 'id' twice; give each column once"),
    ])
    func meaninglessParametersAreUsageErrors(_ template: [String], _ message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("people.csv").path
        try "id,name,manager_id\n1,Ada,\n2,Bo,1\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out.csv").path
        let run = try Run(arguments: template.map { $0 == "CSV" ? csv : $0 == "OUT" ? out : $0 })
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix(message + "\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// A question the batch cannot read, or a name it cannot find, stops it before any answer
    /// is written, and the message gives the question's line.
    @Test func aBadQuestionNamesItsLineAndNothingIsWritten() throws {
        let bad = try Run(arguments: ["batch", "Graphs/kuaishou", "--input", "-"], input: "chain liu-xiao\n\nwho is liu-xiao\n")
        #expect(bad.status == 1)
        #expect(bad.stdout == "")
        #expect(bad.stderr == "<stdin>:3:1: error: cannot read the question 'who is liu-xiao'; ask 'chain WHO', 'reports WHO' or 'common A B'\n")
        let unknown = try Run(arguments: ["batch", "Graphs/kuaishou", "--input", "-"], input: "chain liu-xiao\ncommon liu-xiao nobody-at-all\n")
        #expect(unknown.status == 1)
        #expect(unknown.stdout == "")
        #expect(unknown.stderr.hasPrefix("error: no person, post or unit 'nobody-at-all'"), "\(unknown.stderr)")
        #expect(unknown.stderr.hasSuffix("\n<stdin>:2:1: note: in the question 'common liu-xiao nobody-at-all'\n"), "\(unknown.stderr)")
        // A quote left open is no question (it was looked up as the name without its quote).
        let open = try Run(arguments: ["batch", "Graphs/kuaishou", "--input", "-"], input: "chain \"Liu Xiao\n")
        #expect(open.status == 1)
        #expect(open.stderr == "<stdin>:1:1: error: cannot read the question 'chain \"Liu Xiao'; ask 'chain WHO', 'reports WHO' or 'common A B'\n")
        // A line that starts with # is a comment; answers keep the questions' order.
        let commented = try Run(arguments: ["batch", "Graphs/kuaishou", "--input", "-"], input: "# who is above Liu Xiao\nchain liu-xiao\n  # done\n")
        #expect(commented.status == 0, "\(commented.stderr)")
        #expect((commented.json?["results"] as? [[String: Any]])?.map { $0["query"] as? String } == ["chain liu-xiao"])
    }

    /// Values an option cannot take, and a day written after @ in another shape, are said so.
    @Test func aDepthBelowOneAndADayNotWrittenYYYYMMDDAreSaid() throws {
        let depth = try Run("reports", "Graphs/kuaishou", "wang-jianwei", "--depth", "0")
        #expect(depth.status == 64)
        #expect(depth.stderr.hasPrefix("Error: --depth counts levels below WHO, from 1 (their direct reports); got 0\n"), "\(depth.stderr)")
        let day = try Run("chain", "Graphs/kuaishou@2023-2-1", "liu-xiao")
        #expect(day.status == 1)
        #expect(day.stderr == "error: no such file or folder 'Graphs/kuaishou@2023-2-1'; for the org 'Graphs/kuaishou' on a day, write the day after the @ as YYYY-MM-DD (or YYYY-MM, or YYYY)\n")
    }
}
