import OrderedCollections

/// A language tag such as `zh` or `en`.
public typealias LanguageCode = String

/// Which languages a person wants to read names in.
public enum LanguagePreference: String, Sendable, CaseIterable {
    case zh, en, both
}

/// A name or title in one or more languages, in the order the author wrote them.
public struct LocalizedText: Hashable, Sendable, CustomStringConvertible {
    public var values: OrderedDictionary<LanguageCode, String>

    public init(_ values: OrderedDictionary<LanguageCode, String> = [:]) {
        self.values = values
    }

    public init(zh: String? = nil, en: String? = nil) {
        var values: OrderedDictionary<LanguageCode, String> = [:]
        if let zh { values["zh"] = zh }
        if let en { values["en"] = en }
        self.values = values
    }

    public var isEmpty: Bool { values.isEmpty }

    public subscript(language: LanguageCode) -> String? { values[language] }

    /// The text in `language`, else in the first language given.
    public func text(in language: LanguageCode) -> String? {
        values[language] ?? values.values.first
    }

    /// The text for a reader's preference: one language, or Chinese and English side by side.
    public func display(_ preference: LanguagePreference) -> String {
        switch preference {
        case .zh: return text(in: "zh") ?? ""
        case .en: return text(in: "en") ?? ""
        case .both:
            let zh = values["zh"]
            let en = values["en"]
            switch (zh, en) {
            case let (z?, e?) where z != e: return "\(z) \(e)"
            case let (z?, _): return z
            case let (nil, e?): return e
            default: return values.values.first ?? ""
            }
        }
    }

    public var description: String { display(.both) }
}
