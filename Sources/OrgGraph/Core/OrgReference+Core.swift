import Foundation

extension OrgReference {
    /// The org this reference names, as a checked core, read the fastest way its file allows:
    /// an HR CSV row by row into the builder, a JSON org in the normalised form by the JSON
    /// scanner, anything else (YAML, a timeline, a date) by ``load()``. A JSON file that the
    /// scanner does not take (shorthands, or any error) is read by the general reader when it
    /// is within its size, so its diagnostics are those of every org file.
    ///
    /// - Parameters:
    ///   - generalLimit: the size up to which such a JSON file goes to the general reader (256 MiB).
    ///   - progress: what is being done, now and then, for a progress line.
    /// - Returns: the core, the warnings of reading it (never errors: those are thrown), and
    ///   where each element was written when the general reader read it.
    /// - Complexity: O(*n*); the value model (``Org``) is made only for files the general reader reads.
    public func loadCore(generalLimit: Int? = nil, progress: ((String) -> Void)? = nil) throws(DiagnosticError)
        -> (core: OrgCore, warnings: [Diagnostic], sourceMap: SourceMap?)
    {
        let name = path.lowercased()
        if day == nil, name.hasSuffix(".csv"), !Self.isFolder(path) {
            let imported = try HRImport.load(csv: path) { rows in progress?("reading \(path): \(rows) rows") }
            return (imported.core, imported.warnings, nil)
        }
        if day == nil, name.hasSuffix(".json"), !Self.isFolder(path) {
            do throws(DiagnosticError) {
                let core = try OrgCore.load(json: path) { elements in progress?("reading \(path): \(elements) elements") }
                return (core, core.warnings, nil)
            } catch {
                if OrgCore.isBeyondGeneralReader(path, limit: generalLimit) { throw error }
            }
        }
        let loaded = try load(progress: progress)
        return (loaded.core, loaded.warnings, loaded.sourceMap)
    }

    private static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
