#!/usr/bin/env python3
"""Drives `hpcc lsp` with pygls' language client and checks what it answers for the blueprint
Tests/Fixtures/lsp/bad-cluster.yaml: diagnostics at exact UTF-16 ranges, completion, hover,
definition, document symbols, diagnostics after incremental edits, and the quick fix for a
misspelled setting. Every check prints one line; a failed one says what it expected and what
came. Exits 1 when any check failed, 2 when the server could not be driven at all.

    .venv/bin/python Tests/Tools/lsp-client/check.py .build/debug/hpcc
"""

import asyncio
import os
import pathlib
import shutil
import sys
import tempfile

from lsprotocol import types

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from hpcc_session import ServerGone, Session  # noqa: E402

FIXTURE = pathlib.Path(__file__).resolve().parents[2] / "Fixtures" / "lsp" / "bad-cluster.yaml"

# What the fixture holds where (lines 0-based, characters in UTF-16 code units). Each span is
# checked against the fixture's text first, so a number here cannot silently point elsewhere.
UNKNOWN_VARIABLE = (19, 73, 19, 92)  # vars.deployment_nme, after "Réseau de josé 🚀" on its line
MISSPELLED_SETTING = (25, 6, 25, 17)  # machine_typ
YAML11_NO = (41, 23, 41, 25)  # no
SPANS = {
    UNKNOWN_VARIABLE: "vars.deployment_nme",
    MISSPELLED_SETTING: "machine_typ",
    YAML11_NO: "no",
    (26, 6, 26, 28): "node_count_dynamic_max",
    (28, 28, 28, 38): "$(network.",
    (27, 27, 27, 34): "disk_gb",  # in $(vars.disk_gb)
    (11, 2, 11, 9): "disk_gb",  # its key under vars
    (23, 10, 23, 17): "network",  # in use: [network]
    (16, 8, 16, 15): "network",  # the module's id
    (22, 12, 22, 66): "community/modules/compute/schedmd-slurm-gcp-v6-nodeset",
}
# The outputs of modules/network/vpc (`hpcc modules modules/network/vpc`).
VPC_OUTPUTS = {
    "network_name", "network_id", "network_self_link", "subnetwork", "subnetworks", "subnetwork_name",
    "subnetwork_self_link", "subnetwork_address", "nat_ips", "instance_additional_networks",
}


class Checks:
    """Counts and prints the outcome of every check."""

    def __init__(self):
        self.failed = 0
        self.passed = 0

    def expect(self, name, expected, actual):
        if expected == actual:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}\n      expected: {expected!r}\n      got:      {actual!r}")
        return expected == actual

    def holds(self, name, condition, expected, actual):
        """A check whose expectation is a property, described in words."""
        if condition:
            self.passed += 1
            print(f"ok    {name}")
        else:
            self.failed += 1
            print(f"FAIL  {name}\n      expected: {expected}\n      got:      {actual!r}")
        return condition


def utf16_slice(text, span):
    """The text between two LSP positions of a one-line span."""
    line = text.split("\n")[span[0]].encode("utf-16-le")
    return line[span[1] * 2:span[3] * 2].decode("utf-16-le")


def as_span(range_):
    return (range_.start.line, range_.start.character, range_.end.line, range_.end.character)


def summary(diagnostics):
    """(code, severity, span) of each diagnostic, in the order of their positions."""
    return sorted(
        (str(d.code), int(d.severity) if d.severity is not None else None, as_span(d.range)) for d in diagnostics)


def shifted(span, lines):
    return (span[0] + lines, span[1], span[2] + lines, span[3])


def markdown(hover):
    contents = hover.contents if hover is not None else None
    if isinstance(contents, types.MarkupContent):
        return contents.kind, contents.value
    return None, repr(contents)


def completion_items(result):
    if result is None:
        return []
    return list(result.items) if isinstance(result, types.CompletionList) else list(result)


def documentation(item):
    doc = item.documentation
    return doc.value if isinstance(doc, types.MarkupContent) else (doc or "")


def locations(result):
    """(uri, span) of each location or location link a definition request answered."""
    if result is None:
        return []
    if not isinstance(result, list):
        result = [result]
    found = []
    for entry in result:
        if isinstance(entry, types.LocationLink):
            found.append((entry.target_uri, as_span(entry.target_selection_range)))
        else:
            found.append((entry.uri, as_span(entry.range)))
    return found


