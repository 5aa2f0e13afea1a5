import Foundation
import OrgGraph

/// Any bytes as an org file, read by the general reader and by the JSON scanner's reader: a
/// diagnostic or an org, never a crash, a hang or a leak.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    if let loaded = try? OrgFile.parse(data, file: "fuzz.yaml") {
        // What loads must validate, write and read back the same.
        let text = OrgFile.yaml(loaded.org)
        guard let back = try? OrgFile.parse(text, file: "again.yaml"), back.org == loaded.org else {
            fatalError("an org did not survive writing and reading back:\n\(text)")
        }
    }
    // The same bytes as a JSON org read by the JSON scanner: where both readers take them,
    // they make the same org.
    if let core = try? OrgCore.parse(data, file: "fuzz.json"), let loaded = try? OrgFile.parse(data, file: "fuzz.json") {
        guard core.org() == loaded.org else { fatalError("the JSON scanner and the general reader made different orgs") }
    }
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzOrgParser_main`; hand control to libFuzzer's driver.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

@_cdecl("FuzzOrgParser_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzz)
}
