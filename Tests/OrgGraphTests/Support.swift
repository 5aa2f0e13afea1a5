import Foundation
import Testing

@testable import OrgGraph

/// Paths of the repository and its fixtures, found from this file so tests run from anywhere.
enum Paths {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = testsDirectory.appendingPathComponent("Fixtures")
    static let kuaishou = repository.appendingPathComponent("Graphs/kuaishou").path
}

/// A folder for the files tests write, one per test process, removed when the process ends.
let testFiles: URL = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("orggraph-tests-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    atexit { try? FileManager.default.removeItem(at: testFiles) }
    return folder
}()

/// Parses an org from text, failing the test with its diagnostics if it does not load.
func parseOrg(_ text: String, file: String = "test.yaml", sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> LoadedOrg {
    do {
        return try OrgFile.parse(text, file: file)
    } catch {
        Issue.record("unexpected diagnostics:\n\(error)", sourceLocation: sourceLocation)
        throw error
    }
}

/// The diagnostics an org text gives, one line each.
func diagnostics(of text: String, file: String = "test.yaml") -> [String] {
    do {
        return try OrgFile.parse(text, file: file).warnings.map(\.description)
    } catch {
        return error.diagnostics.map(\.description)
    }
}

/// Compares text with a golden file; `RECORD_GOLDENS=1` rewrites the file and fails so a person reviews it.
func expectGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let url = Paths.fixtures.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("recorded \(name); review it and run again without RECORD_GOLDENS", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "output differs from \(name)", sourceLocation: sourceLocation)
}
