import ArgumentParser
import Foundation
import OrgGraph
import OrgGraphviz

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw two versions of an org side by side, with the changes marked.",
        discussion: """
            Both unit trees are drawn with the same anchors: a unit keeps its place. With --view \
            people, both reporting trees, one card a person, each change to posts and people \
            written on its card: new posts and people, new lines and units, new holders, titles, \
            names and status on the new side; posts removed and people who left on the old one. Renamed units \
            show 'old → new', moved units are blue with a dashed arrow from the old parent, new \
            heads are marked, added units are green and removed ones red, merges and splits purple \
            ("merged into", "merged from", "split into", "split from"), with a legend. Every mark \
            is a change that diff reports for the same pair. Trees of 50 cards or more that would \
            be drawn wider than 4:1 are drawn as render draws one, by the tidy layout, the two \
            side by side, with the same marks but without anchors and arrows.
            """)

    @Argument(help: "The version before (a file, a timeline folder, or PATH@YYYY-MM-DD).")
    var before: String

    @Argument(help: "The version after.")
    var after: String

    @OptionGroup var destination: ChartOutputOptions

    @Option(name: .long, help: "Languages for names: zh, en or both.")
    var lang: LanguagePreference = .both

    @Option(name: .long, help: "units (the unit trees) or people (the reporting trees, one card a person).")
    var view: ChartView = .units

    func validate() throws {
        if view == .combined { throw ValidationError("compare draws the units or the people view; the combined view is render's") }
    }
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
        let chosen = try destination.chosen()
        let old = try loadOrg(before, quiet: progress.quiet).org
        let new = try loadOrg(after, quiet: progress.quiet).org
        let (beforeLabel, afterLabel) = (Self.label(before, old), Self.label(after, new))
        let chart = view == .people
            ? try CompareChart.makePeople(before: old, after: new, language: lang, beforeLabel: beforeLabel, afterLabel: afterLabel)
            : CompareChart.make(before: old, after: new, language: lang, beforeLabel: beforeLabel, afterLabel: afterLabel)
        try writeResult(chart.render(chosen), to: destination.output, inputs: [before, after], announce: true)
    }
}
