/// How the nodes of a nodeset come to exist.
@_spi(Tools) public enum NodesetKind: Hashable, Sendable {
    /// Compute Engine instances from the nodeset's instance template.
    case instances
    /// Cloud TPU VMs, one per node, created and deleted through the Cloud TPU API.
    case tpu(TPUSlice)
}

/// The Cloud TPU VM a node of a TPU nodeset runs on: one single-host slice per Slurm node.
@_spi(Tools) public struct TPUSlice: Hashable, Sendable {
    /// The accelerator type (`v3-8`).
    @_spi(Tools) public var acceleratorType: String
    /// The TPU software the VM boots (`tpu-vm-tf-2.14.0`).
    @_spi(Tools) public var runtimeVersion: String
    /// Cloud TPU may preempt the VM at any time (it costs less).
    @_spi(Tools) public var preemptible: Bool
    /// Capacity comes from the project's TPU reservation.
    @_spi(Tools) public var reserved: Bool
    /// A powered-down node's TPU VM is stopped and started again, not deleted and created.
    @_spi(Tools) public var preserve: Bool
    /// The VM gets an external address.
    @_spi(Tools) public var publicIP: Bool
}

extension Nodeset {
    /// The TPU VM of each node; nil for a nodeset of Compute Engine instances.
    @_spi(Tools) public var tpu: TPUSlice? {
        if case let .tpu(slice) = kind { return slice }
        return nil
    }
}
