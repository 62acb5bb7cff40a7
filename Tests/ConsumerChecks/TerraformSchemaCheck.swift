import Foundation

/// A problem a consumer found in an emitted file, with the place it points at.
public struct ConsumerFinding: CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int
    /// Where in the document: `resource.google_compute_instance.login.boot_disk`.
    public var path: String
    public var message: String

    public init(file: String, line: Int, path: String, message: String) {
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    public var description: String {
        "\(file):\(line): \(path.isEmpty ? "" : path + ": ")\(message)"
    }
}

/// Checks a Terraform JSON root against provider schemas the way Terraform's own decoder does
/// before it plans: every resource and data source type exists, every argument and nested block
/// is in the schema with a value of the right shape, every required one is there, nothing set
/// is computed-only, meta-arguments are well formed, and every reference names something
/// declared in the root (with an attribute the type exports).
public struct TerraformSchemaCheck {
    public struct Report {
        public var findings: [ConsumerFinding] = []
        public var resources = 0
        public var dataSources = 0
        public var types = Set<String>()
    }

    private let schemas: [String: ProviderSchema]

    public init(schemas: [ProviderSchema]) {
        var bySource: [String: ProviderSchema] = [:]
        for schema in schemas + [ProviderSchema.builtin] { bySource[schema.source] = schema }
        self.schemas = bySource
    }

    /// The providers a root requires, local name → registry address.
    public static func requiredProviders(of root: JSONNode) -> [String: String] {
        var result: [String: String] = [:]
        for block in blocks(root["terraform"]) {
            for member in block["required_providers"]?.members ?? [] {
                let source = member.value["source"]?.string ?? "hashicorp/\(member.key)"
                result[member.key] =
                    source.split(separator: "/").count == 2 ? "registry.terraform.io/\(source)" : source
            }
        }
        return result
    }

    public func check(_ text: String, file: String) -> Report {
        var run = Run(file: file, schemas: schemas)
        let root: JSONNode
        do {
            root = try JSONDocumentParser.parse(text)
        } catch let failure as JSONDocumentParser.Failure {
            run.report.findings.append(
                ConsumerFinding(file: file, line: failure.line, path: "", message: "not valid JSON: \(failure.message)")
            )
            return run.report
        } catch {
            return run.report
        }
        run.check(root)
        return run.report
    }

    /// A block given as an object or as an array of objects (both are valid Terraform JSON).
    static func blocks(_ node: JSONNode?) -> [JSONNode] {
        switch node {
        case let .array(items, _)?: items
        case let node?: [node]
        case nil: []
        }
    }
}

/// One pass over one file.
private struct Run {
    let file: String
    let schemas: [String: ProviderSchema]
    var report = TerraformSchemaCheck.Report()
    var providers: [String: String] = [:]
    var declared: [String: Set<String>] = [:]

    static let rootKeys: Set<String> = [
        "terraform", "provider", "variable", "output", "locals", "module", "resource", "data", "ephemeral", "moved",
        "import", "check", "removed", "//",
    ]
    static let terraformKeys: Set<String> = [
        "required_version", "required_providers", "backend", "cloud", "experiments", "provider_meta", "//",
    ]
    static let outputKeys: Set<String> = [
        "value", "description", "sensitive", "depends_on", "precondition", "ephemeral", "//",
    ]
    static let variableKeys: Set<String> = [
        "type", "default", "description", "sensitive", "nullable", "validation", "ephemeral", "//",
    ]
    static let resourceMeta: Set<String> = [
        "count", "for_each", "depends_on", "provider", "lifecycle", "provisioner", "connection",
    ]
    static let dataMeta: Set<String> = ["count", "for_each", "depends_on", "provider", "lifecycle"]
    static let lifecycleKeys: Set<String> = [
        "create_before_destroy", "prevent_destroy", "ignore_changes", "replace_triggered_by", "precondition",
        "postcondition",
    ]
    static let localExecKeys: Set<String> = [
        "command", "working_dir", "interpreter", "environment", "when", "on_failure", "quiet",
    ]

    init(file: String, schemas: [String: ProviderSchema]) {
        self.file = file
        self.schemas = schemas
    }

    mutating func finding(_ node: JSONNode, _ path: String, _ message: String) {
        report.findings.append(ConsumerFinding(file: file, line: node.line, path: path, message: message))
    }

