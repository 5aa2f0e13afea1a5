import ArgumentParser
import Foundation
import OrgGraph
import Testing

@testable import orggraph

@Suite(.serialized) struct ScaleCommandTests {
    @Test func generateBatchAndDiffACSVOrg() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.csv").path
        let b = folder.appendingPathComponent("b.csv").path
        #expect(try Run("generate", "--people", "5000", "--seed", "3", "-o", a).status == 0)
        #expect(try Run("generate", "--churn-from", a, "--seed", "4", "-o", b).status == 0)
        // Same seed, same bytes.
        let again = folder.appendingPathComponent("again.csv").path
        #expect(try Run("generate", "--people", "5000", "--seed", "3", "-o", again).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: again)))

        // One load, many questions; the same answers as the commands give one by one.
        let questions = folder.appendingPathComponent("q.txt")
        try "chain e4000\nreports e2\ncommon e4000 e4999\n".write(to: questions, atomically: true, encoding: .utf8)
        let batch = try Run("batch", a, "--input", questions.path)
        #expect(batch.status == 0)
        let results = try #require(batch.json?["results"] as? [[String: Any]])
        #expect(results.count == 3)
        let chain = try Run("chain", a, "e4000", "--json")
        let chainSteps = ((chain.json?["chain"] as? [[String: Any]]) ?? []).map { $0["person"] as? String }
        #expect(((results[0]["chain"] as? [[String: Any]]) ?? []).map { $0["person"] as? String } == chainSteps)
        #expect(chainSteps.last == "e1")
        // Several people at once, from arguments and from a file.
        let several = try Run("chain", a, "e10", "e20", "--json")
        #expect((several.json?["results"] as? [[String: Any]])?.map { $0["who"] as? String } == ["e10", "e20"])

        // The CSV is read as a table for queries and as the model elsewhere: same chain.
        let model = try Run("chain", a, "e4000", "--as-of", "2030-01-01", "--json")
        #expect(model.stdout == chain.stdout)

