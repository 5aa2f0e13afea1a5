import Yams

/// A value read from a file, with where it was written.
struct Located<Value> {
    var value: Value
    var location: SourceLocation
}

extension Located: Sendable where Value: Sendable {}

/// Reads a YAML (or JSON) document into Yams nodes and offers typed, diagnosing accessors.
///
/// Every accessor reports a problem to `diagnostics` and returns nil rather than throwing, so
/// that one read reports everything wrong with a file.
struct YAMLReader {
    let file: String
    var diagnostics = DiagnosticCollector()

    init(file: String) {
        self.file = file
    }

    /// Parses `text` into its root node. Throws on syntax errors, an empty document, several
    /// documents, or anchors and aliases (which org files do not need and which can make a small
    /// file expand without bound).
    func parseRoot(_ text: String, what: String) throws(DiagnosticError) -> Node {
        var text = text
        if file.lowercased().hasSuffix(".json") {
            // A .json file is held to JSON's grammar (no trailing commas, no comments, quoted
            // keys), with JSON's messages, before it is read as the YAML it also is.
            text = try JSONScanner.checked(text, file: file, depth: Self.maxNesting)
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            throw DiagnosticError(.error(
                "file is empty; \(what) needs at least one key",
                at: SourceLocation(file: file, line: 1, column: 1)))
        }
        try precheck(text)
        let root: Node?
        do {
            // Every scalar is read as the text it is written as (the schema says which are days or
            // booleans), so the parser resolves no tags: its default resolver matches regular
            // expressions against each key and value, which took half the time of a big file.
            let parser = try Parser(yaml: text, resolver: .basic)
            root = try parser.singleRoot()
            // The parser owns the anchors; check for them while it is alive (a file with no '&'
            // or '*' has none, and most files need no walk).
            if let root, text.utf8.contains(where: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "*") }),
                let anchored = withExtendedLifetime(parser, { firstAnchoredNode(root) })
            {
                throw DiagnosticError(.error(
                    "YAML anchors and aliases are not supported in \(what); write the value out",
                    at: location(anchored)))
            }
        } catch let error as DiagnosticError {
            throw error
        } catch let error as YamlError {
            throw DiagnosticError(Self.withFullWidthNotes(diagnostic(for: error), text: text))
        } catch {
            throw DiagnosticError(.error("cannot read YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        guard let root, !isNull(root) else {
            throw DiagnosticError(.error(
                "file holds no data; \(what) needs at least one key",
                at: SourceLocation(file: file, line: 1, column: 1)))
        }
        return root
    }

    /// Longest line and deepest nesting an org file may have: far beyond any real file, well
    /// short of what could exhaust memory or the stack of a recursive reader.
    static let maxLineBytes = 1 << 20
    static let maxNesting = 200

    /// Refuses, before parsing, lines longer than ``maxLineBytes`` and nesting (of `[`, `{` or
    /// indentation) deeper than ``maxNesting``.
    func precheck(_ text: String) throws(DiagnosticError) {
        var line = 1
        var lineStart = 0
        var offset = 0
        var depth = 0
        var quote: UInt8 = 0
        var comment = false
        var atLineStart = true
        var indent = 0
        var indents: [Int] = []
        for byte in text.utf8 {
            defer { offset += 1 }
            if byte == 0x0A {
                if offset - lineStart > Self.maxLineBytes {
                    throw DiagnosticError(.error("line \(line) is longer than 1 MiB; an org file is text for people", at: SourceLocation(file: file, line: line, column: 1)))
                }
                line += 1
                lineStart = offset + 1
                comment = false
                atLineStart = true
                indent = 0
                if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") { continue }
                continue
            }
            if atLineStart {
                if byte == 0x20 { indent += 1; continue }
                atLineStart = false
                if byte != UInt8(ascii: "#") {
                    while let last = indents.last, last >= indent { indents.removeLast() }
                    indents.append(indent)
                    if indents.count > Self.maxNesting {
                        throw DiagnosticError(.error("nesting deeper than \(Self.maxNesting) levels; flatten the file", at: SourceLocation(file: file, line: line, column: indent + 1)))
                    }
                }
            }
            if comment { continue }
            if quote != 0 {
                if byte == quote { quote = 0 }
                continue
            }
            switch byte {
            case UInt8(ascii: "#"): comment = true
            case UInt8(ascii: "\""), UInt8(ascii: "'"): quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth + indents.count > Self.maxNesting {
                    throw DiagnosticError(.error("nesting deeper than \(Self.maxNesting) levels; flatten the file", at: SourceLocation(file: file, line: line, column: offset - lineStart + 1)))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth = max(0, depth - 1)
            default: break
            }
        }
        if offset - lineStart > Self.maxLineBytes {
            throw DiagnosticError(.error("line \(line) is longer than 1 MiB; an org file is text for people", at: SourceLocation(file: file, line: line, column: 1)))
        }
    }

    /// The first node carrying an anchor, in document order, visiting each node at most once
    /// before an anchor stops the walk (an alias repeats an anchored node, so a walk that stops at
    /// the first anchor never expands one).
    private func firstAnchoredNode(_ root: Node) -> Node? {
        var stack: [Node] = [root]
        while let node = stack.popLast() {
            if node.anchor != nil { return node }
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping.reversed() {
                    stack.append(value)
                    stack.append(key)
                }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence.reversed())
            case .alias:
                return node
            case .scalar:
                break
            }
        }
        return nil
    }

    /// A syntax error with a note at each full-width colon or comma (common when typing Chinese)
    /// outside quotes, from the line where the construct started to the error's: YAML reads them
    /// as text, so `kind：board` is no key.
    static func withFullWidthNotes(_ diagnostic: Diagnostic, text: String) -> Diagnostic {
        guard diagnostic.message.hasPrefix("YAML syntax error"), let line = diagnostic.location?.line,
            text.unicodeScalars.contains(where: { $0 == "\u{FF1A}" || $0 == "\u{FF0C}" })
        else { return diagnostic }
        let first = max(1, min(diagnostic.notes.compactMap { $0.location?.line }.min() ?? line, line - 1))
        var result = diagnostic
        for (offset, content) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where (first...line).contains(offset + 1) {
            var quote: Character?
            var column = 1
            for character in content {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "#" {
                    break
                } else if character == "：" || character == "，" {
                    let ascii = character == "：" ? ":" : ","
                    result.notes.append(Diagnostic.Note("a full-width '\(character)' here; YAML needs '\(ascii)' (ASCII)\(ascii == ":" ? ", with a space after it" : "")",
                                                        at: SourceLocation(file: diagnostic.location!.file, line: offset + 1, column: column)))
                }
                column += character.unicodeScalars.count
            }
        }
        return result
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation {
            SourceLocation(file: file, line: mark.line, column: mark.column)
        }
        func describe(_ context: YamlError.Context?, _ problem: String) -> String {
            if let context { return "YAML syntax error: \(problem) \(context.text)" }
            return "YAML syntax error: \(problem)"
        }
        switch error {
        case let .scanner(context, problem, mark, _),
            let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            if problem == "but found another document" {
                return .error("a second YAML document starts here; an org file is one document, so remove this '---'", at: at(mark))
            }
            var notes: [Diagnostic.Note] = []
            if let context, context.mark.line > 0, (context.mark.line, context.mark.column) != (mark.line, mark.column) {
                notes.append(Diagnostic.Note("it started here", at: at(context.mark)))
            }
            return Diagnostic(.error, describe(context, problem), at: at(mark), notes: notes)
        case let .duplicatedKeysInMapping(duplicates, context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .error("duplicate key \(keys) in one mapping; each key may appear once", at: at(context.mark))
        case let .reader(problem, _, _, _):
            return .error("cannot read file: \(problem)", at: SourceLocation(file: file, line: 1, column: 1))
        default:
            return .error("cannot read YAML: \(error)", at: SourceLocation(file: file, line: 1, column: 1))
        }
    }

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func kindName(_ node: Node) -> String {
        switch node {
        case .scalar: "a scalar"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    /// The keys of a mapping, checked against the keys the schema allows.
    mutating func fields(_ node: Node, of what: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            diagnostics.error("expected \(what) to be a mapping of keys to values, found \(Self.kindName(node))", at: location(node))
            return nil
        }
        var fields = Fields()
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                diagnostics.error("a key of \(what) must be a plain word, found \(Self.kindName(keyNode))", at: location(keyNode))
                continue
            }
            guard allowed.contains(key.string) else {
                var message = "unknown key '\(key.string)' in \(what)"
                if let suggestion = Suggestions.closest(to: key.string, among: allowed) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; expected one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                }
                diagnostics.error(message, at: location(keyNode))
                continue
            }
            if isNull(value) { continue }
            fields.entries[key.string] = value
        }
        return fields
    }

    /// A scalar's text; an error for a mapping or list.
    mutating func string(_ node: Node, _ what: String) -> Located<String>? {
        guard case .scalar(let scalar) = node else {
            diagnostics.error("expected \(what) to be a single value, found \(Self.kindName(node))", at: location(node))
            return nil
        }
        return Located(value: scalar.string, location: location(node))
    }

    /// A non-empty identifier without spaces or control characters.
    mutating func identifier(_ node: Node, _ what: String) -> Located<String>? {
        guard let text = string(node, what) else { return nil }
        if let problem = TextRules.idProblem(text.value, what) {
            diagnostics.error(problem, at: text.location)
            return nil
        }
        return text
    }

    /// One value or a list of values.
    mutating func list(_ node: Node) -> [Node] {
        if case .sequence(let sequence) = node { return Array(sequence) }
        return [node]
    }

    /// A BCP 47-like tag: `zh`, `en`, `zh-Hant`, `pt-BR`.
    static func isLanguageCode(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, (2...3).contains(first.count),
            first.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (1...8).contains(part.count) && part.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) }
        }
    }

    mutating func day(_ node: Node, _ what: String) -> Located<Day>? {
        guard let text = string(node, what) else { return nil }
        guard let day = Day(text.value) else {
            diagnostics.error(Day.notADay(text.value, what), at: text.location)
            return nil
        }
        return Located(value: day, location: text.location)
    }
}

