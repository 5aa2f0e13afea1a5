import ArgumentParser
import Foundation
import OrgGraph
import Yams
import Testing

@testable import orggraph

/// The folder for the files these tests write, one per test process, removed when it ends.
let testFiles: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orggraph-command-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: testFiles) }
    return folder
}()

/// A new, empty folder for one test, in ``testFiles``.
func temporaryFolder() throws -> URL {
    let folder = testFiles.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// An org file of this YAML, in a folder of its own (``temporaryFolder()``); its path.
func temporaryOrg(_ yaml: String) throws -> String {
    let path = try temporaryFolder().appendingPathComponent("org.yaml").path
    try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Runs the built `orggraph` binary from the repository root, as a user would.
struct Run {
    var status: Int32
    var stdout: String
    var stderr: String

    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("orggraph")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return repository.appendingPathComponent(".build/debug/orggraph")
    }()

    init(_ arguments: String...) throws {
        try self.init(arguments: arguments)
    }

    /// Runs the binary; `input`, when given, is piped to its standard input.
    init(arguments: [String], input: String? = nil) throws {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = Self.repository
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let pipe = input.map { _ in Pipe() }
        if let pipe { process.standardInput = pipe }
        try process.run()
        if let pipe, let input {
            // Written from another thread, so a child that writes before reading cannot block.
            let handle = pipe.fileHandleForWriting
            Thread.detachNewThread {
                handle.write(Data(input.utf8))
                try? handle.close()
            }
        }
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        status = process.terminationStatus
        stdout = String(decoding: outData, as: UTF8.self)
        stderr = String(decoding: errData, as: UTF8.self)
    }

    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any]
    }

    var chainPeople: [String] {
        ((json?["chain"] as? [[String: Any]]) ?? []).map { ($0["person"] as? String) ?? "null" }
    }
}

@Suite struct CommandLineTests {
    @Test func validateAcceptsTheKuaishouTimeline() throws {
        let run = try Run("validate", "Graphs/kuaishou")
        #expect(run.status == 0)
        #expect(run.stderr == "")
        // Four snapshots, and the three changesets between them, each giving the next.
        #expect(run.stdout == "Graphs/kuaishou: 7 files, 0 errors, 0 warnings\n")
    }

    @Test func validateChecksAChangesetAsAChangeset() throws {
        let run = try Run("validate", "Graphs/kuaishou/changes/2023-11.yaml")
        #expect(run.status == 0)
        #expect(run.stderr == "")
        #expect(run.stdout == "Graphs/kuaishou/changes/2023-11.yaml: 1 file, 0 errors, 0 warnings\n")
    }

    @Test func chainOfLiuXiaoAfterTheReorg() throws {
        let run = try Run("chain", "Graphs/kuaishou", "liu-xiao", "--json")
        #expect(run.status == 0)
        #expect(run.chainPeople == ["liu-xiao", "wang-jianwei", "cheng-yixiao"])
        let steps = try #require(run.json?["chain"] as? [[String: Any]])
        #expect(steps.map { $0["link"] as? String ?? "null" } == ["null", "explicit", "implied"])
        #expect(steps.first?["unit"] as? String == "local-life")
        #expect((steps.first?["name"] as? [String: String]) == ["zh": "刘逍", "en": "Liu Xiao"])
        // The same chain by Chinese name, byte for byte.
        let byName = try Run("chain", "Graphs/kuaishou", "刘逍", "--json")
        #expect(byName.stdout == run.stdout)
    }

    @Test func chainOfXiaoGuTheDayBefore() throws {
        let run = try Run("chain", "Graphs/kuaishou@2025-09-29", "xiao-gu", "--json")
        #expect(run.status == 0)
        #expect(run.chainPeople.first == "xiao-gu")
        #expect(run.chainPeople.last == "cheng-yixiao")
        let first = try #require((run.json?["chain"] as? [[String: Any]])?.first)
        #expect(first["post"] as? String == "head.local-life")
        let asOf = try Run("chain", "Graphs/kuaishou", "xiao-gu", "--as-of", "2025-09-29", "--json")
        #expect(asOf.stdout == run.stdout)
    }

