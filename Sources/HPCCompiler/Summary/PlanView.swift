/// The plan views of a compilation, for callers that do not look into the deployment IR.
extension CompileResult {
    /// What the deployment creates, as `hpcc plan` prints it (`summary.text`): clusters and
    /// partitions with node counts, vCPUs, GPUs, memory and peak FLOP/s, filesystems,
    /// workbenches and grids. Nil when compilation did not get as far as the deployment.
    public var summary: DeploymentSummary? {
        deployment.map(DeploymentSummary.init)
    }
}
