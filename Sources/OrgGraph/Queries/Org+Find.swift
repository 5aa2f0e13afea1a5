/// An element that matched a search, and how well.
public struct FindResult: Hashable, Sendable {
    public var element: OrgElement
    /// What matched: the id, a name, an alias or a title.
    public var matched: String
    /// Lower is better: 0 exact, 1 prefix, 2 substring, 3 all its characters in order.
    public var rank: Int
}

extension Org {
    /// People, posts and units whose id, name (any language), alias or title contains `text`,
    /// ignoring case; best matches first (exact, then prefix, then substring, then text whose
    /// characters all appear in order, as Chinese names are often abbreviated), people before
    /// posts before units, then in file order.
    ///
    /// - Complexity: O(*n* · *m*) for *n* elements with names of length *m*.
    public func find(_ text: String) -> [FindResult] {
        let query = text.lowercased().trimmingCharacters(in: .whitespaces)
        guard !query.isEmpty else { return [] }
        var results: [(FindResult, Int, Int)] = []
        func rank(_ candidate: String) -> Int? {
            let lowered = candidate.lowercased()
            if lowered == query { return 0 }
            if lowered.hasPrefix(query) { return 1 }
            if lowered.contains(query) { return 2 }
            var rest = lowered[...]
            for character in query where !character.isWhitespace {
                guard let found = rest.firstIndex(of: character) else { return nil }
                rest = rest[rest.index(after: found)...]
            }
            // Scattered letters match too much in Latin text; keep that for CJK.
            return query.unicodeScalars.contains { $0.value >= 0x2E80 } ? 3 : nil
        }
        func consider(_ element: OrgElement, kindOrder: Int, order: Int, _ candidates: [String]) {
            var best: (Int, String)?
            for candidate in candidates where !candidate.isEmpty {
                if let r = rank(candidate), best.map({ r < $0.0 }) ?? true { best = (r, candidate) }
            }
            if let best { results.append((FindResult(element: element, matched: best.1, rank: best.0), kindOrder, order)) }
        }
        for (order, person) in people.values.enumerated() {
            consider(.person(person.id), kindOrder: 0, order: order, [person.id.rawValue] + Array(person.name.values.values) + person.aliases)
        }
        for (order, post) in posts.values.enumerated() {
            consider(.post(post.id), kindOrder: 1, order: order, [post.id.rawValue] + Array(post.title.values.values))
        }
        for (order, unit) in units.values.enumerated() {
            consider(.unit(unit.id), kindOrder: 2, order: order, [unit.id.rawValue] + Array(unit.name.values.values))
        }
        return results.sorted { ($0.0.rank, $0.1, $0.2) < ($1.0.rank, $1.1, $1.2) }.map(\.0)
    }
}

import Foundation
