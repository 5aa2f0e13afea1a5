import Foundation

#if !_endian(little)
#error("index files keep rows as they are held in memory, little-endian")
#endif

/// A compiled org: an ``OrgCore`` written to a file as it is held, its rows as arrays one after
/// another, so that a big org read once from its CSV, JSON or YAML is read again in a fraction
/// of the time. `orggraph index ORG` writes one beside the org, as `ORG.orgindex`, and every
/// command takes it where it takes an org.
///
/// The file names its source (relative to its own folder), with the source's size and a hash
/// of its bytes taken before it was read, and the version of OrgGraph that read it. Each time
/// it is opened it is checked against the source: a source changed since (or an index made by
/// another version of OrgGraph, which may read the source differently) is read again and the
/// index file rewritten, so no answer comes from an index older than its source. A source that
/// is gone is a warning, and the answers are the index's.
/// An index of an older format is made again from its source in the same way. A file that is
/// not an index, one from a newer version of OrgGraph, and a damaged one (its bytes do not
/// match its own hash, or a row points outside the org) are each an error that says how to make
/// the index again.
///
/// Layout, little-endian: the 8 bytes `OrgIndex`, a `UInt32` format version, a `UInt32` 0, the
/// payload's length and its hash (each a `UInt64`), then the payload, which in every format
/// starts with the source's path (relative to the index's folder) as a `UInt32` length and UTF-8.
public enum OrgIndexFile {
    /// The ending of an index file's name.
    public static let fileExtension = ".orgindex"
    static let magic = Array("OrgIndex".utf8)
    static let version: UInt32 = 2
    static let headerSize = 32

    /// Whether a path names an index file, by its ending.
    public static func isIndex(_ path: String) -> Bool { path.lowercased().hasSuffix(fileExtension) }

    /// Refuses an output named as an index file, which only `orggraph index` writes; `instead`
    /// says what to name it.
    static func refuseAsOutput(_ path: String, instead: String) throws(DiagnosticError) {
        guard isIndex(path) else { return }
        throw DiagnosticError(.error("'\(path)' is named as an index file, which only 'orggraph index' writes; \(instead)", at: nil))
    }

    /// Where `orggraph index` writes the index of an org file when not told: beside it.
    public static func defaultPath(for source: String) -> String { source + fileExtension }

    /// What an index keeps of its source's bytes: their number and hash.
    public struct Stamp: Sendable, Equatable {
        var size: UInt64
        var hash: UInt64
    }

    /// The stamp of the file at `path`, nil when it cannot be read. Taken before the file is
    /// read for an index: a file changed while it is read then no longer matches its index.
    public static func stamp(of path: String) -> Stamp? {
        guard let file = try? MappedFile(path, limit: .max, whole: true) else { return nil }
        return withExtendedLifetime(file) { Stamp(size: UInt64(file.bytes.count), hash: IDTable.stableHash(bytes: file.bytes)) }
    }

    /// Writes the index of `core`, read from the file `source` whose ``stamp(of:)`` was
    /// `stamp` before it was read, to `path` (atomically, as ``OutputFile`` writes every output).
    /// A `sourceMap` (a YAML org's) is kept, so that notes still point into the source.
    public static func write(_ core: OrgCore, source: String, stamp: Stamp, sourceMap: SourceMap? = nil, to path: String) throws(DiagnosticError) {
        var payload = Encoder()
        payload.string(relativePath(from: folder(of: path), to: source))
        payload.string(source)
        payload.string(orgGraphVersion)
        payload.u64(stamp.size)
        payload.u64(stamp.hash)
        // The id table kept is seeded by the source's bytes: the same org gives the same file.
        core.encode(into: &payload, idSeed: stamp.hash | 1)
        payload.section { sourceMap?.encode(into: &$0) }
        try OutputFile.write(pieces: [header(of: payload.bytes), payload.bytes], to: path, inputs: [source])
    }

    /// The header of a payload: the magic bytes, the format, the payload's length and hash.
    static func header(of payload: [UInt8]) -> [UInt8] {
        var header = Encoder()
        header.bytes.append(contentsOf: magic)
        header.u32(version)
        header.u32(0)
        header.u64(UInt64(payload.count))
        header.u64(payload.withUnsafeBufferPointer { IDTable.stableHash(bytes: $0) })
        return header.bytes
    }

    /// What opening an index file found of its source.
    public enum SourceState: Sendable, Equatable {
        /// The source is as it was when the index was made.
        case unchanged
        /// The source has changed since: its org is read from it again, and the index made
        /// again with this stamp, taken before.
        case changed(Stamp)
        /// The source is gone; the index is all there is.
        case missing
    }

