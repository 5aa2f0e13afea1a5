import Foundation
import OrgGraph

/// An interactive chart: one self-contained HTML page (its script and style inline, nothing
/// fetched) holding the charts Graphviz draws as SVG. A reader searches by name in any
/// language, title or id and jumps to the card; pans and zooms; clicks a card to see its chain
/// to the top and its reports; collapses and expands a subtree; and, for a timeline, steps
/// through the snapshots with each step's changes marked on the cards and listed.
public enum HTMLChart {
    /// One drawing of the page: the org on one day, or the only one.
    public struct Frame: Sendable {
        /// What the date control shows for it, such as the day.
        public var label: String
        public var chart: Chart
        /// The chart's cards, made once.
        public let cards: [ChartCard]
        /// How each card changed since the frame before, by card: `added`, `moved`, `renamed`
        /// or `head` (a new holder).
        public var marks: [String: String]
        /// The changes since the frame before, a line each, as `diff` prints them, under the
        /// unit each concerns.
        public var changes: [(heading: String, lines: [String])]

        public init(label: String, chart: Chart, marks: [String: String] = [:], changes: [(heading: String, lines: [String])] = []) {
            self.label = label
            self.chart = chart
            self.cards = chart.cards
            self.marks = marks
            self.changes = changes
        }
    }

    /// The frames of a timeline: each version's chart, with what changed since the one before.
    /// A version the chart cannot be drawn of (the root asked for is not in it yet) is a frame
    /// that says why; when none can be, the first reason is the error.
    public static func frames(_ versions: [(label: String, org: Org)], options: ChartOptions) throws(ChartError) -> [Frame] {
        var frames: [Frame] = []
        var firstError: ChartError?
        for (number, version) in versions.enumerated() {
            var frame: Frame
            do {
                frame = Frame(label: version.label, chart: try OrgChart.make(version.org, options: options))
            } catch {
                firstError = firstError ?? error
                var graph = OrgChart.baseGraph(org: version.org, options: options)
                graph.statements = [.node(id: "note", [DOTAttribute("label", .text("Not drawn on \(version.label): \(error.message)")), DOTAttribute("shape", .keyword("plaintext"))])]
                frame = Frame(label: version.label, chart: Chart(graph: graph, engine: "dot"))
            }
            if number > 0 {
                let before = versions[number - 1]
                let diff = OrgDiff(from: before.org, to: version.org)
                frame.marks = marks(diff.changeset, on: frame.cards)
                frame.changes = DiffFormatter(diff: diff, language: options.language, from: before.label, to: version.label).groups()
            }
            frames.append(frame)
        }
        if let firstError, frames.allSatisfy({ $0.cards.isEmpty }) { throw firstError }
        return frames
    }

    /// How each card changed, from the changes of the step to its frame: of the changes to the
    /// units, posts and people a card stands for, the one that says most (added, then a new
    /// holder, moved, renamed).
    static func marks(_ changeset: Changeset, on cards: [ChartCard]) -> [String: String] {
        var cardOf: [String: String] = [:]
        for card in cards { for id in card.ids where cardOf[id] == nil { cardOf[id] = card.id } }
        let rank = ["added": 0, "head": 1, "moved": 2, "renamed": 3]
        var marks: [String: String] = [:]
        func mark(_ id: String, _ kind: String) {
            guard let card = cardOf[id] else { return }
            if let old = marks[card], rank[old]! <= rank[kind]! { return }
            marks[card] = kind
        }
        for change in changeset.changes {
            let op = change.op
            let kind: String
            switch op {
            case .addUnit, .addPost, .addPerson: kind = "added"
            case .renameUnit, .retitlePost, .renamePerson: kind = "renamed"
            case .moveUnit, .setReportsTo: kind = "moved"
            case .appoint: kind = "head"
            case .mergeUnits(_, let sources):
                for source in sources { for unit in source.units { mark(unit.rawValue, "moved") } }
                kind = "moved"
            case .splitUnit(_, _, let parts):
                for part in parts { mark(part.unit.rawValue, "moved") }
                continue
            default: continue
            }
            mark(op.subject, kind)
        }
        return marks
    }

