import Foundation
import Yams

extension OrgCore {
    /// Largest JSON org file read (about six million people as `export --to json` writes them).
    /// Measured at one and two million people, memory peaks at 1.2 to 1.4 times the file's size
    /// for questions (``OrgCore`` alone) and 3.6 to 3.8 times for commands that work on values
    /// (render, apply, export to other formats): under 3 GB and 8 GB at this limit. Reading on
    /// two cores (`ReadAhead`) adds what the second thread read before the reader took it:
    /// about 0.2 GB at a million people (1.9 times the file), so about 4 GB at this limit.
    public static let maxJSONBytes = 2 << 30

    /// Reads JSON org bytes already in memory, as ``load(json:progress:)`` reads a file.
    public static func parse(_ data: Data, file: String) throws(DiagnosticError) -> OrgCore {
        if isUTF16(data) { return try parse(Data(TextDecoding.decode(data, file: file).utf8), file: file) }
        let result = data.withUnsafeBytes { raw in
            Result { () throws(DiagnosticError) -> OrgCore in try read(raw.bindMemory(to: UInt8.self), file: file, progress: nil).core }
        }
        return try result.get()
    }

    /// Reads a JSON org file (the schema of YAML org files, shorthands and all, as `export --to
    /// json` writes it or a person does) into columns, checking JSON syntax strictly and the
    /// org through the one builder, as every org file is checked. The one reader of JSON orgs.
    ///
    /// - Parameters:
    ///   - path: the JSON file's path.
    ///   - progress: called about every 65,536 elements with the number read so far.
    /// - Throws: ``DiagnosticError`` with every error (and warning) found, each at its line and column.
    /// - Complexity: O(*n*) time; memory about 150 bytes a person and post plus distinct names.
    public static func load(json path: String, progress: ((Int) -> Void)? = nil) throws(DiagnosticError) -> OrgCore {
        let file = try MappedFile(path, limit: maxJSONBytes)
        if isUTF16(file.bytes) {
            // UTF-16 (as Windows tools write it), with its byte-order mark: read as its UTF-8.
            return try parse(Data(file.bytes), file: path)
        }
        return try withExtendedLifetime(file) { () throws(DiagnosticError) in
            try read(file.bytes, file: path, pages: file) { elements, offset in
                file.release(0..<offset)
                progress?(elements)
            }.core
        }
    }

    /// Reads a YAML org file's document (as ``YAMLReader/parseRoot(_:what:)`` gives it) with
    /// the one reader of the schema, placing each diagnostic at its line and column in the YAML.
    static func read(yaml root: Node, reader: YAMLReader) throws(DiagnosticError) -> (core: OrgCore, sourceMap: SourceMap) {
        let document = YAMLAsJSON(root, reader: reader)
        let read = document.bytes.withUnsafeBufferPointer { bytes in
            Result { () throws(DiagnosticError) -> (OrgCore, SourceMap) in
                // The document's own problems (keys JSON cannot write) are reported with the reader's.
                var collector = DiagnosticCollector()
                collector.append(contentsOf: document.problems)
                let read: (core: OrgCore, sourceMap: SourceMap?)
                do throws(DiagnosticError) {
                    read = try Self.read(bytes, file: reader.file, progress: nil, yaml: document)
                } catch {
                    collector.append(contentsOf: error.diagnostics)
                    throw DiagnosticError(collector.sorted)
                }
                var core = read.core
                collector.append(contentsOf: core.warnings)
                try collector.throwIfErrors()
                core.warnings = collector.sorted
                return (core, read.sourceMap ?? SourceMap(file: reader.file))
            }
        }
        return try read.get()
    }

    /// The reader over the bytes; a file whose `lang` comes after texts written in the default
    /// language is read again with it, as `lang` applies wherever it is written. A YAML
    /// document's reading keeps where each element was written.
    private static func read(_ bytes: UnsafeBufferPointer<UInt8>, file: String, pages: MappedFile? = nil, progress: ((Int, Int) -> Void)?,
                             yaml: YAMLAsJSON? = nil) throws(DiagnosticError) -> (core: OrgCore, sourceMap: SourceMap?) {
        var reader = OrgJSONReader(bytes: bytes, file: file, progress: progress, yaml: yaml)
        reader.pages = pages
        let core = try reader.read()
        guard let language = reader.lateLanguage else { return (core, reader.sourceMap) }
        // Texts already read took the default language: read them again with the file's.
        var again = OrgJSONReader(bytes: bytes, file: file, progress: progress, yaml: yaml)
        again.pages = pages
        again.language = language
        return (try again.read(), again.sourceMap)
    }
}

