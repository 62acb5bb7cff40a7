import ConsumerChecks
import Foundation
@_spi(Tools) @testable import HPCCompiler
import Testing
import TestSupport

/// A ParallelCluster cluster with `rest_api` as the localhost run's twin: the same port, address,
/// account, JWKS file and identity provider key.
private func twinBlueprint(_ localhost: OnPremSlurmRunTests.Localhost) -> String {
    """
    blueprint_name: pc-rest
    vars:
      deployment_name: pc-rest
      region: eu-west-1
      availability_zones: [eu-west-1a]
    deployment_groups:
    - group: cluster
      modules:
      - id: network
        source: modules/network/aws-vpc
      - id: cluster
        source: modules/scheduler/parallelcluster
        use: [network]
        settings:
          rest_api:
            listen_address: 127.0.0.1
            port: \(localhost.ports[4])
            allowed_clients: [127.0.0.1/32]
            jwks: \(localhost.issuer.jwks)
            jwks_file: \(localhost.run.path)/jwks.json
            user: nobody
          queues:
          - name: compute
            compute_resources: [{name: small, instance_type: c7a.large, max_count: 1}]

    """
}

extension OnPremSlurmRunTests {
    /// The head-node script hpcc writes for ParallelCluster runs here as ParallelCluster runs it
    /// (`keys`, then `start`), with a stand-in for the head node: `HPCC_SLURM_PREFIX` a folder whose
    /// `sbin/slurmrestd` is this machine's and whose `etc/slurmdbd.conf` is the localhost run's
    /// without its `AuthAlt*` lines, `HPCC_UNIT_DIR` a folder, and a `systemctl` that records its
    /// calls. The JWKS it installs and the unit it writes then replace the localhost run's own,
    /// and the real Slurm of the localhost run (slurmctld reading the `AuthAlt*` lines
    /// ParallelCluster would render from the config's CustomSlurmSettings) serves slurmrestd from
    /// that unit: a valid token pings and runs a job, another key's and an expired one are refused.
    @Test func theParallelClusterHeadNodeScriptRunsSlurmrestd() throws {
        if Self.skipped("aws-parallelcluster", "head-node REST API script run") { return }
        let localhost = try Localhost()
        defer { localhost.remove() }
        let compiled = Compiler().compile(
            SourceFile(name: "pc-rest.yaml", text: twinBlueprint(localhost)), variables: [])
        #expect(compiled.diagnostics.isEmpty, "\(compiled.diagnostics.map(\.message))")
        let script = try #require(compiled.files.first { $0.path == "parallelcluster/cluster-slurmrestd.sh" })
        let config = try #require(compiled.files.first { $0.path == "parallelcluster/cluster.yaml" }?.text)

        // What ParallelCluster renders from CustomSlurmSettings (one `Key=Value` line per entry) is
        // what the localhost slurm.conf holds.
        let slurmConf = try String(contentsOf: localhost.conf, encoding: .utf8)
        let parameters = "jwks=\(localhost.run.path)/jwks.json"
        #expect(config.contains("- AuthAltTypes: auth/jwt\n    - AuthAltParameters: \"\(parameters)\"\n"))
        #expect(
            slurmConf.contains("\nAuthAltTypes=auth/jwt\n") && slurmConf.contains("\nAuthAltParameters=\(parameters)\n")
        )

