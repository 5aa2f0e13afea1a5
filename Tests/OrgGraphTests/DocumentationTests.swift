import Foundation
import Testing

@testable import OrgGraph

/// The examples in the documentation are real: they load and mean what the text says.
@Suite struct DocumentationTests {
    static func yamlBlocks(in path: String) throws -> [String] {
        let text = try String(contentsOf: Paths.repository.appendingPathComponent(path), encoding: .utf8)
        return text.components(separatedBy: "```yaml\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
    }

    @Test func theFileFormatArticleExampleLoads() throws {
        let blocks = try Self.yamlBlocks(in: "Sources/OrgGraph/OrgGraph.docc/OrgFileFormat.md")
        let example = try #require(blocks.last)
        let loaded = try parseOrg(example, file: "OrgFileFormat.md")
        #expect(loaded.warnings.isEmpty)
        #expect(loaded.org.reportingChain(of: "liu-xiao")?.map(\.person) == ["liu-xiao", "wang-jianwei", "cheng-yixiao"])
    }

    @Test func theReadmeFormatExampleLoads() throws {
        // The example under "The file format" (other YAML blocks show a hook's or an editor's set-up).
        let snippet = try #require(try Self.yamlBlocks(in: "README.md").first { $0.contains("\nunits:\n") })
        let loaded = try parseOrg(snippet, file: "README.md")
        #expect(loaded.warnings.isEmpty)
        let index = OrgIndex(loaded.org)
        #expect(index.reportingChain(of: "new-hire")?.map(\.person) == ["new-hire", "liu-xiao", "wang-jianwei", "cheng-yixiao"])
        #expect(loaded.org.posts["post.new-hire"]?.unit == "local-life")
        #expect(loaded.org.posts["business-advisor"]?.isStaff == true)
        #expect(index.superior(of: "business-advisor")?.post == "head.kuaishou")
    }

    /// Every time or size with a decimal point that the README quotes ("1.02 to 1.41 s", "0.5 GB",
    /// "1.38 to 1.60 seconds") is one that BENCHMARKS.md gives under "Where each target stands",
    /// its summary of the latest runs: the front door quotes those measurements, not figures of
    /// its own. (Timings are measured there, never here.)
    @Test func theReadmesFiguresAreTheLatestRunsOnes() throws {
        let readme = try String(contentsOf: Paths.repository.appendingPathComponent("README.md"), encoding: .utf8)
        let benchmarks = try String(contentsOf: Paths.repository.appendingPathComponent("BENCHMARKS.md"), encoding: .utf8)
        let start = try #require(benchmarks.range(of: "\n## Where each target stands\n"))
        let rest = benchmarks[start.upperBound...]
        let latest = rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)]
        let figure = /(\d+\.\d+)(?:(?: to | and )(\d+\.\d+))? (?:s|ms|seconds|MB|GB)\b/
        let quoted = readme.matches(of: figure).flatMap { [String($0.output.1)] + ($0.output.2.map { [String($0)] } ?? []) }
        #expect(quoted.count >= 20, "the README's measured figures were not found: \(quoted)")
        func recorded(_ number: String) -> Bool {
            // The number standing alone, not inside a longer one (1.1 is not 11.12).
            latest.ranges(of: number).contains { range in
                let before = range.lowerBound == latest.startIndex ? nil : latest[latest.index(before: range.lowerBound)]
                let after = range.upperBound == latest.endIndex ? nil : latest[range.upperBound]
                return !(before?.isNumber ?? false) && before != "." && !(after?.isNumber ?? false)
            }
        }
        for number in quoted {
            #expect(recorded(number), "the README quotes \(number), which BENCHMARKS.md's latest run does not give")
        }
    }

    @Test func theChangesetArticleExampleApplies() throws {
        let example = try #require(try Self.yamlBlocks(in: "Sources/OrgGraph/OrgGraph.docc/ChangesetFormat.md").last)
        let changeset = try ChangesetFile.parse(example, file: "ChangesetFormat.md")
        let before = try OrgReference(path: Paths.kuaishou, day: Day("2025-09-29")).load().org
        let after = try before.applying(changeset)
        #expect(after.units["local-life"]?.name.display(.en) == "Life Services BU")
        // The example leaves out the removal of Liu Xiao's old post, which now reports to his new one.
        #expect(after.reportingChain(of: "liu-xiao")?.map(\.person) == ["liu-xiao", "liu-xiao", "wang-jianwei", "cheng-yixiao"])
        #expect(OrgIndex(after).reportingChain(from: "head.local-life").map(\.person) == ["liu-xiao", "wang-jianwei", "cheng-yixiao"])
    }
}
