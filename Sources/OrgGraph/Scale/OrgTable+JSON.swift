import Foundation

extension OrgTable {
    /// Largest JSON org file read into a table (about ten million people).
    public static let maxJSONBytes = 4 << 30

    /// Reads JSON org bytes already in memory, as ``load(json:progress:)`` reads a file.
    public static func parse(_ data: Data, file: String) throws(DiagnosticError) -> OrgTable {
        let result = data.withUnsafeBytes { raw in
            Result { () throws(DiagnosticError) -> OrgTable in
                var reader = OrgTableReader(bytes: raw.bindMemory(to: UInt8.self), file: file, progress: nil)
                return try reader.read()
            }
        }
        return try result.get()
    }

    /// Whether a file is too big for the general reader (``OrgFile``), so that only the table
    /// reads it.
    /// - Parameter limit: the general reader's limit in bytes (256 MiB when nil).
    public static func isBeyondGeneralReader(_ path: String, limit: Int? = nil) -> Bool {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0) > (limit ?? FileInput.maxBytes)
    }

    /// Reads a JSON org file (the schema of YAML org files, as `export --to json` writes it)
    /// into columns, checking JSON syntax strictly and the org as ``OrgFile/parse(_:file:)``
    /// does. Shorthands (a unit's `head:`, a person's `title`/`unit`/`reportsTo`) are not
    /// read here: they are reported as errors that say so, for the caller to use the general
    /// reader on files it can hold.
    ///
    /// - Parameter progress: called about every 65,536 elements with the number read so far.
    /// - Throws: ``DiagnosticError`` with every error (and warning) found, each at its line and column.
    /// - Complexity: O(*n*) time; memory about 150 bytes a person and post plus distinct names.
    public static func load(json path: String, progress: ((Int) -> Void)? = nil) throws(DiagnosticError) -> OrgTable {
        let file = try MappedFile(path, limit: maxJSONBytes)
        return try withExtendedLifetime(file) { () throws(DiagnosticError) in
            var reader = OrgTableReader(bytes: file.bytes, file: path) { elements, offset in
                file.release(before: offset)
                progress?(elements)
            }
            return try reader.read()
        }
    }
}

/// A reference to resolve once everything is read: the id written and where.
private struct Reference {
    var id: String
    var offset: Int
}

/// Reads one JSON org file into an ``OrgTable``.
private struct OrgTableReader {
    var scanner: JSONScanner
    /// Called every 65,536 elements with their number and the offset reached.
    let progress: ((Int, Int) -> Void)?
    var table = OrgTable()
    /// Problems found, each at a byte offset (turned into lines and columns at the end); a
    /// message may name a second place as `{related}`.
    var problems: [(offset: Int, message: String, isWarning: Bool, related: Int?)] = []
    var language = "en"
    var usedDefaultLanguage = false
    var elementsRead = 0
    var textIndex: [LocalizedText: Int32] = [:]
    /// Texts by a hash of the bytes they were written with, and those bytes.
    var spanIndex: [UInt64: Int32] = [:]
    var textSpans: [Range<Int>?] = []
    var spanBytes: [UInt8] = []

