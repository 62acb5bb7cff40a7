/// The security group a service hpcc creates sits in, and the rules admitting its clients: one
/// shape for every AWS module (EFS, FSx for Lustre, RDS).
enum AWSSecurityGroups {
    /// The security group at `address` in `vpc`, named and tagged `name`.
    static func group(
        _ address: TerraformAddress, name: String, description: String, vpc: JSON, origin: Origin,
        defaults: [String: String],
        into document: inout TerraformDocument
    ) {
        document.resource(
            address,
            [
                "name": .string(HCL.escapeTemplate(name)), "description": .string(description), "vpc_id": vpc,
                "tags": AWSTagging.tags(origin, name: name, defaults: defaults),
            ])
    }

    /// `aws_vpc_security_group_ingress_rule.<name>`: TCP `ports` into `group` from members of `source`.
    static func ingress(
        _ name: String, group: TerraformAddress, from source: JSON, ports: ClosedRange<Int>, description: String,
        into document: inout TerraformDocument
    ) {
        rule(
            name, group: group, source: ("referenced_security_group_id", source), ports: ports,
            description: description, into: &document)
    }

    /// `aws_vpc_security_group_ingress_rule.<name>`: TCP `ports` into `group` from the IPv4 block `cidr`.
    static func ingress(
        _ name: String, group: TerraformAddress, cidr: String, ports: ClosedRange<Int>, description: String,
        into document: inout TerraformDocument
    ) {
        rule(
            name, group: group, source: ("cidr_ipv4", .string(cidr)), ports: ports, description: description,
            into: &document)
    }

    private static func rule(
        _ name: String, group: TerraformAddress, source: (String, JSON), ports: ClosedRange<Int>, description: String,
        into document: inout TerraformDocument
    ) {
        document.resource(
            TerraformAddress("aws_vpc_security_group_ingress_rule", name),
            [
                "security_group_id": group.json("id"), source.0: source.1,
                "ip_protocol": "tcp", "from_port": .int(ports.lowerBound), "to_port": .int(ports.upperBound),
                "description": .string(description),
            ])
    }
}
