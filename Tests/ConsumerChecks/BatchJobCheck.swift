import Foundation

/// Judges a Batch job file (`batch/<id>.json`) the way the Batch API's JSON decoder does before it
/// creates the job: every member is a field of its message, of the field's type, and enum values
/// are among the documented ones. Output-only fields are rejected too (the API ignores them, so a
/// job that sets one does not get what it asks for), as are the documented "only one" limits.
///
/// The field set is the `batch:v1` discovery document's `Job` schema and the messages it reaches
/// (https://batch.googleapis.com/$discovery/rest?version=v1; its prose form is
/// https://cloud.google.com/batch/docs/reference/rest/v1/projects.locations.jobs).
public enum BatchJobCheck {
    /// The JSON type of one field.
    public indirect enum FieldType: Sendable {
        case string
        /// int64 and uint64: a decimal string in the REST reference; proto3 JSON also takes a number.
        case int64
        /// int32: a JSON number.
        case int32
        case bool
        /// A string among these values.
        case enumeration([String])
        /// An object of the named message.
        case message(String)
        case array(FieldType)
        /// An object whose member values have the given type (`labels`, `variables`).
        case map(FieldType)
        /// Output only: present in responses, not to be sent.
        case outputOnly
    }

    static let provisioningModels = ["PROVISIONING_MODEL_UNSPECIFIED", "STANDARD", "SPOT", "PREEMPTIBLE"]
    static let jobStates = [
        "STATE_UNSPECIFIED", "QUEUED", "SCHEDULED", "RUNNING", "SUCCEEDED", "FAILED", "DELETION_IN_PROGRESS",
    ]
    static let taskStates = [
        "STATE_UNSPECIFIED", "PENDING", "ASSIGNED", "RUNNING", "FAILED", "SUCCEEDED", "UNEXECUTED",
    ]

    /// Each message's fields, by their JSON names.
    public static let messages: [String: [String: FieldType]] = [
        "Job": [
            "name": .outputOnly, "uid": .outputOnly, "status": .outputOnly, "createTime": .outputOnly,
            "updateTime": .outputOnly, "priority": .int64, "taskGroups": .array(.message("TaskGroup")),
            "allocationPolicy": .message("AllocationPolicy"), "labels": .map(.string),
            "logsPolicy": .message("LogsPolicy"), "notifications": .array(.message("JobNotification")),
        ],
        "TaskGroup": [
            "name": .outputOnly, "taskSpec": .message("TaskSpec"), "taskCount": .int64, "parallelism": .int64,
            "schedulingPolicy": .enumeration(["SCHEDULING_POLICY_UNSPECIFIED", "AS_SOON_AS_POSSIBLE", "IN_ORDER"]),
            "taskEnvironments": .array(.message("Environment")), "taskCountPerNode": .int64,
            "requireHostsFile": .bool, "permissiveSsh": .bool, "runAsNonRoot": .bool,
        ],
        "TaskSpec": [
            "runnables": .array(.message("Runnable")), "computeResource": .message("ComputeResource"),
            "maxRunDuration": .string, "maxRetryCount": .int32,
            "lifecyclePolicies": .array(.message("LifecyclePolicy")), "environments": .map(.string),
            "volumes": .array(.message("Volume")), "environment": .message("Environment"),
        ],
        "Runnable": [
            "container": .message("Container"), "script": .message("Script"), "barrier": .message("Barrier"),
            "displayName": .string, "ignoreExitStatus": .bool, "background": .bool, "alwaysRun": .bool,
            "environment": .message("Environment"), "timeout": .string, "labels": .map(.string),
        ],
        "Script": ["path": .string, "text": .string],
        "Barrier": ["name": .string],
        "Container": [
            "imageUri": .string, "commands": .array(.string), "entrypoint": .string, "volumes": .array(.string),
            "options": .string, "blockExternalNetwork": .bool, "username": .string, "password": .string,
            "enableImageStreaming": .bool,
        ],
        "Environment": [
            "variables": .map(.string), "secretVariables": .map(.string), "encryptedVariables": .message("KMSEnvMap"),
        ],
        "KMSEnvMap": ["keyName": .string, "cipherText": .string],
        "ComputeResource": ["cpuMilli": .int64, "memoryMib": .int64, "bootDiskMib": .int64],
        "LifecyclePolicy": [
            "action": .enumeration(["ACTION_UNSPECIFIED", "RETRY_TASK", "FAIL_TASK"]),
            "actionCondition": .message("ActionCondition"),
        ],
        "ActionCondition": ["exitCodes": .array(.int32)],
        "Volume": [
            "nfs": .message("NFS"), "gcs": .message("GCS"), "deviceName": .string, "mountPath": .string,
            "mountOptions": .array(.string),
        ],
        "NFS": ["server": .string, "remotePath": .string],
        "GCS": ["remotePath": .string],
        "AllocationPolicy": [
            "location": .message("LocationPolicy"), "instances": .array(.message("InstancePolicyOrTemplate")),
            "serviceAccount": .message("ServiceAccount"), "labels": .map(.string),
            "network": .message("NetworkPolicy"), "placement": .message("PlacementPolicy"), "tags": .array(.string),
        ],
        "LocationPolicy": ["allowedLocations": .array(.string)],
        "InstancePolicyOrTemplate": [
            "policy": .message("InstancePolicy"), "instanceTemplate": .string, "installGpuDrivers": .bool,
            "installOpsAgent": .bool, "blockProjectSshKeys": .bool,
        ],
        "InstancePolicy": [
            "machineType": .string, "minCpuPlatform": .string, "provisioningModel": .enumeration(provisioningModels),
            "accelerators": .array(.message("Accelerator")), "bootDisk": .message("Disk"),
            "disks": .array(.message("AttachedDisk")), "reservation": .string,
        ],
        "Accelerator": ["type": .string, "count": .int64, "installGpuDrivers": .bool, "driverVersion": .string],
        "Disk": [
            "image": .string, "snapshot": .string, "type": .string, "sizeGb": .int64, "diskInterface": .string,
        ],
        "AttachedDisk": ["newDisk": .message("Disk"), "existingDisk": .string, "deviceName": .string],
        "ServiceAccount": ["email": .string, "scopes": .array(.string)],
        "NetworkPolicy": ["networkInterfaces": .array(.message("NetworkInterface"))],
        "NetworkInterface": ["network": .string, "subnetwork": .string, "noExternalIpAddress": .bool],
        "PlacementPolicy": ["collocation": .string, "maxDistance": .int64],
        "LogsPolicy": [
            "destination": .enumeration(["DESTINATION_UNSPECIFIED", "CLOUD_LOGGING", "PATH"]), "logsPath": .string,
            "cloudLoggingOption": .message("CloudLoggingOption"),
        ],
        "CloudLoggingOption": ["useGenericTaskMonitoredResource": .bool],
        "JobNotification": ["pubsubTopic": .string, "message": .message("Message")],
        "Message": [
            "type": .enumeration(["TYPE_UNSPECIFIED", "JOB_STATE_CHANGED", "TASK_STATE_CHANGED"]),
            "newJobState": .enumeration(jobStates), "newTaskState": .enumeration(taskStates),
        ],
    ]

