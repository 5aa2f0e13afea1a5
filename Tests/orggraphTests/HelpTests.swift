import ArgumentParser
import Foundation
import Testing

@testable import orggraph

/// The `--help` of every command, pinned: a change to an option, its name or its words shows
/// up here, to be reviewed. `RECORD_HELP=1` rewrites the files (and fails, for review).
@Suite struct HelpTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Help")

    static let commands: [(name: String, command: ParsableCommand.Type)] = {
        var commands: [(String, ParsableCommand.Type)] = [("orggraph", OrgGraphCommand.self)]
        for sub in OrgGraphCommand.configuration.subcommands {
            commands.append((sub._commandName, sub))
            for inner in sub.configuration.subcommands { commands.append(("\(sub._commandName)-\(inner._commandName)", inner)) }
        }
        return commands
    }()

    @Test(arguments: commands.map(\.name))
    func helpIsPinned(_ name: String) throws {
        let command = Self.commands.first { $0.name == name }!.command
        let help = OrgGraphCommand.helpMessage(for: command, columns: 100) + "\n"
        let url = Self.folder.appendingPathComponent("\(name).txt")
        if ProcessInfo.processInfo.environment["RECORD_HELP"] == "1" {
            try help.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("recorded \(url.lastPathComponent); review it and run again without RECORD_HELP")
            return
        }
        #expect(help == (try String(contentsOf: url, encoding: .utf8)), "the help of '\(name)' differs from Help/\(name).txt")
    }

    @Test func everyCommandThatReadsOneOrgTakesAsOfAndQuiet() {
        // The two-version commands (diff, compare) name each version's day as PATH@DATE.
        let readers = ["validate", "chain", "reports", "common", "path", "find", "stats", "heads", "batch", "render", "apply", "history", "export"]
        for name in readers {
            let help = OrgGraphCommand.helpMessage(for: Self.commands.first { $0.name == name }!.command, columns: 200)
            #expect(help.contains("--as-of <as-of>"), "\(name) takes no --as-of")
            #expect(help.contains("--quiet"), "\(name) takes no --quiet")
        }
        for name in ["diff", "compare", "generate", "import-csv"] {
            #expect(OrgGraphCommand.helpMessage(for: Self.commands.first { $0.name == name }!.command, columns: 200).contains("--quiet"), "\(name) takes no --quiet")
        }
    }

    @Test func everyCommandThatPrintsResultsTakesJSON() {
        for name in ["validate", "chain", "reports", "common", "path", "find", "stats", "heads", "diff", "history"] {
            let help = OrgGraphCommand.helpMessage(for: Self.commands.first { $0.name == name }!.command, columns: 200)
            #expect(help.contains("--json"), "\(name) takes no --json")
        }
    }
}
