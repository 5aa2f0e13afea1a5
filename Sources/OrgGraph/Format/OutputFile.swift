import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one way a command writes its result, whatever the command and the format.
///
/// - `-` is standard output.
/// - A device, FIFO, socket or pipe (`/dev/null`, `/dev/stdout`, `>(cmd)`) is written through,
///   never replaced by a regular file.
/// - A regular file, reached through any symlinks, is replaced atomically: the result goes to a
///   temporary file beside it, which takes the old file's mode, owner and group and is then
///   renamed over it. A reader sees the old contents or the new, never half a file, and on any
///   failure (a full disk included) the old file is unchanged and the temporary file removed.
/// - A file with other hard links is rewritten in place once the result has been written in
///   full beside it, so that every name keeps seeing the same file.
/// - An output that is one of the command's inputs (or a file of an input folder, which a
///   timeline reads; its subfolders it does not) is refused:
///   writing it would lose what the user wrote.
public enum OutputFile {
    /// Writes `text` to `path` (`-` for standard output).
    /// - Parameters:
    ///   - text: what to write.
    ///   - path: where: a file, a device or FIFO, or `-`.
    ///   - inputs: the files and folders the command read; an output naming one is an error.
    public static func write(_ text: String, to path: String, inputs: [String] = []) throws(DiagnosticError) {
        try write(Array(text.utf8), to: path, inputs: inputs)
    }

    /// Writes `bytes` the same way.
    public static func write(_ bytes: [UInt8], to path: String, inputs: [String] = []) throws(DiagnosticError) {
        try write(pieces: [bytes], to: path, inputs: inputs)
    }

    /// Writes the bytes of `pieces`, one after another, the same way, without joining them first:
    /// each piece is written as the sequence hands it over (and may be freed after), so pieces
    /// still being made are written as they come.
    public static func write(pieces: some Sequence<[UInt8]>, to path: String, inputs: [String] = []) throws(DiagnosticError) {
        try write(pieces, to: path, inputs: inputs, writer: system)
    }

    /// Writes `text` to standard error, as `-` writes standard output: a standard error that
    /// cannot take it (a full disk, a closed descriptor) is an error, not a crash.
    public static func writeToStandardError(_ text: String) throws(DiagnosticError) {
        try writeAll([Array(text.utf8)], to: 2, writer: system, path: "standard error")
    }

    /// How bytes reach a file descriptor: `write(2)`, or a stand-in that fails, in tests.
    typealias Writer = (Int32, UnsafeRawBufferPointer) -> Int

    private static func system(_ fd: Int32, _ buffer: UnsafeRawBufferPointer) -> Int { Glibc.write(fd, buffer.baseAddress, buffer.count) }

    static func write(_ bytes: some Sequence<[UInt8]>, to path: String, inputs: [String], writer: Writer) throws(DiagnosticError) {
        if path == "-" {
            try writeAll(bytes, to: 1, writer: writer, path: "standard output")
            return
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            // A new file (or a symlink to one still to be made): made atomically like any other.
            try replace(at: try newFileTarget(path), bytes: bytes, keeping: nil, writer: writer, named: path)
            return
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            throw DiagnosticError(.error("'\(path)' is a folder; name a file to write", at: nil))
        }
        guard (status.st_mode & S_IFMT) == S_IFREG else {
            try writeThrough(path, bytes: bytes, writer: writer)
            return
        }
        try refuseInput(path, status: status, inputs: inputs)
        let target = realPath(path) ?? path
        if status.st_nlink > 1 {
            try rewriteInPlace(target, bytes: bytes, writer: writer, named: path)
        } else {
            try replace(at: target, bytes: bytes, keeping: status, writer: writer, named: path)
        }
    }

    // MARK: Ways of writing

    /// A device, FIFO or pipe: opened for writing and written, as a shell's `>` would.
    private static func writeThrough(_ path: String, bytes: some Sequence<[UInt8]>, writer: Writer) throws(DiagnosticError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        try writeAll(bytes, to: fd, writer: writer, path: path)
    }

