/// A message about the user's input, tied to the place it concerns, with notes that point at
/// the other places it involves (where a duplicate id was first defined, the candidates of an
/// ambiguous name).
///
/// Printed in the compilers' form, `file:line:column: error: message`, each note on a line of
/// its own as `file:line:column: note: message`, so that editors can jump to every place.
/// Messages are lowercase, without a trailing period, and put names in single quotes.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// How serious a diagnostic is; errors sort before warnings.
    public enum Severity: String, Hashable, Sendable, Comparable {
        /// `error`: the input cannot be used as it is; `warning`: it can, but something looks wrong.
        case error, warning

        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// A second place a diagnostic involves, with what it is.
    public struct Note: Hashable, Sendable, CustomStringConvertible {
        /// What the other place is, e.g. where a duplicate id was first defined.
        public var message: String
        /// The place the note points at; nil when there is none.
        public var location: SourceLocation?

        /// Makes a note saying `message` about the place `location`.
        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }

        /// `file:line:column: note: message`.
        public var description: String {
            location.map { "\($0): note: \(message)" } ?? "note: \(message)"
        }
    }

    /// Whether it is an error or a warning.
    public var severity: Severity
    /// What is wrong: lowercase, without a trailing period, names in single quotes.
    public var message: String
    /// The place the diagnostic concerns; nil when there is none (a missing file, say).
    public var location: SourceLocation?
    /// The other places the diagnostic involves, printed after it.
    public var notes: [Note]

    /// Makes a diagnostic of the given severity, with its message, place and notes.
    public init(_ severity: Severity, _ message: String, at location: SourceLocation?, notes: [Note] = []) {
        self.severity = severity
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// An error with this message at this place, without notes.
    public static func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    /// A warning with this message at this place, without notes.
    public static func warning(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// `file:line:column: severity: message`, then a line for each note.
    public var description: String {
        let line = location.map { "\($0): \(severity.rawValue): \(message)" } ?? "\(severity.rawValue): \(message)"
        return ([line] + notes.map(\.description)).joined(separator: "\n")
    }
}

/// Thrown when input could not be read or is invalid; carries every diagnostic found.
public struct DiagnosticError: Error, Sendable, CustomStringConvertible {
    /// The diagnostics found, warnings as well as errors.
    public var diagnostics: [Diagnostic]

    /// Makes an error that carries these diagnostics.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// Makes an error that carries a single diagnostic.
    public init(_ diagnostic: Diagnostic) {
        self.diagnostics = [diagnostic]
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }

    /// The same diagnostics, the last error with one more note (where the input that raised it
    /// was written: a question's line, say).
    public func noting(_ note: Diagnostic.Note) -> DiagnosticError {
        var noted = self
        if let last = noted.diagnostics.lastIndex(where: { $0.severity == .error }) { noted.diagnostics[last].notes.append(note) }
        return noted
    }
}

/// Gathers diagnostics while a stage runs, so that one pass reports every problem it finds.
public struct DiagnosticCollector: Sendable {
    /// The diagnostics gathered, in the order they were added.
    public private(set) var diagnostics: [Diagnostic] = []

    /// Makes an empty collector.
    public init() {}

    /// True when any diagnostic gathered is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Adds a diagnostic.
    public mutating func add(_ diagnostic: Diagnostic) { diagnostics.append(diagnostic) }

    /// Adds an error with this message at this place.
    public mutating func error(_ message: String, at location: SourceLocation?) {
        add(.error(message, at: location))
    }

    /// Adds a warning with this message at this place.
    public mutating func warning(_ message: String, at location: SourceLocation?) {
        add(.warning(message, at: location))
    }

    /// Adds these diagnostics, in their order.
    public mutating func append(contentsOf other: [Diagnostic]) { diagnostics.append(contentsOf: other) }

    /// Throws every diagnostic gathered so far if any of them is an error.
    public func throwIfErrors() throws(DiagnosticError) {
        if hasErrors { throw DiagnosticError(sorted) }
    }

    /// The diagnostics in file order, then by severity.
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case let (l?, r?) where l != r: return l < r
            case (nil, .some): return false
            case (.some, nil): return true
            default: return a.offset < b.offset
            }
        }.map(\.element)
    }
}

extension Diagnostic {
    /// `{"severity", "message", "file", "line", "column", "notes": [{"message", "file", "line",
    /// "column"}]}`, a place null where there is none.
    public var json: JSONValue {
        func place(_ location: SourceLocation?) -> [(String, JSONValue)] {
            [("file", JSONValue(location?.file)), ("line", location.map { .int($0.line) } ?? .null),
             ("column", location.map { .int($0.column) } ?? .null)]
        }
        return .object([("severity", .string(severity.rawValue)), ("message", .string(message))] + place(location)
            + [("notes", .array(notes.map { .object([("message", .string($0.message))] + place($0.location)) }))])
    }
}
