// swift-tools-version: 6.1
// Benchmarks, kept out of what `swift test` builds. Run from this folder:
//   swift package --disable-sandbox benchmark
import PackageDescription

let package = Package(
    name: "NNViewBenchmarks",
    dependencies: [
        .package(name: "nnview", path: "../.."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The same XOR training written as a plain C loop: the yardstick for `nnview train`.
        .target(name: "CReferenceLoop", cSettings: [.unsafeFlags(["-O2"])]),
        .executableTarget(
            name: "NNViewBenchmarks",
            dependencies: [
                .product(name: "NNCore", package: "nnview"),
                .product(name: "NNTerminal", package: "nnview"),
                "CReferenceLoop",
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/NNViewBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
