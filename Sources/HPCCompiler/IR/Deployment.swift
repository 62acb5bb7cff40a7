/// The whole deployment as hpcc understands it: what Lower builds from the blueprint and every
/// emitter reads. Plain values, cloud-neutral where the concept is shared.
@_spi(Tools) public struct Deployment: Hashable, Sendable {
    /// `deployment_name`.
    @_spi(Tools) public var name: String
    /// `blueprint_name`.
    @_spi(Tools) public var blueprintName: String
    /// Terraform roots, in blueprint order.
    @_spi(Tools) public var groups: [TerraformGroup]
    /// VPC networks.
    @_spi(Tools) public var networks: [Network] = []
    /// AWS VPCs.
    @_spi(Tools) public var awsNetworks: [AWSNetwork] = []
    /// Existing VPC networks hpcc looks up.
    @_spi(Tools) public var importedNetworks: [ImportedNetwork] = []
    /// Private services access connections.
    @_spi(Tools) public var privateServiceAccesses: [PrivateServiceAccess] = []
    /// Shared filesystems hpcc creates or mounts.
    @_spi(Tools) public var filesystems: [SharedFilesystem] = []
    /// Slurm clusters.
    @_spi(Tools) public var clusters: [SlurmCluster] = []
    /// Service accounts with their project roles.
    @_spi(Tools) public var serviceAccounts: [ManagedServiceAccount] = []
    /// Startup scripts assembled from runners.
    @_spi(Tools) public var startupScripts: [StartupScript] = []
    /// Spack and Ramble installs (spack-setup, ramble-setup).
    @_spi(Tools) public var toolInstallations: [ToolInstallation] = []
    /// Spack and Ramble commands and environments (spack-execute, ramble-execute).
    @_spi(Tools) public var toolExecutions: [ToolExecution] = []
    /// Machine images Packer builds, one per packer group.
    @_spi(Tools) public var packerImages: [PackerImage] = []
    /// Pub/Sub topics.
    @_spi(Tools) public var topics: [PubSubTopic] = []
    /// Vertex AI Workbench instances.
    @_spi(Tools) public var workbenches: [Workbench] = []
    /// Stand-alone instance groups (vm-instance), which boot with `scripts/hpcc-vm.sh`.
    @_spi(Tools) public var virtualMachines: [VirtualMachineGroup] = []
    /// Waits for instances' startup scripts (wait-for-startup), which run `scripts/hpcc-wait-for-startup.sh`.
    @_spi(Tools) public var startupWaits: [StartupWait] = []
    /// Google Cloud Batch job definitions, whose VMs also boot with `scripts/hpcc-vm.sh`.
    @_spi(Tools) public var batchJobs: [BatchJob] = []
    /// Databases for Slurm accounting.
    @_spi(Tools) public var accountingDatabases: [AccountingDatabase] = []
    /// AWS ParallelCluster clusters.
    @_spi(Tools) public var parallelClusters: [ParallelCluster] = []
    /// HTC grids on AWS.
    @_spi(Tools) public var htcGrids: [HTCGrid] = []
    /// Existing Slurm clusters hpcc writes configuration for.
    @_spi(Tools) public var onPremClusters: [OnPremCluster] = []
    /// bwVisu installations on existing clusters.
    @_spi(Tools) public var bwVisus: [BwVisu] = []
    /// The HPCStats setup (one per deployment: one database, one main configuration).
    @_spi(Tools) public var hpcStats: HPCStatsSetup?
    /// Files `ghpc_stage()` copies into the deployment folder.
    @_spi(Tools) public var stagedCopies: [StagedCopy] = []
    /// Module outputs the blueprint asks to expose as Terraform outputs.
    @_spi(Tools) public var exposedOutputs: [ExposedModuleOutput] = []
    /// The source of every module, by id.
    @_spi(Tools) public var moduleSources: [ModuleID: String] = [:]
    /// What each module that lowered became: the entity its emitter and outputs read.
    var modules: [ModuleID: LoweredModule] = [:]

    /// The source path of `module`.
    @_spi(Tools) public func sourceOf(_ module: ModuleID) -> String? {
        moduleSources[module]
    }

