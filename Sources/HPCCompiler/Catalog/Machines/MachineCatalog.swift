/// A GPU built into or attached to a machine.
public struct GPU: Hashable, Sendable {
    /// Accelerator type (`nvidia-l4`).
    public var type: String
    /// How many devices the machine sees.
    public var count: Int
    /// The share of one physical GPU the device is, on types that get part of one (G4's smaller
    /// sizes: 1/8, 1/4, 1/2); nil for whole GPUs.
    public var share: Double? = nil

    /// The Slurm GRES type hpcc names the GPU by (`gpu:h100-80gb:8`): the accelerator type without its
    /// vendor prefixes, so a partition of several GPU models can be asked for one (`--gpus=l4:1`).
    public var gresType: String {
        var name = Substring(type)
        for prefix in ["nvidia-", "tesla-"] where name.hasPrefix(prefix) { name = name.dropFirst(prefix.count) }
        return String(name)
    }
}

/// A Compute Engine machine type as the machineTypes API describes it.
public struct MachineType: Hashable, Sendable {
    /// Name (`c2-standard-60`).
    public var name: String
    /// Guest vCPUs (hardware threads).
    public var vCPUs: Int
    /// Memory in MiB.
    public var memoryMiB: Int
    /// Built-in GPUs (accelerator-optimized families).
    public var gpu: GPU?
    /// Shared-core (fractional vCPU) types.
    public var sharedCore: Bool = false
    /// Local SSD that comes with the type (the `-lssd` and accelerator types), in GiB; nil where no
    /// source states its size.
    public var localSSDGiB: Int? = 0
    /// Processor architecture as the catalogs name it (`x86_64`, `arm64`).
    public var architecture: String = "x86_64"
    /// Threads per core and sockets a blueprint declared for a type newer than the catalog
    /// (`machine_types:`), in place of the family rules.
    var declaredThreadsPerCore: Int? = nil
    var declaredSockets: Int? = nil

    /// The family: the name's first part (`c2d`).
    public var family: String {
        String(name.prefix { $0 != "-" })
    }

    /// Hardware threads per physical core as Compute Engine runs the type by default: 2, except where
    /// a core runs one thread. H3 and H4D have SMT disabled; T2D runs one thread per core; the Arm
    /// families (T2A, C4A, N4A and A4X's NVIDIA Grace) have no SMT; so do 1-vCPU types (Google's
    /// threads-per-core page; Cluster Toolkit's slurm-gcp scripts agree, catalogs/README.md).
    public var nativeThreadsPerCore: Int {
        if let declaredThreadsPerCore { return declaredThreadsPerCore }
        if ["h3", "h4d", "t2d"].contains(family) || architecture == "arm64" || vCPUs == 1 { return 1 }
        return 2
    }

    /// Whether `advanced_machine_features.threads_per_core` may be set (not where a core runs one
    /// thread, and not on E2).
    public var threadsPerCoreConfigurable: Bool {
        family != "e2" && nativeThreadsPerCore == 2
    }

    /// Sockets, by the family rule Cluster Toolkit's Slurm scripts use (its slurm-gcp `util.py` as of
    /// 2026-05; Google documents only H3's two processors); 1 when the cores do not split evenly.
    public var sockets: Int {
        if let declaredSockets { return (vCPUs / nativeThreadsPerCore) % declaredSockets == 0 ? declaredSockets : 1 }
        let sockets: Int
        switch family {
        case "n2d": sockets = name.contains("highmem") ? (vCPUs >= 24 ? 2 : 1) : (vCPUs > 64 ? 2 : 1)
        case "n2": sockets = vCPUs >= 32 ? 2 : 1
        case "h3", "h4d", "a3": sockets = 2
        case "c2": sockets = vCPUs > 30 ? 2 : 1
        case "c2d": sockets = vCPUs > 56 ? 2 : 1
        case "c3": sockets = vCPUs > 88 ? 4 : vCPUs > 44 ? 2 : 1
        case "c3d": sockets = vCPUs > 180 ? 2 : 1
        case "c4": sockets = vCPUs > 96 ? 4 : vCPUs > 48 ? 2 : 1
        case "c4d": sockets = vCPUs > 192 ? 2 : 1
        case "n1": sockets = vCPUs > 64 ? 2 : 1
        default: sockets = 1
        }
        return (vCPUs / nativeThreadsPerCore) % sockets == 0 ? sockets : 1
    }

