/// `htc-grid/<id>/grid_config.json`: HTC-Grid's own variable file (`terraform apply -var-file`),
/// with exactly its variable names and types, so the same grid can be built with HTC-Grid's
/// Terraform. The agent's resources are strings there, as HTC-Grid's examples write them.
struct GridConfigDocument {
    let grid: HTCGrid

    init(_ grid: HTCGrid) {
        self.grid = grid
    }

    static func path(_ grid: HTCGrid) -> String { "htc-grid/\(grid.origin.module)/grid_config.json" }

    var json: JSON {
        let agents = grid.agents
        return .object([
            "region": .string(grid.region),
            "project_name": .string(grid.projectName),
            "grid_storage_service": .string(grid.storage.rawValue),
            "max_htc_agents": .int(agents.maximum),
            "min_htc_agents": .int(agents.minimum),
            "dynamodb_default_read_capacity": .int(grid.stateTable.readCapacity),
            "dynamodb_default_write_capacity": .int(grid.stateTable.writeCapacity),
            "eks_worker_groups": .array(
                grid.workerGroups.map { group in
                    .object([
                        "node_group_name": .string(group.name), "instance_types": .strings(group.instanceTypes),
                        "capacity_type": .string(group.capacityType.rawValue),
                        "min_size": .int(group.minSize), "max_size": .int(group.maxSize),
                        "desired_size": .int(group.desiredSize),
                    ])
                }),
            "agent_configuration": .object([
                "lambda": .object([
                    "minCPU": .string(String(agents.cpuRequestMilli)), "maxCPU": .string(String(agents.cpuLimitMilli)),
                    "minMemory": .string(String(agents.memoryRequestMiB)),
                    "maxMemory": .string(String(agents.memoryLimitMiB)),
                    "location": .string(agents.workloadLocation), "runtime": .string(agents.runtime),
                    "lambda_handler_file_name": .string(agents.handlerFile),
                    "lambda_handler_function_name": .string(agents.handlerFunction),
                ])
            ]),
            "enable_private_subnet": true,
            "vpc_cidr_block_public": .int(grid.publicSubnetPrefix),
            "vpc_cidr_block_private": .int(grid.privateSubnetPrefix),
            "input_role": .array(
                grid.clusterAccess.map { access in
                    .object([
                        "rolearn": .string(access.roleARN), "username": .string(access.userName),
                        "groups": .strings(access.groups),
                    ])
                }),
        ])
    }

    var text: String { JSONWriter.render(json) }
}
