#!/usr/bin/env python3
"""Re-makes the Terraform replacement facts from the providers' Go source.

For every resource type hpcc emits, reads from the AWS and Google providers' source at a fixed git
revision which attributes force a new resource when they change (SDKv2 `ForceNew: true`, plugin
framework `RequiresReplace` plan modifiers), including inside nested blocks, and writes
catalogs/terraform/replacement-facts.tsv and Sources/HPCCompiler/Catalog/Providers/ReplacementFacts.swift.

    python3 Tests/Tools/make-replacement-facts.py \
        --aws GIT_DIR REV --google GIT_DIR REV

With --check it writes nothing and exits 1 when either file differs from what it would write.
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from goschema import Module, Scope, callee_name, fields  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TSV = "catalogs/terraform/replacement-facts.tsv"
SWIFT = "Sources/HPCCompiler/Catalog/Providers/ReplacementFacts.swift"


def emitted_types():
    """Resource types in the goldens and in the emitters (types named only as data or ephemeral excluded)."""
    types = set()
    for path in glob.glob(os.path.join(ROOT, "golden", "**", "main.tf.json"), recursive=True):
        with open(path) as handle:
            types.update(json.load(handle).get("resource", {}))
    named, other_use = set(), set()
    for path in glob.glob(os.path.join(ROOT, "Sources", "HPCCompiler", "Emit", "**", "*.swift"), recursive=True):
        with open(path) as handle:
            text = handle.read()
        for match in re.finditer(r'(\.(?:data|ephemeral)\(\s*)?"((?:aws|google)_[a-z0-9_]+)"', text):
            (other_use if match.group(1) else named).add(match.group(2))
    types.update(named)
    return sorted(t for t in types if t.startswith(("aws_", "google_")))


# --- locating each type's schema -------------------------------------------------------------


def google_constructors(module):
    """google_* type -> (package dir, function name) from the provider's resource maps."""
    found = {}
    package = module.package("google/provider")
    for name in sorted(package.vars):
        unit, value = package.vars[name]
        if value[0] != "comp" or not value[1].startswith("map["):
            continue
        for key, element in value[2]:
            callee = callee_name(element)
            if key is None or key[0] != "lit" or "." not in callee:
                continue
            alias, function = callee.split(".", 1)
            if function.startswith("DataSource"):
                continue
            found.setdefault(key[1], ("call", Scope(module, package, unit), element))
    return found


def aws_constructors(module, types):
    """aws_* type -> ("sdk", dir, function) or ("framework", dir, struct) from annotations and Metadata."""
    pattern = r'@(SDK|Framework)Resource\("aws_[a-z0-9_]+"|TypeName = "aws_[a-z0-9_]+"'
    listing = subprocess.run(
        ["git", "-C", module.git_dir, "grep", "-n", "-E", pattern, module.rev, "--", "internal/service/*.go"],
        capture_output=True, text=True).stdout
    found = {}
    for line in listing.splitlines():
        _, path, number, text = line.split(":", 3)
        name = re.search(r'"(aws_[a-z0-9_]+)"', text).group(1)
        if name not in types or path.endswith("_test.go") or path.endswith("_gen.go"):
            continue
        lines = module.show(path).split("\n")
        directory = os.path.dirname(path)
        if "TypeName" in text:
            for back in range(int(number) - 1, -1, -1):
                match = re.match(r"func \(\w* ?\*?(\w+)\) Metadata", lines[back])
                if match:
                    found.setdefault(name, ("framework", directory, match.group(1)))
                    break
            continue
        for after in lines[int(number):]:
            match = re.match(r"func (\w+)\(", after)
            if match:
                kind = "sdk" if "@SDK" in text else "framework-constructor"
                found[name] = (kind, directory, match.group(1))
                break
    return found


# --- reading schemas -------------------------------------------------------------------------


class Facts:
    def __init__(self):
        self.rows = {}  # path tuple -> [forces new, note]

    def add(self, path, forces_new, note=""):
        self.rows[path] = [forces_new, note]

    def note(self, path, note):
        if path in self.rows and note not in self.rows[path][1]:
            self.rows[path][1] = "; ".join(filter(None, [self.rows[path][1], note]))


def flag(scope, node_fields, key):
    value = node_fields.get(key)
    return value is not None and value[0] == "name" and value[1] == "true"


