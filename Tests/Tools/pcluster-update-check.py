#!/usr/bin/env python3
"""What ParallelCluster's own update validation says about changing a cluster from one config to another, offline.

    pcluster-update-check.py OLD.yaml NEW.yaml [--cluster-name NAME]

Both files are read as `pcluster update-cluster` reads them (pcluster.models.common.parse_config) and
loaded by ClusterSchema, with botocore answered from the same offline table as pcluster-check.py
(nothing reaches AWS). ConfigPatch(cluster, old, new) lists the changes with their update policies, as
Cluster.validate_update_request does. The running cluster it is checked against is the one thing
that has no offline answer: a stand-in gives ConfigPatch the four facts its policies read (the
cluster's name, whether the compute fleet runs, whether login nodes run, the head node's state).
Each change's policy check is run under the states below, least disruptive first, and the first
state that passes is the change's class:

    supported              fleet, head node and the old config's login nodes running; QueueUpdateStrategy
                           left at the package's default (COMPUTE_FLEET_STOP)
    queue-update-strategy  the same with the new config's own QueueUpdateStrategy (when it sets one)
    compute-fleet-stop     the compute fleet stopped
    login-nodes-stop       the compute fleet and the login nodes stopped
    head-node              the head node stopped as well
    new-cluster            none passes (a policy without a condition always fails)

Prints JSON: {"tool", "changes": [{"path", "policy", "class", "old", "new"}]}; IGNORED changes are
listed with class null (pcluster update-cluster does not show them). Exit 3 without the package.
"""
import argparse
import copy
import importlib.util
import json
import os
import sys


def load_check():
    """pcluster-check.py, for its offline EC2 table."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pcluster-check.py")
    spec = importlib.util.spec_from_file_location("pcluster_check", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class StandInCluster:
    """The running cluster as ConfigPatch's policies ask about it, in a state the caller sets."""

    class HeadNode:
        state = "running"

    def __init__(self, name, login_pools):
        self.name = name
        self.stack_name = name
        self.fleet_running = True
        self.login_pools = set(login_pools)
        self.head_node_instance = StandInCluster.HeadNode()

    def has_running_capacity(self, updated_value=False):
        return self.fleet_running

    def has_running_login_nodes(self, updated_value=False, pool_name=None):
        return bool(self.login_pools) if pool_name is None else pool_name in self.login_pools


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--cluster-name", default="hpcc-update-check")
    arguments = parser.parse_args()
    try:
        import botocore.client
        from botocore.exceptions import ClientError
        from pcluster.config.config_patch import ConfigPatch
        from pcluster.config.update_policy import UpdatePolicy
        from pcluster.models.common import parse_config
        from pcluster.schemas.cluster_schema import ClusterSchema
        from pcluster.utils import get_installed_version
    except ImportError as error:
        print(json.dumps({"tool_missing": f"aws-parallelcluster is not importable with {sys.executable}: {error}"}))
        return 3
    check = load_check()
    with open(arguments.old) as handle:
        old = parse_config(handle.read())
    with open(arguments.new) as handle:
        new = parse_config(handle.read())
    os.environ["AWS_DEFAULT_REGION"] = new.get("Region") or "eu-west-1"
    os.environ["AWS_ACCESS_KEY_ID"] = "offline"
    os.environ["AWS_SECRET_ACCESS_KEY"] = "offline"
    os.environ.pop("AWS_PROFILE", None)
    with open(os.path.join(os.path.dirname(check.__file__), "..", "Fixtures", "pcluster-control",
                           "ec2-facts.json")) as handle:
        facts = json.load(handle)

    def answer(client, operation, parameters):
        service = client.meta.service_model.service_name
        reply = table.answer(service, operation, parameters)
        if reply is not None:
            return reply
        raise ClientError({"Error": {"Code": check.OFFLINE_CODE,
                                     "Message": f"no offline answer for {service}:{operation}"}}, operation)

    botocore.client.BaseClient._make_api_call = answer
    for document in (old, new):
        table = check.OfflineEC2(facts, os.environ["AWS_DEFAULT_REGION"], document)
        # The schema load is update-cluster's first step; a config it refuses is not compared.
        ClusterSchema(cluster_name=arguments.cluster_name).load(copy.deepcopy(document))

    pools = [pool.get("Name") for pool in (old.get("LoginNodes") or {}).get("Pools") or []
             if int(pool.get("Count") or 0) > 0]
    cluster = StandInCluster(arguments.cluster_name, pools)
    patch = ConfigPatch(cluster=cluster, base_config=old, target_config=new)
    settings = patch.target_config.setdefault("Scheduling", {}).setdefault("SlurmSettings", {})
    own_strategy = settings.get("QueueUpdateStrategy")

    def set_state(fleet, login, head, strategy):
        cluster.fleet_running = fleet
        cluster.login_pools = set(pools) if login else set()
        cluster.head_node_instance.state = "running" if head else "stopped"
        if strategy is None:
            settings.pop("QueueUpdateStrategy", None)
        else:
            settings["QueueUpdateStrategy"] = strategy

    states = [("supported", (True, True, True, None))]
    if own_strategy is not None:
        states.append(("queue-update-strategy", (True, True, True, own_strategy)))
    states += [("compute-fleet-stop", (False, True, True, own_strategy)),
               ("login-nodes-stop", (False, False, True, own_strategy)),
               ("head-node", (False, False, False, own_strategy))]
    rows = []
    for change in patch.changes:
        name = change.update_policy.name
        verdict = None
        if change.update_policy is not UpdatePolicy.IGNORED:
            verdict = "new-cluster"
            for label, state in states:
                set_state(*state)
                result = change.update_policy.check(change, patch)[0]
                if result == UpdatePolicy.CheckResult.SUCCEEDED:
                    verdict = label
                    break
        rows.append({"path": path_of(change, arguments.cluster_name), "policy": name, "class": verdict,
                     "old": text(change.old_value), "new": text(change.new_value)})
    print(json.dumps({"tool": f"aws-parallelcluster {get_installed_version()}", "changes": rows}, indent=1))
    return 0


def path_of(change, cluster_name):
    """The change's path as hpcc writes it: an added or removed list item with its key value in brackets."""
    path = ".".join(list(change.path) + [change.key])
    if not change.is_list:
        return path
    from pcluster.schemas.cluster_schema import ClusterSchema
    schema = ClusterSchema(cluster_name=cluster_name)
    field = None
    for segment in list(change.path) + [change.key]:
        name = segment.split("[")[0]
        field = next(f for f in schema.declared_fields.values() if f.data_key == name)
        schema = getattr(field, "schema", None)
    key = field.metadata.get("update_key") or "Name"
    item = change.new_value if change.new_value is not None else change.old_value
    return f"{path}[{item.get(key)}]"


def text(value):
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True)


if __name__ == "__main__":
    sys.exit(main())
