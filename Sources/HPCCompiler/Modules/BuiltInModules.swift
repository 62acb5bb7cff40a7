/// Every built-in module, listed once, in the order `hpcc modules` shows them. `ModuleCatalog`
/// and Lower's dispatch derive from this list; a test checks that every `BuiltInModule` in
/// `Modules/` is on it.
enum BuiltInModules {
    static let all: [any BuiltInModule.Type] = [
        VPCModule.self, PreExistingVPCModule.self, PrivateServiceAccessModule.self,
        FilestoreModule.self, ManagedLustreModule.self, PreExistingNetworkStorageModule.self, CloudStorageBucketModule.self,
        ServiceAccountModule.self, StartupScriptModule.self, PubSubTopicModule.self,
        SlurmNodesetModule.self, SlurmPartitionModule.self, SlurmLoginModule.self, SlurmControllerModule.self, NotebookModule.self,
        AWSVPCModule.self, EFSModule.self, FSxLustreModule.self, SlurmAccountingModule.self, ParallelClusterModule.self, HTCGridModule.self,
        ExistingSlurmModule.self, BwVisuModule.self, HPCStatsModule.self,
    ]

    private static let bySource: [String: any BuiltInModule.Type] = Dictionary(uniqueKeysWithValues: all.map { ($0.schema.source, $0) })

    /// The module at `source`.
    static func definition(_ source: String) -> (any BuiltInModule.Type)? {
        bySource[source]
    }
}
