import Foundation
import Testing

@testable import OrgGraph

/// Index files: the org they hold is the org they were made from, they are never older than
/// their source, and a file that is not a whole index is an error, never a crash.
@Suite struct OrgIndexFileTests {
    /// A folder with a copy of `source` in it, named `name`.
    static func copy(_ source: String, as name: String) throws -> String {
        let folder = testFiles.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent(name).path
        try FileManager.default.copyItem(atPath: source, toPath: path)
        return path
    }

    /// Writes the index of the org file at `path` beside it and opens it again.
    static func indexed(_ path: String) throws -> (index: String, core: OrgCore, opened: OrgIndexFile.Opened) {
        let stamp = try #require(OrgIndexFile.stamp(of: path))
        let core = try OrgReference(path: path).loadCore().core
        let index = OrgIndexFile.defaultPath(for: path)
        try OrgIndexFile.write(core, source: path, stamp: stamp, to: index)
        return (index, core, try OrgIndexFile.open(index))
    }

    @Test(arguments: ["writer/every-field.yaml", "json-orgs/small.json"])
    func anIndexHoldsEveryFieldOfItsOrg(_ fixture: String) throws {
        let path = try Self.copy(Paths.fixtures.appendingPathComponent(fixture).path, as: (fixture as NSString).lastPathComponent)
        let (index, core, opened) = try Self.indexed(path)
        #expect(opened.state == .unchanged)
        let read = try #require(opened.core)
        #expect(read.org() == core.org())
        #expect(read.warnings == core.warnings)
        // Every id is found again, by the id table made anew.
        for (kind, ids) in [(OrgCore.Kind.unit, core.unitIDs), (.post, core.postIDs), (.person, core.personIDs)] {
            for (row, id) in ids.enumerated() { #expect(read.element(id)! == (kind, row)) }
        }
        // The same core gives the same bytes.
        let first = try Data(contentsOf: URL(fileURLWithPath: index))
        try OrgIndexFile.write(read, source: path, stamp: OrgIndexFile.stamp(of: path)!, to: index)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index)) == first)
    }

    @Test func kuaishouAndAGeneratedOrgAnswerFromTheirIndexAsFromTheirSource() throws {
        var generator = OrgGenerator(seed: 7)
        let csv = try CSVTests.write(Data(generator.table(people: 3000).csv().utf8), "big.csv")
        for path in [try Self.copy(Paths.kuaishou + "/2025-09-30.yaml", as: "k.yaml"), csv] {
            let (index, core, opened) = try Self.indexed(path)
            // Loaded for questions, with the hierarchy built while the index was read.
            let fromSource = QuerySource(core: core), fromIndex = try OrgReference(path: index).loadQuerySource().source
            guard case .org(_, let hierarchy, _, false) = opened.content else {
                Issue.record("the index of '\(path)' did not give its org")
                continue
            }
            #expect(hierarchy.parent == fromSource.hierarchy.parent)
            #expect(fromIndex.core.org() == core.org())
            let (built, read) = (fromSource.hierarchy, fromIndex.hierarchy)
            #expect(read.parent == built.parent && read.depth == built.depth)
            #expect(read.childStart == built.childStart && read.children == built.children)
            for row in stride(from: 0, to: core.personIDs.count, by: 7) {
                let person = PersonID(core.personIDs[row])
                guard let (post, holder) = fromSource.post(for: .person(person)) else { continue }
                #expect(fromIndex.chain(from: post, holder: holder) == fromSource.chain(from: post, holder: holder))
                #expect(fromIndex.reports(of: post, depth: nil, includeDotted: true) == fromSource.reports(of: post, depth: nil, includeDotted: true))
            }
        }
    }

    @Test func warningsAndTheirNotesAreKept() throws {
        let path = try Self.copy(Paths.fixtures.appendingPathComponent("writer/every-field.yaml").path, as: "org.yaml")
        var core = try OrgReference(path: path).loadCore().core
        core.warnings = [Diagnostic(.warning, "a warning with notes", at: SourceLocation(file: path, line: 3, column: 7),
                                    notes: [.init("first defined here", at: SourceLocation(file: path, line: 1, column: 1)), .init("no place", at: nil)]),
                         Diagnostic(.warning, "a warning without a place", at: nil)]
        try OrgIndexFile.write(core, source: path, stamp: OrgIndexFile.stamp(of: path)!, to: path + ".orgindex")
        #expect(try OrgIndexFile.open(path + ".orgindex").core?.warnings == core.warnings)
    }

    @Test func aChangedSourceIsReadAgainAndTheIndexMadeAgain() throws {
        let path = try CSVTests.write(Data("id,name,manager_id,title\n1,Ann Lee,,CEO\n2,Bo Chen,1,CTO\n3,Cy Wu,2,Engineer\n".utf8), "org.csv")
        let (index, _, _) = try Self.indexed(path)
        // The same size, one byte other: Cy now reports to Ann.
        try Data("id,name,manager_id,title\n1,Ann Lee,,CEO\n2,Bo Chen,1,CTO\n3,Cy Wu,1,Engineer\n".utf8).write(to: URL(fileURLWithPath: path))
        guard case .changed = try OrgIndexFile.open(index).state else { Issue.record("the change was not seen"); return }
        let (core, warnings, _) = try OrgReference(path: index).loadCore()
        #expect(warnings.isEmpty)
        let source = QuerySource(core: core)
        let (post, person) = try source.post(named: "3")
        #expect(source.chain(from: post, holder: person).map(\.person?.rawValue) == ["3", "1"])
        // The index was made again, and answers alone now.
        let again = try OrgIndexFile.open(index)
        #expect(again.state == .unchanged)
        #expect(again.core?.org() == core.org())
    }

    @Test func aMissingSourceIsAWarningAndTheIndexAnswers() throws {
        let path = try CSVTests.write(Data("id,name,manager_id\n1,Ann Lee,\n2,Bo Chen,1\n".utf8), "org.csv")
        let (index, core, _) = try Self.indexed(path)
        try FileManager.default.removeItem(atPath: path)
        let (read, warnings, _) = try OrgReference(path: index).loadCore()
        #expect(read.org() == core.org())
        #expect(warnings.map(\.description) == ["warning: '\(path)', the org '\(index)' was made from, is gone or cannot be read; the answers are the index's, as the org was when it was made"])
    }

    @Test func theSourceIsFoundFromTheIndexFolderWhereverTheIndexIs() throws {
        let path = try CSVTests.write(Data("id,name,manager_id\n1,Ann Lee,\n2,Bo Chen,1\n".utf8), "org.csv")
        let folder = (path as NSString).deletingLastPathComponent
        let elsewhere = folder + "/indexes/deeper"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        let core = try OrgReference(path: path).loadCore().core
        try OrgIndexFile.write(core, source: path, stamp: OrgIndexFile.stamp(of: path)!, to: elsewhere + "/org.orgindex")
        let opened = try OrgIndexFile.open(elsewhere + "/org.orgindex")
        #expect(opened.state == .unchanged)
        #expect(opened.source == elsewhere + "/../../org.csv")
    }

    /// An error that names the file and says what to do; never a crash.
    static func refusal(_ bytes: [UInt8]) throws -> String {
        let path = try CSVTests.write(Data(bytes), "bad.orgindex")
        do {
            _ = try OrgReference(path: path).loadCore()
            Issue.record("'\(path)' was read")
            return ""
        } catch {
            return error.diagnostics.map(\.description).joined(separator: "\n").replacingOccurrences(of: path, with: "FILE")
        }
    }

    @Test func aFileThatIsNotAWholeIndexIsRefused() throws {
        let path = try CSVTests.write(Data("id,name,manager_id\n1,Ann Lee,\n2,Bo Chen,1\n".utf8), "org.csv")
        let (index, _, _) = try Self.indexed(path)
        let good = try [UInt8](Data(contentsOf: URL(fileURLWithPath: index)))
        let remake = "make it again with 'orggraph index' of its org"
        #expect(try Self.refusal(Array("id,name\n1,Ann\n".utf8)) == "error: 'FILE' is not an OrgGraph index file; 'orggraph index ORG' makes one")
        #expect(try Self.refusal([]) == "error: 'FILE' is not an OrgGraph index file; 'orggraph index ORG' makes one")
        var flipped = good
        flipped[good.count - 5] ^= 0x10
        #expect(try Self.refusal(flipped) == "error: 'FILE' is not a whole index file (its bytes do not match their hash); \(remake)")
        #expect(try Self.refusal(Array(good.dropLast(3))) == "error: 'FILE' is not a whole index file (its length is not the one written); \(remake)")
        var newer = good
        newer[8] = 3
        #expect(try Self.refusal(newer) == "error: 'FILE' is an index file of format 3, which this version of OrgGraph (format 2) cannot read; \(remake)")
    }

    /// An index of an older format (as OrgGraph before this one wrote) is made again from its
    /// source, as an index made by another version is; without its source it is an error.
    @Test func anIndexOfAnOlderFormatIsMadeAgain() throws {
        let path = try CSVTests.write(Data("id,name,manager_id\n1,Ann Lee,\n2,Bo Chen,1\n".utf8), "org.csv")
        let (index, _, _) = try Self.indexed(path)
        var older = try [UInt8](Data(contentsOf: URL(fileURLWithPath: index)))
        older[8] = 1
        try Data(older).write(to: URL(fileURLWithPath: index))
        guard case .changed = try OrgIndexFile.open(index).state else { Issue.record("an older format was not made again"); return }
        #expect(try OrgReference(path: index).loadCore().core.personIDs == ["1", "2"])
        #expect(try OrgIndexFile.open(index).state == .unchanged)
        #expect(try Data(contentsOf: URL(fileURLWithPath: index))[8] == UInt8(OrgIndexFile.version))
        try Data(older).write(to: URL(fileURLWithPath: index))
        try FileManager.default.removeItem(atPath: path)
        #expect(throws: DiagnosticError.self) { try OrgIndexFile.open(index) }
    }

    /// A file whose hash matches but whose rows do not hold together (written on purpose, or
    /// by a bug) is refused with what is wrong.
    @Test func rowsOutsideTheOrgAreRefused() throws {
        let path = try CSVTests.write(Data("id,name,manager_id,department\n1,Ann Lee,,Sales\n2,Bo Chen,1,Sales\n3,Cy Wu,2,Ops\n".utf8), "org.csv")
        let core = try OrgReference(path: path).loadCore().core
        func refused(_ change: (inout OrgCore) -> Void) throws -> String {
            var broken = core
            change(&broken)
            try OrgIndexFile.write(broken, source: path, stamp: OrgIndexFile.stamp(of: path)!, to: path + ".orgindex")
            do {
                _ = try OrgIndexFile.open(path + ".orgindex")
                return "read"
            } catch {
                return error.diagnostics[0].message.replacingOccurrences(of: path, with: "FILE")
            }
        }
        let remake = "make it again with 'orggraph index' of its org"
        #expect(try refused { $0.unitParent[0] = 7 } == "'FILE.orgindex' is not a whole index file (a unit outside the org); \(remake)")
        #expect(try refused { $0.superior[1] = 9 } == "'FILE.orgindex' is not a whole index file (a post outside the org); \(remake)")
        #expect(try refused { $0.superior[1] = -2 } == "'FILE.orgindex' is not a whole index file (a post outside the org); \(remake)")
        #expect(try refused { $0.superior.removeLast() } == "'FILE.orgindex' is not a whole index file (a column of another length than its kind); \(remake)")
        #expect(try refused { $0.superior[0] = 1; $0.superior[1] = 0 } == "'FILE.orgindex' is not a whole index file (solid lines in a cycle); \(remake)")
        #expect(try refused { $0.holderRows[0] = 9 } == "'FILE.orgindex' is not a whole index file (a holder outside the org); \(remake)")
        #expect(try refused { $0.personName[2] = -1 } == "'FILE.orgindex' is not a whole index file (a name or title outside the org); \(remake)")
        #expect(try refused { $0.primaryDeclared[0] = true; $0.primary[0] = -1 } == "'FILE.orgindex' is not a whole index file (a declared primary post outside the org); \(remake)")
        #expect(try refused { $0.dotted[0] = [1]; $0.dottedProvenance[0] = [] } == "'FILE.orgindex' is not a whole index file (a dotted line's provenance outside the org); \(remake)")
        #expect(try refused { $0.unitParent[0] = 1; $0.unitParent[1] = 0 } == "'FILE.orgindex' is not a whole index file (units in a cycle); \(remake)")
        #expect(try refused { $0.postIsStaff.removeLast() } == "'FILE.orgindex' is not a whole index file (a column of another length than its kind); \(remake)")
        #expect(try refused { $0.provenance[99 << 2 | 2] = Provenance(note: "x") } == "'FILE.orgindex' is not a whole index file (a side table's row outside the org); \(remake)")
        #expect(try refused { _ in } == "read")
    }

    /// An index that names an index as its source would be read again and again: refused.
    @Test func anIndexOfAnIndexIsRefused() throws {
        let path = try CSVTests.write(Data("id,name,manager_id\n1,Ann Lee,\n2,Bo Chen,1\n".utf8), "org.csv")
        let (index, core, _) = try Self.indexed(path)
        try OrgIndexFile.write(core, source: index, stamp: OrgIndexFile.stamp(of: index)!, to: path + ".again.orgindex")
        do {
            _ = try OrgIndexFile.open(path + ".again.orgindex")
            Issue.record("an index of an index was opened")
        } catch {
            #expect(error.diagnostics.map(\.message) == ["'\(path).again.orgindex' is not a whole index file (its source is an index file); make it again with 'orggraph index' of its org"])
        }
    }

    /// A source named through a link is the link: pointed at another file, the index follows.
    @Test func aLinkedSourceIsFollowedByItsName() throws {
        let first = try CSVTests.write(Data("id,name,manager_id\n1,Ann Lee,\n2,Bo Chen,1\n".utf8), "first.csv")
        let folder = (first as NSString).deletingLastPathComponent
        try Data("id,name,manager_id\n1,Ann Lee,\n2,Bo Chen,1\n3,Cy Wu,1\n".utf8).write(to: URL(fileURLWithPath: folder + "/second.csv"))
        let link = folder + "/current.csv"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "first.csv")
        let (index, _, opened) = try Self.indexed(link)
        #expect(opened.state == .unchanged && opened.source == link)
        try FileManager.default.removeItem(atPath: link)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "second.csv")
        guard case .changed = try OrgIndexFile.open(index).state else { Issue.record("the new target was not seen"); return }
        #expect(try OrgReference(path: index).loadCore().core.personIDs == ["1", "2", "3"])
    }

    /// Warnings name the source as `index` was given it; read from the index, they name it as the
    /// index finds it, from any folder.
    @Test func warningsNameTheSourceAsTheIndexFindsIt() throws {
        let path = try CSVTests.write(Data("id,name,manager_id\n1,Ann Lee,\n1,Bo Chen,\n".utf8), "org.csv")
        let relative = OrgIndexFile.relativePath(from: FileManager.default.currentDirectoryPath, to: path)
        #expect(!relative.hasPrefix("/"))
        let stamp = try #require(OrgIndexFile.stamp(of: relative))
        let (core, warnings, _) = try OrgReference(path: relative).loadCore()
        #expect(warnings.first?.location?.file == relative)
        try OrgIndexFile.write(core, source: relative, stamp: stamp, to: path + ".orgindex")
        let read = try #require(try OrgIndexFile.open(path + ".orgindex").core)
        #expect(read.warnings.map(\.location?.file) == warnings.map { _ in path })
        #expect(read.warnings.map(\.message) == warnings.map(\.message))
    }

    /// Any bytes in the payload of a file whose hash matches (as a bug or a forger could write
    /// them): an error, or an org every query can answer from; never a crash or a hang. (Run
    /// with 30,000 rounds, this found `reports` following a post found again by its id, which a
    /// second post with the same id made endless; it follows rows now.)
    @Test func mangledPayloadsAreRefusedOrAnswerWithoutCrashing() throws {
        var generator = OrgGenerator(seed: 3)
        let csv = try CSVTests.write(Data(generator.table(people: 60).csv().utf8), "small.csv")
        let (index, _, _) = try Self.indexed(csv)
        let whole = try [UInt8](Data(contentsOf: URL(fileURLWithPath: index)))
        let payload = Array(whole[OrgIndexFile.headerSize...])
        var random = SplitMix64(seed: 9)
        var (refused, read) = (0, 0)
        for round in 0..<600 {
            var mangled = payload
            let changes = 1 + Int(random.next() % 4)
            for _ in 0..<changes {
                let at = Int(random.next() % UInt64(mangled.count))
                switch round % 3 {
                case 0: mangled[at] ^= UInt8(1 << (random.next() % 8))
                case 1: mangled[at] = UInt8(truncatingIfNeeded: random.next())
                default: mangled[at] = [0, 0xFF, 0x7F, 0x80][Int(random.next() % 4)]
                }
            }
            if round % 50 == 49 { mangled.removeLast(Int(random.next() % 40)) }
            let path = index + ".mangled.orgindex"
            try Data(OrgIndexFile.header(of: mangled) + mangled).write(to: URL(fileURLWithPath: path))
            guard let opened = try? OrgIndexFile.open(path), let core = opened.core else {
                refused += 1
                continue
            }
            read += 1
            // Everything a command does with an org: its values, its questions, its export.
            let source = QuerySource(core: core)
            _ = core.org()
            _ = source.stats()
            for row in core.personIDs.indices {
                if let (post, person) = source.post(for: .person(PersonID(core.personIDs[row]))) {
                    _ = source.chain(from: post, holder: person)
                    _ = source.reports(of: post, depth: nil, includeDotted: true)
                }
                _ = core.lookup(core.personIDs[row])
            }
            _ = OrgFile.jsonPieces(core).reduce(0) { $0 + $1.count }
        }
        #expect(refused > 0 && read > 0, "refused \(refused), read \(read)")
    }

    /// An index of a YAML org keeps where each element was written: a name not found gets the
    /// same notes, each at its place in the source.
    @Test func anIndexOfAYAMLOrgKeepsItsSourceMap() throws {
        let path = try Self.copy(Paths.kuaishou + "/2025-09-30.yaml", as: "k.yaml")
        let stamp = try #require(OrgIndexFile.stamp(of: path))
        let (core, _, sourceMap) = try OrgReference(path: path).loadCore()
        let map = try #require(sourceMap)
        try OrgIndexFile.write(core, source: path, stamp: stamp, sourceMap: map, to: path + ".orgindex")
        let (read, _, readMap) = try OrgReference(path: path + ".orgindex").loadCore()
        #expect(readMap == map)
        func notes(_ source: QuerySource) -> [String] {
            do {
                _ = try source.element(named: "liu")
                return []
            } catch {
                return error.diagnostics.flatMap(\.notes).map(\.description)
            }
        }
        let expected = notes(QuerySource(core: core, sourceMap: map))
        #expect(!expected.isEmpty && expected.allSatisfy { $0.hasPrefix(path + ":") })
        #expect(notes(QuerySource(core: read, sourceMap: readMap)) == expected)
        // A CSV keeps none.
        let csv = try CSVTests.write(Data("id,name,manager_id\n1,Ann Lee,\n".utf8), "org.csv")
        let (_, _, opened) = try Self.indexed(csv)
        guard case .org(_, _, let kept, _) = opened.content else { Issue.record("the index did not give its org"); return }
        #expect(kept == nil)
    }
}