    /// Findings for one job file; empty when the API would take it as written.
    public static func check(_ text: String, file: String) -> [ConsumerFinding] {
        let root: JSONNode
        do { root = try JSONDocumentParser.parse(text) } catch let failure as JSONDocumentParser.Failure {
            return [ConsumerFinding(file: file, line: failure.line, path: "", message: failure.message)]
        } catch { return [ConsumerFinding(file: file, line: 1, path: "", message: "\(error)")] }
        var findings: [ConsumerFinding] = []
        walk(root, as: .message("Job"), path: "", file: file, into: &findings)
        // The API takes one task group and uses instances[0] only.
        if case let .array(groups, line)? = root["taskGroups"], groups.count != 1 {
            findings.append(.init(file: file, line: line, path: "taskGroups", message: "must hold exactly one group"))
        } else if root["taskGroups"] == nil {
            findings.append(.init(file: file, line: root.line, path: "", message: "taskGroups is required"))
        }
        if case let .array(instances, line)? = root["allocationPolicy"]?["instances"] {
            if instances.count > 1 {
                findings.append(
                    .init(file: file, line: line, path: "allocationPolicy.instances", message: "holds more than one"))
            }
            for case let .string(template, line)? in instances.map({ $0["instanceTemplate"] })
            where !isGlobalTemplate(template) {
                findings.append(
                    .init(
                        file: file, line: line, path: "allocationPolicy.instances[0].instanceTemplate",
                        message: "'\(template)' is not a global instance template's name or URL"))
            }
        }
        return findings
    }

    /// Batch takes global templates only, by name or by full or partial URL.
    static func isGlobalTemplate(_ reference: String) -> Bool {
        let name = #"[a-z]([-a-z0-9]{0,61}[a-z0-9])?"#
        let pattern =
            #"^((https://www\.googleapis\.com/compute/v1/)?projects/[a-z][-a-z0-9.:]*/global/instanceTemplates/)?"#
        return reference.range(of: pattern + name + "$", options: .regularExpression) != nil
    }

    private static func walk(
        _ node: JSONNode, as type: FieldType, path: String, file: String, into findings: inout [ConsumerFinding]
    ) {
        func reject(_ message: String) {
            findings.append(ConsumerFinding(file: file, line: node.line, path: path, message: message))
        }
        switch (type, node) {
        case (.string, .string), (.bool, .bool): return
        case (.int64, .number(let digits, _)), (.int64, .string(let digits, _)):
            if Int64(digits) == nil { reject("'\(digits)' is not an int64") }
        case (.int32, .number(let digits, _)):
            if Int32(digits) == nil { reject("\(digits) is not an int32") }
        case let (.enumeration(values), .string(value, _)):
            if !values.contains(value) { reject("'\(value)' is none of \(values.joined(separator: ", "))") }
        case let (.message(name), .object(members, _)):
            let fields = messages[name] ?? [:]
            for member in members {
                let child = path.isEmpty ? member.key : "\(path).\(member.key)"
                guard let field = fields[member.key] else {
                    findings.append(.init(file: file, line: member.line, path: child, message: "no field of \(name)"))
                    continue
                }
                walk(member.value, as: field, path: child, file: file, into: &findings)
            }
        case let (.array(element), .array(items, _)):
            for (index, item) in items.enumerated() {
                walk(item, as: element, path: "\(path)[\(index)]", file: file, into: &findings)
            }
        case let (.map(value), .object(members, _)):
            for member in members {
                walk(member.value, as: value, path: "\(path).\(member.key)", file: file, into: &findings)
            }
        case (.outputOnly, _): reject("output only: the API ignores it in a request")
        default: reject("a \(node.kind) where the API takes \(expected(type))")
        }
    }

    private static func expected(_ type: FieldType) -> String {
        switch type {
        case .string: "a string"
        case .int64: "an int64 (a decimal string)"
        case .int32: "a number"
        case .bool: "a bool"
        case .enumeration: "an enum string"
        case let .message(name): "a \(name) object"
        case let .array(element): "an array of \(expected(element))"
        case .map: "an object of strings"
        case .outputOnly: "nothing"
        }
    }
}
