/// A link from a Slurm module to a module whose whole output it takes: a partition, a nodeset or
/// a login group.
struct MemberLink {
    let module: ModuleID
    let entity: LoweredEntity
    /// Where the link was written (or the `use` entry that wired it).
    let location: SourceLocation
}

/// How Slurm modules read the list settings that link them to their members.
extension SettingReader {
    /// The modules a member list setting links to. `use` wires a list of whole outputs
    /// (`[$(p.partitions)]`); the Toolkit also takes a whole list output alone
    /// (`partitions: $(p.partitions)`) or inside a list: each links the same way. An element that
    /// reads a module that did not lower (reported already) is skipped; `incomplete` becomes true
    /// when an element reads a module that did not lower or lowered with errors. Every other
    /// element is reported where it was written: hpcc would otherwise build without it.
    func memberLinks(
        _ key: SettingKey<Value>, outputs: Set<String>, taking what: String, incomplete: inout Bool,
        diagnostics: inout Diagnostics
    ) -> [MemberLink] {
        let value = value(key)
        let elements: [(Value, [Accessor])] =
            switch value {
            case let .list(list): list.enumerated().map { ($1, [.index($0)]) }
            case .null: []
            default: [(value, [])]
            }
        var links: [MemberLink] = []
        for (element, path) in elements {
            if readsIncomplete(element) { incomplete = true }
            if readsUnlowered(element) { continue }
            if case let .output(reference) = element, reference.path.isEmpty, outputs.contains(reference.output),
                let entity = context.entities[reference.module]
            {
                links.append(MemberLink(module: reference.module, entity: entity, location: reference.location))
                continue
            }
            // A literal that is not a mapping has the wrong type for the setting: Resolve reported it.
            if element.isLiteral && element.map == nil { continue }
            let wanted = outputs.sorted().map { "'\($0)'" }.joined(separator: " or ")
            var at = location(key, path)
            var found = element.isLiteral ? "a literal value" : "a value known only when Terraform runs"
            var code = DiagnosticCode.notKnownAtCompileTime
            if case let .output(reference) = element {
                (at, found, code) = (reference.location, "'$(\(reference.text))'", .typeMismatch)
                context.misLinked.insert(reference.module)
            }
            diagnostics.report(
                code,
                "'\(key.name)' of module '\(id)' links \(what) by their whole \(wanted) output, not \(found)",
                at: at,
                help: "add the module to 'use', or write '$(MODULE.\(outputs.sorted()[0]))'")
        }
        return links
    }
}
