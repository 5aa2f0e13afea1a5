import ArgumentParser
import Foundation
import OrgGraph

extension HRField: ExpressibleByArgument {}

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Turn an HR export or a UK government organogram into an org file.",
        subcommands: [CSV.self, Organogram.self, Units.self, SCIM.self, LDIF.self])

    /// Writes an import's result and says what it did with every row.
    static func finish(_ result: ImportResult, output: String?, inputs: [String], asOf: String? = nil) throws {
        var result = result
        if let asOf {
            guard let day = Day(asOf) else { throw ValidationError("--as-of takes a date written YYYY-MM-DD (or YYYY-MM, or YYYY), not '\(asOf)'") }
            result.core.asOf = day
        }
        Output.report(result.warnings)
        let problems = result.core.warnings.filter { $0.severity == .error }
        if !problems.isEmpty {
            // Those the import's own warnings hold are printed already.
            Output.report(problems.filter { !result.warnings.contains($0) })
            throw DiagnosticError(.error("the imported org does not validate; nothing written", at: nil))
        }
        let org = result.org
        let text = try OrgFile.text(org, forOutput: output ?? "-")
        try writeResult(text, to: output, inputs: inputs)
        Output.printError("\(result.rowsRead) rows read: \(result.rowsImported) imported, \(result.rowsDropped) left out; "
            + "\(org.people.count) people, \(org.posts.count) posts, \(org.units.count) units; \(result.warnings.count) warning\(result.warnings.count == 1 ? "" : "s")"
            + (output.map { "; wrote \($0)" } ?? ""))
    }

    struct CSV: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "csv",
            abstract: "Import a CSV with one row per person: id, name, manager id, title, unit, email, start date.",
            discussion: """
                Common header spellings are recognised (EmployeeId, employee_id, ReportsTo, manager_id, \
                parentId, Title, Department, FirstName + LastName, ...); --map COLUMN=FIELD overrides \
                them (fields: \(HRField.allCases.map(\.rawValue).joined(separator: ", "))). Quoted fields \
                may hold delimiters and line breaks; UTF-8 (with or without BOM) and UTF-16 with BOM are \
                read; the delimiter (comma, tab, '|' or ';') is detected unless given. An empty manager \
                makes a root; a self-report, an unknown manager or a cycle is reported and the line left out. \
                The unit tree is derived from who reports to whom: a unit's head is the person in it \
                whose manager is outside it (where several are, the one most of the unit reports to, \
                with a warning naming the others), and its parent unit is that manager's unit. Anyone \
                else in a unit with no manager then reports to its head, as an org file's unit tree \
                implies. --no-unit-tree leaves every unit at the top, without a head.
                """)

        @Argument(help: "The CSV file.")
        var file: String
        @Option(name: .long, parsing: .singleValue, help: "COLUMN=FIELD; may be repeated.")
        var map: [String] = []
        @Option(name: .long, help: "The delimiter: ',', 'tab', '|' or ';'.")
        var delimiter: String?
        @Option(name: .long, help: "Column names for a file without a header, comma-separated.")
        var columns: String?
        @Option(name: .shortAndLong, help: "The org file to write (.yaml, or .json for JSON).")
        var output: String?
        @Flag(name: .customLong("no-unit-tree"), help: "Leave every unit at the top, without a head, instead of deriving the unit tree from who reports to whom.")
        var noUnitTree = false
        @Option(name: .long, parsing: .singleValue, help: ArgumentHelp(
            "Join a lookup table by a key column in both files (FILE:COLUMN, or FILE:COLUMN=EXPORT_COLUMN): its other columns replace the key's, so that departments.csv:department_id gives department names and jobs.csv:job_id job titles; a manager column in a table joined by the department names each department's head. May be repeated.",
            valueName: "file:column"))
        var join: [String] = []
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the export describes (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known).", valueName: "day"))
        var asOf: String?
        @OptionGroup var progressOption: QuietOption

        func run() throws {
            var fieldMap: [String: HRField] = [:]
            for entry in map {
                let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let field = HRField(rawValue: parts[1]) else {
                    throw ValidationError("--map takes COLUMN=FIELD, FIELD one of \(HRField.allCases.map(\.rawValue).joined(separator: ", ")); got '\(entry)'")
                }
                if fieldMap[parts[0]] != nil { throw ValidationError("--map names the column '\(parts[0])' twice; give each column once") }
                if let other = fieldMap.first(where: { $0.value == field })?.key {
                    throw ValidationError("--map gives the field \(field.rawValue) to both '\(other)' and '\(parts[0])'; give each field one column")
                }
                fieldMap[parts[0]] = field
            }
            if let columns {
                let names = columns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                if let repeated = names.enumerated().first(where: { names[..<$0.offset].contains($0.element) })?.element {
                    throw ValidationError("--columns names the column '\(repeated)' twice; give each column once")
                }
            }
            var separator: UInt8?
            if let delimiter {
                switch delimiter {
                case ",": separator = UInt8(ascii: ",")
                case "tab", "\\t", "\t": separator = 9
                case "|": separator = UInt8(ascii: "|")
                case ";": separator = UInt8(ascii: ";")
                default: throw ValidationError("--delimiter is ',', 'tab', '|' or ';'")
                }
            }
            let progress = Progress(quiet: progressOption.quiet)
            defer { progress.finish() }
            let joins = try join.map { spec throws(DiagnosticError) in try CSVJoin(spec: spec) }
            // Read row by row, as every command reads a CSV org, unless the rows need a delimiter
            // or column names given.
            let result = separator == nil && columns == nil
                ? try HRImport.load(csv: file, map: fieldMap, joins: joins, unitTree: !noUnitTree) { rows in progress.update("reading \(file): \(rows) rows") }
                : try Self.readWhole(file, map: fieldMap, joins: joins, separator: separator, columns: columns, unitTree: !noUnitTree)
            progress.finish()
            try Import.finish(result, output: output, inputs: [file], asOf: asOf)
        }

        /// A CSV with a given delimiter or column names, read as a table.
        static func readWhole(_ file: String, map fieldMap: [String: HRField], joins: [CSVJoin], separator: UInt8?, columns: String?,
                              unitTree: Bool) throws(DiagnosticError) -> ImportResult {
            var table = try CSVReader(file: file, delimiter: separator, hasHeader: columns == nil).read()
            if let columns {
                let names = columns.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                guard names.count == table.header.count else {
                    throw DiagnosticError(.error("--columns names \(names.count) columns but the rows have \(table.header.count)", at: SourceLocation(file: file, line: 1, column: 1)))
                }
                table.header = names
            }
            return try HRImport(file: file, map: fieldMap, joins: joins, unitTree: unitTree).run(table)
        }
    }

    struct Organogram: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import a UK government organogram: the senior posts CSV and, optionally, the junior one.",
            discussion: """
                Posts are kept as posts: a 'Vacant' name is a vacant post, a reference on several \
                rows a job share, 'N/D' a person whose name is not disclosed; an empty name is read \
                as 'N/D' where the post has an FTE, else as vacant, with a warning. 'XX' marks the \
                top. Junior posts become counts (junior-posts, junior-fte) on their senior post.
                """)

        @Argument(help: "The senior posts CSV.")
        var senior: String
        @Argument(help: "The junior posts CSV.")
        var junior: String?
        @Option(name: .shortAndLong, help: "The org file to write (.yaml, or .json for JSON).")
        var output: String?
        @Flag(name: .customLong("no-unit-tree"), help: "Put every unit directly under the organisation, without a head, instead of deriving the unit tree from who reports to whom.")
        var noUnitTree = false
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the organogram describes (YYYY-MM-DD, or YYYY-MM or YYYY); without it, the day in the senior file's name.", valueName: "day"))
        var asOf: String?

        func run() throws {
            let result = try OrganogramImport(seniorFile: senior, juniorFile: junior, unitTree: !noUnitTree).run()
            try Import.finish(result, output: output, inputs: [senior] + (junior.map { [$0] } ?? []), asOf: asOf)
        }
    }

    /// What an import of a directory is asked: the unit tree, the day, the file to write.
    struct DirectoryOptions: ParsableArguments {
        @Flag(name: .customLong("no-unit-tree"), help: "Leave every unit at the top, without a head.")
        var noUnitTree = false
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the export describes (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known).", valueName: "day"))
        var asOf: String?
        @Option(name: .shortAndLong, help: "The org file to write (.yaml, or .json for JSON).")
        var output: String?
    }

    struct SCIM: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "scim",
            abstract: "Import SCIM 2.0 Users (a JSON list, or a ListResponse) as an identity provider exports them.",
            discussion: """
                A user's id is the person's; the name is displayName, else name.formatted, else given \
                and family name, else userName; title; the primary email; and from the Enterprise User \
                extension, department (the unit) and manager.value (the manager's id). Inactive users \
                are left out with a warning. The rows then go through the same rules as import csv, \
                unit tree included.
                """)

        @Argument(help: "The users, as JSON.")
        var file: String
        @OptionGroup var options: DirectoryOptions

        func run() throws {
            let result = try DirectoryImport.scim(file: file, unitTree: !options.noUnitTree)
            try Import.finish(result, output: options.output, inputs: [file], asOf: options.asOf)
        }
    }

    struct LDIF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ldif",
            abstract: "Import people from an LDAP directory's LDIF export.",
            discussion: """
                A person's id is uid, else employeeNumber, else the first value of the entry's DN made \
                one word; the \
                name displayName, else cn; title; department (else ou) as the unit; mail; and manager, \
                the manager's DN. Entries that are not people (organizational units, groups) are left \
                out. The rows then go through the same rules as import csv, unit tree included.
                """)

        @Argument(help: "The LDIF file.")
        var file: String
        @OptionGroup var options: DirectoryOptions

        func run() throws {
            let result = try DirectoryImport.ldif(file: file, unitTree: !options.noUnitTree)
            try Import.finish(result, output: options.output, inputs: [file], asOf: options.asOf)
        }
    }

    struct Units: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an org given as a table of units and a table of memberships (Kubernetes SIGs, Congress committees).",
            discussion: """
                The units table has a unit id, a parent id (empty at the top), a name and a kind \
                (unit_id,parent_id,name,kind); its other columns become attributes. The memberships \
                table has a unit id, a person id, a name and a role or title (unit_id,github,name,role). \
                A role that heads a unit (chair, chairs, chairman, chairwoman, lead, head, director, or \
                those given with --head-role) is the unit's head post, UNIT#head, shared by all who hold \
                it there; each other role is a post UNIT#ROLE its holders share; a membership without a \
                role is a post of its own, titled Member. Heads report to the head of the unit above, \
                everyone else to their unit's head. The day is --as-of, or the day in the units \
                table's path (2023-05-31/derived_units.csv).
                """)

        @Argument(help: "The units table (CSV).")
        var units: String
        @Argument(help: "The memberships table (CSV).")
        var members: String?
        @Option(name: .customLong("head-role"), parsing: .singleValue, help: ArgumentHelp("A role whose holders head their unit, instead of the usual ones; may be repeated.", valueName: "role"))
        var headRoles: [String] = []
        @Option(name: .customLong("as-of"), help: ArgumentHelp("The day the tables describe (YYYY-MM-DD, or YYYY-MM or YYYY when only that is known).", valueName: "day"))
        var asOf: String?
        @Option(name: .shortAndLong, help: "The org file to write (.yaml, or .json for JSON).")
        var output: String?

        func run() throws {
            let roles = headRoles.isEmpty ? UnitTableImport.defaultHeadRoles : Set(headRoles.map(UnitTableImport.role))
            let day = asOf == nil ? HRDates.day(inPath: units) : nil
            let result = try UnitTableImport(unitsFile: units, membersFile: members, headRoles: roles, asOf: day).run()
            try Import.finish(result, output: output, inputs: [units] + (members.map { [$0] } ?? []), asOf: asOf)
        }
    }
}