    /// The page: the frames' charts drawn by Graphviz, the latest shown first.
    public static func page(title: String, frames: [Frame]) throws(GraphvizError) -> [UInt8] {
        let title = title.isEmpty ? "Org chart" : title
        var svgs: [[UInt8]] = []
        for (number, frame) in frames.enumerated() {
            let data = try GraphvizRenderer.shared.render(frame.chart.dot, engine: frame.chart.engine, format: .svg)
            svgs.append(inline(data, prefix: "f\(number)-"))
        }
        var out = "<!DOCTYPE html>\n<html lang=\"mul\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<title>\(escape(title))</title>\n<style>\n\(style)</style>\n</head>\n<body>\n"
        out += """
            <header>
            <h1>\(escape(title))</h1>
            <div id="find"><input id="search" type="search" placeholder="Search names, titles, ids" autocomplete="off" aria-label="Search">
            <span id="count" aria-live="polite"></span><ol id="results"></ol></div>
            <div id="zoom"><button id="zoom-in" title="Zoom in">+</button><button id="zoom-out" title="Zoom out">−</button><button id="fit" title="Fit the chart">Fit</button></div>

            """
        if frames.count > 1 {
            out += """
                <div id="timeline"><button id="prev" title="Earlier">◀</button>
                <input id="date" type="range" min="0" max="\(frames.count - 1)" step="1" value="\(frames.count - 1)" aria-label="Date">
                <button id="next" title="Later">▶</button><span id="date-label"></span></div>

                """
        }
        out += "</header>\n<main id=\"viewport\"><div id=\"stage\">\n"
        var page = Array(out.utf8)
        for (number, svg) in svgs.enumerated() {
            page += Array("<section class=\"frame\" data-label=\"\(escape(frames[number].label))\"\(number == frames.count - 1 ? "" : " hidden")>\n".utf8)
            page += svg
            page += Array("</section>\n".utf8)
        }
        out = "</div></main>\n"
        out += """
            <aside id="details" hidden><button id="close" title="Close">×</button><h2 id="details-name"></h2><ul id="details-lines"></ul>
            <p id="details-chain"></p><p id="details-reports"></p><button id="collapse">Collapse the reports</button></aside>
            <aside id="changes" hidden><h2>Changes in this step</h2><ul id="change-list"></ul></aside>

            """
        out += "<script type=\"application/json\" id=\"chart-data\">" + json(frames) + "</script>\n"
        out += "<script>\n\(script)</script>\n</body>\n</html>\n"
        return page + Array(out.utf8)
    }

    /// Graphviz's SVG as an element of the page: without its XML prolog and comments, with
    /// every id (and reference to one) made unique to its frame, and without the cards' list of
    /// fonts on every line of text, which the page's style gives once (a fifth of a big
    /// chart's bytes, which a browser reads before it shows anything). One pass over the bytes:
    /// a big chart's SVG is tens of megabytes.
    static func inline(_ svg: some Collection<UInt8>, prefix: String) -> [UInt8] {
        let bytes = Array(svg)
        let fonts = Array(" font-family=\"\(OrgChart.fontList)\"".utf8)
        let prefixBytes = Array(prefix.utf8)
        let (open, comment, commentEnd) = (Array("<svg".utf8), Array("<!--".utf8), Array("-->".utf8))
        // What is kept with the prefix after it: an id, and the two ways SVG refers to one.
        let references = [" id=\"", "=\"url(#", "href=\"#"].map { Array($0.utf8) }
        func matches(_ pattern: [UInt8], at index: Int) -> Bool {
            index + pattern.count <= bytes.count && bytes[index..<index + pattern.count].elementsEqual(pattern)
        }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = bytes.indices.first { matches(open, at: $0) } ?? 0
        scan: while at < bytes.count {
            let byte = bytes[at]
            if byte == UInt8(ascii: "<"), matches(comment, at: at) {
                var end = at + 4
                while end < bytes.count, !matches(commentEnd, at: end) { end += 1 }
                at = min(end + 3, bytes.count)
                if at < bytes.count, bytes[at] == UInt8(ascii: "\n") { at += 1 }
                continue
            }
            if byte == UInt8(ascii: " "), matches(fonts, at: at) {
                at += fonts.count
                continue
            }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "=") || byte == UInt8(ascii: "h") {
                for pattern in references where matches(pattern, at: at) {
                    out += pattern
                    out += prefixBytes
                    at += pattern.count
                    continue scan
                }
            }
            out.append(byte)
            at += 1
        }
        return out
    }

    /// Text for HTML content and attributes.
    static func escape(_ text: String) -> String { xmlEscape(text) }

    /// The frames' cards, marks and changes as JSON for the script. `<`, `>` and `&` are
    /// written as escapes, so that no text can close the script element.
    static func json(_ frames: [Frame]) -> String {
        // The writer's JSON strings, with `<`, `>` and `&` (which appear only in strings here)
        // as escapes too.
        func string(_ text: String) -> String {
            var bytes: [UInt8] = []
            JSONValue.writeString(text, into: &bytes)
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
                case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
                case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
                default: out.append(byte)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
        func list(_ items: [String]) -> String { "[" + items.map(string).joined(separator: ",") + "]" }
        let parts = frames.map { frame in
            let cards = frame.cards.map { card in
                "{\"id\":\(string(card.id)),\"parent\":\(card.parent.map(string) ?? "null"),\"lines\":\(list(card.lines)),\"ids\":\(list(card.ids))}"
            }
            let marks = frame.marks.sorted { $0.key < $1.key }.map { "\(string($0.key)):\(string($0.value))" }
            let changes = frame.changes.map { "{\"heading\":\(string($0.heading)),\"lines\":\(list($0.lines))}" }
            return "{\"label\":\(string(frame.label)),\"cards\":[\(cards.joined(separator: ",\n"))],\"marks\":{\(marks.joined(separator: ","))},\"changes\":[\(changes.joined(separator: ","))]}"
        }
        return "{\"frames\":[" + parts.joined(separator: ",\n") + "]}"
    }
}
