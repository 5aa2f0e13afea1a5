// Load (CSV and JSON), index, chains, common managers, stats, find, heads, JSON export, diff, tidy
// layout and DOT encoding, for orgs of 1k, 10k, 100k and 1M people generated from a fixed seed;
// diff and stats of a reporting chain and of a unit tree 10,000 and 100,000 deep. (The batch of
// a million questions has a process of its own, BatchBenchmarks, so that its peak memory is its own.)
import Benchmark
import Foundation
import OrgGraph
import OrgGraphviz

/// A generated org written once to a temporary CSV, with a questions list.
struct Fixture {
    let people: Int
    let table: GeneratedPeople
    let csv: String
    /// The same rows as an HR system or a spreadsheet writes them: every field quoted, CRLF.
    let quotedCSV: String
    /// The org and its churned next version, as their CSV files load.
    let org: OrgCore
    let churned: OrgCore
    /// The same org as normalised JSON.
    let json: String
    let pairs: [(Int, Int)]

    init(people: Int) {
        self.people = people
        var generator = OrgGenerator(seed: 1)
        table = generator.table(people: people)
        let next = generator.churned(table)
        csv = FileManager.default.temporaryDirectory.appendingPathComponent("orggraph-bench-\(people).csv").path
        try? table.csv().write(toFile: csv, atomically: true, encoding: .utf8)
        // The generator's fields hold no delimiter or quote.
        quotedCSV = FileManager.default.temporaryDirectory.appendingPathComponent("orggraph-bench-\(people)-quoted.csv").path
        let quoted = table.csv().split(separator: "\n").map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map { "\"\($0)\"" }.joined(separator: ",")
        }
        try? (quoted.joined(separator: "\r\n") + "\r\n").write(toFile: quotedCSV, atomically: true, encoding: .utf8)
        let churnedCSV = FileManager.default.temporaryDirectory.appendingPathComponent("orggraph-bench-\(people)-churned.csv").path
        try? next.csv().write(toFile: churnedCSV, atomically: true, encoding: .utf8)
        org = (try? HRImport.load(csv: csv).core) ?? OrgCore()
        churned = (try? HRImport.load(csv: churnedCSV).core) ?? OrgCore()
        json = FileManager.default.temporaryDirectory.appendingPathComponent("orggraph-bench-\(people).json").path
        try? OrgFile.json(table.generalOrg()).write(toFile: json, atomically: true, encoding: .utf8)
        var rng = SplitMix64(seed: 3)
        pairs = (0..<1_000).map { _ in (Int.random(in: 0..<people, using: &rng), Int.random(in: 0..<people, using: &rng)) }
    }
}

let sizes = [1_000, 10_000, 100_000, 1_000_000]

/// Shapes the generator does not make: everyone in one reporting chain, each reporting to the
/// one before; or each person heading a unit inside the unit before.
func deepOrg(_ depth: Int, nestedUnits: Bool) -> OrgCore {
    var org = Org()
    for n in 0..<depth {
        let unit = UnitID(nestedUnits ? "u\(n)" : "u")
        if nestedUnits || n == 0 {
            org.units[unit] = Unit(id: unit, name: LocalizedText(["en": "Unit \(n)"]), parent: nestedUnits && n > 0 ? UnitID("u\(n - 1)") : nil)
        }
        let person = PersonID("e\(n)")
        org.people[person] = Person(id: person, name: LocalizedText(["en": "Person \(n)"]))
        let post = PostID("p\(n)")
        org.posts[post] = Post(id: post, title: LocalizedText(["en": "Manager"]), unit: unit, isHead: nestedUnits || n == 0,
                               reportsTo: nestedUnits || n == 0 ? nil : ReportingLine(to: PostID("p\(n - 1)")), holders: [person])
    }
    return OrgCore(org)
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                                           maxDuration: .seconds(5), maxIterations: 20)
    for size in sizes {
        let fixture = Fixture(people: size)
        let label = size >= 1_000_000 ? "\(size / 1_000_000)M" : "\(size / 1_000)k"

        Benchmark("load CSV \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try HRImport.load(csv: fixture.csv))
            }
        }
        Benchmark("load quoted CSV, CRLF \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try HRImport.load(csv: fixture.quotedCSV))
            }
        }
        Benchmark("load JSON (column table) \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try OrgCore.load(json: fixture.json))
            }
        }
        // The warm path: the same org from the index file `orggraph index` writes.
        let indexFile = fixture.csv + OrgIndexFile.fileExtension
        try? OrgIndexFile.write(fixture.org, source: fixture.csv, stamp: OrgIndexFile.stamp(of: fixture.csv)!, to: indexFile)
        Benchmark("load index file \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(try OrgIndexFile.open(indexFile))
            }
        }
        Benchmark("hierarchy index \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(HierarchyIndex(parent: fixture.table.parent))
            }
        }
        let hierarchy = HierarchyIndex(parent: fixture.table.parent)
        Benchmark("1,000 chains \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                for (a, _) in fixture.pairs { blackHole(hierarchy.chain(of: a)) }
            }
        }
        Benchmark("1,000 common managers \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                for (a, b) in fixture.pairs { blackHole(hierarchy.lowestCommonAncestor(a, b)) }
            }
        }
        // The whole-org questions and the JSON export, answered from the core.
        let source = QuerySource(core: (try? HRImport.load(csv: fixture.csv).core) ?? OrgCore())
        Benchmark("stats \(label)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(source.stats()) }
        }
        Benchmark("find \(label)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(source.find("Huang")) }
        }
        Benchmark("heads \(label)") { benchmark in
            for _ in benchmark.scaledIterations { blackHole(source.core.unitIDs.indices.map(source.head(ofUnit:))) }
        }
        Benchmark("export JSON \(label)") { benchmark in
            for _ in benchmark.scaledIterations { for piece in OrgFile.jsonPieces(source.core) { blackHole(piece) } }
        }
        Benchmark("diff \(label)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(OrgDiff(from: fixture.org, to: fixture.churned))
            }
        }
        if size <= 100_000 {
            // The general model: validate, the reporting-chain index, DOT and the tidy layout.
            let org = fixture.table.generalOrg()
            Benchmark("validate model \(label)") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(org.validate()) }
            }
            Benchmark("tidy layout \(label)") { benchmark in
                for _ in benchmark.scaledIterations {
                    blackHole(try OrgChart.make(org, options: ChartOptions(layout: .tidy)).boxes)
                }
            }
            Benchmark("DOT encoding \(label)") { benchmark in
                let chart = try OrgChart.make(org, options: ChartOptions(layout: .tidy))
                for _ in benchmark.scaledIterations { blackHole(chart.dot) }
            }
        }
    }
    // Deep shapes: a diff of a version with itself and the stats, which must stay linear.
    for depth in [10_000, 100_000] {
        let label = "\(depth / 1_000)k"
        for (shape, core) in [("chain", deepOrg(depth, nestedUnits: false)), ("nested units", deepOrg(depth, nestedUnits: true))] {
            Benchmark("diff of a \(label)-deep \(shape) with itself") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(OrgDiff(from: core, to: core)) }
            }
            let source = QuerySource(core: core)
            Benchmark("stats of a \(label)-deep \(shape)") { benchmark in
                for _ in benchmark.scaledIterations { blackHole(source.stats()) }
            }
        }
    }
}
