import ArgumentParser
import Foundation
import OrgGraph
import OrgGraphviz

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw two versions of an org side by side, with the changes marked.",
        discussion: """
            Both unit trees are drawn with the same anchors: a unit keeps its place. Renamed units \
            show 'old → new', moved units are blue with a dashed arrow from the old parent, new \
            heads are marked, added units are green and removed ones red, merges and splits purple \
            ("merged into", "merged from", "split into", "split from"), with a legend. Every mark \
            is a change that diff reports for the same pair.
            """)

    @Argument(help: "The version before (a file, a timeline folder, or PATH@YYYY-MM-DD).")
    var before: String

    @Argument(help: "The version after.")
    var after: String

    @Option(name: .shortAndLong, help: "The file to write.")
    var output: String?

    @Option(name: .long, help: "svg, png, pdf, dot or html (an interactive page).")
    var format: ChartFormat?

    @Option(name: .long, help: "Languages for names: zh, en or both.")
    var lang: LanguagePreference = .both
    @OptionGroup var progress: QuietOption

    /// What names a version in the chart: the day asked for (`ORG@DATE`), else the day the org
    /// describes, else its file's name.
    static func label(_ argument: String, _ org: Org) -> String {
        let reference = try? OrgReference(parsing: argument)
        if let day = reference?.day { return day.description }
        if let asOf = org.asOf { return asOf.description }
        return URL(fileURLWithPath: reference?.path ?? argument).lastPathComponent
    }

    func run() throws {
        let chosen = format ?? output.flatMap(ChartFormat.init(fileName:)) ?? .svg
        if output == nil, chosen == .png || chosen == .pdf {
            Output.printError("error: \(chosen.rawValue) is binary; write it to a file with -o")
            throw ExitCode(64)
        }
        if let output, let format { try reporting { () throws(DiagnosticError) in try FileKind(rawValue: format.rawValue)!.check(output: output, chosenBy: "--format \(format.rawValue)") } }
        let old = try loadOrg(before, quiet: progress.quiet).org
        let new = try loadOrg(after, quiet: progress.quiet).org
        let chart = CompareChart.make(before: old, after: new, language: lang, beforeLabel: Self.label(before, old), afterLabel: Self.label(after, new))
        do {
            try writeResult(chart.render(chosen), to: output, inputs: [before, after], announce: true)
        } catch let error as GraphvizError {
            Output.printError("error: \(error.message)")
            throw ExitCode(1)
        }
    }
}
