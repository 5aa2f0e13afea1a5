/// Phantom tags that keep the kinds of identifier apart.
public enum UnitTag {}
/// The tag of a post's id.
public enum PostTag {}
/// The tag of a person's id.
public enum PersonTag {}
/// The tag of a source's id.
public enum SourceTag {}

/// A stable identifier: a slug chosen by the author of an org file, kept across renames.
///
/// The tag keeps a unit's id from being passed where a person's is expected.
public struct Identifier<Tag>: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    /// The id as written.
    public var rawValue: String

    /// Creates an id from its text.
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// The id of a ``Unit``.
public typealias UnitID = Identifier<UnitTag>
/// The id of a ``Post``.
public typealias PostID = Identifier<PostTag>
/// The id of a ``Person``.
public typealias PersonID = Identifier<PersonTag>
/// The id of a ``Source``.
public typealias SourceID = Identifier<SourceTag>

/// The rules every reader applies to ids and language codes, each with its one message: the YAML
/// and JSON readers and the importers call these, so a file and an import agree on what is an id.
enum TextRules {
    /// Why `text` cannot be an id (`what` names it, as in `'id' of a person`), or nil when it can:
    /// ids are non-empty single words, with no space or control character.
    static func idProblem(_ text: String, _ what: @autoclosure () -> String) -> String? {
        if text.isEmpty { return "\(what()) is empty; give an id such as 'liu-xiao'" }
        // Most ids are printable ASCII; only others need Unicode's tables.
        var bytes = text
        if !bytes.withUTF8({ $0.allSatisfy { $0 > 0x20 && $0 < 0x7F } }),
            text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        {
            return "\(what()) '\(text)' contains a space or control character; ids are single words such as 'liu-xiao'"
        }
        return nil
    }

    /// Text as every reader reads it: less one leading U+FEFF (a byte-order mark). The YAML
    /// library drops it from the start of each value, so the JSON reader and the importers
    /// drop it too and an org reads the same in every format; inside text it is kept.
    static func text(_ text: String) -> String {
        guard text.utf8.first == 0xEF, text.unicodeScalars.first == "\u{FEFF}" else { return text }
        return String(text.unicodeScalars.dropFirst())
    }

    /// Why `text` cannot be an org's language, or nil when it can: a language code such as
    /// `zh`, `en` or `zh-Hant` (it tags text in every export, RDF's and Cypher's included).
    static func languageProblem(_ text: String, _ what: String) -> String? {
        YAMLReader.isLanguageCode(text) ? nil : "\(what) is '\(text)', which is not a language code; write one such as 'zh', 'en' or 'zh-Hant'"
    }
}
