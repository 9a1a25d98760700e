// swift-tools-version:6.1
// Microbenchmarks of the parsing hot path (ordo-one/benchmark). Not built by the root
// package's `swift build`/`swift test`. Run: `swift package --package-path Benchmarks benchmark`.
import PackageDescription

let package = Package(
    name: "ClienteleBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "ParsingBenchmarks",
            dependencies: [
                .product(name: "ClienteleParsing", package: "main"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/ParsingBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ]
)
