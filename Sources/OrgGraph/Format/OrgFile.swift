import Foundation

/// An org read from a file: the org, where it was written, and the warnings found.
public struct LoadedOrg: Sendable {
    /// The org as read.
    public var org: Org
    /// Where each element and field was written; empty for a JSON org file.
    public var sourceMap: SourceMap
    /// Warnings (never errors: an org with errors is not loaded).
    public var warnings: [Diagnostic]
    /// The org as the builder made it, indexed for queries.
    public var core: OrgCore

    /// Makes a loaded org; without `core`, one is built from `org`.
    public init(org: Org, sourceMap: SourceMap, warnings: [Diagnostic] = [], core: OrgCore? = nil) {
        self.org = org
        self.sourceMap = sourceMap
        self.warnings = warnings
        self.core = core ?? OrgCore(org)
    }
}

/// Reading org files: YAML, or JSON with the same schema.
public enum OrgFile {
    /// Parses, resolves and validates the text of an org file.
    ///
    /// - Parameters:
    ///   - text: the file's contents.
    ///   - file: the path to name in diagnostics.
    /// - Throws: ``DiagnosticError`` with every diagnostic (errors and warnings) when any is an error.
    public static func parse(_ text: String, file: String) throws(DiagnosticError) -> LoadedOrg {
        if isJSON(file) { return loaded(try OrgCore.parse(Data(text.utf8), file: file), file: file) }
        let reader = YAMLReader(file: file)
        let (core, sourceMap) = try OrgCore.read(yaml: reader.parseRoot(text, what: "an org file"), reader: reader)
        return LoadedOrg(org: core.org(), sourceMap: sourceMap, warnings: core.warnings, core: core)
    }

    /// Decodes (UTF-8, or UTF-16 with a byte-order mark) and parses the bytes of an org file.
    public static func parse(_ data: Data, file: String) throws(DiagnosticError) -> LoadedOrg {
        try parse(TextDecoding.decode(data, file: file), file: file)
    }

    /// Reads and parses an org file.
    public static func read(contentsOf path: String) throws(DiagnosticError) -> LoadedOrg {
        if isJSON(path) { return loaded(try OrgCore.load(json: path), file: path) }
        return try parse(FileInput.read(path), file: path)
    }

    /// A `.json` file is read by the JSON reader, strictly as JSON, into a core; every other
    /// org file by the YAML library, then by the same reader.
    static func isJSON(_ file: String) -> Bool { file.lowercased().hasSuffix(".json") }

    /// A JSON org's core with its values (JSON keeps no source map: notes carry no place).
    private static func loaded(_ core: OrgCore, file: String) -> LoadedOrg {
        LoadedOrg(org: core.org(), sourceMap: SourceMap(file: file), warnings: core.warnings, core: core)
    }
}

enum FileInput {
    /// Org files and changesets are read whole; past this size they are refused (big orgs are
    /// CSV or JSON). The YAML library's tree costs about 32 bytes of memory per byte of file
    /// (3.6 GB for 110 MB, 600,000 people): about 8.5 GB at this limit.
    static let maxBytes = 256 << 20

    /// The bytes of a file, or a diagnostic saying why they cannot be had.
    static func read(_ path: String) throws(DiagnosticError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DiagnosticError(.error("no such file or folder '\(path)'", at: nil))
        }
        if isDirectory.boolValue {
            throw DiagnosticError(.error("'\(path)' is a folder; expected a file", at: nil))
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > maxBytes {
            let bigger = path.lowercased().hasSuffix(".json")
                ? "a bigger JSON org is read in the normalised form, as 'orggraph export --to json' writes it (no shorthands)"
                : "a bigger org is read as normalised JSON (written by 'orggraph export --to json') or as CSV"
            throw DiagnosticError(.error("'\(path)' is larger than \(maxBytes >> 20) MiB, the most the general reader takes; \(bigger)",
                                         at: SourceLocation(file: path, line: 1, column: 1)))
        }
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw DiagnosticError(.error("cannot read '\(path)': \(error.localizedDescription)", at: nil))
        }
    }
}
