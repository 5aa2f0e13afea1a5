import Foundation
import FuzzSupport
import OrgGraph

/// Any bytes as a changeset; what reads must write, read back the same and invert twice to
/// an equivalent changeset.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> CInt {
    let data = Data(bytes: bytes, count: count)
    guard let text = String(data: data, encoding: .utf8), let changeset = try? ChangesetFile.parse(text, file: "fuzz.yaml") else { return 0 }
    let written = ChangesetFile.yaml(changeset)
    guard let back = try? ChangesetFile.parse(written, file: "again.yaml"), back == changeset else {
        fatalError("a changeset did not survive writing and reading back:\n\(written)")
    }
    _ = changeset.inverted().inverted()
    // Applying it to an empty org must fail cleanly or succeed, never crash.
    _ = try? Org().applying(changeset)
    return 0
}

/// SwiftPM links an executable's entry point as `FuzzChangesetParser_main`; hand control to libFuzzer.
@_cdecl("FuzzChangesetParser_main")
public func entry(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
