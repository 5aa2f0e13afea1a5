import Foundation
import Testing

@testable import orggraph

@Suite(.serialized) struct ImportCommandTests {
    static let datasets = Run.repository.deletingLastPathComponent().appendingPathComponent("shared/datasets").path

    @Test(arguments: [
        ["csv", "chinook/Employee.csv"], ["csv", "northwind/Employees.csv"], ["csv", "adventureworks/derived_Employee_with_manager.csv"],
        ["csv", "oracle-hr/v2015_hr_popul/employees.csv"], ["csv", "oracle-hr/v2025_hr_populate/employees.csv"],
        ["organogram", "uk-gov-organograms/cabinet_office-2011-03-31-senior.csv", "uk-gov-organograms/cabinet_office-2011-03-31-junior.csv"],
        ["organogram", "uk-gov-organograms/cabinet_office-2011-09-30-senior.csv", "uk-gov-organograms/cabinet_office-2011-09-30-junior.csv"],
    ])
    func eachDatasetImportsValidatesAndRenders(_ arguments: [String]) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = folder.appendingPathComponent("org.yaml").path
        let run = try Run(arguments: ["import", arguments[0]] + arguments.dropFirst().map { "\(Self.datasets)/\($0)" } + ["-o", org])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("rows read"))
        let validate = try Run("validate", org)
        #expect(validate.status == 0)
        let svg = folder.appendingPathComponent("org.svg").path
        #expect(try Run("render", org, "-o", svg).status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("</svg>"))
    }

    /// The acceptance of joins: Oracle HR imported with its departments and jobs, then asked.
    @Test func oracleHRJoinedThroughTheCommandLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = folder.appendingPathComponent("hr.yaml").path
        let hr = "\(Self.datasets)/oracle-hr/v2025_hr_populate"
        let run = try Run("import", "csv", "\(hr)/employees.csv", "--join", "\(hr)/departments.csv:department_id", "--join", "\(hr)/jobs.csv:job_id", "-o", org)
        #expect(run.status == 0, "\(run.stderr)")
        let stats = try Run("stats", org)
        #expect(stats.stdout.contains("  Executive [u.executive]: 3 / 107\n    IT [u.it]: 5 / 5\n"), "\(stats.stdout)")
        #expect(stats.stdout.contains("  over 8: Steven King [100] heading Executive [u.executive]: 14\n"))
        let chain = try Run("chain", org, "Adam Fripp")
        #expect(chain.stdout == "1. Adam Fripp [121] · Stock Manager, Shipping\n2. Steven King [100] · President, Executive  (explicit line)\n")
        let bad = try Run("import", "csv", "\(hr)/employees.csv", "--join", "\(hr)/departments.csv")
        #expect(bad.status == 1 && bad.stderr.hasPrefix("error: --join takes FILE:COLUMN"), "\(bad.stderr)")
    }

    /// Units and memberships tables through the command line: the Kubernetes SIGs of two days,
    /// dated by their folders, and their diff; an organogram dated by its file's name.
    @Test func unitTablesAndDatedOrganograms() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [String] = []
        for day in ["2023-05-31", "2026-08-18"] {
            let k8s = "\(Self.datasets)/kubernetes-community-sigs/\(day)"
            let org = folder.appendingPathComponent("k8s-\(day).yaml").path
            let run = try Run("import", "units", "\(k8s)/derived_units.csv", "\(k8s)/derived_leadership.csv", "-o", org)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(try String(contentsOfFile: org, encoding: .utf8).contains("asOf: \(day)"))
            files.append(org)
        }
        let diff = try Run("diff", files[0], files[1])
        #expect(diff.stdout.contains("  ~ tech leads ['sig-api-machinery#tech-leads']: Daniel Smith → Joe Betz\n"), "\(diff.stdout.prefix(600))")
        #expect(diff.stdout.hasSuffix("362 changes (61 set-attribute, 65 add-person, 68 add-unit, 14 add-post, 96 appoint, 6 vacate, 1 rename-person, 11 remove-post, 17 remove-person, 23 remove-unit); people in posts 176 → 224; layers 2 → 2; 79 reporting chains changed\n"))
        let organogram = folder.appendingPathComponent("co.yaml").path
        let senior = "\(Self.datasets)/uk-gov-organograms/cabinet_office-2011-09-30-senior.csv"
        #expect(try Run("import", "organogram", senior, "-o", organogram).status == 0)
        #expect(try String(contentsOfFile: organogram, encoding: .utf8).contains("asOf: 2011-09-30"))
        #expect(try Run("import", "organogram", senior, "--as-of", "2011-10-01", "-o", organogram).status == 0)
        #expect(try String(contentsOfFile: organogram, encoding: .utf8).contains("asOf: 2011-10-01"))
        let bad = try Run("import", "organogram", senior, "--as-of", "2011-13-01", "-o", organogram)
        #expect(bad.status == 64 && bad.stderr.contains("--as-of takes a date written YYYY-MM-DD (or YYYY-MM, or YYYY), not '2011-13-01'"), "\(bad.stderr)")
    }

    @Test func directoriesThroughTheCommandLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixtures = Run.repository.appendingPathComponent("Tests/OrgGraphTests/Fixtures/directory").path
        for (kind, file, person) in [("scim", "users.scim.json", "Chen Wei"), ("ldif", "people.ldif", "Chen Wei")] {
            let org = folder.appendingPathComponent("\(kind).yaml").path
            let run = try Run("import", kind, "\(fixtures)/\(file)", "--as-of", "2026-01-31", "-o", org)
            #expect(run.status == 0, "\(run.stderr)")
            let chain = try Run("chain", org, person)
            #expect(chain.stdout.contains("Bo Lindqvist") && chain.stdout.contains("Ada Moreau"), "\(kind): \(chain.stdout)")
            #expect(try String(contentsOfFile: org, encoding: .utf8).contains("asOf: 2026-01-31"))
        }
    }

    @Test func chinookChainThroughTheCommandLine() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = folder.appendingPathComponent("chinook.json").path
        #expect(try Run("import", "csv", "\(Self.datasets)/chinook/Employee.csv", "-o", org).status == 0)
        let chain = try Run("chain", org, "Steve Johnson", "--json")
        #expect(chain.chainPeople == ["5", "2", "1"])
    }

    @Test func organogramSnapshotsDiffInSeconds() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = "\(Self.datasets)/uk-gov-organograms/cabinet_office"
        let a = folder.appendingPathComponent("a.yaml").path
        let b = folder.appendingPathComponent("b.yaml").path
        #expect(try Run("import", "organogram", "\(base)-2011-03-31-senior.csv", "\(base)-2011-03-31-junior.csv", "-o", a).status == 0)
        #expect(try Run("import", "organogram", "\(base)-2011-09-30-senior.csv", "\(base)-2011-09-30-junior.csv", "-o", b).status == 0)
        let diff = try Run("diff", a, b, "--format", "json")
        #expect(diff.status == 0)
        let changes = try #require(diff.json?["changes"] as? [[String: Any]])
        let ops = Set(changes.compactMap { $0["op"] as? String })
        #expect(ops.isSuperset(of: ["add-post", "remove-post", "appoint", "set-reports-to", "add-person", "remove-person"]))
    }

    @Test func brokenCSVsExit1WithAPlace() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases: [(String, Data, String)] = [
            ("unbalanced.csv", Data("id,name,manager\n1,\"A,\n".utf8), ":2:3: error: a quoted field is never closed"),
            ("ragged.csv", Data("id,name,manager\n1,A\n".utf8), ":2:1: error: row has 2 fields but the header has 3"),
            ("latin1.csv", Data("id,name,manager\n1,Caf".utf8) + Data([0xE9, 0x0A]), ":2:3: error: invalid UTF-8 in a field"),
            ("empty.csv", Data(), ":1:1: error: the file is empty"),
        ]
        for (name, data, expected) in cases {
            let path = folder.appendingPathComponent(name).path
            try data.write(to: URL(fileURLWithPath: path))
            let run = try Run("import", "csv", path, "-o", folder.appendingPathComponent("out.yaml").path)
            #expect(run.status == 1, "\(name)")
            #expect(run.stderr.hasPrefix(path + expected), "\(name): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out.yaml").path))
        }
    }

    @Test func aCSVThatCannotBeReadExits1NamingIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unreadable = folder.appendingPathComponent("folder.csv")
        try FileManager.default.createDirectory(at: unreadable, withIntermediateDirectories: false)
        let output = folder.appendingPathComponent("out.yaml").path
        let run = try Run("import", "csv", unreadable.path, "-o", output)
        #expect(run.status == 1)
        #expect(run.stderr == "error: cannot read '\(unreadable.path)': Is a directory\n")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func exportWritesEachFormat() throws {
        for format in ["json", "csv", "graphml", "mermaid", "turtle", "cypher"] {
            let run = try Run("export", "Graphs/kuaishou", "--to", format)
            #expect(run.status == 0, "\(format)")
            #expect(!run.stdout.isEmpty)
        }
        let turtle = try Run("export", "Graphs/kuaishou", "--to", "turtle", "--changeset", "Graphs/kuaishou/changes/2025-09-30.yaml")
        #expect(turtle.stdout.contains("a org:ChangeEvent"))
    }

    @Test func exportNamesEachFieldItCannotHoldAndWritesTheRest() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let org = folder.appendingPathComponent("nul.json")
        try Data(#"{"units": [{"id": "u", "name": "Sales"}], "posts": [{"id": "h", "unit": "u", "head": true, "holders": ["p"]}], "people": [{"id": "p", "name": "A\u0000B"}]}"#.utf8).write(to: org)
        let run = try Run("export", org.path, "--to", "csv")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "id,name_en,status,aliases,post_id,title_en,primary,head,staff,reports_to_post,dotted,unit_id,unit_name_en,unit_kind,unit_parent\np,AB,,,h,,,yes,,,,u,Sales,,\n")
        #expect(run.stderr == "warning: name_en of person 'p': csv cannot hold U+0000; left out\n")
        let json = try Run("export", org.path, "--to", "json")
        #expect(json.stderr.isEmpty)
        #expect(json.stdout.contains(#""A\u0000B""#))
    }

    @Test func anIDTheOrgFileWouldRefuseStopsTheImportAtItsRow() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("hr.csv")
        try Data("id,name,manager_id\n1,Ann,\n\"2 b\",Bob,1\n".utf8).write(to: csv)
        let output = folder.appendingPathComponent("out.yaml").path
        let run = try Run("import", "csv", csv.path, "-o", output)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix(csv.path + ":3:1: error: the id of this row '2 b' contains a space or control character; ids are single words such as 'liu-xiao'; fix the export, or map another column with --map COLUMN=id"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test func anOrgsLanguageIsALanguageCode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, text, place) in [("a.yaml", "lang: \"<>\"\nunits: []\n", "1:7"), ("b.json", #"{"lang": "", "units": []}"#, "1:10")] {
            let file = folder.appendingPathComponent(name)
            try Data(text.utf8).write(to: file)
            let run = try Run("validate", file.path)
            #expect(run.status == 1, "\(name)")
            let value = name == "a.yaml" ? "<>" : ""
            #expect(run.stderr.contains("\(file.path):\(place): error: 'lang' is '\(value)', which is not a language code; write one such as 'zh', 'en' or 'zh-Hant'"), "\(run.stderr)")
        }
    }

    /// Past the size at which memory would pass its stated bound, a file is refused with the
    /// limit and what to do, before a byte is read (sparse files: no disk is used).
    @Test func filesPastTheReadersLimitsAreRefusedUpFront() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (name, size, expected) in [
            ("big.json", (2 << 30) + 1, "%@:1:1: error: '%@' is larger than 2048 MiB; split the org or keep it as CSV, which is read as a stream"),
            ("big.yaml", (256 << 20) + 1, "%@:1:1: error: '%@' is larger than 256 MiB, the most the general reader takes; a bigger org is read as normalised JSON (written by 'orggraph export --to json') or as CSV"),
        ] {
            let path = folder.appendingPathComponent(name).path
            #expect(FileManager.default.createFile(atPath: path, contents: nil))
            #expect(truncate(path, off_t(size)) == 0)
            let run = try Run("validate", path)
            #expect(run.status == 1, "\(name)")
            #expect(run.stderr.hasPrefix(expected.replacingOccurrences(of: "%@", with: path)), "\(run.stderr)")
        }
    }
}
