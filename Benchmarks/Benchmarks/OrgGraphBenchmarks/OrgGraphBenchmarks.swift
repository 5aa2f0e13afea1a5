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

/// What the benchmarks read, each made the first time a benchmark asks for it, in its `setup`
/// (untimed), then kept: every benchmark runs in a process of its own, which so makes only what
/// it reads (the four generated orgs, made whole for each process, took most of a run's time).
final class Prepared: @unchecked Sendable {
    static let shared = Prepared()
    private let lock = NSRecursiveLock()
    private var made: [String: Any] = [:]

    func value<T>(_ key: String, _ make: () -> T) -> T {
        lock.withLock {
            if let value = made[key] { return value as! T }
            let value = make()
            made[key] = value
            return value
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .peakMemoryResident, .mallocCountTotal],
                                           maxDuration: .seconds(5), maxIterations: 20)
    let prepared = Prepared.shared
    for size in sizes {
        let label = size >= 1_000_000 ? "\(size / 1_000_000)M" : "\(size / 1_000)k"
        let fixture = { prepared.value("fixture \(size)") { Fixture(people: size) } }
        // The warm path: the same org from the index file `orggraph index` writes.
        let indexFile = {
            prepared.value("index file \(size)") { () -> String in
                let fixture = fixture()
                let path = fixture.csv + OrgIndexFile.fileExtension
                try? OrgIndexFile.write(fixture.org, source: fixture.csv, stamp: OrgIndexFile.stamp(of: fixture.csv)!, to: path)
                return path
            }
        }
        let hierarchy = { prepared.value("hierarchy \(size)") { HierarchyIndex(parent: fixture().table.parent) } }
        // The whole-org questions and the JSON export, answered from the core.
        let source = { prepared.value("source \(size)") { QuerySource(core: fixture().org) } }

        Benchmark("load CSV \(label)", closure: { benchmark in
            let csv = fixture().csv
            for _ in benchmark.scaledIterations {
                blackHole(try HRImport.load(csv: csv))
            }
        }, setup: { _ = fixture() })
        Benchmark("load quoted CSV, CRLF \(label)", closure: { benchmark in
            let csv = fixture().quotedCSV
            for _ in benchmark.scaledIterations {
                blackHole(try HRImport.load(csv: csv))
            }
        }, setup: { _ = fixture() })
        Benchmark("load normalised JSON \(label)", closure: { benchmark in
            let json = fixture().json
            for _ in benchmark.scaledIterations {
                blackHole(try OrgCore.load(json: json))
            }
        }, setup: { _ = fixture() })
        Benchmark("load index file \(label)", closure: { benchmark in
            let path = indexFile()
            for _ in benchmark.scaledIterations {
                blackHole(try OrgIndexFile.open(path))
            }
        }, setup: { _ = indexFile() })
        Benchmark("hierarchy index \(label)", closure: { benchmark in
            let parent = fixture().table.parent
            for _ in benchmark.scaledIterations {
                blackHole(HierarchyIndex(parent: parent))
            }
        }, setup: { _ = fixture() })
        Benchmark("1,000 chains \(label)", closure: { benchmark in
            let (hierarchy, pairs) = (hierarchy(), fixture().pairs)
            for _ in benchmark.scaledIterations {
                for (a, _) in pairs { blackHole(hierarchy.chain(of: a)) }
            }
        }, setup: { _ = hierarchy() })
        Benchmark("1,000 common managers \(label)", closure: { benchmark in
            let (hierarchy, pairs) = (hierarchy(), fixture().pairs)
            for _ in benchmark.scaledIterations {
                for (a, b) in pairs { blackHole(hierarchy.lowestCommonAncestor(a, b)) }
            }
        }, setup: { _ = hierarchy() })
        Benchmark("stats \(label)", closure: { benchmark in
            let source = source()
            for _ in benchmark.scaledIterations { blackHole(source.stats()) }
        }, setup: { _ = source() })
        Benchmark("find \(label)", closure: { benchmark in
            let source = source()
            for _ in benchmark.scaledIterations { blackHole(source.find("Huang")) }
        }, setup: { _ = source() })
        Benchmark("heads \(label)", closure: { benchmark in
            let source = source()
            for _ in benchmark.scaledIterations { blackHole(source.core.unitIDs.indices.map(source.head(ofUnit:))) }
        }, setup: { _ = source() })
        Benchmark("export JSON \(label)", closure: { benchmark in
            let core = source().core
            for _ in benchmark.scaledIterations { for piece in OrgFile.jsonPieces(core) { blackHole(piece) } }
        }, setup: { _ = source() })
        Benchmark("diff \(label)", closure: { benchmark in
            let (old, new) = (fixture().org, fixture().churned)
            for _ in benchmark.scaledIterations {
                blackHole(OrgDiff(from: old, to: new))
            }
        }, setup: { _ = fixture() })
        if size <= 100_000 {
            // The general model: validate, the reporting-chain index, DOT and the tidy layout.
            let org = { prepared.value("general org \(size)") { fixture().table.generalOrg() } }
            let chart = { prepared.value("chart \(size)") { Result { try OrgChart.make(org(), options: ChartOptions(layout: .tidy)) } } }
            Benchmark("validate model \(label)", closure: { benchmark in
                let org = org()
                for _ in benchmark.scaledIterations { blackHole(org.validate()) }
            }, setup: { _ = org() })
            Benchmark("tidy layout \(label)", closure: { benchmark in
                let org = org()
                for _ in benchmark.scaledIterations {
                    blackHole(try OrgChart.make(org, options: ChartOptions(layout: .tidy)).boxes)
                }
            }, setup: { _ = org() })
            Benchmark("DOT encoding \(label)", closure: { benchmark in
                let chart = try chart().get()
                for _ in benchmark.scaledIterations { blackHole(chart.dot) }
            }, setup: { _ = chart() })
        }
    }
    // Deep shapes: a diff of a version with itself and the stats, which must stay linear.
    for depth in [10_000, 100_000] {
        let label = "\(depth / 1_000)k"
        for shape in ["chain", "nested units"] {
            let core = { prepared.value("\(shape) \(depth)") { deepOrg(depth, nestedUnits: shape == "nested units") } }
            let source = { prepared.value("source of \(shape) \(depth)") { QuerySource(core: core()) } }
            Benchmark("diff of a \(label)-deep \(shape) with itself", closure: { benchmark in
                let core = core()
                for _ in benchmark.scaledIterations { blackHole(OrgDiff(from: core, to: core)) }
            }, setup: { _ = core() })
            Benchmark("stats of a \(label)-deep \(shape)", closure: { benchmark in
                let source = source()
                for _ in benchmark.scaledIterations { blackHole(source.stats()) }
            }, setup: { _ = source() })
        }
    }
}
