import CGraphviz
import Foundation

/// What Graphviz can produce.
public enum ChartFormat: String, Sendable, CaseIterable {
    case svg, png, pdf, dot
    /// An interactive page around the SVG (``HTMLChart``).
    case html

    /// The format a file name asks for, by its extension.
    public init?(fileName: String) {
        let ext = (fileName as NSString).pathExtension.lowercased()
        self.init(rawValue: ext)
    }
}

/// A failure reported by Graphviz, with its own words.
public struct GraphvizError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// Renders DOT text in-process through libgvc.
///
/// Graphviz keeps global state (lexer, error handler, layout statics, font cache) and is not
/// safe to call from two threads at once, even with a context each: every call here runs under
/// one process-wide lock, on one context that lives as long as the process. File loads are
/// refused (Graphviz's safe mode), so no label or attribute can make it read a file.
public final class GraphvizRenderer: @unchecked Sendable {
    public static let shared = GraphvizRenderer()

    private let lock = NSLock()
    private let context: OpaquePointer?

    private init() {
        // Safe mode: with SERVER_NAME set and GV_FILE_PATH unset, once arguments have been
        // parsed, Graphviz refuses every file an attribute names. Parse them on a throwaway
        // context: on the kept one they would leave a job that renders to stdout.
        setenv("SERVER_NAME", "orggraph", 1)
        unsetenv("GV_FILE_PATH")
        if let throwaway = gvContext() {
            var arguments: [UnsafeMutablePointer<CChar>?] = [strdup("dot"), nil]
            _ = gvParseArgs(throwaway, 1, &arguments)
            for argument in arguments { free(argument) }
            // Kept, not freed: freeing contexts has shown use-after-free in the pango plugin.
        }
        context = gvContext()
        agseterr(AGWARN)
        _ = agseterrf(graphvizErrorHandler)
    }

    /// Lays out and renders DOT text.
    ///
    /// - Parameters:
    ///   - dot: the graph, as from ``DOTEncoder``.
    ///   - engine: `dot` for layered layouts; `nop2` for positions already in the graph.
    ///   - format: `svg`, `png` or `pdf` (`dot` returns the text unchanged).
    /// - Throws: ``GraphvizError`` with Graphviz's message when the graph cannot be read, laid
    ///   out or rendered.
    public func render(_ dot: String, engine: String, format: ChartFormat) throws(GraphvizError) -> Data {
        if format == .dot { return Data(dot.utf8) }
        // Graphviz draws a page's chart as SVG; the page around it is ``HTMLChart``'s.
        let format = format == .html ? .svg : format
        lock.lock()
        defer { lock.unlock() }
        guard let context else { throw GraphvizError(message: "Graphviz could not start (gvContext failed)") }
        graphvizErrors = ""
        agreseterrors()
        guard !dot.isEmpty, let graph = dot.withCString({ agmemread($0) }) else {
            throw GraphvizError(message: "Graphviz could not read the graph: " + Self.cleaned(graphvizErrors, or: "syntax error"))
        }
        defer { agclose(graph) }
        guard gvLayout(context, graph, engine) == 0 else {
            throw GraphvizError(message: "Graphviz could not lay out the graph with '\(engine)': "
                + Self.cleaned(graphvizErrors, or: "no layout plugin; is libgvc6 installed and its plugin list built ('dot -c')?"))
        }
        defer { gvFreeLayout(context, graph) }
        if agerrors() > 0 {
            throw GraphvizError(message: "Graphviz reported: " + Self.cleaned(graphvizErrors, or: "an error"))
        }
        if format == .png, let size = Self.size(of: "bb".withCString({ agget(graph, UnsafeMutablePointer(mutating: $0)) })), (max(size.width, size.height) + 2 * Self.pad) * Self.pngDPI / 72 > Self.maxBitmapSide {
            throw GraphvizError(message: "the chart is \(Int(size.width)) × \(Int(size.height)) points, and a PNG is at most \(Int(Self.maxBitmapSide)) pixels a side (\(Int(Self.maxBitmapSide * 72 / Self.pngDPI - 2 * Self.pad)) points); draw it as SVG or PDF, or draw part of it with --root and --depth")
        }
        var result: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        guard gvRenderData(context, graph, format.rawValue, &result, &length) == 0, let result else {
            throw GraphvizError(message: "Graphviz could not render \(format.rawValue): " + Self.cleaned(graphvizErrors, or: "no renderer for it"))
        }
        defer { gvFreeRenderData(result) }
        return Data(bytes: result, count: Int(length))
    }

    /// The most pixels a side Graphviz's bitmap renderer (cairo) draws; past it, it scales the
    /// drawing down by itself and says so in words of its own.
    static let maxBitmapSide = 32_767.0
    /// The resolution Graphviz draws PNG at.
    static let pngDPI = 96.0
    /// The margin Graphviz adds on each side of the bounding box, in points (its default `pad`).
    static let pad = 4.0

    /// A laid-out graph's size in points, from its bounding box (the `bb` the layout sets).
    private static func size(of bb: UnsafeMutablePointer<CChar>?) -> (width: Double, height: Double)? {
        guard let bb else { return nil }
        let numbers = String(cString: bb).split(whereSeparator: { $0 == "," || $0 == " " }).compactMap { Double($0) }
        guard numbers.count == 4 else { return nil }
        return (numbers[2] - numbers[0], numbers[3] - numbers[1])
    }

    /// Checks that Graphviz reads DOT text, without laying it out.
    public func parse(_ dot: String) throws(GraphvizError) {
        lock.lock()
        defer { lock.unlock() }
        graphvizErrors = ""
        agreseterrors()
        guard !dot.isEmpty, let graph = dot.withCString({ agmemread($0) }) else {
            throw GraphvizError(message: "Graphviz could not read the graph: " + Self.cleaned(graphvizErrors, or: "syntax error"))
        }
        agclose(graph)
        if agerrors() > 0 { throw GraphvizError(message: "Graphviz reported: " + Self.cleaned(graphvizErrors, or: "an error")) }
    }

    /// The names of Graphviz's plugins of a kind (`layout`, `render`), to tell what is installed.
    public func plugins(_ kind: String) -> [String] {
        lock.lock()
        defer { lock.unlock() }
        guard let context else { return [] }
        var count: Int32 = 0
        guard let list = gvPluginList(context, kind, &count, nil) else { return [] }
        var names: [String] = []
        for index in 0..<Int(count) {
            if let name = list[index] {
                names.append(String(cString: name))
                free(name)
            }
        }
        free(list)
        return names
    }

    private static func cleaned(_ text: String, or fallback: String) -> String {
        let trimmed = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .joined(separator: "; ")
        return trimmed.isEmpty ? fallback : trimmed
    }
}

/// What Graphviz said during the current call; written only under the renderer's lock.
nonisolated(unsafe) private var graphvizErrors = ""

/// Graphviz delivers a message in pieces ("Error", ": ", text); keep them all.
private let graphvizErrorHandler: agusererrf = { message in
    if let message { graphvizErrors += String(cString: message) }
    return 0
}