def read_sdk_map(scope, node, prefix, parent_forces, facts, owner):
    """An SDKv2 map[string]*schema.Schema literal: each attribute, and nested blocks recursively."""
    if callee_name(node).endswith("MergeSchemas"):
        for argument in node[2]:
            read_sdk_map(scope, argument, prefix, parent_forces, facts, owner)
        return
    reduced = scope.reduce(node)
    if reduced is None:
        scope.module.note_unresolved(f"{owner}: schema map {prefix or '(top)'} at {scope.where(node)}")
        return
    scope, node = reduced
    for key, value in node[2]:
        if key is None:
            continue
        name = scope.constant(key)
        if name is None:
            scope.module.note_unresolved(f"{owner}: attribute name at {scope.where(key)}")
            continue
        path = prefix + (name,)
        attribute = scope.reduce(value)
        if attribute is None:
            scope.module.note_unresolved(f"{owner}: attribute {'.'.join(path)} at {scope.where(value)}")
            continue
        attr_scope, attribute = attribute
        info = fields(attribute)
        if not (flag(attr_scope, info, "Optional") or flag(attr_scope, info, "Required")):
            continue  # computed only: no configuration sets it
        forces = parent_forces or flag(attr_scope, info, "ForceNew")
        facts.add(path, forces)
        element = info.get("Elem")
        if element is not None:
            nested = attr_scope.reduce(element)
            if nested and nested[1][1].endswith("Resource"):
                read_sdk_resource(nested[0], nested[1], path, forces, facts, owner)


def read_sdk_resource(scope, node, prefix, parent_forces, facts, owner):
    info = fields(node)
    if "Schema" in info:
        read_sdk_map(scope, info["Schema"], prefix, parent_forces, facts, owner)
    elif "SchemaFunc" in info:
        function = info["SchemaFunc"]
        call = ("call", function, [], function[2]) if function[0] in ("name", "func") else function
        read_sdk_map(scope, call, prefix, parent_forces, facts, owner)
    else:
        scope.module.note_unresolved(f"{owner}: resource without Schema at {scope.where(node)}")


def customize_diff_notes(scope, node, facts, seen, depth=0):
    """ForceNewIfChange / ForceNewIf calls and d.ForceNew("attr") in the functions CustomizeDiff names."""
    if depth > 3 or node is None:
        return
    kind = node[0]
    if kind == "call":
        name = callee_name(node)
        short = name.rsplit(".", 1)[-1]
        if short in ("ForceNewIfChange", "ForceNewIf", "ForceNewIfChangeNoDiff") and node[2]:
            attribute = scope.constant(node[2][0])
            if attribute:
                facts.note((attribute,), f"{short} in CustomizeDiff")
        for argument in node[2]:
            customize_diff_notes(scope, argument, facts, seen, depth + 1)
    elif kind == "name" and node[1] not in seen:
        seen.add(node[1])
        found = scope.module.lookup(scope.package, scope.unit, node[1], "funcs")
        if found:
            package, unit, start = found
            tokens, parser = unit[1], unit[2]
            inner = Scope(scope.module, package, unit)
            for i in range(start, parser.skip_group(start) - 3):
                if tokens[i].text == "." and tokens[i + 1].text == "ForceNew" and tokens[i + 2].text == "(":
                    argument, _ = parser.expr(i + 3)
                    attribute = inner.constant(argument)
                    if attribute:
                        facts.note(tuple(attribute.split(".")), f"CustomizeDiff {node[1].rsplit('.', 1)[-1]}")


REPLACE = re.compile(r"RequiresReplace(IfConfigured)?$")


def plan_modifier_facts(node_fields):
    """(forces new, note) from a framework attribute's or block's PlanModifiers."""
    forces, notes = False, []
    modifiers = node_fields.get("PlanModifiers")
    for _, modifier in (modifiers[2] if modifiers is not None and modifiers[0] == "comp" else []):
        short = callee_name(modifier).rsplit(".", 1)[-1]
        if REPLACE.match(short):
            forces = True
        elif short.startswith("RequiresReplace"):
            notes.append(short)
    return forces, "; ".join(notes)


