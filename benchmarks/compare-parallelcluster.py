#!/usr/bin/env python3
"""hpcc against ParallelCluster's own offline validation, on the same cluster.

    benchmarks/compare-parallelcluster.py [--queues 2,51] [--runs 5]
        [--hpcc .build/release/hpcc] [--bench .build/release/hpcc-bench]
        [--python .venv-pcluster/bin/python]

For each queue count N, hpcc-bench writes the AWS blueprint with N queues (an aws-vpc, an EFS
home and a ParallelCluster module; `hpcc-bench --print aws N`), and `hpcc build` compiles it
once; the ParallelCluster config it emits (parallelcluster/cluster.yaml) is the same cluster in
ParallelCluster's own terms. Then, in one run and alternating (A B C, A B C, ...), so that a
drift in the machine's speed touches all three alike:
  A  hpcc validate BLUEPRINT
  B  hpcc build BLUEPRINT -o DIR --force
  C  Tests/Tools/pcluster-check.py CONFIG: the aws-parallelcluster package loads the config with
     its schema (ClusterSchema) and runs every validator it registers, offline (AWS calls are
     answered from recorded facts or refused), as `pcluster validate-cluster-configuration`
     would without the network.
Each command is a fresh process, timed from outside (wall clock and the child's own peak RSS).
Prints per N the median (min-max) of each, and the ratios C/A and C/B: the median of the
per-round ratios. Build the release binaries first:
    swift build -c release --product hpcc && swift build -c release --product hpcc-bench
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(command):
    """Runs `command`; returns (wall seconds, peak RSS MiB, exit status, stdout)."""
    started = time.monotonic()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.monotonic() - started
    return wall, usage.ru_maxrss / 1024, process.returncode, output


def summary(values):
    return f"{statistics.median(values):.3f} ({min(values):.3f}-{max(values):.3f})"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--queues", default="2,51")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--hpcc", default=os.path.join(ROOT, ".build/release/hpcc"))
    parser.add_argument("--bench", default=os.path.join(ROOT, ".build/release/hpcc-bench"))
    parser.add_argument("--python", default=os.path.join(ROOT, ".venv-pcluster/bin/python"))
    arguments = parser.parse_args()
    for tool in (arguments.hpcc, arguments.bench, arguments.python):
        if not os.access(tool, os.X_OK):
            sys.exit(f"compare-parallelcluster: {tool} is missing (see this script's header)")
    check = os.path.join(ROOT, "Tests/Tools/pcluster-check.py")
    version = subprocess.run([arguments.python, "-c", "from pcluster.utils import get_installed_version as v; print(v())"],
                             capture_output=True, text=True).stdout.strip()
    print(f"hpcc {subprocess.run([arguments.hpcc, '--version'], capture_output=True, text=True).stdout.strip()} "
          f"against aws-parallelcluster {version}; {arguments.runs} alternating rounds per size, one warm-up round")
    print(f"{'queues':>6}  {'A hpcc validate s':<22} {'B hpcc build s':<22} {'C pcluster load+validate s':<28} "
          f"{'C verdict':<10} {'RSS A/B/C MiB':<16} {'C/A':>6} {'C/B':>6}")
    with tempfile.TemporaryDirectory(prefix="hpcc-compare-") as scratch:
        for queues in [int(n) for n in arguments.queues.split(",")]:
            blueprint = os.path.join(scratch, f"aws-{queues}.yaml")
            with open(blueprint, "wb") as handle:
                handle.write(subprocess.run([arguments.bench, "--print", "aws", str(queues)], check=True, capture_output=True).stdout)
            output = os.path.join(scratch, f"out-{queues}")
            subprocess.run([arguments.hpcc, "build", blueprint, "-o", output, "--force"], check=True, capture_output=True)
            config = os.path.join(output, f"bench{queues}", "parallelcluster", "cluster.yaml")
            commands = {
                "A": [arguments.hpcc, "validate", blueprint],
                "B": [arguments.hpcc, "build", blueprint, "-o", output, "--force"],
                "C": [arguments.python, check, config],
            }
            times = {key: [] for key in commands}
            memory = {key: [] for key in commands}
            verdicts = set()
            for round_number in range(arguments.runs + 1):
                for key, command in commands.items():
                    wall, rss, status, stdout = timed(command)
                    if key in "AB" and status != 0:
                        sys.exit(f"compare-parallelcluster: {' '.join(command)} exited {status}")
                    if key == "C":
                        report = json.loads(stdout or b"{}")
                        if "tool_missing" in report:
                            sys.exit(f"compare-parallelcluster: {report['tool_missing']}")
                        verdicts.add("accepted" if status == 0 else "rejected")
                    if round_number > 0:
                        times[key].append(wall)
                        memory[key].append(rss)
            ratio_a = statistics.median(c / a for c, a in zip(times["C"], times["A"]))
            ratio_b = statistics.median(c / b for c, b in zip(times["C"], times["B"]))
            rss = "/".join(f"{statistics.median(memory[key]):.0f}" for key in "ABC")
            print(f"{queues:>6}  {summary(times['A']):<22} {summary(times['B']):<22} {summary(times['C']):<28} "
                  f"{'/'.join(sorted(verdicts)):<10} {rss:<16} {ratio_a:>6.0f} {ratio_b:>6.0f}")


if __name__ == "__main__":
    main()
