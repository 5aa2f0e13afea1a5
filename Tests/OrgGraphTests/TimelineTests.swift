import Foundation
import Testing

@testable import OrgGraph

@Suite struct TimelineTests {
    @Test func aSnapshotWithoutAsOfIsDatedByItsNameInItsCore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "units: [{id: u, name: U}]\n".write(to: folder.appendingPathComponent("2024-03-01.yaml"), atomically: true, encoding: .utf8)
        let loaded = try OrgReference(path: folder.path).load()
        #expect(loaded.org.asOf == Day("2024-03-01"))
        #expect(loaded.core.asOf == Day("2024-03-01"))
        #expect(QuerySource(core: try OrgReference(path: folder.path).loadCore().core).stats().units == 1)
        #expect(OrgFile.json(try OrgReference(path: folder.path).loadCore().core).contains(#""asOf": "2024-03-01""#))
    }

    @Test func referencesSplitADateOffThePath() throws {
        #expect(try OrgReference(parsing: "Graphs/kuaishou@2025-09-29") == OrgReference(path: "Graphs/kuaishou", day: Day("2025-09-29")))
        #expect(try OrgReference(parsing: "Graphs/kuaishou") == OrgReference(path: "Graphs/kuaishou"))
        #expect(try OrgReference(parsing: "me@example/org.yaml") == OrgReference(path: "me@example/org.yaml"))
        #expect(throws: DiagnosticError.self) { try OrgReference(parsing: "Graphs/kuaishou@2025-13-01") }
    }

    @Test func snapshotFilesAreNamedAfterTheirDay() {
        #expect(Timeline.snapshotDay(fileName: "2025-09-30.yaml") == Day("2025-09-30"))
        #expect(Timeline.snapshotDay(fileName: "2025-09-30-reorg.yml") == Day("2025-09-30"))
        #expect(Timeline.snapshotDay(fileName: "2025-09-30.json") == Day("2025-09-30"))
        #expect(Timeline.snapshotDay(fileName: "README.md") == nil)
        #expect(Timeline.snapshotDay(fileName: "2025-09-30.svg") == nil)
        #expect(Timeline.snapshotDay(fileName: "2025-09-301.yaml") == nil)
    }

    /// A month or year is kept and printed as written, and stands for its first day where a day
    /// is needed: in order, in which snapshot is in force, and in `@DATE`.
    @Test func monthsAndYearsAreKeptAsWrittenAndCountFromTheirFirstDay() throws {
        let month = try #require(Day("2022-11")), year = try #require(Day("2022")), day = try #require(Day("2022-11-01"))
        #expect((month.description, year.description, day.description) == ("2022-11", "2022", "2022-11-01"))
        #expect((month.precision, year.precision, day.precision) == (.month, .year, .day))
        #expect(month != day && month.first == day && month.last == Day("2022-11-30") && year.last == Day("2022-12-31"))
        #expect([day, month, Day("2022-10-31")!, year].sorted().map(\.description) == ["2022", "2022-10-31", "2022-11", "2022-11-01"])
        for bad in ["2022-13", "2022-1", "22", "2022-11-", "0000", "2022/11"] { #expect(Day(bad) == nil, "\(bad)") }
        #expect(Timeline.snapshotDay(fileName: "2022-11.yaml") == month)
        #expect(Timeline.snapshotDay(fileName: "2022-11-board.yaml") == month)
        #expect(Timeline.snapshotDay(fileName: "2022.json") == year)
        #expect(Timeline.snapshotDay(fileName: "2022-1.yaml") == nil)
        #expect(try OrgReference(parsing: "x@2022-11") == OrgReference(path: "x", day: month))
        #expect(try OrgReference(parsing: "x@2022") == OrgReference(path: "x", day: year))

        let folder = try makeTimeline([
            "2022.yaml": "units: [{id: u, name: Y}]\n", "2022-11.yaml": "asOf: 2022-11\nunits: [{id: u, name: M}]\n",
            "2022-11-15.yaml": "units: [{id: u, name: D}]\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let timeline = try Timeline(folder: folder)
        #expect(timeline.snapshots.map(\.day.description) == ["2022", "2022-11", "2022-11-15"])
        func name(on text: String) throws -> String? { try timeline.load(on: Day(text)).org.units["u"]?.name.display(.en) }
        #expect(try name(on: "2022-10-31") == "Y")
        #expect(try name(on: "2022-11-01") == "M")
        #expect(try name(on: "2022-11") == "M")
        #expect(try name(on: "2022-11-15") == "D")
        #expect(Day("2022-11")!.startsOnOrBefore(Day("2022-11-01")!) && !Day("2022-11-02")!.startsOnOrBefore(Day("2022-11")!))
        #expect(try timeline.load(on: Day("2022-11")).org.asOf?.description == "2022-11")
        // Two snapshots that start on one day clash.
        let clash = try makeTimeline(["2022-11.yaml": "units: []\n", "2022-11-01.yaml": "units: []\n"])
        defer { try? FileManager.default.removeItem(atPath: clash) }
        #expect(throws: DiagnosticError.self) { try Timeline(folder: clash) }
    }

    /// `announced` may fall within a month `effective` names; a changeset's dates carry their
    /// own source; both survive writing and inverting.
    @Test func changesetDatesKeepTheirPrecisionSourceAndAnnouncement() throws {
        let text = """
            effective: 2023-09
            announced: 2023-09-20
            previous: 2023
            source: s:L1
            confidence: inferred
            note: the month only
            sources: {s: {title: S, note: publisher inferred}}
            changes:
              - op: add-person
                person: {id: p, name: P}

            """
        let changeset = try ChangesetFile.parse(text, file: "c.yaml")
        #expect(changeset.effective?.description == "2023-09" && changeset.previous?.description == "2023" && changeset.announced == Day("2023-09-20"))
        #expect(changeset.dated == Provenance(source: SourceReference(parsing: "s:L1"), confidence: .inferred, note: "the month only"))
        #expect(changeset.sources["s"]?.note == "publisher inferred")
        #expect(try ChangesetFile.parse(ChangesetFile.yaml(changeset), file: "c.yaml") == changeset)
        let inverse = changeset.inverted()
        #expect(inverse.dated == changeset.dated && inverse.announced == changeset.announced && inverse.effective?.description == "2023")
        // Announced after the month it takes effect in is an error.
        #expect(throws: DiagnosticError.self) {
            try ChangesetFile.parse("effective: 2023-09\nannounced: 2023-10-01\nchanges:\n  - op: add-person\n    person: {id: p, name: P}\n", file: "c.yaml")
        }
        // Turtle: a month as xsd:gYearMonth, the announcement as dct:issued.
        var org = Org()
        org.units["u"] = Unit(id: "u", name: LocalizedText(["en": "U"]))
        var move = Changeset(effective: Day("2023-09"), announced: Day("2023-08-01"))
        move.changes = [Change(.renameUnit("u", from: LocalizedText(["en": "T"]), to: LocalizedText(["en": "U"])))]
        let turtle = org.exported(as: .turtle, changesets: [move])
        #expect(turtle.contains(#"dct:date "2023-09"^^xsd:gYearMonth"#) && turtle.contains(#"dct:issued "2023-08-01"^^xsd:date"#))
    }

    func makeTimeline(_ files: [String: String]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return folder.path
    }

    @Test func theStateOnADayIsTheLatestSnapshotBeforeIt() throws {
        let folder = try makeTimeline([
            "2024-01-01.yaml": "units:\n  - {id: co, name: Old}\n",
            "2024-06-01.yaml": "asOf: 2024-06-01\nunits:\n  - {id: co, name: New}\n",
            "notes.txt": "not a snapshot",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let timeline = try Timeline(folder: folder)
        #expect(try timeline.load(on: Day("2024-05-31")).org.units["co"]?.name.display(.en) == "Old")
        #expect(try timeline.load(on: Day("2024-06-01")).org.units["co"]?.name.display(.en) == "New")
        #expect(try timeline.load(on: nil).org.units["co"]?.name.display(.en) == "New")
        // A snapshot without asOf takes its file's day.
        #expect(try timeline.load(on: Day("2024-01-01")).org.asOf == Day("2024-01-01"))
        #expect(throws: DiagnosticError.self) { try timeline.load(on: Day("2023-12-31")) }
    }

    @Test func asOfMustAgreeWithTheFileName() throws {
        let folder = try makeTimeline(["2024-01-01.yaml": "asOf: 2024-02-01\nunits:\n  - {id: co, name: Co}\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            _ = try Timeline(folder: folder).load(on: nil)
            Issue.record("expected a mismatch error")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "\(folder)/2024-01-01.yaml:1:7: error: 'asOf' is 2024-02-01 but the file name says 2024-01-01; make them agree"
            ])
        }
    }

    @Test func aFolderWithoutSnapshotsIsAnError() throws {
        let folder = try makeTimeline(["org.yaml": "units: []\n"])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: DiagnosticError.self) { try Timeline(folder: folder) }
    }

    @Test func aFileNamedLikeASnapshotWhoseDateIsNoDayIsAnError() throws {
        let folder = try makeTimeline([
            "2024-01-01.yaml": "units: []\n", "2025-02-30.yaml": "units: []\n", "2025-13-01-plan.json": "{}",
            // Not named like a snapshot: other files, left alone.
            "2025-9-30.yaml": "units: []\n", "2025-02-30.txt": "", "20250230.yaml": "units: []\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            _ = try Timeline(folder: folder)
            Issue.record("expected the misnamed snapshots to be refused")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "error: '\(folder)/2025-02-30.yaml' is named like a snapshot, but 2025-02-30 is not a real date; rename it after the day (or month, or year) it describes",
                "error: '\(folder)/2025-13-01-plan.json' is named like a snapshot, but 2025-13-01 is not a real date; rename it after the day (or month, or year) it describes",
            ])
        }
    }

    /// A post without a title is where it is: the unit alone, as chains and reports say it.
    @Test func historyOfAnUntitledPostNamesItsUnit() throws {
        let folder = try makeTimeline([
            "2024-01-01.yaml": "units:\n  - {id: co, name: Co}\nposts:\n  - {id: p, unit: co, holders: ann}\npeople:\n  - {id: ann, name: Ann}\n",
        ])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let events = try Timeline(folder: folder).history(of: .person("ann"), language: .en)
        #expect(events.map { "\($0.kind.rawValue) \($0.text)" } == ["+ named Ann", "+ status active", "+ Co"])
    }

    // MARK: - Changesets checked against the snapshots

    /// A copy of the Kuaishou timeline (snapshots and changesets) in a folder of its own.
    static func kuaishouCopy() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("timeline-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/changes", withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.kuaishou) where name.hasSuffix(".yaml") {
            try FileManager.default.copyItem(atPath: Paths.kuaishou + "/" + name, toPath: folder + "/" + name)
        }
        for name in try FileManager.default.contentsOfDirectory(atPath: Paths.kuaishou + "/changes") {
            try FileManager.default.copyItem(atPath: Paths.kuaishou + "/changes/" + name, toPath: folder + "/changes/" + name)
        }
        return folder
    }

    @Test func theShippedChangesetsGiveTheirSnapshots() throws {
        let timeline = try Timeline(folder: Paths.kuaishou)
        #expect(timeline.changesetPaths.map { ($0 as NSString).lastPathComponent } == ["2022-12.yaml", "2023-11.yaml", "2025-09-30.yaml"])
        #expect(timeline.checkChangesets().isEmpty)
    }

    @Test func aChangesetThatNoLongerGivesItsSnapshotIsAnErrorAtItsEffectiveDay() throws {
        let folder = try Self.kuaishouCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The last change (the head post's note dropped) is left out of the changeset.
        let path = folder + "/changes/2023-11.yaml"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let cut = try #require(text.range(of: "  - op: set-attribute\n    target: head.ecommerce\n    attribute: note"))
        try String(text[..<cut.lowerBound]).write(toFile: path, atomically: true, encoding: .utf8)
        let diagnostics = try Timeline(folder: folder).checkChangesets()
        #expect(diagnostics.map(\.description) == [
            "\(path):5:12: error: applied to 2022-12.yaml, this changeset does not give 2023-11.yaml: 1 difference left; "
                + "correct the changeset or the snapshot so that they agree\n"
                + "\(folder)/2023-11.yaml:91:7: note: 2023-11.yaml differs: set-attribute 'head.ecommerce'",
        ])
    }

    @Test func aChangesetWithoutItsSnapshotSaysWhatIsMissing() throws {
        let folder = try Self.kuaishouCopy()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.removeItem(atPath: folder + "/2023-11.yaml")
        let diagnostics = try Timeline(folder: folder).checkChangesets()
        #expect(diagnostics.map(\.description).contains(
            "\(folder)/changes/2023-11.yaml:5:12: error: the timeline has no snapshot of 2023-11, the day this changeset takes effect; "
                + "add '2023-11.yaml' or correct 'effective'"))
    }

    @Test func announcedAfterEffectiveIsAnErrorAtItsLine() throws {
        let text = "effective: 2023-09-10\nannounced: 2023-09-11\nchanges:\n  - op: add-person\n    person: {id: p, name: P}\n"
        #expect(throws: DiagnosticError.self) { try ChangesetFile.parse(text, file: "c.yaml") }
        do {
            _ = try ChangesetFile.parse(text, file: "c.yaml")
        } catch {
            #expect(error.description == "c.yaml:2:12: error: 'announced' is 2023-09-11, after 'effective' (2023-09-10); a change is announced on or before the day it takes effect")
        }
        // Announced before it takes effect: read, kept by the inverse (which runs back in time), and back again.
        let forward = try ChangesetFile.parse(text.replacingOccurrences(of: "2023-09-11", with: "2023-06-20").replacingOccurrences(of: "changes:", with: "previous: 2023-01-01\nchanges:"), file: "c.yaml")
        #expect(forward.announced == Day("2023-06-20"))
        #expect(forward.inverted().announced == Day("2023-06-20"))
        #expect(forward.inverted().inverted() == forward)
        let written = ChangesetFile.yaml(forward.inverted())
        #expect(try ChangesetFile.parse(written, file: "inverse.yaml") == forward.inverted())
    }

    @Test func aChangesetFileIsToldFromAnOrgFile() throws {
        #expect(ChangesetFile.describes(Paths.kuaishou + "/changes/2023-11.yaml"))
        #expect(!ChangesetFile.describes(Paths.kuaishou + "/2023-11.yaml"))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("describes-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let files = [
            "c.yaml": "# a changeset\neffective: 2024-01-01\nchanges:\n  - op: add-person\n    person: {id: p, name: P}\n",
            "c.json": #"{"effective": "2024-01-01", "changes": []}"#,
            "o.yaml": "units: [{id: u, name: U}]\nchanges: 1\n",
            "o.json": #"{"units": [], "people": []}"#,
        ]
        for (name, text) in files { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        #expect(ChangesetFile.describes(folder + "/c.yaml") && ChangesetFile.describes(folder + "/c.json"))
        #expect(!ChangesetFile.describes(folder + "/o.yaml") && !ChangesetFile.describes(folder + "/o.json"))
    }

    /// A line implied by the unit tree that a later snapshot writes down is "now stated", with
    /// the source that states it, not a new line.
    @Test func anImpliedLineThatBecomesWrittenIsNowStated() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("stated-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let head = "sources:\n  memo: {title: Memo}\nunits:\n  - {id: co, name: Co, head: boss}\n"
        let implied = head + "posts:\n  - {id: dev, title: Dev, unit: co, holders: [ann]}\npeople:\n  - {id: boss, name: Boss}\n  - {id: ann, name: Ann}\n"
        let written = head + "posts:\n  - {id: dev, title: Dev, unit: co, holders: [ann], reportsTo: {to: boss, source: memo}}\npeople:\n  - {id: boss, name: Boss}\n  - {id: ann, name: Ann}\n"
        try implied.write(toFile: folder + "/2024-01-01.yaml", atomically: true, encoding: .utf8)
        try written.write(toFile: folder + "/2024-06-01.yaml", atomically: true, encoding: .utf8)
        let events = try Timeline(folder: folder).history(of: .person("ann"), language: .en)
        #expect(events.map { "\($0.day) \($0.kind.rawValue) \($0.text)\($0.provenance.source.map { " [\($0)]" } ?? "")" } == [
            "2024-01-01 + named Ann", "2024-01-01 + status active", "2024-01-01 + Dev, Co",
            "2024-01-01 + reports to Boss (head of Co) (implied)",
            "2024-06-01 ~ now stated: reports to Boss (head of Co) [memo]",
        ])
        let boss = try Timeline(folder: folder).history(of: .person("boss"), language: .en)
        #expect(boss.last.map { "\($0.kind.rawValue) \($0.text)" } == "~ now stated: Ann (Dev) reports to them")
    }
}
