import Foundation
import Testing

@testable import orggraph

@Suite(.serialized) struct RenderCommandTests {
    @Test(arguments: [
        ("2025-09-29-units", ["render", "Graphs/kuaishou@2025-09-29", "--view", "units"]),
        ("2025-09-30-units", ["render", "Graphs/kuaishou@2025-09-30", "--view", "units"]),
        ("2025-09-30-people", ["render", "Graphs/kuaishou@2025-09-30", "--view", "people"]),
        ("compare", ["compare", "Graphs/kuaishou@2025-09-29", "Graphs/kuaishou@2025-09-30"]),
    ])
    func theShippedChartsAreCurrent(_ name: String, _ arguments: [String]) throws {
        let run = try Run(arguments: arguments + ["--format", "dot"])
        #expect(run.status == 0)
        let committed = try String(contentsOf: Run.repository.appendingPathComponent("Graphs/kuaishou/charts/\(name).dot"), encoding: .utf8)
        #expect(run.stdout == committed, "Graphs/kuaishou/charts/\(name).dot is stale: run bash scripts/render-charts.sh")
        #expect(FileManager.default.fileExists(atPath: Run.repository.appendingPathComponent("Graphs/kuaishou/charts/\(name).svg").path))
    }

    @Test func renderWritesSVGPNGAndPDF() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("k.svg").path
        let run = try Run("render", "Graphs/kuaishou", "-o", svg)
        #expect(run.status == 0)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml"))
        #expect(text.contains("刘逍") && text.contains("王剑伟") && text.contains("生活服务事业部"))
        let png = folder.appendingPathComponent("k.png").path
        #expect(try Run("render", "Graphs/kuaishou", "--format", "png", "-o", png).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: png)).starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let pdf = folder.appendingPathComponent("k.pdf").path
        #expect(try Run("render", "Graphs/kuaishou", "-o", pdf).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: pdf)).starts(with: Array("%PDF".utf8)))
    }

    @Test func dotGoesToStandardOutputTheSameEveryTime() throws {
        let a = try Run("render", "Graphs/kuaishou", "--format", "dot")
        let b = try Run("render", "Graphs/kuaishou", "--format", "dot")
        #expect(a.status == 0)
        #expect(a.stdout.hasPrefix("digraph G {"))
        #expect(a.stdout == b.stdout)
    }

    /// A chart's file names its format, or --format does: render and compare say so alike,
    /// before drawing, and write nothing (compare wrote SVG into any file it was given).
    @Test(arguments: [["render", "Graphs/kuaishou"], ["compare", "Graphs/kuaishou@2025-09-29", "Graphs/kuaishou@2025-09-30"]])
    func aChartFileThatDoesNotNameAFormatIsAUsageError(_ arguments: [String]) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("chart.txt").path
        let run = try Run(arguments: arguments + ["-o", file])
        #expect(run.status == 64)
        #expect(run.stderr.hasPrefix("Error: cannot tell the format from '\(file)'; name it .svg, .png, .pdf, .dot or .html, or give --format\n"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: file))
        #expect(try Run(arguments: arguments + ["-o", file, "--format", "dot"]).status == 0)
        #expect(try String(contentsOfFile: file, encoding: .utf8).hasPrefix("digraph G {"))
    }

    @Test func compareWritesOneSVGWithBothStates() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("c.svg").path
        let run = try Run("compare", "Graphs/kuaishou@2025-09-29", "Graphs/kuaishou@2025-09-30", "-o", svg)
        #expect(run.status == 0)
        // Graphviz writes '-' in SVG text as '&#45;'.
        let text = try String(contentsOfFile: svg, encoding: .utf8).replacingOccurrences(of: "&#45;", with: "-")
        // Each side and the title name the days, not the arguments' paths.
        #expect(text.contains("Before · 2025-09-29") && text.contains("After · 2025-09-30"))
        #expect(text.contains(">2025-09-29 → 2025-09-30<"))
        #expect(!text.contains("Graphs/kuaishou"))
        // One font everywhere: the "moved" labels of the edges too.
        #expect(!text.contains("font-family=\"Times"))
        #expect(text.contains("本地生活事业部 Local Life BU → 生活服务事业部 Life Services BU"))
        #expect(text.contains("new head: 刘逍 Liu Xiao (was 笑古 Xiao Gu)"))
    }

    /// `--page` prints the chart on pages of paper; a chart too big for one PDF page is printed
    /// on pages of A4 without being asked, and says so.
    @Test func pagedPDF() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("k.pdf").path
        let run = try Run("render", "Graphs/kuaishou", "--page", "letter-portrait", "-o", pdf)
        #expect(run.status == 0, "\(run.stderr)")
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: pdf)), as: UTF8.self)
        #expect(text.contains("/Count 2 >>") && text.contains("/MediaBox [0 0 612 792]"))
        // 3,000 reports of one person in a row: 350,000 points wide.
        let csv = folder.appendingPathComponent("wide.csv").path
        try ("id,name,manager_id\n1,Boss,\n" + (2...3_001).map { "\($0),Person \($0),1\n" }.joined()).write(toFile: csv, atomically: true, encoding: .utf8)
        let wide = folder.appendingPathComponent("wide.pdf").path
        let auto = try Run("render", csv, "--stack", "1", "-o", wide)
        #expect(auto.status == 0, "\(auto.stderr)")
        #expect(auto.stderr.contains("more than one PDF page holds (14400 a side); printed on"), "\(auto.stderr)")
        let book = String(decoding: try Data(contentsOf: URL(fileURLWithPath: wide)), as: UTF8.self)
        #expect(book.components(separatedBy: "/MediaBox [0 0 841.89 595.28]").count > 20)
        for (arguments, message) in [
            (["--page", "a5", "-o", pdf], "--page takes a4, a3, letter, legal or tabloid"),
            (["--page", "a4", "-o", folder.appendingPathComponent("k.svg").path], "--page prints a PDF on pages; write a .pdf file or give --format pdf"),
            (["--page", "a4", "--layout", "dot", "-o", pdf], "pages are drawn by the tidy layout: leave out --layout dot"),
        ] {
            let run = try Run(arguments: ["render", "Graphs/kuaishou"] + arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.hasPrefix("Error: \(message)"), "\(arguments): \(run.stderr)")
        }
    }

    @Test func badRenderArgumentsAreUsageErrors() throws {
        #expect(try Run("render", "Graphs/kuaishou", "-o", "chart.txt").status == 64)
        #expect(try Run("render", "Graphs/kuaishou", "--format", "png").status == 64)
        let tidyCombined = try Run("render", "Graphs/kuaishou", "--view", "combined", "--layout", "tidy", "--format", "dot")
        #expect(tidyCombined.status == 1)
        #expect(tidyCombined.stderr.hasPrefix("error: the tidy layout draws trees of cards"))
        let unknownRoot = try Run("render", "Graphs/kuaishou", "--root", "nobody-at-all", "--format", "dot")
        #expect(unknownRoot.status == 1)
        // The shape of a chart: one way to ask at a time, and only of the tidy layout.
        for (arguments, message) in [
            (["--stack", "0"], "--stack is a number of cards a column, 1 or more"),
            (["--max-aspect", "0"], "--max-aspect is how many times wider than high, above 0, such as 4"),
            (["--max-aspect", "nan"], "--max-aspect is how many times wider than high, above 0, such as 4"),
            (["--stack", "3", "--max-aspect", "2"], "give --stack or --max-aspect, not both: --stack sets the columns' height itself"),
            (["--stack", "3", "--layout", "dot"], "--stack shapes the tidy layout; leave out --layout dot"),
            (["--max-aspect", "6", "--layout", "dot"], "--max-aspect shapes the tidy layout; leave out --layout dot"),
            (["--stack", "3", "--view", "combined"], "--stack shapes the tidy layout, which does not draw the combined view"),
        ] {
            let run = try Run(arguments: ["render", "Graphs/kuaishou", "--format", "dot"] + arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.stderr.hasPrefix("Error: \(message)"), "\(arguments): \(run.stderr)")
        }
    }
}
