import Foundation

/// A file mapped into memory read-only, for reading files of hundreds of megabytes once from
/// start to end without copying them. Pages already read can be given back to the system, so
/// the memory a read holds does not grow with the file.
final class MappedFile: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path`; a diagnostic says why it cannot be. With `whole`, for a file to be read
    /// through at once, every page is mapped now, in one call, rather than at its first read.
    init(_ path: String, limit: Int, whole: Bool = false) throws(DiagnosticError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(.error("no such file or folder '\(path)'", at: nil))
        }
        if isDirectory.boolValue { throw DiagnosticError(.error("'\(path)' is a folder; expected a file", at: nil)) }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DiagnosticError(.error("cannot read '\(path)': \(String(cString: strerror(errno)))", at: nil)) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw DiagnosticError(.error("cannot read '\(path)': \(String(cString: strerror(errno)))", at: nil)) }
        let size = Int(info.st_size)
        if size > limit {
            throw DiagnosticError(.error("'\(path)' is larger than \(limit >> 20) MiB; split the org or keep it as CSV, which is read as a stream",
                                         at: SourceLocation(file: path, line: 1, column: 1)))
        }
        guard size > 0 else {
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE | (whole ? Self.populate : 0), descriptor, 0), address != MAP_FAILED else {
            throw DiagnosticError(.error("cannot read '\(path)': \(String(cString: strerror(errno)))", at: nil))
        }
        madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
    }

    /// The flag that maps every page at once, where the system has one.
    #if os(Linux)
    private static let populate = MAP_POPULATE
    #else
    private static let populate: Int32 = 0
    #endif

    /// Lets the system drop the whole pages within `range`; reading them again reads the file again.
    func release(_ range: Range<Int>) {
        guard let base = bytes.baseAddress else { return }
        let start = (range.lowerBound + pageSize - 1) / pageSize * pageSize, end = range.upperBound / pageSize * pageSize
        if end > start { madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED) }
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }
}
