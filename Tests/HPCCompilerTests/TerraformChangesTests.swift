import Testing

@testable @_spi(Tools) import HPCCompiler

/// The Terraform half of `hpcc diff` on small roots with facts given in the test, so each rule
/// (create, destroy, update, replace, replacement spreading through references, moves, blocks
/// added, meta-arguments, prevent_destroy, replace_triggered_by) is seen on its own.
@Suite("hpcc diff: Terraform resources")
struct TerraformChangesTests {
    /// vpc cidr_block, subnet vpc_id and cidr_block, and a bucket's name force a new resource;
    /// everything else the test names is updatable; other attributes are unknown.
    private let facts: TerraformChanges.Facts = { type, path in
        switch (type, path.joined(separator: ".")) {
        case ("aws_vpc", "cidr_block"), ("aws_subnet", "vpc_id"), ("aws_subnet", "cidr_block"),
            ("aws_s3_bucket", "bucket"), ("aws_fsx_lustre_file_system", "log_configuration.level"):
            true
        case ("aws_vpc", "tags"), ("aws_subnet", "tags"), ("aws_security_group", "vpc_id"),
            ("aws_s3_bucket", "tags"), ("aws_fsx_lustre_file_system", "storage_capacity"):
            false
        default: nil
        }
    }

    private func changes(_ old: JSON, _ new: JSON) -> [String] {
        TerraformChanges(forcesReplacement: facts).compare(group: "g", old: old, new: new).map { change in
            "\(change.action.rawValue) \(change.address)" + (change.movedFrom.map { " from \($0)" } ?? "")
        }
    }

    private func root(_ resources: [String: [String: JSON]], moved: [(String, String)] = []) -> JSON {
        var document: [String: JSON] = [
            "resource": .object(
                Dictionary(
                    grouping: resources.map { address, body in (address, body) },
                    by: { TerraformChanges.type(of: $0.0) }
                ).mapValues { entries in
                    .object(
                        Dictionary(
                            uniqueKeysWithValues: entries.map {
                                (String($0.0.dropFirst(TerraformChanges.type(of: $0.0).count + 1)), JSON.object($0.1))
                            }))
                })
        ]
        if !moved.isEmpty { document["moved"] = .array(moved.map { ["from": .string($0.0), "to": .string($0.1)] }) }
        return .object(document)
    }

    private var network: [String: [String: JSON]] {
        [
            "aws_vpc.net": ["cidr_block": "10.0.0.0/16", "tags": ["Name": "net"]],
            "aws_subnet.net_0": ["vpc_id": "${aws_vpc.net.id}", "cidr_block": "10.0.0.0/20"],
            "aws_security_group.net": ["vpc_id": "${aws_vpc.net.id}"],
        ]
    }

    @Test func nothingChangesWhenTheRootsAreEqual() {
        #expect(changes(root(network), root(network)).isEmpty)
    }

    @Test func anUpdatableAttributeUpdatesInPlace() {
        var new = network
        new["aws_vpc.net"]!["tags"] = ["Name": "net", "team": "hpc"]
        #expect(changes(root(network), root(new)) == ["update aws_vpc.net"])
    }

