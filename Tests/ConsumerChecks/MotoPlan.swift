import Foundation
@_spi(Tools) import HPCCompiler
import TestSupport

/// What Terraform plans when a deployment built from OLD, applied, is changed to NEW: OLD's root
/// is applied against moto once (`MotoPlan(applying:)`), then each NEW root replaces it in the
/// group folder, the state kept, and `terraform plan` says what it would do. A plan changes no
/// state, so one applied OLD serves every NEW built from it.
///
/// The plan runs with `-refresh=false`: it compares NEW's configuration with the state OLD's
/// apply recorded, which is what hpcc diff predicts from the two builds. Refreshing reads every
/// object back from moto first, and moto reads some back unlike AWS (see `refreshArtefacts`), so
/// a refreshing plan shows updates that no change caused. Some attributes moto already records
/// unlike AWS when it creates the object (`recordingArtefacts`); those, and only those, are
/// ignored (`lifecycle.ignore_changes`) in the apply and in every plan, so that the plan of the
/// unchanged root is empty, which the tests check.
///
/// Resource types moto cannot emulate (`MotoApply.unsupported`) are out of the apply and of
/// every plan: the plan `-target`s NEW's other resources and every address in the state, so a
/// resource NEW no longer declares is still planned (for destroy). `lifecycle.prevent_destroy`
/// makes a plan that replaces or destroys such a resource fail, so each plan runs with an
/// override that lifts it; when the lifted plan does replace or destroy one, the unlifted plan
/// runs too and must fail naming exactly those resources (`Plan.preventDestroy`).
public final class MotoPlan {
    /// Reads moto gives back unlike AWS, seen when the plan refreshes (moto 5.2.5, hashicorp/aws
    /// in the local mirror), and the reason each is left out by planning with `-refresh=false`.
    public static let refreshArtefacts: [String: String] = [
        "aws_vpc_security_group_ingress_rule.referenced_security_group_id":
            "moto returns a referenced group as '<account>/sg-…' (AWS: 'sg-…' in the same account), so a refresh "
            + "reads a different value and plans an update",
        "aws_vpc_security_group_ingress_rule.description":
            "moto returns no description for a rule that references a group, so a refresh plans setting it again",
        "aws_vpc_security_group_egress_rule.referenced_security_group_id": "as for ingress rules",
        "aws_vpc_security_group_egress_rule.description": "as for ingress rules",
    ]

    /// Attributes moto records unlike AWS when it creates the object (moto 5.2.5 with
    /// `Tests/Tools/moto-server.py`, hashicorp/aws in the local mirror), by resource type, and why.
    /// Without them ignored, the plan of the unchanged htc-grid root replaces the EKS cluster, both
    /// node groups and the Redis group, and updates every queue and function.
    public static let recordingArtefacts: [String: [(attribute: String, reason: String)]] = [
        "aws_eks_cluster": [
            (
                "access_config",
                "moto returns no accessConfig, so bootstrap_cluster_creator_admin_permissions reads back unset and "
                    + "forces a new cluster"
            )
        ],
        "aws_eks_node_group": [
            (
                "remote_access",
                "moto reports a remote access key 'eksKeypair' that was never asked for; it forces a new group"
            ),
            ("update_config", "moto returns no updateConfig (AWS returns the default maxUnavailable 1)"),
        ],
        "aws_elasticache_replication_group": [
            ("at_rest_encryption_enabled", "moto returns false whatever was asked; it forces a new group")
        ],
        "aws_lambda_function": [("logging_config", "moto returns no LoggingConfig")],
        "aws_launch_template": [
            ("tag_specifications", "moto returns the template's own tags as a tag specification of the template")
        ],
        "aws_sqs_queue": [
            ("redrive_policy", "moto returns the policy JSON re-serialised with spaces, and the provider compares text")
        ],
    ]