    mutating func check(_ root: JSONNode) {
        guard case .object = root else { return finding(root, "", "a Terraform JSON file must hold an object") }
        providers = TerraformSchemaCheck.requiredProviders(of: root)
        for member in root.members where !Self.rootKeys.contains(member.key) {
            finding(member.value, member.key, "unsupported top-level block type \"\(member.key)\"")
        }
        for kind in ["variable", "output", "module", "locals"] {
            declared[kind] = Set(TerraformSchemaCheck.blocks(root[kind]).flatMap { $0.members.map(\.key) })
        }
        for (kind, prefix) in [("resource", ""), ("data", "data."), ("ephemeral", "ephemeral.")] {
            for typeBlock in TerraformSchemaCheck.blocks(root[kind]) {
                for type in typeBlock.members {
                    declared[prefix + type.key, default: []].formUnion(
                        TerraformSchemaCheck.blocks(type.value).flatMap { $0.members.map(\.key) })
                }
            }
        }
        for block in TerraformSchemaCheck.blocks(root["terraform"]) {
            for member in block.members where !Self.terraformKeys.contains(member.key) {
                finding(member.value, "terraform.\(member.key)", "unsupported argument in the terraform block")
            }
        }
        checkProviders(root["provider"])
        checkResources(root["resource"], kind: .resource)
        checkResources(root["data"], kind: .data)
        checkResources(root["ephemeral"], kind: .ephemeral)
        checkNamed(root["output"], kind: "output", allowed: Self.outputKeys, required: ["value"])
        checkNamed(root["variable"], kind: "variable", allowed: Self.variableKeys, required: [])
        checkReferences(root)
    }

    func schema(forLocalName name: String) -> ProviderSchema? {
        schemas[providers[name] ?? "registry.terraform.io/hashicorp/\(name)"]
    }

    mutating func checkProviders(_ node: JSONNode?) {
        for block in TerraformSchemaCheck.blocks(node) {
            for member in block.members {
                guard let schema = schema(forLocalName: member.key) else {
                    finding(
                        member.value, "provider.\(member.key)",
                        """
                        no schema for provider \"\(member.key)\" \
                        (\(providers[member.key] ?? "not in required_providers"))
                        """
                    )
                    continue
                }
                for configuration in TerraformSchemaCheck.blocks(member.value) {
                    checkBody(
                        configuration, schema.provider, path: "provider.\(member.key)", meta: ["alias", "version"],
                        owner: "provider \(member.key)")
                }
            }
        }
    }

    /// The three kinds of typed blocks a provider's schema describes.
    enum Kind: String {
        case resource, data, ephemeral

        /// How references name them (`aws_x.n`, `data.aws_x.n`, `ephemeral.aws_x.n`).
        var prefix: String { self == .resource ? "" : rawValue + "." }
        var noun: String {
            ["resource": "resource", "data": "data source", "ephemeral": "ephemeral resource"][rawValue]!
        }

        func schema(_ type: String, in provider: ProviderSchema?) -> SchemaBlock? {
            switch self {
            case .resource: provider?.resources[type]
            case .data: provider?.dataSources[type]
            case .ephemeral: provider?.ephemeralResources[type]
            }
        }
    }

    mutating func checkResources(_ node: JSONNode?, kind blockKind: Kind) {
        let kind = blockKind.rawValue
        for typeBlock in TerraformSchemaCheck.blocks(node) {
            for type in typeBlock.members {
                let localName = type.key == "terraform_data" ? nil : String(type.key.prefix { $0 != "_" })
                let provider = localName.map { schema(forLocalName: $0) } ?? ProviderSchema.builtin
                let path = "\(kind).\(type.key)"
                guard let provider else {
                    finding(
                        type.value, path,
                        """
                        no schema for provider \"\(localName ?? "")\" \
                        (\(providers[localName ?? ""] ?? "not in required_providers"))
                        """
                    )
                    continue
                }
                guard let schema = blockKind.schema(type.key, in: provider) else {
                    let known =
                        blockKind == .data
                        ? provider.allDataSourceTypes : blockKind == .resource ? provider.allResourceTypes : nil
                    if known?.contains(type.key) == true {
                        finding(
                            type.value, path,
                            """
                            \(type.key) exists in \(provider.label) but is not in the committed schema extract: re-run \
                            Tests/Tools/extract-google-schema.py
                            """
                        )
                    } else {
                        finding(type.value, path, "\(provider.label) has no \(blockKind.noun) type \"\(type.key)\"")
                    }
                    continue
                }
                report.types.insert(blockKind.prefix + type.key)
                for instances in TerraformSchemaCheck.blocks(type.value) {
                    for instance in instances.members {
                        if blockKind == .resource {
                            report.resources += 1
                        } else if blockKind == .data {
                            report.dataSources += 1
                        }
                        for body in TerraformSchemaCheck.blocks(instance.value) {
                            checkBody(
                                body, schema, path: "\(path).\(instance.key)",
                                meta: blockKind == .resource ? Self.resourceMeta : Self.dataMeta, owner: type.key)
                        }
                    }
                }
            }
        }
    }

