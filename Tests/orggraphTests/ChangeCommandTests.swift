import Foundation
import Testing

@testable import orggraph

/// `diff`, `apply`, `invert` and `history` as a user runs them.
@Suite struct ChangeCommandTests {
    @Test func diffJSONHasTheReorg() throws {
        let run = try Run("diff", "Graphs/kuaishou@2025-09-29", "Graphs/kuaishou@2025-09-30", "--format", "json")
        #expect(run.status == 0)
        let changes = try #require(run.json?["changes"] as? [[String: Any]])
        func has(_ op: String, _ fields: [String: String]) -> Bool {
            changes.contains { change in
                change["op"] as? String == op && fields.allSatisfy { change[$0.key] as? String == $0.value }
            }
        }
        #expect(has("rename-unit", ["unit": "local-life"]))
        #expect(has("move-unit", ["unit": "inner-loop", "from": "commercialization", "to": "ecommerce"]))
        #expect(has("move-unit", ["unit": "lead-ads", "from": "commercialization", "to": "local-life"]))
        #expect(has("appoint", ["post": "head.local-life", "person": "liu-xiao"]))
        #expect(changes.contains { $0["op"] as? String == "set-reports-to" && ($0["to"] as? [String: Any])?["to"] as? String == "svp-wang-jianwei" })
        #expect(changes.contains { $0["op"] as? String == "add-post" && ($0["post"] as? [String: Any])?["id"] as? String == "business-advisor" })
        let impact = try #require(run.json?["impact"] as? [String: Any])
        #expect(impact["headcount"] != nil && impact["span"] != nil && impact["layers"] != nil && impact["chains"] != nil)
    }

