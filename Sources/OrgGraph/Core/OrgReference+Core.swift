import Foundation

extension OrgReference {
    /// The org this reference names, as values (and its core), read as
    /// ``loadCore(progress:)`` reads it.
    /// - Parameter progress: what is being done, now and then, for a progress line.
    public func load(progress: ((String) -> Void)? = nil) throws(DiagnosticError) -> LoadedOrg {
        let read = try read(progress: progress)
        if let loaded = read.loaded { return loaded }
        return LoadedOrg(org: read.core.org(), sourceMap: read.sourceMap ?? SourceMap(file: path), warnings: read.warnings, core: read.core)
    }

    /// The org this reference names, as a checked core, read the fastest way its file allows:
    /// an HR CSV row by row into the builder, a JSON org by the JSON reader (a strict scanner,
    /// no generic tree), YAML and timelines by the YAML library and then the same JSON reader
    /// (`YAMLAsJSON`); each fills the one builder.
    ///
    /// - Parameter progress: what is being done, now and then, for a progress line.
    /// - Returns: the core, the warnings of reading it (never errors: those are thrown), and
    ///   where each element was written when the general reader read it.
    /// - Complexity: O(*n*); the value model (``Org``) is made only for files the YAML reader reads.
    public func loadCore(progress: ((String) -> Void)? = nil) throws(DiagnosticError)
        -> (core: OrgCore, warnings: [Diagnostic], sourceMap: SourceMap?)
    {
        let read = try read(progress: progress)
        return (read.core, read.warnings, read.loaded?.sourceMap ?? read.sourceMap)
    }

    /// The org this reference names, read as ``loadCore(progress:)`` reads it, ready for
    /// questions: with its hierarchy, built while an index file is read, else after.
    public func loadQuerySource(progress: ((String) -> Void)? = nil) throws(DiagnosticError)
        -> (source: QuerySource, warnings: [Diagnostic])
    {
        let read = try read(progress: progress)
        let sourceMap = read.loaded?.sourceMap ?? read.sourceMap
        let source = read.hierarchy.map { QuerySource(core: read.core, hierarchy: $0, sourceMap: sourceMap) }
            ?? QuerySource(core: read.core, sourceMap: sourceMap)
        return (source, read.warnings)
    }

    /// An org as read: its core and warnings, its values and source map when the reader made
    /// them, or the source map alone (an index file's), and its hierarchy if built already.
    private typealias Read = (core: OrgCore, warnings: [Diagnostic], loaded: LoadedOrg?, sourceMap: SourceMap?, hierarchy: HierarchyIndex?)

    /// The one place that decides how an org argument is read: by what it is (a folder, a CSV,
    /// a JSON or a YAML file), then the day asked for.
    private func read(progress: ((String) -> Void)?) throws(DiagnosticError) -> Read {
        var read = try readAsWritten(progress: progress)
        // Every file, piped or indexed, whichever way it is read; a timeline folder has its days.
        var isDirectory: ObjCBool = false
        if let warning = undated(read.core.asOf), !(FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            read.warnings.append(warning)
            read.loaded?.warnings.append(warning)
        }
        return read
    }

    private func readAsWritten(progress: ((String) -> Void)?) throws(DiagnosticError) -> Read {
        if path == "-" { return try readStandardInput() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            // `PATH@2023-2-1`: a day not written YYYY-MM-DD is taken as part of the path.
            if let at = path.lastIndex(of: "@"), FileManager.default.fileExists(atPath: String(path[..<at])) {
                throw DiagnosticError(.error("no such file or folder '\(path)'; for the org '\(path[..<at])' on a day, write the day "
                                             + "after the @ as YYYY-MM-DD (or YYYY-MM, or YYYY)", at: nil))
            }
            throw DiagnosticError(.error("no such file or folder '\(path)'", at: nil))
        }
        if isDirectory.boolValue {
            let loaded = try Timeline(folder: path).load(on: day)
            return (loaded.core, loaded.warnings, loaded, nil, nil)
        }
        let name = path.lowercased()
        if OrgIndexFile.isIndex(name) { return try readIndex(progress: progress) }
        if name.hasSuffix(".csv") {
            // An HR export read as it is, as `import csv` would; it has no date of its own.
            let imported = try HRImport.load(csv: path) { rows in progress?("reading \(path): \(rows) rows") }
            return (imported.core, imported.warnings, nil, nil, nil)
        }
        if OrgFile.isJSON(name) {
            let core = try OrgCore.load(json: path) { elements in progress?("reading \(path): \(elements) elements") }
            try checkDay(core.asOf)
            return (core, core.warnings, nil, nil, nil)
        }
        let loaded = try OrgFile.read(contentsOf: path)
        try checkDay(loaded.org.asOf)
        return (loaded.core, loaded.warnings, loaded, nil, nil)
    }

