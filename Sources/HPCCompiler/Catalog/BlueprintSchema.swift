/// `hpcc schema`: a JSON Schema (draft 2020-12) of the blueprint language, with every built-in
/// module's settings (types, enums, ranges, patterns, descriptions, defaults) chosen by the
/// module's `source`, so an editor with a YAML language server offers and checks the settings of
/// the module being written. It follows what hpcc accepts: any setting may instead be an
/// expression (`$(vars.x)`, `$(network.network_id)`, `((terraform))`), a string setting also
/// takes a plain number or boolean (hpcc reads the text), and unknown keys are errors.
public enum BlueprintSchema {
    /// The schema as JSON text.
    public static func render(catalog: ModuleCatalog = .builtIn, toolVersion: String = Compiler.version) -> String {
        JSONWriter.render(document(catalog: catalog, toolVersion: toolVersion))
    }

    /// The schema as a JSON value.
    static func document(catalog: ModuleCatalog = .builtIn, toolVersion: String = Compiler.version) -> JSON {
        var definitions: [String: JSON] = [
            "expression": .object([
                "description":
                    """
                An expression hpcc evaluates: `$(vars.name)`, `$(module.output)`, arithmetic inside `$( )`, or \
                Terraform text in `(( ))`.
                """,
                "type": "string",
                "pattern": "\\$\\(|\\(\\(",
            ]),
            "backend": .object([
                "type": "object",
                "description": "A Terraform backend: `type` (gcs, s3, local, ...) and its configuration.",
                "properties": .object([
                    "type": .object(["type": "string"]), "configuration": .object(["type": "object"]),
                ]),
                "required": ["type"],
                "additionalProperties": false,
            ]),
            "providers": .object([
                "type": "object",
                "description": "Terraform providers by name, each with `source`, `version` and `configuration`.",
                "additionalProperties": .object([
                    "type": "object",
                    "properties": .object([
                        "source": .object(["type": "string"]), "version": .object(["type": "string"]),
                        "configuration": .object(["type": "object"]),
                    ]),
                    "additionalProperties": false,
                ]),
            ]),
            "group": group(),
            "module": module(catalog),
        ]
        for schema in catalog.modules {
            definitions[settingsName(schema.source)] = settings(schema)
        }
        return .object([
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": .string("hpcc \(toolVersion) blueprint"),
            "description":
                """
            A blueprint hpcc compiles: variables, deployment groups and their modules, with each module's settings \
            checked against its source.
            """,
            "type": "object",
            "required": ["blueprint_name", "deployment_groups"],
            "additionalProperties": false,
            "properties": .object([
                "blueprint_name": .object([
                    "type": "string", "description": "The blueprint's name; it labels every resource.",
                ]),
                "vars": .object([
                    "type": "object",
                    "description":
                        """
                    Deployment variables. A module setting with a variable's name takes its value unless set; \
                    `$(vars.name)` reads one anywhere.
                    """,
                    "properties": .object([
                        "deployment_name": .object([
                            "type": "string", "description": "Names the deployment folder and prefixes resource names.",
                        ]),
                        "labels": .object([
                            "type": "object", "additionalProperties": .object(["type": "string"]),
                            "description": "Labels for every resource that takes them.",
                        ]),
                    ]),
                ]),
                "deployment_groups": .object([
                    "type": "array", "items": .object(["$ref": "#/$defs/group"]),
                    "description": "Deployment groups, each a Terraform root (or on-premises configuration).",
                ]),
                "validators": .object([
                    "type": "array",
                    "description":
                        """
                    Validators to run (Cluster Toolkit's names); those that need cloud APIs are skipped with a \
                    warning.
                    """,
                    "items": .object([
                        "type": "object",
                        "properties": .object([
                            "validator": .object(["type": "string"]), "inputs": .object(["type": "object"]),
                            "skip": .object(["type": "boolean"]),
                        ]),
                        "required": ["validator"],
                        "additionalProperties": false,
                    ]),
                ]),
                "validation_level": .object([
                    "enum": ["ERROR", "WARNING", "IGNORE"], "description": "What the validators' findings are.",
                ]),
                "ignore": .object([
                    "type": "array",
                    "description":
                        """
                    Warning codes to silence, and codes of the offline validators to skip (`hpcc explain` lists \
                    them).
                    """,
                    "items": .object(["type": "string", "pattern": "^HPC[0-9]{4}$"]),
                ]),
                "terraform_backend_defaults": .object(["$ref": "#/$defs/backend"]),
                "terraform_providers": .object(["$ref": "#/$defs/providers"]),
                "toolkit_modules_url": .object([
                    "type": "string",
                    "description": "Accepted for Cluster Toolkit compatibility; hpcc's modules are built in.",
                ]),
                "toolkit_modules_version": .object([
                    "type": "string", "description": "Accepted for Cluster Toolkit compatibility.",
                ]),
                "ghpc_version": .object([
                    "type": "string", "description": "Accepted for Cluster Toolkit compatibility.",
                ]),
                "machine_types": .object([
                    "type": "object",
                    "description":
                        """
                    Machine types newer than hpcc's catalog, by name, with their shape; a type the catalog has keeps \
                    the catalog's facts.
                    """,
                    "propertyNames": .object(["pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)+$"]),
                    "additionalProperties": .object([
                        "type": "object", "required": ["vcpus", "memory_gb"], "additionalProperties": false,
                        "properties": .object([
                            "vcpus": .object(["type": "integer", "minimum": 1, "maximum": 4096]),
                            "memory_gb": .object(["type": "number", "minimum": .double(0.5), "maximum": 65536]),
                            "gpu_type": .object(["type": "string"]),
                            "gpu_count": .object(["type": "integer", "minimum": 1, "maximum": 64]),
                            "local_ssd_gb": .object(["type": "integer", "minimum": 0]),
                            "architecture": .object(["enum": ["x86_64", "arm64"]]),
                            "threads_per_core": .object(["enum": [1, 2]]),
                            "sockets": .object(["type": "integer", "minimum": 1, "maximum": 16]),
                        ]),
                    ]),
                ]),
            ]),
            "$defs": .object(definitions),
        ])
    }

