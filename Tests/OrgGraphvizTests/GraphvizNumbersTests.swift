import Foundation
import OrgGraph
import Testing

@testable import OrgGraphviz

/// The SVG numbers this project writes for Graphviz are Graphviz's, byte for byte.
@Suite(.serialized) struct GraphvizNumbersTests {
    /// Graphviz 2.42's `gvprintdouble`: `0` between -0.005 and 0.005, otherwise `%.02f` with its
    /// trailing zeros and a bare point dropped.
    static func graphvizText(_ value: Double) -> String {
        if value > -0.005 && value < 0.005 { return "0" }
        var buffer = [CChar](repeating: 0, count: 64)
        let length = withVaList([value]) { vsnprintf(&buffer, buffer.count, "%.02f", $0) }
        var text = String(decoding: buffer[..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    static func writtenText(_ value: Double) -> String? {
        var buffer = [UInt8](repeating: 0, count: GraphvizNumbers.capacity)
        guard let length = buffer.withUnsafeMutableBufferPointer({ GraphvizNumbers.format(value, into: $0.baseAddress!) }) else { return nil }
        return String(decoding: buffer[..<length], as: UTF8.self)
    }

    /// Hundredths, thousandths (near ties, not exact in binary), eighths (exact ties, which
    /// printf rounds to even), the edges of the "0" band, powers of two to the writer's limit
    /// and random values of chart size and far beyond.
    @Test func numbersAreWrittenAsPrintfWritesThem() {
        var values: [Double] = [0, -0.0, 0.005, -0.005, 0.125, 0.375, -0.625, 2.675, 1e15, -1e15, 0x1p50.nextDown]
        for edge in [0.005, -0.005, 0.015, 0.995, 9.995, 99_999.995] {
            values += [edge.nextDown, edge, edge.nextUp]
        }
        for k in -200_000...200_000 {
            values += [Double(k) / 100, Double(k) / 1000, Double(k) / 8, -28_946.65 + Double(k) / 1000]
        }
        for exponent in -9...49 {
            let power = Double(sign: .plus, exponent: exponent, significand: 1)
            values += [power, power.nextDown, power.nextUp, -power]
        }
        var generator = SplitMix(seed: 42)
        for _ in 0..<200_000 {
            values.append(Double(generator.next() % 20_000_000) / 100 - 100_000 + Double(generator.next() % 1000) / 100_000)
            values.append(Double(bitPattern: 0x3F70_0000_0000_0000 + generator.next() % 0x0390_0000_0000_0000) * (generator.next() & 1 == 0 ? 1 : -1))
        }
        var mismatches: [String] = []
        for value in values {
            let expected = Self.graphvizText(value)
            let written = Self.writtenText(value)
            if written != expected, mismatches.count < 10 {
                mismatches.append("\(value.debugDescription): printf \(expected), written \(written ?? "nil")")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test func numbersOutOfRangeAreLeftToGraphviz() {
        for value in [0x1p50, -0x1p50, 1e300, .infinity, -.infinity, .nan] {
            #expect(Self.writtenText(value) == nil, "\(value)")
        }
    }

    /// This test program exports the writer as the build does for `orggraph`: Graphviz's plugins
    /// are bound to it, and the charts it draws are the bytes Graphviz's own function gives.
    @Test func chartsAreTheBytesGraphvizWrites() throws {
        _ = GraphvizRenderer.shared
        let bound = dlsym(nil, "gvprintdouble")
        let graphvizOwn = dlsym(UnsafeMutableRawPointer(bitPattern: -1), "gvprintdouble")
        #expect(bound != nil && graphvizOwn != nil && bound != graphvizOwn, "gvprintdouble is not this program's")
        #expect(GraphvizNumbers.inUse, "the writer is not in use with this Graphviz")

        let org = generatedOrg(people: 300) { $0 == 0 ? nil : ($0 - 1) / 7 }
        let charts = [
            try OrgChart.make(org, options: ChartOptions(view: .people, layout: .tidy)),
            try OrgChart.make(try kuaishou(), options: ChartOptions(view: .people)),
            try OrgChart.make(try kuaishou(), options: ChartOptions(view: .units)),
        ]
        for chart in charts {
            let written = try chart.render(.svg)
            GraphvizNumbers.inUse = false
            defer { GraphvizNumbers.inUse = true }
            let graphvizWritten = try chart.render(.svg)
            #expect(written == graphvizWritten)
            #expect(written.count > 10_000)
        }
    }
}

/// A small seeded generator (SplitMix64), so the random values are the same on every run.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
