/// What a module became, for the modules that use it and for its own emitter and outputs: its
/// `BuiltInModule.Entity`, whatever type that is.
struct LoweredEntity: Hashable, Sendable {
    private let value: any Hashable & Sendable

    init<Entity: Hashable & Sendable>(_ value: Entity) {
        self.value = value
    }

    /// The entity as `type`, when it is one.
    func `as`<Entity>(_ type: Entity.Type) -> Entity? {
        value as? Entity
    }

    /// Whether the entity is a `type`.
    func `is`<Entity>(_ type: Entity.Type) -> Bool {
        value is Entity
    }

    static func == (lhs: LoweredEntity, rhs: LoweredEntity) -> Bool {
        AnyHashable(lhs.value) == AnyHashable(rhs.value)
    }

    func hash(into hasher: inout Hasher) {
        value.hash(into: &hasher)
    }
}

/// A partition as the modules that use it see it: the partition and the nodesets it holds.
struct LoweredPartition: Hashable, Sendable {
    var partition: Partition
    var nodesets: [Nodeset]
}
