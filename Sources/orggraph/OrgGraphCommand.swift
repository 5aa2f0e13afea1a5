import ArgumentParser
import OrgGraph

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
}