    private static func group() -> JSON {
        .object([
            "type": "object",
            "required": ["group", "modules"],
            "additionalProperties": false,
            "properties": .object([
                "group": .object(["type": "string", "description": "The group's name: its folder in the deployment."]),
                "terraform_backend": .object(["$ref": "#/$defs/backend"]),
                "terraform_providers": .object(["$ref": "#/$defs/providers"]),
                "modules": .object(["type": "array", "items": .object(["$ref": "#/$defs/module"])]),
            ]),
        ])
    }

    /// A module entry; its `settings` are checked against the schema its `source` names.
    private static func module(_ catalog: ModuleCatalog) -> JSON {
        .object([
            "type": "object",
            "required": ["id", "source"],
            "additionalProperties": false,
            "properties": .object([
                "id": .object([
                    "type": "string", "description": "The module's id: `use` entries and `$(id.output)` name it.",
                ]),
                "source": .object([
                    "enum": .array(catalog.sources.map(JSON.string)), "description": "Which built-in module this is.",
                ]),
                "kind": .object([
                    "enum": ["terraform", "packer"],
                    "description":
                        "terraform (the default), or packer for an image-building module alone in its group.",
                ]),
                "use": .object([
                    "type": "array", "items": .object(["type": "string"]),
                    "description": "Modules whose outputs feed this module's settings of the same names.",
                ]),
                "outputs": .object([
                    "type": "array",
                    "description": "Module outputs to expose as outputs of the group's Terraform root.",
                    "items": .object([
                        "anyOf": [
                            .object(["type": "string"]),
                            .object([
                                "type": "object",
                                "properties": .object([
                                    "name": .object(["type": "string"]), "description": .object(["type": "string"]),
                                    "sensitive": .object(["type": "boolean"]),
                                ]),
                                "required": ["name"],
                                "additionalProperties": false,
                            ]),
                        ]
                    ]),
                ]),
                "settings": .object(["type": "object"]),
                "required_apis": .object(["description": "Obsolete in Cluster Toolkit; accepted and ignored."]),
                "wrapsettingswith": .object(["description": "Obsolete in Cluster Toolkit; accepted and ignored."]),
            ]),
            "allOf": .array(
                catalog.modules.map { schema in
                    .object([
                        "if": .object([
                            "properties": .object(["source": .object(["const": .string(schema.source)])]),
                            "required": ["source"],
                        ]),
                        "then": .object([
                            "properties": .object([
                                "settings": .object(["$ref": .string("#/$defs/\(settingsName(schema.source))")])
                            ])
                        ]),
                    ])
                }),
        ])
    }

    /// The name of a module's settings definition (`settings:modules/network/vpc` with the `/` a
    /// JSON pointer cannot hold unescaped replaced by `.`).
    static func settingsName(_ source: String) -> String {
        "settings:" + source.replacingEvery("/", with: ".")
    }

    private static func settings(_ schema: ModuleSchema) -> JSON {
        .object([
            "type": "object",
            "description": .string("Settings of \(schema.source): \(schema.summary)."),
            "additionalProperties": false,
            "properties": .object(
                Dictionary(
                    schema.settings.map { spec in (spec.name, setting(spec)) }, uniquingKeysWith: { first, _ in first })
            ),
        ])
    }

