/// `machine_types:`: machine types newer than hpcc's catalog, declared with their shape, so a
/// blueprint can use a type before the catalog has it. A type the catalog does have keeps the
/// catalog's facts (Lower warns that the declaration is not used).
///
///     machine_types:
///       c5-standard-96: {vcpus: 96, memory_gb: 384, sockets: 2}
extension BlueprintDecoder {
    static let machineTypeKeys = [
        "vcpus", "memory_gb", "gpu_type", "gpu_count", "local_ssd_gb", "architecture", "threads_per_core", "sockets",
    ]

    func decodeMachineTypes(_ top: MappingReader, diagnostics: inout Diagnostics) -> [DeclaredMachineType] {
        guard let node = top.value("machine_types"), !node.isNull else { return [] }
        guard let entries = node.entries else {
            diagnostics.report(
                .wrongShape, "'machine_types' must be a mapping of type names to shapes, not \(node.kindDescription)",
                at: node.location)
            return []
        }
        return entries.compactMap { declared($0, diagnostics: &diagnostics) }
    }

    private func declared(_ entry: YAMLEntry, diagnostics: inout Diagnostics) -> DeclaredMachineType? {
        let name = entry.key
        if !Pattern.matches(name, "^[a-z][a-z0-9]*(-[a-z0-9]+)+$") {
            diagnostics.report(
                .invalidName, "machine type name '\(name)' is not a Compute Engine type name such as `c4-standard-96`",
                at: entry.keyLocation)
            return nil
        }
        guard
            let reader = MappingReader(
                entry.value, context: "machine type '\(name)'", allowedKeys: Self.machineTypeKeys,
                diagnostics: &diagnostics)
        else { return nil }
        func number(_ key: String, required: Bool = false, allowed: ClosedRange<Double>) -> Double? {
            guard let node = reader.value(key) else {
                if required {
                    diagnostics.report(.missingKey, "machine type '\(name)' has no '\(key)'", at: reader.location)
                }
                return nil
            }
            guard case let .scalar(text, .plain, _, _) = node, let value = Double(text), allowed.contains(value) else {
                diagnostics.report(
                    .constraintViolation,
                    "'\(key)' of machine type '\(name)' must be a number from \(Int(allowed.lowerBound)) to "
                        + "\(Int(allowed.upperBound))",
                    at: node.location)
                return nil
            }
            return value
        }
        func whole(_ key: String, required: Bool = false, allowed: ClosedRange<Double>) -> Int? {
            guard let value = number(key, required: required, allowed: allowed) else { return nil }
            guard value.rounded() == value else {
                diagnostics.report(
                    .constraintViolation, "'\(key)' of machine type '\(name)' must be a whole number",
                    at: reader.value(key)?.location ?? reader.location)
                return nil
            }
            return Int(value)
        }
        let vCPUs = whole("vcpus", required: true, allowed: 1...4096)
        let memoryGB = number("memory_gb", required: true, allowed: 0.5...65536)
        let gpuCount = whole("gpu_count", allowed: 1...64)
        let gpuType = reader.literalString("gpu_type", required: gpuCount != nil, diagnostics: &diagnostics)
        if gpuType != nil, gpuCount == nil {
            diagnostics.report(
                .missingKey, "machine type '\(name)' has a gpu_type but no gpu_count", at: reader.location)
        }
        let localSSD = whole("local_ssd_gb", allowed: 0...1_000_000) ?? 0
        let threads = whole("threads_per_core", allowed: 1...2)
        let sockets = whole("sockets", allowed: 1...16)
        let architecture = reader.literalString("architecture", required: false, diagnostics: &diagnostics)
        if let architecture, !["x86_64", "arm64"].contains(architecture.value) {
            diagnostics.report(
                .constraintViolation, "architecture of machine type '\(name)' must be x86_64 or arm64",
                at: architecture.location)
        }
        guard let vCPUs, let memoryGB else { return nil }
        if let threads, let sockets, vCPUs % (threads * sockets) != 0 {
            diagnostics.report(
                .constraintViolation,
                "\(vCPUs) vCPUs of machine type '\(name)' do not split into \(sockets) sockets of cores with "
                    + "\(threads) thread(s) each",
                at: reader.value("sockets")?.location ?? reader.location)
            return nil
        }
        var machine = MachineType(
            name: name, vCPUs: vCPUs, memoryMiB: Int((memoryGB * 1024).rounded()),
            gpu: zip2(gpuType, gpuCount).map { GPU(type: $0.value, count: $1) }, localSSDGiB: localSSD,
            architecture: architecture?.value ?? "x86_64")
        machine.declaredThreadsPerCore = threads
        machine.declaredSockets = sockets
        return DeclaredMachineType(machine: machine, location: entry.keyLocation)
    }

    private func zip2<A, B>(_ a: A?, _ b: B?) -> (A, B)? {
        guard let a, let b else { return nil }
        return (a, b)
    }
}

/// A machine type the blueprint declares under `machine_types:`.
struct DeclaredMachineType: Hashable, Sendable {
    var machine: MachineType
    /// Where its name is written.
    var location: SourceLocation
}
