import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// `hpcc build -d FILE`: a deployment file's `vars` and backend override the blueprint's, `--vars`
/// overrides the file, and its mistakes are positioned in the file.
@Suite struct DeploymentFileTests {
    static let deploymentFile = SourceFile(
        name: "prod-deployment.yaml",
        text: """
            terraform_backend_defaults:
              type: gcs
              configuration:
                bucket: prod-state
            vars:
              deployment_name: prod
              region: europe-west4
              zone: europe-west4-b

            """)

    static func compile(_ file: SourceFile, variables: [String] = []) -> CompileResult {
        Compiler().compile(
            SourceFile(name: "test.yaml", text: minimalBlueprint), deploymentFile: file, variables: variables)
    }

    @Test func itsVariablesAndBackendOverrideTheBlueprints() throws {
        let result = Self.compile(Self.deploymentFile)
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        #expect(result.deploymentName == "prod")
        let main = try #require(result.file("primary/main.tf.json"))
        #expect(main.contains("\"bucket\": \"prod-state\""))
        #expect(main.contains("\"region\": \"europe-west4\""))
        #expect(!main.contains("us-central1"))
    }

    @Test func commandLineVariablesOverrideTheFile() {
        let result = Self.compile(Self.deploymentFile, variables: ["deployment_name=canary"])
        #expect(result.deploymentName == "canary")
    }

    @Test func anEmptyValueInTheFileIsReportedThere() {
        let file = SourceFile(name: "d.yaml", text: "vars:\n  region:\n  zone: us-central1-a\n")
        let result = Self.compile(file)
        let inFile = result.diagnostics.filter { $0.location?.file == "d.yaml" }
        #expect(
            inFile.map { "\($0.location!.line):\($0.location!.column) \($0.code.rawValue)" }.contains("2:10 HPC2008"))
        #expect(!result.succeeded)
    }

    @Test func unknownKeysAndAnUnusedVariableArePositionedInTheFile() {
        let file = SourceFile(
            name: "d.yaml", text: "vars:\n  deployment_name: x\n  colour: blue\ngroups: []\n")
        let result = Self.compile(file)
        let found = result.diagnostics.filter { $0.location?.file == "d.yaml" }.map {
            "\($0.location!.line):\($0.location!.column) \($0.code.rawValue)"
        }
        #expect(found.contains("4:1 \(DiagnosticCode.unknownKey.rawValue)"))
        #expect(found.contains("3:3 \(DiagnosticCode.unusedVariable.rawValue)"))
        #expect(result.sources.map(\.name) == ["test.yaml", "d.yaml"])
    }
}

/// A variable read only inside another variable's value counts as used each time that value is
/// read, also when it comes from the cache (af3-slurm's `controller_runners` reads
/// `modelweights_bucket`, and a module reads `controller_runners` through flatten()).
@Suite struct NestedVariableUseTests {
    @Test func aVariableReadThroughAnotherIsUsed() {
        let text =
            minimalBlueprint.replacingOccurrences(
                of: "  zone: us-central1-a\n",
                with: """
                      zone: us-central1-a
                      bucket: weights
                      runners:
                      - {type: shell, destination: a.sh, content: "echo $1", args: "$(vars.bucket)"}

                    """
            ) + """
                  - id: startup
                    source: modules/scripts/startup-script
                    settings:
                      runners: $(flatten([vars.runners]))

                """
        let result = compile(text.replacingOccurrences(of: "use: [network]", with: "use: [network, startup]"))
        #expect(!result.diagnostics.contains { $0.code == .unusedVariable }, "\(result.diagnostics.map(\.message))")
    }
}
