// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "credlint",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "credlint", targets: ["credlint"]),
        .library(name: "CredLintCore", targets: ["CredLintCore"]),
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
        // Foundation-free on purpose: the only module that imports libxml2.
        .target(name: "CredLintXML", dependencies: ["CLibXML2"]),
        .target(
            name: "CredLintCore",
            dependencies: ["CredLintXML", "CZlib", .product(name: "Yams", package: "Yams")]
        ),
        .executableTarget(
            name: "credlint",
            dependencies: [
                "CredLintCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "credlint-bench", dependencies: ["CredLintCore"]),
        .testTarget(
            name: "CredLintCoreTests",
            dependencies: ["CredLintCore", "CredLintXML"],
            // Reporter goldens and fuzz regression inputs are read through #filePath, not bundled.
            exclude: ["Golden", "Fixtures"]
        ),
        // Runs the real binary: depending on "credlint" makes `swift test` build it first.
        .testTarget(
            name: "CredLintCLITests",
            dependencies: ["CredLintCore", "credlint"],
            exclude: ["Golden"]
        ),

        // libFuzzer targets (docs/reliability.md, scripts/fuzz.sh). Each holds only an
        // @_cdecl("LLVMFuzzerTestOneInput") function, so a plain `swift build` links
        // them as executables that do nothing.
        .target(name: "FuzzSupport", dependencies: ["CredLintCore"]),
        .executableTarget(name: "FuzzCSV", dependencies: ["CredLintCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzXML", dependencies: ["CredLintCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzJSON", dependencies: ["CredLintCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzPolicy", dependencies: ["CredLintCore", "FuzzSupport"]),
        .executableTarget(name: "FuzzRules", dependencies: ["CredLintCore", "FuzzSupport"]),
    ]
)
