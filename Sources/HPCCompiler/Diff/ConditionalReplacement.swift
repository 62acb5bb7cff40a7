/// Replacements a provider decides from the values at plan time (CustomizeDiff), for the
/// attributes of the types hpcc emits that the replacement facts mark as conditional
/// (catalogs/terraform/replacement-facts.tsv, column `replaced_when`). Each rule restates the
/// provider's condition; the sources are named beside it.
enum ConditionalReplacement {
    /// Whether changing `path` from `old` to `new` replaces the resource; nil when no rule applies.
    static func forces(type: String, path: [String], old: JSON?, new: JSON?, body: JSON) -> Bool? {
        switch (type, path) {
        case ("google_compute_disk", ["size"]), ("google_compute_region_disk", ["size"]):
            // terraform-provider-google v6.50.0, resource_compute_disk.go IsDiskShrinkage: a smaller disk.
            guard let before = number(old), let after = number(new) else { return false }
            return after < before
        case ("google_compute_subnetwork", ["ip_cidr_range"]):
            // resource_compute_subnetwork.go IsShrinkageIpCidr: anything but a range that holds the old one.
            guard case let .string(before)? = old, case let .string(after)? = new, let from = CIDR(before),
                let to = CIDR(after)
            else { return true }
            return !to.contains(from)
        case ("aws_fsx_lustre_file_system", ["storage_capacity"]):
            // terraform-provider-aws internal/service/fsx/lustre_file_system.go, its CustomizeDiff: a
            // smaller capacity, or any change of a SCRATCH_1 file system.
            if case .string("SCRATCH_1")? = body["deployment_type"] { return true }
            guard let before = number(old), let after = number(new) else { return false }
            return after < before
        default:
            return nil
        }
    }

    private static func number(_ value: JSON?) -> Double? {
        switch value {
        case let .int(number)?: Double(number)
        case let .double(number)?: number
        case let .string(text)?: Double(text)
        default: nil
        }
    }
}
