/// `modules/file-system/netapp-storage-pool`: a Google Cloud NetApp Volumes storage pool, the
/// capacity and service level that netapp-volume modules draw on.
enum NetAppStoragePoolModule: BuiltInModule {
    /// The module's own settings; the shared ones are `CommonKey`'s.
    enum Key {
        static let name = SettingKey<String>("pool_name")
        static let peering = SettingKey<String>("private_vpc_connection_peering")
        static let serviceLevel = SettingKey<NetAppServiceLevel>("service_level")
        static let capacity = SettingKey<Int>("capacity_gib")
        static let activeDirectory = SettingKey<String>("active_directory_policy")
        static let cmekPolicy = SettingKey<String>("cmek_policy")
        static let ldap = SettingKey<Bool>("ldap_enabled")
        static let autoTiering = SettingKey<Bool>("allow_auto_tiering")
        static let description = SettingKey<String>("description")
    }

    static let schema = ModuleSchema(
        source: "modules/file-system/netapp-storage-pool", cloud: .gcp,
        summary: "Google Cloud NetApp Volumes storage pool",
        description: """
            Creates a NetApp Volumes storage pool on a VPC peered with NetApp's service network (private \
            services access); netapp-volume modules that `use` it create their volumes in it.
            """,
        settings: [
            CommonSettings.project, CommonSettings.deploymentName, CommonSettings.region, CommonSettings.labels,
            CommonSettings.networkID,
            SettingSpec(
                Key.name, .string, "Name of the pool; null means `<deployment_name>-<module id>`.",
                constraints: [.pattern(namePattern, description: "a lowercase name of letters, digits and '-'")]),
            SettingSpec(
                Key.peering, .string,
                """
                The peering with NetApp's service network: from a `use`d private-service-access module the pool \
                waits for it; a literal name is an existing peering Terraform checks is active first.
                """,
                default: .string("sn-netapp-prod")),
            SettingSpec(
                Key.serviceLevel, .string, "Service level of the pool.",
                default: .string(NetAppServiceLevel.premium.rawValue),
                constraints: [.oneOf(NetAppServiceLevel.allCases.map(\.rawValue))]),
            SettingSpec(
                Key.capacity, .number, "Capacity of the pool in GiB, shared by its volumes.", default: .int(2048),
                constraints: [.integer, .range(min: 2048, max: nil)]),
            SettingSpec(
                Key.activeDirectory, .string,
                "Active Directory policy: `projects/<project>/locations/<location>/activeDirectoryPolicies/<id>`.",
                constraints: [
                    .pattern(
                        "projects/[^/]+/locations/[^/]+/activeDirectoryPolicies/[^/]+",
                        description: "an Active Directory policy id")
                ]),
            SettingSpec(
                Key.cmekPolicy, .string,
                "Customer-managed key policy: `projects/<project>/locations/<location>/kmsConfigs/<name>`.",
                constraints: [
                    .pattern("projects/[^/]+/locations/[^/]+/kmsConfigs/[^/]+", description: "a kmsConfigs id")
                ]),
            SettingSpec(Key.ldap, .bool, "LDAP for NFS user and group lookups.", default: .bool(false)),
            SettingSpec(
                Key.autoTiering, .bool, "Let the pool's volumes move cold data to a cheaper tier.",
                default: .bool(false)),
            SettingSpec(
                Key.description, .string, "Description of the pool.", default: .string(""),
                constraints: [.maxLength(2048)]),
        ]
            + CommonSettings.moot([
                (
                    "network_self_link", .string, nil,
                    "hpcc takes the network from network_id, also for the check of an existing peering"
                )
            ]),
        outputs: outputSpecs,
        mustBeUsed: false
    )

    /// A pool name: a lowercase letter, then letters, digits and '-', at most 63 characters.
    static let namePattern = "[a-z]([-a-z0-9]{0,61}[a-z0-9])?"

    /// The module's outputs.
    enum Output: String, ModuleOutput {
        case poolID = "netapp_storage_pool_id"
        case capacity = "capacity_gb"

        var spec: (type: SettingType, description: String) {
            switch self {
            case .poolID: (.string, "Id of the pool: `projects/<project>/locations/<region>/storagePools/<name>`.")
            case .capacity: (.number, "Capacity of the pool in GiB.")
            }
        }
    }

    static let exposedByDefault: [Output] = [.poolID]

    static func lower(_ settings: SettingReader, diagnostics: inout Diagnostics) -> NetAppStoragePool? {
        guard let project = settings.read(CommonKey.project, diagnostics: &diagnostics),
            let region = settings.read(CommonKey.region, diagnostics: &diagnostics),
            let level = settings.read(Key.serviceLevel, diagnostics: &diagnostics),
            let capacity = settings.read(Key.capacity, diagnostics: &diagnostics),
            let network = settings.networkAttachment(CommonKey.networkID, diagnostics: &diagnostics),
            let peeringName = settings.text(Key.peering)
        else { return nil }
        let created = settings.privateServiceAccessModules([Key.peering])
        let name =
            settings.read(Key.name, diagnostics: &diagnostics)
            ?? ResourceName.make(ResourceName.autoName(settings.context.deployment.name), settings.id.rawValue)
        let pool = NetAppStoragePool(
            origin: settings.origin(diagnostics: &diagnostics), project: project, name: name, region: region,
            network: network, serviceLevel: level, capacityGiB: capacity,
            activeDirectory: settings.read(Key.activeDirectory, diagnostics: &diagnostics),
            kmsConfig: settings.read(Key.cmekPolicy, diagnostics: &diagnostics),
            ldapEnabled: settings.read(defaulted: Key.ldap, diagnostics: &diagnostics),
            allowAutoTiering: settings.read(defaulted: Key.autoTiering, diagnostics: &diagnostics),
            description: settings.read(defaulted: Key.description, diagnostics: &diagnostics),
            peering: created.isEmpty ? .existing(peeringName) : .created(created))
        settings.context.knownOutputs[settings.id] = [
            Output.poolID.rawValue: .string(pool.id), Output.capacity.rawValue: .int(capacity),
        ]
        return pool
    }

    static func emit(_ entity: NetAppStoragePool, module: ModuleID, into roots: inout TerraformRoots) {
        roots.add(to: entity.origin.group) { _, document, references in
            NetAppResources.emit(entity, into: &document, references: &references)
        }
    }

    static func value(
        of output: Output, entity: NetAppStoragePool, module: ModuleID, path: [Accessor]
    ) -> OutputValue {
        let pool = NetAppResources.pool(module)
        return switch output {
        case .poolID: .expression(pool.attribute("id"))
        case .capacity: .expression(pool.attribute("capacity_gib"))
        }
    }
}

extension NetAppServiceLevel: SettingValue {}
