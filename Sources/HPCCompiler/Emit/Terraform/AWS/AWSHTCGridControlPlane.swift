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

    static func emit(_ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument) {
        document.resource("aws_cloudwatch_log_group", "\(refs.id)_errors", [
            "name": .string(errorLogGroup(grid)), "retention_in_days": .int(grid.logRetentionDays), "tags": tags(errorLogGroup(grid)),
        ])
        document.resource("aws_cloudwatch_log_stream", "\(refs.id)_errors", ["name": .string(errorStream), "log_group_name": .string("${aws_cloudwatch_log_group.\(refs.id)_errors.name}")])
        for function in HTCFunction.allCases {
            emitFunction(function, grid: grid, refs: refs, tags: tags, into: &document)
        }
        emitAPI(grid, refs: refs, tags: tags, into: &document)
    }

    static func errorLogGroup(_ grid: HTCGrid) -> String { "/htc/\(grid.projectName)/errors" }

    private static func emitFunction(_ function: HTCFunction, grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument) {
        let name = refs.function(function)
        let functionName = grid.names.function(function)
        document.resource("aws_cloudwatch_log_group", name, [
            "name": .string(grid.names.logGroup(function)), "retention_in_days": .int(grid.logRetentionDays), "tags": tags(grid.names.logGroup(function)),
        ])
        document.resource("aws_iam_role", name, [
            "name": .string(grid.names.role(function.rawValue)), "description": .string("HTC grid \(HCL.escapeTemplate(grid.projectName)): the \(function.rawValue) function"),
            "assume_role_policy": IAMPolicy.trust("lambda.amazonaws.com"), "tags": tags(grid.names.role(function.rawValue)),
        ])
        document.resource("aws_iam_role_policy", name, [
            "name": .string(function.rawValue), "role": .string("${aws_iam_role.\(name).id}"),
            "policy": IAMPolicy.document(HTCGridPermissions.function(function, grid: grid, refs: refs)),
        ])
        let plane = grid.controlPlane
        document.resource("aws_lambda_function", name, [
            "function_name": .string(functionName), "description": .string("HTC-Grid \(function.rawValue)"),
            "role": .string("${aws_iam_role.\(name).arn}"), "handler": .string(function.handler), "runtime": .string(plane.runtime),
            "s3_bucket": .string(HCL.escapeTemplate(plane.codeBucket)), "s3_key": .string(HCL.escapeTemplate("\(plane.codePrefix)\(function.rawValue).zip")),
            "memory_size": .int(plane.memoryMB), "timeout": .int(function.scheduledTimeoutSeconds ?? plane.timeoutSeconds),
            "vpc_config": .block(["subnet_ids": .array(refs.subnets), "security_group_ids": .array([refs.securityGroup])]),
            "environment": .block(["variables": .object(HTCGridEnvironment.variables(function, grid: grid, refs: refs))]),
            "logging_config": .block(["log_format": "Text", "log_group": .string("${aws_cloudwatch_log_group.\(name).name}")]),
            "tags": tags(functionName),
            // The role must reach the log group and the network before the first invocation.
            "depends_on": .strings(["aws_iam_role_policy.\(name)", "aws_cloudwatch_log_group.\(name)"]),
        ])
        guard function.isScheduled else { return }
        document.resource("aws_cloudwatch_event_rule", name, [
            "name": .string(grid.names.schedule(function)), "description": .string("Runs \(functionName) every minute"),
            "schedule_expression": "rate(1 minute)", "tags": tags(grid.names.schedule(function)),
        ])
        document.resource("aws_cloudwatch_event_target", name, [
            "rule": .string("${aws_cloudwatch_event_rule.\(name).name}"), "target_id": "lambda", "arn": .string("${aws_lambda_function.\(name).arn}"),
        ])
        document.resource("aws_lambda_permission", "\(name)_schedule", [
            "statement_id": "AllowEventBridgeSchedule", "action": "lambda:InvokeFunction", "function_name": .string("${aws_lambda_function.\(name).function_name}"),
            "principal": "events.amazonaws.com", "source_arn": .string("${aws_cloudwatch_event_rule.\(name).arn}"),
        ])
    }

    /// The REST API: `/submit`, `/result`, `/cancel`, each signed with SigV4 (AWS_IAM) and proxied
    /// to its function; a PRIVATE API answers only requests from the grid's VPC.
    private static func emitAPI(_ grid: HTCGrid, refs: HTCGridAddresses, tags: (String) -> JSON, into document: inout TerraformDocument) {
        let api = "${aws_api_gateway_rest_api.\(refs.id)"
        document.resource("aws_api_gateway_rest_api", refs.id, [
            "name": .string(grid.names.api), "description": .string("HTC grid \(HCL.escapeTemplate(grid.projectName)) control plane"),
            "endpoint_configuration": .block(["types": .strings([grid.apiEndpointType.rawValue])]), "tags": tags(grid.names.api),
        ])
        var deployed: [String] = []
        if grid.apiEndpointType == .private {
            document.resource("aws_api_gateway_rest_api_policy", refs.id, [
                "rest_api_id": .string("\(api).id}"),
                "policy": IAMPolicy.document([
                    IAMPolicy.Statement(actions: ["execute-api:Invoke"], resources: ["\(api).execution_arn}/*"], principal: "*"),
                    IAMPolicy.Statement(effect: "Deny", actions: ["execute-api:Invoke"], resources: ["\(api).execution_arn}/*"], principal: "*",
                                        condition: .object(["StringNotEquals": .object(["aws:SourceVpc": refs.vpc])])),
                ]),
            ])
            deployed.append("aws_api_gateway_rest_api_policy.\(refs.id)")
        }
        for route in routes {
            let name = "\(refs.id)_\(route.path)", function = refs.function(route.function)
            document.resource("aws_api_gateway_resource", name, [
                "rest_api_id": .string("\(api).id}"), "parent_id": .string("\(api).root_resource_id}"), "path_part": .string(route.path),
            ])
            document.resource("aws_api_gateway_method", name, [
                "rest_api_id": .string("\(api).id}"), "resource_id": .string("${aws_api_gateway_resource.\(name).id}"),
                "http_method": .string(route.method), "authorization": "AWS_IAM",
            ])
            document.resource("aws_api_gateway_integration", name, [
                "rest_api_id": .string("\(api).id}"), "resource_id": .string("${aws_api_gateway_resource.\(name).id}"),
                "http_method": .string("${aws_api_gateway_method.\(name).http_method}"), "type": "AWS_PROXY", "integration_http_method": "POST",
                "uri": .string("${aws_lambda_function.\(function).invoke_arn}"),
            ])
            document.resource("aws_lambda_permission", "\(function)_api", [
                "statement_id": "AllowRestApi", "action": "lambda:InvokeFunction", "function_name": .string("${aws_lambda_function.\(function).function_name}"),
                "principal": "apigateway.amazonaws.com", "source_arn": .string("\(api).execution_arn}/*/\(route.method)/\(route.path)"),
            ])
            deployed += ["aws_api_gateway_method.\(name)", "aws_api_gateway_integration.\(name)"]
        }
        document.resource("aws_api_gateway_deployment", refs.id, [
            "rest_api_id": .string("\(api).id}"), "description": "The grid's routes",
            // A change of route or integration makes a new deployment.
            "triggers": .object(["routes": .string(routes.map { "\($0.method) /\($0.path) \(grid.names.function($0.function))" }.joined(separator: ", "))]),
            "lifecycle": .array([.object(["create_before_destroy": true])]),
            "depends_on": .strings(deployed.sorted()),
        ])
        document.resource("aws_api_gateway_stage", refs.id, [
            "rest_api_id": .string("\(api).id}"), "deployment_id": .string("${aws_api_gateway_deployment.\(refs.id).id}"), "stage_name": "v1",
            "tags": tags(grid.names.api),
        ])
    }
}
