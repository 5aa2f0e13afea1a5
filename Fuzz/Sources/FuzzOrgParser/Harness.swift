import Foundation
import FuzzSupport
import OrgGraph

/// Any bytes as an org file, read by the YAML reader and by the JSON reader: a diagnostic or an
/// org, never a crash, a hang or a leak.
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
    // The same bytes as a JSON org: what loads writes as JSON and as YAML, and both read back
    // as the same org.
    if let core = try? OrgCore.parse(data, file: "fuzz.json") {
        let org = core.org()
        guard let json = try? OrgFile.parse(OrgFile.json(core), file: "again.json"), json.org == org else {
            fatalError("a JSON org did not survive writing and reading back as JSON")
        }
        guard let yaml = try? OrgFile.parse(OrgFile.yaml(org), file: "again.yaml"), yaml.org == org else {
            fatalError("a JSON org did not survive writing and reading back as YAML")
        }
    }
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzOrgParser_main`; hand control to libFuzzer.
@_cdecl("FuzzOrgParser_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