    /// An index file opened and checked: its source's path, and either the org it holds or
    /// the stamp of a source that has changed since it was made.
    public struct Opened: Sendable {
        /// The path of the source, as the index names it, seen from the current folder.
        public var source: String
        /// What the index gives: its org, or a source to read again.
        public var content: Content

        /// What an index file opened gives.
        public enum Content: Sendable {
            /// The source has changed since the index was made (or the index is of an older
            /// format): the org is read from the source again, and the index made again with
            /// this stamp, taken before.
            case changed(Stamp)
            /// The org the index holds, with the hierarchy of its posts (built while the file
            /// was read) and where each element of the source was written, when the index keeps
            /// it (a YAML org's). `sourceIsMissing`: the source is gone, and the index is all
            /// there is; otherwise it is as it was when the index was made.
            case org(OrgCore, hierarchy: HierarchyIndex, sourceMap: SourceMap?, sourceIsMissing: Bool)
        }

        /// Whether the source is as it was.
        public var state: SourceState {
            switch content {
            case .changed(let stamp): .changed(stamp)
            case .org(_, _, _, let missing): missing ? .missing : .unchanged
            }
        }

        /// The org the index holds; nil when the source has changed, as it is then read again.
        public var core: OrgCore? {
            if case .org(let core, _, _, _) = content { core } else { nil }
        }

        /// The hierarchy of the org's posts, with the org.
        public var hierarchy: HierarchyIndex? {
            if case .org(_, let hierarchy, _, _) = content { hierarchy } else { nil }
        }

        /// Where each element of the source was written, when the index keeps it (a YAML org's).
        public var sourceMap: SourceMap? {
            if case .org(_, _, let sourceMap, _) = content { sourceMap } else { nil }
        }
    }

    /// Opens the index file at `path`, checks it whole and checks its source.
    public static func open(_ path: String) throws(DiagnosticError) -> Opened {
        let file = try MappedFile(path, limit: .max, whole: true)
        return try withExtendedLifetime(file) { () throws(DiagnosticError) in try open(file.bytes, path: path) }
    }