    /// Whether compact placement policies apply to the family.
    public var supportsCompactPlacement: Bool {
        ["n2", "n2d", "c2", "c2d", "c3", "c3d", "c4", "c4a", "c4d", "h3", "h4d", "a2", "a3", "a4", "a4x", "g2"]
            .contains(family) && !sharedCore
    }

    /// Whether GPUs may be attached with `guest_accelerator` (N1 only; the others bring their own).
    public var acceptsAttachedGPUs: Bool { family == "n1" }
}

/// What an hour of a machine type costs in one region, in USD; nil where the price list has none.
public struct MachinePrice: Hashable, Sendable {
    /// On-demand.
    public var onDemand: Double?
    /// Spot (preemptible).
    public var spot: Double?
}

/// hpcc's offline catalog of machine types: every type of the current families with its shape, its
/// prices per region the price list prices it in, and the zones that offer it. Read from the generated
/// tables in `GCPMachineTypes.swift`, whose source extract and provenance are in `catalogs/gcp`.
public struct MachineCatalog: Sendable {
    /// Each shape line by its type's name; a line is parsed only when its type is asked for.
    private let lines: KeyedLines
    /// The day the prices were read (`2026-07-30`).
    public let priceDate: String
    /// Types a blueprint declared (`machine_types:`) that the tables lack, by name.
    private var declared: [String: MachineType] = [:]

    /// The Compute Engine catalog.
    public static let gcp = MachineCatalog(table: gcpTable, priceDate: gcpPriceDate)

    /// A catalog over a shape table in `gcpTable`'s format; prices, services and zones are the
    /// generated tables', read on first use (`GCPTables`).
    init(table: String, priceDate: String) {
        lines = KeyedLines(table)
        self.priceDate = priceDate
    }

    /// The zones of `region` that offer `name`, a machine type or an attachable GPU's accelerator type,
    /// sorted; nil when the zone listing does not cover it (families newer than the listing), empty when
    /// it covers it and no zone of `region` offers it.
    public func zones(offering name: String, in region: String) -> [String]? {
        guard let columns = GCPTables.zones.columns(name) else { return nil }
        for column in columns {
            let parts = column.split(separator: ":")
            if parts.count == 2, parts[0] == region { return parts[1].map { "\(region)-\($0)" } }
        }
        return []
    }

    /// Whether the zone listing knows `zone` at all (a zone opened after it is not judged).
    @_spi(Tools) public func listsZone(_ zone: String) -> Bool { GCPTables.listedZones.contains(zone) }

    /// Every zone the zone table lists, sorted.
    var listedZones: [String] { GCPTables.listedZones.sorted() }

    /// The regions with a zone that offers `name`, sorted; nil when the zone listing does not cover it.
    @_spi(Tools) public func regions(offering name: String) -> [String]? {
        GCPTables.zones.columns(name)?.compactMap { $0.split(separator: ":").first.map(String.init) }
    }

    /// A service's USD price in `region` per its unit: `disk:<type>` and `bucket:<class>` per GiB-month,
    /// `disk:local-ssd:spot` per GiB-month for spot VMs, `nat:gateway` per hour (Cloud NAT bills per VM
    /// using it, up to 32 VMs: this is that most), `nat:data` per GiB processed, `gpu:<accelerator type>`
    /// (and `gpu:<type>:spot`) per hour of a GPU attached to N1; nil when not listed.
    public func servicePrice(_ service: String, in region: String) -> Double? {
        guard let fields = GCPTables.services.columns(service)?.dropFirst() else { return nil }
        for field in fields {
            let parts = field.split(separator: ":")
            if parts.count == 2, let index = Int(parts[0]), Self.gcpServiceRegions.indices.contains(index),
                Self.gcpServiceRegions[index] == region
            {
                return Double(parts[1])
            }
        }
        return nil
    }

    /// This catalog with `types` added where its tables lack them (a blueprint's `machine_types:`);
    /// a type the tables have keeps their facts.
    func declaring(_ types: [MachineType]) -> MachineCatalog {
        var catalog = self
        for type in types where lines[type.name] == nil { catalog.declared[type.name] = type }
        return catalog
    }

