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
                "error: '\(folder)/2025-02-30.yaml' is named like a snapshot, but 2025-02-30 is not a real day; rename it after the day it describes",
                "error: '\(folder)/2025-13-01-plan.json' is named like a snapshot, but 2025-13-01 is not a real day; rename it after the day it describes",
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
}
