import Foundation

extension OrgReference {
    /// The org this reference names, as values (and its core), read as
    /// ``loadCore(progress:)`` reads it.
    /// - Parameter progress: what is being done, now and then, for a progress line.
    public func load(progress: ((String) -> Void)? = nil) throws(DiagnosticError) -> LoadedOrg {
        let read = try read(progress: progress)
        if let loaded = read.loaded { return loaded }
        return LoadedOrg(org: read.core.org(), sourceMap: SourceMap(file: path), warnings: read.warnings, core: read.core)
    }

    /// The org this reference names, as a checked core, read the fastest way its file allows:
    /// an HR CSV row by row into the builder, a JSON org by the JSON reader (a strict scanner,
    /// no generic tree), YAML and timelines by the YAML reader; each fills the one builder.
    ///
    /// - Parameter progress: what is being done, now and then, for a progress line.
    /// - Returns: the core, the warnings of reading it (never errors: those are thrown), and
    ///   where each element was written when the general reader read it.
    /// - Complexity: O(*n*); the value model (``Org``) is made only for files the YAML reader reads.
    public func loadCore(progress: ((String) -> Void)? = nil) throws(DiagnosticError)
        -> (core: OrgCore, warnings: [Diagnostic], sourceMap: SourceMap?)
    {
        let read = try read(progress: progress)
        return (read.core, read.warnings, read.loaded?.sourceMap)
    }

    /// The one place that decides how an org argument is read: by what it is (a folder, a CSV,
    /// a JSON or a YAML file), then the day asked for.
    private func read(progress: ((String) -> Void)?) throws(DiagnosticError)
        -> (core: OrgCore, warnings: [Diagnostic], loaded: LoadedOrg?)
    {
        if path == "-" { return try readStandardInput() }
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
        if OrgFile.isJSON(name) {
            let core = try OrgCore.load(json: path) { elements in progress?("reading \(path): \(elements) elements") }
            try checkDay(core.asOf)
            return (core, core.warnings, nil)
        }
        let loaded = try OrgFile.read(contentsOf: path)
        try checkDay(loaded.org.asOf)
        return (loaded.core, loaded.warnings, loaded)
    }

    /// An org piped in (`-`): JSON when it starts with `{`, an HR CSV when its first line has no
    /// `:` but a delimiter, else YAML. Diagnostics name it `<stdin>`.
    private func readStandardInput() throws(DiagnosticError) -> (core: OrgCore, warnings: [Diagnostic], loaded: LoadedOrg?) {
        let name = "<stdin>"
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard data.count <= FileInput.maxBytes else {
            throw DiagnosticError(.error("standard input is larger than \(FileInput.maxBytes >> 20) MiB, the most read from a pipe; give the file's path", at: nil))
        }
        switch Self.kind(ofPiped: data) {
        case .csv:
            let text = try TextDecoding.decode(data, file: name)
            let imported = try HRImport(file: name).run(CSVReader(file: name).parse(text))
            return (imported.core, imported.warnings, nil)
        case .orgFile:
            let loaded = try OrgFile.parse(data, file: name)
            try checkDay(loaded.org.asOf)
            return (loaded.core, loaded.warnings, loaded)
        }
    }

    enum PipedKind { case csv, orgFile }

    /// What piped bytes are, by their first line: a JSON object or YAML (a key and a colon, or
    /// a comment) is an org file; a line of delimited names is an HR CSV header.
    static func kind(ofPiped data: Data) -> PipedKind {
        var bytes = data.prefix(64 << 10)[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .orgFile }
        let line = bytes.prefix { $0 != 0x0A }.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        guard let first = line.first, first != UInt8(ascii: "{"), first != UInt8(ascii: "#"), first != UInt8(ascii: "-") else { return .orgFile }
        if line.contains(UInt8(ascii: ":")) { return .orgFile }
        return line.contains { [UInt8(ascii: ","), 0x09, UInt8(ascii: ";"), UInt8(ascii: "|")].contains($0) } ? .csv : .orgFile
    }

    /// A single file describes one day: it answers for that day and later, not before it.
    private func checkDay(_ asOf: Day?) throws(DiagnosticError) {
        if let day, let asOf, day < asOf {
            throw DiagnosticError(.error("'\(path)' describes the org as of \(asOf), later than the \(day) asked for", at: nil))
        }
    }
}