        let head = localhost.run.appendingPathComponent("head-node")
        let prefix = head.appendingPathComponent("slurm"), units = head.appendingPathComponent("units")
        let bin = head.appendingPathComponent("bin")
        let files = FileManager.default
        for folder in [prefix.appendingPathComponent("sbin"), prefix.appendingPathComponent("etc"), units, bin] {
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        try files.createSymbolicLink(
            atPath: prefix.appendingPathComponent("sbin/slurmrestd").path,
            withDestinationPath: try #require(Shell.which("slurmrestd")))
        let dbdConf = localhost.conf.deletingLastPathComponent().appendingPathComponent("slurmdbd.conf")
        let dbdLines = try String(contentsOf: dbdConf, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        try dbdLines.filter { !$0.hasPrefix("AuthAlt") }.joined(separator: "\n").write(
            to: prefix.appendingPathComponent("etc/slurmdbd.conf"), atomically: true, encoding: .utf8)
        let log = head.appendingPathComponent("systemctl.log")
        try "#!/bin/sh\necho \"$*\" >>\(ShellWord.quote(log.path))\n".write(
            to: bin.appendingPathComponent("systemctl"), atomically: true, encoding: .utf8)
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin.appendingPathComponent("systemctl").path)
        let program = head.appendingPathComponent("cluster-slurmrestd.sh")
        try Data(script.contents).write(to: program)
        let environment = [
            "HPCC_SLURM_PREFIX": prefix.path, "HPCC_UNIT_DIR": units.path,
            "PATH": bin.path + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
        ]
        for phase in ["keys", "start"] {
            let outcome = try Shell.run("/bin/bash", [program.path, phase], environment: environment)
            #expect(outcome.status == 0, "\(phase): \(outcome.stderr)")
        }
        let installed = try String(contentsOf: localhost.run.appendingPathComponent("jwks.json"), encoding: .utf8)
        // The blueprint's JWKS, as hpcc writes JSON (compact, sorted members).
        let parsed = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary }
        #expect(installed.hasSuffix("}\n") && installed.split(separator: "\n").count == 1)
        #expect(try parsed(installed) == parsed(localhost.issuer.jwks), "keys installed the blueprint's JWKS")
        let dbdAfter = try String(contentsOf: prefix.appendingPathComponent("etc/slurmdbd.conf"), encoding: .utf8)
        #expect(
            dbdAfter.hasSuffix("AuthAltTypes=auth/jwt\nAuthAltParameters=\(parameters)\n"),
            "start gave slurmdbd the lines: \(dbdAfter)")
        #expect(dbdLines.contains("AuthAltParameters=\(parameters)"), "the same lines the localhost slurmdbd.conf has")
        let calls = try String(contentsOf: log, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(
            calls == [
                "try-restart slurmdbd.service", "daemon-reload", "enable slurmrestd.service",
                "restart slurmrestd.service",
            ], "\(calls)")
        let unit = try String(contentsOf: units.appendingPathComponent("slurmrestd.service"), encoding: .utf8)
        #expect(
            unit.contains("ExecStart=\(prefix.path)/sbin/slurmrestd -a rest_auth/jwt 127.0.0.1:\(localhost.ports[4])\n")
        )

        // The head node's unit and keys in place of the localhost run's own.
        let beside = localhost.conf.deletingLastPathComponent()
        try unit.write(to: beside.appendingPathComponent("slurmrestd.service"), atomically: true, encoding: .utf8)
        try installed.write(to: beside.appendingPathComponent("jwks.json"), atomically: true, encoding: .utf8)
        let outcome = try SlurmLocalRun.run(
            conf: localhost.conf, runDirectory: localhost.run, node: localhost.node,
            environment: localhost.issuer.environment)
        #expect(outcome.jobs.allSatisfy { $0.state == "COMPLETED" }, "\(outcome.jobs)")
        let rest = Self.checkRestAPI(outcome.rest, cluster: localhost.cluster)
        ConsumerTools.record(
            "aws-parallelcluster", "head-node REST API script run",
            "parallelcluster/cluster-slurmrestd.sh keys + start (systemctl recorded: "
                + calls.joined(separator: "; ") + "), "
                + "its JWKS and unit under the localhost slurmctld/slurmdbd: "
                + outcome.jobs.map { "job \($0.id) in \($0.partition) \($0.state)" }.joined(separator: ", ")
                + "; sacct: " + outcome.accounted.map { "\($0.id) \($0.state)" }.joined(separator: ", ") + "; " + rest)
    }
}
