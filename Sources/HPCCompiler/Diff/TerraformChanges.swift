/// What `terraform plan` does to one deployment group's resources when its root changes from
/// `old` to `new`, worked out from the two roots alone: a resource only in `new` is created, one
/// only in `old` destroyed (unless a `moved` block carries it to a new address), and one in both
/// is updated in place or replaced, by whether the provider forces a new resource for an attribute
/// that changes. A replaced resource's attributes are unknown until it exists again, so every
/// resource that reads one of them in an attribute that forces a new resource is replaced too.
struct TerraformChanges {
    /// Whether changing the attribute at a path (block names from the resource, no list indexes)
    /// forces a new resource; nil when the facts do not know the type or attribute.
    typealias Facts = @Sendable (_ type: String, _ path: [String]) -> Bool?

    var forcesReplacement: Facts

    /// Keys of a resource body that are Terraform's meta-arguments, not the provider's attributes.
    static let metaArguments: Set<String> = [
        "count", "for_each", "provider", "depends_on", "lifecycle", "provisioner", "connection", "timeouts",
    ]

    func compare(group: String, old: JSON?, new: JSON?) -> [ResourceChange] {
        let before = Self.resources(old), after = Self.resources(new)
        // A `moved` block counts when its source was in the old root and is gone from the new one.
        let moves = Self.moves(new).filter { before[$0.from] != nil && after[$0.from] == nil && after[$0.to] != nil }
        let movedTo = Dictionary(moves.map { ($0.to, $0.from) }, uniquingKeysWith: { first, _ in first })
        let renamed = Dictionary(moves.map { ($0.from, $0.to) }, uniquingKeysWith: { first, _ in first })

        // Attribute paths that change, per resource in both roots (by its new address).
        var changed: [String: [[String]]] = [:]
        var previousBodies: [String: JSON] = [:]
        for (address, body) in after {
            guard let previous = before[address] ?? movedTo[address].flatMap({ before[$0] }) else { continue }
            previousBodies[address] = previous
            let ignored = Self.ignoredPaths(body)
            changed[address] = Self.changedPaths(Self.renaming(previous, renamed), body).filter { path in
                !ignored.contains { path.starts(with: $0) }
            }
        }
        // Tags or labels every resource of a provider inherits from its provider block: a change
        // updates each resource that has them (the attribute Terraform shows them in).
        for inherited in Self.inheritedSettings {
            let setting = { (root: JSON?) in
                root?["provider"]?[inherited.provider].map(Self.providerBlock)?[inherited.setting]
            }
            guard setting(old) != setting(new) else { continue }
            for address in changed.keys.sorted()
            where Self.type(of: address).hasPrefix(inherited.provider + "_")
                && forcesReplacement(Self.type(of: address), [inherited.ownAttribute]) != nil
            {
                changed[address]!.append([inherited.shownAs])
            }
        }
        // Replacement spreads through references until nothing more is replaced.
        var replaced: [String: [String]] = [:]
        var settled = false
        while !settled {
            settled = true
            for (address, paths) in changed.sorted(by: { $0.key < $1.key }) where replaced[address] == nil {
                var reasons = paths.filter { path in
                    ConditionalReplacement.forces(
                        type: Self.type(of: address), path: path,
                        old: Self.value(at: path, in: previousBodies[address]),
                        new: Self.value(at: path, in: after[address]), body: after[address]!)
                        ?? forces(address, path)
                }.map { $0.joined(separator: ".") }
                reasons += unknownReads(after[address]!, replaced: replaced.keys, address: address)
                reasons += triggeredBy(after[address]!, changed: changed, replaced: replaced.keys)
                if !reasons.isEmpty {
                    replaced[address] = Array(Set(reasons)).sorted()
                    settled = false
                }
            }
        }

        // An attribute that reads a replaced resource but does not force a new one is updated in place.
        for address in changed.keys.sorted() where replaced[address] == nil {
            let reads = Self.strings(after[address]!, path: []).filter { path, text in
                !path.isEmpty && !Self.metaArguments.contains(path[0])
                    && replaced.keys.contains { Self.references(text, $0) }
            }
            changed[address]! += reads.map { [$0.0[0]] }
        }

        var result: [ResourceChange] = []
        for (address, body) in after {
            let type = Self.type(of: address)
            var change: ResourceChange
            if let paths = changed[address] {
                let action: ResourceChange.Action =
                    replaced[address] != nil ? .replace : paths.isEmpty ? .move : .update
                if action == .move, movedTo[address] == nil { continue }
                change = ResourceChange(group: group, address: address, action: action, movedFrom: movedTo[address])
                change.changed = Array(Set(paths.compactMap(\.first))).sorted()
                change.forcedBy = replaced[address] ?? []
                change.preventDestroy = action == .replace && Self.preventsDestroy(body)
            } else {
                change = ResourceChange(group: group, address: address, action: .create)
            }
            change.holdsData = DataHoldingResources.holdsData(type)
            result.append(change)
        }
        for address in before.keys where after[address] == nil && renamed[address] == nil {
            var change = ResourceChange(group: group, address: address, action: .destroy)
            change.holdsData = DataHoldingResources.holdsData(Self.type(of: address))
            result.append(change)
        }
        return result.sorted { ($0.group, $0.address) < ($1.group, $1.address) }
    }

