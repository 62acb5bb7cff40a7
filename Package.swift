// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "hpcc",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "HPCCompiler", targets: ["HPCCompiler"]),
        .executable(name: "hpcc", targets: ["hpcc"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .target(
            name: "HPCCompiler",
            dependencies: [
                // Yams builds libyaml as its CYaml module; the parse stage reads libyaml's
                // events through it (Syntax/YAMLEvents.swift) and uses no other part of Yams.
                .product(name: "Yams", package: "Yams"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            plugins: ["ModuleRegistry"]
        ),
        // Lists the built-in modules at build time (Plugins/ModuleRegistry): a module is one file.
        .executableTarget(name: "hpcc-module-registry"),
        .plugin(name: "ModuleRegistry", capability: .buildTool(), dependencies: ["hpcc-module-registry"]),
        .executableTarget(
            name: "hpcc",
            dependencies: [
                "HPCCompiler",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "compile-in-memory", dependencies: ["HPCCompiler"], path: "examples/compile-in-memory"),
        // The pipeline under libFuzzer (Tests/Fuzz/run.sh), or a replayer of saved inputs.
        .executableTarget(name: "hpcc-fuzz", dependencies: ["HPCCompiler", "TestSupport"]),
        // Generated blueprints of growing size, timed per stage (docs/performance.md).
        .executableTarget(
            name: "hpcc-bench", dependencies: ["HPCCompiler", "TestSupport", .product(name: "Yams", package: "Yams")]),
        .target(name: "TestSupport", dependencies: ["HPCCompiler"], path: "Tests/TestSupport"),
        .testTarget(name: "HPCCompilerTests", dependencies: ["HPCCompiler", "TestSupport"]),
        .testTarget(name: "GoldenTests", dependencies: ["HPCCompiler", "TestSupport"]),
        .testTarget(name: "CLITests", dependencies: ["hpcc", "compile-in-memory", "TestSupport"]),
        // The real consumers of every emitted file (Terraform, slurmctld, ansible-inventory).
        .target(name: "ConsumerChecks", dependencies: ["HPCCompiler", "TestSupport"], path: "Tests/ConsumerChecks"),
        .testTarget(name: "ConsumerTests", dependencies: ["HPCCompiler", "TestSupport", "ConsumerChecks"]),
    ]
)
