import Foundation
import Testing

@testable import OrgGraph

/// Every file in `Fixtures/broken/` gives exactly the diagnostics pinned beside it in
/// `<case>.diagnostics`, one per line, and no file crashes the reader.
@Suite struct DiagnosticTests {
    static let brokenDirectory = Paths.fixtures.appendingPathComponent("broken")

    static var cases: [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: brokenDirectory.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    }

    @Test(arguments: cases)
    func brokenFileGivesPinnedDiagnostics(_ name: String) throws {
        let data = try Data(contentsOf: Self.brokenDirectory.appendingPathComponent(name))
        let lines: [String]
        do {
            lines = try OrgFile.parse(data, file: name).warnings.map(\.description)
        } catch {
            lines = error.diagnostics.map(\.description)
        }
        let stem = (name as NSString).deletingPathExtension
        try expectGolden(lines.joined(separator: "\n") + "\n", "broken/\(stem).diagnostics")
    }

    @Test func theCorpusCoversEveryKindOfProblem() {
        #expect(Self.cases.count >= 30)
    }

    @Test func errorsFailTheLoadAndWarningsDoNot() throws {
        #expect(throws: DiagnosticError.self) {
            try OrgFile.parse("units:\n  - {id: a, name: A, parent: b}\n", file: "t.yaml")
        }
        let loaded = try OrgFile.parse("units:\n  - {id: a, name: A}\npeople:\n  - {id: p, name: P}\n", file: "t.yaml")
        #expect(loaded.warnings.map(\.description) == [
            "t.yaml:4:5: warning: 'p' holds no post; give them a post (title, unit, reportsTo) or 'status: departed'"
        ])
    }

    @Test func oneReadReportsEveryProblem() {
        let lines = diagnostics(of: """
            units:
              - {id: acme, name: Acme, kinds: company}
            people:
              - {id: ann, name: Ann, unit: acme, reportTo: bob}
              - {id: bob, name: Bob, unit: acmee}
            """)
        #expect(lines == [
            "test.yaml:2:28: error: unknown key 'kinds' in a unit; did you mean 'kind'?",
            "test.yaml:4:38: error: unknown key 'reportTo' in a person; did you mean 'reportsTo'?",
            "test.yaml:5:32: error: 'bob' is in unknown unit 'acmee'; did you mean 'acme'?",
        ])
    }

    @Test func suggestionsCatchTyposAndAbbreviations() {
        #expect(Suggestions.closest(to: "reportTo", among: ["reportsTo", "dotted"]) == "reportsTo")
        #expect(Suggestions.closest(to: "wang-jw", among: ["wang-jianwei", "liu-xiao"]) == "wang-jianwei")
        #expect(Suggestions.closest(to: "zzz", among: ["wang-jianwei", "liu-xiao"]) == nil)
    }
}
