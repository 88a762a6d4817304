// swift-tools-version: 6.0
import PackageDescription

// Developer tools outside the product's package graph (issue #16): `swift build` at the
// root builds credlint and its library only. These build on the library's public API,
// which is exactly what they need (docs/architecture.md):
//   swift run --package-path Tools credlint-dev generate [--check]
//   swift run --package-path Tools -c release credlint-bench ...   (scripts/bench.sh)
//   scripts/fuzz.sh TARGET                                           (the libFuzzer targets)
let credlint: Target.Dependency = .product(name: "CredLint", package: "credlint")

let package = Package(
    name: "credlint-tools",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "credlint", path: ".."),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Writes every file derived from rules/ and the code, the man page included.
        .executableTarget(
            name: "credlint-dev",
            dependencies: [credlint, .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Input generators and in-process benchmarks (scripts/bench.sh).
        .executableTarget(name: "credlint-bench", dependencies: [credlint]),

        // libFuzzer targets (docs/reliability.md, scripts/fuzz.sh). Each holds only an
        // @_cdecl("LLVMFuzzerTestOneInput") function, so a plain `swift build` links
        // them as executables that do nothing.
        .target(name: "FuzzSupport", dependencies: [credlint]),
        .executableTarget(name: "FuzzCSV", dependencies: [credlint, "FuzzSupport"]),
        .executableTarget(name: "FuzzXML", dependencies: [credlint, "FuzzSupport"]),
        .executableTarget(name: "FuzzJSON", dependencies: [credlint, "FuzzSupport"]),
        .executableTarget(name: "FuzzPolicy", dependencies: [credlint, "FuzzSupport"]),
        .executableTarget(name: "FuzzRules", dependencies: [credlint, "FuzzSupport"]),

        // Runs the real credlint-dev: depending on it makes `swift test` build it first.
        .testTarget(name: "CredLintDevTests", dependencies: ["credlint-dev"]),
    ]
)