    /// Writes a temporary file beside `target` and renames it over `target`, giving it the old
    /// file's mode, owner and group when there is one.
    private static func replace(at target: String, bytes: some Sequence<[UInt8]>, keeping old: stat?, writer: Writer, named path: String) throws(DiagnosticError) {
        let temporary = try writeTemporary(beside: target, bytes: bytes, keeping: old, writer: writer, named: path)
        if rename(temporary, target) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(path, code, unchanged: old != nil)
        }
    }

    /// A file with other names: the result is written in full beside it first (so that a full
    /// disk is found before the file is touched), then copied from there into it.
    private static func rewriteInPlace(_ target: String, bytes: some Sequence<[UInt8]>, writer: Writer, named path: String) throws(DiagnosticError) {
        let temporary = try writeTemporary(beside: target, bytes: bytes, keeping: nil, writer: writer, named: path)
        let fd = open(target, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let code = errno
            unlink(temporary)
            throw failure(path, code, unchanged: true)
        }
        defer { close(fd) }
        do throws(DiagnosticError) {
            let result = FileChunks(path: temporary)
            var written = stat()
            guard result.opened, stat(temporary, &written) == 0, ftruncate(fd, 0) == 0 else { throw failure(path, errno, unchanged: true) }
            try writeAll(result, to: fd, writer: writer, path: path)
            if result.failure != 0 { throw failure(path, result.failure) }
            // Whatever else cut the copy short.
            var copied = stat()
            guard fstat(fd, &copied) == 0 else { throw failure(path, errno) }
            guard copied.st_size == written.st_size else { throw failure(path, EIO) }
            guard fsync(fd) == 0 else { throw failure(path, errno) }
        } catch {
            // The file may be cut short; the full result is kept beside it.
            throw DiagnosticError(.error("\(error.diagnostics[0].message); the full result is in '\(temporary)'", at: nil))
        }
        unlink(temporary)
    }

    /// A new file beside `target`, holding `bytes`, synced; removed again on any failure.
    private static func writeTemporary(beside target: String, bytes: some Sequence<[UInt8]>, keeping old: stat?, writer: Writer, named path: String) throws(DiagnosticError) -> String {
        let url = URL(fileURLWithPath: target)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UUID().uuidString.prefix(8))").path
        // A new file gets the usual mode (0666 less the umask); a replaced one its old mode.
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, old == nil ? 0o666 : 0o600)
        guard fd >= 0 else { throw failure(path, errno, unchanged: old != nil) }
        do throws(DiagnosticError) {
            try writeAll(bytes, to: fd, writer: writer, path: path)
            if let old {
                // Owner first (a change of owner clears set-id bits), then the mode. Only root may
                // give a file to someone else; anyone else keeps what they can.
                if fchown(fd, old.st_uid, old.st_gid) != 0, errno != EPERM { throw failure(path, errno) }
                guard fchmod(fd, old.st_mode & 0o7777) == 0 else { throw failure(path, errno) }
            }
            guard fsync(fd) == 0 else { throw failure(path, errno) }
        } catch {
            close(fd)
            unlink(temporary)
            var diagnostic = error.diagnostics[0]
            if old != nil { diagnostic.message += "; '\(path)' is unchanged" }
            throw DiagnosticError(diagnostic)
        }
        guard close(fd) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure(path, code, unchanged: old != nil)
        }
        return temporary
    }

    /// The bytes of a file in pieces of a megabyte, read as they are asked for. A read that
    /// fails ends them and keeps its error (`failure`); the file is closed at the end or when
    /// the pieces are dropped.
    private final class FileChunks: Sequence, IteratorProtocol {
        private var fd: Int32
        private(set) var failure: Int32 = 0

        init(path: String) { fd = open(path, O_RDONLY | O_CLOEXEC) }
        var opened: Bool { fd >= 0 }

        func next() -> [UInt8]? {
            guard fd >= 0 else { return nil }
            var piece = [UInt8](repeating: 0, count: 1 << 20)
            var count: Int
            repeat { count = piece.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) } } while count < 0 && errno == EINTR
            guard count > 0 else {
                if count < 0 { failure = errno }
                close(fd)
                fd = -1
                return nil
            }
            piece.removeSubrange(count...)
            return piece
        }

        deinit { if fd >= 0 { close(fd) } }
    }

    private static func writeAll(_ pieces: some Sequence<[UInt8]>, to fd: Int32, writer: Writer, path: String) throws(DiagnosticError) {
        var failed: Int32 = 0
        for piece in pieces {
            piece.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let written = writer(fd, UnsafeRawBufferPointer(rebasing: buffer[offset...]))
                    if written < 0 {
                        if errno == EINTR { continue }
                        failed = errno
                        return
                    }
                    offset += written
                }
            }
            // The rest is neither made nor read once a write has failed.
            if failed != 0 { throw failure(path, failed) }
        }
    }

    // MARK: Checks

    /// Where a path that names nothing yet is to be made: through a dangling symlink, at the file it names.
    private static func newFileTarget(_ path: String) throws(DiagnosticError) -> String {
        var link = stat()
        guard lstat(path, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK,
              let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
        else { return path }
        if destination.hasPrefix("/") { return destination }
        return URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent(destination).path
    }

    /// Refuses an output that is an input file, or a file of an input folder.
    private static func refuseInput(_ path: String, status: stat, inputs: [String]) throws(DiagnosticError) {
        let resolved = realPath(path)
        for input in inputs where input != "-" {
            var other = stat()
            guard stat(input, &other) == 0 else { continue }
            let isFolder = (other.st_mode & S_IFMT) == S_IFDIR
            let same = other.st_dev == status.st_dev && other.st_ino == status.st_ino
            // A folder (a timeline) reads its own files, not those of its subfolders (charts/).
            let inside = isFolder && resolved.map { file in
                realPath(input).map { URL(fileURLWithPath: file).deletingLastPathComponent().path == $0 } ?? false
            } ?? false
            if same || inside {
                let what = same ? "is the input '\(input)'" : "is in the input folder '\(input)'"
                throw DiagnosticError(.error("'\(path)' \(what); writing it would overwrite what was read. Write the result to another file", at: nil))
            }
        }
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func failure(_ path: String, _ code: Int32, unchanged: Bool = false) -> DiagnosticError {
        DiagnosticError(.error("cannot write '\(path)': \(String(cString: strerror(code)))\(unchanged ? "; '\(path)' is unchanged" : "")", at: nil))
    }
}

/// What a file holds, by the extension of its name: the kinds this tool writes.
public enum FileKind: String, Sendable, CaseIterable {
    /// One case per format: YAML, JSON, CSV, GraphML, Mermaid, Turtle, Cypher, SVG, PNG, PDF,
    /// Graphviz DOT and HTML.
    case yaml, json, csv, graphml, mermaid, turtle, cypher, svg, png, pdf, dot, html

    /// The kind a file name's extension names; nil for an extension this tool does not write,
    /// or none.
    public init?(fileName: String) {
        switch (fileName as NSString).pathExtension.lowercased() {
        case "yaml", "yml": self = .yaml
        case "json": self = .json
        case "csv": self = .csv
        case "graphml": self = .graphml
        case "mmd", "mermaid": self = .mermaid
        case "ttl": self = .turtle
        case "cypher", "cql": self = .cypher
        case "svg": self = .svg
        case "png": self = .png
        case "pdf": self = .pdf
        case "dot", "gv": self = .dot
        case "html", "htm": self = .html
        default: return nil
        }
    }

    /// "a JSON file", "an SVG file".
    var withArticle: String { (self == .svg || self == .html ? "an " : "a ") + label }

    var label: String {
        switch self {
        case .yaml, .json, .csv, .svg, .png, .pdf, .dot, .html: rawValue.uppercased()
        case .graphml: "GraphML"
        case .mermaid: "Mermaid"
        case .turtle: "Turtle"
        case .cypher: "Cypher"
        }
    }

    /// Refuses an output whose name says it holds another kind than what is written to it: a
    /// file that says `.json` and holds YAML could not be read back, nor one named as an index.
    /// - Parameters:
    ///   - path: the output; `-` and names without a known extension are accepted.
    ///   - how: what chose the kind, for the message (`--to csv`).
    public func check(output path: String, chosenBy how: String? = nil) throws(DiagnosticError) {
        try OrgIndexFile.refuseAsOutput(path, instead: "name it .\(rawValue)")
        guard path != "-", let named = FileKind(fileName: path), named != self else { return }
        let chosen = how.map { "\($0) writes \(label)" } ?? "this writes \(label)"
        throw DiagnosticError(.error("'\(path)' is named as \(named.withArticle) file, but \(chosen); name it .\(rawValue)\(how == nil ? "" : " or choose another format")", at: nil))
    }
}

extension OrgFile {
    /// How an org is written to `path`: JSON for a `.json` name, YAML for `.yaml`, `.yml`, `-`
    /// and names without a known extension. A name that says it holds anything else (`.csv`,
    /// `.svg`, an index file) is refused: the tool could not read the org back from it.
    public static func format(ofOutput path: String) throws(DiagnosticError) -> FileKind {
        try OrgIndexFile.refuseAsOutput(path, instead: "write the org as YAML (.yaml) or JSON (.json), to the file an index was made from to have the index follow it")
        switch FileKind(fileName: path) {
        case .json?: return .json
        case nil, .yaml?: return .yaml
        case let other?:
            throw DiagnosticError(.error("'\(path)' is named as \(other.withArticle) file; an org is written as YAML (.yaml) or JSON (.json)", at: nil))
        }
    }

    /// The text of an org in the format its output's name asks for (``format(ofOutput:)``).
    public static func text(_ org: Org, forOutput path: String) throws(DiagnosticError) -> String {
        try format(ofOutput: path) == .json ? json(org) : yaml(org)
    }
}

/// An exclusive lock on a file for as long as it is read, changed and written back: two runs of
/// `apply --in-place` on one file take turns, and neither loses the other's change. The lock is
/// advisory (`flock`); it is released when the value goes.
public final class FileLock {
    private let descriptor: Int32

    /// Waits until the file at `path` is this process's to change.
    public init(_ path: String) throws(DiagnosticError) {
        while true {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw DiagnosticError(.error("cannot open '\(path)': \(String(cString: strerror(errno)))", at: nil)) }
            guard flock(fd, LOCK_EX) == 0 else {
                let code = errno
                close(fd)
                throw DiagnosticError(.error("cannot lock '\(path)': \(String(cString: strerror(code)))", at: nil))
            }
            // A run that held the lock may have replaced the file while this one waited: then the
            // lock is on the old file, and the new one is locked instead.
            var held = stat(), current = stat()
            if fstat(fd, &held) == 0, stat(path, &current) == 0, held.st_dev == current.st_dev, held.st_ino == current.st_ino {
                descriptor = fd
                return
            }
            close(fd)
        }
    }

    deinit { close(descriptor) }
}
