import Testing

@testable import OrgGraph

/// The id table against a dictionary: the same codes found after any run of inserts and removes.
@Suite struct IDTableTests {
    /// A small table (many collisions, runs that wrap around its end) and a big one, with ids
    /// that share long prefixes, as exports' do.
    @Test(arguments: [(seed: UInt64(1), ids: 40), (seed: 2, ids: 3_000)])
    func findsWhatADictionaryFinds(seed: UInt64, ids: Int) {
        var random = SplitMix64(seed: seed)
        let names = (0..<ids).map { "post.employee-\($0 * 7919 % 100_003)-\($0 % 3 == 0 ? "x" : "")" }
        var table = IDTable()
        var expected: [String: Int] = [:]
        var codeOwner: [Int: String] = [:]
        func find(_ id: String) -> Int? { table.find(IDTable.hash(id)) { codeOwner[$0] == id } }
        var nextCode = 0
        for _ in 0..<(ids * 6) {
            let name = names[Int(random.next() % UInt64(ids))]
            if let code = expected[name], random.next() % 3 == 0 {
                table.remove(IDTable.hash(name), code: code)
                expected[name] = nil
                codeOwner[code] = nil
            } else if expected[name] == nil {
                table.insert(IDTable.hash(name), code: nextCode)
                expected[name] = nextCode
                codeOwner[nextCode] = name
                nextCode += 1
            }
            #expect(table.count == expected.count)
        }
        for name in names { #expect(find(name) == expected[name], "\(name)") }
        #expect(find("") == nil)
        #expect(find("post.employee-") == nil)
    }

    /// An id of any length and content hashes by all of its bytes.
    @Test func hashesEveryByte() {
        let base = String(repeating: "a", count: 37)
        var seen: Set<UInt64> = [IDTable.hash(base)]
        for index in 0..<37 {
            var bytes = Array(base.utf8)
            bytes[index] = UInt8(ascii: "b")
            #expect(seen.insert(IDTable.hash(String(decoding: bytes, as: UTF8.self))).inserted, "byte \(index)")
        }
        #expect(IDTable.hash("刘逍") != IDTable.hash("刘逍 "))
    }

    /// The builder stores each text once, as `==` tells texts apart: English given as a string
    /// or as a text is one text, as are canonically equivalent wordings; other languages, orders
    /// or wordings are not. Thousands of texts, most of them different, as people's names are.
    @Test func theBuilderStoresEachTextOnce() {
        var builder = OrgBuilder()
        let empty = builder.intern(LocalizedText())
        #expect(builder.intern(english: "") == empty)
        let jose = builder.intern(english: "Jos\u{E9}")
        #expect(builder.intern(LocalizedText(en: "Jose\u{301}")) == jose)
        #expect(builder.intern(LocalizedText(["zh": "Jos\u{E9}"])) != jose)
        let both = builder.intern(LocalizedText(zh: "刘逍", en: "Liu Xiao"))
        #expect(builder.intern(LocalizedText(["en": "Liu Xiao", "zh": "刘逍"])) != both)
        #expect(builder.intern(LocalizedText(zh: "刘逍", en: "Liu Xiao")) == both)
        #expect(builder.intern(LocalizedText(zh: "刘逍")) != both)
        var first: [String: Int32] = [:]
        for index in 0..<5_000 {
            let name = "Person \(index * 7919 % 4_001)"
            let interned = builder.intern(english: name)
            #expect(interned == first[name, default: interned], "\(name)")
            first[name] = interned
            #expect(builder.core.texts[Int(interned)] == LocalizedText(en: name))
        }
        // The empty text, José, the three texts of Liu Xiao, the other José, and the names.
        #expect(builder.core.texts.count == 6 + first.count)
    }

    /// Ids are the same id when Swift's `==` says so (canonical equivalence), whatever bytes
    /// they were written with: a duplicate is found and a reference resolves.
    @Test func canonicallyEquivalentIDsAreOne() throws {
        for (written, referred) in [("jos\u{E9}", "jose\u{301}"), ("K", "\u{212A}"), ("\u{D55C}", "\u{1112}\u{1161}\u{11AB}")] {
            #expect(IDTable.hash(written) == IDTable.hash(referred), "\(written.unicodeScalars.map(\.value))")
            let duplicate = "units:\n  - id: \(written)\n    name: A\n  - id: \(referred)\n    name: B\n"
            #expect(throws: DiagnosticError.self) { try OrgFile.parse(duplicate, file: "org.yaml") }
            let org = "units:\n  - id: \(written)\n    name: A\nposts:\n  - id: p\n    title: T\n    unit: \(referred)\n"
            #expect(try OrgFile.parse(org, file: "org.yaml").org.posts.count == 1)
        }
    }

    /// The core renames through the table: the old id is gone, the new one found.
    @Test func coreRenames() {
        var core = OrgCore()
        var builder = OrgBuilder()
        for index in 0..<100 {
            builder.addUnit(id: Reference(id: "u\(index)", at: -1), name: builder.intern(LocalizedText(en: "U\(index)")), kind: nil,
                            parent: nil, provenance: ProvenanceInput(), attributes: [:], at: -1)
        }
        core = builder.finish()
        core.changeIDs((0..<50).map { (from: "u\($0)", to: "unit-\($0)") })
        #expect(core.element("u3") == nil)
        #expect(core.element("unit-3")?.row == 3)
        #expect(core.element("u77")?.row == 77)
        #expect(core.unitIDs[49] == "unit-49")
    }

    /// Kept elements are found however far leavers and joiners shift them, from any row; an id
    /// that left, or that names another kind, is found as none.
    @Test func keptRowsAreFoundAcrossShifts() {
        func core(_ ids: [String]) -> OrgCore {
            var builder = OrgBuilder()
            builder.addUnit(id: Reference(id: "u", at: -1), name: builder.intern(LocalizedText(en: "U")), kind: nil,
                            parent: nil, provenance: ProvenanceInput(), attributes: [:], at: -1)
            for id in ids {
                builder.addPerson(id: Reference(id: id, at: -1), name: builder.intern(LocalizedText(en: id)), aliases: [], status: .active,
                                  primary: nil, provenance: ProvenanceInput(), attributes: [:], at: -1)
            }
            return builder.finish()
        }
        let old = core((0..<40).map { "p\($0)" })
        // p3 and p4 left, p20 to p22 left, two joined near the start and one near the end.
        let newIDs = ["p0", "j1", "p1", "p2", "j2"] + (5..<20).map { "p\($0)" } + (23..<40).map { "p\($0)" } + ["j3"]
        var kept = KeptRows(of: .person, in: old)
        let found = newIDs.indices.map { kept.row(of: newIDs[$0], from: $0) }
        #expect(found == newIDs.map { id in id.hasPrefix("p") ? Int(id.dropFirst()) : nil })
        var mixed = KeptRows(of: .person, in: old)
        #expect(mixed.row(of: "u", from: 0) == nil)
        #expect(mixed.row(of: "p39", from: 0) == 39)
        #expect(mixed.row(of: "p38", from: 1000) == 38)
    }

    /// A table kept in a file is taken back as it was, with its own seed, and only when it holds
    /// together: a size that is a power of two, an empty slot (else a miss would never end), every
    /// code one the org has, as many full slots as it says.
    @Test func aKeptTableIsTakenBackOnlyWhole() throws {
        var table = IDTable(seed: 12345)
        let ids = (0..<100).map { "e\($0)" }
        for (code, id) in ids.enumerated() { table.insert(table.hash(id), code: code) }
        let kept = try #require(IDTable(seed: table.seed, slots: table.slotsKept, count: table.count, isCode: { $0 < 100 }))
        for (code, id) in ids.enumerated() {
            #expect(kept.find(kept.hash(id)) { ids[$0] == id } == code)
        }
        #expect(kept.hash("e1") != IDTable().hash("e1"))
        #expect(IDTable(seed: 1, slots: table.slotsKept, count: table.count, isCode: { $0 < 99 }) == nil)
        #expect(IDTable(seed: 1, slots: table.slotsKept, count: table.count - 1, isCode: { _ in true }) == nil)
        #expect(IDTable(seed: 1, slots: Array(table.slotsKept.dropLast()), count: table.count, isCode: { _ in true }) == nil)
        #expect(IDTable(seed: 1, slots: [1, 2, 3, 4], count: 4, isCode: { _ in true }) == nil)
        #expect(IDTable(seed: 1, slots: [], count: 0, isCode: { _ in true }) != nil)
        // A run of full slots longer than any table this process fills, wrapping around the end
        // or not, would make every look-up that lands in it walk it.
        let long = IDTable.longestRun + 1
        let run = (0..<long).map { UInt64($0 + 1) }
        var slots = run + [UInt64](repeating: 0, count: 2 * long)
        #expect(IDTable(seed: 1, slots: slots + [UInt64](repeating: 0, count: (1 << 14) - slots.count), count: long, isCode: { _ in true }) == nil)
        slots = Array(run[..<10]) + [UInt64](repeating: 0, count: (1 << 14) - long) + Array(run[10...])
        #expect(IDTable(seed: 1, slots: slots, count: long, isCode: { _ in true }) == nil)
        slots = Array(run[..<10]) + [0] + [UInt64](repeating: 0, count: (1 << 14) - long) + Array(run[10...].dropLast())
        #expect(IDTable(seed: 1, slots: slots, count: long - 1, isCode: { _ in true }) != nil)
    }

    /// Arrays asked for in huge pages are zeros, below and above the size that asks, and a
    /// table that big finds every id it was given.
    @Test func bigTablesAreZeroedAndFindTheirIDs() {
        for count in [0, 1, LargeMemory.threshold / 8 - 1, LargeMemory.threshold / 8 + 4097] {
            let zeros: [UInt64] = LargeMemory.zeroed(count: count)
            #expect(zeros.count == count && zeros.allSatisfy { $0 == 0 })
        }
        var table = IDTable()
        let ids = (0..<400_000).map { "e\($0)" }
        table.reserve(ids.count)
        for (code, id) in ids.enumerated() { table.insert(IDTable.hash(id), code: code) }
        #expect(ids.indices.allSatisfy { code in table.find(IDTable.hash(ids[code])) { $0 == code } == code })
    }
}
