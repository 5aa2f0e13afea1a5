import Foundation

/// Imports people from a directory: SCIM 2.0 Users (RFC 7643, as identity providers export them)
/// or LDIF (RFC 2849, as LDAP directories export them). Each reader turns its entries into the
/// rows of an HR export (id, name, manager, title, department, email) and ``HRImport`` does the
/// rest, so that a directory gets the same checks, unit tree and messages as a CSV; each row's
/// line is the line its entry starts on.
public enum DirectoryImport {
    static let header = ["id", "name", "manager", "title", "department", "email"]

    /// SCIM 2.0 Users: a JSON list of User resources, or a `ListResponse` with them in
    /// `Resources`. A user's `id` is the person's id; the name is `displayName`, else
    /// `name.formatted`, else given and family name, else `userName`; `title`; the first of
    /// `emails` marked primary (else the first); and from the Enterprise User extension,
    /// `department` and `manager.value` (the manager's id). A user with `active: false` is left
    /// out, with a warning.
    public static func scim(file: String, unitTree: Bool = true) throws(DiagnosticError) -> ImportResult {
        let data = try read(file)
        let parsed = data.withUnsafeBytes { raw in
            Result { () throws(DiagnosticError) in try scimRows(raw.bindMemory(to: UInt8.self), file: file) }
        }
        let (rows, lines, warnings) = try parsed.get()
        return try rowsImport(file: file, rows: rows, lines: lines, warnings: warnings, unitTree: unitTree)
    }

    /// The rows of SCIM users, their lines and the reader's warnings.
    private static func scimRows(_ bytes: UnsafeBufferPointer<UInt8>, file: String) throws(DiagnosticError) -> ([[String]], [Int], DiagnosticCollector) {
        var rows: [[String]] = [], lines: [Int] = []
        var warnings = DiagnosticCollector()
        var scanner = JSONScanner(bytes: bytes, file: file)
        func users() throws(DiagnosticError) {
            try scanner.beginArray("the users")
            var first = true
            while try scanner.nextElement(first: &first) {
                let at = scanner.here
                if let row = try user(at: at) {
                    rows.append(row)
                    lines.append(at.line)
                }
            }
        }
        func user(at: SourceLocation) throws(DiagnosticError) -> [String]? {
            try scanner.beginObject("a user")
            var fields: [String: String] = [:]
            var active = true
            var first = true
            while let key = try scanner.nextKey(first: &first)?.name {
                switch key {
                case "id", "userName", "displayName", "title":
                    if scanner.peek() == UInt8(ascii: "\"") { fields[key] = try scanner.string() } else { try scanner.skipValue() }
                case "active":
                    if case .bool(let value) = try scanner.literal() { active = value }
                case "name":
                    try object { key throws(DiagnosticError) in
                        if ["formatted", "givenName", "familyName"].contains(key), scanner.peek() == UInt8(ascii: "\"") {
                            fields["name." + key] = try scanner.string()
                        } else {
                            try scanner.skipValue()
                        }
                    }
                case "emails":
                    try scanner.beginArray("emails")
                    var firstEmail = true
                    while try scanner.nextElement(first: &firstEmail) {
                        var value: String?, primary = false
                        try object { key throws(DiagnosticError) in
                            if key == "value", scanner.peek() == UInt8(ascii: "\"") { value = try scanner.string() } else if key == "primary", case .bool(let flag) = try scanner.literal() {
                                primary = flag
                            } else if key != "primary" {
                                try scanner.skipValue()
                            }
                        }
                        if let value, fields["email"] == nil || (primary && fields["email.primary"] == nil) {
                            fields["email"] = value
                            if primary { fields["email.primary"] = "yes" }
                        }
                    }
                case "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":
                    try object { key throws(DiagnosticError) in
                        if key == "department", scanner.peek() == UInt8(ascii: "\"") {
                            fields["department"] = try scanner.string()
                        } else if key == "manager", scanner.peek() == UInt8(ascii: "{") {
                            try object { key throws(DiagnosticError) in
                                if key == "value", scanner.peek() == UInt8(ascii: "\"") { fields["manager"] = try scanner.string() } else { try scanner.skipValue() }
                            }
                        } else {
                            try scanner.skipValue()
                        }
                    }
                default:
                    try scanner.skipValue()
                }
            }
            guard let id = fields["id"] ?? fields["userName"] else {
                warnings.warning("a user without an id or userName; left out", at: at)
                return nil
            }
            guard active else {
                warnings.warning("user '\(id)' is not active; left out", at: at)
                return nil
            }
            let given = [fields["name.givenName"], fields["name.familyName"]].compactMap { $0 }.joined(separator: " ")
            let name = fields["displayName"] ?? fields["name.formatted"] ?? (given.isEmpty ? fields["userName"] ?? id : given)
            return [id, name, fields["manager"] ?? "", fields["title"] ?? "", fields["department"] ?? "", fields["email"] ?? ""]
        }
        func object(_ member: (String) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
            try scanner.beginObject("a member")
            var first = true
            while let key = try scanner.nextKey(first: &first)?.name { try member(key) }
        }
        if scanner.peek() == UInt8(ascii: "[") {
            try users()
        } else {
            try scanner.beginObject("a list of users or a ListResponse")
            var first = true, found = false
            while let key = try scanner.nextKey(first: &first)?.name {
                if key == "Resources" {
                    try users()
                    found = true
                } else {
                    try scanner.skipValue()
                }
            }
            if !found { throw DiagnosticError(.error("a SCIM ListResponse has its users in 'Resources'; this object has none", at: SourceLocation(file: file, line: 1, column: 1))) }
        }
        try scanner.end()
        return (rows, lines, warnings)
    }

