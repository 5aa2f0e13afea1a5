import Foundation
import OrgGraph
import Testing

@testable import OrgGraphviz

/// The SVG numbers this project writes for Graphviz are Graphviz's, byte for byte.
@Suite(.serialized) struct GraphvizNumbersTests {
    /// What the checked Graphviz's `gvprintdouble` writes (read from its machine code): `0`
    /// strictly between -1e-8 and 1e-8, otherwise `%.02f` with its trailing zeros and a bare
    /// point dropped (-0.003 is `-0`).
    static func graphvizText(_ value: Double) -> String {
        if value > -1e-8 && value < 1e-8 { return "0" }
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
    /// printf rounds to even), the edges of the `0` band and of a half hundredth, tiny numbers
    /// (`-0`), powers of two to the writer's limit and random values of chart size and beyond.
    @Test func numbersAreWrittenAsPrintfWritesThem() {
        var values: [Double] = [0, -0.0, 0.005, -0.005, 0.125, 0.375, -0.625, 2.675, 1e15, -1e15, 0x1p50.nextDown,
                                -0.003, 0.003, -1e-7, 1e-9, -1e-9, -0.0049, 0.0049, 0x1p-8, -0x1p-8, .leastNonzeroMagnitude]
        for edge in [1e-8, -1e-8, 0.005, -0.005, 0.015, 0.995, 9.995, 99_999.995] {
            values += [edge.nextDown, edge, edge.nextUp]
        }
        for k in -200_000...200_000 {
            values += [Double(k) / 100, Double(k) / 1000, Double(k) / 8, -28_946.65 + Double(k) / 1000]
        }
        for exponent in -40...49 {
            let power = Double(sign: .plus, exponent: exponent, significand: 1)
            values += [power, power.nextDown, power.nextUp, -power]
        }
        var generator = SplitMix(seed: 42)
        for _ in 0..<200_000 {
            values.append(Double(generator.next() % 20_000_000) / 100 - 100_000 + Double(generator.next() % 1000) / 100_000)
            // Any magnitude from 2^-30 to below 2^50, either sign.
            values.append(Double(bitPattern: 0x3E10_0000_0000_0000 + generator.next() % 0x04F0_0000_0000_0000) * (generator.next() & 1 == 0 ? 1 : -1))
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

    /// This test program, as any that links the module, has Graphviz's plugins bound to the
    /// writer, and what it draws is the bytes Graphviz's own function gives: charts, and a graph
    /// whose points sit at tiny, tied and negative offsets.
    @Test func chartsAreTheBytesGraphvizWrites() throws {
        let renderer = GraphvizRenderer.shared
        let bound = dlsym(nil, "gvprintdouble")
        let graphvizOwn = dlsym(UnsafeMutableRawPointer(bitPattern: -1), "gvprintdouble")
        #expect(bound != nil && graphvizOwn != nil && bound != graphvizOwn, "gvprintdouble is not this program's")

        let org = generatedOrg(people: 300) { $0 == 0 ? nil : ($0 - 1) / 7 }
        var drawings = try [
            OrgChart.make(org, options: ChartOptions(view: .people, layout: .tidy)),
            OrgChart.make(try kuaishou(), options: ChartOptions(view: .people)),
            OrgChart.make(try kuaishou(), options: ChartOptions(view: .units)),
        ].map { chart in { () throws -> [UInt8] in try chart.render(.svg) } }
        // The drawing is moved so that the lowest card's bottom is at 0: the others' bottoms are
        // at these offsets, written negated (SVG's y grows downwards), so tiny ones come out `-0`.
        let offsets = [0, 0.003, 0.000000001, 0.0049, 0.002, 0.005, 0.0051, 0.125, 0.375, 2.675, 0.015, 0.0449]
        var dot = "digraph G { node [shape=box, width=0.5, height=0.3, fixedsize=true];\n"
        for (index, offset) in offsets.enumerated() {
            let y = String(format: "%.9f", offset)
            dot += "n\(index) [pos=\"\(100 * index),\(y)\"];\n"
            dot += "n\(index) -> n\((index + 1) % offsets.count) [pos=\"\(100 * index),\(y) \(100 * index + 30),\(y) \(100 * index + 60),\(y) \(100 * index + 90),\(y)\"];\n"
        }
        dot += "}"
        drawings.append { [UInt8](try renderer.render(dot, engine: "nop2", format: .svg)) }
        for draw in drawings {
            let written = try draw()
            renderer.writeNumbers(false)
            defer { renderer.writeNumbers(true) }
            let graphvizWritten = try draw()
            #expect(written == graphvizWritten)
            #expect(written.count > 5_000)
        }
        #expect(String(decoding: try renderer.render(dot, engine: "nop2", format: .svg), as: UTF8.self).contains(",-0 "),
                "no -0 drawn, so the graph does not test the small negatives")
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