    /// The override file that adds `recordingArtefacts` to the `ignore_changes` of every resource of
    /// their types in `document` (keeping the root's own); nil when the root has none of those types.
    static func ignoreArtefacts(_ document: [String: Any]) -> String? {
        let declared = document["resource"] as? [String: [String: [String: Any]]] ?? [:]
        var resources: [String: [String: Any]] = [:]
        for (type, artefacts) in recordingArtefacts {
            for (name, body) in declared[type] ?? [:] {
                let lifecycle = body["lifecycle"] as? [String: Any] ?? (body["lifecycle"] as? [[String: Any]])?.first
                let own = lifecycle?["ignore_changes"] as? [String] ?? []
                let ignored = own + artefacts.map(\.attribute).filter { !own.contains($0) }
                resources[type, default: [:]][name] = ["lifecycle": ["ignore_changes": ignored]]
            }
        }
        guard !resources.isEmpty else { return nil }
        let data = try! JSONSerialization.data(
            withJSONObject: ["resource": resources], options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// Terraform's action on one resource, as `terraform show -json` of a plan names it.
    public enum Action: String, Sendable, Comparable {
        case create, update, replace, destroy, move

        public static func < (lhs: Action, rhs: Action) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    /// One resource the plan changes.
    public struct Change: Equatable, Sendable, CustomStringConvertible {
        /// `type.name`: the new address, or the old one for a destroy.
        public let address: String
        /// `.move` when only the address changes; a moved resource that also changes is `.update`
        /// (or `.replace`) with `movedFrom` set.
        public let action: Action
        public let movedFrom: String?
        /// The attribute paths that force a replacement (`replace_paths`, joined with dots).
        public let replacePaths: [String]

        public var description: String {
            let moved = movedFrom.map { " from \($0)" } ?? ""
            let forced = replacePaths.isEmpty ? "" : " (forced by \(replacePaths.joined(separator: ", ")))"
            return "\(action.rawValue) \(address)\(moved)\(forced)"
        }
    }

    /// A plan of NEW against the applied OLD.
    public struct Plan: Sendable {
        /// Every resource whose action is not a no-op, by address.
        public let changes: [Change]
        /// OLD's and NEW's resources left out of the plan (moto cannot emulate them), with the reason.
        public let excluded: [(address: String, reason: String)]
        /// The resources Terraform refuses to replace or destroy while `prevent_destroy` is set.
        public let preventDestroy: [String]
        public let seconds: Double

        /// How many changes of each action, in the consumer-check line's words.
        public var counts: String {
            let actions: [Action] = [.create, .update, .replace, .destroy, .move]
            let counts = actions.map { action in "\(changes.filter { $0.action == action }.count) \(action.rawValue)" }
            let moved = changes.filter { $0.action != .move && $0.movedFrom != nil }.count
            return counts.joined(separator: ", ") + (moved == 0 ? "" : " (\(moved) of them also moved)")
        }
    }

    private let workspace: MotoWorkspace
    /// OLD's resources in the state after the apply.
    public let applied: [String]
    /// OLD's resources left out of the apply, with the reason.
    public let excluded: [(address: String, reason: String)]
    /// How long the apply of OLD took.
    public let seconds: Double

    /// Applies OLD's `root` (with `files` beside it) against `server`.
    public init(
        applying root: String, group: String, files: [(path: String, text: String)] = [],
        terraform: TerraformCLI, server: MotoServer
    ) throws {
        let started = Date()
        workspace = try Self.apply(root, group: group, files: files, terraform: terraform, server: server)
        applied = workspace.supported
        excluded = workspace.excluded
        seconds = Date().timeIntervalSince(started)
    }

    /// Applies `root` in a new workspace. Under load, moto has answered the provider's retry of a
    /// Lambda function's creation, which it had carried out, with a conflict with that function
    /// ("Function already exist", 409): the provider retries a create whose answer did not arrive,
    /// as hashicorp/terraform-provider-aws issue 30135 shows against AWS itself. A race of the
    /// transport, not of the root, so the apply is made once more on a reset server, and said so.
    private static func apply(
        _ root: String, group: String, files: [(path: String, text: String)], terraform: TerraformCLI,
        server: MotoServer
    ) throws -> MotoWorkspace {
        var attempt = 1
        while true {
            let workspace = try MotoWorkspace(group: group, terraform: terraform, server: server)
            do {
                try workspace.write(root, files: files)
                try Self.ignoreArtefacts(in: workspace)
                try workspace.initialize()
                _ = try workspace.applySupported()
                return workspace
            } catch {
                workspace.remove()
                let text = "\(error)"
                guard attempt == 1, text.contains("ResourceConflictException"), text.contains("already exist") else {
                    throw error
                }
                print("moto: \(group): a create conflicted with its own retry; applying again on a reset server")
                try server.reset()
                attempt += 1
            }
        }
    }

    /// Removes the group folder; the objects stay in moto until it is reset or stopped.
    public func close() { workspace.remove() }

    deinit { workspace.remove() }

    /// Plans NEW's `root` (with `files` beside it) against OLD's state.
    public func plan(_ root: String, files: [(path: String, text: String)] = []) throws -> Plan {
        let started = Date()
        try workspace.write(root, files: files)
        try Self.ignoreArtefacts(in: workspace)
        let addresses = Set(workspace.supported).union(applied).sorted()
        let targets = addresses.map { "-target=\($0)" }
        let lift = MotoApply.liftDeletionProtection(
            workspace.supported, document: workspace.document, attributes: false)
        if let lift { try workspace.add("zz_moto_unprotect_override.tf.json", lift.override) }
        let planFile = "hpcc-plan-\(UUID().uuidString).bin"
        defer { try? FileManager.default.removeItem(at: workspace.folder.appendingPathComponent(planFile)) }
        try workspace.run(arguments(out: planFile) + targets)
        let shown = try workspace.run(["show", "-json", planFile]).stdout
        let changes = try Self.changes(shownPlan: Data(shown.utf8), group: workspace.group)
        let protected = Set(lift?.protected ?? [])
        let refused = changes.filter { [.replace, .destroy].contains($0.action) && protected.contains($0.address) }
            .map(\.address).sorted()
        if !refused.isEmpty {
            try confirmRefusal(of: refused, targets: targets)
        }
        // OLD's exclusions too: a resource NEW drops that was never applied is out of the plan as well.
        let excludedNow = workspace.excluded.filter { now in !excluded.contains { $0.address == now.address } }
        return Plan(
            changes: changes, excluded: excluded + excludedNow, preventDestroy: refused,
            seconds: Date().timeIntervalSince(started))
    }

    private static func ignoreArtefacts(in workspace: MotoWorkspace) throws {
        if let override = ignoreArtefacts(workspace.document) {
            try workspace.add("zz_moto_artefacts_override.tf.json", override)
        }
    }

    private func arguments(out planFile: String) -> [String] {
        ["plan", "-refresh=false", "-input=false", "-lock=false", "-out=\(planFile)"]
    }

    /// Plans again without the lift: Terraform must refuse, naming exactly `refused`.
    private func confirmRefusal(of refused: [String], targets: [String]) throws {
        try? FileManager.default.removeItem(
            at: workspace.folder.appendingPathComponent("zz_moto_unprotect_override.tf.json"))
        let outcome = try workspace.attempt(["plan", "-refresh=false", "-input=false", "-lock=false"] + targets)
        let named = Self.refusedAddresses(outcome.stderr + outcome.stdout)
        guard outcome.status != 0, named == refused else {
            throw MotoApply.Failure(
                description:
                    """
                    \(workspace.group): with prevent_destroy in place, terraform plan should refuse \(refused); \
                    it exited \(outcome.status) naming \(named):\n\(outcome.stderr)
                    """
            )
        }
    }

    /// The resources a failed plan names as protected by `lifecycle.prevent_destroy`.
    static func refusedAddresses(_ output: String) -> [String] {
        let marker = " has lifecycle.prevent_destroy set"
        return output.components(separatedBy: "Resource ").dropFirst().compactMap { piece -> String? in
            guard let end = piece.range(of: marker) else { return nil }
            let address = String(piece[..<end.lowerBound])
            return address.contains(" ") ? nil : address
        }
        .sorted()
    }

    /// The managed resources `terraform show -json` of a plan changes.
    static func changes(shownPlan: Data, group: String) throws -> [Change] {
        guard let plan = try JSONSerialization.jsonObject(with: shownPlan) as? [String: Any] else {
            throw MotoApply.Failure(description: "\(group): terraform show -json printed no plan")
        }
        var changes: [Change] = []
        for entry in plan["resource_changes"] as? [[String: Any]] ?? [] where entry["mode"] as? String == "managed" {
            guard let address = entry["address"] as? String else { continue }
            let change = entry["change"] as? [String: Any] ?? [:]
            let actions = change["actions"] as? [String] ?? []
            let previous = entry["previous_address"] as? String
            let paths = (change["replace_paths"] as? [[Any]] ?? []).map { path in
                path.map { "\($0)" }.joined(separator: ".")
            }
            let action: Action
            switch Set(actions) {
            case ["create"]: action = .create
            case ["update"]: action = .update
            case ["delete"]: action = .destroy
            case ["delete", "create"]: action = .replace
            case ["no-op"] where previous != nil: action = .move
            case ["no-op"], ["read"]: continue
            default:
                throw MotoApply.Failure(description: "\(group): \(address): plan actions \(actions) not understood")
            }
            changes.append(
                Change(
                    address: address, action: action, movedFrom: previous, replacePaths: paths.sorted()))
        }
        return changes.sorted { $0.address < $1.address }
    }
}

extension MotoPlan.Plan {
    /// Where hpcc's predicted changes to `group` differ from the plan, one line per resource
    /// (empty when they agree): the action, the address moved from, and whether `prevent_destroy`
    /// stops the change. Resources moto cannot emulate are out of the plan, so out of hpcc's side too.
    @_spi(Tools) public func disagreements(with predicted: [ResourceChange], group: String) -> [String] {
        let excludedAddresses = Set(excluded.map(\.address))
        let hpcc = predicted.filter { $0.group == group && !excludedAddresses.contains($0.address) }
        func key(_ address: String, _ action: String, _ movedFrom: String?) -> String {
            "\(action) \(address)" + (movedFrom.map { " from \($0)" } ?? "")
        }
        let said = Set(hpcc.map { key($0.address, $0.action.rawValue, $0.movedFrom) })
        let planned = Set(changes.map { key($0.address, $0.action.rawValue, $0.movedFrom) })
        var lines = said.subtracting(planned).sorted().map { "hpcc diff says \($0); terraform plan does not" }
        lines += planned.subtracting(said).sorted().map { "terraform plan says \($0); hpcc diff does not" }
        let protected = hpcc.filter { $0.preventDestroy && [.replace, .destroy].contains($0.action) }.map(\.address)
        if Set(protected) != Set(preventDestroy) {
            lines.append("prevent_destroy refuses \(preventDestroy); hpcc diff marks \(protected.sorted())")
        }
        return lines
    }
}
