/// The whole deployment as hpcc understands it: what Lower builds from the blueprint and every
/// emitter reads. Plain values, cloud-neutral where the concept is shared.
public struct Deployment: Hashable, Sendable {
    /// `deployment_name`.
    public var name: String
    /// `blueprint_name`.
    public var blueprintName: String
    /// Terraform roots, in blueprint order.
    public var groups: [TerraformGroup]
    /// VPC networks.
    public var networks: [Network] = []
    /// AWS VPCs.
    public var awsNetworks: [AWSNetwork] = []
    /// Existing VPC networks hpcc looks up.
    public var importedNetworks: [ImportedNetwork] = []
    /// Private services access connections.
    public var privateServiceAccesses: [PrivateServiceAccess] = []
    /// Shared filesystems hpcc creates or mounts.
    public var filesystems: [SharedFilesystem] = []
    /// Slurm clusters.
    public var clusters: [SlurmCluster] = []
    /// Service accounts with their project roles.
    public var serviceAccounts: [ManagedServiceAccount] = []
    /// Startup scripts assembled from runners.
    public var startupScripts: [StartupScript] = []
    /// Pub/Sub topics.
    public var topics: [PubSubTopic] = []
    /// Vertex AI Workbench instances.
    public var workbenches: [Workbench] = []
    /// Databases for Slurm accounting.
    public var accountingDatabases: [AccountingDatabase] = []
    /// AWS ParallelCluster clusters.
    public var parallelClusters: [ParallelCluster] = []
    /// HTC grids on AWS.
    public var htcGrids: [HTCGrid] = []
    /// Existing Slurm clusters hpcc writes configuration for.
    public var onPremClusters: [OnPremCluster] = []
    /// bwVisu installations on existing clusters.
    public var bwVisus: [BwVisu] = []
    /// The HPCStats setup (one per deployment: one database, one main configuration).
    public var hpcStats: HPCStatsSetup?
    /// Module outputs the blueprint asks to expose as Terraform outputs.
    public var exposedOutputs: [ExposedModuleOutput] = []
    /// The source of every module, by id.
    public var moduleSources: [ModuleID: String] = [:]
    /// What each module that lowered became: the entity its emitter and outputs read.
    var modules: [ModuleID: LoweredModule] = [:]

    /// The source path of `module`.
    public func sourceOf(_ module: ModuleID) -> String? {
        moduleSources[module]
    }

    /// The group named `name`.
    public func group(_ name: GroupName) -> TerraformGroup? {
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
}

/// Where an IR entity came from: the module, its group, and its labels (hpcc's merged with the user's).
public struct Origin: Hashable, Sendable {
    /// The module that declared it.
    public var module: ModuleID
    /// Its deployment group.
    public var group: GroupName
    /// Labels for its cloud resources.
    public var labels: [String: String]
}

/// One Terraform root.
public struct TerraformGroup: Hashable, Sendable {
    /// Group name (the folder).
    public var name: GroupName
    /// Backend, if any.
    public var backend: ResolvedBackend?
    /// Provider requirements and configuration beyond hpcc's defaults.
    public var providers: [ResolvedProvider]
    /// Project, region and zone for the default provider configuration.
    public var project: String?
    /// The default provider's region.
    public var region: String?
    /// The default provider's zone (GCP).
    public var zone: String?
    /// The cloud of its modules: AWS when every module that names a cloud is an AWS one, GCP otherwise.
    public var cloud: Cloud = .gcp
    /// `vars.labels` with hpcc's deployment-wide labels: the AWS provider's `default_tags`.
    public var defaultTags: [String: String] = [:]
}

/// A module output exposed as a Terraform output of the module's group.
public struct ExposedModuleOutput: Hashable, Sendable {
    /// The reference.
    public var reference: ModuleReference
    /// Output description.
    public var description: String?
    /// Sensitive in Terraform.
    public var sensitive: Bool
}

/// A reference to a module output, as Lower leaves it for emitters: the value when known at
/// compile time, and the module + output so Terraform can reference the resource instead.
public struct ModuleReference: Hashable, Sendable {
    /// The module.
    public var module: ModuleID
    /// The output.
    public var output: String
    /// Indexing into the output.
    public var path: [Accessor]
    /// The value, when hpcc knows it at compile time.
    public var known: Value?
}

/// A string Terraform evaluates: literal text, module outputs, and raw `((...))` expressions.
public struct TerraformText: Hashable, Sendable {
    /// A piece of the text.
    public enum Part: Hashable, Sendable {
        case literal(String)
        case reference(ModuleReference)
        case raw(String)
    }

    /// The pieces.
    public var parts: [Part]

    /// Literal text.
    public init(_ literal: String) {
        parts = [.literal(literal)]
    }

    /// Text from pieces.
    public init(parts: [Part]) {
        self.parts = parts
    }

    /// The text when it is known at compile time.
    public var known: String? {
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
