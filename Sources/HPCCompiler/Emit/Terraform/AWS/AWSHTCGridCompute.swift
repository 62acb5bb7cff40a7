/// Where an HTC grid's agents run: an EKS cluster with a private API endpoint, its secrets
/// encrypted with the grid's key, control-plane logs kept for the grid's retention; one managed
/// node group per worker group; access entries for `input_role`.
enum AWSHTCGridCompute {
    /// AWS-managed policies the cluster and node roles need (EKS documents them as required).
    static let clusterPolicies = ["AmazonEKSClusterPolicy"]
    static let nodePolicies = [
        "AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly",
    ]
    /// The access policy `system:masters` in `input_role` becomes (access entries cannot name `system:` groups).
    static let adminAccessPolicy = "AmazonEKSClusterAdminPolicy"

    static func emit(
        _ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument
    ) {
        let cluster = grid.names.cluster, eks = refs.eksCluster
        role(
            refs.clusterRole, name: grid.names.role("eks-cluster"), service: "eks.amazonaws.com",
            policies: clusterPolicies,
            grid: grid, refs: refs, tags: tags, into: &document)
        document.resource(
            refs.eksLogGroup,
            [
                "name": .string(grid.names.clusterLogGroup), "retention_in_days": .int(grid.logRetentionDays),
                "tags": tags(grid.names.clusterLogGroup),
            ])
        document.resource(
            eks,
            [
                "name": .string(cluster), "version": .string(grid.kubernetesVersion),
                "role_arn": refs.clusterRole.json("arn"),
                "vpc_config": .block([
                    "subnet_ids": .array(refs.subnets), "security_group_ids": .array([refs.securityGroup]),
                    "endpoint_private_access": true, "endpoint_public_access": false,
                ]),
                "access_config": .block([
                    "authentication_mode": "API", "bootstrap_cluster_creator_admin_permissions": true,
                ]),
                "encryption_config": .block([
                    "resources": .strings(["secrets"]), "provider": .block(["key_arn": .string(refs.key)]),
                ]),
                "enabled_cluster_log_types": .strings(["api", "audit", "authenticator"]),
                "tags": tags(cluster),
                "depends_on": .addresses(
                    [refs.eksLogGroup] + clusterPolicies.map { refs.policyAttachment(refs.clusterRole, $0) }),
            ])
        role(
            refs.nodeRole, name: grid.names.role("eks-nodes"), service: "ec2.amazonaws.com", policies: nodePolicies,
            grid: grid, refs: refs, tags: tags, into: &document)
        document.resource(
            refs.agentsPolicy,
            [
                "name": "htc-agents", "role": refs.nodeRole.json("id"),
                "policy": IAMPolicy.document(HTCGridPermissions.agents(grid, refs: refs)),
            ])
        let attachments = nodePolicies.map { refs.policyAttachment(refs.nodeRole, $0) } + [refs.agentsPolicy]
        // Every node: instance metadata through IMDSv2 tokens only (two hops, so the agents'
        // pods still reach it for the node role), and an encrypted root volume.
        let template = refs.nodeTemplate
        document.resource(
            template,
            [
                "name": .string("\(cluster)-eks-nodes"),
                "description": "HTC grid EKS nodes: IMDSv2 only, encrypted gp3 root volume",
                "update_default_version": true,
                "metadata_options": .block([
                    "http_endpoint": "enabled", "http_tokens": "required", "http_put_response_hop_limit": 2,
                ]),
                "block_device_mappings": .block([
                    "device_name": "/dev/xvda",
                    "ebs": .block([
                        "volume_size": .int(grid.nodeVolumeGiB), "volume_type": "gp3", "encrypted": "true",
                        "delete_on_termination": "true",
                    ]),
                ]),
                "tags": tags("\(cluster)-eks-nodes"),
            ])
        for group in grid.workerGroups {
            document.resource(
                refs.nodeGroup(group),
                [
                    "cluster_name": eks.json("name"), "node_group_name": .string(group.name),
                    "node_role_arn": refs.nodeRole.json("arn"), "subnet_ids": .array(refs.subnets),
                    "instance_types": .strings(group.instanceTypes),
                    "capacity_type": .string(group.capacityType.rawValue),
                    "launch_template": .block(["id": template.json("id"), "version": template.json("latest_version")]),
                    "scaling_config": .block([
                        "min_size": .int(group.minSize), "max_size": .int(group.maxSize),
                        "desired_size": .int(group.desiredSize),
                    ]),
                    "update_config": .block(["max_unavailable": 1]),
                    "labels": .object(["htc/node-group": .string(group.name)]),
                    "tags": tags("\(cluster)-\(group.name)"),
                    // The cluster autoscaler moves desired_size; a re-apply must not undo that.
                    "lifecycle": .array([.object(["ignore_changes": .strings(["scaling_config[0].desired_size"])])]),
                    "depends_on": .addresses(attachments),
                ])
        }
        for (index, access) in grid.clusterAccess.enumerated() {
            let entry = refs.accessEntry(index)
            let groups = access.groups.filter { !$0.hasPrefix("system:") }
            document.resource(
                entry,
                [
                    "cluster_name": eks.json("name"), "principal_arn": .string(HCL.escapeTemplate(access.roleARN)),
                    "user_name": .string(HCL.escapeTemplate(access.userName)),
                    "kubernetes_groups": .when(!groups.isEmpty, .strings(groups.map(HCL.escapeTemplate))),
                    "type": "STANDARD", "tags": tags("\(cluster)-access-\(index)"),
                ])
            guard access.groups.contains(HTCGridLimits.adminGroup) else { continue }
            document.resource(
                refs.accessPolicy(index),
                [
                    "cluster_name": eks.json("name"), "principal_arn": entry.json("principal_arn"),
                    "policy_arn": .string("arn:\(refs.partition):eks::aws:cluster-access-policy/\(adminAccessPolicy)"),
                    "access_scope": .block(["type": "cluster"]),
                ])
        }
    }

    /// A role `service` assumes, with AWS-managed `policies` attached.
    private static func role(
        _ role: TerraformAddress, name roleName: String, service: String, policies: [String], grid: HTCGrid,
        refs: HTCGridAddresses,
        tags: (String) -> JSON, into document: inout TerraformDocument
    ) {
        document.resource(
            role,
            [
                "name": .string(roleName), "assume_role_policy": IAMPolicy.trust(service), "tags": tags(roleName),
            ])
        for policy in policies {
            document.resource(
                refs.policyAttachment(role, policy),
                [
                    "role": role.json("name"), "policy_arn": .string("arn:\(refs.partition):iam::aws:policy/\(policy)"),
                ])
        }
    }
}