    mutating func checkNamed(_ node: JSONNode?, kind: String, allowed: Set<String>, required: [String]) {
        for block in TerraformSchemaCheck.blocks(node) {
            for member in block.members {
                for body in TerraformSchemaCheck.blocks(member.value) {
                    for argument in body.members where !allowed.contains(argument.key) {
                        finding(
                            argument.value, "\(kind).\(member.key).\(argument.key)",
                            "unsupported argument in a \(kind) block")
                    }
                    for name in required where body[name] == nil {
                        finding(body, "\(kind).\(member.key)", "missing required argument \"\(name)\"")
                    }
                }
            }
        }
    }

    mutating func checkBody(_ body: JSONNode, _ schema: SchemaBlock, path: String, meta: Set<String>, owner: String) {
        guard case .object = body else { return finding(body, path, "expected an object, found \(body.kind)") }
        var dynamicBlocks = Set<String>()
        for member in body.members where member.key != "//" {
            let here = "\(path).\(member.key)"
            if meta.contains(member.key) {
                checkMeta(member.key, member.value, path: here)
            } else if member.key == "dynamic" {
                for block in member.value.members {
                    dynamicBlocks.insert(block.key)
                    guard let nested = schema.blockTypes[block.key] else {
                        finding(
                            block.value, "\(here).\(block.key)",
                            "dynamic block for \"\(block.key)\", which \(owner) has no block type of")
                        continue
                    }
                    for item in TerraformSchemaCheck.blocks(block.value) {
                        if let content = item["content"] {
                            checkBody(
                                content, nested.block, path: "\(here).\(block.key).content", meta: [], owner: block.key)
                        }
                    }
                }
            } else if let attribute = schema.attributes[member.key] {
                if attribute.computedOnly {
                    finding(member.value, here, "\"\(member.key)\" is set by the provider and cannot be configured")
                } else if attribute.required, case .null = member.value {
                    finding(member.value, here, "required argument \"\(member.key)\" is null")
                } else {
                    checkValue(member.value, attribute.type, path: here)
                }
            } else if let nested = schema.blockTypes[member.key] {
                let items: [JSONNode]
                switch member.value {
                case let .array(elements, _): items = elements
                case .object: items = [member.value]
                default:
                    finding(
                        member.value, here,
                        "block \"\(member.key)\" must be an object or an array of objects, found \(member.value.kind)")
                    continue
                }
                if let maximum = nested.maxItems, items.count > maximum {
                    finding(
                        member.value, here,
                        """
                        at most \(maximum) \"\(member.key)\" block\(maximum == 1 ? "" : "s") allowed, found \
                        \(items.count)
                        """
                    )
                }
                if items.count < nested.minItems {
                    finding(
                        member.value, here,
                        """
                        at least \(nested.minItems) \"\(member.key)\" block\(nested.minItems == 1 ? "" : "s") \
                        required, found \(items.count)
                        """
                    )
                }
                for item in items { checkBody(item, nested.block, path: here, meta: [], owner: member.key) }
            } else {
                finding(
                    member.value, here,
                    "unsupported argument: \(owner) has no argument or block named \"\(member.key)\"")
            }
        }
        for (name, attribute) in schema.attributes.sorted(by: { $0.key < $1.key })
        where attribute.required && body[name] == nil {
            finding(body, path, "missing required argument \"\(name)\"")
        }
        for (name, nested) in schema.blockTypes.sorted(by: { $0.key < $1.key })
        where nested.minItems > 0 && body[name] == nil && !dynamicBlocks.contains(name) {
            finding(body, path, "missing required block \"\(name)\"")
        }
    }

    mutating func checkMeta(_ key: String, _ value: JSONNode, path: String) {
        switch key {
        case "depends_on":
            guard case let .array(items, _) = value else {
                return finding(value, path, "depends_on must be an array of references")
            }
            for item in items {
                guard let text = item.string else {
                    finding(item, path, "depends_on entries are strings")
                    continue
                }
                checkTraversal(
                    text.split(separator: ".").map(String.init), bound: [], node: item, path: path,
                    needsAttribute: false)
            }
        case "lifecycle":
            for block in TerraformSchemaCheck.blocks(value) {
                for member in block.members where !Self.lifecycleKeys.contains(member.key) {
                    finding(member.value, "\(path).\(member.key)", "unsupported lifecycle argument")
                }
            }
        case "provisioner":
            for block in TerraformSchemaCheck.blocks(value) {
                for provisioner in block.members {
                    guard provisioner.key == "local-exec" else { continue }
                    for body in TerraformSchemaCheck.blocks(provisioner.value) {
                        for member in body.members where !Self.localExecKeys.contains(member.key) {
                            finding(member.value, "\(path).local-exec.\(member.key)", "unsupported local-exec argument")
                        }
                        if body["command"] == nil {
                            finding(body, "\(path).local-exec", "missing required argument \"command\"")
                        }
                        if let when = body["when"]?.string, !["create", "destroy"].contains(when) {
                            finding(body, "\(path).local-exec.when", "when must be create or destroy")
                        }
                    }
                }
            }
        case "count":
            checkValue(value, .number, path: path)
        default:
            break
        }
    }

