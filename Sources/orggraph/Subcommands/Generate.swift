import ArgumentParser
import Foundation
import OrgGraph

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Make a realistic org of any size from a seed, or a churned next version of one.",
        discussion: """
            People have Chinese and English names; managers have 3 to 12 reports, so the tree grows \
            about log N deep; the top three levels head divisions, departments and teams. YAML and \
            JSON outputs also get vacant posts, dotted lines and shared posts (about 1%, 1% and \
            0.5%); CSV holds one row a person. With --churn-from CSV, the output is that org a \
            year on: about 2% new managers, 1% renamed units, 0.5% leavers, 0.5% joiners (times --churn).
            """)

    @Option(name: .long, help: "How many people, at most 20,000,000.")
    var people: Int?
    @Option(name: .long, help: "The random seed; the same seed gives the same org.")
    var seed: UInt64 = 1
    @Option(name: .customLong("churn-from"), help: "A CSV org to make the next version of.")
    var churnFrom: String?
    @Option(name: .long, help: "How much churn, from 0 to 20, 1 being a typical year.")
    var churn: Double = 1
    @Option(name: .shortAndLong, help: "The file to write: .csv, .yaml or .json.")
    var output: String
    @OptionGroup var progressOption: QuietOption

    /// At 20, a fifth of the people leave, join or change manager: far more is not a next version.
    static let maxChurn = 20.0
    static let maxPeople = 20_000_000

    func validate() throws {
        if churnFrom == nil, (people ?? 0) < 1 { throw ValidationError("give --people N (1 or more), or --churn-from ORG.csv") }
        if churnFrom != nil, people != nil { throw ValidationError("--people and --churn-from do not go together") }
        let ext = (output as NSString).pathExtension.lowercased()
        if !["csv", "yaml", "yml", "json"].contains(ext) { throw ValidationError("name the output .csv, .yaml or .json") }
        if !(0...Self.maxChurn).contains(churn) { throw ValidationError("--churn is a number from 0 to \(Int(Self.maxChurn)), 1 being a typical year") }
        if let people, people > Self.maxPeople { throw ValidationError("--people is at most \(Self.maxPeople) (a million people take about 400 MB)") }
    }

    func run() throws {
        let progress = Progress(quiet: progressOption.quiet)
        defer { progress.finish() }
        var generator = OrgGenerator(seed: seed)
        let table: GeneratedPeople
        if let churnFrom {
            progress.update("reading \(churnFrom)")
            let old = try HRImport.load(csv: churnFrom)
            Output.report(old.warnings)
            table = generator.churned(GeneratedPeople(old.core), rate: churn)
        } else {
            progress.update("generating \(people!) people")
            table = generator.table(people: people!)
        }
        progress.update("writing \(output)")
        let ext = (output as NSString).pathExtension.lowercased()
        let text: String
        if ext == "csv" {
            text = table.csv()
        } else {
            var org = table.generalOrg()
            org.title = "Generated org (seed \(seed))"
            generator.decorate(&org)
            text = ext == "json" ? OrgFile.json(org) : OrgFile.yaml(org)
        }
        try writeResult(text, to: output, inputs: churnFrom.map { [$0] } ?? [])
        progress.finish()
        Output.printError("wrote \(output): \(table.count) people, \(table.unitNames.count) units")
    }
}
