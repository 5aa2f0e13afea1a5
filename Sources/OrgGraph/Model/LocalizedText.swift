import OrderedCollections

/// A language tag such as `zh` or `en`.
public typealias LanguageCode = String

/// Which languages a person wants to read names in.
public enum LanguagePreference: String, Sendable, CaseIterable {
    /// Chinese only, English only, or Chinese and English side by side.
    case zh, en, both
}

/// A name or title in one or more languages, in the order the author wrote them.
public struct LocalizedText: Hashable, Sendable, CustomStringConvertible {
    /// The text in each language, keyed by language code, in the order written.
    public var values: OrderedDictionary<LanguageCode, String>

    /// Creates text from language codes and the text in each.
    public init(_ values: OrderedDictionary<LanguageCode, String> = [:]) {
        self.values = values
    }

    /// Creates text in Chinese, English or both; a nil language is left out.
    public init(zh: String? = nil, en: String? = nil) {
        var values: OrderedDictionary<LanguageCode, String> = [:]
        if let zh { values["zh"] = zh }
        if let en { values["en"] = en }
        self.values = values
    }

    /// Whether the text is in no language.
    public var isEmpty: Bool { values.isEmpty }

    /// The text in `language`, or nil when there is none in it.
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
