// Renders an org chart through the OrgGraph libraries: load an org, build the chart, let
// Graphviz draw it in-process.
//
//   swift run render-chart Graphs/kuaishou@2025-09-29 before.svg
import Foundation
import OrgGraph
import OrgGraphviz

let arguments = Array(CommandLine.arguments.dropFirst())
guard arguments.count == 2, let format = ChartFormat(fileName: arguments[1]) else {
    FileHandle.standardError.write(Data("usage: render-chart ORG[@YYYY-MM-DD] OUTPUT.(svg|png|pdf|dot)\n".utf8))
    exit(64)
}

do {
    let org = try OrgReference(parsing: arguments[0]).load().org
    let chart = try OrgChart.make(org, options: ChartOptions(view: .units, language: .both))
    let bytes = try chart.render(format)
    try Data(bytes).write(to: URL(fileURLWithPath: arguments[1]))
    print("wrote \(arguments[1]): \(org.units.count) units, laid out by \(chart.engine)")
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
}
