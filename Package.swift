// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "credlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "credlint", targets: ["credlint"]),
        // The library that Tools/ (benchmarks, fuzz targets, the dev generator) builds on.
        .library(name: "CredLint", targets: ["CredLintModel", "CredLintExpr", "CredLintEngine", "CredLintReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // libxml2 from the system (Debian: libxml2-dev). See shim.h for the ICU clash.
        .systemLibrary(
            name: "CLibXML2",
            path: "Sources/CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        // zlib from the system (Debian: zlib1g-dev), for gzip-compressed inputs.
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // The pipeline, one target per stage; each imports only the stages before it, so the
        // compiler forbids a backward dependency (docs/architecture.md).
        // Foundation-free on purpose: the only module that imports libxml2.
        .target(name: "CredLintXML", dependencies: ["CLibXML2"]),
        // Inputs and the model they read into: CSV/XML/JSON readers, caps, files, the JSON writer.
        .target(name: "CredLintModel", dependencies: ["CredLintXML", "CZlib"]),
        // The rule expression language: lexer, parser, type checker, compiler.
        .target(name: "CredLintExpr", dependencies: ["CredLintModel"]),
        // Rules, views, admin analysis, configuration, the linter and its finding store.
        .target(
            name: "CredLintEngine",
            dependencies: ["CredLintModel", "CredLintExpr", .product(name: "Yams", package: "Yams")]
        ),
        // Output formats, each streaming from the finding store.
        .target(name: "CredLintReport", dependencies: ["CredLintModel", "CredLintExpr", "CredLintEngine"]),
        .executableTarget(
            name: "credlint",
            dependencies: [
                "CredLintModel", "CredLintExpr", "CredLintEngine", "CredLintReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "CredLintCoreTests",
            dependencies: ["CredLintXML", "CredLintModel", "CredLintExpr", "CredLintEngine", "CredLintReport"],
            // Reporter goldens and fuzz regression inputs are read through #filePath, not bundled.
            exclude: ["Golden", "Fixtures"]
        ),
        // Runs the real binary: depending on "credlint" makes `swift test` build it first.
        .testTarget(
            name: "CredLintCLITests",
            dependencies: ["CredLintModel", "CredLintEngine", "CredLintReport", "credlint"],
            exclude: ["Golden"]
        ),
    ]
)