    /// Opens the bytes of the index file at `path`, mapped for as long as this runs.
    private static func open(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(DiagnosticError) -> Opened {
        func damaged(_ what: String) -> DiagnosticError {
            DiagnosticError(.error("'\(path)' is not a whole index file (\(what)); make it again with 'orggraph index' of its org",
                                   at: nil))
        }
        guard bytes.count >= headerSize, bytes.prefix(magic.count).elementsEqual(magic) else {
            throw DiagnosticError(.error("'\(path)' is not an OrgGraph index file; 'orggraph index ORG' makes one", at: nil))
        }
        var header = Decoder(UnsafeBufferPointer(rebasing: bytes[magic.count..<headerSize]))
        let fileVersion = try? header.u32()
        // Every format's payload starts with its source's path: an index of an older format is
        // made again from its source, as one made by another version of OrgGraph is.
        if let fileVersion, (1..<version).contains(fileVersion) {
            var payload = Decoder(UnsafeBufferPointer(rebasing: bytes[headerSize...]))
            if let relative = try? payload.string(), !relative.isEmpty {
                let source = Self.source(relative, besideIndexAt: path)
                if !isIndex(source), let stamp = Self.stamp(of: source) {
                    return Opened(source: source, content: .changed(stamp))
                }
            }
        }
        guard fileVersion == version else {
            throw DiagnosticError(.error("'\(path)' is an index file of format \(fileVersion ?? 0), which this version of OrgGraph (format \(version)) cannot read; make it again with 'orggraph index' of its org", at: nil))
        }
        _ = try? header.u32()
        guard let length = try? header.u64(), let hash = try? header.u64(), length == UInt64(bytes.count - headerSize) else {
            throw damaged("its length is not the one written")
        }
        let payloadBytes = ReadOnly(UnsafeBufferPointer(rebasing: bytes[headerSize...]))
        var payload = Decoder(payloadBytes.value)
        // What is wrong with a payload that cannot be taken apart: first, whether it is damaged.
        func broken(_ error: some Error) -> DiagnosticError {
            IDTable.stableHash(bytes: payloadBytes.value) == hash ? damaged(error.what) : damaged("its bytes do not match their hash")
        }
        let source: String, typed: String, madeBy: String, written: Stamp
        do {
            source = Self.source(try payload.string(), besideIndexAt: path)
            (typed, madeBy) = (try payload.string(), try payload.string())
            written = Stamp(size: try payload.u64(), hash: try payload.u64())
            // An index of an index would be read again and again.
            guard !isIndex(source) else { throw Decoder.Failure(what: "its source is an index file") }
        } catch {
            throw broken(error)
        }
        // Warnings and places name the source as it was given to `index`; here, as seen from here.
        func here(_ location: SourceLocation?) -> SourceLocation? {
            guard var location else { return nil }
            if location.file == typed { location.file = source }
            return location
        }
        // The org is read on one processor; the other checks the file's bytes and the source's,
        // and reads the people and the id table. What was read is used only when both hold.
        let sections: (main: Decoder, people: ReadOnly<Decoder>, ids: ReadOnly<Decoder>)
        var sourceMap: SourceMap?
        do {
            sections = (try payload.section(), ReadOnly(try payload.section()), ReadOnly(try payload.section()))
            var places = try payload.section()
            guard payload.isAtEnd else { throw Decoder.Failure(what: "bytes after the org") }
            sourceMap = try places.isAtEnd ? nil : SourceMap(decoding: &places, relocating: here)
        } catch {
            throw broken(error)
        }
        var main = sections.main
        let (peopleSection, idSection) = (sections.people, sections.ids)
        let (decoded, (intact, state, rest)) = SideBySide.both({
            Result { () throws(Decoder.Failure) in
                let core = try OrgCore(decoding: &main)
                // Its hierarchy, while the other processor still reads the people.
                try core.checkSolidLines()
                return (core, HierarchyIndex(parent: core.superior))
            }
        }, {
            let intact = IDTable.stableHash(bytes: payloadBytes.value) == hash
            let state: SourceState = switch Self.stamp(of: source) {
            case nil: .missing
            case let stamp? where stamp == written && madeBy == orgGraphVersion: .unchanged
            case let stamp?: .changed(stamp)
            }
            let rest = Result { () throws(Decoder.Failure) in
                var (people, ids) = (peopleSection.value, idSection.value)
                return (try OrgCore.People(decoding: &people), try OrgCore.KeptIDs(decoding: &ids))
            }
            return (intact, state, rest)
        })
        guard intact else { throw damaged("its bytes do not match their hash") }
        if case .changed(let stamp) = state { return Opened(source: source, content: .changed(stamp)) }
        do throws(Decoder.Failure) {
            var (core, hierarchy) = try decoded.get()
            let (people, ids) = try rest.get()
            try core.adopt(people, ids)
            core.warnings = core.warnings.map { warning in
                var warning = warning
                warning.location = here(warning.location)
                warning.notes = warning.notes.map { Diagnostic.Note($0.message, at: here($0.location)) }
                return warning
            }
            return Opened(source: source, content: .org(core, hierarchy: hierarchy, sourceMap: sourceMap, sourceIsMissing: state == .missing))
        } catch {
            throw damaged(error.what)
        }
    }

    /// The source an index at `path` names by `relative` (from the index's folder), as seen from here.
    private static func source(_ relative: String, besideIndexAt path: String) -> String {
        let folder = folder(of: path)
        return relative.hasPrefix("/") || folder == "." ? relative : Timeline.join(folder, relative)
    }

    /// The folder a file is in, as a path the current folder reaches it by.
    static func folder(of path: String) -> String {
        let parent = (path as NSString).deletingLastPathComponent
        return parent.isEmpty ? "." : parent
    }

    /// A path to `target` from `folder`: `../b/org.csv`. The folders are resolved, the target's
    /// name is kept as it is (a link named `current.csv` stays the link, whatever it points to);
    /// absolute when a folder cannot be resolved.
    static func relativePath(from folder: String, to target: String) -> String {
        let name = (target as NSString).lastPathComponent
        guard let base = OutputFile.realPath(folder), let targetFolder = OutputFile.realPath(Self.folder(of: target)) else {
            return URL(fileURLWithPath: target).standardized.path
        }
        let full = Timeline.join(targetFolder, name)
        let from = base.split(separator: "/"), to = full.split(separator: "/")
        let common = zip(from, to).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: from.count - common) + to.dropFirst(common).map(String.init)).joined(separator: "/")
    }

    /// Appends values to bytes: fixed-size numbers little-endian, texts as a length and UTF-8,
    /// arrays of rows as a count and their bytes as they are held.
    struct Encoder {
        var bytes: [UInt8] = []

        mutating func u8(_ value: UInt8) { bytes.append(value) }
        mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func int(_ value: Int) { u64(UInt64(bitPattern: Int64(value))) }
        mutating func count(_ value: Int) { u32(UInt32(value)) }

        mutating func string(_ text: String) {
            var text = text
            text.withUTF8 { utf8 in
                count(utf8.count)
                bytes.append(contentsOf: utf8)
            }
        }

        mutating func optional(_ text: String?) {
            u8(text == nil ? 0 : 1)
            if let text { string(text) }
        }

        /// What `body` writes, after its length, so that a reader can take it apart from the rest.
        mutating func section(_ body: (inout Self) -> Void) {
            let start = bytes.count
            u64(0)
            body(&self)
            withUnsafeBytes(of: UInt64(bytes.count - start - 8).littleEndian) { bytes.replaceSubrange(start..<start + 8, with: $0) }
        }

        /// Many texts at once: their count, every end offset, then all their bytes.
        mutating func strings(_ texts: [String]) {
            var end = 0
            var blob: [UInt8] = []
            var ends = [UInt32]()
            ends.reserveCapacity(texts.count)
            for var text in texts {
                text.withUTF8 { blob.append(contentsOf: $0) }
                end = blob.count
                ends.append(UInt32(end))
            }
            rows(ends)
            bytes.append(contentsOf: blob)
        }

        /// An array of fixed-size values, as held in memory: little-endian, as the build requires.
        mutating func rows<T: FixedWidthInteger>(_ values: [T]) {
            count(values.count)
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }

        mutating func flags(_ values: [Bool]) {
            count(values.count)
            values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
    }

    /// Reads what ``Encoder`` wrote; every read is checked against the end.
    struct Decoder {
        struct Failure: Error {
            var what: String
        }

        private let bytes: UnsafeBufferPointer<UInt8>
        private var offset = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        var isAtEnd: Bool { offset == bytes.count }

        /// How many bytes are left: more than any count that is whole can need.
        var remaining: Int { bytes.count - offset }

        private mutating func take(_ count: Int) throws(Failure) -> UnsafeBufferPointer<UInt8> {
            guard count >= 0, count <= bytes.count - offset else { throw Failure(what: "it ends early, at byte \(offset)") }
            defer { offset += count }
            return UnsafeBufferPointer(rebasing: bytes[offset..<offset + count])
        }

        private mutating func fixed<T: FixedWidthInteger>(_: T.Type) throws(Failure) -> T {
            let raw = try take(MemoryLayout<T>.size)
            return T(littleEndian: UnsafeRawBufferPointer(raw).loadUnaligned(as: T.self))
        }

        mutating func u8() throws(Failure) -> UInt8 { try fixed(UInt8.self) }
        mutating func u32() throws(Failure) -> UInt32 { try fixed(UInt32.self) }
        mutating func u64() throws(Failure) -> UInt64 { try fixed(UInt64.self) }
        mutating func int() throws(Failure) -> Int { Int(truncatingIfNeeded: Int64(bitPattern: try u64())) }
        mutating func count() throws(Failure) -> Int { Int(try u32()) }

        mutating func string() throws(Failure) -> String {
            String(decoding: try take(try count()), as: UTF8.self)
        }

        mutating func optional() throws(Failure) -> String? {
            try u8() == 0 ? nil : try string()
        }

        /// A section ``Encoder/section(_:)`` wrote, to be read by a decoder of its own.
        mutating func section() throws(Failure) -> Self {
            let length = try u64()
            guard length <= UInt64(bytes.count - offset) else { throw Failure(what: "it ends early, at byte \(offset)") }
            return Self(try take(Int(length)))
        }

        mutating func strings() throws(Failure) -> [String] {
            let ends: [UInt32] = try rows()
            var start = 0
            let blob = try take(Int(ends.last ?? 0))
            var texts: [String] = []
            texts.reserveCapacity(ends.count)
            for end in ends {
                guard Int(end) >= start, Int(end) <= blob.count else { throw Failure(what: "a text outside its list") }
                texts.append(String(decoding: UnsafeBufferPointer(rebasing: blob[start..<Int(end)]), as: UTF8.self))
                start = Int(end)
            }
            return texts
        }

        mutating func rows<T: FixedWidthInteger>() throws(Failure) -> [T] {
            let count = try count()
            guard count <= (bytes.count - offset) / MemoryLayout<T>.size else { throw Failure(what: "it ends early, at byte \(offset)") }
            let raw = try take(count * MemoryLayout<T>.size)
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(raw))
                initialized = count
            }
        }

        mutating func flags() throws(Failure) -> [Bool] {
            let values: [UInt8] = try rows()
            guard values.allSatisfy({ $0 <= 1 }) else { throw Failure(what: "a flag that is neither 0 nor 1") }
            return values.map { $0 == 1 }
        }
    }
}

