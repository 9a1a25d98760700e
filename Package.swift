// swift-tools-version:6.0
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // The hot path keeps counters in final classes; exclusivity is still checked at compile
    // time, but the per-access runtime check costs ~15% of parsing throughput (measured).
    .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release)),
]

let package = Package(
    name: "clientele",
    products: [
        .executable(name: "clientele", targets: ["clientele"]),
        // The parsing layer, for Benchmarks/ (a separate package that measures it).
        .library(name: "ClienteleParsing", targets: ["LogModel", "Parsers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit.git", from: "0.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["libz-dev"])]
        ),
        // Intel ISA-L's igzip: gzip inflation about 3x faster than zlib (Benchmarks/README.md).
        .systemLibrary(
            name: "CIsal",
            path: "Sources/CIsal",
            pkgConfig: "libisal",
            providers: [.apt(["libisal-dev"])]
        ),
        .target(name: "CSupport", path: "Sources/CSupport"),
        .target(name: "LogModel", dependencies: ["CSupport"], swiftSettings: swiftSettings),
        .target(name: "Parsers", dependencies: ["LogModel"], path: "parsers", swiftSettings: swiftSettings),
        .target(
            name: "ClienteleKit",
            dependencies: [
                "LogModel", "Parsers", "CIsal", "CSupport",
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "clientele",
            dependencies: [
                "ClienteleKit", "CSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ParsersTests",
            dependencies: ["Parsers", "LogModel"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ClienteleKitTests",
            dependencies: ["ClienteleKit", "Parsers", "LogModel", "CZlib"],
            resources: [],
            swiftSettings: swiftSettings
        ),
    ]
)
