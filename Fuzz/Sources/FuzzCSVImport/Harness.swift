import Foundation
import OrgGraph

/// Any bytes as an HR CSV, through both readers: the model import and the column table (read
/// whole and in halves) must agree on what they take and what they report.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let path = NSTemporaryDirectory() + "orggraph-fuzz-\(getpid()).csv"
    FileManager.default.createFile(atPath: path, contents: Data(bytes: bytes, count: count))
    defer { unlink(path) }
    let imported = Result { () throws(DiagnosticError) -> ImportResult in try HRImport(file: path).run(CSVReader(file: path).read()) }
    let table = Result { () throws(DiagnosticError) -> PeopleTable in try PeopleTable.load(csv: path) }
    // The same file split in two halves read side by side (when it can be) gives the same table.
    let halves = Result { () throws(DiagnosticError) -> PeopleTable in try PeopleTable.load(csv: path, map: [:], splitAbove: 0, progress: nil) }
    switch (table, halves) {
    case (.success(let whole), .success(let split)):
        guard whole.ids == split.ids, whole.parent == split.parent, whole.names == split.names, whole.titles == split.titles,
            whole.titleNames == split.titleNames, whole.units == split.units, whole.unitNames == split.unitNames,
            whole.warnings == split.warnings, whole.ids.allSatisfy({ whole.row(of: $0) == split.row(of: $0) })
        else { fatalError("a CSV read in halves differs from the CSV read whole") }
    case (.failure(let whole), .failure(let split)):
        if whole.diagnostics != split.diagnostics { fatalError("a CSV read in halves fails differently from the CSV read whole") }
    default:
        fatalError("a CSV read in halves and read whole: one failed, one did not")
    }
    switch (imported, table) {
    case (.success(let result), .success(let table)):
        if result.org.normalized() != table.org().normalized() { fatalError("the two CSV readers disagree") }
        if result.rowsRead != result.rowsImported + result.rowsDropped { fatalError("rows were dropped silently") }
        if result.org.validate().contains(where: { $0.severity == .error }) { fatalError("an import does not validate") }
        _ = result.org.exported(as: .csv)
    case (.failure, .failure):
        break
    default:
        fatalError("one CSV reader failed where the other did not")
    }
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzCSVImport_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzCSVImport_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzz)
}