    private func forces(_ address: String, _ path: [String]) -> Bool {
        forcesReplacement(Self.type(of: address), path) ?? false
    }

    /// The attributes forcing a new resource that read an attribute of a replaced resource: their
    /// values are unknown until the replacement exists, and Terraform plans a replacement for them.
    private func unknownReads(
        _ body: JSON, replaced: Dictionary<String, [String]>.Keys, address: String
    ) -> [String] {
        guard !replaced.isEmpty else { return [] }
        var reasons: [String] = []
        for (path, text) in Self.strings(body, path: []) where !path.isEmpty && !Self.metaArguments.contains(path[0]) {
            for other in replaced where Self.references(text, other) && forces(address, path) {
                reasons.append("\(path.joined(separator: ".")) (reads \(other), which is replaced)")
            }
        }
        return reasons
    }

    /// `lifecycle.replace_triggered_by` entries naming a resource that changes.
    private func triggeredBy(
        _ body: JSON, changed: [String: [[String]]], replaced: Dictionary<String, [String]>.Keys
    ) -> [String] {
        guard case let .array(triggers)? = body["lifecycle"]?["replace_triggered_by"] else { return [] }
        // A whole resource triggers on any change to it; one of its attributes only when that
        // attribute changes, which for `id` (and any attribute) is whenever the resource is replaced.
        return triggers.compactMap { trigger -> String? in
            guard case let .string(expression) = trigger else { return nil }
            let parts = expression.split(separator: ".").map(String.init)
            let address = parts.prefix(2).joined(separator: ".")
            let attribute = Array(parts.dropFirst(2)).map { String($0.prefix { $0 != "[" }) }
            let changes =
                replaced.contains(address)
                || (attribute.isEmpty
                    ? !(changed[address]?.isEmpty ?? true)
                    : attribute != ["id"] && (changed[address] ?? []).contains { $0.starts(with: attribute) })
            return changes ? "lifecycle.replace_triggered_by (\(expression) changes)" : nil
        }
    }

    // MARK: - Reading a root

    /// Provider settings each resource inherits: the provider, the setting in its block, the
    /// resource attribute that says a resource takes it (its own tags or labels), and the computed
    /// attribute a change shows in.
    static let inheritedSettings: [(provider: String, setting: String, ownAttribute: String, shownAs: String)] = [
        ("aws", "default_tags", "tags", "tags_all"),
        ("google", "default_labels", "labels", "terraform_labels"),
    ]

    /// A provider's (first, unaliased) block: Terraform JSON allows one object or a list of them.
    static func providerBlock(_ value: JSON) -> JSON {
        if case let .array(blocks) = value {
            return blocks.first { $0["alias"] == nil } ?? .null
        }
        return value
    }

    /// The root's managed resources by `type.name`.
    static func resources(_ root: JSON?) -> [String: JSON] {
        var found: [String: JSON] = [:]
        for (type, named) in root?["resource"]?.members ?? [:] {
            for (name, body) in named.members ?? [:] { found["\(type).\(name)"] = body }
        }
        return found
    }

    /// The root's `moved` blocks.
    static func moves(_ root: JSON?) -> [(from: String, to: String)] {
        guard case let .array(blocks)? = root?["moved"] else { return [] }
        return blocks.compactMap { block in
            guard case let .string(from)? = block["from"], case let .string(to)? = block["to"] else { return nil }
            return (from, to)
        }
    }

    /// The attribute paths `lifecycle.ignore_changes` lists (`all` is every path): Terraform plans
    /// no change for them whatever the configuration says.
    static func ignoredPaths(_ body: JSON) -> [[String]] {
        switch body["lifecycle"]?["ignore_changes"] {
        case .string("all")?: return [[]]
        case let .array(entries)?:
            return entries.compactMap { entry in
                guard case let .string(expression) = entry else { return nil }
                // `scaling_config[0].desired_size` → scaling_config.desired_size; `tags["a"]` → tags.a.
                var path: [String] = [], name = ""
                for character in expression + "." {
                    switch character {
                    case ".", "[":
                        if !name.isEmpty, Int(name) == nil { path.append(name) }
                        name = ""
                    case "]", "\"": continue
                    default: name.append(character)
                    }
                }
                return path
            }
        default: return []
        }
    }

