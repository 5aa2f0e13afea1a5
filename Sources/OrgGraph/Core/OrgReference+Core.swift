import Foundation

extension OrgReference {
    /// The org this reference names, as values (and its core), read as
    /// ``loadCore(generalLimit:progress:)`` reads it.
    /// - Parameters:
    ///   - generalLimit: the size up to which a JSON file goes to the general reader (256 MiB).
    ///   - progress: what is being done, now and then, for a progress line.
    public func load(generalLimit: Int? = nil, progress: ((String) -> Void)? = nil) throws(DiagnosticError) -> LoadedOrg {
        let read = try read(generalLimit: generalLimit, progress: progress)
        if let loaded = read.loaded { return loaded }
        return LoadedOrg(org: read.core.org(), sourceMap: SourceMap(file: path), warnings: read.warnings, core: read.core)
    }

    /// The org this reference names, as a checked core, read the fastest way its file allows:
    /// an HR CSV row by row into the builder, a JSON org in the normalised form by the JSON
    /// scanner, anything else (YAML, a timeline) by the general reader. A JSON file that the
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
        let read = try read(generalLimit: generalLimit, progress: progress)
        return (read.core, read.warnings, read.loaded?.sourceMap)
    }

    /// The one place that decides how an org argument is read: by what it is (a folder, a CSV,
    /// a JSON or a YAML file), then the day asked for.
    private func read(generalLimit: Int?, progress: ((String) -> Void)?) throws(DiagnosticError)
        -> (core: OrgCore, warnings: [Diagnostic], loaded: LoadedOrg?)
    {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(.error("no such file or folder '\(path)'", at: nil))
        }
        if isDirectory.boolValue {
            let loaded = try Timeline(folder: path).load(on: day)
            return (loaded.core, loaded.warnings, loaded)
        }
        let name = path.lowercased()
        if name.hasSuffix(".csv") {
            // An HR export read as it is, as `import csv` would; it has no date of its own.
            let imported = try HRImport.load(csv: path) { rows in progress?("reading \(path): \(rows) rows") }
            return (imported.core, imported.warnings, nil)
        }
        if name.hasSuffix(".json") {
            do throws(DiagnosticError) {
                let core = try OrgCore.load(json: path) { elements in progress?("reading \(path): \(elements) elements") }
                try checkDay(core.asOf)
                return (core, core.warnings, nil)
            } catch {
                if OrgCore.isBeyondGeneralReader(path, limit: generalLimit) { throw error }
            }
        }
        let loaded = try OrgFile.read(contentsOf: path)
        try checkDay(loaded.org.asOf)
        return (loaded.core, loaded.warnings, loaded)
    }

    /// A single file describes one day: it answers for that day and later, not before it.
    private func checkDay(_ asOf: Day?) throws(DiagnosticError) {
        if let day, let asOf, day < asOf {
            throw DiagnosticError(.error("'\(path)' describes the org as of \(asOf), later than the \(day) asked for", at: nil))
        }
    }
}