    @Test func diffAsChangesetThenApplyGivesTheNewState() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let changeset = try Run("diff", "Graphs/kuaishou@2025-09-29", "Graphs/kuaishou@2025-09-30", "--format", "changeset")
        #expect(changeset.status == 0)
        let changesetFile = folder.appendingPathComponent("reorg.yaml")
        try changeset.stdout.write(to: changesetFile, atomically: true, encoding: .utf8)
        let output = folder.appendingPathComponent("after.yaml").path
        let apply = try Run("apply", "Graphs/kuaishou@2025-09-29", changesetFile.path, "-o", output)
        #expect(apply.status == 0, "\(apply.stderr)")
        let check = try Run("diff", output, "Graphs/kuaishou")
        #expect(check.stdout.hasSuffix("no changes\n"))
        // And back again through the inverse.
        let inverse = try Run("invert", changesetFile.path)
        let inverseFile = folder.appendingPathComponent("undo.yaml")
        try inverse.stdout.write(to: inverseFile, atomically: true, encoding: .utf8)
        let undone = try Run("apply", output, inverseFile.path)
        let undoneFile = folder.appendingPathComponent("undone.yaml")
        try undone.stdout.write(to: undoneFile, atomically: true, encoding: .utf8)
        #expect(try Run("diff", undoneFile.path, "Graphs/kuaishou@2025-09-29").stdout.hasSuffix("no changes\n"))
    }

    @Test func aStaleChangesetWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.yaml").path
        try "keep me\n".write(toFile: output, atomically: true, encoding: .utf8)
        let run = try Run("apply", "Graphs/kuaishou", "Graphs/kuaishou/changes/2025-09-30.yaml", "-o", output)
        #expect(run.status == 1)
        #expect(run.stderr == "Graphs/kuaishou/changes/2025-09-30.yaml:8:11: error: the changeset applies to the org as of 2023-11, but this org is as of 2025-09-30; apply it to that version, or the changesets in date order\n")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me\n")
    }

    @Test func applyNeverOverwritesItsInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = folder.appendingPathComponent("org.yaml").path
        try FileManager.default.copyItem(atPath: Run.repository.appendingPathComponent("Graphs/kuaishou/2023-11.yaml").path, toPath: org)
        let before = try String(contentsOfFile: org, encoding: .utf8)
        let run = try Run("apply", org, "Graphs/kuaishou/changes/2025-09-30.yaml", "-o", org)
        #expect(run.status == 1)
        #expect(try String(contentsOfFile: org, encoding: .utf8) == before)
    }

    /// The end of a post cites the change that ended it; a person's own line is in their record.
    @Test func historyCitesTheChangeThatEndedAPostAndShowsOwnLines() throws {
        let cheng = try Run("history", "Graphs/kuaishou", "cheng-yixiao", "--lang", "en")
        #expect(cheng.status == 0)
        #expect(cheng.stdout.contains("""
            2022-12  [date: article:L103, inferred]
              + heads E-commerce BU  [article:L103]
            2023-11  [date: article:L91]
              - heads E-commerce BU  [article:L91, inferred]

            """), "\(cheng.stdout)")
        let liu = try Run("history", "Graphs/kuaishou", "liu-xiao", "--lang", "en")
        #expect(liu.stdout.hasSuffix("""
              + heads Life Services BU  [article:L85]
              + reports to Wang Jianwei (Senior Vice President)  [article:L85]

            """), "\(liu.stdout)")
        let unit = try Run("history", "Graphs/kuaishou", "local-life", "--lang", "en")
        #expect(unit.stdout.contains("2022-11\n  + named Local Life BU  [article:L77, inferred]\n  + a business-unit  [article:L77, inferred]\n"))
    }

    @Test func historyOfWangJianwei() throws {
        let run = try Run("history", "Graphs/kuaishou", "wang-jianwei", "--lang", "en")
        #expect(run.status == 0)
        // The months as the article gives them, each with its source.
        #expect(run.stdout.contains("\n2022-11\n  + named Wang Jianwei  [article:L85]\n"))
        #expect(run.stdout.contains("\n  + heads Commercialization BU  [article:L91]\n"))
        #expect(run.stdout.contains("\n2023-11  [date: article:L91]\n  + heads E-commerce BU  [article:L91]\n"))
        #expect(run.stdout.hasSuffix("\n  + Liu Xiao (head of Life Services BU) reports to them  [article:L85]\n"))
        let json = try Run("history", "Graphs/kuaishou", "王剑伟", "--json")
        let events = try #require(json.json?["events"] as? [[String: Any]])
        #expect(events.contains { $0["date"] as? String == "2023-11" && $0["fact"] as? String == "post:head.ecommerce" && $0["source"] as? String == "article:L91" })
        // Structured before and after: the post taken, with its unit; the date's precision and source.
        let ecommerce = try #require(events.first { $0["fact"] as? String == "post:head.ecommerce" })
        #expect(ecommerce["precision"] as? String == "month" && ecommerce["dateSource"] as? String == "article:L91")
        #expect(ecommerce["before"] is NSNull)
        let after = try #require(ecommerce["after"] as? [String: Any])
        #expect(after["post"] as? String == "head.ecommerce" && after["unit"] as? String == "ecommerce" && after["head"] as? Bool == true)
        let line = try #require(events.first { $0["fact"] as? String == "line:head.local-life" })
        #expect((line["after"] as? [String: Any])?["holders"] as? [String] == ["liu-xiao"])
        #expect((line["after"] as? [String: Any])?["to"] as? String == "svp-wang-jianwei")
    }

    @Test func worksAsAGitExternalDiff() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        /// git in the folder: what it printed on each stream (both short here), and its status.
        func gitRun(_ arguments: [String]) throws -> (out: String, err: String, status: Int32) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", folder.path, "-c", "user.name=t", "-c", "user.email=t@example.com"] + arguments
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            try process.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            let notes = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return (text, notes, process.terminationStatus)
        }
        func git(_ arguments: String...) throws -> String { try gitRun(arguments).out }
        _ = try git("init", "-q")
        _ = try git("config", "diff.orggraph.command", "\(Run.binary.path) diff")
        try "*.yaml diff=orggraph\n".write(to: folder.appendingPathComponent(".gitattributes"), atomically: true, encoding: .utf8)
        let file = folder.appendingPathComponent("kuaishou.yaml")
        try FileManager.default.copyItem(at: Run.repository.appendingPathComponent("Graphs/kuaishou/2023-11.yaml"), to: file)
        _ = try git("add", ".")
        _ = try git("commit", "-qm", "before")
        try FileManager.default.removeItem(at: file)
        try FileManager.default.copyItem(at: Run.repository.appendingPathComponent("Graphs/kuaishou/2025-09-30.yaml"), to: file)
        let output = try git("diff")
        #expect(output.contains("a/kuaishou.yaml (2023-11) → b/kuaishou.yaml (2025-09-30)"))
        #expect(output.contains("~ renamed 本地生活事业部 Local Life BU → 生活服务事业部 Life Services BU"))
        #expect(output.contains("35 changes"))

        // A revision that does not read as an org: `git log -p` goes on, with a text diff of it
        // and a note that names the file as the repository has it.
        _ = try git("commit", "-qam", "after")
        try "units:\n  - id: x\n    name: [oops\n".write(to: file, atomically: true, encoding: .utf8)
        _ = try git("commit", "-qam", "broken")
        let (log, notes, status) = try gitRun(["log", "-p", "--ext-diff"])
        #expect(status == 0, "\(notes)")
        #expect(log.contains("+    name: [oops"), "\(log.prefix(2000))")
        #expect(log.contains("--- a/kuaishou.yaml\n+++ b/kuaishou.yaml\n"))
        #expect(log.contains("35 changes"))
        #expect(notes.hasPrefix("note: b/kuaishou.yaml:4:1: error: YAML syntax error"), "\(notes)")
        #expect(notes.contains("showing a text diff of kuaishou.yaml"))

        // A changeset (in a changes folder) is shown as its text, with no note when it reads as
        // one, and a note at the line of the first problem when it does not.
        let changes = folder.appendingPathComponent("changes")
        try FileManager.default.createDirectory(at: changes, withIntermediateDirectories: true)
        let changeset = changes.appendingPathComponent("2023-11.yaml")
        let shipped = try String(contentsOf: Run.repository.appendingPathComponent("Graphs/kuaishou/changes/2023-11.yaml"), encoding: .utf8)
        try shipped.write(to: changeset, atomically: true, encoding: .utf8)
        _ = try git("add", ".")
        _ = try git("commit", "-qm", "changeset")
        func diff() throws -> (out: String, err: String, status: Int32) { try gitRun(["diff", "--", "changes"]) }
        try shipped.replacingOccurrences(of: "who has run", with: "who ran").write(to: changeset, atomically: true, encoding: .utf8)
        let edited = try diff()
        #expect(edited.status == 0 && edited.err == "", "\(edited.err)")
        #expect(edited.out.contains("--- a/changes/2023-11.yaml\n+++ b/changes/2023-11.yaml\n"))
        #expect(edited.out.contains("+    reason: Wang Jianwei, who ran Commercialization since 2022-11, takes over E-commerce\n"))
        try shipped.replacingOccurrences(of: "op: appoint", with: "op: apoint").write(to: changeset, atomically: true, encoding: .utf8)
        let typo = try diff()
        #expect(typo.status == 0)
        #expect(typo.err == "note: b/changes/2023-11.yaml:15:9: error: unknown op 'apoint'; did you mean 'appoint'?\n", "\(typo.err)")
        #expect(typo.out.contains("+  - op: apoint\n"))
    }
}
