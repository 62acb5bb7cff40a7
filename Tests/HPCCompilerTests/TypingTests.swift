import Testing
@_spi(Tools) @testable import HPCCompiler

@Suite("YAML 1.1 traps are typed by the schema")
struct TypingTests {
    @Test func yesForABoolIsTrueWithAWarning() {
        let result = compile(mini("partition_name: batch", "partition_name: batch\n      is_default: yes"))
        #expect(result.succeeded)
        #expect(positions(result.diagnostics) == ["23:19 HPC2010"])
        #expect(result.deployment?.clusters.first?.partitions.first?.isDefault == true)
    }

    @Test func onForAStringStaysTheString() {
        let result = compile(mini("partition_name: batch", "partition_name: on"))
        #expect(result.succeeded)
        #expect(positions(result.diagnostics) == ["22:23 HPC2010"])
        #expect(result.deployment?.clusters.first?.partitions.first?.name == "on")
    }

    @Test func leadingZeroNumbersAreDecimalWithAWarning() {
        let result = compile(mini("node_count_dynamic_max: 2", "node_count_dynamic_max: 010"))
        #expect(positions(result.diagnostics) == ["17:31 HPC2010"])
        #expect(result.deployment?.clusters.first?.nodesets.first?.dynamicMax == 10)
    }

    @Test func quotedBooleansAreErrors() {
        let result = compile(mini("partition_name: batch", "partition_name: batch\n      exclusive: \"false\""))
        #expect(positions(result.diagnostics) == ["23:18 HPC2006"])
        #expect(result.diagnostics.first?.help == "remove the quotes")
    }

    @Test func numbersForStringsAreStrings() {
        let result = compile(mini("partition_name: batch", "partition_name: p1\n      partition_conf: {MaxTime: 60}"))
        #expect(result.succeeded)
        #expect(result.file("slurm/slurm.conf")?.contains("MaxTime=60") == true)
    }
}
