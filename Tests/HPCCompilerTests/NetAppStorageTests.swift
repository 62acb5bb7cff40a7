import Foundation
import Testing
@_spi(Tools) @testable import HPCCompiler

/// A NetApp pool on a PSA-peered VPC, one volume in it, and a VM that mounts the volume.
func netAppBlueprint(pool: String = "", volume: String = "") -> String {
    """
    blueprint_name: gcnv
    vars:
      project_id: demo-project
      deployment_name: eda
      region: us-central1
      zone: us-central1-a
    deployment_groups:
    - group: primary
      modules:
      - id: network
        source: modules/network/vpc
      - id: psa
        source: modules/network/private-service-access
        use: [network]
        settings:
          service_name: netapp.servicenetworking.goog
      - id: pool
        source: modules/file-system/netapp-storage-pool
        use: [network, psa]
        settings:
          service_level: EXTREME
          capacity_gib: 4096

    """ + pool + """
          - id: tools
            source: modules/file-system/netapp-volume
            use: [pool]
            settings:
              local_mount: /tools
              capacity_gib: 1024

        """ + volume + """
              - id: vm
                source: modules/compute/vm-instance
                use: [network, tools]
                settings:
                  machine_type: n2-standard-2

            """
}

/// A zonal RAPID bucket with an Anywhere Cache.
func rapidBucketBlueprint(_ settings: String) -> String {
    """
    blueprint_name: rapid
    vars:
      project_id: demo-project
      deployment_name: rapid
      region: us-central1
    deployment_groups:
    - group: primary
      modules:
      - id: data
        source: modules/file-system/cloud-storage-bucket
        settings:
          storage_class: RAPID
          enable_hierarchical_namespace: true

    """ + settings
}