        // The diff of two exports names everyone and finds renamed departments.
        let diff = try Run("diff", a, b)
        #expect(diff.status == 0)
        #expect(diff.stdout.contains("25 add-person") && diff.stdout.contains("25 remove-person"), "\(diff.stdout.suffix(400))")
        #expect(diff.stdout.contains(" rename-unit"))
        let joiner = try #require(diff.stdout.split(separator: "\n").first { $0.contains("+ person ") })
        #expect(joiner.contains("['e100000"))
    }

    /// `index` writes the index beside the org; every command reads it in the org's place, and
    /// never answers from an index older than its source.
    @Test func anIndexFileAnswersForItsOrgAndFollowsItsChanges() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("org.csv").path
        #expect(try Run("generate", "--people", "2000", "--seed", "5", "-o", csv).status == 0)
        let made = try Run("index", csv)
        #expect(made.status == 0 && made.stderr.hasSuffix("wrote \(csv).orgindex\n"))
        let index = csv + ".orgindex"
        // The same org gives the same index file, in any process.
        let other = folder.appendingPathComponent("other.orgindex").path
        #expect(try Run("index", csv, "-o", other).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == Data(contentsOf: URL(fileURLWithPath: index)))
        for question in [["chain", "e1999"], ["stats", "--json"], ["validate"]] {
            let (fromIndex, fromCSV) = (try Run(arguments: [question[0], index] + question.dropFirst()), try Run(arguments: [question[0], csv] + question.dropFirst()))
            #expect(fromIndex.status == 0 && fromIndex.stdout.replacingOccurrences(of: index, with: csv) == fromCSV.stdout, "\(question): \(fromIndex.stderr)")
        }
        // e1999 moves under e1: the index follows, saying no more than the CSV says, and is made again.
        var rows = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(rows.firstIndex { $0.hasPrefix("e1999,") })
        var cells = rows[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[2] = "e1"
        rows[row] = cells.joined(separator: ",")
        try rows.joined(separator: "\n").write(toFile: csv, atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        let moved = try Run("chain", index, "e1999", "--json")
        let fromCSV = try Run("chain", csv, "e1999", "--json")
        #expect(moved.status == 0 && moved.stderr == fromCSV.stderr && moved.stdout == fromCSV.stdout, "\(moved.stderr)")
        #expect(((moved.json?["chain"] as? [[String: Any]]) ?? []).map { $0["person"] as? String } == ["e1999", "e1"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) != before)
        let again = try Run("chain", index, "e1999", "--json")
        #expect(again.stdout == moved.stdout && again.stderr == moved.stderr)

        // What cannot be indexed is a usage error; a damaged index an error that says what to do.
        for arguments in [["index", folder.path], ["index", csv + "@2025-01-01"], ["index", "-"], ["index", index],
                          ["index", csv, "-o", folder.appendingPathComponent("x.bin").path]] {
            let run = try Run(arguments: arguments)
            #expect(run.status == 64, "\(arguments): \(run.stderr)")
        }
        var damaged = try Data(contentsOf: URL(fileURLWithPath: index))
        damaged[damaged.count / 2] ^= 1
        try damaged.write(to: URL(fileURLWithPath: index))
        let refused = try Run("chain", index, "e1999")
        #expect(refused.status == 1)
        #expect(refused.stderr == "error: '\(index)' is not a whole index file (its bytes do not match their hash); make it again with 'orggraph index' of its org\n")
    }

    @Test func aJSONOrgAnswersAsItsYAML() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("kuaishou.json").path
        #expect(try Run("export", "Graphs/kuaishou/2025-09-30.yaml", "--to", "json", "-o", json).status == 0)
        // The JSON is read as a table; the answers and their text are the YAML's.
        for arguments in [["chain", "刘逍"], ["chain", "liu-xiao", "cheng-yixiao", "--json"], ["reports", "wang-jianwei", "--all", "--dotted"],
                          ["common", "liu-xiao", "cheng-yixiao"], ["path", "liu-xiao", "wang-jianwei", "--json"]] {
            let fromJSON = try Run(arguments: [arguments[0], json] + arguments.dropFirst())
            let fromYAML = try Run(arguments: [arguments[0], "Graphs/kuaishou/2025-09-30.yaml"] + arguments.dropFirst())
            #expect(fromJSON.status == 0 && fromJSON.stdout == fromYAML.stdout, "\(arguments): \(fromJSON.stderr)")
        }
        // A JSON file the table does not read (a shorthand) is read by the general reader.
        let short = folder.appendingPathComponent("short.json").path
        try #"{"units": [{"id": "co", "name": "Co", "head": "boss"}], "people": [{"id": "boss", "name": "Boss"}, {"id": "ic", "name": "IC", "reportsTo": "boss"}]}"#
            .write(toFile: short, atomically: true, encoding: .utf8)
        let chain = try Run("chain", short, "ic")
        #expect(chain.status == 0)
        #expect(chain.stdout == "1. IC [ic] · Co\n2. Boss [boss] · 负责人 Head, Co  (explicit line)\n")
        // And its errors are the general reader's, where they are.
        try #"{"units": [{"id": "co", "name": "Co"}], "posts": [{"id": "p", "unit": "co", "reportsTo": "nobody"}]}"#.write(toFile: short, atomically: true, encoding: .utf8)
        let broken = try Run("chain", short, "p")
        #expect(broken.status == 1)
        #expect(broken.stderr == "\(short):1:90: error: post 'p' reports to unknown person or post 'nobody'\n")
    }

    @Test func jsonShorthandsReadAsTheirYAML() throws {
        // The JSON reader is the only reader of JSON orgs, of any size: it takes the shorthands
        // the YAML reader takes, to the same org.
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let json = folder.appendingPathComponent("org.json").path
        let yaml = folder.appendingPathComponent("org.yaml").path
        try #"""
            {"units": [{"id": "co", "name": "Co", "head": "boss"},
                       {"id": "eng", "name": "Eng", "parent": "co", "head": {"holders": ["ann"], "title": "CTO", "reportsTo": "boss", "note": "n"}}],
             "people": [{"id": "boss", "name": "Boss"}, {"id": "ann", "name": "Ann"},
                        {"id": "bo", "name": "Bo", "title": "Engineer", "unit": "eng", "source": "memo", "dotted": "boss"}],
             "sources": {"memo": "A memo"}}
            """#.write(toFile: json, atomically: true, encoding: .utf8)
        try """
            sources: {memo: A memo}
            units:
              - {id: co, name: Co, head: boss}
              - {id: eng, name: Eng, parent: co, head: {holders: [ann], title: CTO, reportsTo: boss, note: n}}
            people:
              - {id: boss, name: Boss}
              - {id: ann, name: Ann}
              - {id: bo, name: Bo, title: Engineer, unit: eng, source: memo, dotted: boss}
            """.write(toFile: yaml, atomically: true, encoding: .utf8)
        for command in [["chain", "bo", "--json"], ["stats", "--json"], ["reports", "boss", "--all", "--dotted", "--json"]] {
            let fromJSON = try Run(arguments: [command[0], json] + command.dropFirst())
            let fromYAML = try Run(arguments: [command[0], yaml] + command.dropFirst())
            #expect(fromJSON.status == 0, "\(command): \(fromJSON.stderr)")
            #expect(fromJSON.stdout == fromYAML.stdout, "\(command)")
        }
        #expect(try Run("export", json, "--to", "json").stdout == (try Run("export", yaml, "--to", "json")).stdout)
        #expect(try Run("chain", json, "bo").stdout.contains("Engineer"))
        // A problem in a shorthand is placed in the JSON file.
        try #"{"units": [{"id": "co", "name": "Co", "head": "nobody"}]}"#.write(toFile: json, atomically: true, encoding: .utf8)
        let (diagnostics, _) = Validate.check(json)
        #expect(diagnostics.map(\.description) == ["\(json):1:47: error: the head of 'co' is held by unknown person 'nobody'"])
    }

    /// Departments whose names share a slug get one id each by one rule, on the fast path for
    /// CSV files and on the general path that `--as-of` takes alike.
    @Test func unitsWithTheSameSlugGetTheSameIdsOnEveryPath() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("x.csv").path
        try "id,name,manager,department\n1,Ann,,R&D\n2,Bob,1,R D\n3,Cy,1,R-D\n".write(toFile: csv, atomically: true, encoding: .utf8)
        func units(_ arguments: String...) throws -> [String?] {
            let run = try Run(arguments: ["chain", csv, "2", "3", "--json"] + arguments)
            #expect(run.status == 0, "\(run.stderr)")
            let results = try #require(run.json?["results"] as? [[String: Any]])
            return results.map { (($0["chain"] as? [[String: Any]])?.first?["unit"]) as? String }
        }
        #expect(try units() == ["u.r-d-2", "u.r-d-3"])
        #expect(try units("--as-of", "2030-01-01") == ["u.r-d-2", "u.r-d-3"])
        // An HR export says no day of its own: a day asked of it is said to choose nothing.
        let dated = try Run("stats", csv + "@2030-01-01")
        #expect(dated.status == 0)
        #expect(dated.stderr == "warning: '\(csv)' is not dated, so 2030-01-01 cannot choose a state of it: the answers are about the org as written "
            + "(a timeline folder of dated snapshots has a state for each day)\n")
        #expect(try Run("stats", csv).stderr.isEmpty)
        // As it is of an org file without asOf, whichever way the command reads it.
        let yaml = folder.appendingPathComponent("x.yaml").path
        try "units:\n  - {id: u, name: U}\n".write(toFile: yaml, atomically: true, encoding: .utf8)
        for arguments in [["render", yaml + "@2030-01-01", "-o", folder.appendingPathComponent("x.svg").path], ["stats", "-", "--as-of", "2030-01-01"]] {
            let run = try Run(arguments: arguments, input: arguments[1] == "-" ? "units:\n  - {id: u, name: U}\n" : nil)
            #expect(run.stderr.contains("is not dated, so 2030-01-01 cannot choose a state of it"), "\(arguments): \(run.stderr)")
        }
    }

    @Test func applyInPlaceIsTheOneWayToReplaceAnOrg() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = folder.appendingPathComponent("org.yaml").path
        try FileManager.default.copyItem(atPath: Run.repository.appendingPathComponent("Graphs/kuaishou/2023-11.yaml").path, toPath: org)
        let run = try Run("apply", org, "Graphs/kuaishou/changes/2025-09-30.yaml", "--in-place")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Run("diff", org, "Graphs/kuaishou").stdout.hasSuffix("no changes\n"))
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["org.yaml"])
    }

    /// An org is changed in its own file; an index of it is never written over with YAML, and
    /// follows the change.
    @Test func applyInPlaceOnAnIndexIsRefusedAndTheIndexFollowsItsOrg() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = folder.appendingPathComponent("org.yaml").path
        try FileManager.default.copyItem(atPath: Run.repository.appendingPathComponent("Graphs/kuaishou/2023-11.yaml").path, toPath: org)
        #expect(try Run("index", org).status == 0)
        let index = org + ".orgindex"
        let before = try Data(contentsOf: URL(fileURLWithPath: index))
        for arguments in [["--in-place"], ["-o", folder.appendingPathComponent("next.orgindex").path]] {
            let refused = try Run(arguments: ["apply", index, "Graphs/kuaishou/changes/2025-09-30.yaml"] + arguments)
            #expect(refused.status == 1)
            #expect(refused.stderr.contains("is named as an index file, which only 'orggraph index' writes"), "\(refused.stderr)")
        }
        let exported = try Run("export", org, "--to", "json", "-o", index)
        #expect(exported.status == 1 && exported.stderr.contains("is named as an index file, which only 'orggraph index' writes; name it .json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == before)
        #expect(try Run("apply", org, "Graphs/kuaishou/changes/2025-09-30.yaml", "--in-place").status == 0)
        #expect(try Run("diff", index, "Graphs/kuaishou").stdout.hasSuffix("no changes\n"))
    }

    @Test func noProgressLineWhenStandardErrorIsNotATerminal() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.csv").path
        let run = try Run("generate", "--people", "200000", "-o", a)
        #expect(run.stderr == "wrote \(a): 200000 people, \(run.stderr.split(separator: " ")[4]) units\n")
        #expect(!run.stderr.contains("\r"))
    }
}
