import Foundation
import OrgGraph
import Testing

/// One org in several files (YAML, its JSON export, an HR CSV read as it is and imported to
/// YAML) answers every question with the same bytes, as text and as JSON: every format is
/// read into one core, and every command answers from it.
@Suite(.serialized) struct SameAnswerTests {
    /// The questions asked of an org about these people (at least two).
    static func questions(_ people: [String], find: String) -> [[String]] {
        var questions: [[String]] = [["stats"], ["heads"], ["find", find]]
        for person in people {
            questions.append(["chain", person])
            questions.append(["reports", person, "--all", "--dotted"])
        }
        questions.append(["common", people[0], people[people.count - 1]])
        questions.append(["path", people[0], people[people.count - 1]])
        return questions.flatMap { [$0, $0 + ["--json"]] }
    }

    /// Runs each question on every file; the outputs, with each file's path written as ORG,
    /// and the exit codes must be the same.
    static func expectSameAnswers(_ files: [String], _ questions: [[String]], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for question in questions {
            let runs = try files.map { file in
                let run = try Run(arguments: [question[0], file] + question.dropFirst())
                return (run.status, run.stdout.replacingOccurrences(of: file, with: "ORG"), run.stderr)
            }
            for (file, run) in zip(files, runs).dropFirst() {
                #expect(run.0 == runs[0].0 && run.1 == runs[0].1, "\(question) on \(file) and \(files[0]): \(run.2) \(runs[0].2)", sourceLocation: sourceLocation)
            }
            #expect(!runs[0].1.isEmpty, "\(question) printed nothing: \(runs[0].2)", sourceLocation: sourceLocation)
        }
    }

    /// The diff of two versions, each side in several formats, as text and as JSON.
    static func expectSameDiffs(_ pairs: [(String, String)], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for format in [[], ["--format", "json"]] {
            let outputs = try pairs.map { old, new in
                let run = try Run(arguments: ["diff", old, new] + format)
                #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
                return run.stdout.replacingOccurrences(of: old, with: "OLD").replacingOccurrences(of: new, with: "NEW")
            }
            for (pair, output) in zip(pairs, outputs).dropFirst() {
                #expect(output == outputs[0], "diff \(format) of \(pair) and \(pairs[0])", sourceLocation: sourceLocation)
            }
        }
    }

    /// The people of an org who hold a post, in file order.
    static func peopleInPosts(_ file: String) throws -> [String] {
        let org = try OrgReference(path: file).load().org
        let holders = Set(org.posts.values.flatMap(\.holders))
        return org.people.keys.filter { holders.contains($0) }.map(\.rawValue)
    }

    /// Compiles an org file into an index file in `folder`, which every command reads in its place.
    static func index(_ file: String, in folder: URL) throws -> String {
        let index = folder.appendingPathComponent((file as NSString).lastPathComponent + ".orgindex").path
        let run = try Run("index", file, "-o", index)
        #expect(run.status == 0 && run.stderr.hasSuffix("wrote \(index)\n"), "\(run.stderr)")
        return index
    }

    static func export(_ file: String, to json: String) throws {
        let run = try Run("export", file, "--to", "json", "-o", json)
        #expect(run.status == 0, "\(run.stderr)")
    }

    @Test(arguments: ["2022-11", "2022-12", "2023-11", "2025-09-30"])
    func aKuaishouSnapshotAnswersAsItsJSON(_ day: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = "Graphs/kuaishou/\(day).yaml"
        guard FileManager.default.fileExists(atPath: Run.repository.appendingPathComponent(yaml).path) else {
            Issue.record("no snapshot \(yaml)")
            return
        }
        let json = folder.appendingPathComponent("\(day).json").path
        try Self.export(yaml, to: json)
        let index = try Self.index(yaml, in: folder)
        let people = try Self.peopleInPosts(Run.repository.appendingPathComponent(yaml).path)
        try Self.expectSameAnswers([yaml, json, index], Self.questions([people[0], people[people.count / 2], people[people.count - 1]], find: "王"))
    }

    @Test func kuaishouDiffsAsItsJSON() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = "Graphs/kuaishou/2023-11.yaml", after = "Graphs/kuaishou/2025-09-30.yaml"
        let beforeJSON = folder.appendingPathComponent("before.json").path, afterJSON = folder.appendingPathComponent("after.json").path
        try Self.export(before, to: beforeJSON)
        try Self.export(after, to: afterJSON)
        try Self.expectSameDiffs([(before, after), (beforeJSON, afterJSON), (before, afterJSON)])
        // A file and its export are the same org.
        #expect(try Run("diff", after, afterJSON).stdout.hasSuffix("\n\nno changes\n"))
    }

    /// A generated HR export read as it is, imported to YAML, and exported from that to JSON.
    @Test func aCSVAnswersAsItsImport() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        #expect(try Run("generate", "--people", "400", "--seed", "11", "-o", path("a.csv")).status == 0)
        #expect(try Run("generate", "--churn-from", path("a.csv"), "--churn", "3", "--seed", "12", "-o", path("b.csv")).status == 0)
        for side in ["a", "b"] {
            #expect(try Run("import", "csv", path("\(side).csv"), "-o", path("\(side).yaml")).status == 0)
            try Self.export(path("\(side).yaml"), to: path("\(side).json"))
        }
        let (indexA, indexB) = (try Self.index(path("a.csv"), in: folder), try Self.index(path("b.csv"), in: folder))
        let files = [path("a.csv"), path("a.yaml"), path("a.json"), indexA]
        try Self.expectSameAnswers(files, Self.questions(["e1", "e57", "e400"], find: "Wang"))
        try Self.expectSameDiffs([(path("a.csv"), path("b.csv")), (path("a.yaml"), path("b.yaml")), (path("a.json"), path("b.json")), (indexA, indexB)])
    }

    /// Real exports: Chinook's employees read as they are and imported, and a Cabinet Office
    /// organogram imported and exported to JSON.
    @Test func realExportsAnswerAsTheirImports() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        let datasets = Run.repository.appendingPathComponent("../shared/datasets").standardized
        let chinook = datasets.appendingPathComponent("chinook/Employee.csv").path
        #expect(try Run("import", "csv", chinook, "-o", path("chinook.yaml")).status == 0)
        try Self.export(path("chinook.yaml"), to: path("chinook.json"))
        try Self.expectSameAnswers([chinook, path("chinook.yaml"), path("chinook.json"), try Self.index(chinook, in: folder)], Self.questions(["1", "5", "8"], find: "Andrew"))

        let organogram = datasets.appendingPathComponent("uk-gov-organograms/cabinet_office-2011-03-31").path
        #expect(try Run("import", "organogram", organogram + "-senior.csv", organogram + "-junior.csv", "-o", path("co.yaml")).status == 0)
        try Self.export(path("co.yaml"), to: path("co.json"))
        let people = try Self.peopleInPosts(path("co.yaml"))
        try Self.expectSameAnswers([path("co.yaml"), path("co.json"), try Self.index(path("co.yaml"), in: folder)], Self.questions([people[0], people[people.count / 2], people[people.count - 1]], find: "Director"))
    }
}
