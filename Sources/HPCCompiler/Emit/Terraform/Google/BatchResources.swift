/// The instance template a Batch job's VMs start from: vm-instance's instance, as a template
/// with a fixed name the job file refers to.
enum BatchResources {
    /// The instance template of the batch-job-template module `module`.
    static func instanceTemplate(_ module: ModuleID) -> TerraformAddress {
        TerraformAddress("google_compute_instance_template", module.rawValue)
    }

    static func emit(_ job: BatchJob, into document: inout TerraformDocument, references: inout TerraformReferences) {
        let machines = job.machines
        let metadata = VirtualMachineResources.metadata(machines, references: &references)
        var body = InstanceBlocks.common(machines.instance, metadata: metadata, tags: [], references: &references)
        body["name"] = .string(job.templateName)
        body["region"] = .string(job.region)
        body["disk"] = InstanceBlocks.templateDisks(machines.instance)
        body["network_interface"] = InstanceBlocks.networkInterface(
            machines.instance, address: nil, references: &references)
        let waits =
            InstanceBlocks.accountBindings(machines.instance, references: references)
            + VirtualMachineResources.filesystems(machines, references: references)
        if !waits.isEmpty { body["depends_on"] = .addresses(waits) }
        document.resource(instanceTemplate(job.origin.module), body)
    }
}
