/// Phantom tags that keep the kinds of identifier apart.
public enum UnitTag {}
public enum PostTag {}
public enum PersonTag {}
public enum SourceTag {}

/// A stable identifier: a slug chosen by the author of an org file, kept across renames.
///
/// The tag keeps a unit's id from being passed where a person's is expected.
public struct Identifier<Tag>: Hashable, Comparable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public var rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public typealias UnitID = Identifier<UnitTag>
public typealias PostID = Identifier<PostTag>
public typealias PersonID = Identifier<PersonTag>
public typealias SourceID = Identifier<SourceTag>
