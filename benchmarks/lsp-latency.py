#!/usr/bin/env python3
"""How long `hpcc lsp` takes to answer an edit with fresh diagnostics.

For every shipped blueprint (blueprints/*.yaml) one server opens the blueprint, then a setting
value is edited character by character the way a person types: a character is typed at the end
of the value and deleted again, EDITS times in all, each a textDocument/didChange with one
incremental change. Measured is the time from sending each didChange to receiving
publishDiagnostics for that document version. Prints, per blueprint, the time to the first
diagnostics after didOpen and the median, p95 and max over its edits, then the same over all
edits. Exits 1 when the median over all edits exceeds the budget (50 ms).

    swift build -c release --product hpcc
    .venv/bin/python benchmarks/lsp-latency.py .build/release/hpcc [--edits 40] [--budget-ms 50]

Runs with the python of .venv (pygls and lsprotocol, from .ci/requirements.txt).
"""

import argparse
import asyncio
import os
import pathlib
import re
import statistics
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "Tests" / "Tools" / "lsp-client"))
from hpcc_session import ServerGone, Session  # noqa: E402

# A setting with a plain value that starts with a letter (not a boolean or null), inside a module's
# settings (indented at least six spaces): typing into it changes a string value, which may turn
# it into a mistake (an unknown machine type, say) that the next edit takes back.
SETTING = re.compile(r"^( {6,}[a-z_][a-z0-9_]*: )([A-Za-z][A-Za-z0-9_./-]*)\s*(#.*)?$")


def edit_point(text):
    """(line, UTF-16 column at the end of the value) of the last setting SETTING matches."""
    found = None
    for number, line in enumerate(text.split("\n")):
        match = SETTING.match(line)
        if match and match.group(2) not in ("true", "false", "null"):
            end = match.group(1) + match.group(2)
            found = (number, len(end.encode("utf-16-le")) // 2, line.strip())
    return found


def percentile(values, fraction):
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * fraction // 1))
    return ordered[int(rank) - 1]


def figures(values):
    return statistics.median(values), percentile(values, 0.95), max(values)


async def measure(hpcc, edits):
    session = Session(hpcc, cwd=str(ROOT))
    rows = []
    every = []
    try:
        await session.start()
        for path in sorted((ROOT / "blueprints").glob("*.yaml")):
            text = path.read_text(encoding="utf-8")
            point = edit_point(text)
            if point is None:
                print(f"{path.name}: no setting to type into; skipped", file=sys.stderr)
                continue
            line, column, shown = point
            uri = path.as_uri()
            seen = session.open(uri, text)
            first = await session.diagnostics(uri, 1, seen)
            opened = (first.arrived - session.sent_at) * 1000
            times = []
            counts = [len(first.diagnostics), None]
            for index in range(edits):
                if index % 2 == 0:
                    change = (line, column, line, column, "x")
                else:
                    change = (line, column, line, column + 1, "")
                version, seen = session.change(uri, [change])
                sent = session.sent_at
                published = await session.diagnostics(uri, version, seen)
                times.append((published.arrived - sent) * 1000)
                if index == 0:
                    counts[1] = len(published.diagnostics)
            session.close(uri)
            rows.append((path.stem, len(text.split("\n")), f"{counts[0]}/{counts[1]}", shown, opened,
                         *figures(times)))
            every.extend(times)
    finally:
        await session.stop()
    return rows, every


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("hpcc", help="the hpcc binary (a release build for figures)")
    parser.add_argument("--edits", type=int, default=40, help="edits per blueprint (default 40)")
    parser.add_argument("--budget-ms", type=float, default=50.0, help="largest median over all edits (default 50)")
    arguments = parser.parse_args()
    try:
        rows, every = asyncio.run(measure(os.path.abspath(arguments.hpcc), arguments.edits))
    except ServerGone as gone:
        print(f"the server could not be driven: {gone}", file=sys.stderr)
        return 2
    if not every:
        print("no edit was measured", file=sys.stderr)
        return 2
    print(f"{'blueprint':28} {'lines':>5} {'found':>5} {'open':>6} {'median':>6} {'p95':>6} {'max':>6}  edited")
    for name, lines, found, shown, opened, median, p95, largest in rows:
        print(f"{name:28} {lines:5} {found:>5} {opened:6.1f} {median:6.1f} {p95:6.1f} {largest:6.1f}  {shown}")
    median, p95, largest = figures(every)
    print(f"{'all ' + str(len(every)) + ' edits':28} {'':5} {'':5} {'':6} {median:6.1f} {p95:6.1f} {largest:6.1f}")
    print("milliseconds from didChange (didOpen for 'open') sent to that version's publishDiagnostics;")
    print("found: diagnostics published after didOpen / after the first typed character")
    if median > arguments.budget_ms:
        print(f"the median {median:.1f} ms exceeds the budget of {arguments.budget_ms:g} ms", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