extension OrgIndexFile.Decoder.Failure {
    static func outside(_ what: String) -> Self { Self(what: "\(what) outside the org") }
}

extension Error {
    fileprivate var what: String { (self as? OrgIndexFile.Decoder.Failure)?.what ?? "\(self)" }
}

// MARK: The core as bytes

extension OrgCore {
    /// Writes every field of the core in three sections: the people, an id table of every id
    /// with this seed, and before them all the rest.
    fileprivate func encode(into out: inout OrgIndexFile.Encoder, idSeed: UInt64) {
        out.section { encodeAllButPeople(into: &$0) }
        out.section { out in
            out.strings(personIDs)
            out.rows(personName)
            out.rows(personStatus.map { UInt8(PersonStatus.allCases.firstIndex(of: $0)!) })
            out.rows(primary)
            out.flags(primaryDeclared)
            Self.encode(personAliases, into: &out) { out, aliases in out.strings(aliases) }
        }
        out.section { out in
            let table = Self.idTable(seed: idSeed, unitIDs, postIDs, personIDs)
            out.u64(table.seed)
            for count in [unitIDs.count, postIDs.count, personIDs.count] { out.count(count) }
            out.rows(table.slotsKept)
        }
    }

    private func encodeAllButPeople(into out: inout OrgIndexFile.Encoder) {
        out.optional(asOf?.description)
        out.optional(title)
        out.count(sources.count)
        for source in sources.values {
            out.string(source.id.rawValue)
            for field in [source.title, source.publisher, source.published, source.url, source.file, source.note] { out.optional(field) }
        }
        out.count(texts.count)
        for text in texts {
            out.count(text.values.count)
            for (language, value) in text.values {
                out.string(language)
                out.string(value)
            }
        }

        out.strings(unitIDs)
        out.rows(unitName)
        out.rows(unitParent)
        out.rows(unitHead)
        Self.encode(unitKind, into: &out) { $0.string($1) }

        out.strings(postIDs)
        out.rows(postTitle)
        out.rows(postUnit)
        out.flags(postIsHead)
        out.flags(postIsStaff)
        out.rows(writtenLine)
        out.rows(superior)
        out.flags(superiorImplied)
        out.count(cutCycles.count)
        for cycle in cutCycles { out.rows(cycle) }
        out.rows(holderStart)
        out.rows(holderRows)
        Self.encode(dotted, into: &out) { $0.rows($1) }
        Self.encode(danglingUnit, into: &out) { $0.string($1) }

        Self.encode(provenance, into: &out) { $0.provenance($1) }
        Self.encode(attributes, into: &out) { out, attributes in
            out.count(attributes.count)
            for (key, value) in attributes {
                out.string(key)
                out.string(value)
            }
        }
        Self.encode(lineProvenance, into: &out) { $0.provenance($1) }
        Self.encode(dottedProvenance, into: &out) { out, list in
            out.count(list.count)
            for provenance in list { out.provenance(provenance) }
        }
        out.count(warnings.count)
        for warning in warnings {
            out.u8(warning.severity == .error ? 1 : 0)
            out.string(warning.message)
            out.location(warning.location)
            out.count(warning.notes.count)
            for note in warning.notes {
                out.string(note.message)
                out.location(note.location)
            }
        }
    }

