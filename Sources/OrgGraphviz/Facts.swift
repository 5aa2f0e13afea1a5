import OrgGraph

/// Where the facts of a card come from, a line a fact that has a source, confidence or note:
/// the card's tooltip in SVG. One rule for every chart that draws cards.
struct Facts {
    let org: Org
    let language: LanguagePreference

    /// A unit, then its head post's holders and the post with its line up.
    func unit(_ unit: Unit, head: Post?) -> [String] {
        [fact(name(unit.name), unit.provenance)].compactMap { $0 } + (head.map { people($0.holders.compactMap { org.people[$0] }, posts: [$0]) } ?? [])
    }

    /// People, then each of their posts with its line up.
    func people(_ people: [Person], posts: [Post]) -> [String] {
        (people.map { fact(name($0.name), $0.provenance) } + posts.flatMap(post)).compactMap { $0 }
    }

    private func name(_ text: LocalizedText) -> String { OrgChart.clip(text.display(language)) }

    /// A post and its line up, each named by the post's title and unit.
    private func post(_ post: Post) -> [String?] {
        let title = [name(OrgText.title(of: post)), org.units[post.unit].map { name($0.name) } ?? post.unit.rawValue]
            .filter { !$0.isEmpty }.joined(separator: ", ")
        guard let line = post.reportsTo else { return [fact(title, post.provenance)] }
        let superior = org.posts[line.to].map { superior in
            let holders = superior.holders.compactMap { org.people[$0] }.map { name($0.name) }
            return holders.isEmpty ? name(OrgText.title(of: superior)) : holders.joined(separator: " / ")
        } ?? line.to.rawValue
        return [fact(title, post.provenance), fact("\(title), reporting to \(superior)", line.provenance)]
    }

    /// A fact's provenance as a line: `Liu Xiao: Huxiu 虎嗅, 2025-11, L85; inferred; a note`,
    /// the source by its publisher and date (else its title, else its id); nil when it has none.
    private func fact(_ what: String, _ provenance: Provenance) -> String? {
        guard !provenance.isEmpty else { return nil }
        var parts: [String] = []
        if let reference = provenance.source {
            let source = org.sources[reference.source]
            let named = [source?.publisher, source?.published].compactMap { $0 }
            var text = named.isEmpty ? (source?.title ?? reference.source.rawValue) : named.joined(separator: ", ")
            if let locator = reference.locator { text += ", \(locator)" }
            parts.append(text)
        }
        if let confidence = provenance.confidence { parts.append(confidence.rawValue) }
        if let note = provenance.note { parts.append(note) }
        let text = "\(what.isEmpty ? "(untitled)" : what): " + parts.joined(separator: "; ")
        // A long note is cut (by scalars, which a character of many marks does not escape), so
        // that a hostile file cannot make every card carry megabytes.
        guard text.unicodeScalars.count > 400 else { return text }
        var cut = String.UnicodeScalarView(text.unicodeScalars.prefix(399))
        cut.append("…")
        return String(cut)
    }

    /// The lines as a node's tooltip, when there are any: at most 20, then how many more.
    static func tooltip(_ lines: [String]) -> [DOTAttribute] {
        guard !lines.isEmpty else { return [] }
        let shown = lines.count > 20 ? lines.prefix(19) + ["… and \(lines.count - 19) more"] : lines[...]
        return [DOTAttribute("tooltip", .text(shown.joined(separator: "\n")))]
    }
}
