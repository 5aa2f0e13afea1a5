import Foundation

/// Writing files so that a reader sees the old contents or the new, never a half-written file.
public enum AtomicFile {
    /// Writes `text` to a temporary file beside `path`, then renames it over `path`. If anything
    /// fails, `path` is left as it was and the temporary file is removed.
    public static func write(_ text: String, to path: String) throws(DiagnosticError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` the same way.
    public static func write(_ data: Data, to path: String) throws(DiagnosticError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))")
        do {
            try data.write(to: temporary, options: [.withoutOverwriting])
        } catch {
            throw DiagnosticError(.error("cannot write '\(path)': \(error.localizedDescription)", at: nil))
        }
        if rename(temporary.path, url.path) != 0 {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw DiagnosticError(.error("cannot write '\(path)': \(reason); the old file is unchanged", at: nil))
        }
    }
}
