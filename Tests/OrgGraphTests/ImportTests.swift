import Foundation
import Testing

@testable import OrgGraph

/// Real org data from public sources, imported and asked about.
@Suite struct ImportTests {
    static let datasets = Paths.repository.deletingLastPathComponent().appendingPathComponent("shared/datasets")

    static func hr(_ path: String, map: [String: HRField] = [:]) throws -> ImportResult {
        let file = datasets.appendingPathComponent(path).path
        return try HRImport(file: file, map: map).run(CSVReader(file: file).read())
    }

    static func organogram(_ stem: String, junior: Bool = true) throws -> ImportResult {
        let base = datasets.appendingPathComponent("uk-gov-organograms/\(stem)").path
        return try OrganogramImport(seniorFile: base + "-senior.csv", juniorFile: junior ? base + "-junior.csv" : nil).run()
    }

    /// The `ReportsTo`-style column of a CSV, read independently of the importer.
    static func managers(_ path: String, id: String, manager: String) throws -> [String: String] {
        let table = try CSVReader(file: datasets.appendingPathComponent(path).path).read()
        let i = table.header.firstIndex(of: id)!
        let m = table.header.firstIndex(of: manager)!
        return Dictionary(uniqueKeysWithValues: table.rows.map { ($0[i], $0[m]) })
    }

    static func chainIDs(_ org: Org, _ person: String) -> [String] {
        (org.reportingChain(of: PersonID(person)) ?? []).dropFirst().compactMap { $0.person?.rawValue }
    }