async def run(hpcc, checks):
    text = FIXTURE.read_text(encoding="utf-8")
    for span, token in SPANS.items():
        checks.expect(f"fixture holds {token!r} at {span}", token, utf16_slice(text, span))

    # The server runs in a scratch folder holding only the blueprint: it must write nothing.
    folder = pathlib.Path(tempfile.mkdtemp(prefix="hpcc-lsp-check-"))
    blueprint = folder / "bad-cluster.yaml"
    shutil.copyfile(FIXTURE, blueprint)
    uri = blueprint.as_uri()
    session = Session(hpcc, cwd=str(folder))
    try:
        await exercise(session, uri, text, checks)
    finally:
        if session.returncode is None and session.client._server is not None:
            checks.expect("the server exits with 0 after shutdown and exit", 0, await session.stop())
        checks.expect("the server wrote no file", ["bad-cluster.yaml"], sorted(os.listdir(folder)))
        checks.expect("the blueprint on disk is unchanged", text, blueprint.read_text(encoding="utf-8"))
        if session.stderr:
            print("server stderr:\n" + session.stderr_text())
        shutil.rmtree(folder, ignore_errors=True)


async def exercise(session, uri, text, checks):
    initialized = await session.start()
    capabilities = initialized.capabilities
    sync = capabilities.text_document_sync
    checks.expect("textDocumentSync.change is incremental (2)", types.TextDocumentSyncKind.Incremental,
                  getattr(sync, "change", None))
    checks.expect("textDocumentSync.openClose", True, getattr(sync, "open_close", None))
    checks.expect("positionEncoding is UTF-16", types.PositionEncodingKind.Utf16,
                  capabilities.position_encoding or types.PositionEncodingKind.Utf16)
    triggers = set((capabilities.completion_provider.trigger_characters or [])
                   if capabilities.completion_provider else [])
    checks.holds("completion triggers include . ( and space", {".", "(", " "} <= triggers,
                 "'.', '(' and ' '", sorted(triggers))
    for name in ["hover_provider", "definition_provider", "references_provider", "document_symbol_provider",
                 "code_action_provider"]:
        checks.holds(f"capability {name}", bool(getattr(capabilities, name)), "announced",
                     getattr(capabilities, name))

    # Diagnostics of the opened blueprint.
    seen = session.open(uri, text)
    opened = await session.diagnostics(uri, 1, seen)
    expected = [
        ("HPC2004", 1, MISSPELLED_SETTING),
        ("HPC2010", 2, YAML11_NO),
        ("HPC3001", 1, UNKNOWN_VARIABLE),
    ]
    checks.expect("diagnostics after didOpen (code, severity, range)", expected, summary(opened.diagnostics))
    checks.expect("every diagnostic's source is hpcc", ["hpcc"] * len(opened.diagnostics),
                  [d.source for d in opened.diagnostics])
    messages = {str(d.code): d.message for d in opened.diagnostics}
    for code, fragment in [("HPC2004", "unknown setting 'machine_typ'"),
                           ("HPC3001", "unknown variable 'deployment_nme'"),
                           ("HPC2010", "YAML 1.1")]:
        checks.holds(f"{code} message names the mistake", fragment in messages.get(code, ""),
                     f"a message containing {fragment!r}", messages.get(code))

    await check_completion(session, uri, checks)
    await check_hover(session, uri, checks)
    await check_definition(session, uri, checks)
    await check_symbols(session, uri, checks)

    # An incremental edit on the non-ASCII line: "a" typed into "deployment_nme" at UTF-16
    # column 90 (character 89, byte 94: a server counting either would garble the name).
    version, seen = session.change(uri, [(19, 90, 19, 90, "a")])
    fixed = await session.diagnostics(uri, version, seen)
    checks.expect("after fixing the variable: HPC3001 gone, the others unchanged", expected[:2],
                  summary(fixed.diagnostics))

    # A line inserted above everything moves every diagnostic down by one.
    version, seen = session.change(uri, [(0, 0, 0, 0, "# edited in the check\n")])
    moved = await session.diagnostics(uri, version, seen)
    checks.expect("after inserting a first line: every range one line down",
                  [(c, s, shifted(r, 1)) for c, s, r in expected[:2]], summary(moved.diagnostics))

    await check_quick_fix(session, uri, moved.diagnostics, checks)