    private static func setting(_ spec: SettingSpec) -> JSON {
        var alternatives: [JSON] = [
            typed(spec.type, constraints: spec.constraints), .object(["$ref": "#/$defs/expression"]),
        ]
        // Null is a value of its own only where it turns something off; elsewhere it means unset.
        if spec.nullTurnsOff { alternatives.append(.object(["type": "null"])) }
        var members: [String: JSON] = ["anyOf": .array(alternatives)]
        var description = spec.description
        switch spec.effect {
        case .implemented: break
        case .moot: break
        case .unsupported:
            // Only the values that ask for nothing validate, as only they compile.
            members["anyOf"] = .array(spec.inertValues.map(inert) + [.object(["$ref": "#/$defs/expression"])])
        case let .deprecated(replacement):
            description += " (Removed: \(replacement))"
            members["deprecated"] = true
        }
        members["description"] = .string(description)
        if let defaultValue = spec.defaultValue { members["default"] = json(defaultValue) }
        return .object(members)
    }

    /// The schema of a value of `type` with `constraints`; list and map elements, and object
    /// attributes, may themselves be expressions.
    private static func typed(_ type: SettingType, constraints: [Constraint] = []) -> JSON {
        var members: [String: JSON]
        switch type {
        case .string: members = ["type": ["string", "number", "boolean"]]
        case .number: members = ["type": constraints.contains(.integer) ? "integer" : "number"]
        case .bool: members = ["type": "boolean"]
        case .any: members = [:]
        case let .list(element): members = ["type": "array", "items": elementSchema(element)]
        case let .map(element): members = ["type": "object", "additionalProperties": elementSchema(element)]
        case let .object(attributes):
            members = [
                "type": "object",
                "additionalProperties": false,
                "properties": .object(
                    Dictionary(
                        attributes.map { attribute in
                            var schema = elementSchema(attribute.type, constraints: attribute.constraints)
                            if let defaultValue = attribute.defaultValue, case var .object(fields) = schema {
                                fields["default"] = json(defaultValue)
                                schema = .object(fields)
                            }
                            return (attribute.name, schema)
                        }, uniquingKeysWith: { first, _ in first })),
            ]
            let required = attributes.filter { !$0.optional && $0.defaultValue == nil }.map(\.name)
            if !required.isEmpty { members["required"] = .array(required.map(JSON.string)) }
        }
        for constraint in constraints {
            switch constraint {
            case let .oneOf(values): members["enum"] = .array(enumValues(values, type: type))
            case let .range(min, max):
                if let min { members["minimum"] = .double(min) }
                if let max { members["maximum"] = .double(max) }
            case .integer: break
            case let .multipleOf(step): members["multipleOf"] = .int(step)
            case let .pattern(pattern, _): members["pattern"] = .string("^(?:\(pattern))$")
            case let .maxItems(count): members["maxItems"] = .int(count)
            case let .maxLength(count): members["maxLength"] = .int(count)
            }
        }
        return .object(members)
    }

    /// hpcc compares an enum setting's value as text; a number setting's values are numbers in
    /// YAML, and a string setting also takes a plain number that reads as one of them.
    private static func enumValues(_ values: [String], type: SettingType) -> [JSON] {
        let numbers = values.compactMap { text -> JSON? in
            if let number = Int(text) { return .int(number) }
            return Double(text).map(JSON.double)
        }
        switch type {
        case .number: return numbers
        case .string: return values.map(JSON.string) + numbers
        default: return values.map(JSON.string)
        }
    }

    private static func elementSchema(_ type: SettingType, constraints: [Constraint] = []) -> JSON {
        .object(["anyOf": [typed(type, constraints: constraints), .object(["$ref": "#/$defs/expression"])]])
    }

    /// A default value as JSON.
    /// The schema of one value that asks for nothing of an unsupported setting.
    private static func inert(_ value: Value) -> JSON {
        switch value {
        case .null: .object(["type": "null"])
        case .list([]): .object(["type": "array", "maxItems": 0])
        case .map([:]): .object(["type": "object", "maxProperties": 0])
        case let .map(members) where members["enabled"] == .bool(false):
            .object([
                "type": "object", "properties": .object(["enabled": .object(["const": false])]),
                "required": ["enabled"],
            ])
        default: .object(["const": json(value)])
        }
    }

    static func json(_ value: Value) -> JSON {
        value.json(text: { $0 }, expression: ValueText.hcl)
    }
}
