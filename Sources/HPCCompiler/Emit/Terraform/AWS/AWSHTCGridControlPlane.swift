/// An HTC grid's control plane: one Lambda function per HTC-Grid function with its own role, log
/// group and least-privilege policy; the scheduled ones on one-minute EventBridge rules; an
/// IAM-authorised REST API in front of submit, results and cancel.
enum AWSHTCGridControlPlane {
    /// The API's routes: path part, method, function.
    static let routes: [(path: String, method: String, function: HTCFunction)] = [
        ("submit", "POST", .submitTask), ("result", "GET", .getResults), ("cancel", "POST", .cancelTasks),
    ]
    /// Where HTC-Grid's functions and agents send the errors they cannot return.
    static let errorStream = "lambda_errors"

    static func emit(
        _ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument
    ) {
        document.resource(
            refs.errorLogGroup,
            [
                "name": .string(errorLogGroup(grid)), "retention_in_days": .int(grid.logRetentionDays),
                "tags": tags(errorLogGroup(grid)),
            ])
        document.resource(
            refs.errorLogStream, ["name": .string(errorStream), "log_group_name": refs.errorLogGroup.json("name")])
        for function in HTCFunction.allCases {
            emitFunction(function, grid: grid, refs: refs, tags: tags, into: &document)
        }
        emitAPI(grid, refs: refs, tags: tags, into: &document)
    }

    static func errorLogGroup(_ grid: HTCGrid) -> String { "/htc/\(grid.projectName)/errors" }

    private static func emitFunction(
        _ function: HTCFunction, grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON,
        into document: inout TerraformDocument
    ) {
        let functionName = grid.names.function(function)
        let logGroup = refs.functionLogGroup(function), role = refs.functionRole(function),
            policy = refs.functionPolicy(function)
        let lambda = refs.function(function)
        document.resource(
            logGroup,
            [
                "name": .string(grid.names.logGroup(function)), "retention_in_days": .int(grid.logRetentionDays),
                "tags": tags(grid.names.logGroup(function)),
            ])
        document.resource(
            role,
            [
                "name": .string(grid.names.role(function.rawValue)),
                "description": .string(
                    "HTC grid \(HCL.escapeTemplate(grid.projectName)): the \(function.rawValue) function"),
                "assume_role_policy": IAMPolicy.trust("lambda.amazonaws.com"),
                "tags": tags(grid.names.role(function.rawValue)),
            ])
        document.resource(
            policy,
            [
                "name": .string(function.rawValue), "role": role.json("id"),
                "policy": IAMPolicy.document(HTCGridPermissions.function(function, grid: grid, refs: refs)),
            ])
        let plane = grid.controlPlane
        document.resource(
            lambda,
            [
                "function_name": .string(functionName), "description": .string("HTC-Grid \(function.rawValue)"),
                "role": role.json("arn"), "handler": .string(function.handler), "runtime": .string(plane.runtime),
                "s3_bucket": .string(HCL.escapeTemplate(plane.codeBucket)),
                "s3_key": .string(HCL.escapeTemplate("\(plane.codePrefix)\(function.rawValue).zip")),
                "memory_size": .int(plane.memoryMB),
                "timeout": .int(function.scheduledTimeoutSeconds ?? plane.timeoutSeconds),
                "vpc_config": .block([
                    "subnet_ids": .array(refs.subnets), "security_group_ids": .array([refs.securityGroup]),
                ]),
                "environment": .block([
                    "variables": .object(HTCGridEnvironment.variables(function, grid: grid, refs: refs))
                ]),
                "logging_config": .block(["log_format": "Text", "log_group": logGroup.json("name")]),
                "tags": tags(functionName),
                // The role must reach the log group and the network before the first invocation.
                "depends_on": .addresses([policy, logGroup]),
            ])
        guard function.isScheduled else { return }
        let schedule = refs.schedule(function)
        document.resource(
            schedule,
            [
                "name": .string(grid.names.schedule(function)),
                "description": .string("Runs \(functionName) every minute"),
                "schedule_expression": "rate(1 minute)", "tags": tags(grid.names.schedule(function)),
            ])
        document.resource(
            refs.scheduleTarget(function),
            [
                "rule": schedule.json("name"), "target_id": "lambda", "arn": lambda.json("arn"),
            ])
        document.resource(
            refs.schedulePermission(function),
            [
                "statement_id": "AllowEventBridgeSchedule", "action": "lambda:InvokeFunction",
                "function_name": lambda.json("function_name"),
                "principal": "events.amazonaws.com", "source_arn": schedule.json("arn"),
            ])
    }

