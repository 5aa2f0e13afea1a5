// swift-tools-version: 6.0
// libFuzzer harnesses for OrgGraph's readers, its writers' round trips and the DOT encoder. Build and run with
//   bash scripts/fuzz.sh [SECONDS]
// which passes -sanitize=fuzzer; see the README's Security section.
import Foundation
import PackageDescription

// The OrgGraph package is the folder above; SwiftPM names a local package after its folder.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let harnesses = ["FuzzOrgParser", "FuzzChangesetParser", "FuzzCSVImport", "FuzzDOTEncoder", "FuzzRoundTrip"]

let package = Package(
    name: "OrgGraphFuzz",
    dependencies: [.package(path: "..")],
    targets: [.target(name: "FuzzSupport")] + harnesses.map { name in
        .executableTarget(
            name: name,
            dependencies: [
                "FuzzSupport",
                .product(name: "OrgGraph", package: root),
                .product(name: "OrgGraphviz", package: root),
            ],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)