    /// The value at an attribute path (the first element of a block list at each step).
    static func value(at path: [String], in body: JSON?) -> JSON? {
        path.reduce(body) { value, key in
            if case let .array(elements)? = value { return elements.first?[key] }
            return value?[key]
        }
    }

    static func type(of address: String) -> String { String(address.prefix { $0 != "." }) }

    static func preventsDestroy(_ body: JSON) -> Bool {
        if case .bool(true)? = body["lifecycle"]?["prevent_destroy"] { return true }
        return false
    }

    // MARK: - Comparing bodies

    /// The attribute paths whose values differ, meta-arguments left out. A block added or removed
    /// changes its own path and every attribute in it, so a forcing attribute inside it counts.
    static func changedPaths(_ old: JSON, _ new: JSON) -> [[String]] {
        var paths: [[String]] = []
        let keys = Set((old.members ?? [:]).keys).union((new.members ?? [:]).keys)
        for key in keys.sorted() where !metaArguments.contains(key) {
            paths += differences(old[key], new[key], at: [key])
        }
        return paths
    }

    private static func differences(_ old: JSON?, _ new: JSON?, at path: [String]) -> [[String]] {
        if old == new { return [] }
        switch (old, new) {
        case let (.object(a)?, .object(b)?):
            return Set(a.keys).union(b.keys).sorted().flatMap { differences(a[$0], b[$0], at: path + [$0]) }
        case let (.array(a)?, .array(b)?) where a.count == b.count && (a + b).allSatisfy({ $0.members != nil }):
            return zip(a, b).flatMap { differences($0, $1, at: path) }
        default:
            return [path] + leaves(old, at: path) + leaves(new, at: path)
        }
    }

    /// The paths of the attributes inside a nested block value.
    private static func leaves(_ value: JSON?, at path: [String]) -> [[String]] {
        switch value {
        case let .object(members)?: members.flatMap { [path + [$0.key]] + leaves($0.value, at: path + [$0.key]) }
        case let .array(elements)?: elements.flatMap { $0.members == nil ? [] : leaves($0, at: path) }
        default: []
        }
    }

    /// Every string in `value` with its attribute path (list indexes dropped).
    static func strings(_ value: JSON, path: [String]) -> [([String], String)] {
        switch value {
        case let .string(text): [(path, text)]
        case let .object(members): members.flatMap { strings($0.value, path: path + [$0.key]) }
        case let .array(elements): elements.flatMap { strings($0, path: path) }
        default: []
        }
    }

    /// Whether `text` reads an attribute of the resource at `address` (`type.name.attr` or
    /// `type.name[...]`, not a longer name that starts the same and not a data source of that name).
    static func references(_ text: String, _ address: String) -> Bool {
        guard text.contains("${") else { return false }
        return ranges(of: address, in: text).isEmpty == false
    }

    /// Where `address` occurs as a whole reference in `text`.
    private static func ranges(of address: String, in text: String) -> [Range<String.Index>] {
        var found: [Range<String.Index>] = []
        var start = text.startIndex
        while let range = text.range(of: address, range: start..<text.endIndex) {
            start = range.upperBound
            let next = range.upperBound < text.endIndex ? text[range.upperBound] : " "
            let previous = range.lowerBound > text.startIndex ? text[text.index(before: range.lowerBound)] : " "
            let identifier = previous.isLetter || previous.isNumber || previous == "_" || previous == "."
            if (next == "." || next == "[") && !identifier { found.append(range) }
        }
        return found
    }

    /// `body` with references to moved resources spelled at their new addresses, so that a
    /// resource reading a moved one does not change.
    static func renaming(_ body: JSON, _ renamed: [String: String]) -> JSON {
        guard !renamed.isEmpty else { return body }
        switch body {
        case var .string(text):
            guard text.contains("${") else { return body }
            for (from, to) in renamed {
                for range in ranges(of: from, in: text).reversed() { text.replaceSubrange(range, with: to) }
            }
            return .string(text)
        case let .object(members): return .object(members.mapValues { renaming($0, renamed) })
        case let .array(elements): return .array(elements.map { renaming($0, renamed) })
        default: return body
        }
    }
}
