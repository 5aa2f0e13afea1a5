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
        #expect(!lines.isEmpty, "\(name) gave no diagnostic")
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

/// The rest of the corpus: changesets, HR CSVs and organograms, each with its pinned diagnostics.
@Suite struct CorpusTests {
    static func files(_ folder: String, _ extensions: [String]) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: Paths.fixtures.appendingPathComponent(folder).path)) ?? []
        return names.filter { name in extensions.contains { name.hasSuffix($0) } }.sorted()
    }

    /// Diagnostics with the file named as in the corpus, not by its full path.
    static func lines(_ diagnostics: [Diagnostic], _ name: String) -> String {
        diagnostics.map { diagnostic in
            var diagnostic = diagnostic
            if diagnostic.location != nil { diagnostic.location!.file = name }
            for index in diagnostic.notes.indices where diagnostic.notes[index].location != nil { diagnostic.notes[index].location!.file = name }
            return diagnostic.description
        }.joined(separator: "\n") + "\n"
    }

    static func path(_ folder: String, _ name: String) -> String {
        Paths.fixtures.appendingPathComponent(folder).appendingPathComponent(name).path
    }

    static func golden(_ folder: String, _ name: String) -> String {
        "\(folder)/\((name as NSString).deletingPathExtension).diagnostics"
    }

    @Test(arguments: files("broken-changesets", [".yaml"]))
    func changesets(_ name: String) throws {
        let diagnostics: [Diagnostic]
        do {
            _ = try ChangesetFile.read(contentsOf: Self.path("broken-changesets", name))
            diagnostics = []
        } catch {
            diagnostics = error.diagnostics
        }
        #expect(diagnostics.contains { $0.severity == .error }, "\(name) should not read")
        try expectGolden(Self.lines(diagnostics, name), Self.golden("broken-changesets", name))
    }

    @Test(arguments: files("broken-csv", [".csv"]))
    func hrCSVs(_ name: String) throws {
        let path = Self.path("broken-csv", name)
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try HRImport(file: path).run(CSVReader(file: path).read()).warnings
        } catch {
            diagnostics = error.diagnostics
        }
        #expect(!diagnostics.isEmpty, "\(name) should be reported")
        try expectGolden(Self.lines(diagnostics, name), Self.golden("broken-csv", name))
        // Read from the file as a stream (the way every command reads it), the same.
        let tableDiagnostics: [Diagnostic]
        do {
            tableDiagnostics = try HRImport.load(csv: path).warnings
        } catch {
            tableDiagnostics = error.diagnostics
        }
        #expect(Self.lines(tableDiagnostics, name) == Self.lines(diagnostics, name), "\(name)")
    }

    @Test(arguments: files("broken-organograms", [".csv"]))
    func organograms(_ name: String) throws {
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try OrganogramImport(seniorFile: Self.path("broken-organograms", name)).run().warnings
        } catch {
            diagnostics = error.diagnostics
        }
        #expect(!diagnostics.isEmpty, "\(name) should be reported")
        try expectGolden(Self.lines(diagnostics, name), Self.golden("broken-organograms", name))
    }

    @Test func theCorpusHasAHundredCases() {
        let total = DiagnosticTests.cases.count + Self.files("broken-changesets", [".yaml"]).count
            + Self.files("broken-csv", [".csv"]).count + Self.files("broken-organograms", [".csv"]).count
        #expect(total >= 100, "\(total) cases")
    }
}

/// Text for a terminal is checked byte by byte first, and decoded only when a byte may begin a
/// character that acts on it.
struct TerminalTextTests {
    @Test func theByteCheckMissesNoCharacterThatActs() {
        let scalars = (0...0x3000).compactMap(Unicode.Scalar.init) + (0xFEF0...0x10_0000).compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let text = "a\(Character(scalar))b"
            for keepingTabs in [true, false] where TerminalText.acts(scalar, keepingTabs: keepingTabs) {
                #expect(TerminalText.mayAct(text, keepingTabs: keepingTabs), "U+\(String(scalar.value, radix: 16))")
                #expect(TerminalText.safe(text, keepingTabs: keepingTabs) != text)
            }
        }
        // A diff's arrows, Chinese names, accents, tabs and line breaks are passed over.
        #expect(!TerminalText.mayAct("刘逍 → 王剑伟 ⇒ (top)\tCafé ×\n", keepingTabs: true))
        #expect(TerminalText.mayAct("a\tb", keepingTabs: false))
        #expect(TerminalText.safe("Eve\u{1B}]0;x\u{7}\u{202E}", keepingTabs: true) == #"Eve\u{1B}]0;x\u{7}\u{202E}"#)
    }
}
