/// IAM policy documents as the JSON strings AWS resources take. Resource ARNs may be Terraform
/// interpolations (`${aws_sqs_queue.x.arn}`): the string is a template Terraform fills in.
enum IAMPolicy {
    struct Statement {
        var effect = "Allow"
        var actions: [String]
        var resources: [String]
        var principal: JSON?
        var condition: JSON?

        var json: JSON {
            var body: [String: JSON] = [
                "Effect": .string(effect),
                "Action": actions.count == 1 ? .string(actions[0]) : .strings(actions.sorted()),
            ]
            // A trust policy names a principal and no resource.
            if !resources.isEmpty {
                body["Resource"] = resources.count == 1 ? .string(resources[0]) : .strings(resources)
            }
            if let principal { body["Principal"] = principal }
            if let condition { body["Condition"] = condition }
            return .object(body)
        }
    }

    /// A policy document holding `statements`.
    static func document(_ statements: [Statement]) -> JSON {
        .string(JSONWriter.compact(.object(["Version": "2012-10-17", "Statement": .array(statements.map(\.json))])))
    }

    /// The trust policy letting `service` (`lambda.amazonaws.com`) assume a role.
    static func trust(_ service: String) -> JSON {
        document([
            Statement(actions: ["sts:AssumeRole"], resources: [], principal: .object(["Service": .string(service)]))
        ])
    }

    /// A bucket or queue policy statement refusing every request not made over TLS.
    static func denyInsecureTransport(_ action: String, resources: [String]) -> Statement {
        Statement(
            effect: "Deny", actions: [action], resources: resources, principal: "*",
            condition: .object(["Bool": .object(["aws:SecureTransport": "false"])]))
    }
}

/// The AWS partition of a region, for ARNs hpcc writes itself.
enum AWSPartition {
    /// `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`.
    static func of(region: String) -> String {
        if region.hasPrefix("cn-") { return "aws-cn" }
        if region.hasPrefix("us-gov-") { return "aws-us-gov" }
        if region.hasPrefix("us-isob-") { return "aws-iso-b" }
        if region.hasPrefix("us-iso-") { return "aws-iso" }
        return "aws"
    }

    /// The ARN of the AWS managed policy `name` in `region`'s partition.
    static func managedPolicy(_ name: String, region: String) -> String {
        "arn:\(of(region: region)):iam::aws:policy/\(name)"
    }
}
