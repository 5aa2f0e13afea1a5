import Foundation
import Testing

@testable import OrgGraph

/// A write that fails part-way (a full disk) leaves the old file whole and nothing beside it.
@Suite struct OutputFileTests {
    /// Writes the first `limit` bytes, then fails as a full disk does.
    static func fullDisk(after limit: Int) -> OutputFile.Writer {
        var written = 0
        return { fd, buffer in
            guard written < limit else {
                errno = ENOSPC
                return -1
            }
            let count = Glibc.write(fd, buffer.baseAddress, min(buffer.count, limit - written))
            written += max(count, 0)
            return count
        }
    }

    static func folder() throws -> URL {
        let folder = testFiles.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func aFullDiskLeavesTheOldFileAndNoTemporaryFile() throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("org.yaml").path
        try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
        // In pieces, as a big export writes them: the disk fills in the second.
        let result = [Array(repeating: UInt8(ascii: "x"), count: 3_000), Array(repeating: UInt8(ascii: "y"), count: 97_000)]
        #expect {
            try OutputFile.write(result, to: path, inputs: [], writer: Self.fullDisk(after: 4096))
        } throws: { error in
            (error as? DiagnosticError)?.diagnostics.first?.message == "cannot write '\(path)': No space left on device; '\(path)' is unchanged"
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["org.yaml"])
    }

    @Test func piecesAreWrittenWholeAndInOrder() throws {
        let path = try Self.folder().appendingPathComponent("org.json").path
        try OutputFile.write(pieces: [Array("{\n".utf8), [], Array(repeating: UInt8(ascii: " "), count: 70_000), Array("}\n".utf8)], to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{\n" + String(repeating: " ", count: 70_000) + "}\n")
    }

    @Test func piecesMadeSideBySideAreWrittenInOrderAsTheyCome() throws {
        // Later pieces are made first, as a busy processor can; the file has them in order.
        let stream = SideBySide.stream(40) { index -> [UInt8] in
            usleep(UInt32(40 - index) * 200)
            return Array(repeating: UInt8(ascii: "a") + UInt8(index % 26), count: 100_000 + index)
        }
        let path = try Self.folder().appendingPathComponent("org.json").path
        try OutputFile.write(pieces: stream, to: path)
        let expected = (0..<40).flatMap { Array(repeating: UInt8(ascii: "a") + UInt8($0 % 26), count: 100_000 + $0) }
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }

    @Test func aHardLinkedFileIsRewrittenWholeFromTheResultBesideIt() throws {
        // Copied back in pieces of a megabyte: three and a bit of them.
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("org.json").path, other = folder.appendingPathComponent("other.json").path
        try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(link(path, other) == 0)
        let result = (0..<3_200_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        try OutputFile.write(pieces: [Array(result[..<1_000]), Array(result[1_000...])], to: path)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == result)
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: other))) == result)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["org.json", "other.json"])
    }

    @Test func aFullDiskMakesNoNewFile() throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("new.json").path
        #expect(throws: DiagnosticError.self) {
            try OutputFile.write([Array("{}".utf8)], to: path, inputs: [], writer: Self.fullDisk(after: 0))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func aHardLinkedFileOnAFullDiskIsUntouched() throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("org.yaml").path
        try "old contents\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(link(path, folder.appendingPathComponent("other.yaml").path) == 0)
        #expect(throws: DiagnosticError.self) {
            try OutputFile.write([Array(repeating: 120, count: 10_000)], to: path, inputs: [], writer: Self.fullDisk(after: 100))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old contents\n")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) == ["org.yaml", "other.yaml"])
    }

    @Test func aNewFileGetsTheUsualModeAndAReplacedOneKeepsItsOwn() throws {
        let folder = try Self.folder()
        let path = folder.appendingPathComponent("org.yaml").path
        let mask = umask(0o022)
        defer { umask(mask) }
        try OutputFile.write("a\n", to: path)
        var status = stat()
        stat(path, &status)
        #expect(status.st_mode & 0o7777 == 0o644)
        #expect(chmod(path, 0o600) == 0)
        try OutputFile.write("b\n", to: path)
        stat(path, &status)
        #expect(status.st_mode & 0o7777 == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "b\n")
    }
}

/// A long list written a piece at a time is, joined, exactly the document written whole.
@Suite struct StreamedJSONTests {
    @Test(arguments: [0, 1, 256, 257, 5_000])
    func aStreamedListIsTheListRenderedWhole(_ count: Int) {
        let items = (0..<count).map { JSONValue.object([("query", .string("chain e\($0)")), ("n", .int($0)), ("list", .array([.null, .bool(true)]))]) }
        var pieces: [[UInt8]] = []
        JSONValue.writeObject(key: "results", count: count, to: { pieces.append($0) }) { items[$0] }
        #expect(String(decoding: pieces.joined(), as: UTF8.self) == JSONValue.object([("results", .array(items))]).rendered())
        // The opening, a piece every 256 items (made side by side), the closing.
        if count > 0 { #expect(pieces.count == 2 + (count + 255) / 256) }
    }
}
