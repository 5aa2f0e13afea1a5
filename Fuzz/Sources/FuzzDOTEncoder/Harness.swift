import Foundation
import FuzzSupport
import OrgGraph
import OrgGraphviz

/// Any text as every name of a small org: the DOT of each view must parse in Graphviz
/// (agmemread) and lay out as SVG, whose labels Graphviz parses only then: a valid org never
/// fails to draw.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let name = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    var org = Org(title: name)
    org.units["u"] = Unit(id: "u", name: LocalizedText(["en": name, "zh": name]))
    org.people["p"] = Person(id: "p", name: LocalizedText(["en": name]))
    org.posts["head"] = Post(id: "head", title: LocalizedText(["en": name]), unit: "u", isHead: true, holders: ["p"])
    for view in ChartView.allCases {
        guard let chart = try? OrgChart.make(org, options: ChartOptions(view: view)) else { continue }
        do {
            try GraphvizRenderer.shared.parse(chart.dot)
            _ = try chart.render(.svg)
        } catch {
            fatalError("Graphviz could not draw the DOT of \(view): \(error)\n\(chart.dot)")
        }
    }
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzDOTEncoder_main`; hand control to libFuzzer.
@_cdecl("FuzzDOTEncoder_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
