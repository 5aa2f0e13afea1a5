// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "OrgGraph",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "OrgGraph", targets: ["OrgGraph"]),
        .library(name: "OrgGraphviz", targets: ["OrgGraphviz"]),
        .executable(name: "orggraph", targets: ["orggraph"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // `swift package generate-documentation`: the DocC site (scripts/docs.sh).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .target(name: "CPrefetch"),
        .target(
            name: "OrgGraph",
            dependencies: [
                "CPrefetch",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .systemLibrary(
            name: "CGraphviz",
            pkgConfig: "libgvc",
            providers: [.apt(["libgraphviz-dev"])]
        ),
        .target(
            name: "OrgGraphviz",
            dependencies: ["OrgGraph", "CGraphviz"]
        ),
        .executableTarget(
            name: "orggraph",
            dependencies: [
                "OrgGraph",
                "OrgGraphviz",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "reporting-chain",
            dependencies: ["OrgGraph"],
            path: "Examples/ReportingChain"
        ),
        .executableTarget(
            name: "render-chart",
            dependencies: ["OrgGraph", "OrgGraphviz"],
            path: "Examples/RenderChart"
        ),
        .testTarget(
            name: "OrgGraphTests",
            dependencies: ["OrgGraph"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "OrgGraphvizTests",
            dependencies: ["OrgGraphviz", "OrgGraph"],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "orggraphTests",
            dependencies: [
                "orggraph",
                "OrgGraph",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: ["Help"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