    /// A side table, its keys in order so that the same core gives the same bytes.
    private static func encode<Key: BinaryInteger, Value>(_ table: [Key: Value], into out: inout OrgIndexFile.Encoder,
                                                           _ value: (inout OrgIndexFile.Encoder, Value) -> Void) {
        out.count(table.count)
        for key in table.keys.sorted() {
            out.int(Int(key))
            value(&out, table[key]!)
        }
    }

    /// The people's columns, read apart from the rest of the org.
    fileprivate struct People: Sendable {
        var ids: [String], name: [Int32], status: [PersonStatus], primary: [Int32], declared: [Bool], aliases: [Int32: [String]]

        init(decoding input: inout OrgIndexFile.Decoder) throws(OrgIndexFile.Decoder.Failure) {
            ids = try input.strings()
            name = try input.rows()
            let statuses: [UInt8] = try input.rows()
            guard statuses.allSatisfy({ Int($0) < PersonStatus.allCases.count }) else { throw .init(what: "an unknown status") }
            status = statuses.map { PersonStatus.allCases[Int($0)] }
            primary = try input.rows()
            declared = try input.flags()
            aliases = try OrgCore.decode(&input) { (input: inout OrgIndexFile.Decoder) throws(OrgIndexFile.Decoder.Failure) in try input.strings() }
            guard input.isAtEnd else { throw .init(what: "bytes after the people") }
        }
    }