    /// The group named `name`.
    @_spi(Tools) public func group(_ name: GroupName) -> TerraformGroup? {
        groups.first { $0.name == name }
    }
}

/// One module as Lower left it.
struct LoweredModule: Hashable, Sendable {
    /// Its source path, which names its `BuiltInModule`.
    var source: String
    /// What it became.
    var entity: LoweredEntity
    /// Its outputs known at compile time.
    var knownOutputs: [String: Value]
    /// The group whose Terraform root holds its resources; nil for existing machines.
    var terraformGroup: GroupName?

    /// The value of `output` known at compile time: stored by Lower, or read from the entity.
    func known(_ output: String) -> Value? {
        knownOutputs[output] ?? BuiltInModules.definition(source)?.knownValue(of: output, entity: entity)
    }
}

/// Where an IR entity came from: the module, its group, and its labels (hpcc's merged with the user's).
@_spi(Tools) public struct Origin: Hashable, Sendable {
    /// The module that declared it.
    @_spi(Tools) public var module: ModuleID
    /// Its deployment group.
    @_spi(Tools) public var group: GroupName
    /// Labels for its cloud resources.
    @_spi(Tools) public var labels: [String: String]
}

/// One Terraform root.
@_spi(Tools) public struct TerraformGroup: Hashable, Sendable {
    /// Group name (the folder).
    @_spi(Tools) public var name: GroupName
    /// Backend, if any.
    @_spi(Tools) public var backend: ResolvedBackend?
    /// Provider requirements and configuration beyond hpcc's defaults.
    @_spi(Tools) public var providers: [ResolvedProvider]
    /// Project, region and zone for the default provider configuration.
    @_spi(Tools) public var project: String?
    /// The default provider's region.
    @_spi(Tools) public var region: String?
    /// The default provider's zone (GCP).
    @_spi(Tools) public var zone: String?
    /// The cloud of its modules: AWS when every module that names a cloud is an AWS one, GCP otherwise.
    @_spi(Tools) public var cloud: Cloud = .gcp
    /// `vars.labels` with hpcc's deployment-wide labels: the AWS provider's `default_tags`.
    @_spi(Tools) public var defaultTags: [String: String] = [:]
}

/// A module output exposed as a Terraform output of the module's group.
@_spi(Tools) public struct ExposedModuleOutput: Hashable, Sendable {
    /// The reference.
    @_spi(Tools) public var reference: ModuleReference
    /// Output description.
    @_spi(Tools) public var description: String?
    /// Sensitive in Terraform.
    @_spi(Tools) public var sensitive: Bool
}

/// A reference to a module output, as Lower leaves it for emitters: the value when known at
/// compile time, and the module + output so Terraform can reference the resource instead.
@_spi(Tools) public struct ModuleReference: Hashable, Sendable {
    /// The module.
    @_spi(Tools) public var module: ModuleID
    /// The output.
    @_spi(Tools) public var output: String
    /// Indexing into the output.
    @_spi(Tools) public var path: [Accessor]
    /// The value, when hpcc knows it at compile time (with `merged` applied).
    @_spi(Tools) public var known: Value?
    /// Literal members a blueprint's `merge()` writes over the output's object; empty for none.
    @_spi(Tools) public var merged: [String: Value] = [:]
}

/// A string Terraform evaluates: literal text, module outputs, and raw `((...))` expressions.
@_spi(Tools) public struct TerraformText: Hashable, Sendable {
    /// A piece of the text.
    @_spi(Tools) public enum Part: Hashable, Sendable {
        case literal(String)
        case reference(ModuleReference)
        case raw(String)
    }

    /// The pieces.
    @_spi(Tools) public var parts: [Part]

    /// Literal text.
    @_spi(Tools) public init(_ literal: String) {
        parts = [.literal(literal)]
    }

    /// Text from pieces.
    @_spi(Tools) public init(parts: [Part]) {
        self.parts = parts
    }

    /// The text when it is known at compile time.
    @_spi(Tools) public var known: String? {
        var text = ""
        for part in parts {
            switch part {
            case let .literal(literal): text += literal
            case let .reference(reference):
                guard let value = reference.known, let scalar = Conformance.scalarText(value) else { return nil }
                text += scalar
            case .raw: return nil
            }
        }
        return text
    }
}
