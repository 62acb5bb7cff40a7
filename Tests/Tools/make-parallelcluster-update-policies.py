#!/usr/bin/env python3
"""ParallelCluster's update policies, per cluster config setting, as hpcc's catalog and Swift table.

    .venv-pcluster/bin/python Tests/Tools/make-parallelcluster-update-policies.py --extract
    python3 Tests/Tools/make-parallelcluster-update-policies.py \
        > Sources/HPCCompiler/Catalog/ParallelClusterUpdatePolicies.swift

--extract imports the installed aws-parallelcluster package and walks its ClusterSchema the way
its ConfigPatch walks a pair of configs (pcluster/config/config_patch.py: every declared field,
nested sections through `field.schema`, lists of sections matched by the field's `update_key`,
Name when it has none; a field without `update_policy` counts as UNSUPPORTED). It writes
catalogs/aws/parallelcluster-update-policies.tsv (one row per setting) and
catalogs/aws/parallelcluster-update-facts.tsv (the values the policies' conditions read); --catalog
DIR writes them (or reads them) elsewhere, as .ci/run does to see that the committed ones are current.
Without --extract it needs only the standard library and prints the Swift table made from them.
"""
import argparse
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
CATALOG = os.path.join(ROOT, "catalogs", "aws")
POLICIES = "parallelcluster-update-policies.tsv"
FACTS = "parallelcluster-update-facts.tsv"


def walk(schema, prefix, rows, seen):
    """One row per declared field of `schema`: its path, kind, list key and policy name."""
    from pcluster.config.update_policy import UpdatePolicy
    for field in schema.declared_fields.values():
        policy = field.metadata.get("update_policy", UpdatePolicy.UNSUPPORTED).name
        nested = hasattr(field, "nested")
        many = nested and bool(getattr(field, "many", False))
        name = field.data_key + ("[]" if many else "")
        path = f"{prefix}.{name}" if prefix else name
        kind = "list" if many else "section" if nested else "value"
        key = (field.metadata.get("update_key") or "Name") if many else "-"
        rows.append((path, kind, key, policy))
        if nested:
            child = field.schema
            if type(child) in seen:
                sys.exit(f"{path}: the schema nests {type(child).__name__} in itself; the walk would not end")
            walk(child, path, rows, seen | {type(child)})


def extract(folder):
    from pcluster import constants
    from pcluster.config import update_policy, update_policy_utils
    from pcluster.config import cluster_config
    from pcluster.schemas.cluster_schema import ClusterSchema
    from pcluster.utils import get_installed_version

    rows = []
    walk(ClusterSchema(cluster_name="catalog"), "", rows, set())
    version = get_installed_version()
    with open(os.path.join(folder, POLICIES), "w") as out:
        out.write(f"# aws-parallelcluster {version}: update policy per cluster config setting "
                  "(Tests/Tools/make-parallelcluster-update-policies.py --extract)\n")
        out.write("path\tkind\tupdate_key\tpolicy\n")
        for row in rows:
            out.write("\t".join(row) + "\n")

    # The DeletionPolicy a storage the cluster creates gets when the config names none: made by the
    # package's own config classes, given a mount and a name and no id of an existing one.
    created = {
        "Ebs": cluster_config.SharedEbs(mount_dir="/probe", name="probe").deletion_policy,
        "Efs": cluster_config.SharedEfs(mount_dir="/probe", name="probe").deletion_policy,
        "FsxLustre": cluster_config.SharedFsxLustre(mount_dir="/probe", name="probe").deletion_policy,
    }
    facts = [
        ("package_version", version),
        ("default_max_count", str(constants.DEFAULT_MAX_COUNT)),
        ("default_min_count", str(constants.DEFAULT_MIN_COUNT)),
        ("live_update_storage_types", ",".join(constants.STORAGE_TYPES_SUPPORTING_LIVE_UPDATES)),
        ("external_storage_keys", ",".join(update_policy_utils.EXTERNAL_STORAGE_KEYS)),
        ("extra_chef_updatable_paths", ",".join(sorted(update_policy.EXTRA_CHEF_ATTRIBUTES_UPDATABLE_PATHS))),
        ("default_queue_update_strategy", cluster_config.QueueUpdateStrategy.COMPUTE_FLEET_STOP.value),
        ("terminate_queue_update_strategy", cluster_config.QueueUpdateStrategy.TERMINATE.value),
    ] + [(f"created_storage_deletion_policy.{kind}", policy) for kind, policy in sorted(created.items())]
    with open(os.path.join(folder, FACTS), "w") as out:
        out.write(f"# aws-parallelcluster {version}: values the update policies' conditions read "
                  "(Tests/Tools/make-parallelcluster-update-policies.py --extract)\n")
        out.write("name\tvalue\n")
        for name, value in facts:
            out.write(f"{name}\t{value}\n")