    /// The id table as kept, read and checked apart from the rest of the org, for the numbers
    /// of units, posts and people it was made for.
    fileprivate struct KeptIDs: Sendable {
        var table: IDTable, counts: [Int]

        init(decoding input: inout OrgIndexFile.Decoder) throws(OrgIndexFile.Decoder.Failure) {
            let seed = try input.u64()
            let counts = [try input.count(), try input.count(), try input.count(), 0]
            let slots: [UInt64] = try input.rows()
            guard input.isAtEnd,
                let table = IDTable(seed: seed, slots: slots, count: counts.reduce(0, +), isCode: { OrgCore.isCode($0, counts) })
            else { throw .init(what: "an id table that does not hold together") }
            (self.table, self.counts) = (table, counts)
        }
    }

    /// Takes the people and the id table read apart from the rest, and checks that every row the
    /// whole names is in the org.
    fileprivate mutating func adopt(_ people: People, _ kept: KeptIDs) throws(OrgIndexFile.Decoder.Failure) {
        (personIDs, personName, personStatus, primary, primaryDeclared, personAliases) =
            (people.ids, people.name, people.status, people.primary, people.declared, people.aliases)
        try checkRows()
        guard kept.counts == counts else { throw .init(what: "an id table that does not hold together") }
        ids = kept.table
    }

    /// The numbers of units, posts and people, then 0: the rows a code of each kind can name
    /// (kind 3 names none).
    private var counts: [Int] { [unitIDs.count, postIDs.count, personIDs.count, 0] }

    /// Whether a `row << 2 | kind` code names an element of an org with these ``counts``.
    /// Without a branch (a negative code is none), as each of an index's millions of id-table
    /// slots is asked, half of them empty, in no order a processor could guess.
    @inline(__always)
    static func isCode(_ code: Int, _ counts: [Int]) -> Bool {
        UInt(bitPattern: code >> 2) < UInt(bitPattern: counts[code & 3])
    }

    /// Reads all but the people and the id table, as ``encode(into:idSeed:)`` wrote it.
    fileprivate init(decoding input: inout OrgIndexFile.Decoder) throws(OrgIndexFile.Decoder.Failure) {
        typealias Failure = OrgIndexFile.Decoder.Failure
        self.init()
        if let day = try input.optional() {
            guard let parsed = Day(day) else { throw Failure(what: "a date that is not one") }
            asOf = parsed
        }
        title = try input.optional()
        for _ in 0..<(try input.count()) {
            let id = SourceID(try input.string())
            sources[id] = Source(id: id, title: try input.optional(), publisher: try input.optional(), published: try input.optional(),
                                 url: try input.optional(), file: try input.optional(), note: try input.optional())
        }
        let textCount = try input.count()
        texts.reserveCapacity(min(textCount, input.remaining))
        for _ in 0..<textCount {
            var values = LocalizedText().values
            for _ in 0..<(try input.count()) { values[try input.string()] = try input.string() }
            texts.append(LocalizedText(values))
        }

        unitIDs = try input.strings()
        unitName = try input.rows()
        unitParent = try input.rows()
        unitHead = try input.rows()
        unitKind = try Self.decode(&input) { (input: inout OrgIndexFile.Decoder) throws(Failure) in try input.string() }

        postIDs = try input.strings()
        postTitle = try input.rows()
        postUnit = try input.rows()
        postIsHead = try input.flags()
        postIsStaff = try input.flags()
        writtenLine = try input.rows()
        superior = try input.rows()
        superiorImplied = try input.flags()
        for _ in 0..<(try input.count()) { cutCycles.append(try input.rows()) }
        holderStart = try input.rows()
        holderRows = try input.rows()
        dotted = try Self.decode(&input) { (input: inout OrgIndexFile.Decoder) throws(Failure) in try input.rows() }
        danglingUnit = try Self.decode(&input) { (input: inout OrgIndexFile.Decoder) throws(Failure) in try input.string() }

        provenance = try Self.decode(&input) { (input: inout OrgIndexFile.Decoder) throws(Failure) in try input.provenance() }
        attributes = try Self.decode(&input) { (input: inout OrgIndexFile.Decoder) throws(Failure) in
            var attributes = Attributes()
            for _ in 0..<(try input.count()) { attributes[try input.string()] = try input.string() }
            return attributes
        }
        lineProvenance = try Self.decode(&input) { (input: inout OrgIndexFile.Decoder) throws(Failure) in try input.provenance() }
        dottedProvenance = try Self.decode(&input) { (input: inout OrgIndexFile.Decoder) throws(Failure) in
            var list: [Provenance] = []
            for _ in 0..<(try input.count()) { list.append(try input.provenance()) }
            return list
        }
        for _ in 0..<(try input.count()) {
            let severity: Diagnostic.Severity = try input.u8() == 1 ? .error : .warning
            var warning = Diagnostic(severity, try input.string(), at: try input.location())
            for _ in 0..<(try input.count()) { warning.notes.append(Diagnostic.Note(try input.string(), at: try input.location())) }
            warnings.append(warning)
        }
        guard input.isAtEnd else { throw Failure(what: "bytes after the org") }
    }

