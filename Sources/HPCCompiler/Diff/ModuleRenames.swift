/// Module ids renamed between the deployment a build replaces and the new one. hpcc names a
/// module's Terraform resources after its id (`home`, `home_0`, `home_nfs`), so renaming a module
/// would make `terraform plan` destroy everything it made and create it again; a `moved` block per
/// resource tells Terraform the objects are the same. A module counts as renamed when its old id
/// is gone, its new id is new, and it has the same group, source, settings and uses (references to
/// renamed modules read at their new ids).
enum ModuleRenames {
    /// One module of an expanded blueprint, as comparable values.
    struct Module: Hashable {
        var group: String
        var id: String
        var source: String
        var body: JSON
    }

    struct Rename: Hashable {
        var group: String
        var from: String
        var to: String
    }

    /// The modules an expanded blueprint (`expanded-blueprint.yaml`) declares.
    static func modules(_ expanded: String) -> [Module] {
        var diagnostics = Diagnostics()
        let tree = YAMLReader().read(
            SourceFile(name: ExpandedBlueprintEmitter.path, text: expanded), into: &diagnostics)
        var found: [Module] = []
        for group in tree?["deployment_groups"]?.elements ?? [] {
            let name = group["group"]?.scalarText ?? ""
            for module in group["modules"]?.elements ?? [] {
                guard let id = module["id"]?.scalarText, let source = module["source"]?.scalarText else { continue }
                let body: JSON = [
                    "use": shape(module["use"]), "settings": shape(module["settings"]), "kind": shape(module["kind"]),
                ]
                found.append(Module(group: name, id: id, source: source, body: body))
            }
        }
        return found
    }

    /// The renames from `old` to `new`: each removed module paired with the one added module of its
    /// group and source whose body equals its own once every rename is applied.
    static func renames(old: [Module], new: [Module]) -> [Rename] {
        let oldIDs = Set(old.map(\.id)), newIDs = Set(new.map(\.id))
        let removed = old.filter { !newIDs.contains($0.id) }, added = new.filter { !oldIDs.contains($0.id) }
        func candidates(_ module: Module) -> [Module] {
            added.filter { $0.group == module.group && $0.source == module.source }
        }
        // First guess: pairs that are the only candidates of each other; then every pair is checked
        // with all the guessed renames applied (a renamed module may read another renamed one).
        let guessed = removed.compactMap { module -> Rename? in
            let options = candidates(module)
            guard options.count == 1,
                removed.filter({ $0.group == module.group && $0.source == module.source }).count == 1
            else { return nil }
            return Rename(group: module.group, from: module.id, to: options[0].id)
        }
        var renames: [Rename] = []
        var taken: Set<String> = []
        for module in removed {
            let matches = candidates(module).filter { candidate in
                var map = Dictionary(guessed.map { ($0.from, $0.to) }, uniquingKeysWith: { first, _ in first })
                map[module.id] = candidate.id
                return renaming(module.body, map) == candidate.body
            }
            if matches.count == 1, taken.insert(matches[0].id).inserted {
                renames.append(Rename(group: module.group, from: module.id, to: matches[0].id))
            }
        }
        return renames
    }

    /// `new` with a `moved` block added to each group root for every resource of a renamed module,
    /// and the `moved` blocks `previous` roots had kept while their targets exist (a second build
    /// before `terraform apply` must not drop them). Nothing changes without a previous deployment.
    static func carry(_ new: [OutputFile], previous: DeploymentSnapshot) -> [OutputFile] {
        guard let oldExpanded = previous.text(ExpandedBlueprintEmitter.path),
            let newExpanded = new.first(where: { $0.path == ExpandedBlueprintEmitter.path })?.text
        else { return new }
        let oldModules = modules(oldExpanded)
        let renames = renames(old: oldModules, new: modules(newExpanded))
        let oldRoots = previous.terraformRoots
        return new.map { file in
            guard let group = DeploymentSnapshot.terraformGroup(of: file.path), let oldText = oldRoots[group],
                let oldRoot = JSONText.parse(oldText), case .object(var root)? = JSONText.parse(file.text)
            else { return file }
            let before = TerraformChanges.resources(oldRoot), after = TerraformChanges.resources(.object(root))
            var moves = Set(
                TerraformChanges.moves(oldRoot).filter { after[$0.to] != nil && after[$0.from] == nil }.map {
                    [$0.from, $0.to]
                })
            let groupRenames = renames.filter { $0.group == group }
            let oldIDs = oldModules.filter { $0.group == group }.map(\.id)
            for address in before.keys where after[address] == nil {
                guard let target = movedAddress(address, renames: groupRenames, ids: oldIDs), after[target] != nil,
                    before[target] == nil
                else { continue }
                moves.insert([address, target])
            }
            guard !moves.isEmpty else { return file }
            root["moved"] = .array(
                moves.sorted { $0[1] < $1[1] }.map { ["from": .string($0[0]), "to": .string($0[1])] })
            return OutputFile(path: file.path, text: JSONWriter.render(.object(root)), executable: file.executable)
        }
    }

    /// The new address of a resource a renamed module made: its name starts with the module's id
    /// (the longest id that fits, so `net_private` is not read as module `net`).
    static func movedAddress(_ address: String, renames: [Rename], ids: [String]) -> String? {
        let type = TerraformChanges.type(of: address)
        let name = String(address.dropFirst(type.count + 1))
        let owner = ids.filter { name == $0 || name.hasPrefix($0 + "_") }.max { $0.count < $1.count }
        guard let owner, let rename = renames.first(where: { $0.from == owner }) else { return nil }
        return "\(type).\(rename.to)\(name.dropFirst(owner.count))"
    }

    /// A YAML value as plain JSON (scalars as their text), for comparing settings.
    private static func shape(_ node: YAMLNode?) -> JSON {
        switch node {
        case nil: .null
        case let .scalar(text, _, _, _)?: .string(text)
        case let .sequence(elements, _)?: .array(elements.map(shape))
        case let .mapping(entries, _)?:
            .object(Dictionary(entries.map { ($0.key, shape($0.value)) }, uniquingKeysWith: { first, _ in first }))
        }
    }

    /// A module's body with references to renamed modules spelled at their new ids: the ids in
    /// `use`, and `$(id.output)` anywhere.
    private static func renaming(_ body: JSON, _ map: [String: String]) -> JSON {
        guard case var .object(members) = body else { return body }
        if case let .array(uses)? = members["use"] {
            members["use"] = .array(
                uses.map { use in
                    if case let .string(id) = use, let to = map[id] { return .string(to) }
                    return use
                })
        }
        members["settings"] = members["settings"].map { references($0, map) }
        return .object(members)
    }

    private static func references(_ value: JSON, _ map: [String: String]) -> JSON {
        switch value {
        case let .string(text):
            var result = text
            for (from, to) in map { result = result.replacingOccurrences(of: "$(\(from).", with: "$(\(to).") }
            return .string(result)
        case let .object(members): return .object(members.mapValues { references($0, map) })
        case let .array(elements): return .array(elements.map { references($0, map) })
        default: return value
        }
    }
}
