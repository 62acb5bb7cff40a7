import Foundation
import Testing
import TestSupport
@_spi(Tools) @testable import HPCCompiler

/// One Terraform address per entity: every module output that is a Terraform expression, and every
/// `depends_on` / `replace_triggered_by` list, names only blocks its group's root declares. An
/// output pointing at a resource that is not emitted (or emitted under another name) fails here,
/// not at `terraform plan`.
@Suite("Terraform addresses")
struct TerraformAddressTests {
    @Test(arguments: Repository.blueprintNames)
    func outputExpressionsNameEmittedBlocks(_ name: String) throws {
        let result = try Repository.compile(name)
        let deployment = try #require(result.deployment, "\(name) did not compile")
        var roots: [GroupName: EmittedRoot] = [:]
        for (module, lowered) in deployment.modules.sorted(by: { $0.key < $1.key }) {
            guard let definition = BuiltInModules.definition(lowered.source) else { continue }
            for output in definition.outputSpecs {
                guard
                    case let .expression(expression)? = definition.value(
                        of: output.name, entity: lowered.entity, module: module, path: [])
                else { continue }
                let group = try #require(
                    lowered.terraformGroup,
                    "\(name): '\(module).\(output.name)' is an expression, but the module has no Terraform root")
                if roots[group] == nil { roots[group] = try EmittedRoot(result, group: group) }
                for block in ReferencedBlocks.blocks(in: expression) {
                    let declared = roots[group]!.declares(block)
                    #expect(
                        declared,
                        """
                        \(name): output '\(output.name)' of '\(module)' refers to \(block), which \
                        \(group)/main.tf.json does not declare: \(expression)
                        """
                    )
                }
            }
        }
    }

    @Test(arguments: Repository.blueprintNames)
    func dependencyListsNameEmittedBlocks(_ name: String) throws {
        let result = try Repository.compile(name)
        for file in result.files where file.path.hasSuffix("/main.tf.json") {
            let root = try EmittedRoot(file)
            for entry in root.dependencyEntries() {
                let blocks = ReferencedBlocks.blocks(in: entry)
                #expect(blocks.count == 1, "\(name)/\(file.path): dependency '\(entry)' names no single block")
                for block in blocks {
                    let declared = root.declares(block)
                    #expect(declared, "\(name)/\(file.path): dependency '\(entry)' is not declared there")
                }
            }
        }
    }

    /// Storage ParallelCluster creates has no resource in the root: an output listed for it is
    /// warned about at the listing and not exported, never written over an undeclared resource.
    @Test func outputsOfStorageParallelClusterCreatesAreNotWritten() throws {
        let text = try String(
            contentsOf: Repository.blueprints.appendingPathComponent("aws-parallelcluster.yaml"), encoding: .utf8)
        let listed = text.replacingOccurrences(
            of: "  - id: scratch\n    source: modules/file-system/fsx-lustre\n",
            with: "  - id: scratch\n    source: modules/file-system/fsx-lustre\n    outputs: [fsx_id]\n")
        try #require(listed != text)
        let result = compile(listed, variables: Repository.variables(for: "aws-parallelcluster"))
        #expect(result.diagnostics.map(\.code) == [.keyNoEffect])
        #expect(result.diagnostics.first?.severity == .warning)
        #expect(result.diagnostics.first?.message.contains("created by ParallelCluster") == true)
        #expect(!result.files.isEmpty)
        #expect(!result.files.contains { $0.text.contains("aws_fsx_lustre_file_system.scratch") })
    }

    /// The scanner the tests above rely on: blocks in code and in template interpolations, not in
    /// string literals or escaped `$${`.
    @Test func referencedBlocksAreFoundInCodeAndInterpolationsOnly() {
        let expression = #"""
            {server_ip = google_filestore_instance.fs.networks[0].ip_addresses[0], remote = \#
            "/${aws_fsx_lustre_file_system.fsx.mount_name}", name = "not.a_reference", escaped = \#
            "$${aws_vpc.literal.id}", local = local.cluster_config, image = data.google_compute_image.img.self_link, \#
            file = file("${path.module}/../x.sh"), pw = \#
            ephemeral.aws_secretsmanager_secret_version.db_password.secret_string, v = var.x_y, split = split(":", \#
            google_lustre_instance.lustre.mount_point)[0], n = 1.5e3, nested = "a${"b${aws_s3_bucket.inner.id}"}"}
            """#
        #expect(
            ReferencedBlocks.blocks(in: expression) == [
                .resource("google_filestore_instance", "fs"), .resource("aws_fsx_lustre_file_system", "fsx"),
                .local("cluster_config"),
                .data("google_compute_image", "img"), .ephemeral("aws_secretsmanager_secret_version", "db_password"),
                .resource("google_lustre_instance", "lustre"), .resource("aws_s3_bucket", "inner"),
            ])
        #expect(
            ReferencedBlocks.blocks(in: "google_compute_instance_template.nodeset") == [
                .resource("google_compute_instance_template", "nodeset")
            ])
    }
}

/// A block a Terraform expression refers to.
enum ReferencedBlock: Hashable, CustomStringConvertible {
    case resource(String, String)
    case data(String, String)
    case ephemeral(String, String)
    case local(String)

    var description: String {
        switch self {
        case let .resource(type, name): "\(type).\(name)"
        case let .data(type, name): "data.\(type).\(name)"
        case let .ephemeral(type, name): "ephemeral.\(type).\(name)"
        case let .local(name): "local.\(name)"
        }
    }
}

/// Finds the blocks a Terraform expression refers to: the traversals (`a.b.c`) in its code and in
/// the `${ }` interpolations of its string templates, by their first steps.
enum ReferencedBlocks {
    /// Roots that name no block of the root's own.
    static let otherRoots: Set<String> = ["var", "path", "module", "each", "count", "self", "terraform"]

    static func blocks(in expression: String) -> Set<ReferencedBlock> {
        var blocks = Set<ReferencedBlock>()
        for steps in traversals(in: expression) where steps.count > 1 && !otherRoots.contains(steps[0]) {
            switch steps[0] {
            case "data" where steps.count > 2: blocks.insert(.data(steps[1], steps[2]))
            case "ephemeral" where steps.count > 2: blocks.insert(.ephemeral(steps[1], steps[2]))
            case "local": blocks.insert(.local(steps[1]))
            default: blocks.insert(.resource(steps[0], steps[1]))
            }
        }
        return blocks
    }

    /// The name steps of every traversal outside string literals: `a.b[0].c` gives `[a, b]`.
    static func traversals(in expression: String) -> [[String]] {
        let characters = Array(expression.unicodeScalars)
        func at(_ index: Int) -> Unicode.Scalar? { characters.indices.contains(index) ? characters[index] : nil }
        func starts(_ scalar: Unicode.Scalar?) -> Bool {
            scalar.map { $0 == "_" || ($0.isASCII && $0.properties.isAlphabetic) } ?? false
        }
        func continues(_ scalar: Unicode.Scalar?) -> Bool {
            starts(scalar) || scalar.map { $0 == "-" || ("0"..."9").contains($0) } ?? false
        }
        // Innermost first: a string template, or code with the braces opened in it.
        var contexts: [(template: Bool, braces: Int)] = [(false, 0)]
        var traversals: [[String]] = []
        var index = 0
        while index < characters.count {
            let scalar = characters[index]
            if contexts[contexts.count - 1].template {
                if scalar == "\\" {
                    index += 2
                } else if scalar == "\"" {
                    contexts.removeLast()
                    index += 1
                } else if (scalar == "$" || scalar == "%") && at(index + 1) == scalar {
                    index += 2  // `$${` and `%%{` are literal text.
                } else if (scalar == "$" || scalar == "%") && at(index + 1) == "{" {
                    contexts.append((false, 0))
                    index += 2
                } else {
                    index += 1
                }
                continue
            }
            if scalar == "\"" {
                contexts.append((true, 0))
            } else if scalar == "{" {
                contexts[contexts.count - 1].braces += 1
            } else if scalar == "}" {
                if contexts[contexts.count - 1].braces == 0, contexts.count > 1 {
                    contexts.removeLast()
                } else {
                    contexts[contexts.count - 1].braces -= 1
                }
            } else if starts(scalar), !continues(at(index - 1)), at(index - 1) != "." {
                var steps: [String] = []
                repeat {
                    if !steps.isEmpty { index += 1 }  // the '.'
                    var name = ""
                    while continues(at(index)) {
                        name.unicodeScalars.append(characters[index])
                        index += 1
                    }
                    steps.append(name)
                } while at(index) == "." && starts(at(index + 1))
                traversals.append(steps)
                continue
            }
            index += 1
        }
        return traversals
    }
}

/// One emitted `<group>/main.tf.json`, parsed.
struct EmittedRoot {
    let json: [String: Any]

    init(_ result: CompileResult, group: GroupName) throws {
        let file = try #require(
            result.files.first { $0.path == "\(group.rawValue)/main.tf.json" }, "no \(group.rawValue)/main.tf.json")
        try self.init(file)
    }

    init(_ file: OutputFile) throws {
        json = try #require(
            try JSONSerialization.jsonObject(with: Data(file.contents)) as? [String: Any],
            "\(file.path) is not a JSON object")
    }

    /// Whether the root has the block.
    func declares(_ block: ReferencedBlock) -> Bool {
        func has(_ section: String, _ type: String, _ name: String) -> Bool {
            ((json[section] as? [String: Any])?[type] as? [String: Any])?[name] != nil
        }
        switch block {
        case let .resource(type, name): return has("resource", type, name)
        case let .data(type, name): return has("data", type, name)
        case let .ephemeral(type, name): return has("ephemeral", type, name)
        case let .local(name): return (json["locals"] as? [String: Any])?[name] != nil
        }
    }

    /// Every entry of a `depends_on` or `lifecycle.replace_triggered_by` list in the root's blocks.
    func dependencyEntries() -> [String] {
        var entries: [String] = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, member) in object {
                    if key == "depends_on" || key == "replace_triggered_by", let list = member as? [String] {
                        entries += list
                    } else {
                        visit(member)
                    }
                }
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        for section in ["resource", "data", "ephemeral"] {
            if let blocks = json[section] { visit(blocks) }
        }
        return entries
    }
}