async def check_completion(session, uri, checks):
    # At the start of the key node_count_dynamic_max in the nodeset's settings.
    result = await session.request(session.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(26, 6))))
    items = {item.label: item for item in completion_items(result)}
    for name in ["machine_type", "node_count_dynamic_max", "disk_type", "enable_spot_vm"]:
        if checks.holds(f"nodeset setting completion offers {name}", name in items, f"an item {name!r}",
                        sorted(items)):
            checks.holds(f"{name} has a detail", bool(items[name].detail), "a non-empty detail",
                         items[name].detail)
    checks.holds("nodeset setting completion offers no partition setting", "partition_name" not in items,
                 "no item 'partition_name'", sorted(items))
    if "node_count_dynamic_max" in items:
        item = items["node_count_dynamic_max"]
        checks.holds("node_count_dynamic_max detail names its type", "number" in (item.detail or ""),
                     "a detail containing 'number'", item.detail)
        checks.holds("node_count_dynamic_max documentation is its description",
                     "Nodes Slurm creates on demand" in documentation(item),
                     "markdown containing 'Nodes Slurm creates on demand'", item.documentation)

    # Just after "$(vars." in disk_size_gb's value.
    result = await session.request(session.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(27, 27))))
    labels = sorted(item.label for item in completion_items(result))
    checks.expect("completion after $(vars. is the blueprint's variables",
                  sorted(["project_id", "deployment_name", "region", "zone", "disk_gb"]), labels)

    # Just after "$(network." in subnetwork_self_link's value.
    result = await session.request(session.client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri), position=types.Position(28, 38))))
    labels = {item.label for item in completion_items(result)}
    checks.expect("completion after $(network. is the vpc module's outputs", sorted(VPC_OUTPUTS), sorted(labels))


async def check_hover(session, uri, checks):
    for name, position, fragments in [
        ("the setting node_count_dynamic_max", (26, 10), ["node_count_dynamic_max", "Nodes Slurm creates on demand"]),
        ("the nodeset module's source", (22, 30), ["schedmd-slurm-gcp-v6-nodeset", "Slurm nodeset"]),
    ]:
        hover = await session.request(session.client.text_document_hover_async(types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri), position=types.Position(*position))))
        kind, value = markdown(hover)
        checks.expect(f"hover on {name} is markdown", types.MarkupKind.Markdown, kind)
        checks.holds(f"hover on {name} says what it is", all(f in value for f in fragments),
                     f"text containing {fragments}", value)


async def check_definition(session, uri, checks):
    for name, position, target in [
        ("$(vars.disk_gb)", (27, 29), (11, 2, 11, 9)),
        ("use: [network]", (23, 12), (16, 8, 16, 15)),
        ("$(network.subnetwork_self_link)", (28, 31), (16, 8, 16, 15)),
    ]:
        result = await session.request(session.client.text_document_definition_async(types.DefinitionParams(
            text_document=types.TextDocumentIdentifier(uri), position=types.Position(*position))))
        checks.expect(f"definition of {name}", [(uri, target)], locations(result))


async def check_symbols(session, uri, checks):
    result = await session.request(session.client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri))))

    def tree(symbols):
        return [(s.name, tree(getattr(s, "children", None) or [])) for s in symbols or []]

    checks.expect("document symbols: the variables, the group and its modules", [
        ("vars", [("project_id", []), ("deployment_name", []), ("region", []), ("zone", []), ("disk_gb", [])]),
        ("primary", [("network", []), ("compute", []), ("compute-partition", []), ("controller", [])]),
    ], tree(result))


async def check_quick_fix(session, uri, diagnostics, checks):
    misspelled = [d for d in diagnostics if str(d.code) == "HPC2004"]
    if not misspelled:
        checks.holds("an HPC2004 diagnostic to fix", False, "one", diagnostics)
        return
    target = misspelled[0]
    actions = await session.request(session.client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=target.range,
        context=types.CodeActionContext(diagnostics=[target], only=[types.CodeActionKind.QuickFix]))))
    fixes = [a for a in actions or [] if isinstance(a, types.CodeAction) and a.kind == types.CodeActionKind.QuickFix]
    if not checks.holds("a quick fix is offered for the misspelled setting", bool(fixes),
                        "a quickfix code action", actions):
        return
    span = shifted(MISSPELLED_SETTING, 1)
    edits = [(as_span(e.range), e.new_text) for f in fixes for e in ((f.edit.changes or {}).get(uri, [])
                                                                      if f.edit else [])]
    checks.expect("the quick fix replaces machine_typ by machine_type", [(span, "machine_type")], edits)
    if edits != [(span, "machine_type")]:
        return
    version, seen = session.change(uri, [(*span, "machine_type")])
    after = await session.diagnostics(uri, version, seen)
    checks.expect("after the quick fix: only the YAML 1.1 warning is left", [("HPC2010", 2, shifted(YAML11_NO, 1))],
                  summary(after.diagnostics))


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    hpcc = os.path.abspath(sys.argv[1])
    checks = Checks()
    try:
        asyncio.run(run(hpcc, checks))
    except ServerGone as gone:
        print(f"FAIL  the server could not be driven: {gone}")
        return 2
    print(f"{checks.passed} passed, {checks.failed} failed")
    return 1 if checks.failed else 0


if __name__ == "__main__":
    sys.exit(main())
