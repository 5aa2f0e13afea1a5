import ArgumentParser
import OrgGraph
import OrgGraphviz

@main
struct OrgGraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "orggraph",
        abstract: "Model organisations as plain-text graphs, query them, and see how they change.",
        discussion: """
            An ORG argument is an org file (YAML or JSON), an HR export (CSV), a timeline folder of \
            dated snapshots (its latest state), or '-' for an org piped in; followed by @YYYY-MM-DD \
            (or given --as-of) for the state on that day.
            Exit status: 0 fine, 1 invalid input or nothing found, 64 usage error.
            """,
        version: orgGraphVersion,
        subcommands: [Validate.self, Chain.self, Reports.self, Common.self, Path.self, Find.self, Stats.self, Heads.self, Batch.self, Render.self, Compare.self, Diff.self, Apply.self, Invert.self, History.self, Import.self, Export.self, Generate.self, Index.self, Schema.self]
    )

    /// Runs the command the arguments name. The one place where a failure becomes what is
    /// printed and the exit status: diagnostics (the library's, and those a command raises
    /// itself) and the chart's and Graphviz's errors are printed and exit 1; usage errors exit
    /// 64, help and version 0, through ArgumentParser.
    /// The words that run a command, as typed: `orggraph import csv`.
    static func commandPath(of command: ParsableCommand.Type) -> String {
        func path(from node: ParsableCommand.Type, _ words: [String]) -> [String]? {
            if ObjectIdentifier(node) == ObjectIdentifier(command) { return words }
            return node.configuration.subcommands.lazy.compactMap { path(from: $0, words + [$0._commandName]) }.first
        }
        return (path(from: self, [configuration.commandName!]) ?? [configuration.commandName!, command._commandName]).joined(separator: " ")
    }

    static func main() {
        var command: (any ParsableCommand)?
        do {
            command = try parseAsRoot()
            try command!.run()
        } catch {
            let problem: [Diagnostic]? = switch error {
            case let error as DiagnosticError: error.diagnostics
            case let error as ChartError: [.error(error.message, at: nil)]
            case let error as GraphvizError: [.error(error.message, at: nil)]
            default: nil
            }
            if let problem {
                Output.report(problem)
                Output.end(status: 1)
            }
            // A usage error found as the command runs: said with that command's usage, as
            // ArgumentParser says those it finds (it would give the usage of orggraph itself).
            if let command, let error = error as? ValidationError {
                let name = commandPath(of: type(of: command))
                Output.printError("Error: \(error.message)\nUsage: \(usageString(for: type(of: command)))\n  See '\(name) --help' for more information.")
                Output.end(status: 64)
            }
            exit(withError: error)
        }
    }
}
