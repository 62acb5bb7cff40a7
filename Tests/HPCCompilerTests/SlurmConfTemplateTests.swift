import Testing
@_spi(Tools) @testable import HPCCompiler

/// The controller's `slurm_conf_tpl`: its settings above the "DO NOT MODIFY" line replace hpcc's or
/// are added, cloud_parameters still win, and a setting hpcc derives must agree with hpcc's value.
@Suite struct SlurmConfTemplateTests {
    static func blueprint(_ template: String, cloud: String = "") -> String {
        minimalBlueprint.replacingOccurrences(
            of: "  - id: controller\n    source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller\n",
            with: """
                  - id: controller
                    source: community/modules/scheduler/schedmd-slurm-gcp-v6-controller
                    settings:
                      slurm_conf_tpl: \(template)\(cloud)

                """)
    }

    static let userTemplate = """
        # site settings
        MessageTimeout=200
        MaxArraySize=4001
        SlurmctldPidFile=/var/run/slurm/slurmctld.pid
        ################ WARNING: DO NOT MODIFY SECTION BELOW ################
        SlurmctldHost={control_host}({control_addr})
        """

    @Test func theToolkitsLongPrologTemplateIsKnown() throws {
        let text = Self.blueprint(
            "../_modules/embedded/community/modules/scheduler/schedmd-slurm-gcp-v6-controller/etc/"
                + "long-prolog-slurm.conf.tpl")
        let result = compile(text)
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("\nMessageTimeout=600\n") && !conf.contains("MessageTimeout=60\n"))
        #expect(conf.contains("# From the controller's slurm_conf_tpl\nMaxNodeCount=64000\n"))
        #expect(conf.contains("\nPrologEpilogTimeout=600\n") && conf.contains("\nPrologFlags=Contain\n"))
    }

    @Test func aUserTemplateBesideTheBlueprintIsRead() throws {
        let files = BlueprintFiles.memory(["bp/site.conf.tpl": Self.userTemplate])
        let text = Self.blueprint("site.conf.tpl", cloud: "\n      cloud_parameters: {slurmd_timeout: 90}")
        let result = Compiler(files: files).compile(SourceFile(name: "bp/test.yaml", text: text))
        #expect(result.succeeded, "\(result.diagnostics.map(\.message))")
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("\nMessageTimeout=200\n") && conf.contains("\nMaxArraySize=4001\n"))
        #expect(conf.contains("\nSlurmdTimeout=90\n"))
        #expect(!conf.contains("{control_host}"))
    }

    @Test func cloudParametersWinOverTheTemplate() throws {
        let files = BlueprintFiles.memory(["bp/site.conf.tpl": "SlurmdTimeout=500\n"])
        let text = Self.blueprint("site.conf.tpl", cloud: "\n      cloud_parameters: {slurmd_timeout: 90}")
        let result = Compiler(files: files).compile(SourceFile(name: "bp/test.yaml", text: text))
        let conf = try #require(result.file("slurm/slurm.conf"))
        #expect(conf.contains("\nSlurmdTimeout=90\n") && !conf.contains("SlurmdTimeout=500"))
    }

    @Test func aDerivedSettingThatDisagreesIsAnError() {
        let files = BlueprintFiles.memory(["bp/site.conf.tpl": "ClusterName=other\nSlurmdPort=7000\n"])
        let result = Compiler(files: files).compile(
            SourceFile(name: "bp/test.yaml", text: Self.blueprint("site.conf.tpl")))
        #expect(result.diagnostics.map(\.code) == [.settingNotSupported, .settingNotSupported])
        #expect(
            result.diagnostics.first?.message
                == "slurm_conf_tpl: it sets ClusterName=other, which hpcc derives from the blueprint and its "
                + "node layout")
    }

    @Test func anUnknownToolkitTemplateAndAnUnreadableFileAreErrors() {
        let unknown = compile(Self.blueprint("../etc/schedmd-slurm-gcp-v6-controller/etc/custom.conf.tpl"))
        #expect(unknown.diagnostics.first?.message.contains("is not one of the Cluster Toolkit's") == true)
        let missing = compile(Self.blueprint("site.conf.tpl"))
        #expect(
            missing.diagnostics.first?.message
                == "slurm_conf_tpl: the template 'site.conf.tpl' is not read: this compiler reads no files")
    }
}