    fileprivate static func decode<Key: FixedWidthInteger, Value>(
        _ input: inout OrgIndexFile.Decoder, _ value: (inout OrgIndexFile.Decoder) throws(OrgIndexFile.Decoder.Failure) -> Value
    ) throws(OrgIndexFile.Decoder.Failure) -> [Key: Value] {
        let count = try input.count()
        var table: [Key: Value] = [:]
        table.reserveCapacity(min(count, input.remaining / 8))
        for _ in 0..<count {
            guard let key = Key(exactly: try input.int()) else { throw .outside("a row") }
            table[key] = try value(&input)
        }
        return table
    }

    /// Checks what the rest of OrgGraph takes for granted of a core (every column as long as its
    /// kind, every row named in its table, each person's declared primary post there; the
    /// solid lines, a forest, are checked before, by ``checkSolidLines()``), so that a damaged
    /// file is refused rather than crash a command.
    private func checkRows() throws(OrgIndexFile.Decoder.Failure) {
        typealias Failure = OrgIndexFile.Decoder.Failure
        let (units, posts, people, counts) = (unitIDs.count, postIDs.count, personIDs.count, counts)
        guard [unitName.count, unitParent.count, unitHead.count] == [units, units, units],
            [postTitle.count, postUnit.count, postIsHead.count, postIsStaff.count, writtenLine.count, superior.count, superiorImplied.count]
                == Array(repeating: posts, count: 7),
            [personName.count, personStatus.count, primary.count, primaryDeclared.count] == Array(repeating: people, count: 4),
            holderStart.count == posts + 1
        else { throw Failure(what: "a column of another length than its kind") }
        func inRange(_ rows: [Int32], _ count: Int, orNone: Bool) -> Bool {
            let low: Int32 = orNone ? -1 : 0
            return rows.allSatisfy { $0 >= low && Int($0) < count }
        }
        guard inRange(unitName, texts.count, orNone: false), inRange(postTitle, texts.count, orNone: false),
            inRange(personName, texts.count, orNone: false)
        else { throw .outside("a name or title") }
        guard inRange(unitParent, units, orNone: true), inRange(postUnit, units, orNone: true) else { throw .outside("a unit") }
        guard inRange(unitHead, posts, orNone: true), inRange(writtenLine, posts, orNone: true),
            inRange(primary, posts, orNone: true), cutCycles.allSatisfy({ inRange($0, posts, orNone: false) }),
            dotted.allSatisfy({ Int($0.key) < posts && $0.key >= 0 && inRange($0.value, posts, orNone: false) })
        else { throw .outside("a post") }
        guard holderStart.first == 0, holderStart.last.map(Int.init) == holderRows.count,
            zip(holderStart, holderStart.dropFirst()).allSatisfy({ $0 <= $1 }), inRange(holderRows, people, orNone: false)
        else { throw .outside("a holder") }
        guard zip(primary, primaryDeclared).allSatisfy({ $0 >= 0 || !$1 }) else { throw .outside("a declared primary post") }
        guard dottedProvenance.allSatisfy({ $0.value.count == dotted[$0.key]?.count }) else { throw .outside("a dotted line's provenance") }
        func keysIn<Value>(_ table: [Int32: Value], _ count: Int) -> Bool { table.keys.allSatisfy { $0 >= 0 && Int($0) < count } }
        guard keysIn(unitKind, units), keysIn(danglingUnit, posts), keysIn(personAliases, people), keysIn(lineProvenance, posts),
            keysIn(dottedProvenance, posts),
            provenance.keys.allSatisfy({ Self.isCode($0, counts) }), attributes.keys.allSatisfy({ Self.isCode($0, counts) })
        else { throw .outside("a side table's row") }
        guard HierarchyIndex.cycles(unitParent).isEmpty else { throw Failure(what: "units in a cycle") }
    }

