import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// `rest_api` settings for `pclusterBlueprint(cluster:)`; `extra` adds members.
func pclusterRestAPI(_ extra: String = "") -> String {
    """
          rest_api:
            allowed_clients: [10.30.5.10/32, 10.30.6.0/24]
            jwks: {keys: [{kty: RSA, kid: k1, use: sig, alg: RS256, n: AQAB1234, e: AQAB}]}
    \(extra)
    """
}

let parallelClusterRestAPICases: [InvalidCase] = [
    InvalidCase(
        name: "a port of ParallelCluster's slurmctld",
        blueprint: pclusterBlueprint(cluster: pclusterRestAPI("        port: ‸6820\n")), codes: [.restAPIService]),
    InvalidCase(
        name: "an address EC2 has not given the head node",
        blueprint: pclusterBlueprint(cluster: pclusterRestAPI("        listen_address: ‸10.20.1.5\n")),
        codes: [.restAPIService]),
    InvalidCase(
        name: "an OpenAPI plugin Slurm 25.11 no longer builds",
        blueprint: pclusterBlueprint(
            cluster: pclusterRestAPI("        openapi_plugins: [openapi/slurmctld, ‸openapi/v0.0.38]\n")),
        codes: [.restAPIService]),
    InvalidCase(
        name: "no VPC for the security group",
        blueprint: pclusterBlueprint(
            cluster: """
                      private_subnet_ids: [subnet-0123456789abcdef0]
                      vpc_cidr: 10.0.0.0/16
                      rest_api:
                        ‸allowed_clients: [10.30.5.10/32]
                        jwks: {keys: [{kty: RSA, kid: k1, n: AQAB1234, e: AQAB}]}

                """
        ).replacingOccurrences(of: "use: [network]", with: "use: []"),
        codes: [.restAPIService]),
]

@Suite("ParallelCluster REST API")
struct ParallelClusterRestAPITests {
    @Test(arguments: parallelClusterRestAPICases)
    func reportsCodeAtMarker(_ testCase: InvalidCase) {
        expectCodesAtMarkers(testCase)
    }

    private func resources(_ result: CompileResult) throws -> [String: [String: [String: Any]]] {
        let text = try #require(result.file("cluster/main.tf.json"), "\(result.diagnostics.map(\.message))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return try #require(root["resource"] as? [String: [String: [String: Any]]])
    }

    @Test func theConfigCarriesTheAuthLinesTheScriptAndTheSecurityGroup() throws {
        let result = compile(pclusterBlueprint(cluster: pclusterRestAPI()))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.message))")
        let config = try #require(result.file("parallelcluster/cluster.yaml"))
        #expect(
            config.contains(
                """
                    CustomSlurmSettings:
                    - AuthAltTypes: auth/jwt
                    - AuthAltParameters: "jwks=/opt/slurm/etc/jwks.json"

                """))
        for (event, phase) in [("OnNodeStart", "keys"), ("OnNodeConfigured", "start"), ("OnNodeUpdated", "start")] {
            #expect(
                config.contains(
                    """
                        \(event):
                          Script: "s3://hpcc0000000000004/hpcc/cluster-slurmrestd.sh"
                          Args:
                          - \(phase)

                    """), "\(event)")
        }
        #expect(config.contains("- BucketName: hpcc0000000000004\n      KeyName: hpcc/cluster-slurmrestd.sh\n"))
        #expect(config.contains("    - sg-hpcc0000000000002\n    - sg-hpcc0000000000003\n"), "head node only")
        #expect(config.components(separatedBy: "sg-hpcc0000000000003").count == 3, "the header and the head node")

        let resources = try resources(result)
        let group = try #require(resources["aws_security_group"]?["cluster_slurmrestd"])
        #expect(group["vpc_id"] as? String == "${aws_vpc.network.id}")
        let rules = (resources["aws_vpc_security_group_ingress_rule"] ?? [:]).filter {
            ($0.value["security_group_id"] as? String) == "${aws_security_group.cluster_slurmrestd.id}"
        }
        #expect(
            Set(rules.values.compactMap { $0["cidr_ipv4"] as? String }) == ["10.30.5.10/32", "10.30.6.0/24"],
            "the named clients and no one else")
        #expect(rules.values.allSatisfy { $0["from_port"] as? Int == 6830 && $0["to_port"] as? Int == 6830 })
        let bucket = try #require(resources["aws_s3_bucket"]?["cluster_scripts"])
        #expect(bucket["bucket_prefix"] as? String == "pc-scripts-")
        #expect(resources["aws_s3_bucket_public_access_block"]?["cluster_scripts"] != nil)
        let object = try #require(resources["aws_s3_object"]?["cluster_slurmrestd_script"])
        let script = try #require(result.file("parallelcluster/cluster-slurmrestd.sh"))
        // Terraform templates double `$` and `%` before `{`; the object holds the very text of the file.
        let content = (object["content"] as? String)?.replacingOccurrences(of: "$${", with: "${")
            .replacingOccurrences(of: "%%{", with: "%{")
        #expect(content == script, "the object is the script hpcc writes, byte for byte")
        #expect(result.files.first { $0.path == "parallelcluster/cluster-slurmrestd.sh" }?.executable == true)
    }

    @Test func theScriptInstallsTheKeysFirstAndStartsSlurmrestdOnParallelClustersSlurm() throws {
        let result = compile(pclusterBlueprint(cluster: pclusterRestAPI("        user_claim: preferred_username\n")))
        let script = try #require(result.file("parallelcluster/cluster-slurmrestd.sh"))
        #expect(
            script.contains(
                """
                    write_file '/opt/slurm/etc/jwks.json' 0644 <<'HPCC_JWKS'
                {"keys":[{"alg":"RS256","e":"AQAB","kid":"k1","kty":"RSA","n":"AQAB1234","use":"sig"}]}
                HPCC_JWKS

                """))
        #expect(script.contains("ExecStart=/opt/slurm/sbin/slurmrestd -a rest_auth/jwt %H:6830\n"))
        #expect(
            script.contains("auth_alt_parameters='jwks=/opt/slurm/etc/jwks.json,userclaimfield=preferred_username'"))
        #expect(!script.contains("jwks-fetch"), "keys from the blueprint need no fetch")

        let fetched = compile(
            pclusterBlueprint(
                cluster: """
                          rest_api:
                            allowed_clients: [10.30.5.10/32]
                            jwks_url: https://keycloak.example.org/realms/hpc/protocol/openid-connect/certs
                            listen_address: 0.0.0.0

                    """))
        let fetching = try #require(
            fetched.file("parallelcluster/cluster-slurmrestd.sh"), "\(fetched.diagnostics.map(\.message))")
        #expect(
            fetching.contains(
                "--output /opt/slurm/etc/jwks.json.new "
                    + "https://keycloak.example.org/realms/hpc/protocol/openid-connect/certs"
            ))
        #expect(fetching.contains("systemctl start jwks-fetch.service\n"))
        #expect(fetching.contains("ExecStart=/opt/slurm/sbin/slurmrestd -a rest_auth/jwt 0.0.0.0:6830\n"))
    }

    @Test func withoutRestAPINothingChanges() throws {
        let result = compile(pclusterBlueprint())
        #expect(result.file("parallelcluster/cluster-slurmrestd.sh") == nil)
        let config = try #require(result.file("parallelcluster/cluster.yaml"))
        #expect(!config.contains("CustomSlurmSettings") && !config.contains("CustomActions"))
        let resources = try resources(result)
        #expect(resources["aws_s3_bucket"] == nil && resources["aws_security_group"]?["cluster_slurmrestd"] == nil)
    }
}
