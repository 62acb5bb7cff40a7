/// What a module became, for the modules that use it and for its own emitter and outputs: its
/// `BuiltInModule.Entity`, whatever type that is.
struct LoweredEntity: Hashable, @unchecked Sendable {
    // Unchecked: the only initializer takes a Sendable value.
    private let value: AnyHashable

    init<Entity: Hashable & Sendable>(_ value: Entity) {
        self.value = AnyHashable(value)
    }

    /// The entity as `type`, when it is one.
    func `as`<Entity>(_ type: Entity.Type) -> Entity? {
        value.base as? Entity
    }

    /// Whether the entity is a `type`.
    func `is`<Entity>(_ type: Entity.Type) -> Bool {
        value.base is Entity
    }
}

/// A partition as the modules that use it see it: the partition and the nodesets it holds.
struct LoweredPartition: Hashable, Sendable {
    var partition: Partition
    var nodesets: [Nodeset]
}