    /// Checks the solid lines as ``checkRows()`` checks the rest (which it does not do again):
    /// each to a post of the org or none, and none in a cycle, as a hierarchy needs them.
    fileprivate func checkSolidLines() throws(OrgIndexFile.Decoder.Failure) {
        guard superior.count == postIDs.count else { throw .init(what: "a column of another length than its kind") }
        guard superior.allSatisfy({ $0 >= -1 && Int($0) < postIDs.count }) else { throw .outside("a post") }
        guard HierarchyIndex.cycles(superior).isEmpty else { throw .init(what: "solid lines in a cycle") }
    }

    /// An id table with this seed of these ids: the hashes of a kind first, then each slot
    /// asked for a few ids ahead of its insertion, since the table is far bigger than the caches.
    private static func idTable(seed: UInt64, _ unitIDs: [String], _ postIDs: [String], _ personIDs: [String]) -> IDTable {
        var ids = IDTable(seed: seed)
        ids.reserve(unitIDs.count + postIDs.count + personIDs.count)
        for (kind, list) in [(Kind.unit, unitIDs), (.post, postIDs), (.person, personIDs)] {
            let hashes = list.map(ids.hash)
            let ahead = IDTable.prefetchDistance
            for row in hashes.indices {
                if row + ahead < hashes.count { ids.prefetch(hashes[row + ahead]) }
                ids.insert(hashes[row], code: key(kind, row))
            }
        }
        return ids
    }
}

extension OrgIndexFile.Encoder {
    fileprivate mutating func provenance(_ provenance: Provenance) {
        optional(provenance.source?.source.rawValue)
        if let source = provenance.source { optional(source.locator) }
        u8(provenance.confidence.map { UInt8(Confidence.allCases.firstIndex(of: $0)! + 1) } ?? 0)
        optional(provenance.note)
    }

    fileprivate mutating func location(_ location: SourceLocation?) {
        u8(location == nil ? 0 : 1)
        if let location {
            string(location.file)
            int(location.line)
            int(location.column)
        }
    }
}

extension SourceMap {
    /// Writes the places, in the order of their keys.
    fileprivate func encode(into out: inout OrgIndexFile.Encoder) {
        out.string(file)
        for table in [places.elements, places.fields] {
            out.count(table.count)
            for key in table.keys.sorted() {
                out.string(key)
                out.location(table[key])
            }
        }
    }

    /// Reads what ``encode(into:)`` wrote, each place's file as `relocating` names it.
    fileprivate init(decoding input: inout OrgIndexFile.Decoder, relocating: (SourceLocation?) -> SourceLocation?) throws(OrgIndexFile.Decoder.Failure) {
        let file = try input.string()
        self.init(file: relocating(SourceLocation(file: file, line: 1, column: 1))?.file ?? file)
        var tables: [[String: SourceLocation]] = []
        for _ in 0..<2 {
            var table: [String: SourceLocation] = [:]
            for _ in 0..<(try input.count()) {
                let key = try input.string()
                table[key] = relocating(try input.location())
            }
            tables.append(table)
        }
        places = (tables[0], tables[1])
        guard input.isAtEnd else { throw .init(what: "bytes after the source map") }
    }
}

extension OrgIndexFile.Decoder {
    fileprivate mutating func provenance() throws(Failure) -> Provenance {
        var provenance = Provenance()
        if let source = try optional() { provenance.source = SourceReference(source: SourceID(source), locator: try optional()) }
        let confidence = Int(try u8())
        guard confidence <= Confidence.allCases.count else { throw Failure(what: "an unknown confidence") }
        provenance.confidence = confidence == 0 ? nil : Confidence.allCases[confidence - 1]
        provenance.note = try optional()
        return provenance
    }

    fileprivate mutating func location() throws(Failure) -> SourceLocation? {
        try u8() == 0 ? nil : SourceLocation(file: try string(), line: try int(), column: try int())
    }
}