    /// The import's one warning says which columns it did not read.
    static func expectOnlyIgnored(_ result: ImportResult, _ columns: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        #expect(result.warnings.map(\.message) == ["import csv does not read columns \(columns.map { "'\($0)'" }.joined(separator: ", ")); they are ignored (give a column a field with --map COLUMN=FIELD)"],
                sourceLocation: sourceLocation)
    }

    @Test func chinookChainsFollowReportsTo() throws {
        let result = try Self.hr("chinook/Employee.csv")
        Self.expectOnlyIgnored(result, ["BirthDate", "Address", "City", "State", "Country", "PostalCode", "Phone", "Fax"])
        let org = result.org
        #expect(org.people.count == 8)
        guard case .found(.person(let steve)) = org.lookup("Steve Johnson") else { Issue.record("no Steve Johnson"); return }
        let chain = Self.chainIDs(org, steve.rawValue).map { org.people[PersonID($0)]!.name.display(.en) }
        #expect(chain == ["Nancy Edwards", "Andrew Adams"])
        // Every chain and every direct-report list matches the ReportsTo column exactly.
        let managers = try Self.managers("chinook/Employee.csv", id: "EmployeeId", manager: "ReportsTo")
        for (person, manager) in managers {
            #expect(Self.chainIDs(org, person).first ?? "" == manager)
            let reports = Set(org.directReports(of: PersonID(person)).compactMap { org.posts[$0.post]?.holders.first?.rawValue })
            #expect(reports == Set(managers.filter { $0.value == person }.keys))
        }
    }

    @Test func northwindChainsFollowReportsTo() throws {
        let result = try Self.hr("northwind/Employees.csv")
        Self.expectOnlyIgnored(result, ["TitleOfCourtesy", "BirthDate", "Address", "City", "Region", "PostalCode", "Country", "HomePhone", "Extension", "Notes", "PhotoPath"])
        // HireDate is written month first (08/14/1992), read as a day.
        #expect(result.org.people["2"]?.attributes["start"] == "1992-08-14")
        let managers = try Self.managers("northwind/Employees.csv", id: "EmployeeID", manager: "ReportsTo")
        #expect(result.org.people.count == 9)
        for (person, manager) in managers {
            #expect(Self.chainIDs(result.org, person).first ?? "" == manager)
            let reports = Set(result.org.directReports(of: PersonID(person)).compactMap { result.org.posts[$0.post]?.holders.first?.rawValue })
            #expect(reports == Set(managers.filter { $0.value == person }.keys))
        }
        // Quoted fields with commas and line breaks are read whole.
        #expect(result.org.people["2"]?.name.display(.en) == "Andrew Fuller")
        #expect(result.org.posts["post.2"]?.title.display(.en) == "Vice President, Sales")
    }

    @Test func adventureWorksImportsAllAndChainsEndAtTheCEO() throws {
        let result = try Self.hr("adventureworks/derived_Employee_with_manager.csv")
        Self.expectOnlyIgnored(result, ["OrganizationNodePath", "OrganizationNodeHex", "OrganizationLevel", "LoginID", "CurrentFlag"])
        #expect(result.org.people.count == 290)
        #expect(result.org.validate().filter { $0.severity == .error }.isEmpty)
        let ceo = result.org.people["1"]
        #expect(ceo?.name.display(.en) == "Ken Sánchez")
        for person in result.org.people.keys {
            #expect(Self.chainIDs(result.org, person.rawValue).last ?? "1" == "1")
        }
    }

    /// Oracle HR's departments become a unit tree: each department's head is the one in it
    /// whose manager is outside it, under the department of that manager; Steven King heads
    /// Executive (90), which holds every other department, with 14 direct reports.
    @Test func oracleHRBothVersionsImportWithAUnitTree() throws {
        for version in ["v2015_hr_popul", "v2025_hr_populate"] {
            let result = try Self.hr("oracle-hr/\(version)/employees.csv")
            // Shipping (50) and Sales (80) have five managers each who report to King: the one
            // most of the department reports to heads it, and the warning names the others.
            #expect(result.warnings.map(\.message) == [
                "import csv does not read columns 'phone_number', 'salary', 'commission_pct'; they are ignored (give a column a field with --map COLUMN=FIELD)",
                "unit 'u.50' has 5 posts whose solid line goes outside it; '120', to whom 9 of its 45 report, is taken as its head (turn this off with --no-unit-tree)",
                "unit 'u.80' has 5 posts whose solid line goes outside it; '145', to whom 7 of its 34 report, is taken as its head (turn this off with --no-unit-tree)",
            ])
            #expect(result.warnings[1].notes.map(\.message) == ["'121' also reports outside it", "'122' also reports outside it", "'123' also reports outside it", "'124' also reports outside it"])
            let org = result.org
            #expect(org.people.count == 107)
            #expect(Self.chainIDs(org, "101") == ["100"])
            let heads = Dictionary(uniqueKeysWithValues: org.posts.values.filter(\.isHead).map { ($0.unit.rawValue, $0.holders.first?.rawValue ?? "") })
            #expect(heads == ["u.90": "100", "u.60": "103", "u.100": "108", "u.30": "114", "u.50": "120", "u.80": "145", "u.organization": "178",
                              "u.10": "200", "u.20": "201", "u.40": "203", "u.70": "204", "u.110": "205"])
            // Every department under Executive but the one person with none (178, Kimberely
            // Grant), under Sales, her manager's.
            #expect(org.units.values.filter { $0.parent == nil }.map(\.id.rawValue) == ["u.90"])
            #expect(org.units["u.organization"]?.parent == "u.80")
            let stats = org.stats()
            #expect(stats.spans.first { $0.post == "post.100" }?.reports == 14)
            #expect(stats.headcount.first { $0.unit == "u.90" }.map { [$0.direct, $0.total] } == [3, 107])
            // Every manager has a span, not only heads: Neena (101) manages five.
            #expect(stats.spans.first { $0.post == "post.101" }.map { [$0.reports] } == [5])
            // The 18 managers, and the heads of four departments of one person (10, 40, 70 and
            // the one without a department), whose span is 0.
            #expect(stats.spans.count == 22)
            #expect(stats.spans.filter { $0.reports == 0 }.map(\.post) == ["post.178", "post.200", "post.203", "post.204"])
            // Without the unit tree, every department is at the top, without a head.
            let flat = try HRImport.load(csv: Self.datasets.appendingPathComponent("oracle-hr/\(version)/employees.csv").path, unitTree: false).org
            #expect(flat.units.values.allSatisfy { $0.parent == nil } && !flat.posts.values.contains(where: \.isHead))
        }
    }

    /// Joined with departments.csv and jobs.csv, Oracle HR's units are named and its posts
    /// titled, and each department's head is the manager departments.csv names.
    @Test func oracleHRWithItsLookupTables() throws {
        let folder = Self.datasets.appendingPathComponent("oracle-hr/v2025_hr_populate").path
        let result = try HRImport.load(csv: folder + "/employees.csv", joins: [
            CSVJoin(spec: folder + "/departments.csv:department_id"), CSVJoin(spec: folder + "/jobs.csv:job_id"),
        ])
        // No head to guess: departments.csv names them. Its location_id and jobs.csv's salaries
        // are not read.
        #expect(result.warnings.map(\.message) == [
            "import csv does not read columns 'phone_number', 'min_salary', 'max_salary', 'salary', 'commission_pct', 'location_id'; they are ignored (give a column a field with --map COLUMN=FIELD)",
        ])
        let org = result.org
        #expect(org.units.values.map { $0.name.display(.en) }.sorted() == [
            "Accounting", "Administration", "Executive", "Finance", "Human Resources", "IT", "Marketing", "Organization", "Public Relations",
            "Purchasing", "Sales", "Shipping",
        ])
        #expect(org.posts["post.100"]?.title.display(.en) == "President")
        #expect(org.posts["post.121"]?.title.display(.en) == "Stock Manager")
        let heads = Dictionary(uniqueKeysWithValues: org.posts.values.filter(\.isHead).map { ($0.unit.rawValue, $0.holders.first?.rawValue ?? "") })
        #expect(heads["u.shipping"] == "121" && heads["u.sales"] == "145" && heads["u.executive"] == "100" && heads["u.it"] == "103")
        #expect(org.units["u.it"]?.parent == "u.executive")
        let stats = org.stats()
        let king = try #require(stats.spans.first { $0.post == "post.100" })
        #expect(king.reports == 14 && king.isHead && king.unit == "u.executive")
    }

    @Test func joinsThatCannotBeMadeAreLocatedErrors() throws {
        let lookup = try CSVTests.write(Data("dept,department\n1,One\n2,Two\n".utf8))
        let export = try CSVTests.write(Data("id,name,manager,dept\n1,A,,1\n2,B,1,3\n".utf8))
        func message(_ body: () throws(DiagnosticError) -> Void) -> String {
            do throws(DiagnosticError) {
                try body()
                return ""
            } catch {
                return error.diagnostics.map(\.description).joined(separator: "\n").replacingOccurrences(of: lookup, with: "lookup.csv")
                    .replacingOccurrences(of: export, with: "export.csv")
            }
        }
        // A key the lookup table lacks: the row's joined columns are empty, with a warning.
        let result = try HRImport.load(csv: export, joins: [CSVJoin(spec: lookup + ":dept")])
        #expect(result.warnings.map { $0.description.replacingOccurrences(of: export, with: "export.csv") } == [
            "export.csv:3:4: warning: '3' is not a key of \(lookup) (column 'dept'); the row's columns from it are left empty",
        ])
        #expect(result.org.posts["post.1"]?.unit == "u.one" && result.org.posts["post.2"]?.unit == "u.organization")
        #expect(message { () throws(DiagnosticError) in _ = try CSVJoin(spec: lookup + ":department_id") }
            == "lookup.csv:1:1: error: the lookup table has no column 'department_id' to join by; its columns are 'dept', 'department'")
        #expect(message { () throws(DiagnosticError) in _ = try HRImport.load(csv: export, joins: [CSVJoin(spec: lookup + ":dept=unit")]) }
            == "export.csv:1:1: error: --join lookup.csv:dept joins by the column 'unit', which the export lacks (it has 'id', 'name', 'manager', 'dept'); name the export's key column with lookup.csv:dept=COLUMN")
        // A head the lookup table names who is not in the unit: the head is found as without it.
        let heads = try CSVTests.write(Data("dept,department,manager_id\n1,One,2\n3,Three,2\n".utf8))
        let headed = try HRImport.load(csv: export, joins: [CSVJoin(spec: heads + ":dept")])
        #expect(headed.warnings.map { $0.description.replacingOccurrences(of: heads, with: "heads.csv") } == [
            "heads.csv:2:3: warning: the head of 'One' is '2', who is not in it in \((export as NSString).lastPathComponent); its head is found from who reports to whom",
        ])
        #expect(headed.org.posts["post.2"]?.isHead == true && headed.org.posts["post.1"]?.isHead == true)
        let twice = try CSVTests.write(Data("dept,name\n1,One\n1,Uno\n".utf8))
        #expect(message { () throws(DiagnosticError) in _ = try CSVJoin(spec: twice + ":dept") }.hasSuffix(":3:1: error: key '1' is listed again (first on line 2); a lookup table has one row a key"))
        for bad in ["lookup.csv", ":dept", "lookup.csv:", "lookup.csv:dept="] {
            #expect(message { () throws(DiagnosticError) in _ = try CSVJoin(spec: bad) }.hasPrefix("error: --join takes FILE:COLUMN"), "\(bad)")
        }
    }

    /// AdventureWorks' Employee.csv (headerless, tab-separated; UTF-16 in 2017, UTF-8 in 2025)
    /// has no manager column: each manager comes from the hierarchyid in OrganizationNode, in its
    /// binary form as hexadecimal. Every one agrees with the manager the dataset's own decoding
    /// of the paths gives, and the two versions are the same org.
    static let adventureWorksColumns = ["BusinessEntityID", "NationalIDNumber", "LoginID", "OrganizationNode", "OrganizationLevel", "JobTitle",
                                        "BirthDate", "MaritalStatus", "Gender", "HireDate", "SalariedFlag", "VacationHours", "SickLeaveHours",
                                        "CurrentFlag", "rowguid", "ModifiedDate"]

    @Test func adventureWorksManagersFromHierarchyIDs() throws {
        let derived = try CSVReader(file: Self.datasets.appendingPathComponent("adventureworks/derived_Employee_with_manager.csv").path).read()
        let expected = Dictionary(uniqueKeysWithValues: derived.rows.map { ($0[0], $0[1]) })
        var orgs: [Org] = []
        for version in ["v2017", "v2025"] {
            let path = Self.datasets.appendingPathComponent("adventureworks/\(version)/Employee.csv").path
            var table = try CSVReader(file: path, hasHeader: false).read()
            table.header = Self.adventureWorksColumns
            let result = try HRImport(file: path, map: ["LoginID": .name]).run(table)
            Self.expectOnlyIgnored(result, ["NationalIDNumber", "OrganizationLevel", "BirthDate", "MaritalStatus", "Gender", "SalariedFlag",
                                            "VacationHours", "SickLeaveHours", "CurrentFlag", "rowguid", "ModifiedDate"])
            let org = result.org
            #expect(org.people.count == 290)
            let managers = Dictionary(uniqueKeysWithValues: org.posts.values.map { ($0.holders[0].rawValue, $0.reportsTo.map { String($0.to.rawValue.dropFirst(5)) } ?? "") })
            #expect(managers == expected, "\(version)")
            #expect(org.people["3"]?.name.display(.en) == "adventure-works\\roberto0")
            orgs.append(org)
        }
        #expect(orgs[0].difference(from: orgs[1]).changes.isEmpty)
    }

    @Test func hierarchyNodesAsPathsOrBits() throws {
        func managers(_ nodes: [String]) throws -> [String] {
            try HierarchyNodes.managers(nodes: nodes, ids: nodes.indices.map { "r\($0)" }) { _ in SourceLocation(file: "t.csv", line: 1, column: 1) }.managers
        }
        // Paths: the nearest node above, past a missing one.
        #expect(try managers(["/", "/1/", "/1/2/", "/1/2/3/4/", "/2"]) == ["", "r0", "r1", "r2", "r0"])
        // Bits: /1/ is 0x58, /1/1/ 0x5AC0, /1/1/1/ 0x5AD6 (with or without 0x); the top is empty.
        #expect(try managers(["", "58", "0x5AC0", "5AD6", "0x68"]) == ["", "r0", "r1", "r2", "r0"])
        #expect(HierarchyNodes.key("/1/2") == HierarchyNodes.key("/1/2/"))
        #expect(throws: DiagnosticError.self) { try managers(["/", "/a b/"]) }
        #expect(throws: DiagnosticError.self) { try managers(["", "5G"]) }
        let twice = try HierarchyNodes.managers(nodes: ["/", "/1/", "/1/"], ids: ["a", "b", "c"]) { SourceLocation(file: "t.csv", line: $0 + 2, column: 4) }
        #expect(twice.managers == ["", "a", "a"])
        #expect(twice.warnings.map(\.description) == ["t.csv:4:4: warning: node '/1/' is also row b's; no one is under this row by it"])
        // A manager column says who manages whom: a node column beside it is not read.
        let both = try HRImport(file: "t.csv").run(CSVReader(file: "t.csv").parse("id,manager,OrganizationNode\n1,,/\n2,1,/1/\n"))
        #expect(both.warnings.map(\.message) == ["import csv does not read column 'OrganizationNode'; it is ignored (give a column a field with --map COLUMN=FIELD)"])
    }

    @Test func cabinetOfficeOrganogramImportsPostsFirst() throws {
        let result = try Self.organogram("cabinet_office-2011-03-31")
        #expect(result.rowsRead == 216 + 763)
        #expect(result.rowsRead == result.rowsImported + result.rowsDropped)
        let org = result.org
        #expect(org.validate().filter { $0.severity == .error }.isEmpty)
        #expect(org.posts.count == 216)
        // N/D names are people whose names are withheld, not vacancies; so are the empty names
        // of posts with an FTE, and those without one are vacant (COI1 is 'Vacant' in September),
        // said in one warning at the first.
        #expect(org.people.values.filter { $0.attributes["disclosed"] == "no" }.count == 74 + 47)
        #expect(Set(org.posts.values.filter(\.holders.isEmpty).map(\.id.rawValue))
            == Set(["31", "NSG8", "11", "275", "270", "96", "264", "268", "136", "269", "COI1", "272"].map { "post-" + $0 }))
        #expect(result.warnings.filter { $0.message.contains("empty name") }.map(\.message)
            == ["59 posts with an empty name: 47 with an FTE read as held by someone whose name is not disclosed, as 'N/D' is, and 12 with none as vacant; the format writes 'N/D' and 'Vacant' for these"])
        #expect(org.posts["post-8"]?.holders == ["p-sir-stephen-laws"])
        // Junior posts are counted on their senior post, all 763 rows of them.
        let juniorRows = org.posts.values.compactMap { $0.attributes["junior-posts"].flatMap(Int.init) }.reduce(0, +)
        #expect(juniorRows == 763)
    }

    @Test func organogramSelfReportsAndJobSharesAreReported() throws {
        let dfid = try Self.organogram("department_for_international_development-2011-03-31")
        #expect(dfid.warnings.contains { $0.message.contains("reports to itself") })
        // Its 62 empty names are the 62 posts that the next file, six months on, marks N/D.
        let next = try Self.organogram("department_for_international_development-2011-09-30")
        for result in [dfid, next] {
            #expect(result.org.people.values.filter { $0.attributes["disclosed"] == "no" }.count == 62)
            #expect(result.org.posts.values.filter(\.holders.isEmpty).isEmpty)
        }
        let cabinet = try Self.organogram("cabinet_office-2011-09-30")
        #expect(cabinet.warnings.contains { $0.message.contains("job share") || $0.message.contains("listed twice") })
        #expect(cabinet.org.validate().filter { $0.severity == .error }.isEmpty)
    }

    @Test func organogramSnapshotsDiffAsTypedChanges() throws {
        let a = try Self.organogram("cabinet_office-2011-03-31").org
        let b = try Self.organogram("cabinet_office-2011-09-30").org
        let changeset = b.difference(from: a)
        let names = Set(changeset.changes.map(\.op.name))
        #expect(names.isSuperset(of: ["add-post", "remove-post", "appoint", "set-reports-to"]))
        #expect(try a.applying(changeset).normalized() == b.normalized())
        // And back: the inverse applies to the later snapshot as imported (which declares no
        // primary posts, where the diff pinned some) and gives the earlier one.
        #expect(try b.applying(changeset.inverted()).normalized() == a.normalized())
        // The next half year, in which Ciaran Martin's first post (his primary one by its place)
        // goes while another of his stays.
        let c = try Self.organogram("cabinet_office-2012-03-31", junior: false).org
        let next = c.difference(from: b)
        #expect(next.changes.map(\.op).contains(.setAttribute(target: "p-ciaran-martin", attribute: "primary", from: .text("post-CO59"), to: nil)))
        #expect(try b.applying(next).normalized() == c.normalized())
        #expect(try c.applying(next.inverted()).normalized() == b.normalized())
    }

    /// Every pair of snapshots of the same department, earlier to later: the diff applied to the
    /// earlier gives the later exactly, its inverse applied to the later gives the earlier, and
    /// no attribute is changed twice.
    static let organogramPairs: [(String, String)] = {
        let folder = datasets.appendingPathComponent("uk-gov-organograms").path
        let stems = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix("-senior.csv") }
            .map { String($0.dropLast("-senior.csv".count)) }.sorted()
        var pairs: [(String, String)] = []
        for (index, a) in stems.enumerated() {
            for b in stems[(index + 1)...] where a.dropLast(11) == b.dropLast(11) { pairs.append((a, b)) }
        }
        return pairs
    }()

    @Test func everyOrganogramPairDiffsAppliesAndInvertsExactly() throws {
        #expect(Self.organogramPairs.count == 19)
        let folder = Self.datasets.appendingPathComponent("uk-gov-organograms").path
        func load(_ stem: String) throws -> Org {
            try Self.organogram(stem, junior: FileManager.default.fileExists(atPath: folder + "/\(stem)-junior.csv")).org
        }
        var cache: [String: Org] = [:]
        for (a, b) in Self.organogramPairs {
            let before = try cache[a] ?? load(a), after = try cache[b] ?? load(b)
            (cache[a], cache[b]) = (before, after)
            let changeset = after.difference(from: before)
            #expect(!changeset.changes.isEmpty)
            #expect(try before.applying(changeset).normalized() == after.normalized(), "\(a) → \(b)")
            #expect(try after.applying(changeset.inverted()).normalized() == before.normalized(), "\(a) → \(b), inverted")
            var changed: Set<[String]> = []
            for change in changeset.changes {
                guard case .setAttribute(let target, let attribute, _, _) = change.op else { continue }
                #expect(changed.insert([target, attribute]).inserted, "\(a) → \(b): \(target).\(attribute) changed twice")
            }
        }
    }

    /// The README's figures for Oracle HR 2015 → 2025: 141 changes, 17 renames with their
    /// emails, and every start date ten years later.
    @Test func oracleHRVersionsDiffAsTheReadmeSays() throws {
        let before = try Self.hr("oracle-hr/v2015_hr_popul/employees.csv").org
        let after = try Self.hr("oracle-hr/v2025_hr_populate/employees.csv").org
        let changes = after.difference(from: before).changes
        #expect(changes.count == 141)
        #expect(changes.filter { $0.op.name == "rename-person" }.count == 17)
        let attributes = changes.compactMap { change -> String? in
            if case .setAttribute(_, let attribute, _, _) = change.op { return attribute }
            return nil
        }
        #expect(attributes.filter { $0 == "attributes.email" }.count == 17 && attributes.filter { $0 == "attributes.start" }.count == 107)
        #expect(changes.contains { $0.op == .setAttribute(target: "100", attribute: "attributes.start", from: .text("2003-06-17"), to: .text("2013-06-17")) })
        // Applied and inverted, exactly.
        let changeset = after.difference(from: before)
        #expect(try before.applying(changeset).normalized() == after.normalized())
        #expect(try after.applying(changeset.inverted()).normalized() == before.normalized())
    }

    /// Chinook and Northwind have no departments: one unit, headed by the one at the top, and a
    /// span for every manager.
    @Test func chinookAndNorthwindHaveAHeadAndSpans() throws {
        for (dataset, top, spans) in [("chinook/Employee.csv", "1", [("1", 2), ("2", 3), ("6", 2)]), ("northwind/Employees.csv", "2", [("2", 5), ("5", 3)])] {
            let org = try Self.hr(dataset).org
            #expect(org.posts.values.filter(\.isHead).map { $0.holders[0].rawValue } == [top], "\(dataset)")
            let found = org.stats().spans.map { ($0.holders[0].rawValue, $0.reports) }
            #expect(found.map(\.0) == spans.map(\.0) && found.map(\.1) == spans.map(\.1), "\(dataset): \(found)")
        }
    }

    @Test func allOrganogramSnapshotsImportAndValidate() throws {
        let folder = Self.datasets.appendingPathComponent("uk-gov-organograms").path
        let seniors = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix("-senior.csv") }.sorted()
        #expect(seniors.count == 11)
        for senior in seniors {
            let stem = String(senior.dropLast("-senior.csv".count))
            let hasJunior = FileManager.default.fileExists(atPath: folder + "/\(stem)-junior.csv")
            let result = try Self.organogram(stem, junior: hasJunior)
            #expect(result.org.validate().filter { $0.severity == .error }.isEmpty, "\(stem)")
            #expect(result.rowsRead == result.rowsImported + result.rowsDropped)
        }
    }

    /// An organogram whose senior and junior CSVs are these, in a folder of its own: what it
    /// imports, or its problems with the folder left out of their places.
    static func organogram(senior: String, junior: String) throws -> (result: ImportResult?, problems: [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("organogram-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (s, j) = (folder.appendingPathComponent("s.csv"), folder.appendingPathComponent("j.csv"))
        try Data(senior.utf8).write(to: s)
        try Data(junior.utf8).write(to: j)
        do throws(DiagnosticError) {
            return (try OrganogramImport(seniorFile: s.path, juniorFile: j.path).run(), [])
        } catch {
            return (nil, error.diagnostics.map { $0.description.replacingOccurrences(of: folder.path + "/", with: "") })
        }
    }

    static let senior = "Post Unique Reference,Name,Reports to Senior Post,FTE\n1,A B,XX,1\n2,C D,1,http://stray/link\n"

    @Test(arguments: ["NaN", "-5", "1e308", "inf"])
    func aJuniorFTEThatIsNoCountStopsTheImportAtItsRow(_ fte: String) throws {
        let problems = try Self.organogram(senior: Self.senior, junior: "Reporting Senior Post,Number of Posts in FTE\n1,2.5\n2,\(fte)\n").problems
        #expect(problems == ["j.csv:3:2: error: FTE '\(fte)' is not a number of posts (one that is finite, 0 or more and at most 1,000,000); fix the organogram"])
    }

    @Test func juniorFTEsAreSummedOnTheirSeniorPost() throws {
        let result = try #require(try Self.organogram(senior: Self.senior, junior: "Reporting Senior Post,Number of Posts in FTE\n1,2.5\n1,0.5\n2,\n").result)
        #expect(result.org.posts["post-1"]?.attributes["junior-fte"] == "3.0")
        #expect(result.org.posts["post-2"]?.attributes["junior-posts"] == "1")
        // A senior FTE that is no number is left out of its post, with a warning.
        #expect(result.org.posts["post-1"]?.attributes["fte"] == "1")
        #expect(result.org.posts["post-2"]?.attributes["fte"] == nil)
        #expect(result.warnings.map(\.message) == ["FTE 'http://stray/link' is not a number; left out of post '2'"])
        let problems = try Self.organogram(senior: Self.senior, junior: "Reporting Senior Post,Number of Posts in FTE\n1,some\n").problems
        #expect(problems == ["j.csv:2:2: error: FTE 'some' is not a number; the junior posts are counted by it, so write one such as 1 or 0.5"])
    }

    @Test func aPostReferenceThatIsNoIDStopsTheImport() throws {
        let problems = try Self.organogram(senior: "Post Unique Reference,Name,Reports to Senior Post\n1,A,XX\n\"2 b\",B,1\n", junior: "Reporting Senior Post\n").problems
        #expect(problems == ["s.csv:3:1: error: the post reference of this row '2 b' contains a space or control character; ids are single words such as 'liu-xiao'; fix the organogram"])
    }
}