    /// LDIF: entries separated by blank lines, `attribute: value` lines (`::` for base64, a line
    /// starting with a space continuing the one before, `#` comments). A person's id is `uid`,
    /// else `employeeNumber`, else the first value of the entry's DN made one word
    /// (`cn=Dee Okafor` is `dee-okafor`); the name `displayName`, else
    /// `cn`; `title`, `department` (else `ou`), `mail`; `manager` is the manager's DN. Entries
    /// without a person's attributes (an `organizationalUnit`) are left out.
    public static func ldif(file: String, unitTree: Bool = true) throws(DiagnosticError) -> ImportResult {
        let data = try read(file)
        let text = try TextDecoding.decode(data, file: file)
        var entries: [(line: Int, attributes: [(String, String, Int)])] = []
        var current: [(String, String, Int)] = []
        var start = 0
        var pending: (name: String, value: String, base64: Bool, line: Int)?
        func finishAttribute() throws(DiagnosticError) {
            guard let (name, value, base64, line) = pending else { return }
            pending = nil
            var decoded = value
            if base64 {
                guard let data = Data(base64Encoded: value.trimmingCharacters(in: .whitespaces)), let string = String(data: data, encoding: .utf8) else {
                    throw DiagnosticError(.error("the value of '\(name)' is not base64 of UTF-8 text", at: SourceLocation(file: file, line: line, column: name.count + 3)))
                }
                decoded = string
            }
            current.append((name.lowercased(), decoded.trimmingCharacters(in: .whitespaces), line))
        }
        func finishEntry() throws(DiagnosticError) {
            try finishAttribute()
            if !current.isEmpty { entries.append((start, current)) }
            current = []
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let number = index + 1
            if line.isEmpty {
                try finishEntry()
                continue
            }
            if line.hasPrefix("#") { continue }
            if line.hasPrefix(" ") {
                guard pending != nil else {
                    throw DiagnosticError(.error("a line that starts with a space continues the one before, but there is none", at: SourceLocation(file: file, line: number, column: 1)))
                }
                pending!.value += line.dropFirst()
                continue
            }
            try finishAttribute()
            guard let colon = line.firstIndex(of: ":") else {
                throw DiagnosticError(.error("expected 'attribute: value', found no ':'", at: SourceLocation(file: file, line: number, column: 1)))
            }
            if current.isEmpty, pending == nil { start = number }
            var value = line[line.index(after: colon)...]
            let base64 = value.hasPrefix(":")
            if base64 || value.hasPrefix("<") { value = value.dropFirst() }
            pending = (String(line[..<colon]), String(value), base64, number)
        }
        try finishEntry()
        func first(_ attributes: [(String, String, Int)], _ names: String...) -> String? {
            for name in names { if let found = attributes.first(where: { $0.0 == name.lowercased() }) { return found.1 } }
            return nil
        }
        // A DN's first value, as an id when there is no uid.
        func rdnValue(_ dn: String) -> String {
            let first = dn.split(separator: ",").first.map(String.init) ?? dn
            return first.split(separator: "=", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? first
        }
        func normalized(_ dn: String) -> String { dn.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.joined(separator: ",") }
        let people = entries.filter { entry in
            first(entry.attributes, "uid", "cn", "displayName", "employeeNumber") != nil
                && !entry.attributes.contains { $0.0 == "objectclass" && ["organizationalunit", "organization", "dcobject", "domain", "groupofnames"].contains($0.1.lowercased()) }
        }
        var idOfDN: [String: String] = [:]
        var ids: [String] = []
        for entry in people {
            let dn = first(entry.attributes, "dn") ?? ""
            let id = first(entry.attributes, "uid", "employeeNumber") ?? HRImport.slug(rdnValue(dn))
            ids.append(id)
            if !dn.isEmpty { idOfDN[normalized(dn)] = id }
        }
        var rows: [[String]] = [], lines: [Int] = []
        var warnings = DiagnosticCollector()
        for (entry, id) in zip(people, ids) {
            var manager = ""
            if let dn = first(entry.attributes, "manager"), !dn.isEmpty {
                if let found = idOfDN[normalized(dn)] {
                    manager = found
                } else {
                    let line = entry.attributes.first { $0.0 == "manager" }?.2 ?? entry.line
                    warnings.warning("manager '\(dn)' of '\(id)' is not an entry of this file; '\(id)' is left without a manager", at: SourceLocation(file: file, line: line, column: 1))
                }
            }
            let name = first(entry.attributes, "displayName", "cn") ?? id
            rows.append([id, name, manager, first(entry.attributes, "title") ?? "", first(entry.attributes, "department", "ou") ?? "", first(entry.attributes, "mail") ?? ""])
            lines.append(entry.line)
        }
        return try rowsImport(file: file, rows: rows, lines: lines, warnings: warnings, unitTree: unitTree)
    }

    static func read(_ file: String) throws(DiagnosticError) -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw DiagnosticError(.error("cannot read the file: \(error.localizedDescription)", at: SourceLocation(file: file, line: 1, column: 1)))
        }
    }

    /// The rows as an HR export's, through ``HRImport``, with the reader's own warnings first.
    static func rowsImport(file: String, rows: [[String]], lines: [Int], warnings: DiagnosticCollector, unitTree: Bool) throws(DiagnosticError) -> ImportResult {
        guard !rows.isEmpty else {
            throw DiagnosticError(.error("no people found in the file", at: SourceLocation(file: file, line: 1, column: 1)))
        }
        var result = try HRImport(file: file, unitTree: unitTree).run(CSVTable(header: header, rows: rows, lines: lines))
        var all = warnings
        all.append(contentsOf: result.warnings)
        result.warnings = all.sorted
        result.core.warnings = result.warnings
        return result
    }
}