def read_framework_object(scope, node, prefix, parent_forces, facts, owner):
    """A framework schema, nested block object or nested attribute object: Attributes and Blocks."""
    info = fields(node)
    for section in ("Attributes", "Blocks"):
        if section not in info:
            continue
        reduced = scope.reduce(info[section])
        if reduced is None:
            scope.module.note_unresolved(f"{owner}: {section} of {prefix or '(top)'}")
            continue
        map_scope, mapping = reduced
        for key, value in mapping[2]:
            name = map_scope.constant(key) if key else None
            target = map_scope.reduce(value)
            if name is None or target is None:
                map_scope.module.note_unresolved(f"{owner}: framework member at {map_scope.where(value)}")
                continue
            member_scope, member = target
            member_info = fields(member)
            is_block = section == "Blocks"
            settable = is_block or flag(member_scope, member_info, "Optional") or flag(
                member_scope, member_info, "Required")
            if not settable:
                continue
            forces, note = plan_modifier_facts(member_info)
            path = prefix + (name,)
            facts.add(path, parent_forces or forces, note)
            if "NestedObject" in member_info:
                nested = member_scope.reduce(member_info["NestedObject"])
                if nested:
                    read_framework_object(nested[0], nested[1], path, parent_forces or forces, facts, owner)


def framework_schema(module, directory, struct, owner):
    """The schema.Schema literal a framework resource's Schema method assigns, following embedded structs."""
    package = module.package(directory)
    pending = [struct]
    while pending:
        name = pending.pop(0)
        if (name, "Schema") in package.methods:
            unit, start = package.methods[(name, "Schema")]
            tokens, parser = unit[1], unit[2]
            end = parser.skip_group(start)
            local = {}
            for i in range(start, end):
                if tokens[i].kind == "name" and parser.text(i + 1) in (":=", "="):
                    local[tokens[i].text] = parser.expr(i + 2)[0]
                if tokens[i].text == "Schema" and parser.text(i + 1) == "=" and parser.text(i - 1) == ".":
                    value, _ = parser.expr(i + 2)
                    if value[0] == "name" and value[1] in local:
                        value = local[value[1]]
                    return Scope(module, package, unit).reduce(value)
        if name in package.structs:
            unit, start = package.structs[name]
            tokens, parser = unit[1], unit[2]
            for i in range(start + 1, parser.skip_group(start) - 1):
                # An embedded field is a lone type name on its line.
                if tokens[i].kind == "name" and tokens[i - 1].line != tokens[i].line and (
                        tokens[i + 1].line != tokens[i].line):
                    pending.append(tokens[i].text)
                elif tokens[i].kind == "name" and parser.text(i + 1) == "." and tokens[i - 1].line != tokens[i].line:
                    pending.append(tokens[i + 2].text)
    module.note_unresolved(f"{owner}: no Schema method on {struct}")
    return None


def struct_of_constructor(module, directory, function):
    package = module.package(directory)
    unit, start = package.funcs[function]
    tokens, parser = unit[1], unit[2]
    for i in range(start, parser.skip_group(start)):
        if tokens[i].text == "&" and tokens[i + 1].kind == "name" and parser.text(i + 2) == "{":
            return tokens[i + 1].text
    return None


def read_type(module, provider, name, where):
    facts = Facts()
    kind, directory, target = where
    if kind == "call":  # a registration that calls a constructor, perhaps with arguments
        found = directory.reduce(target)
    else:
        package = module.package(directory)
    if kind == "framework-constructor":
        kind, target = "framework", struct_of_constructor(module, directory, target)
    if kind == "framework":
        found = framework_schema(module, directory, target, name)
        if found:
            read_framework_object(found[0], found[1], (), False, facts, name)
        return facts
    if kind == "sdk":
        unit, start = package.funcs[target]
        found = Scope(module, package, unit).reduce_body(unit, (start + 1, unit[2].skip_group(start) - 1), 0)
    if found is None:
        module.note_unresolved(f"{name}: its constructor returns no resource literal")
        return facts
    resource_scope, resource = found
    read_sdk_resource(resource_scope, resource, (), False, facts, name)
    customize = fields(resource).get("CustomizeDiff")
    customize_diff_notes(resource_scope, customize, facts, set())
    return facts


# --- output ----------------------------------------------------------------------------------


def collect(args):
    types = emitted_types()
    rows, missing, sources = [], [], []
    for provider, (git_dir, rev) in (("aws", args.aws), ("google", args.google)):
        module = Module(git_dir, rev)
        wanted = [t for t in types if t.startswith(provider + "_")]
        where = aws_constructors(module, set(wanted)) if provider == "aws" else google_constructors(module)
        for name in wanted:
            if name not in where:
                missing.append(name)
                continue
            facts = read_type(module, provider, name, where[name])
            if not facts.rows:
                missing.append(name)
            for path, (forces, note) in facts.rows.items():
                rows.append((provider, name, ".".join(path), "yes" if forces else "no", note or "-"))
        sources.append((provider, module))
    rows.sort()
    return types, rows, missing


