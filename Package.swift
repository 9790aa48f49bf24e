// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "nnview",
    products: [
        .executable(name: "nnview", targets: ["nnview"]),
        .library(name: "NNCore", targets: ["NNCore"]),
        .library(name: "NNTerminal", targets: ["NNTerminal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
    ],
    targets: [
        // The engine: scenarios, the network, the step cursor, the chain rule. Foundation only.
        .target(name: "NNCore"),
        // ncursesw, imported through a tiny C shim for the macros Swift cannot import.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The viewer: pure state/update/render into a cell grid, plus a thin ncurses backend.
        .target(name: "NNTerminal", dependencies: ["NNCore", "CNcursesw"]),
        // The command line.
        .executableTarget(
            name: "nnview",
            dependencies: [
                "NNCore", "NNTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "NNCoreTests",
            dependencies: ["NNCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "NNTerminalTests", dependencies: ["NNTerminal", "NNCore"], exclude: ["Snapshots"]),
        // End-to-end: runs the built nnview binary, directly and in tmux.
        .testTarget(name: "nnviewTests", dependencies: ["nnview", "NNCore"]),
    ]
)