    /// Whether the catalog's own tables (not a blueprint's declarations) have `name`.
    func lists(_ name: String) -> Bool { lines[name] != nil }

    /// The machine type named `name`.
    public func machine(_ name: String) -> MachineType? {
        guard let columns = lines.columns(name), columns.count >= 7,
            let vCPUs = Int(columns[0]), let memoryMiB = Int(columns[1]), let gpuCount = Double(columns[3])
        else { return declared[name] }
        // A fractional count is one device that is that share of a GPU.
        let wholeGPUs = gpuCount.rounded(.down) == gpuCount
        return MachineType(
            name: name, vCPUs: vCPUs, memoryMiB: memoryMiB,
            gpu: columns[2] == "-"
                ? nil
                : GPU(
                    type: String(columns[2]), count: wholeGPUs ? Int(gpuCount) : 1, share: wholeGPUs ? nil : gpuCount),
            sharedCore: columns[6] != "-", localSSDGiB: Int(columns[4]), architecture: String(columns[5]))
    }

    /// The prices of `name` in every region the price list prices it in, by region.
    @_spi(Tools) public func prices(_ name: String) -> [String: MachinePrice] {
        var prices: [String: MachinePrice] = [:]
        for field in GCPTables.prices.columns(name) ?? [] {
            let parts = field.split(whereSeparator: { $0 == ":" || $0 == "/" })
            guard parts.count == 3, let index = Int(parts[0]), Self.gcpRegions.indices.contains(index) else { continue }
            prices[Self.gcpRegions[index]] = MachinePrice(onDemand: Double(parts[1]), spot: Double(parts[2]))
        }
        return prices
    }

    /// What `name` costs in `region`; nil when the price list gives it no price there.
    public func price(_ name: String, in region: String) -> MachinePrice? {
        prices(name)[region]
    }

    /// The regions the price list gives `name` a price in, sorted. A price is no promise that a zone of
    /// the region offers the type (the list prices a series wherever its SKUs exist): `zones(offering:in:)`
    /// says that.
    public func regionsWithPrices(of name: String) -> [String] {
        prices(name).keys.sorted()
    }

    /// The regions the price list covers.
    @_spi(Tools) public var regions: [String] { Self.gcpRegions }

    private func columns(_ name: String) -> [Substring]? {
        lines.columns(name)
    }

    /// The type a mistyped name most likely meant: for `family-kind-N`, the same family and kind
    /// with the nearest vCPU count; otherwise the closest name by spelling.
    public func suggestion(for name: String) -> String? {
        // Only a type of the same family is a plausible meaning (not c2-standard-16 for c4-standard-96).
        let family = String(name.prefix { $0 != "-" })
        guard families.contains(family) else { return nil }
        let parts = name.split(separator: "-")
        if parts.count >= 3, let size = Int(parts[2]) {
            let prefix = "\(parts[0])-\(parts[1])-"
            let siblings = names.filter { $0.hasPrefix(prefix) && $0.split(separator: "-").count == 3 }
                .compactMap(machine)
            if let nearest = siblings.min(by: { (abs($0.vCPUs - size), -$0.vCPUs) < (abs($1.vCPUs - size), -$1.vCPUs) })
            {
                return nearest.name
            }
        }
        return Suggestion.closest(to: name, in: names.filter { $0.hasPrefix(family + "-") })
    }

    /// Every name, sorted.
    public var names: [String] { (lines.keys + declared.keys).sorted() }

    /// Families hpcc knows.
    public var families: Set<String> { Set(names.map { String($0.prefix { $0 != "-" }) }) }
}

/// The generated tables a compilation may not need, each split into lines on first use (a static
/// `let` is initialised once, thread-safely): prices (some 450 KB), services and zones.
private enum GCPTables {
    static let prices = KeyedLines(MachineCatalog.gcpPriceTable)
    static let services = KeyedLines(MachineCatalog.gcpServiceTable)
    static let zones = KeyedLines(MachineCatalog.gcpZoneTable)
    /// Every zone the listing names (its line `_listed`).
    static let listedZones = Set(
        (zones.columns("_listed") ?? []).flatMap { field in
            let parts = field.split(separator: ":")
            return parts.count == 2 ? parts[1].map { "\(parts[0])-\($0)" } : []
        })
}
