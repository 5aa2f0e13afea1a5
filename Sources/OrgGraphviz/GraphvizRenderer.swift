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
    /// Graphviz's own context: pango measures and draws text (PNG, PDF).
    private let context: OpaquePointer?
    /// A context whose text layout is ``TextMetrics`` (SVG): Graphviz only places text there,
    /// the reader's browser draws it, and pango's shaping of every line was most of the time
    /// a big chart took.
    private let measuredContext: OpaquePointer?
    /// Whether this Graphviz writes SVG numbers as ``GraphvizNumbers`` does.
    private let numbersChecked: Bool
    /// Whether SVG numbers are written by ``GraphvizNumbers`` (when checked): off only to compare
    /// with Graphviz's own. Under the lock.
    private var writesNumbers = true

    /// Has SVG numbers written by ``GraphvizNumbers`` or by Graphviz's own function, from the
    /// next drawing on (the same bytes either way: for tests that compare them).
    func writeNumbers(_ ours: Bool) {
        lock.withLock { writesNumbers = ours }
    }

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
        measuredContext = gvContextPlugins(TextLayout.builtins(), 1)
        if let measuredContext, let version = gvcVersion(measuredContext) {
            numbersChecked = String(cString: version) == GraphvizNumbers.checkedVersion
        } else {
            numbersChecked = false
        }
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
        GraphvizNumbers.inUse = writesNumbers && numbersChecked
        guard let context = format == .svg ? measuredContext : self.context else { throw GraphvizError(message: "Graphviz could not start (gvContext failed)") }
        graphvizErrors = ""
        agreseterrors()
        guard !dot.isEmpty, let graph = dot.withCString({ agmemread($0) }) else {
            throw GraphvizError(message: "Graphviz could not read the graph: " + Self.cleaned(graphvizErrors, or: "syntax error"))
        }
        var laidOut = false
        var freedLater = false
        defer {
            if !freedLater {
                if laidOut { gvFreeLayout(context, graph) }
                agclose(graph)
            }
        }
        guard gvLayout(context, graph, engine) == 0 else {
            throw GraphvizError(message: "Graphviz could not lay out the graph with '\(engine)': "
                + Self.cleaned(graphvizErrors, or: "no layout plugin; is libgvc6 installed and its plugin list built ('dot -c')?"))
        }
        laidOut = true
        if agerrors() > 0 {
            throw GraphvizError(message: "Graphviz reported: " + Self.cleaned(graphvizErrors, or: "an error"))
        }
        if format == .png, let size = Self.size(of: "bb".withCString({ agget(graph, UnsafeMutablePointer(mutating: $0)) })), (max(size.width, size.height) + 2 * Self.pad) * Self.pngDPI / 72 > Self.maxBitmapSide {
            throw GraphvizError(message: "the chart is \(Int(size.width)) × \(Int(size.height)) points, and a PNG is at most \(Int(Self.maxBitmapSide)) pixels a side (\(Int(Self.maxBitmapSide * 72 / Self.pngDPI - 2 * Self.pad)) points); draw it as SVG or PDF, or draw part of it with --root and --depth")
        }
        // Into a stream in memory, which grows by doubling: gvRenderData's buffer grows a page at a
        // time, each step a realloc that moves the whole buffer's pages (a tenth of a 20,000-card
        // chart's time went on that).
        var result: UnsafeMutablePointer<CChar>?
        var length = 0
        guard let stream = open_memstream(&result, &length) else {
            throw GraphvizError(message: "Graphviz could not render \(format.rawValue): out of memory")
        }
        let rendered = gvRender(context, graph, format.rawValue, stream)
        // The stream's buffer and length are set once it is closed.
        let closed = fclose(stream)
        defer { free(result) }
        guard rendered == 0, closed == 0, let result else {
            throw GraphvizError(message: "Graphviz could not render \(format.rawValue): " + Self.cleaned(graphvizErrors, or: "no renderer for it"))
        }
        let data = Data(bytes: result, count: length)
        // A big graph takes a tenth of a second or more to free: that is done on a thread of its
        // own, which takes the lock once this call lets go of it (the next call waits for it).
        if length > 1 << 20 {
            freedLater = true
            let graph = Unchecked(context: context, graph: graph)
            Thread.detachNewThread { [lock] in
                lock.withLock {
                    gvFreeLayout(graph.context, graph.graph)
                    agclose(graph.graph)
                }
            }
        }
        return data
    }

    /// A laid-out graph handed to the thread that frees it, under the lock.
    private struct Unchecked: @unchecked Sendable {
        let context: OpaquePointer
        let graph: UnsafeMutablePointer<Agraph_t>
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

/// A text layout plugin for Graphviz that measures with ``TextMetrics``, built in to the
/// measured context (Graphviz picks the text layout of highest quality: this one's is above
/// pango's 10). Allocated once, for the life of the process.
private enum TextLayout {
    /// The builtin list naming the plugin library; made once, by the renderer's one instance.
    static func builtins() -> UnsafeMutablePointer<lt_symlist_t> {
        let engine = UnsafeMutablePointer<gvtextlayout_engine_t>.allocate(capacity: 1)
        engine.initialize(to: gvtextlayout_engine_t(textlayout: measure))
        let types = UnsafeMutablePointer<gvplugin_installed_t>.allocate(capacity: 2)
        types.initialize(to: gvplugin_installed_t(id: 0, type: UnsafePointer(strdup("textlayout")), quality: 100,
                                                  engine: UnsafeMutableRawPointer(engine), features: nil))
        (types + 1).initialize(to: gvplugin_installed_t(id: 0, type: nil, quality: 0, engine: nil, features: nil))
        let apis = UnsafeMutablePointer<gvplugin_api_t>.allocate(capacity: 2)
        apis.initialize(to: gvplugin_api_t(api: API_textlayout, types: types))
        (apis + 1).initialize(to: gvplugin_api_t(api: api_t(rawValue: 0), types: nil))
        let library = UnsafeMutablePointer<gvplugin_library_t>.allocate(capacity: 1)
        library.initialize(to: gvplugin_library_t(packagename: strdup("orggraph"), apis: apis))
        // Graphviz installs a builtin whose name starts with "g" and holds "_LTX_library".
        let symbols = UnsafeMutablePointer<lt_symlist_t>.allocate(capacity: 2)
        symbols.initialize(to: lt_symlist_t(name: UnsafePointer(strdup("gvplugin_orggraph_LTX_library")), address: UnsafeMutableRawPointer(library)))
        (symbols + 1).initialize(to: lt_symlist_t(name: nil, address: nil))
        return symbols
    }

    /// A span's size as pango gives it on one line: the advance width, a height of 1.1 times
    /// the font size, the centre line 0.2 of it below the middle.
    static let measure: @convention(c) (UnsafeMutablePointer<textspan_t>?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> boolean = { span, fontpath in
        guard let span, let font = span.pointee.font else { return 0 }
        let size = font.pointee.size
        let width = span.pointee.str.map { TextMetrics.width(String(cString: $0), size: size) } ?? 0
        span.pointee.size = pointf(x: width, y: (size * 1.1 + 0.5).rounded(.down))
        span.pointee.yoffset_layout = size
        span.pointee.yoffset_centerline = 0.2 * size
        span.pointee.layout = nil
        span.pointee.free_layout = nil
        fontpath?.pointee = nil
        return 1
    }
}

/// What Graphviz said during the current call; written only under the renderer's lock.
nonisolated(unsafe) private var graphvizErrors = ""

/// Graphviz delivers a message in pieces ("Error", ": ", text); keep them all.
private let graphvizErrorHandler: agusererrf = { message in
    if let message { graphvizErrors += String(cString: message) }
    return 0
}