    @Test func chainTextIsForPeople() throws {
        let run = try Run("chain", "Graphs/kuaishou", "Liu Xiao", "--lang", "zh")
        #expect(run.stdout == """
            1. 刘逍 [liu-xiao] · 负责人, 生活服务事业部
            2. 王剑伟 [wang-jianwei] · 高级副总裁, 快手  (explicit line)
            3. 程一笑 [cheng-yixiao] · 首席执行官, 快手  (implied line)

            """)
    }

    @Test func outputIsTheSameEveryRun() throws {
        let first = try Run("chain", "Graphs/kuaishou", "xiao-gu", "--json")
        let second = try Run("chain", "Graphs/kuaishou", "xiao-gu", "--json")
        #expect(first.stdout == second.stdout)
    }

    @Test(arguments: [
        ("dangling-reports-to.yaml", "8:16: error: 'liu-xiao' reports to unknown person or post 'wang-jw'; did you mean 'wang-jianwei'?"),
        ("cycle-of-three.yaml", "4:45: error: reporting cycle: 'a' → 'b' → 'c' → 'a'; one of these must report elsewhere"),
        ("duplicate-id.yaml", "5:10: error: duplicate id 'ann'"),
        ("misspelled-key.yaml", "8:5: error: unknown key 'reportTo' in a person; did you mean 'reportsTo'?"),
        ("yaml-syntax.yaml", "4:7: error: YAML syntax error"),
        ("empty.yaml", "1:1: error: file is empty"),
        ("not-utf8.yaml", "3:14: error: invalid UTF-8 byte 0xE9"),
    ])
    func brokenInputGivesOneLocatedLineAndExit1(_ file: String, _ expected: String) throws {
        let path = "Tests/OrgGraphTests/Fixtures/broken/\(file)"
        let run = try Run("validate", path)
        #expect(run.status == 1)
        // One error; a note may follow it, pointing at a second place.
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast().filter { !$0.contains(": note: ") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("\(path):\(expected)") == true, "\(run.stderr)")
        // Queries refuse the same input the same way.
        let chain = try Run("chain", path, "anyone")
        #expect(chain.status == 1)
        #expect(chain.stderr == run.stderr)
    }

    @Test func unknownPersonListsCandidates() throws {
        let run = try Run("chain", "Graphs/kuaishou", "Wang Jianwai")
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(run.stderr == """
            error: no person, post or unit 'Wang Jianwai'
            Graphs/kuaishou/2025-09-30.yaml:131:5: note: did you mean person 'wang-jianwei' (王剑伟 Wang Jianwei)?

            """)
    }

    @Test func ambiguousNameListsCandidates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("org.yaml")
        try """
            units:
              - {id: co, name: Co, head: li-wei-1}
            people:
              - {id: li-wei-1, name: {zh: 李伟, en: Li Wei}}
              - {id: li-wei-2, name: {zh: 李伟, en: Li Wei}, unit: co}
            """.write(to: file, atomically: true, encoding: .utf8)
        let run = try Run("chain", file.path, "李伟")
        #expect(run.status == 1)
        #expect(run.stderr == """
            error: '李伟' is ambiguous; name one by its id
            \(file.path):4:5: note: it could be person 'li-wei-1' (李伟 Li Wei)
            \(file.path):5:5: note: it could be person 'li-wei-2' (李伟 Li Wei)

            """)
        #expect(try Run("chain", file.path, "li-wei-2").status == 0)
    }

    @Test func missingFilesAndBadDatesAreErrors() throws {
        let missing = try Run("chain", "Graphs/nowhere", "x")
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: no such file or folder 'Graphs/nowhere'\n")
        let early = try Run("chain", "Graphs/kuaishou@2020-01-01", "liu-xiao")
        #expect(early.status == 1)
        #expect(early.stderr == "error: 'Graphs/kuaishou' has no state on 2020-01-01: its first snapshot is 2022-11\n")
        let badDay = try Run("chain", "Graphs/kuaishou@2025-02-30", "liu-xiao")
        #expect(badDay.status == 1)
    }

    @Test func usageErrorsExit64() throws {
        let run = try Run("chain", "Graphs/kuaishou")
        #expect(run.status == 64)
        // A binary chart with nowhere to go is a usage error, said as ArgumentParser says them.
        let png = try Run("render", "Graphs/kuaishou", "--format", "png")
        #expect(png.status == 64)
        #expect(png.stderr.hasPrefix("Error: png is binary; write it to a file with -o\nUsage: orggraph render "), "\(png.stderr)")
        // Found as a subcommand of a subcommand runs: its own usage and help.
        let map = try Run("import", "csv", "Graphs/kuaishou/2023-11.yaml", "--map", "a=b")
        #expect(map.status == 64)
        #expect(map.stderr.hasSuffix("See 'orggraph import csv --help' for more information.\n"), "\(map.stderr)")
    }

    /// A problem a command finds itself is said as the library's diagnostics are, once, and
    /// exits 1 (a batch's questions: `aBadQuestionNamesItsLineAndNothingIsWritten`).
    @Test func aCommandsOwnProblemsAreDiagnostics() throws {
        let heads = try Run("heads", "Graphs/kuaishou", "liu-xiao")
        #expect(heads.status == 1)
        #expect(heads.stderr == "error: 'liu-xiao' is not a unit\n")
        // Co-chairs who report to no one: the route between them runs through no manager.
        let org = try temporaryOrg("""
            units:
              - {id: u, name: U}
            posts:
              - {id: chairs, title: Chairs, unit: u, holders: [dan, eve]}
              - {id: lead, title: Lead, unit: u, reportsTo: chairs, holders: [fay]}
            people:
              - {id: dan, name: Dan}
              - {id: eve, name: Eve}
              - {id: fay, name: Fay}
            """)
        for command in ["path", "common"] {
            let shared = try Run(command, org, "dan", "eve")
            #expect(shared.status == 1)
            #expect(shared.stderr == "error: 'dan' and 'eve' have no common manager: they share the post 'chairs', which reports to no one\n")
        }
        // The route to one of them ends with them, not with whoever holds the post first.
        #expect(try Run("path", org, "fay", "eve").stdout == "  Fay [fay] · Lead, U\n↑ Eve [eve] · Chairs, U\n1 step\n")
        let inPlace = try Run("apply", "Graphs/kuaishou", "Tests/OrgGraphTests/Fixtures/broken-changesets/bad-effective.yaml", "--in-place")
        #expect(inPlace.status == 1)
        #expect(inPlace.stderr == "error: --in-place needs an org file, not a timeline folder\n")
    }

    /// Pairs of names with spaces, one pair a line: split at a tab, else a comma, else spaces
    /// with names in quotes; a line that does not name two is an error at its line.
    @Test func commonReadsPairsOfNamesWithSpaces() throws {
        let folder = try temporaryFolder()
        let pairs = folder.appendingPathComponent("pairs.txt")
        try "Liu Xiao, Jin Bing\nLiu Xiao\tJin Bing\n\"Liu Xiao\" \"Jin Bing\"\nliu-xiao jin-bing\n\"Liu Xiao\", \"Jin Bing\"\n".write(to: pairs, atomically: true, encoding: .utf8)
        let run = try Run("common", "Graphs/kuaishou", "--input", pairs.path, "--json", "--lang", "en")
        #expect(run.status == 0, "\(run.stderr)")
        let answers = try #require(run.json?["results"] as? [[String: Any]])
        #expect(answers.count == 5)
        #expect(answers.allSatisfy { (($0["manager"] as? [String: Any])?["person"] as? String) == "cheng-yixiao" }, "\(run.stdout)")
        try "Liu Xiao, Jin Bing\nLiu Xiao Jin Bing\n".write(to: pairs, atomically: true, encoding: .utf8)
        let bad = try Run("common", "Graphs/kuaishou", "--input", pairs.path)
        #expect(bad.status == 1)
        #expect(bad.stderr == "\(pairs.path):2:1: error: this line names 'Liu Xiao Jin Bing', not two people; write two a line, separated by a tab or a comma\n")
        // A name no one has: its line is a note.
        try "Liu Xiao, Jin Bing\nLiu Xiao, Nobody At All\n".write(to: pairs, atomically: true, encoding: .utf8)
        let unknown = try Run("common", "Graphs/kuaishou", "--input", pairs.path)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasSuffix("\n\(pairs.path):2:1: note: in the pair 'Liu Xiao, Nobody At All'\n"), "\(unknown.stderr)")
    }

    /// The reports of someone with several posts are their primary post's, and a note says which
    /// and how to ask for the others' (a member of one committee who chairs another).
    @Test func reportsOfSomeoneWithSeveralPostsSayWhichPost() throws {
        let org = try temporaryOrg("""
            units:
              - {id: u, name: U}
            posts:
              - {id: member, title: Member, unit: u, holders: [ann]}
              - {id: chair, title: Chair, unit: u, holders: [ann]}
              - {id: clerk, title: Clerk, unit: u, reportsTo: chair, holders: [bo]}
            people:
              - {id: ann, name: Ann}
              - {id: bo, name: Bo}
            """)
        let run = try Run("reports", org, "ann")
        #expect(run.status == 0)
        #expect(run.stdout.hasSuffix("  no reports\n0 direct reports, 0 in all shown\n"), "\(run.stdout)")
        #expect(run.stderr == "note: 'ann' holds 2 posts; these are the reports of 'member'; name the other, 'chair', for its reports\n")
        let post = try Run("reports", org, "chair")
        #expect(post.stdout.contains("Bo [bo]"))
        #expect(post.stderr.isEmpty, "a post named is the post asked about: \(post.stderr)")
        #expect(try Run("reports", org, "bo").stderr.isEmpty)
    }

    @Test func argumentsParse() throws {
        let command = try OrgGraphCommand.parseAsRoot(["chain", "Graphs/kuaishou", "刘逍", "--json", "--lang", "en"])
        let chain = try #require(command as? Chain)
        #expect(chain.who == ["刘逍"])
        #expect(chain.options.json)
        #expect(chain.options.lang == .en)
        #expect(throws: (any Error).self) { try OrgGraphCommand.parseAsRoot(["chain", "x", "y", "--lang", "fr"]) }
    }
}

/// `validate --format sarif|github`: results CI systems annotate code with. (The SARIF is
/// checked against the SARIF 2.1.0 schema by scripts/schema-check.sh.)
@Suite struct ValidateFormatTests {
    static let broken = "Tests/OrgGraphTests/Fixtures/broken/duplicate-id.yaml"

    @Test func githubAnnotatesEachProblemAtItsPlace() throws {
        let run = try Run("validate", Self.broken, "Graphs/kuaishou", "--format", "github")
        #expect(run.status == 1)
        #expect(run.stdout == "::error file=\(Self.broken),line=5,col=10,title=duplicate-id::duplicate id 'ann'; ids must be unique across "
            + "units, posts and people%0A\(Self.broken):4:10: note: first defined here, as a person\n")
    }

    @Test func sarifHasAResultAndARuleForEachProblem() throws {
        let run = try Run("validate", Self.broken, "--format", "sarif")
        #expect(run.status == 1)
        let log = try #require(run.json)
        #expect(log["version"] as? String == "2.1.0")
        let runs = try #require(log["runs"] as? [[String: Any]])
        let driver = try #require((runs.first?["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect((driver["rules"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["duplicate-id"])
        let result = try #require((runs.first?["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "duplicate-id" && result["level"] as? String == "error")
        let place = try #require(((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]))
        #expect((place["artifactLocation"] as? [String: Any])?["uri"] as? String == Self.broken)
        #expect((place["region"] as? [String: Any])?["startLine"] as? Int == 5 && (place["region"] as? [String: Any])?["startColumn"] as? Int == 10)
        #expect((result["relatedLocations"] as? [[String: Any]])?.count == 1)
        // A clean org: no results, exit 0.
        let clean = try Run("validate", "Graphs/kuaishou", "--format", "sarif")
        #expect(clean.status == 0)
        #expect(((clean.json?["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.isEmpty == true)
        let clash = try Run("validate", Self.broken, "--json", "--format", "sarif")
        #expect(clash.status == 64)
    }

    /// A rule is a message's words, less what it quotes and its numbers, up to its first ';'.
    @Test func rulesAreTheKindOfProblem() {
        func rule(_ message: String) -> String { Diagnostic.error(message, at: nil).rule }
        #expect(rule("unknown key 'parnet' in a unit; did you mean 'parent'?") == "unknown-key-in-a-unit")
        #expect(rule("unknown key 'x' in a unit") == rule("unknown key 'y' in a unit"))
        #expect(rule("YAML syntax error: did not find expected key") == "yaml-syntax-error")
        #expect(rule("'announced' is 2023-09-11, after 'effective' (2023-09-10); a change is announced on or before") == "is-after")
    }
}

/// The pre-commit hook runs `orggraph validate`, built by pre-commit's Swift support.
@Suite struct PreCommitHookTests {
    @Test func theHookValidatesOrgFiles() throws {
        let text = try String(contentsOf: Run.repository.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        let hooks = try #require(try Yams.load(yaml: text) as? [[String: Any]])
        #expect(hooks.count == 1)
        let hook = try #require(hooks.first)
        #expect(hook["id"] as? String == "orggraph-validate" && hook["entry"] as? String == "orggraph validate" && hook["language"] as? String == "swift")
        // Its pattern takes the shipped org files and changesets, not the schemas.
        let files = try Regex(try #require(hook["files"] as? String)), exclude = try Regex(try #require(hook["exclude"] as? String))
        for path in ["Graphs/kuaishou/2025-09-30.yaml", "Graphs/kuaishou/changes/2023-11.yaml"] {
            #expect(path.firstMatch(of: files) != nil && path.firstMatch(of: exclude) == nil, "\(path)")
        }
        #expect("Graphs/schemas/org.schema.json".firstMatch(of: exclude) != nil)
        // What it runs: validate on those files, as pre-commit passes them.
        let run = try Run("validate", "Graphs/kuaishou/2025-09-30.yaml", "Graphs/kuaishou/changes/2023-11.yaml")
        #expect(run.status == 0, "\(run.stderr)")
    }
}
