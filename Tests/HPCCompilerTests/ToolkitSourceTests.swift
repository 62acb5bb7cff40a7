import Testing
@_spi(Tools) @testable import HPCCompiler

/// A module source that is the Cluster Toolkit's own module in its repository at a release compiles
/// as hpcc's built-in module of that path, with warning HPC2020; other remote sources stay unknown.
@Suite struct ToolkitSourceTests {
    @Test func theToolkitsOwnRepositoryPathsAreRecognised() {
        let pinned = ToolkitSource(
            "github.com/GoogleCloudPlatform/cluster-toolkit//modules/scripts/startup-script?ref=v1.51.1&depth=1")
        #expect(pinned == ToolkitSource(path: "modules/scripts/startup-script", ref: "v1.51.1"))
        #expect(
            ToolkitSource("git::https://github.com/GoogleCloudPlatform/hpc-toolkit.git//modules/network/vpc")
                == ToolkitSource(path: "modules/network/vpc", ref: nil))
        #expect(ToolkitSource("git::https://gitlab.com/sycomp/cluster-toolkit.git//sycomp-scale?ref=main") == nil)
        #expect(ToolkitSource("modules/network/vpc") == nil)
    }

    @Test func aPinnedToolkitModuleCompilesAsTheBuiltInOne() {
        let text = miniPlus(
            """
              - id: startup
                source: github.com/GoogleCloudPlatform/cluster-toolkit//modules/scripts/startup-script?ref=v1.51.1
                settings:
                  runners: [{type: shell, destination: a.sh, content: "echo hi"}]

            """
        ).replacingOccurrences(of: "use: [network]", with: "use: [network, startup]")
        let result = compile(text)
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        #expect(result.diagnostics.map(\.code) == [.toolkitRelease])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.help == "write source: modules/scripts/startup-script")
        #expect(result.deployment?.startupScripts.count == 1)
    }
}
