import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

@Suite("spack-setup, spack-execute, ramble-setup and ramble-execute")
struct SpackModuleTests {
    /// A blueprint with a spack-setup, a spack-execute using it, and a startup script taking its
    /// runner; `setup` and `execute` are extra settings lines (6-space indented).
    private func blueprint(setup: String = "", execute: String = "") -> String {
        """
        blueprint_name: spack-test
        vars:
          deployment_name: lab
        deployment_groups:
        - group: primary
          modules:
          - id: spack
            source: community/modules/scripts/spack-setup
            settings:
              install_dir: /opt/cluster/spack
        \(setup)
          - id: build
            source: community/modules/scripts/spack-execute
            use: [spack]
            settings:
              commands: spack install zlib
        \(execute)
          - id: script
            source: modules/scripts/startup-script
            settings:
              runners:
              - $(build.spack_runner)
              - type: shell
                destination: after.sh
                content: echo done
        """
    }

    private func files(_ text: String) throws -> [String: String] {
        let result = compile(text)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        return Dictionary(uniqueKeysWithValues: result.files.map { ($0.path, $0.text) })
    }

    @Test func theStartupScriptRunsTheChainedRunnerFirst() throws {
        let result = compile(blueprint())
        let deployment = try #require(result.deployment, "\(result.diagnostics)")
        let script = try #require(deployment.startupScripts.first { $0.origin.module == "script" })
        #expect(script.runners.map(\.destination) == ["combined-spack-build.sh", "after.sh"])
        let build = try #require(deployment.startupScripts.first { $0.origin.module == "build" })
        #expect(build.runners.map(\.destination) == ["spack-install-and-setup.sh", "spack-execute-build.sh"])
        #expect(
            script.runners[0].content
                == StartupScriptEmitter.text(build, deployment: "lab"))
    }

    @Test func theSetupScriptClonesTheRefIntoTheInstallDirOnce() throws {
        let text = try #require(try files(blueprint(setup: "      spack_ref: v0.21.2\n"))["spack/spack/setup.sh"])
        #expect(text.contains("install_dir='/opt/cluster/spack'\n"))
        #expect(text.contains("git_ref='v0.21.2'\n"))
        #expect(text.contains("lock=\"$parent/.install_spack_lock\"\n"))
        #expect(text.contains("--uid 1104762903 "))
        // An unsupported ref reads Google's newest cache.
        #expect(text.contains("gs://spack/latest"))
        #expect(!text.contains("modules.yaml"))
    }

    @Test func googleCacheAndChmodFollowTheirSettings() throws {
        let text = try #require(
            try files(blueprint(setup: "      configure_for_google: false\n      chmod_mode: ''\n"))[
                "spack/spack/setup.sh"])
        #expect(!text.contains("google_binary_cache"))
        #expect(!text.contains("chmod -R"))
        let defaulted = try #require(try files(blueprint())["spack/spack/setup.sh"])
        #expect(defaulted.contains("gs://spack/v0.20.0"))
        #expect(defaulted.contains("    chmod -R 'g+w' \"$install_dir\"\n"))
    }

    @Test func tclModulesAreConfiguredInTheSiteScope() throws {
        let all = try files(blueprint(setup: "      module_system: tcl\n"))
        #expect(
            all["spack/spack/modules.yaml"] == """
                modules:
                  default:
                    enable:
                    - tcl
                    tcl:
                      hash_length: 0
                      all:
                        autoload: direct
                      projections:
                        all: "{name}/{version}-{compiler.name}-{compiler.version}"

                """)
        #expect(try #require(all["spack/spack/setup.sh"]).contains(">\"$install_dir/etc/spack/modules.yaml\""))
    }

    @Test func anEnvironmentWithAPartitionIsInstalledByABatchJob() throws {
        let all = try files(
            blueprint(
                execute: """
                          environments:
                          - name: gromacs
                            specs: [gromacs@2023.3 +mpi, "openmpi@4.1.6 schedulers=slurm"]
                            partition: build
                            cpus: 16
                            unify: when_possible

                    """))
        #expect(
            all["spack/build/gromacs/spack.yaml"] == """
                # Spack environment 'gromacs' (written by hpcc)
                spack:
                  specs:
                  - "gromacs@2023.3 +mpi"
                  - "openmpi@4.1.6 schedulers=slurm"
                  view: true
                  concretizer:
                    unify: when_possible

                """)
        let job = try #require(all["spack/build/gromacs/install.sbatch"])
        #expect(job.hasPrefix("#!/bin/bash\n#SBATCH --job-name=spack-install-gromacs\n#SBATCH --partition=build\n"))
        #expect(job.contains("#SBATCH --cpus-per-task=16\n"))
        #expect(job.contains("spack -e 'gromacs' install -j \"${SLURM_CPUS_PER_TASK:-1}\"\n"))
        let execute = try #require(all["spack/build/execute.sh"])
        #expect(
            execute.contains(
                "    sbatch --parsable --chdir='/opt/cluster/spack/var/hpcc/environments/gromacs' "
                    + "'/opt/cluster/spack/var/hpcc/environments/gromacs/install.sbatch'\n"))
    }

    @Test func anEnvironmentWithoutAPartitionIsInstalledWhileBooting() throws {
        let result = compile(
            blueprint(execute: "      environments:\n      - {name: tools, specs: [cmake], view: false}\n"))
        let deployment = try #require(result.deployment, "\(result.diagnostics)")
        let execution = try #require(deployment.toolExecutions.first)
        #expect(
            ToolExecuteScript.userCommands(execution) == """
                spack install zlib
                if [ ! -d '/opt/cluster/spack/var/spack/environments/tools' ]; then
                    spack env create 'tools' '/opt/cluster/spack/var/hpcc/environments/tools/spack.yaml'
                fi
                spack -e 'tools' concretize
                spack -e 'tools' install -j 8

                """)
        #expect(!result.files.contains { $0.path.hasSuffix(".sbatch") })
        #expect(ToolExecuteScript.text(execution).contains("sbatch") == false)
    }

    @Test func aBucketPathIsNotSupported() {
        let result = compile(blueprint(execute: "      gcs_bucket_path: gs://scripts\n"))
        #expect(result.diagnostics.map(\.code).contains(.settingNotSupported))
    }

    @Test func dataFilesNeedAbsoluteDestinations() {
        let result = compile(
            blueprint(execute: "      data_files:\n      - {destination: relative.yaml, content: x}\n"))
        #expect(
            result.diagnostics.contains {
                $0.code == .invalidStartupRunner && $0.message.contains("data file 1 of module 'build'")
            })
    }

    @Test func rambleExecuteReadsSpackThenRamble() throws {
        let text = """
            blueprint_name: ramble-test
            vars:
              deployment_name: lab
            deployment_groups:
            - group: primary
              modules:
              - id: ramble
                source: community/modules/scripts/ramble-setup
              - id: run
                source: community/modules/scripts/ramble-execute
                use: [ramble]
                settings:
                  commands: ramble workspace list
            """
        let all = try files(text)
        let execute = try #require(all["ramble/run/execute.sh"])
        #expect(
            execute.contains(
                #"'set -eo pipefail; { if [ -f '\''/etc/profile.d/spack.sh'\'' ]; "#
                    + #"then . '\''/etc/profile.d/spack.sh'\''; fi; . '\''/etc/profile.d/ramble.sh'\''; echo"#))
        let setup = try #require(all["ramble/ramble/setup.sh"])
        #expect(setup.contains("git_ref='develop'\n"))
        #expect(setup.contains("\"$venv/bin/pip\" install --quiet -r \"$install_dir/requirements.txt\""))
        #expect(!setup.contains("chmod -R"))
    }

    /// Top-level keys of a Spack environment's `spack:` section (Spack's env schema, v0.20-0.22).
    static let environmentKeys: Set = [
        "specs", "view", "concretizer", "include", "definitions", "packages", "compilers", "config", "modules",
        "mirrors", "repos", "upstreams", "bootstrap", "ci", "cdash", "container", "develop", "include_concrete",
    ]

    @Test func theEnvironmentReadsBackAsASpackEnvironment() throws {
        let all = try files(
            blueprint(
                execute: "      environments:\n      - {name: gromacs, specs: ['gromacs@2023 +mpi', 'fftw ~mpi']}\n"))
        let text = try #require(all["spack/build/gromacs/spack.yaml"])
        var diagnostics = Diagnostics()
        let node = try #require(YAMLReader().read(SourceFile(name: "spack.yaml", text: text), into: &diagnostics))
        #expect(diagnostics.errorCount == 0)
        #expect(node.entries?.map(\.key) == ["spack"])
        let spack = try #require(node["spack"]?.entries)
        #expect(Set(spack.map(\.key)).isSubset(of: Self.environmentKeys))
        #expect(node["spack"]?["specs"]?.elements?.compactMap(\.scalarText) == ["gromacs@2023 +mpi", "fftw ~mpi"])
        #expect(node["spack"]?["concretizer"]?["unify"]?.scalarText == "true")
        #expect(node["spack"]?["view"]?.scalarText == "true")
    }
}