    @Test func replacementSpreadsToAttributesThatForceAndReadTheReplacedResource() {
        var new = network
        new["aws_vpc.net"]!["cidr_block"] = "10.1.0.0/16"
        // The subnet's vpc_id forces a new subnet; the security group's is updatable in place.
        #expect(
            changes(root(network), root(new)).sorted() == [
                "replace aws_subnet.net_0", "replace aws_vpc.net", "update aws_security_group.net",
            ])
        let subnet = TerraformChanges(forcesReplacement: facts).compare(group: "g", old: root(network), new: root(new))
            .first { $0.address == "aws_subnet.net_0" }
        #expect(subnet?.forcedBy == ["vpc_id (reads aws_vpc.net, which is replaced)"])
    }

    @Test func createsAndDestroysAreTheAddressesOnOneSideOnly() {
        var new = network
        new["aws_subnet.net_0"] = nil
        new["aws_subnet.net_1"] = ["vpc_id": "${aws_vpc.net.id}", "cidr_block": "10.0.16.0/20"]
        #expect(changes(root(network), root(new)) == ["destroy aws_subnet.net_0", "create aws_subnet.net_1"])
    }

    @Test func aMovedBlockMovesAndReferencesToTheMovedResourceDoNotChange() {
        let new: [String: [String: JSON]] = [
            "aws_vpc.cluster": network["aws_vpc.net"]!,
            "aws_subnet.cluster_0": ["vpc_id": "${aws_vpc.cluster.id}", "cidr_block": "10.0.0.0/20"],
            "aws_security_group.cluster": ["vpc_id": "${aws_vpc.cluster.id}"],
        ]
        let moved = [
            ("aws_vpc.net", "aws_vpc.cluster"), ("aws_subnet.net_0", "aws_subnet.cluster_0"),
            ("aws_security_group.net", "aws_security_group.cluster"),
        ]
        #expect(
            changes(root(network), root(new, moved: moved)) == [
                "move aws_security_group.cluster from aws_security_group.net",
                "move aws_subnet.cluster_0 from aws_subnet.net_0", "move aws_vpc.cluster from aws_vpc.net",
            ])
        // Without the moved blocks the same rename destroys and creates all three.
        #expect(changes(root(network), root(new)).filter { $0.hasPrefix("destroy") }.count == 3)
    }

    @Test func aMovedResourceWhoseAttributesChangeIsUpdatedAtItsNewAddress() {
        var body = network["aws_vpc.net"]!
        body["tags"] = ["Name": "cluster"]
        var new = network
        new["aws_vpc.net"] = nil
        new["aws_vpc.cluster"] = body
        new["aws_subnet.net_0"]!["vpc_id"] = "${aws_vpc.cluster.id}"
        new["aws_security_group.net"]!["vpc_id"] = "${aws_vpc.cluster.id}"
        #expect(
            changes(root(network), root(new, moved: [("aws_vpc.net", "aws_vpc.cluster")]))
                == ["update aws_vpc.cluster from aws_vpc.net"])
    }

    @Test func aBlockAddedWithAForcingAttributeReplaces() {
        let old = root(["aws_fsx_lustre_file_system.scratch": ["storage_capacity": 1200]])
        let grown = root(["aws_fsx_lustre_file_system.scratch": ["storage_capacity": 2400]])
        let logged = root([
            "aws_fsx_lustre_file_system.scratch": [
                "storage_capacity": 1200, "log_configuration": [["level": "WARN_ERROR"]],
            ]
        ])
        #expect(changes(old, grown) == ["update aws_fsx_lustre_file_system.scratch"])
        #expect(changes(old, logged) == ["replace aws_fsx_lustre_file_system.scratch"])
    }

    @Test func ignoredChangesAreNoChanges() {
        var new = network
        new["aws_vpc.net"]!["tags"] = ["Name": "net", "team": "hpc"]
        new["aws_vpc.net"]!["lifecycle"] = ["ignore_changes": ["tags[\"team\"]"]]
        #expect(TerraformChanges.ignoredPaths(new["aws_vpc.net"].map(JSON.object)!) == [["tags", "team"]])
        #expect(changes(root(network), root(new)).isEmpty)
        new["aws_vpc.net"]!["cidr_block"] = "10.1.0.0/16"
        new["aws_vpc.net"]!["lifecycle"] = ["ignore_changes": "all"]
        #expect(changes(root(network), root(new)).isEmpty)
        #expect(
            TerraformChanges.ignoredPaths(["lifecycle": ["ignore_changes": ["scaling_config[0].desired_size"]]]) == [
                ["scaling_config", "desired_size"]
            ])
    }

    @Test func providerDefaultTagsUpdateEveryResourceThatHasTags() {
        // aws_vpc and aws_subnet have `tags`; the security group (in this test's facts) does not.
        func tagged(_ team: String) -> JSON {
            guard case var .object(document) = root(network) else { return .null }
            document["provider"] = [
                "aws": ["default_tags": [["tags": ["team": .string(team)]]], "region": "eu-west-1"]
            ]
            return .object(document)
        }
        #expect(changes(tagged("cfd"), tagged("cfd")).isEmpty)
        #expect(changes(tagged("cfd"), tagged("aero")) == ["update aws_subnet.net_0", "update aws_vpc.net"])
    }

    @Test func metaArgumentsAreNotAttributes() {
        var new = network
        new["aws_security_group.net"]!["depends_on"] = ["aws_subnet.net_0"]
        new["aws_security_group.net"]!["lifecycle"] = ["create_before_destroy": true]
        #expect(changes(root(network), root(new)).isEmpty)
    }

    @Test func dataIsLostByReplacingOrDestroyingAndPreventDestroyIsTheNewRootsOnReplace() {
        let old = root(["aws_s3_bucket.data": ["bucket": "a", "lifecycle": ["prevent_destroy": true]]])
        let renamed = root(["aws_s3_bucket.data": ["bucket": "b", "lifecycle": ["prevent_destroy": true]]])
        let compare = TerraformChanges(forcesReplacement: facts)
        let replaced = compare.compare(group: "g", old: old, new: renamed)
        #expect(replaced.map(\.action) == [.replace])
        #expect(replaced[0].losesData && replaced[0].preventDestroy)
        // A resource taken out of the root takes its prevent_destroy with it: Terraform destroys it.
        let removed = compare.compare(group: "g", old: old, new: root([:]))
        #expect(removed.map(\.action) == [.destroy])
        #expect(removed[0].losesData && !removed[0].preventDestroy)
    }

    @Test func replaceTriggeredByFollowsTheResourceItNames() {
        let old = root([
            "aws_s3_bucket.data": ["bucket": "a", "tags": ["v": "1"]],
            "terraform_data.marker": ["input": "x", "lifecycle": ["replace_triggered_by": ["aws_s3_bucket.data"]]],
        ])
        let new = root([
            "aws_s3_bucket.data": ["bucket": "a", "tags": ["v": "2"]],
            "terraform_data.marker": ["input": "x", "lifecycle": ["replace_triggered_by": ["aws_s3_bucket.data"]]],
        ])
        #expect(changes(old, new) == ["update aws_s3_bucket.data", "replace terraform_data.marker"])
    }
}