extension OrgCore {
    /// Whether bytes start with a UTF-16 byte-order mark.
    static func isUTF16<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        var iterator = bytes.makeIterator()
        guard let first = iterator.next(), let second = iterator.next() else { return false }
        return (first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF)
    }
}

/// The one reader of the org schema: reads a JSON org file (or a YAML one written out as JSON
/// by ``YAMLAsJSON``) into an ``OrgCore`` through the ``OrgBuilder``; places are byte offsets.
/// Changesets read the units, posts and people they carry with it too.
struct OrgJSONReader {
    var scanner: JSONScanner
    /// Called every 65,536 elements with their number and the offset reached.
    let progress: ((Int, Int) -> Void)?
    var builder = OrgBuilder()
    var language = "en"
    var usedDefaultLanguage = false
    /// A `lang` found after texts that took the default language: the file is read again with it.
    var lateLanguage: String?
    var elementsRead = 0
    /// Texts found by the bytes they were first written with (codes are the texts' indices),
    /// and those bytes' place in the file, a text's.
    var spanTable = IDTable()
    var textSpans: [Range<Int>?] = []

    /// The YAML document the bytes were written from, which places diagnostics.
    let yaml: YAMLAsJSON?
    /// Where each element was written, kept for YAML documents (which people write and edit).
    var sourceMap: SourceMap?

    init(bytes: UnsafeBufferPointer<UInt8>, file: String, progress: ((Int, Int) -> Void)?, yaml: YAMLAsJSON? = nil) {
        scanner = JSONScanner(bytes: bytes, file: file)
        scanner.keys = Self.keyTable
        self.progress = progress
        self.yaml = yaml
        if let yaml {
            scanner.locate = { yaml.location(of: $0) }
            sourceMap = SourceMap(file: file)
        }
    }

    // The keys of the schema.
    static let topKeys = ["asOf", "title", "lang", "sources", "units", "posts", "people"]
    static let sourceKeys = ["title", "publisher", "published", "url", "file", "note"]
    static let provenanceKeys = ["source", "confidence", "note"]
    static let unitKeys = ["id", "name", "kind", "parent", "head", "attributes"] + provenanceKeys
    static let headKeys = ["id", "holders", "title", "staff", "reportsTo", "dotted", "attributes"] + provenanceKeys
    static let postKeys = ["id", "title", "unit", "head", "staff", "reportsTo", "dotted", "holders", "attributes"] + provenanceKeys
    static let personKeys = ["id", "name", "aliases", "status", "primary", "title", "unit", "reportsTo", "dotted", "attributes"]
        + provenanceKeys
    static let lineKeys = ["to"] + provenanceKeys
    /// Every key of the lists above and the languages of texts, the most frequent first.
    static let keyTable: JSONScanner.KeyTable = {
        var keys = ["id", "en", "title", "unit", "holders", "name", "reportsTo", "zh"]
        for key in unitKeys + postKeys + personKeys + headKeys + lineKeys + topKeys + sourceKeys where !keys.contains(key) { keys.append(key) }
        return JSONScanner.KeyTable(keys)
    }()

    /// A post as written; or one a shorthand makes (a unit's `head:`, a person's
    /// `title`/`unit`/`reportsTo`), added after the posts written out: the order of posts
    /// decides primary posts.
    struct PostInput {
        var id: Reference
        /// The id's hash, worked out when the id was read (`identifier(hashing:into:)`).
        var idHash: UInt64?
        var origin: PostOrigin
        var title: Int32?
        var unit: Reference?
        var isHead: Bool
        var isStaff = false
        var reportsTo: FewInputs<LineInput> = []
        var dotted: FewInputs<LineInput> = []
        var holders: FewInputs<Reference> = []
        var provenance = ProvenanceInput()
        var attributes = Attributes()
        var at: Place
    }
    /// A unit as written, with the head post its `head:` makes.
    struct UnitInput {
        var id: Reference
        var name: Int32?, kind: String?, parent: Reference?
        var provenance: ProvenanceInput, attributes: Attributes
        var head: PostInput?
        var at: Place
    }
    /// A person as written, with the post their `title`, `unit`, `reportsTo` or `dotted` make.
    struct PersonInput {
        var id: Reference
        /// The id's hash, worked out when the id was read.
        var idHash: UInt64?
        var name: Int32?, aliases: [String], status: PersonStatus, primary: Reference?
        var provenance: ProvenanceInput, attributes: Attributes
        /// The post, kept out of line: most people have none, and a person read ahead is kept
        /// until the reader takes it.
        var shorthand: PostInput? {
            get { shorthandPost.first }
            set { shorthandPost = newValue.map { [$0] } ?? [] }
        }
        var shorthandPost: [PostInput] = []
        var at: Place
    }
    var heads: [PostInput] = []
    var shorthands: [PostInput] = []
    /// The rest of the list being read, read ahead on a second thread.
    var readingAhead: ReadAhead?
    /// The file the bytes are mapped from, whose pages a read ahead gives back once read.
    var pages: MappedFile?
    /// The fewest bytes left in a list for it to be read partly ahead (nil: none is).
    var readAheadMinimum: Int? = ReadAhead.minimumBytes
    /// How many elements were read ahead on a second thread.
    var elementsReadAhead = 0