    /// The org of an index file; when its source has changed since it was made, the source's,
    /// read again, and the index file made again from it (a warning says so if it cannot be).
    private func readIndex(progress: ((String) -> Void)?) throws(DiagnosticError) -> Read {
        progress?("reading \(path)")
        let opened = try OrgIndexFile.open(path)
        switch opened.content {
        case .changed(let stamp):
            progress?("'\(opened.source)' has changed since '\(path)' was made; reading it")
            var read = try OrgReference(path: opened.source, day: day).readAsWritten(progress: progress)
            do throws(DiagnosticError) {
                // With the source's stamp from before it was read: if it changes meanwhile, so will the index.
                try OrgIndexFile.write(read.core, source: opened.source, stamp: stamp, sourceMap: read.loaded?.sourceMap, to: path)
            } catch {
                read.warnings.append(.init(.warning, "'\(path)' could not be made again from '\(opened.source)', which has changed: \(error.diagnostics.map(\.message).joined(separator: "; "))", at: nil))
            }
            return read
        case .org(let core, let hierarchy, let sourceMap, let sourceIsMissing):
            try checkDay(core.asOf)
            var warnings = core.warnings
            if sourceIsMissing {
                warnings.append(.init(.warning, "'\(opened.source)', the org '\(path)' was made from, is gone or cannot be read; the answers are the index's, as the org was when it was made", at: nil))
            }
            return (core, warnings, nil, sourceMap, hierarchy)
        }
    }

    /// An org piped in (`-`), told apart by its first line: a JSON object goes to the JSON
    /// reader, a line of delimited column names to the HR CSV reader, anything else (a `key:`,
    /// a comment, `---`) to the YAML reader. Diagnostics name it `<stdin>`.
    private func readStandardInput() throws(DiagnosticError) -> Read {
        let name = "<stdin>"
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard data.count <= FileInput.maxBytes else {
            throw DiagnosticError(.error("standard input is larger than \(FileInput.maxBytes >> 20) MiB, the most read from a pipe; give the file's path", at: nil))
        }
        let text = try TextDecoding.decode(data, file: name)
        switch Self.kind(ofPiped: text) {
        case .json:
            let core = try OrgCore.parse(Data(text.utf8), file: name)
            try checkDay(core.asOf)
            return (core, core.warnings, nil, nil, nil)
        case .csv:
            let imported = try HRImport(file: name).run(CSVReader(file: name).parse(text))
            return (imported.core, imported.warnings, nil, nil, nil)
        case .yaml:
            let loaded = try OrgFile.parse(text, file: name)
            try checkDay(loaded.org.asOf)
            return (loaded.core, loaded.warnings, loaded, nil, nil)
        }
    }

    enum PipedKind { case json, csv, yaml }

    /// What piped text is, by its first line that is not blank.
    static func kind(ofPiped text: String) -> PipedKind {
        let line = text.prefix(64 << 10).split(whereSeparator: \.isNewline).first { !$0.allSatisfy(\.isWhitespace) }?
            .drop { $0.isWhitespace } ?? ""
        if line.hasPrefix("{") { return .json }
        if line.hasPrefix("#") || line.hasPrefix("-") || line.hasPrefix("%") { return .yaml }
        // `key: value` or `key:` is YAML; a header may hold colons inside a column's name.
        if line.wholeMatch(of: /["']?[\w.-]+["']?[ \t]*:([ \t].*)?/) != nil { return .yaml }
        return line.contains(where: { ",\t;|".contains($0) }) ? .csv : .yaml
    }

    /// A day asked of a file that says no day of its own (an HR export, an org without `asOf`):
    /// the file is the only state there is, and the answers are about it, whatever the day.
    private func undated(_ asOf: Day?) -> Diagnostic? {
        guard let day, asOf == nil else { return nil }
        return .init(.warning, "'\(path)' is not dated, so \(day) cannot choose a state of it: the answers are about the org as written "
                     + "(a timeline folder of dated snapshots has a state for each day)", at: nil)
    }

    /// A single file describes one day: it answers for that day and later, not before it.

    private func checkDay(_ asOf: Day?) throws(DiagnosticError) {
        if let day, let asOf, day < asOf {
            throw DiagnosticError(.error("'\(path)' describes the org as of \(asOf), later than the \(day) asked for", at: nil))
        }
    }
}