def tsv_text(rows):
    lines = ["provider\tresource_type\tattribute_path\tforces_new\treplaced_when"]
    lines += ["\t".join(row) for row in rows]
    return "\n".join(lines) + "\n"


def wrapped(line, width=120):
    """A table line as Swift source lines of at most `width`: a trailing backslash joins them again."""
    pieces = []
    while len(line) > width:
        pieces.append(line[:width - 1] + "\\")
        line = "        " + line[width - 1:]
    return "\n".join(pieces + [line])


def swift_text(rows, types):
    table = "\n".join(wrapped(f"        {row[1]}/{row[2]} {'y' if row[3] == 'yes' else 'n'}") for row in rows)
    known = len({row[1] for row in rows})
    return f'''// Generated by Tests/Tools/make-replacement-facts.py from the providers' Go source (catalogs/terraform
// names the repositories, revisions, dates and licence). Do not edit by hand; re-make it as
// catalogs/terraform/README.md says.

/// Whether changing a resource attribute makes Terraform replace the resource, as the AWS and Google
/// providers declare it: SDKv2 `ForceNew`, plugin framework `RequiresReplace`, per attribute and nested
/// block. Replacements that a provider decides at plan time from the values (CustomizeDiff,
/// `RequiresReplaceIf`) are not in this table; catalogs/terraform/replacement-facts.tsv notes them.
@_spi(Tools) public enum ReplacementFacts {{
    /// One settable attribute a line ({len(rows)} of {known} resource types): `type/path y|n`, the path's
    /// nested block names joined by '.', `y` when it or an enclosing block forces a new resource.
    static let table = """
{table}
        """

    private static let lines = KeyedLines(table)
    private static let types = Set(lines.keys.map {{ String($0.prefix {{ $0 != "/" }}) }})

    /// Whether changing the attribute at `path` (names from the resource through nested blocks, list
    /// indexes dropped) replaces a `type` resource; nil when the catalog does not have the attribute.
    @_spi(Tools) public static func forcesReplacement(type: String, path: [String]) -> Bool? {{
        guard !path.isEmpty else {{ return nil }}
        // A block that forces new forces it for everything inside, even what the catalog does not list.
        for length in 1...path.count {{
            let key = type + "/" + path.prefix(length).joined(separator: ".")
            guard let columns = lines.columns(key) else {{ return nil }}
            if columns.first == "y" {{ return true }}
            if length == path.count {{ return false }}
        }}
        return nil
    }}

    /// Whether the catalog read the schema of `type`.
    @_spi(Tools) public static func knows(type: String) -> Bool {{ types.contains(type) }}
}}
'''


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aws", nargs=2, metavar=("GIT_DIR", "REV"))
    parser.add_argument("--google", nargs=2, metavar=("GIT_DIR", "REV"))
    parser.add_argument("--from-catalog", action="store_true",
                        help="make only the Swift table, from the committed TSV (no provider source needed; CI)")
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    if args.from_catalog:
        with open(os.path.join(ROOT, TSV)) as handle:
            rows = [tuple(line.rstrip("\n").split("\t")) for line in handle.readlines()[1:]]
        types, missing = sorted({row[1] for row in rows}), []
        outputs = {SWIFT: swift_text(rows, types)}
    else:
        if not (args.aws and args.google):
            parser.error("--aws and --google are needed unless --from-catalog")
        types, rows, missing = collect(args)
        outputs = {TSV: tsv_text(rows), SWIFT: swift_text(rows, types)}
    for name in missing:
        print(f"no schema found: {name}", file=sys.stderr)
    stale = []
    for path, text in outputs.items():
        full = os.path.join(ROOT, path)
        if args.check:
            current = open(full).read() if os.path.exists(full) else None
            if current != text:
                stale.append(path)
            continue
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w") as handle:
            handle.write(text)
    print(f"{len({r[1] for r in rows})} types, {len(rows)} attributes, {len(missing)} types without a schema",
          file=sys.stderr)
    if stale:
        print("differs from what the generator makes: " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