    mutating func read() throws(DiagnosticError) -> OrgCore {
        let bytes = scanner.bytes
        if bytes.count >= 2, (bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF) {
            throw scanner.error("the file is UTF-16; save it as UTF-8 to read it as a big org")
        }
        if scanner.peek() == nil {
            throw scanner.error("file is empty; an org file needs at least one key")
        }
        // About one post or person per 170 bytes of normalised JSON, as many of each: reserving
        // saves rehashing and growing the columns (room not used is never touched).
        let elements = min(bytes.count / 170, 1 << 26)
        builder.reserve(units: elements / 64, posts: elements / 2, people: elements / 2)
        // The bytes must outlive a read ahead, whatever the reader throws.
        defer { readingAhead?.cancel() }
        // Anything but an object stops here; its keys are read as every object's are.
        if scanner.peek() != UInt8(ascii: "{") { try scanner.beginObject("the org file") }
        _ = try members("the org file") { (reader: inout OrgJSONReader, key: String, at: Int) throws(DiagnosticError) in
            try reader.topLevel(key, at: at)
        }
        try scanner.end()
        for post in heads + shorthands { add(post) }
        var core = builder.finish()
        let diagnostics = builder.diagnostics(locate: locations)
        if diagnostics.contains(where: { $0.severity == .error }) { throw DiagnosticError(diagnostics) }
        core.warnings = diagnostics
        return core
    }

    /// One key of the org file and its value.
    mutating func topLevel(_ key: String, at keyAt: Int) throws(DiagnosticError) {
        switch key {
        case "asOf":
            let at = scanner.offset
            if let text = try scalar("'asOf'") {
                if let day = Day(text) { builder.core.asOf = day } else { problem(Day.notADay(text, "'asOf'"), at: at) }
                record("", field: "asOf", at: at)
            }
        case "title": builder.core.title = try scalar("'title'")
        case "lang":
            let at = scanner.offset
            if let lang = try scalar("'lang'") {
                if let problem = TextRules.languageProblem(lang, "'lang'") { self.problem(problem, at: at) }
                if usedDefaultLanguage, lang != language { lateLanguage = lang }
                language = lang
            }
        case "sources": try readSources()
        case "units": try list("'units'", .unit) { (reader: inout OrgJSONReader) throws(DiagnosticError) in try reader.unit { $0.add($1) } }
        case "posts": try list("'posts'", .post) { (reader: inout OrgJSONReader) throws(DiagnosticError) in try reader.post { $0.add($1) } }
        case "people": try list("'people'", .person) { (reader: inout OrgJSONReader) throws(DiagnosticError) in try reader.person { $0.add($1) } }
        default:
            unknownKey(key, in: "the org file", allowed: Self.topKeys, at: keyAt)
            try scanner.skipValue()
        }
    }

    // MARK: Values

    mutating func problem(_ message: String, at offset: Int) {
        builder.problem(message, at: offset)
    }

