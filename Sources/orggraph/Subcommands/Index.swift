import ArgumentParser
import Foundation
import OrgGraph

struct Index: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compile an org file into an index file, which every command reads many times faster.",
        discussion: """
            The index file holds the org as OrgGraph holds it in memory, and names its source. Give \
            it to any command in place of the org ('orggraph chain big.csv.orgindex e42'): each time, \
            it is checked against the source's bytes, and when the source has changed since (or the \
            index was made by another version of OrgGraph), the source is read again and the index \
            file made again, so an answer never comes from an out-of-date index. When the source is \
            gone, the index answers alone, with a warning.
            """)

    @Argument(help: "The org file: YAML, JSON or CSV (not a folder, a day or standard input).")
    var org: String
    @Option(name: .shortAndLong, help: "The index file to write; ORG.orgindex when left out.")
    var output: String?
    @OptionGroup var progress: QuietOption

    func run() throws {
        let reference = try orgReference(org, asOf: nil)
        var isDirectory: ObjCBool = false
        if org == "-" || reference.day != nil || (FileManager.default.fileExists(atPath: reference.path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw ValidationError("'\(org)' is not an org file; an index is made of one file, which it is checked against when read")
        }
        if OrgIndexFile.isIndex(reference.path) { throw ValidationError("'\(org)' is an index file already") }
        let path = output ?? OrgIndexFile.defaultPath(for: reference.path)
        guard path != "-", OrgIndexFile.isIndex(path) else {
            throw ValidationError("the index file's name ends in '\(OrgIndexFile.fileExtension)', so that every command knows it; '\(path)' does not")
        }
        // Stamped before it is read: a file changed while it is read no longer matches its index.
        let stamp = OrgIndexFile.stamp(of: reference.path)
        let (core, sourceMap) = try loadCore(org, asOf: nil, quiet: progress.quiet)
        guard let stamp else { throw DiagnosticError(.error("cannot read '\(reference.path)'", at: nil)) }
        try OrgIndexFile.write(core, source: reference.path, stamp: stamp, sourceMap: sourceMap, to: path)
        Output.printError("wrote \(path)")
        Output.end()
    }
}