def read_tsv(path):
    with open(path) as handle:
        lines = [line.rstrip("\n").split("\t") for line in handle if not line.startswith("#")]
    return lines[1:]


def swift_list(values):
    """A Swift array literal, one element a line (as swift-format lays out a long one)."""
    return "[\n" + "".join(f'        "{value}",\n' for value in values) + "    ]"


def emit(out, folder):
    rows = read_tsv(os.path.join(folder, POLICIES))
    facts = dict(read_tsv(os.path.join(folder, FACTS)))
    out.write("// Generated by Tests/Tools/make-parallelcluster-update-policies.py from catalogs/aws (its README\n")
    out.write("// names the package, version, date and licence). Do not edit by hand; re-make it with\n")
    out.write("//     python3 Tests/Tools/make-parallelcluster-update-policies.py \\\n")
    out.write("//         > Sources/HPCCompiler/Catalog/ParallelClusterUpdatePolicies.swift\n\n")
    out.write("extension ParallelClusterUpdatePolicies {\n")
    out.write("    /// The aws-parallelcluster release the table was read from.\n")
    out.write(f"    static let packageVersion = \"{facts['package_version']}\"\n\n")
    out.write(f"    /// Every setting of the cluster config ({len(rows)}), one a line in the schema's order, indented one\n")
    out.write("    /// space per level under the section it is in. Columns, space-separated: name (`[]` marks a list\n")
    out.write("    /// of sections), kind (`value`, `section`, `list`), the key list items are matched by (`-` for\n")
    out.write("    /// none), the update policy's name.\n")
    out.write('    static let table = """\n')
    for path, *rest in rows:
        # Dots inside a name do not occur in the schema's keys, so the depth is the count of dots.
        depth = path.count(".")
        out.write("        " + " " * depth + " ".join([path.rsplit(".", 1)[-1]] + rest) + "\n")
    out.write('        """\n\n')
    out.write("    /// MaxCount and MinCount when a compute resource leaves them out.\n")
    out.write(f"    static let defaultMaxCount = {int(facts['default_max_count'])}\n")
    out.write(f"    static let defaultMinCount = {int(facts['default_min_count'])}\n")
    out.write("    /// Storage types mounted and unmounted on running nodes when the storage is an existing one.\n")
    live = facts["live_update_storage_types"].split(",")
    out.write(f"    static let liveUpdateStorageTypes: Set<String> = {swift_list(live)}\n")
    out.write("    /// The settings keys that make a shared storage an existing one (not created by the cluster).\n")
    external = facts["external_storage_keys"].split(",")
    out.write(f"    static let externalStorageKeys: [String] = {swift_list(external)}\n")
    out.write("    /// The ExtraChefAttributes leaves an update may change.\n")
    chef = [path for path in facts["extra_chef_updatable_paths"].split(",") if path]
    out.write(f"    static let updatableChefAttributes: Set<String> = {swift_list(chef)}\n")
    out.write("    /// QueueUpdateStrategy's default, and the value that lets running nodes be terminated.\n")
    out.write(f"    static let defaultQueueUpdateStrategy = \"{facts['default_queue_update_strategy']}\"\n")
    out.write(f"    static let terminateQueueUpdateStrategy = \"{facts['terminate_queue_update_strategy']}\"\n")
    out.write("    /// The DeletionPolicy of a storage the cluster creates when the config names none, by storage type.\n")
    created = sorted((name.split(".", 1)[1], value) for name, value in facts.items()
                     if name.startswith("created_storage_deletion_policy."))
    pairs = "".join(f'        "{kind}": "{value}",\n' for kind, value in created)
    out.write(f"    static let createdStorageDeletionPolicy: [String: String] = [\n{pairs}    ]\n")
    out.write("}\n")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--extract", action="store_true", help="read the installed package into the catalog folder")
    parser.add_argument("--catalog", default=CATALOG, help="the folder of the two TSV files (catalogs/aws)")
    arguments = parser.parse_args()
    if arguments.extract:
        os.makedirs(arguments.catalog, exist_ok=True)
        extract(arguments.catalog)
    else:
        emit(sys.stdout, arguments.catalog)


if __name__ == "__main__":
    main()