    mutating func unknownKey(_ key: String, in what: String, allowed: [String], at offset: Int) {
        var message = "unknown key '\(key)' in \(what)"
        if let suggestion = Suggestions.closest(to: key, among: allowed) {
            message += "; did you mean '\(suggestion)'?"
        } else {
            message += "; expected one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
        }
        builder.problem(message, at: offset)
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
        case UInt8(ascii: "\"")?: return TextRules.text(try scanner.string())
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

    /// A field that is true or false (YAML 1.1's yes and no too); nil, and a problem, for
    /// anything else.
    mutating func flag(_ key: String) throws(DiagnosticError) -> Bool? {
        let at = scanner.offset
        guard let text = try scalar("'\(key)'") else { return nil }
        switch text {
        case "true", "yes", "True", "Yes", "TRUE": return true
        case "false", "no", "False", "No", "FALSE": return false
        default:
            problem("expected '\(key)' to be true or false, found '\(text)'", at: at)
            return nil
        }
    }

    /// A non-empty id without spaces or control characters, and where it was written.
    mutating func identifier(_ what: @autoclosure () -> String) throws(DiagnosticError) -> Reference? {
        let at = scanner.offset
        guard let text = try scalar(what()) else { return nil }
        if let problem = TextRules.idProblem(text, what()) {
            self.problem(problem, at: at)
            return nil
        }
        return Reference(id: text, at: at)
    }

    /// One value or a list of values, each read by `item`.
    mutating func oneOrMany(_ item: (inout OrgJSONReader) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        guard scanner.peek() == UInt8(ascii: "[") else { return try item(&self) }
        try scanner.beginArray("a list")
        var first = true
        while try scanner.nextElement(first: &first) { try item(&self) }
    }

    /// A list of elements of one kind, which `item` reads; a big one partly on a second thread.
    mutating func list(_ what: String, _ kind: ReadAhead.Kind,
                       _ item: (inout OrgJSONReader) throws(DiagnosticError) -> Void) throws(DiagnosticError) {
        guard scanner.peek() == UInt8(ascii: "[") else {
            problem("expected \(what) to be a list, found \(scanner.describeNext())", at: scanner.offset)
            return try scanner.skipValue()
        }
        try scanner.beginArray(what)
        readAhead(kind)
        var first = true
        while try scanner.nextElement(first: &first) {
            if let ahead = readingAhead, scanner.offset >= ahead.start, takeReadAhead(kind) { continue }
            try item(&self)
            elementsRead += 1
            if elementsRead & 0xFFFF == 0 { progress?(elementsRead, scanner.offset) }
        }
    }

    /// The keys of an object, each with where it was written, `null` values left out (unless
    /// `keepingNulls`, for a body that says why a null is wrong); false (and a problem) when the
    /// value is not an object.
    mutating func members(_ what: @autoclosure () -> String, keepingNulls: Bool = false,
                          _ body: (inout OrgJSONReader, String, Int) throws(DiagnosticError) -> Void) throws(DiagnosticError) -> Bool {
        guard scanner.peek() == UInt8(ascii: "{") else {
            problem("expected \(what()) to be a mapping of keys to values, found \(scanner.describeNext())", at: scanner.offset)
            try scanner.skipValue()
            return false
        }
        try scanner.beginObject(what())
        var first = true
        // Keys of the schema seen in this object, one bit each, with where each was first
        // written in this object's frame of `schemaKeysAt`; other keys on the stack from here.
        var knownSeen: UInt64 = 0
        let frame = objectDepth * 64
        objectDepth += 1
        defer { objectDepth -= 1 }
        if schemaKeysAt.count < frame + 64 { schemaKeysAt += repeatElement(0, count: frame + 64 - schemaKeysAt.count) }
        let base = keysSeen.count
        defer { if keysSeen.count > base { keysSeen.removeSubrange(base...) } }
        while let member = try scanner.nextKey(first: &first) {
            let (key, keyAt) = (member.name, member.at)
            let earlier: Int?
            if member.known >= 0, member.known < 64 {
                let bit: UInt64 = 1 << member.known
                if knownSeen & bit == 0 {
                    earlier = nil
                    knownSeen |= bit
                    schemaKeysAt[frame + member.known] = keyAt.offset
                } else {
                    earlier = schemaKeysAt[frame + member.known]
                }
            } else {
                // Most keys of an object differ in length, which is quicker to compare.
                earlier = keysSeen[base...].first(where: { $0.name.utf8.count == key.utf8.count && $0.name == key })?.at
                if earlier == nil { keysSeen.append(SeenKey(name: key, at: keyAt.offset)) }
            }
            if let earlier {
                builder.problem("'\(key)' is given twice in \(what())", at: keyAt.offset, notes: [("first given here", earlier)])
                try scanner.skipValue()
                continue
            }
            if !keepingNulls, try skipNull() { continue }
            try body(&self, key, keyAt.offset)
        }
        return true
    }

    /// How many objects read by ``members(_:keepingNulls:_:)`` enclose the one being read.
    var objectDepth = 0
    /// Where each key of the schema was first written in each object being read: 64 slots an
    /// object, the innermost last; a slot is read only when its key's bit says it was written.
    var schemaKeysAt: [Int] = []
    /// The keys outside the schema of the objects being read, the innermost last, each with
    /// where it was written: one stack for the whole file rather than a list made for each object.
    var keysSeen: [SeenKey] = []
    /// A key of an object being read, and where it was written.
    struct SeenKey {
        let name: String
        let at: Int
    }

    /// Text in one language (the file's `lang`), or `{"zh": ..., "en": ...}`; stored once.
    /// Names and titles repeat, so a value written exactly as one before is found by its bytes
    /// and not read again.
    mutating func localized(_ what: @autoclosure () -> String) throws(DiagnosticError) -> Int32 {
        let start = scanner.mark
        try scanner.skipValue()
        let span = start.offset..<scanner.offset
        // Eight bytes a step (a byte a step was a twentieth of a big file's load).
        let written = UnsafeBufferPointer(rebasing: scanner.bytes[span])
        let hash = IDTable.hash(bytes: written)
        if let known = spanTable.find(hash, { index in
            textSpans[index].map { UnsafeBufferPointer(rebasing: scanner.bytes[$0]).sameBytes(as: written) } ?? false
        }) {
            return Int32(known)
        }
        let end = scanner.mark
        scanner.restore(start)
        let problemsBefore = builder.problems.count
        var text = LocalizedText()
        switch scanner.peek() {
        case UInt8(ascii: "{")?:
            _ = try members(what(), keepingNulls: true) { (reader: inout OrgJSONReader, language: String, at: Int) throws(DiagnosticError) in
                guard language == "en" || language == "zh" || YAMLReader.isLanguageCode(language) else {
                    // In YAML, `{en: Acme, Sales and Marketing}` reads as a second key.
                    let hint = reader.yaml == nil ? "" : "; text with a comma inside { } must be quoted"
                    reader.problem("'\(language)' in \(what()) is not a language code such as 'zh' or 'en'" + hint, at: at)
                    return try reader.scanner.skipValue()
                }
                let valueAt = reader.scanner.offset
                if try reader.skipNull() { return reader.problem("\(what()) in '\(language)' is empty", at: valueAt) }
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
        let index = builder.intern(text)
        // The builder interns texts of its own too (an empty title); keep one span slot a text.
        while textSpans.count < builder.core.texts.count { textSpans.append(nil) }
        // Found by its bytes next time, unless it had a problem to report each time (a text
        // written two ways is found by the first).
        if builder.problems.count == problemsBefore, textSpans[Int(index)] == nil {
            textSpans[Int(index)] = span
            spanTable.insert(hash, code: Int(index))
        }
        return index
    }

    /// `source`, `confidence` or `note` of an element or line.
    mutating func provenance(_ key: String, _ provenance: inout ProvenanceInput) throws(DiagnosticError) {
        let at = scanner.offset
        guard let text = try scalar("'\(key)'") else { return }
        switch key {
        case "source":
            provenance.value.source = SourceReference(parsing: text)
            provenance.sourceAt = at
        case "confidence":
            guard let confidence = Confidence(rawValue: text) else { return problem(Confidence.unknownMessage(text), at: at) }
            provenance.value.confidence = confidence
        default: provenance.value.note = text
        }
    }

    /// `attributes`: names to single values.
    mutating func attributes() throws(DiagnosticError) -> Attributes {
        var attributes = Attributes()
        _ = try members("'attributes'") { (reader: inout OrgJSONReader, key: String, _: Int) throws(DiagnosticError) in
            if let value = try reader.scalar("attribute '\(key)'") { attributes[key] = value }
        }
        return attributes
    }

    /// `reportsTo` or `dotted`: an id, `{"to": id, ...}`, or a list of those, added to `found`
    /// (the element's own list: no list is made for each element).
    mutating func lines(_ what: String, into found: inout FewInputs<LineInput>) throws(DiagnosticError) {
        try oneOrMany { (reader: inout OrgJSONReader) throws(DiagnosticError) in
            guard reader.scanner.peek() == UInt8(ascii: "{") else {
                if let target = try reader.identifier(what) { found.append(LineInput(target: target)) }
                return
            }
            let at = reader.scanner.offset
            var target: Reference?
            var provenance = ProvenanceInput()
            _ = try reader.members("a line in \(what)") { (reader: inout OrgJSONReader, key: String, keyAt: Int) throws(DiagnosticError) in
                switch key {
                case "to": target = try reader.identifier("'to'")
                case "source", "confidence", "note": try reader.provenance(key, &provenance)
                default:
                    reader.unknownKey(key, in: "a line in \(what)", allowed: Self.lineKeys, at: keyAt)
                    try reader.scanner.skipValue()
                }
            }
            guard let target else { return reader.problem("a line in \(what) needs 'to:' naming a post or person", at: at) }
            found.append(LineInput(target: target, provenance: provenance))
        }
    }

    /// An element's id, as ``identifier(_:)`` reads it, with its hash in the id table, whose
    /// slot is asked for at once: the rest of the element is read while memory answers, and
    /// adding the element does not wait for it (at a million people that wait was a sixth of
    /// a JSON load).
    mutating func identifier(hashing what: @autoclosure () -> String, into hash: inout UInt64?) throws(DiagnosticError) -> Reference? {
        let id = try identifier(what())
        if let id {
            hash = IDTable.hash(id.id)
            builder.prefetch(hash: hash!)
        }
        return id
    }

    /// The id of an element: nil, and a problem, when none was written; nil when the one
    /// written was refused (its problem raised already).
    mutating func requireID(_ id: Reference??, _ what: String, at offset: Int) -> Reference? {
        guard let written = id else {
            problem("\(what) has no 'id'; give it a stable id such as 'life-services'", at: offset)
            return nil
        }
        return written
    }

    // MARK: Elements

    mutating func readSources() throws(DiagnosticError) {
        _ = try members("'sources'") { (reader: inout OrgJSONReader, key: String, at: Int) throws(DiagnosticError) in
            if let problem = TextRules.idProblem(key, "a source id") {
                reader.problem(problem, at: at)
                return try reader.scanner.skipValue()
            }
            var source = Source(id: SourceID(key))
            if reader.scanner.peek() != UInt8(ascii: "{") {
                source.title = try reader.scalar("source '\(key)'")
            } else {
                _ = try reader.members("source '\(key)'") { (reader: inout OrgJSONReader, field: String, fieldAt: Int) throws(DiagnosticError) in
                    guard Self.sourceKeys.contains(field) else {
                        reader.unknownKey(field, in: "source '\(key)'", allowed: Self.sourceKeys, at: fieldAt)
                        return try reader.scanner.skipValue()
                    }
                    let value = try reader.scalar("'\(field)'")
                    switch field {
                    case "title": source.title = value
                    case "publisher": source.publisher = value
                    case "published": source.published = value
                    case "url": source.url = value
                    case "note": source.note = value
                    default: source.file = value
                    }
                }
            }
            reader.builder.addSource(Reference(id: key, at: at), source)
        }
    }

    /// Reads a unit of `units` and gives it to `use`; a problem when it is not a mapping or has no id.
    @inline(__always)
    mutating func unit(_ use: (inout OrgJSONReader, borrowing UnitInput) -> Void) throws(DiagnosticError) {
        let at = scanner.offset
        var idRef: Reference??, name: Int32?, parent: Reference?, kind: String?
        var provenance = ProvenanceInput()
        var attributes = Attributes()
        var head: PostInput?
        let isObject = try members("a unit") { (reader: inout OrgJSONReader, key: String, keyAt: Int) throws(DiagnosticError) in
            switch key {
            case "id": idRef = .some(try reader.identifier("the id of a unit"))
            case "name": name = try reader.localized(idRef.flatMap { $0 }.map { "the name of unit '\($0.id)'" } ?? "the name of a unit")
            case "kind": kind = try reader.scalar("'kind'")
            case "parent": parent = try reader.identifier("'parent'")
            case "source", "confidence", "note": try reader.provenance(key, &provenance)
            case "attributes": attributes = try reader.attributes()
            case "head": head = try reader.head()
            default:
                reader.unknownKey(key, in: "a unit", allowed: Self.unitKeys, at: keyAt)
                try reader.scanner.skipValue()
            }
        }
        guard isObject, let id = requireID(idRef, "a unit", at: at) else { return }
        if head != nil {
            if head!.id.id.isEmpty { head!.id.id = PostOrigin.headPostID(ofUnit: id.id) }
            head!.origin = .unitHead(unit: id.id)
            head!.unit = id
        }
        use(&self, UnitInput(id: id, name: name, kind: kind, parent: parent, provenance: provenance, attributes: attributes, head: head, at: at))
    }

    /// Adds a unit, and keeps its head post for the end; a unit left out (a repeated id) is
    /// left out with it.
    @inline(__always)
    mutating func add(_ unit: borrowing UnitInput) {
        guard builder.addUnit(id: unit.id, name: unit.name, kind: unit.kind, parent: unit.parent, provenance: unit.provenance,
                              attributes: unit.attributes, at: unit.at)
        else { return }
        record(unit.id.id, at: unit.at)
        if let parent = unit.parent { record(unit.id.id, field: "parent", at: parent.at) }
        if let head = unit.head { heads.append(head) }
    }

    /// A unit's `head:`: its holders (an id or a list), or the head post's fields. The unit
    /// fills in its own id once it is known.
    mutating func head() throws(DiagnosticError) -> PostInput? {
        let at = scanner.offset
        var post = PostInput(id: Reference(id: "", at: at), origin: .explicit, title: nil, unit: nil, isHead: true, at: at)
        guard scanner.peek() == UInt8(ascii: "{") else {
            try oneOrMany { (reader: inout OrgJSONReader) throws(DiagnosticError) in
                if let holder = try reader.identifier("a holder") { post.holders.append(holder) }
            }
            return post
        }
        let isObject = try members("the head of a unit") { (reader: inout OrgJSONReader, key: String, keyAt: Int) throws(DiagnosticError) in
            switch key {
            case "id": if let id = try reader.identifier("the id of the head post") { post.id = id }
            case "holders":
                try reader.oneOrMany { (reader: inout OrgJSONReader) throws(DiagnosticError) in
                    if let holder = try reader.identifier("a holder") { post.holders.append(holder) }
                }
            case "title": post.title = try reader.localized("the title of the head of a unit")
            case "staff": if let flag = try reader.flag(key) { post.isStaff = flag }
            case "reportsTo": try reader.lines("'reportsTo'", into: &post.reportsTo)
            case "dotted": try reader.lines("'dotted'", into: &post.dotted)
            case "source", "confidence", "note": try reader.provenance(key, &post.provenance)
            case "attributes": post.attributes = try reader.attributes()
            default:
                reader.unknownKey(key, in: "the head of a unit", allowed: Self.headKeys, at: keyAt)
                try reader.scanner.skipValue()
            }
        }
        return isObject ? post : nil
    }

    /// Reads a post of `posts` and gives it to `use`; a problem when it is not a mapping or has no id.
    @inline(__always)
    mutating func post(_ use: (inout OrgJSONReader, borrowing PostInput) -> Void) throws(DiagnosticError) {
        let at = scanner.offset
        var idRef: Reference??
        // Filled in place, as the fields come.
        var post = PostInput(id: Reference(id: "", at: at), origin: .explicit, title: nil, unit: nil, isHead: false, at: at)
        let isObject = try members("a post") { (reader: inout OrgJSONReader, key: String, keyAt: Int) throws(DiagnosticError) in
            switch key {
            case "id": idRef = .some(try reader.identifier(hashing: "the id of a post", into: &post.idHash))
            case "title": post.title = try reader.localized(idRef.flatMap { $0 }.map { "the title of post '\($0.id)'" } ?? "the title of a post")
            case "unit": post.unit = try reader.identifier("'unit'")
            case "head": if let flag = try reader.flag(key) { post.isHead = flag }
            case "staff": if let flag = try reader.flag(key) { post.isStaff = flag }
            case "reportsTo": try reader.lines("'reportsTo'", into: &post.reportsTo)
            case "dotted": try reader.lines("'dotted'", into: &post.dotted)
            case "holders":
                try reader.oneOrMany { (reader: inout OrgJSONReader) throws(DiagnosticError) in
                    if let holder = try reader.identifier("a holder") { post.holders.append(holder) }
                }
            case "source", "confidence", "note": try reader.provenance(key, &post.provenance)
            case "attributes": post.attributes = try reader.attributes()
            default:
                reader.unknownKey(key, in: "a post", allowed: Self.postKeys, at: keyAt)
                try reader.scanner.skipValue()
            }
        }
        guard isObject, let id = requireID(idRef, "a post", at: at) else { return }
        post.id = id
        use(&self, post)
    }

    /// Adds a post, keeping where it and its references were written.
    @inline(__always)
    mutating func add(_ post: borrowing PostInput) {
        guard builder.addPost(id: post.id, idHash: post.idHash, origin: post.origin, title: post.title, unit: post.unit, isHead: post.isHead,
                              isStaff: post.isStaff, reportsTo: post.reportsTo, dotted: post.dotted, holders: post.holders, provenance: post.provenance,
                              attributes: post.attributes, at: post.at),
            sourceMap != nil
        else { return }
        record(post.id.id, at: post.at)
        if let unit = post.unit { record(post.id.id, field: "unit", at: unit.at) }
        if let holder = post.holders.last { record(post.id.id, field: "holders", at: holder.at) }
        if let line = post.reportsTo.first { record(post.id.id, field: "reportsTo", at: line.target.at) }
        if let line = post.dotted.last { record(post.id.id, field: "dotted", at: line.target.at) }
    }

    /// Reads a person of `people` and gives it to `use`; a problem when it is not a mapping or has no id.
    @inline(__always)
    mutating func person(_ use: (inout OrgJSONReader, borrowing PersonInput) -> Void) throws(DiagnosticError) {
        let at = scanner.offset
        var idRef: Reference??
        // Filled in place, as the fields come.
        var person = PersonInput(id: Reference(id: "", at: at), name: nil, aliases: [], status: .active, primary: nil,
                                 provenance: ProvenanceInput(), attributes: [:], at: at)
        let isObject = try members("a person") { (reader: inout OrgJSONReader, key: String, keyAt: Int) throws(DiagnosticError) in
            switch key {
            case "id": idRef = .some(try reader.identifier(hashing: "the id of a person", into: &person.idHash))
            case "name": person.name = try reader.localized(idRef.flatMap { $0 }.map { "the name of '\($0.id)'" } ?? "the name of a person")
            case "aliases":
                try reader.oneOrMany { (reader: inout OrgJSONReader) throws(DiagnosticError) in
                    if let alias = try reader.scalar("an alias") { person.aliases.append(alias) }
                }
            case "status":
                let valueAt = reader.scanner.offset
                if let text = try reader.scalar("'status'") {
                    if let known = PersonStatus(rawValue: text) {
                        person.status = known
                    } else {
                        reader.problem(PersonStatus.unknownMessage(text), at: valueAt)
                    }
                }
            case "primary": person.primary = try reader.identifier("'primary'")
            case "source", "confidence", "note": try reader.provenance(key, &person.provenance)
            case "attributes": person.attributes = try reader.attributes()
            case "title":
                Self.begin(&person.shorthand, at: keyAt)
                person.shorthand!.title = try reader.localized(idRef.flatMap { $0 }.map { "the title of '\($0.id)'" } ?? "the title of a person")
            case "unit":
                Self.begin(&person.shorthand, at: keyAt)
                person.shorthand!.unit = try reader.identifier("'unit'")
            case "reportsTo":
                Self.begin(&person.shorthand, at: keyAt)
                try reader.lines("'reportsTo'", into: &person.shorthand!.reportsTo)
            case "dotted":
                Self.begin(&person.shorthand, at: keyAt)
                try reader.lines("'dotted'", into: &person.shorthand!.dotted)
            default:
                reader.unknownKey(key, in: "a person", allowed: Self.personKeys, at: keyAt)
                try reader.scanner.skipValue()
            }
        }
        guard isObject, let id = requireID(idRef, "a person", at: at) else { return }
        person.id = id
        if person.shorthand != nil {
            person.shorthand!.id.id = PostOrigin.shorthandPostID(ofPerson: id.id)
            person.shorthand!.origin = .personShorthand(person: id.id)
            person.shorthand!.holders = [id]
            // The person's provenance is the post's too (and reported once).
            person.shorthand!.provenance = person.provenance
        }
        use(&self, person)
    }

    /// The post of a person's shorthand keys, begun (placed at the first of them) unless it was.
    private static func begin(_ post: inout PostInput?, at keyAt: Int) {
        if post == nil { post = PostInput(id: Reference(id: "", at: keyAt), origin: .explicit, title: nil, unit: nil, isHead: false, at: keyAt) }
    }

    /// Adds a person, and keeps the post of their shorthand for the end; a person left out (a
    /// repeated id) is left out with it.
    @inline(__always)
    mutating func add(_ person: borrowing PersonInput) {
        guard builder.addPerson(id: person.id, idHash: person.idHash, name: person.name, aliases: person.aliases, status: person.status, primary: person.primary,
                                provenance: person.provenance, attributes: person.attributes, at: person.at)
        else { return }
        if let shorthand = person.shorthand { shorthands.append(shorthand) }
        guard sourceMap != nil else { return }
        record(person.id.id, at: person.at)
        if let primary = person.primary { record(person.id.id, field: "primary", at: primary.at) }
    }

    /// Keeps where an element, or a field of one, was written, when the reader keeps a source map.
    mutating func record(_ id: String, field: String? = nil, at offset: Place) {
        guard sourceMap != nil, offset >= 0, let yaml else { return }
        if let field { sourceMap!.record(id, field: field, at: yaml.location(of: offset)) } else { sourceMap!.record(id, at: yaml.location(of: offset)) }
    }

    /// The text interned at an index (none written: empty).
    func text(_ index: Int32?) -> LocalizedText {
        index.map { builder.core.texts[Int($0)] } ?? LocalizedText()
    }

    /// Byte offsets as lines and columns, found in one pass over the bytes (or, for a YAML
    /// document, where the YAML wrote them).
    func locations(_ offsets: [Place]) -> [Place: SourceLocation] {
        var locations: [Place: SourceLocation] = [:]
        if let yaml {
            for offset in offsets { locations[offset] = yaml.location(of: offset) }
            return locations
        }
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
        return locations
    }
}

extension YAMLReader {
    /// Reads a part of a YAML document with the one reader of org files (`read` starts at the
    /// part's value), its problems placed in the YAML and kept with this reader's diagnostics.
    mutating func readAsOrg<T>(_ node: Node, _ read: (inout OrgJSONReader) throws(DiagnosticError) -> T?) -> T? {
        let document = YAMLAsJSON(node, reader: self)
        var problems = document.problems
        let result: T? = document.bytes.withUnsafeBufferPointer { bytes in
            var reader = OrgJSONReader(bytes: bytes, file: file, progress: nil, yaml: document)
            do throws(DiagnosticError) {
                let value = try read(&reader)
                problems += reader.builder.diagnostics(locate: reader.locations)
                return value
            } catch {
                problems += error.diagnostics
                return nil
            }
        }
        diagnostics.append(contentsOf: problems)
        return result
    }
}
