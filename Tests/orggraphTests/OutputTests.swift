import Foundation
import Testing

@testable import orggraph

/// Where results are written: devices and FIFOs written through, links followed, modes and owners
/// kept, inputs never overwritten, names that say another format refused, concurrent in-place
/// changes all kept.
@Suite struct OutputTests {
    static let snapshot = "Graphs/kuaishou/2023-11.yaml"

    /// A copy of a Kuaishou snapshot under a name that is not a day.
    static func org(in folder: URL, named name: String = "org.yaml") throws -> String {
        let path = folder.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: Run.repository.appendingPathComponent(snapshot).path, toPath: path)
        return path
    }

    /// A changeset that adds one departed person, which applies to any version without them.
    static func addPerson(_ id: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent("\(id).yaml").path
        try """
            changes:
              - op: add-person
                person: {id: \(id), name: {en: Person \(id)}, status: departed}

            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static func status(_ path: String) -> stat {
        var status = stat()
        lstat(path, &status)
        return status
    }

    @Test func aDeviceIsWrittenThroughNotReplaced() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A null device of its own (major 1, minor 3), never the real /dev/null.
        let device = folder.appendingPathComponent("null").path
        #expect(mknod(device, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0)
        let run = try Run("export", Self.snapshot, "--to", "json", "-o", device)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.status(device).st_mode & S_IFMT == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["null"])
    }

    /// A result that cannot be printed (standard output a full device) is an error with
    /// its reason and a non-zero exit, not a crash and not a silent loss.
    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full")))
    func aStandardOutputThatCannotTakeTheResultIsAnError() throws {
        let questions = FileManager.default.temporaryDirectory.appendingPathComponent("questions-\(UUID().uuidString).txt")
        try "chain liu-xiao\nreports wang-jianwei\n".write(to: questions, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: questions) }
        // A whole answer, and batch's answers written as they are found.
        for arguments in [["chain", Self.snapshot, "liu-xiao"], ["batch", Self.snapshot, "--input", questions.path]] {
            let process = Process()
            process.executableURL = Run.binary
            process.arguments = arguments
            process.currentDirectoryURL = Run.repository
            process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            let err = Pipe()
            process.standardError = err
            try process.run()
            let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            #expect(process.terminationReason == .exit)
            #expect(process.terminationStatus == 1, "\(arguments)")
            #expect(stderr == "error: cannot write 'standard output': No space left on device\n", "\(arguments)")
        }
    }

    /// A standard error that cannot take a message (a full device, or closed) loses the message
    /// but not the command: it ends with its own exit status, not a crash.
    @Test(.enabled(if: FileManager.default.isWritableFile(atPath: "/dev/full")))
    func aStandardErrorThatCannotTakeAMessageKeepsTheExitStatus() throws {
        for (arguments, status) in [(["validate", "no-such-org.yaml"], Int32(1)), (["validate", Self.snapshot], 0)] {
            let process = Process()
            process.executableURL = Run.binary
            process.arguments = arguments
            process.currentDirectoryURL = Run.repository
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationReason == .exit, "\(arguments)")
            #expect(process.terminationStatus == status, "\(arguments)")
        }
    }

    @Test func aFIFOGetsTheWholeResult() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let received = Received()
        let reader = Thread {
            received.set(FileHandle(forReadingAtPath: fifo)?.readDataToEndOfFile() ?? Data())
        }
        reader.start()
        let run = try Run("export", Self.snapshot, "--to", "json", "-o", fifo)
        #expect(run.status == 0, "\(run.stderr)")
        let expected = try Run("export", Self.snapshot, "--to", "json").stdout
        #expect(received.wait() == Data(expected.utf8))
        #expect(Self.status(fifo).st_mode & S_IFMT == S_IFIFO)
    }

    final class Received: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private var data = Data()
        func set(_ value: Data) {
            data = value
            done.signal()
        }
        func wait() -> Data {
            _ = done.wait(timeout: .now() + 60)
            return data
        }
    }

    @Test func inPlaceThroughASymlinkChangesTheFileItNames() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = try Self.org(in: folder)
        let link = folder.appendingPathComponent("link.yaml").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "org.yaml")
        let run = try Run("apply", link, try Self.addPerson("p1", in: folder), "--in-place")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "org.yaml")
        #expect(try String(contentsOfFile: org, encoding: .utf8).contains("id: p1"))
    }

    @Test func inPlaceOnAHardLinkKeepsBothNamesOnOneFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = try Self.org(in: folder)
        let other = folder.appendingPathComponent("other.yaml").path
        #expect(link(org, other) == 0)
        let run = try Run("apply", org, try Self.addPerson("p1", in: folder), "--in-place")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Self.status(org).st_ino == Self.status(other).st_ino)
        #expect(try String(contentsOfFile: other, encoding: .utf8).contains("id: p1"))
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["org.yaml", "other.yaml", "p1.yaml"])
    }

    @Test func aReplacedFileKeepsItsModeAndOwner() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = try Self.org(in: folder)
        #expect(chmod(org, 0o640) == 0)
        // Another owner can be given only by root; others check the mode alone.
        let owner: uid_t = getuid() == 0 ? 65534 : getuid()
        let group: gid_t = getuid() == 0 ? 65534 : getgid()
        #expect(chown(org, owner, group) == 0)
        let run = try Run("apply", org, try Self.addPerson("p1", in: folder), "--in-place")
        #expect(run.status == 0, "\(run.stderr)")
        let after = Self.status(org)
        #expect(after.st_mode & 0o7777 == 0o640)
        #expect(after.st_uid == owner && after.st_gid == group)
        #expect(try String(contentsOfFile: org, encoding: .utf8).contains("id: p1"))
    }

    @Test func eightInPlaceRunsAtOnceKeepEveryChange() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = try Self.org(in: folder)
        let changesets = try (1...8).map { try Self.addPerson("p\($0)", in: folder) }
        let processes = changesets.map { changeset in
            let process = Process()
            process.executableURL = Run.binary
            process.arguments = ["apply", org, changeset, "--in-place", "--quiet"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: 8))
        let text = try String(contentsOfFile: org, encoding: .utf8)
        for n in 1...8 { #expect(text.contains("id: p\(n)\n"), "p\(n) was lost") }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }.isEmpty)
    }

    @Test(arguments: [
        (["export", "JSON", "--to", "json", "-o", "JSON"], "'{json}' is the input '{json}'; writing it would overwrite what was read. Write the result to another file"),
        (["generate", "--churn-from", "CSV", "-o", "CSV"], "'{csv}' is the input '{csv}'; writing it would overwrite what was read. Write the result to another file"),
        // An import writes an org, which a CSV name cannot hold: refused before it is an input.
        (["import", "csv", "CSV", "-o", "CSV"], "'{csv}' is named as a CSV file; an org is written as YAML (.yaml) or JSON (.json)"),
    ])
    func anOutputThatIsAnInputIsRefused(_ template: [String], _ message: String) throws {
        let folder = try temporaryFolder()
        let org = try Self.org(in: folder)
        let csv = folder.appendingPathComponent("people.csv").path
        try "id,name,manager_id\n1,Ada,\n2,Bo,1\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let json = folder.appendingPathComponent("org.json").path
        #expect(try Run("export", org, "--to", "json", "-o", json).status == 0)
        func filled(_ text: String) -> String { text.replacingOccurrences(of: "{json}", with: json).replacingOccurrences(of: "{csv}", with: csv) }
        let arguments = template.map { $0 == "JSON" ? json : $0 == "CSV" ? csv : $0 }
        let output = URL(fileURLWithPath: arguments[arguments.firstIndex(of: "-o")! + 1])
        let before = try Data(contentsOf: output)
        let run = try Run(arguments: arguments)
        #expect(run.status == 1)
        #expect(run.stderr.hasSuffix("error: \(filled(message))\n"), "\(run.stderr)")
        #expect(try Data(contentsOf: output) == before)
    }

    @Test func aFileInAnInputFolderIsAnInput() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let timeline = folder.appendingPathComponent("timeline")
        try FileManager.default.copyItem(at: Run.repository.appendingPathComponent("Graphs/kuaishou"), to: timeline)
        let inside = timeline.appendingPathComponent("latest.json").path
        try "{}\n".write(toFile: inside, atomically: true, encoding: .utf8)
        let run = try Run("export", timeline.path, "--to", "json", "-o", inside)
        #expect(run.status == 1)
        #expect(run.stderr == "error: '\(inside)' is in the input folder '\(timeline.path)'; writing it would overwrite what was read. Write the result to another file\n")
        #expect(try String(contentsOfFile: inside, encoding: .utf8) == "{}\n")
        // A subfolder is not read by the timeline: the charts beside its snapshots.
        let chart = timeline.appendingPathComponent("charts/latest.dot").path
        let render = try Run("render", timeline.path, "--format", "dot", "-o", chart)
        #expect(render.status == 0, "\(render.stderr)")
        #expect(try String(contentsOfFile: chart, encoding: .utf8).hasPrefix("digraph"))
    }

    @Test(arguments: [
        (["apply", "ORG", "CHANGESET", "-o", "OUT/r.csv"], "'OUT/r.csv' is named as a CSV file; an org is written as YAML (.yaml) or JSON (.json)"),
        (["export", "ORG", "--to", "csv", "-o", "OUT/x.json"], "'OUT/x.json' is named as a JSON file, but --to csv writes CSV; name it .csv or choose another format"),
        (["render", "ORG", "--format", "png", "-o", "OUT/x.svg"], "'OUT/x.svg' is named as an SVG file, but --format png writes PNG; name it .png or choose another format"),
        (["invert", "CHANGESET", "-o", "OUT/x.json"], "'OUT/x.json' is named as a JSON file, but this writes YAML; name it .yaml"),
    ])
    func aNameThatSaysAnotherFormatIsRefused(_ template: [String], _ message: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = try Self.org(in: folder)
        let changeset = try Self.addPerson("p1", in: folder)
        let arguments = template.map {
            $0 == "ORG" ? org : $0 == "CHANGESET" ? changeset : $0.replacingOccurrences(of: "OUT", with: folder.path)
        }
        let run = try Run(arguments: arguments)
        #expect(run.status == 1)
        #expect(run.stderr == "error: \(message.replacingOccurrences(of: "OUT", with: folder.path))\n")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["org.yaml", "p1.yaml"])
    }

    @Test func inPlaceOnAJSONOrgWritesJSON() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = try Self.org(in: folder)
        let org = folder.appendingPathComponent("org.json").path
        #expect(try Run("export", yaml, "--to", "json", "-o", org).status == 0)
        let run = try Run("apply", org, try Self.addPerson("p1", in: folder), "--in-place")
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: org, encoding: .utf8)
        #expect(text.hasPrefix("{"))
        let found = try Run("find", org, "p1", "--json").json?["results"] as? [[String: Any]]
        #expect(found?.first?["id"] as? String == "p1")
    }

    @Test func inPlaceOnASnapshotOfAnotherDayIsRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let snapshot = try Self.org(in: folder, named: "2023-11.yaml")
        let before = try Data(contentsOf: URL(fileURLWithPath: snapshot))
        let run = try Run("apply", snapshot, "Graphs/kuaishou/changes/2025-09-30.yaml", "--in-place")
        #expect(run.status == 1)
        #expect(run.stderr == "error: '\(snapshot)' is the snapshot of 2023-11, and the result is as of 2025-09-30; write it as a new snapshot with -o '\(folder.path)/2025-09-30.yaml'\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: snapshot)) == before)
    }

    @Test func aFolderIsNotAFileToWrite() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try Run("apply", "Graphs/kuaishou@2025-09-29", "Graphs/kuaishou/changes/2025-09-30.yaml", "-o", folder.path)
        #expect(run.status == 1)
        #expect(run.stderr == "error: '\(folder.path)' is a folder; name a file to write\n")
    }

    /// A name that would set the terminal's title, rewrite the line and reverse what follows.
    @Test func controlCharactersInNamesAreShownAsCodesInTextAndKeptInJSON() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = folder.appendingPathComponent("org.json").path
        try #"""
            {"units": [{"id": "u", "name": {"en": "Unit"}}],
             "people": [{"id": "p", "name": {"en": "Eve\u001b]0;owned\u0007\rX\u202eY"}}, {"id": "q", "name": {"en": "Boss"}}],
             "posts": [{"id": "h", "title": {"en": "Head"}, "unit": "u", "head": true, "holders": ["q"]},
                       {"id": "x", "title": {"en": "Clerk"}, "unit": "u", "holders": ["p"]}]}

            """#.write(toFile: org, atomically: true, encoding: .utf8)
        let shown = #"Eve\u{1B}]0;owned\u{7}\u{D}X\u{202E}Y"#
        let chain = try Run("chain", org, "p")
        #expect(chain.stdout == "1. \(shown) [p] · Clerk, Unit\n2. Boss [q] · Head, Unit  (implied line)\n")
        let find = try Run("find", org, "Eve")
        #expect(find.stdout.contains(shown) && !find.stdout.contains("\u{1B}"))
        // A diagnostic names the person the same way.
        let unknown = try Run("chain", org, "Ev")
        #expect(unknown.stderr.contains("(\(shown))") && !unknown.stderr.contains("\r"))
        // JSON is for programs: the name as it is, escaped by JSON's rules.
        let json = try Run("chain", org, "p", "--json")
        let name = ((json.json?["chain"] as? [[String: Any]])?.first?["name"] as? [String: String])?["en"]
        #expect(name == "Eve\u{1B}]0;owned\u{7}\rX\u{202E}Y")
    }

    /// Outlines of deep chains and unit trees are indented up to a limit, then say their level:
    /// the text grows linearly with the depth, not with its square.
    @Test func deepOutlinesSayTheirLevelPastTheIndentLimit() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let depth = 60
        let org = folder.appendingPathComponent("deep.yaml").path
        var text = "units:\n"
        for n in 0..<depth { text += "  - {id: u\(n), name: {en: U\(n)}\(n > 0 ? ", parent: u\(n - 1)" : "")}\n" }
        text += "people:\n" + (0..<depth).map { "  - {id: e\($0), name: {en: E\($0)}}\n" }.joined()
        text += "posts:\n" + (0..<depth).map { "  - {id: p\($0), title: {en: T}, unit: u\($0), head: true, holders: [e\($0)]}\n" }.joined()
        try text.write(toFile: org, atomically: true, encoding: .utf8)
        let reports = try Run("reports", org, "e0", "--all")
        #expect(reports.status == 0, "\(reports.stderr)")
        let lines = reports.stdout.split(separator: "\n").map(String.init)
        let pad = String(repeating: " ", count: 48)
        #expect(lines[24] == pad + "E24 [e24] · T, U24  (implied line)")
        #expect(lines[25] == pad + "[level 25] E25 [e25] · T, U25  (implied line)")
        #expect(lines[59] == pad + "[level 59] E59 [e59] · T, U59  (implied line)")
        let stats = try Run("stats", org)
        #expect(stats.stdout.contains("\n  " + pad + "[level 59] U59 [u59]: 1 / 1\n"), "\(stats.stdout.prefix(3000))")
    }
}
