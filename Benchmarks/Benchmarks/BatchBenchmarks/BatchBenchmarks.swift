// A batch of a million questions on a million-person org, in a process of its own, so that its
// peak resident memory is the org's and the batch's alone: it must stay within 500 MB, whatever
// the number of answers (they are written as they are found).
import Benchmark
import Foundation
import OrgGraph

let benchmarks: @Sendable () -> Void = {
    let people = 1_000_000
    var generator = OrgGenerator(seed: 1)
    let table = generator.table(people: people)
    let csv = FileManager.default.temporaryDirectory.appendingPathComponent("orggraph-batch-bench-\(people).csv").path
    try? table.csv().write(toFile: csv, atomically: true, encoding: .utf8)
    // The org as the command reads it; the generator's table is dropped before the run.
    let source = QuerySource(core: (try? HRImport.load(csv: csv).core) ?? OrgCore())
    var rng = SplitMix64(seed: 5)
    let ids = table.ids
    // A third each chain, reports and common.
    let lines = (0..<1_000_000).map { n -> (number: Int, text: String) in
        let (a, b) = (ids[Int.random(in: 0..<people, using: &rng)], ids[Int.random(in: 0..<people, using: &rng)])
        return (n + 1, ["chain \(a)", "reports \(a)", "common \(a) \(b)"][n % 3])
    }
    Benchmark("batch of 1,000,000 questions on 1,000,000 people",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(1), maxIterations: 1)) { benchmark in
        for _ in benchmark.scaledIterations {
            var written = 0
            let batch = try Batch(lines: lines, source: source)
            batch.answer(from: source) { written += $0.count }
            blackHole(written)
        }
    }
}
