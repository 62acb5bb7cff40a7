/// The disks of a `google_compute_instance` besides its boot disk. An instance cannot make a
/// persistent disk inline as a template does: each is its own `google_compute_disk`, attached with
/// `attached_disk`. A local SSD is a `scratch_disk`, made and deleted with the instance. The guest
/// finds each disk at `/dev/disk/by-id/google-<device_name>`; hpcc attaches, it does not format
/// or mount (as Cluster Toolkit).
///
/// A `google_compute_disk` outlives its instance: when the instance is replaced, the new one gets
/// the same disk. It goes with the deployment (`terraform destroy`); `auto_delete: false` asks the
/// data to outlive the instance, so Terraform snapshots such a disk before deleting it
/// (`<disk name>-YYYYMMDD-HHmm`, encrypted with the disk's key).
enum InstanceDisks {
    /// A persistent disk of an instance with the address of its resource.
    struct Placed {
        var disk: Disk
        var address: TerraformAddress
    }

    /// Emits the persistent disks of `instance` (first `own`, the disks hpcc adds, then the
    /// blueprint's) and returns the instance body's `attached_disk` and `scratch_disk` blocks.
    /// Additional disk `k` (from 1) is at `address(k)` and, unless the blueprint names it, is named
    /// `<host>-disk-<k>`.
    static func attach(
        _ own: [Placed] = [], to instance: InstanceProperties, host: String, zone: String,
        address: (Int) -> TerraformAddress, into document: inout TerraformDocument
    ) -> [String: JSON] {
        var persistent = own
        var scratch: [JSON] = []
        for (index, disk) in instance.additionalDisks.enumerated() {
            if disk.isLocalSSD {
                scratch.append(
                    .object(
                        [
                            "interface": .string(instance.machine.localSSDInterface),
                            "size": disk.sizeGB.map(JSON.int) ?? .null,
                            "device_name": disk.deviceName.map(JSON.string) ?? .null,
                        ].filter { $0.value != .null }))
            } else {
                var named = disk
                named.name = disk.name ?? Disk.derivedName(host: host, position: index + 1)
                persistent.append(Placed(disk: named, address: address(index + 1)))
            }
        }
        let attached = persistent.map { placed -> JSON in
            emit(placed, project: instance.project, zone: zone, into: &document)
            return .object(
                [
                    "source": placed.address.json("id"),
                    "device_name": placed.disk.deviceName.map(JSON.string) ?? .null,
                ].filter { $0.value != .null })
        }
        return [
            "attached_disk": .when(!attached.isEmpty, .array(attached)),
            "scratch_disk": .when(!scratch.isEmpty, .array(scratch)),
        ].filter { $0.value != .null }
    }

    private static func emit(_ placed: Placed, project: String, zone: String, into document: inout TerraformDocument) {
        let disk = placed.disk
        document.resource(
            placed.address,
            [
                "name": .string(disk.name ?? placed.address.name),
                "project": .string(project),
                "zone": .string(zone),
                "type": .string(disk.type),
                "size": disk.sizeGB.map(JSON.int) ?? .null,
                "labels": .stringMap(disk.labels),
                "disk_encryption_key": InstanceBlocks.encryptionKey(disk),
                "params": InstanceBlocks.params(disk.resourceManagerTags),
                "create_snapshot_before_destroy": .when(!disk.autoDelete, true),
            ])
    }
}
