// swift-tools-version: 6.1
// Benchmarks of OrgGraph, kept in their own package so that the main build stays light.
//   cd Benchmarks && swift package benchmark
import Foundation
import PackageDescription

// The OrgGraph package is the folder above; SwiftPM names a local package after its folder.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "OrgGraphBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "OrgGraphBenchmarks",
            dependencies: [
                .product(name: "OrgGraph", package: root),
                .product(name: "OrgGraphviz", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/OrgGraphBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "BatchBenchmarks",
            dependencies: [
                .product(name: "OrgGraph", package: root),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/BatchBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