/// The values of a mapping's known keys.
struct Fields {
    var entries: [String: Node] = [:]

    subscript(key: String) -> Node? { entries[key] }
}

/// "Did you mean" hints by edit distance.
enum Suggestions {
    /// The candidate closest to `word`, if it is close enough to be a likely typo.
    static func closest(to word: String, among candidates: some Sequence<String>) -> String? {
        ranked(word, among: candidates, limit: 1).first
    }

    /// Up to `limit` candidates near `word`, nearest first, ties in sorted order.
    static func ranked(_ word: String, among candidates: some Sequence<String>, limit: Int) -> [String] {
        let lowered = Array(word.lowercased())
        let threshold = lowered.count <= 3 ? 1 : max(2, lowered.count / 3)
        var scored: [(Int, String)] = []
        for candidate in candidates {
            let other = Array(candidate.lowercased())
            let distance = editDistance(lowered, other, limit: threshold)
            if distance <= threshold {
                scored.append((distance, candidate))
            } else if isAbbreviation(lowered, of: other) {
                // `wang-jw` for `wang-jianwei`: ranked after every near spelling.
                scored.append((threshold + 1 + other.count - lowered.count, candidate))
            }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return scored.prefix(limit).map(\.1)
    }

    /// Whether `short` keeps the first letters of `long` and the rest of its letters in order,
    /// as people abbreviate ids (`wang-jw`, `liux`).
    static func isAbbreviation(_ short: [Character], of long: [Character]) -> Bool {
        guard short.count >= 3, short.count < long.count, short.prefix(2) == long.prefix(2) else { return false }
        var index = long.startIndex
        for character in short {
            guard let found = long[index...].firstIndex(of: character) else { return false }
            index = found + 1
        }
        return true
    }

    /// Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return limit + 1 }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
