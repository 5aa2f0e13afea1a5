import Foundation
import FuzzSupport
import OrgGraph

/// Any bytes as an HR CSV, read as a table in memory, as a stream and in halves side by side:
/// all three must take and report the same, and what they take must validate and export.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let path = NSTemporaryDirectory() + "orggraph-fuzz-\(getpid()).csv"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: bytes, count: count))
    defer { unlink(path) }
    let imported = Result { () throws(DiagnosticError) -> ImportResult in try HRImport(file: path).run(CSVReader(file: path).read()) }
    let streamed = Result { () throws(DiagnosticError) -> ImportResult in try HRImport.load(csv: path) }
    let halves = Result { () throws(DiagnosticError) -> ImportResult in try HRImport.load(csv: path, map: [:], splitAbove: 0, progress: nil) }
    for other in [streamed, halves] {
        switch (imported, other) {
        case (.success(let result), .success(let again)):
            guard result.org == again.org, result.warnings == again.warnings else { fatalError("two ways of reading a CSV disagree") }
        case (.failure(let error), .failure(let again)):
            if error.diagnostics != again.diagnostics { fatalError("two ways of reading a CSV fail differently") }
        default:
            fatalError("two ways of reading a CSV: one failed, one did not")
        }
    }
    if case .success(let result) = imported {
        if result.rowsRead != result.rowsImported + result.rowsDropped { fatalError("rows were dropped silently") }
        let org = result.org
        if org.validate().contains(where: { $0.severity == .error }) { fatalError("an import does not validate") }
        _ = org.exported(as: .csv)
    }
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzCSVImport_main`; hand control to libFuzzer.
@_cdecl("FuzzCSVImport_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