@Suite("NetApp Volumes pools and volumes, zonal buckets and Anywhere Cache")
struct NetAppStorageTests {
    private func resources(_ text: String) throws -> [String: [String: Any]] {
        let result = compile(text)
        let main = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(main.utf8)) as? [String: Any])
        return try #require(root["resource"] as? [String: [String: Any]])
    }

    @Test func poolWaitsForThePeeringAndTheVolumeDrawsOnIt() throws {
        let resources = try resources(netAppBlueprint())
        let pool = try #require(resources["google_netapp_storage_pool"]?["pool"] as? [String: Any])
        #expect(pool["name"] as? String == "eda-pool")
        #expect(pool["capacity_gib"] as? String == "4096")
        #expect(pool["service_level"] as? String == "EXTREME")
        #expect(pool["network"] as? String == "${google_compute_network.network.id}")
        #expect(pool["depends_on"] as? [String] == ["google_service_networking_connection.psa"])
        let volume = try #require(resources["google_netapp_volume"]?["tools"] as? [String: Any])
        #expect(volume["name"] as? String == "eda-tools")
        #expect(volume["share_name"] as? String == "eda-tools")
        #expect(volume["storage_pool"] as? String == "${google_netapp_storage_pool.pool.name}")
        #expect(volume["capacity_gib"] as? String == "1024")
        #expect(volume["protocols"] as? [String] == ["NFSV3"])
        let policy = try #require((volume["export_policy"] as? [[String: Any]])?.first)
        let rule = try #require((policy["rules"] as? [[String: Any]])?.first)
        #expect(rule["allowed_clients"] as? String == "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16")
        #expect(rule["has_root_access"] as? String == "true")
        #expect(rule["nfsv3"] as? Bool == true)
        #expect(rule["nfsv4"] as? Bool == false)
    }

    @Test func theVolumeIsMountedOverNFSFromItsFirstExport() throws {
        let result = compile(netAppBlueprint(volume: "      mount_options: hard,vers=3\n"))
        let deployment = try #require(result.deployment, "\(result.diagnostics)")
        let mount = try #require(deployment.filesystems.first?.mount)
        #expect(mount.type == .nfs)
        #expect(mount.remotePath == "/eda-tools")
        #expect(mount.localMount == "/tools")
        #expect(mount.options == "hard,vers=3")
        let main = try #require(result.file("primary/main.tf.json"))
        #expect(main.contains(#"split(\":\", google_netapp_volume.tools.mount_options[0].export_full)[0]"#))
    }

    @Test func aLiteralPeeringIsCheckedBeforeThePoolIsCreated() throws {
        let text = netAppBlueprint().replacingOccurrences(of: "use: [network, psa]", with: "use: [network]")
        let result = compile(text)
        let main = try #require(result.file("primary/main.tf.json"), "\(result.diagnostics)")
        #expect(main.contains(#""name": "sn-netapp-prod""#))
        #expect(main.contains(#""network": "${google_compute_network.network.self_link}""#))
        #expect(main.contains(#""condition": "${data.google_compute_network_peering.pool.state == \"ACTIVE\"}""#))
    }

    @Test func exportRulesFollowTheProtocolsUnlessTheySaySo() throws {
        let volume = """
                  protocols: [NFSV3, NFSV4]
                  export_policy_rules:
                  - allowed_clients: 10.1.0.0/16
                    nfsv3: false

            """
        let resources = try resources(netAppBlueprint(volume: volume))
        let tools = try #require(resources["google_netapp_volume"]?["tools"] as? [String: Any])
        let rule = try #require(
            ((tools["export_policy"] as? [[String: Any]])?.first?["rules"] as? [[String: Any]])?.first)
        #expect(rule["nfsv3"] as? Bool == false)
        #expect(rule["nfsv4"] as? Bool == true)
        #expect(rule["has_root_access"] as? String == "false")
        #expect(rule["access_type"] as? String == "READ_WRITE")
    }

    @Test func aVolumeLargerThanItsPoolOrAnUnknownProtocolIsAnError() {
        let big = compile(netAppBlueprint().replacingOccurrences(of: "capacity_gib: 1024", with: "capacity_gib: 8192"))
        #expect(big.diagnostics.map(\.code.rawValue).contains("HPC2007"), "\(big.diagnostics)")
        #expect(big.diagnostics.contains { $0.message.contains("do not fit in pool 'eda-pool' of 4096 GiB") })
        let smb = compile(netAppBlueprint(volume: "      protocols: [SMB]\n"))
        #expect(smb.diagnostics.contains { $0.message.contains("not 'SMB'") }, "\(smb.diagnostics)")
        let large = compile(netAppBlueprint(volume: "      large_capacity: true\n"))
        #expect(large.diagnostics.contains { $0.message.contains("at least 15360 GiB") }, "\(large.diagnostics)")
    }

    @Test func aRapidBucketIsPlacedInItsZoneWithACacheThere() throws {
        let settings = """
                  placement_zones: [us-central1-b]
                  anywhere_cache:
                    zones: [us-central1-b]
                    admission_policy: admit-on-second-miss

            """
        let resources = try resources(rapidBucketBlueprint(settings))
        let bucket = try #require(resources["google_storage_bucket"]?["data"] as? [String: Any])
        #expect(bucket["storage_class"] as? String == "RAPID")
        let placement = try #require((bucket["custom_placement_config"] as? [[String: Any]])?.first)
        #expect(placement["data_locations"] as? [String] == ["us-central1-b"])
        let cache = try #require(
            resources["google_storage_anywhere_cache"]?["data_us-central1-b"] as? [String: Any])
        #expect(cache["bucket"] as? String == "${google_storage_bucket.data.name}")
        #expect(cache["zone"] as? String == "us-central1-b")
        #expect(cache["ttl"] as? String == "86400s")
        #expect(cache["admission_policy"] as? String == "admit-on-second-miss")
        #expect((cache["timeouts"] as? [String: String])?["create"] == "240m")
    }

    @Test func placementAndCacheOutsideTheRegionAreErrors() {
        let rapidWithoutZone = compile(rapidBucketBlueprint(""))
        #expect(rapidWithoutZone.diagnostics.contains { $0.message.contains("needs placement_zones") })
        let settings = """
                  placement_zones: [europe-west1-b]
                  anywhere_cache:
                    zones: [us-central1-b, us-central1-b]
                    ttl: 3600s

            """
        let messages = compile(rapidBucketBlueprint(settings)).diagnostics.map(\.message)
        #expect(messages.contains("placement zone 'europe-west1-b' is not in the bucket's region 'us-central1'"))
        #expect(messages.contains("anywhere_cache names a zone more than once"))
        #expect(messages.contains("anywhere_cache ttl must be 86400s to 604800s (1 to 7 days), not '3600s'"))
    }
}