    var sources: Set<String> = []
    var sourceReferences: [Reference] = []
    var unitParentRef: [Reference?] = []
    /// Where each unit's `parent` and each post's `reportsTo` were written (-1: not written),
    /// to place cycle errors as the general reader places them.
    var unitParentAt: [Int] = []
    var postReportsAt: [Int] = []
    var postAt: [Int] = []
    var postUnitRef: [Reference?] = []
    var postReportsRef: [Reference?] = []
    /// Holders of post *i* are `holderRefs[holderStart[i]..<holderStart[i + 1]]`.
    var holderRefs: [Reference] = []
    var holderStart: [Int32] = [0]
    var dottedRefs: [(post: Int32, ref: Reference)] = []
    var personAt: [Int] = []
    /// Where the id of each unit, post and person was written.
    var idAt: [[Int]] = [[], [], []]
    var primaryRef: [Reference?] = []

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, progress: ((Int, Int) -> Void)?) {
        scanner = JSONScanner(bytes: bytes, file: file)
        self.progress = progress
    }

    static let topKeys = ["asOf", "title", "lang", "sources", "units", "posts", "people"]
    static let provenanceKeys = ["source", "confidence", "note"]
    static let unitKeys = ["id", "name", "kind", "parent", "attributes"] + provenanceKeys
    static let postKeys = ["id", "title", "unit", "head", "reportsTo", "dotted", "holders", "attributes"] + provenanceKeys
    static let personKeys = ["id", "name", "aliases", "status", "primary", "attributes"] + provenanceKeys

    mutating func read() throws(DiagnosticError) -> OrgTable {
        let bytes = scanner.bytes
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw scanner.error("the file is UTF-16; save it as UTF-8 to read it as a big org")
        }
        if scanner.peek() == nil {
            throw scanner.error("file is empty; an org file needs at least one key")
        }
        // About one post or person per 170 bytes of normalised JSON: reserving saves rehashing.
        table.ids.reserveCapacity(min(bytes.count / 170, 1 << 26))
        try scanner.beginObject("the org file")
        var first = true
        var seen: Set<String> = []
        while let (key, keyAt) = try scanner.nextKey(first: &first) {
            if !seen.insert(key).inserted {
                problem("'\(key)' is given twice in the org file", at: keyAt.offset)
            }
            if try skipNull() { continue }
            switch key {
            case "asOf":
                let at = scanner.offset
                if let text = try scalar("'asOf'") {
                    if let day = Day(text) { table.asOf = day } else { problem("'asOf' must be a real day written YYYY-MM-DD, found '\(text)'", at: at) }
                }
            case "title": table.title = try scalar("'title'")
            case "lang":
                if let lang = try scalar("'lang'") {
                    if usedDefaultLanguage, lang != language { problem("'lang' must come before the units, posts and people it applies to", at: keyAt.offset) }
                    language = lang
                }
            case "sources": try readSources()
            case "units": try list("'units'") { (reader: inout OrgTableReader) throws(DiagnosticError) in try reader.readUnit() }
            case "posts": try list("'posts'") { (reader: inout OrgTableReader) throws(DiagnosticError) in try reader.readPost() }
            case "people": try list("'people'") { (reader: inout OrgTableReader) throws(DiagnosticError) in try reader.readPerson() }
            default:
                unknownKey(key, in: "the org file", allowed: Self.topKeys, at: keyAt.offset)
                try scanner.skipValue()
            }
        }
        try scanner.end()
        if problems.isEmpty { resolve() }
        if problems.isEmpty { check() }
        let diagnostics = diagnosticsAtLocations()
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticError(diagnostics) }
        table.warnings = diagnostics
        return table
    }

    // MARK: Values

    mutating func problem(_ message: String, at offset: Int, warning: Bool = false, related: Int? = nil) {
        problems.append((offset, message, warning, related))
    }

    mutating func unknownKey(_ key: String, in what: String, allowed: [String], at offset: Int) {
        var message = "unknown key '\(key)' in \(what)"
        if let suggestion = Suggestions.closest(to: key, among: allowed) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; expected one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
        }
        problems.append((offset, message, false, nil))
    }

    /// Takes a `null` (which, as in YAML org files, leaves a key out).
    mutating func skipNull() throws(DiagnosticError) -> Bool {
        guard scanner.peek() == UInt8(ascii: "n") else { return false }
        _ = try scanner.literal()
        return true
    }

    /// A single value's text: a string, or a number or true/false as written.
    mutating func scalar(_ what: @autoclosure () -> String) throws(DiagnosticError) -> String? {
        switch scanner.peek() {
        case UInt8(ascii: "\"")?: return try scanner.string()
        case UInt8(ascii: "{")?, UInt8(ascii: "[")?:
            problem("expected \(what()) to be a single value, found \(scanner.describeNext())", at: scanner.offset)
            try scanner.skipValue()
            return nil
        default:
            switch try scanner.literal() {
            case .bool(let value): return value ? "true" : "false"
            case .number(let text): return text
            case .null: return "null"
            }
        }
    }

    /// A non-empty id without spaces or control characters, and where it was written.
    mutating func identifier(_ what: @autoclosure () -> String) throws(DiagnosticError) -> Reference? {
        let at = scanner.offset
        guard let text = try scalar(what()) else { return nil }
        if text.isEmpty {
            problem("\(what()) is empty; give an id such as 'liu-xiao'", at: at)
            return nil
        }
        // Most ids are printable ASCII; only others need Unicode's tables.
        if !text.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }),
            text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control })
        {
            problem("\(what()) '\(text)' contains a space or control character; ids are single words such as 'liu-xiao'", at: at)
            return nil
        }
        return Reference(id: text, offset: at)
    }

    /// One value or a list of values, each read by `item`.
    mutating func oneOrMany(_ item: (inout OrgTableReader) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        guard scanner.peek() == UInt8(ascii: "[") else { return try item(&self) }
        try scanner.beginArray("a list")
        var first = true
        while try scanner.nextElement(first: &first) { try item(&self) }
    }

    /// A list whose elements `item` reads.
    mutating func list(_ what: String, _ item: (inout OrgTableReader) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        guard scanner.peek() == UInt8(ascii: "[") else {
            problem("expected \(what) to be a list, found \(scanner.describeNext())", at: scanner.offset)
            return try scanner.skipValue()
        }
        try scanner.beginArray(what)
        var first = true
        while try scanner.nextElement(first: &first) {
            try item(&self)
            elementsRead += 1
            if elementsRead & 0xFFFF == 0 { progress?(elementsRead, scanner.offset) }
        }
    }

    /// The keys of an object, each with where it was written, `null` values left out; false
    /// (and a problem) when the value is not an object.
    mutating func members(_ what: @autoclosure () -> String, _ body: (inout OrgTableReader, String, Int) throws(DiagnosticError) -> Void) throws(DiagnosticError) -> Bool {
        guard scanner.peek() == UInt8(ascii: "{") else {
            problem("expected \(what()) to be a mapping of keys to values, found \(scanner.describeNext())", at: scanner.offset)
            try scanner.skipValue()
            return false
        }
        try scanner.beginObject(what())
        var first = true
        var seen: [String] = []
        while let (key, keyAt) = try scanner.nextKey(first: &first) {
            if seen.contains(key) {
                problem("'\(key)' is given twice in \(what())", at: keyAt.offset)
                try scanner.skipValue()
                continue
            }
            seen.append(key)
            if try skipNull() { continue }
            try body(&self, key, keyAt.offset)
        }
        return true
    }

    /// Text in one language (the file's `lang`), or `{"zh": ..., "en": ...}`; stored once.
    /// Names and titles repeat, so a value written exactly as one before is found by its bytes
    /// and not read again.
    mutating func localized(_ what: @autoclosure () -> String) throws(DiagnosticError) -> Int32 {
        let start = scanner.mark
        try scanner.skipValue()
        let span = start.offset..<scanner.offset
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in UnsafeBufferPointer(rebasing: scanner.bytes[span]) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        if let known = spanIndex[hash], let earlier = textSpans[Int(known)], earlier.count == span.count,
            spanBytes[earlier].elementsEqual(scanner.bytes[span])
        {
            return known
        }
        let end = scanner.mark
        scanner.restore(start)
        let problemsBefore = problems.count
        var text = LocalizedText()
        switch scanner.peek() {
        case UInt8(ascii: "{")?:
            _ = try members(what()) { (reader: inout OrgTableReader, language: String, at: Int) throws(DiagnosticError) in
                guard language == "en" || language == "zh" || YAMLReader.isLanguageCode(language) else {
                    reader.problem("'\(language)' in \(what()) is not a language code such as 'zh' or 'en'", at: at)
                    return try reader.scanner.skipValue()
                }
                if let value = try reader.scalar("\(what()) in '\(language)'") { text.values[language] = value }
            }
        case UInt8(ascii: "[")?:
            problem("expected \(what()) to be text or a mapping of languages to text (zh: ..., en: ...)", at: scanner.offset)
            try scanner.skipValue()
        default:
            usedDefaultLanguage = true
            if let value = try scalar(what()) { text.values[language] = value }
        }
        scanner.restore(end)
        let index: Int32
        if let known = textIndex[text] {
            index = known
        } else {
            index = Int32(table.texts.count)
            table.texts.append(text)
            textSpans.append(nil)
            textIndex[text] = index
        }
        // Found by its bytes next time, unless it had a problem to report each time.
        if problems.count == problemsBefore, spanIndex[hash] == nil {
            spanIndex[hash] = index
            if textSpans[Int(index)] == nil {
                textSpans[Int(index)] = spanBytes.count..<spanBytes.count + span.count
                spanBytes += scanner.bytes[span]
            }
        }
        return index
    }

    /// `source`, `confidence` and `note` of an element or line; notes a fact marked inferred
    /// without a note.
    struct Provenance {
        var inferred = false
        var note = false
    }

    mutating func provenance(_ key: String, _ provenance: inout Provenance) throws(DiagnosticError) {
        let at = scanner.offset
        guard let text = try scalar("'\(key)'") else { return }
        switch key {
        case "source": sourceReferences.append(Reference(id: SourceReference(parsing: text).source.rawValue, offset: at))
        case "confidence":
            guard let confidence = Confidence(rawValue: text) else { return problem("unknown confidence '\(text)'; use 'stated' or 'inferred'", at: at) }
            provenance.inferred = confidence == .inferred
        default: provenance.note = !text.isEmpty
        }
    }

    mutating func checkNote(_ provenance: Provenance, _ what: String, at offset: Int) {
        if provenance.inferred, !provenance.note { problem("\(what) is marked inferred but has no 'note' saying why", at: offset, warning: true) }
    }

    /// `attributes`: names to single values, checked and not kept.
    mutating func attributes() throws(DiagnosticError) {
        _ = try members("'attributes'") { (reader: inout OrgTableReader, key: String, _: Int) throws(DiagnosticError) in
            _ = try reader.scalar("attribute '\(key)'")
        }
    }

    /// `reportsTo` or `dotted`: an id, `{"to": id, ...}`, or a list of those.
    mutating func lines(_ what: String, of post: Int32, into found: inout [Reference]) throws(DiagnosticError) {
        try oneOrMany { (reader: inout OrgTableReader) throws(DiagnosticError) in
            guard reader.scanner.peek() == UInt8(ascii: "{") else {
                if let target = try reader.identifier(what) { found.append(target) }
                return
            }
            let at = reader.scanner.offset
            var target: Reference?
            var provenance = Provenance()
            _ = try reader.members("a line in \(what)") { (reader: inout OrgTableReader, key: String, keyAt: Int) throws(DiagnosticError) in
                switch key {
                case "to": target = try reader.identifier("'to'")
                case "source", "confidence", "note": try reader.provenance(key, &provenance)
                default:
                    reader.unknownKey(key, in: "a line in \(what)", allowed: ["to"] + Self.provenanceKeys, at: keyAt)
                    try reader.scanner.skipValue()
                }
            }
            guard let target else { return reader.problem("a line in \(what) needs 'to:' naming a post or person", at: at) }
            reader.checkNote(provenance, "the \(what == "'dotted'" ? "dotted" : "solid") line of '\(reader.table.postIDs[Int(post)])'", at: target.offset)
            found.append(target)
        }
    }

    mutating func requireID(_ id: Reference?, _ what: String, at offset: Int) -> Reference? {
        if id == nil { problem("\(what) has no 'id'; give it a stable id such as 'life-services'", at: offset) }
        return id
    }

    // MARK: Elements

    mutating func readSources() throws(DiagnosticError) {
        _ = try members("'sources'") { (reader: inout OrgTableReader, key: String, at: Int) throws(DiagnosticError) in
            reader.sources.insert(key)
            guard reader.scanner.peek() == UInt8(ascii: "{") else {
                _ = try reader.scalar("source '\(key)'")
                return
            }
            _ = try reader.members("source '\(key)'") { (reader: inout OrgTableReader, field: String, fieldAt: Int) throws(DiagnosticError) in
                let allowed = ["title", "publisher", "published", "url", "file"]
                guard allowed.contains(field) else {
                    reader.unknownKey(field, in: "source '\(key)'", allowed: allowed, at: fieldAt)
                    return try reader.scanner.skipValue()
                }
                _ = try reader.scalar("'\(field)'")
            }
        }
    }

    mutating func readUnit() throws(DiagnosticError) {
        let at = scanner.offset
        var idRef: Reference?, name: Int32?, parent: Reference?
        var provenance = Provenance()
        let isObject = try members("a unit") { (reader: inout OrgTableReader, key: String, keyAt: Int) throws(DiagnosticError) in
            switch key {
            case "id": idRef = try reader.identifier("the id of a unit")
            case "name": name = try reader.localized("the name of a unit")
            case "kind": _ = try reader.scalar("'kind'")
            case "parent": parent = try reader.identifier("'parent'")
            case "source", "confidence", "note": try reader.provenance(key, &provenance)
            case "attributes": try reader.attributes()
            case "head":
                reader.problem("a unit's 'head:' shorthand is not read in big JSON orgs; write the head as a post with \"head\": true (as 'orggraph export --to json' does)", at: keyAt)
                try reader.scanner.skipValue()
            default:
                reader.unknownKey(key, in: "a unit", allowed: Self.unitKeys, at: keyAt)
                try reader.scanner.skipValue()
            }
        }
        guard isObject, let written = requireID(idRef, "a unit", at: at) else { return }
        let id = written.id
        if name == nil { problem("unit '\(id)' has no 'name'", at: at) }
        guard register(written, .unit, row: table.unitIDs.count) else { return }
        table.unitIDs.append(id)
        table.unitName.append(name ?? 0)
        unitParentRef.append(parent)
        checkNote(provenance, "unit '\(id)'", at: at)
    }

    mutating func readPost() throws(DiagnosticError) {
        let at = scanner.offset
        let row = Int32(table.postIDs.count)
        var idRef: Reference?, title: Int32?, unit: Reference?, isHead = false
        var reports: [Reference] = [], dotted: [Reference] = [], holders: [Reference] = []
        var provenance = Provenance()
        // The id comes first in files this reader writes; lines name the post in messages.
        table.postIDs.append("")
        let isObject = try members("a post") { (reader: inout OrgTableReader, key: String, keyAt: Int) throws(DiagnosticError) in
            switch key {
            case "id":
                idRef = try reader.identifier("the id of a post")
                reader.table.postIDs[Int(row)] = idRef?.id ?? ""
            case "title": title = try reader.localized("the title of a post")
            case "unit": unit = try reader.identifier("'unit'")
            case "head":
                let valueAt = reader.scanner.offset
                if let text = try reader.scalar("'head'") {
                    switch text {
                    case "true", "yes", "True", "Yes", "TRUE": isHead = true
                    case "false", "no", "False", "No", "FALSE": isHead = false
                    default: reader.problem("expected 'head' to be true or false, found '\(text)'", at: valueAt)
                    }
                }
            case "reportsTo": try reader.lines("'reportsTo'", of: row, into: &reports)
            case "dotted": try reader.lines("'dotted'", of: row, into: &dotted)
            case "holders":
                try reader.oneOrMany { (reader: inout OrgTableReader) throws(DiagnosticError) in
                    if let holder = try reader.identifier("a holder") { holders.append(holder) }
                }
            case "source", "confidence", "note": try reader.provenance(key, &provenance)
            case "attributes": try reader.attributes()
            default:
                reader.unknownKey(key, in: "a post", allowed: Self.postKeys, at: keyAt)
                try reader.scanner.skipValue()
            }
        }
        table.postIDs.removeLast()
        guard isObject, let written = requireID(idRef, "a post", at: at) else { return }
        let id = written.id
        guard register(written, .post, row: Int(row)) else { return }
        if reports.count > 1 {
            problem("post '\(id)' has \(reports.count) solid lines (\(reports.map { "'\($0.id)'" }.joined(separator: ", "))); a post reports to one post, so make the others 'dotted'",
                    at: reports[1].offset)
        }
        if unit == nil { problem("post '\(id)' is in no unit: add 'unit:' naming one of the units", at: at) }
        table.postIDs.append(id)
        table.postTitle.append(title ?? internEmpty())
        table.postIsHead.append(isHead)
        postAt.append(at)
        postUnitRef.append(unit)
        postReportsRef.append(reports.first)
        holderRefs += holders
        holderStart.append(Int32(holderRefs.count))
        for line in dotted { dottedRefs.append((row, line)) }
        checkNote(provenance, "post '\(id)'", at: at)
    }

    mutating func readPerson() throws(DiagnosticError) {
        let at = scanner.offset
        var idRef: Reference?, name: Int32?, primary: Reference?, aliases: [String] = []
        var status = PersonStatus.active
        var provenance = Provenance()
        let isObject = try members("a person") { (reader: inout OrgTableReader, key: String, keyAt: Int) throws(DiagnosticError) in
            switch key {
            case "id": idRef = try reader.identifier("the id of a person")
            case "name": name = try reader.localized("the name of a person")
            case "aliases":
                try reader.oneOrMany { (reader: inout OrgTableReader) throws(DiagnosticError) in
                    if let alias = try reader.scalar("an alias") { aliases.append(alias) }
                }
            case "status":
                let valueAt = reader.scanner.offset
                if let text = try reader.scalar("'status'") {
                    if let known = PersonStatus(rawValue: text) {
                        status = known
                    } else {
                        reader.problem("unknown status '\(text)'; use one of \(PersonStatus.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))", at: valueAt)
                    }
                }
            case "primary": primary = try reader.identifier("'primary'")
            case "source", "confidence", "note": try reader.provenance(key, &provenance)
            case "attributes": try reader.attributes()
            case "title", "unit", "reportsTo", "dotted":
                reader.problem("a person's '\(key)' shorthand is not read in big JSON orgs; write the post under 'posts' (as 'orggraph export --to json' does)", at: keyAt)
                try reader.scanner.skipValue()
            default:
                reader.unknownKey(key, in: "a person", allowed: Self.personKeys, at: keyAt)
                try reader.scanner.skipValue()
            }
        }
        guard isObject, let written = requireID(idRef, "a person", at: at) else { return }
        let id = written.id
        if name == nil { problem("person '\(id)' has no 'name'", at: at) }
        guard register(written, .person, row: table.personIDs.count) else { return }
        let row = Int32(table.personIDs.count)
        table.personIDs.append(id)
        table.personName.append(name ?? 0)
        if !aliases.isEmpty { table.personAliases[row] = aliases }
        table.personStatus.append(status)
        personAt.append(at)
        primaryRef.append(primary)
        checkNote(provenance, "'\(id)'", at: at)
    }

    mutating func internEmpty() -> Int32 {
        let empty = LocalizedText()
        if let known = textIndex[empty] { return known }
        table.texts.append(empty)
        textSpans.append(nil)
        textIndex[empty] = Int32(table.texts.count - 1)
        return Int32(table.texts.count - 1)
    }

    /// Records an id; a duplicate is reported and left out.
    mutating func register(_ id: Reference, _ kind: OrgTable.Kind, row: Int) -> Bool {
        if let (first, firstRow) = table.element(id.id) {
            problem("duplicate id '\(id.id)': a \(first) at {related} has it; ids must be unique across units, posts and people",
                    at: id.offset, related: idAt[first.rawValue][firstRow])
            return false
        }
        table.ids[id.id] = row << 2 | kind.rawValue
        idAt[kind.rawValue].append(id.offset)
        return true
    }

    // MARK: Resolving and checking

    /// The row of a reference of the expected kind, or -1 and a problem.
    mutating func row(_ ref: Reference, _ kind: OrgTable.Kind, _ subject: @autoclosure () -> String, _ relation: String) -> Int32 {
        if let (found, row) = table.element(ref.id) {
            if found == kind { return Int32(row) }
            problem("\(subject()) \(relation) '\(ref.id)', which is a \(found), not a \(kind)", at: ref.offset)
            return -1
        }
        problem("\(subject()) \(relation) unknown \(kind) '\(ref.id)'", at: ref.offset)
        return -1
    }

    /// The post a line points at: a post, or a person's primary post.
    mutating func lineTarget(_ ref: Reference, of post: Int) -> Int32 {
        let subject = "post '\(table.postIDs[post])'"
        switch table.element(ref.id) {
        case (.post, let row)?: return Int32(row)
        case (.person, let row)?:
            if table.primary[row] >= 0 { return table.primary[row] }
            problem("\(subject) reports to '\(ref.id)', who holds no post; give them a post first", at: ref.offset)
        case (.unit, _)?:
            problem("\(subject) reports to unit '\(ref.id)'; name a person or a post", at: ref.offset)
        case nil:
            problem("\(subject) reports to unknown person or post '\(ref.id)'", at: ref.offset)
        }
        return -1
    }

    mutating func resolve() {
        let posts = table.postIDs.count, people = table.personIDs.count
        table.unitParent = unitParentRef.map { ref in ref.map { row($0, .unit, "unit '\($0.id)'", "has parent") } ?? -1 }
        unitParentAt = unitParentRef.map { $0?.offset ?? -1 }
        unitParentRef = []
        let postIDs = table.postIDs
        table.postUnit = (0..<posts).map { post in postUnitRef[post].map { row($0, .unit, "post '\(postIDs[post])'", "is in") } ?? -1 }
        postUnitRef = []

        // Holders, then primary posts (declared, else the first held in file order).
        table.firstHolder = [Int32](repeating: -1, count: posts)
        table.primary = [Int32](repeating: -1, count: people)
        table.primaryDeclared = [Bool](repeating: false, count: people)
        var held: [Int32: [Int32]] = [:]  // people holding several posts: all of them
        for post in 0..<posts {
            var holders: [Int32] = []
            for ref in holderRefs[Int(holderStart[post])..<Int(holderStart[post + 1])] {
                let person = row(ref, .person, "post '\(postIDs[post])'", "is held by")
                guard person >= 0 else { continue }
                if holders.contains(person) {
                    problem("'\(ref.id)' is listed twice as a holder of post '\(table.postIDs[post])'", at: ref.offset)
                    continue
                }
                holders.append(person)
                if table.primary[Int(person)] < 0 {
                    table.primary[Int(person)] = Int32(post)
                } else {
                    held[person, default: [table.primary[Int(person)]]].append(Int32(post))
                }
            }
            if let first = holders.first { table.firstHolder[post] = first }
            if holders.count > 1 { table.moreHolders[Int32(post)] = Array(holders.dropFirst()) }
        }
        holderRefs = []
        holderStart = []
        for person in 0..<people {
            guard let ref = primaryRef[person] else { continue }
            // Usually the one post they hold, found without a lookup.
            if table.primary[person] >= 0, held[Int32(person)] == nil, table.postIDs[Int(table.primary[person])] == ref.id {
                table.primaryDeclared[person] = true
                continue
            }
            let holds = held[Int32(person)] ?? (table.primary[person] >= 0 ? [table.primary[person]] : [])
            if let (kind, post) = table.element(ref.id), kind == .post, holds.contains(Int32(post)) {
                table.primary[person] = Int32(post)
                table.primaryDeclared[person] = true
            } else {
                var message = "primary post '\(ref.id)' of '\(table.personIDs[person])' is not a post they hold"
                if !holds.isEmpty { message += "; they hold \(holds.map { "'\(table.postIDs[Int($0)])'" }.joined(separator: ", "))" }
                problem(message, at: ref.offset)
            }
        }
        primaryRef = []

        // Solid lines: written, else implied by the unit tree.
        var written = [Int32](repeating: -1, count: posts)
        for post in 0..<posts {
            if let ref = postReportsRef[post] { written[post] = lineTarget(ref, of: post) }
        }
        postReportsAt = postReportsRef.map { $0?.offset ?? -1 }
        postReportsRef = []
        for (post, ref) in dottedRefs {
            let target = lineTarget(ref, of: Int(post))
            if target >= 0 { table.dotted[post, default: []].append(target) }
        }
        dottedRefs = []
        for source in sourceReferences where !sources.contains(source.id) {
            problem("unknown source '\(source.id)'; list it under 'sources:' at the top of the file", at: source.offset)
        }
        table.superior = written
        table.superiorImplied = [Bool](repeating: false, count: posts)
    }

    /// What only the whole org shows: unit cycles, two heads, reporting cycles, people in no post.
    mutating func check() {
        let units = table.unitIDs.count, posts = table.postIDs.count
        // Unit cycles, each once from its first unit in file order.
        let unitCycles = HierarchyIndex.cycles(table.unitParent)
        for cycle in unitCycles {
            let names = (cycle + [cycle[0]]).map { "'\(table.unitIDs[Int($0)])'" }.joined(separator: " → ")
            problem("unit '\(table.unitIDs[Int(cycle[0])])' is its own ancestor: \(names); one of these 'parent' lines is wrong", at: unitParentAt[Int(cycle[0])])
        }
        // Heads, and the nearest head above each unit, top down.
        var head = [Int32](repeating: -1, count: units)
        for post in 0..<posts where table.postIsHead[post] {
            let unit = Int(table.postUnit[post])
            if head[unit] < 0 {
                head[unit] = Int32(post)
            } else {
                problem("unit '\(table.unitIDs[unit])' has two heads, '\(table.postIDs[Int(head[unit])])' and '\(table.postIDs[post])'; a shared head is one post with several holders", at: postAt[post])
            }
        }
        table.unitHead = head
        guard unitCycles.isEmpty else { return }
        var headAbove = [Int32](repeating: -1, count: units)
        let unitDepths = HierarchyIndex.depths(table.unitParent)
        for unit in (0..<units).sorted(by: { unitDepths[$0] < unitDepths[$1] }) {
            let parent = Int(table.unitParent[unit])
            if parent >= 0 { headAbove[unit] = head[parent] >= 0 ? head[parent] : headAbove[parent] }
        }
        for post in 0..<posts where table.superior[post] < 0 {
            let unit = Int(table.postUnit[post])
            var above: Int32 = -1
            if !table.postIsHead[post], head[unit] >= 0, head[unit] != Int32(post) {
                above = head[unit]
            } else if headAbove[unit] >= 0, headAbove[unit] != Int32(post) {
                above = headAbove[unit]
            }
            table.superior[post] = above
            table.superiorImplied[post] = above >= 0
        }
        // Reporting cycles, through written and implied lines.
        for cycle in HierarchyIndex.cycles(table.superior) {
            let names = (cycle + [cycle[0]]).map { row in
                "'\(table.firstHolder[Int(row)] >= 0 ? table.personIDs[Int(table.firstHolder[Int(row)])] : table.postIDs[Int(row)])'"
            }
            // At the first written line of the cycle.
            let written = cycle.filter { postReportsAt[Int($0)] >= 0 }.min { postReportsAt[Int($0)] < postReportsAt[Int($1)] }
            problem("reporting cycle: \(names.joined(separator: " → ")); one of these must report elsewhere",
                    at: written.map { postReportsAt[Int($0)] } ?? postAt[Int(cycle[0])])
        }
        for person in 0..<table.personIDs.count where table.primary[person] < 0 && table.personStatus[person].expectsPost {
            problem("'\(table.personIDs[person])' holds no post; give them a post (title, unit, reportsTo) or 'status: departed'", at: personAt[person], warning: true)
        }
    }

    /// The problems as diagnostics, offsets turned into lines and columns in one pass.
    func diagnosticsAtLocations() -> [Diagnostic] {
        guard !problems.isEmpty else { return [] }
        let offsets = Set(problems.map(\.offset) + problems.compactMap(\.related)).sorted()
        var locations: [Int: SourceLocation] = [:]
        var line = 1, lineStart = 0, index = 0
        let bytes = scanner.bytes
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { lineStart = 3; index = 3 }
        for offset in offsets {
            while index < offset {
                if bytes[index] == 0x0A {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            locations[offset] = scanner.location(offset: offset, line: line, lineStart: lineStart)
        }
        var collector = DiagnosticCollector()
        for problem in problems {
            var message = problem.message
            if let related = problem.related.flatMap({ locations[$0] }) {
                message = message.replacingOccurrences(of: "{related}", with: "line \(related.line), column \(related.column)")
            }
            if problem.isWarning {
                collector.warning(message, at: locations[problem.offset])
            } else {
                collector.error(message, at: locations[problem.offset])
            }
        }
        return collector.sorted
    }
}