    /// The REST API: `/submit`, `/result`, `/cancel`, each signed with SigV4 (AWS_IAM) and proxied
    /// to its function; a PRIVATE API answers only requests from the grid's VPC.
    private static func emitAPI(
        _ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument
    ) {
        let api = refs.api
        document.resource(
            api,
            [
                "name": .string(grid.names.api),
                "description": .string("HTC grid \(HCL.escapeTemplate(grid.projectName)) control plane"),
                "endpoint_configuration": .block(["types": .strings([grid.apiEndpointType.rawValue])]),
                "tags": tags(grid.names.api),
            ])
        var deployed: [TerraformAddress] = []
        if grid.apiEndpointType == .private {
            document.resource(
                refs.apiPolicy,
                [
                    "rest_api_id": api.json("id"),
                    "policy": IAMPolicy.document([
                        IAMPolicy.Statement(
                            actions: ["execute-api:Invoke"], resources: [api.interpolation("execution_arn") + "/*"],
                            principal: "*"),
                        IAMPolicy.Statement(
                            effect: "Deny", actions: ["execute-api:Invoke"],
                            resources: [api.interpolation("execution_arn") + "/*"], principal: "*",
                            condition: .object(["StringNotEquals": .object(["aws:SourceVpc": refs.vpc])])),
                    ]),
                ])
            deployed.append(refs.apiPolicy)
        }
        for route in routes {
            let resource = refs.routeResource(route.path), method = refs.routeMethod(route.path),
                integration = refs.routeIntegration(route.path)
            let function = refs.function(route.function)
            document.resource(
                resource,
                [
                    "rest_api_id": api.json("id"), "parent_id": api.json("root_resource_id"),
                    "path_part": .string(route.path),
                ])
            document.resource(
                method,
                [
                    "rest_api_id": api.json("id"), "resource_id": resource.json("id"),
                    "http_method": .string(route.method), "authorization": "AWS_IAM",
                ])
            document.resource(
                integration,
                [
                    "rest_api_id": api.json("id"), "resource_id": resource.json("id"),
                    "http_method": method.json("http_method"), "type": "AWS_PROXY", "integration_http_method": "POST",
                    "uri": function.json("invoke_arn"),
                ])
            document.resource(
                refs.apiPermission(route.function),
                [
                    "statement_id": "AllowRestApi", "action": "lambda:InvokeFunction",
                    "function_name": function.json("function_name"),
                    "principal": "apigateway.amazonaws.com",
                    "source_arn": .string(api.interpolation("execution_arn") + "/*/\(route.method)/\(route.path)"),
                ])
            deployed += [method, integration]
        }
        document.resource(
            refs.apiDeployment,
            [
                "rest_api_id": api.json("id"), "description": "The grid's routes",
                // A change of route or integration makes a new deployment.
                "triggers": .object([
                    "routes": .string(
                        routes.map { "\($0.method) /\($0.path) \(grid.names.function($0.function))" }.joined(
                            separator: ", "))
                ]),
                "lifecycle": .array([.object(["create_before_destroy": true])]),
                "depends_on": .strings(deployed.map(\.reference).sorted()),
            ])
        document.resource(
            refs.apiStage,
            [
                "rest_api_id": api.json("id"), "deployment_id": refs.apiDeployment.json("id"), "stage_name": "v1",
                "tags": tags(grid.names.api),
            ])
    }
}