    /// The value conversions Terraform makes from JSON: primitives convert into each other
    /// where the text allows, collections need arrays or objects; `${...}` alone can be anything.
    mutating func checkValue(_ node: JSONNode, _ type: TerraformType, path: String) {
        if case .null = node { return }
        if let text = node.string, TemplateReferences.isWholeExpression(text) { return }
        switch (type, node) {
        case (.dynamic, _):
            return
        case (.string, .string), (.string, .number), (.string, .bool):
            return
        case let (.number, .string(text, _)):
            if !TemplateReferences.hasInterpolation(text), Double(text) == nil {
                finding(node, path, "a number is required, found \"\(text)\"")
            }
        case (.number, .number):
            return
        case let (.bool, .string(text, _)):
            if !TemplateReferences.hasInterpolation(text), !["true", "false"].contains(text) {
                finding(node, path, "a bool is required, found \"\(text)\"")
            }
        case (.bool, .bool):
            return
        case let (.list(element), .array(items, _)), let (.set(element), .array(items, _)):
            for (index, item) in items.enumerated() { checkValue(item, element, path: "\(path)[\(index)]") }
        case let (.tuple(elements), .array(items, _)):
            if elements.count != items.count {
                finding(node, path, "a tuple of \(elements.count) elements is required, found \(items.count)")
            }
        case let (.map(element), .object(members, _)):
            for member in members { checkValue(member.value, element, path: "\(path).\(member.key)") }
        case let (.object(attributes), .object(members, _)):
            for member in members {
                if let attribute = attributes[member.key] {
                    checkValue(member.value, attribute, path: "\(path).\(member.key)")
                }
            }
        default:
            finding(node, path, "\(type) is required, found \(node.kind)")
        }
    }

    /// Every `${...}` reference in the root names a declared object, and a resource or data
    /// source attribute the type exports.
    mutating func checkReferences(_ root: JSONNode) {
        for member in root.members {
            for (text, line) in member.value.strings {
                for expression in TemplateReferences.expressions(in: text) {
                    let (references, bound) = TemplateReferences.references(inExpression: expression)
                    for reference in references {
                        checkTraversal(
                            reference.parts, bound: bound, node: .string(text, line: line), path: member.key,
                            needsAttribute: true)
                    }
                }
            }
        }
    }

    mutating func checkTraversal(
        _ parts: [String], bound: Set<String>, node: JSONNode, path: String, needsAttribute: Bool
    ) {
        guard let root = parts.first, parts.count > 1 else { return }
        let text = parts.joined(separator: ".")
        switch root {
        case "var", "local", "module":
            let kind = ["var": "variable", "local": "locals", "module": "module"][root]!
            if declared[kind]?.contains(parts[1]) != true {
                finding(node, path, "reference to undeclared \(kind == "locals" ? "local value" : kind) \"\(text)\"")
            }
        case "path":
            if !["module", "root", "cwd"].contains(parts[1]) {
                finding(node, path, "unknown path attribute \"\(text)\"")
            }
        case "terraform", "count", "each", "self":
            return
        case "data", "ephemeral":
            guard parts.count >= 3 else {
                return finding(node, path, "incomplete \(Kind(rawValue: root)!.noun) reference \"\(text)\"")
            }
            checkObject(
                type: parts[1], name: parts[2], attribute: parts.count > 3 ? parts[3] : nil,
                kind: Kind(rawValue: root)!, text: text, node: node, path: path)
        default:
            if bound.contains(root) { return }
            checkObject(
                type: root, name: parts[1], attribute: parts.count > 2 ? parts[2] : nil, kind: .resource, text: text,
                node: node, path: path)
        }
    }

    mutating func checkObject(
        type: String, name: String, attribute: String?, kind: Kind, text: String, node: JSONNode, path: String
    ) {
        let key = kind.prefix + type
        guard declared[key]?.contains(name) == true else {
            return finding(node, path, "reference to undeclared \(kind.noun) \"\(key).\(name)\" in \"\(text)\"")
        }
        guard let attribute else { return }
        let localName = type == "terraform_data" ? nil : String(type.prefix { $0 != "_" })
        let provider = localName.map { schema(forLocalName: $0) } ?? ProviderSchema.builtin
        guard let schema = kind.schema(type, in: provider) else { return }
        if schema.attributes[attribute] == nil, schema.blockTypes[attribute] == nil, attribute != "id" {
            finding(node, path, "\(type) has no attribute \"\(attribute)\" (in \"\(text)\")")
        }
    }
}
