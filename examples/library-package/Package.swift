// swift-tools-version:6.0
// A package of its own that uses hpcc as a library, as a web front end or a provisioning service
// would: it depends on the hpcc package (here by path; elsewhere by URL) and its HPCCompiler
// product. CI builds and runs it (.ci/run).
import PackageDescription

let package = Package(
    name: "list-files",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "hpcc", path: "../..")
    ],
    targets: [
        .executableTarget(name: "list-files", dependencies: [.product(name: "HPCCompiler", package: "hpcc")])
    ]
)
