#!/usr/bin/env python3
"""Extract a hashicorp/google 6.50 provider schema fixture from the cdktf
prebuilt bindings (PyPI cdktf-cdktf-provider-google 16.12.1).

The provider binary cannot be downloaded here, so the schema is rebuilt from
the jsii assembly (package/.jsii) and the compiled JavaScript
(package/lib/<dir>/**.js) inside the wheel's *.jsii.tgz. The output has the
shape of `terraform providers schema -json`, so one checker reads it and the
AWS fixture alike.

Where each fact comes from:
  * type -> class: `<Class>.tfResourceType = "..."` and the class's RTTI fqn
    in the JS; resource vs data source from the jsii base class.
  * arguments: properties of `<Class>Config` and of the nested struct
    interfaces; a property that is not optional is required.
  * Terraform names: keys of the JS `synthesizeAttributes` /
    `<struct>ToTerraform` mappers, cross-checked with the registry doc link
    in the property docs (camelCase -> snake_case only as a last resort).
  * block or attribute: `isBlock` / `type` in `synthesizeHclAttributes` /
    `<struct>ToHclTerraform`; HCL type "set" gives a set, "struct" (timeouts)
    gives single nesting, as terraform itself reports them.
  * computed-only attributes: the generator's `// name - computed: true,
    optional: false, required: false` comments on the getters of the
    resource class and of each nested block's `<Struct>OutputReference`.

Usage: extract-google-schema.py [--wheel PATH] [--types-from GLOB ...]
                                [--keep EXISTING_JSON] --output OUT_JSON
"""
import argparse
import glob
import gzip
import io
import json
import os
import re
import sys
import tarfile
import zipfile

PACKAGE, PACKAGE_VERSION = "cdktf-cdktf-provider-google", "16.12.1"
PROVIDER = "registry.terraform.io/hashicorp/google"
PROVIDER_VERSION_PREFIX = "6.50."
WHEEL_GLOB = "cdktf_cdktf_provider_google-%s-*.whl" % PACKAGE_VERSION
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_TYPES_FROM = os.path.join(REPO_ROOT, "golden", "*", "*", "main.tf.json")
NOT_GOOGLE_TYPES = {"terraform_data"}  # Terraform builtins that goldens may use

PRIMITIVES = {"string": "string", "number": "number", "boolean": "bool", "any": "dynamic", "json": "dynamic"}
CDKTF_TYPES = {"cdktf.IResolvable": "dynamic"}  # cdktf helper classes returned by getters
for _prefix, _cty in (("String", "string"), ("Number", "number"), ("Boolean", "bool"), ("Any", "dynamic")):
    CDKTF_TYPES["cdktf.%sMap" % _prefix] = ["map", _cty]
    CDKTF_TYPES["cdktf.%sMapList" % _prefix] = ["list", ["map", _cty]]
# Computed booleans are typed as plain IResolvable; the JS accessor tells the real type.
ACCESSOR_TYPES = {"Boolean": "bool", "String": "string", "Number": "number"}
COMPUTED_MARK = "computed: true, optional: false, required: false"

TF_TYPE_RE = re.compile(r'^(\w+)\.tfResourceType = "([\w-]+)";', re.M)
RTTI_RE = re.compile(r'^(\w+)\[_\w+\] = \{ fqn: "([^"]+)"', re.M)
DOC_LINK_RE = re.compile(r"\{@link https://registry\.terraform\.io/\S+#(\w+) \w+#\w+\}")
MAPPER_RE = re.compile(r"^\s+(\w+): .*?\((?:struct\.|this\._)(\w+)(?:\.internalValue)?\),?$", re.M)
HCL_RE = re.compile(r'^\s+(\w+): \{\n\s+value: [^\n]*\n\s+isBlock: (true|false),\n\s+type: "(\w+)"', re.M)
# A private field may be named differently from its public property (`buildAttribute` -> `_build`).
CONFIG_FIELD_RE = re.compile(r"^\s+this\._(\w+)(?:\.internalValue)? = config\.(\w+);$", re.M)
GETTER_FIELD_RE = re.compile(r"^\s+get (\w+)\(\) \{\n\s+return this\._(\w+);$", re.M)
# Groups: tf name, getter, Fn.tolist (the attribute is a set), accessor kind, constructor field.
COMPUTED_RE = re.compile(r"// (\w+) - " + COMPUTED_MARK + r"\n\s+(?:get (\w+)\(\) \{\n\s+return "
                         r"(cdktf\.Fn\.tolist\()?this\.get(\w+)Attribute\(|this\._(\w+) = new )")


def fail(message):
    print("extract-google-schema: error: " + message, file=sys.stderr)
    sys.exit(1)


def gunzip_if_needed(data):
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


def load_package(wheel):
    """Read the wheel; return (jsii assembly, package.json, {lib dir: all its JS})."""
    with zipfile.ZipFile(wheel) as zf:
        tgz_names = [n for n in zf.namelist() if n.endswith(".jsii.tgz")]
        if len(tgz_names) != 1:
            fail("%s: expected exactly one *.jsii.tgz, found %d" % (wheel, len(tgz_names)))
        blob = zf.read(tgz_names[0])
    meta, js_files = {}, {}
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        for member in tar:
            name = member.name
            if member.isfile() and (name.startswith("package/.jsii") or name == "package/package.json"):
                meta[name] = tar.extractfile(member).read()
            elif member.isfile() and name.startswith("package/lib/") and name.endswith(".js") and name.count("/") >= 3:
                js_files[name] = tar.extractfile(member).read().decode("utf-8")
    assembly = json.loads(gunzip_if_needed(meta["package/.jsii"]))
    if assembly.get("schema") == "jsii/file-redirect":  # the real assembly is stored compressed
        assembly = json.loads(gunzip_if_needed(meta["package/" + assembly["filename"]]))
    sources = {}
    for name in sorted(js_files):  # big resources keep their structs in index-structs/*.js
        sources.setdefault(name.split("/")[2], []).append(js_files[name])
    return assembly, json.loads(meta["package/package.json"]), {d: "\n".join(s) for d, s in sources.items()}


def strip_resolvable(jtype):
    """Drop cdktf.IResolvable from a jsii union; None if several real types remain."""
    if "union" not in jtype:
        return jtype
    real = [t for t in jtype["union"]["types"] if t.get("fqn") != "cdktf.IResolvable"]
    return strip_resolvable(real[0]) if len(real) == 1 else None


def camel_to_snake(name):
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name).lower()


class Extractor:
    """Builds Terraform-style schemas from the jsii assembly plus the compiled JS."""

    def __init__(self, assembly, sources):
        self.types, self.sources, self.warnings = assembly["types"], sources, []
        self.resources, self.data_sources, self.provider_class = {}, {}, None
        tables = {"cdktf.TerraformResource": self.resources, "cdktf.TerraformDataSource": self.data_sources}
        for lib_dir, src in sorted(sources.items()):
            fqns = dict(RTTI_RE.findall(src))
            for cls, tf_type in TF_TYPE_RE.findall(src):
                fqn = fqns.get(cls)
                base = self.types.get(fqn, {}).get("base")
                if base == "cdktf.TerraformProvider":
                    self.provider_class = fqn
                elif base not in tables:
                    self.warnings.append("lib/%s: class %s (%s) has unexpected base %s" % (lib_dir, cls, tf_type, base))
                elif tf_type in tables[base]:
                    self.warnings.append("%s defined twice: %s and %s" % (tf_type, tables[base][tf_type], fqn))
                else:
                    tables[base][tf_type] = fqn

    # ---- compiled JS lookup (tsc closes top-level classes/functions with "}" in column 0)
    def source_of(self, fqn):
        return self.sources.get(self.types[fqn]["locationInModule"]["filename"].split("/")[1], "")

    def js_class(self, fqn):
        src = self.source_of(fqn)
        match = re.search(r"^class %s extends " % self.types[fqn]["name"], src, re.M)
        return src[match.start():src.find("\n}\n", match.start())] if match else ""

    def js_function(self, fqn, suffix):
        """Body of a struct's top-level mapper, e.g. `function computeInstanceBootDiskToTerraform(`."""
        name, src = self.types[fqn]["name"], self.source_of(fqn)
        start = src.find("\nfunction %s%s%s(" % (name[0].lower(), name[1:], suffix))
        return src[start:src.find("\n}\n", start)] if start >= 0 else ""

    @staticmethod
    def js_method(class_body, method):
        start = class_body.find("\n    %s() {" % method)
        return class_body[start:class_body.find("\n    }\n", start)] if start >= 0 else ""

    # ---- names and types
    def struct_fields(self, struct_fqn, root_class=None):
        """[(tf name, jsii property, (isBlock, HCL type) or None)] for a struct.

        root_class is the resource/provider class when struct_fqn is its Config:
        its mappers are then methods of that class, not top-level functions."""
        struct, field_to_prop = self.types[struct_fqn], {}
        if root_class:
            body = self.js_class(root_class)
            mapper, hcl = self.js_method(body, "synthesizeAttributes"), self.js_method(body, "synthesizeHclAttributes")
            field_to_prop = dict(CONFIG_FIELD_RE.findall(body))
        else:
            mapper, hcl = self.js_function(struct_fqn, "ToTerraform"), self.js_function(struct_fqn, "ToHclTerraform")
        js_names = {field_to_prop.get(camel, camel): snake for snake, camel in MAPPER_RE.findall(mapper)}
        hcl_info = {snake: (block == "true", kind) for snake, block, kind in HCL_RE.findall(hcl)}
        where, fields = struct["name"], []
        for prop in struct.get("properties", []):
            camel, docs = prop["name"], prop.get("docs", {})
            link = DOC_LINK_RE.search("%s %s" % (docs.get("remarks", ""), docs.get("summary", "")))
            doc_name, js_name = link and link.group(1), js_names.pop(camel, None)
            if doc_name and js_name and doc_name != js_name:
                self.warnings.append("%s.%s: doc link says %s, JS mapper says %s (using JS)" % (where, camel, doc_name, js_name))
            name = js_name or doc_name or camel_to_snake(camel)
            if not js_name:
                self.warnings.append("%s.%s: not in the JS mapper; name %s taken from %s"
                                     % (where, camel, name, "the doc link" if doc_name else "camelCase"))
            elif name not in hcl_info:
                self.warnings.append("%s.%s: no HCL entry for %s" % (where, camel, name))
            fields.append((name, prop, hcl_info.get(name)))
        for camel, snake in sorted(js_names.items()):
            self.warnings.append("%s: JS mapper emits %s (%s), which jsii does not declare" % (where, snake, camel))
        return fields

    def cty(self, jtype, outer_kind=None, seen=frozenset()):
        """Terraform type for a jsii type; outer_kind "set" makes an array a set."""
        jtype = strip_resolvable(jtype)
        if jtype is None:
            return "dynamic"
        if "primitive" in jtype:
            return PRIMITIVES.get(jtype["primitive"], "dynamic")
        if "collection" in jtype:
            coll = jtype["collection"]
            kind = "map" if coll["kind"] == "map" else ("set" if outer_kind == "set" else "list")
            return [kind, self.cty(coll["elementtype"], None, seen)]
        fqn = jtype.get("fqn")
        if fqn in CDKTF_TYPES:
            return CDKTF_TYPES[fqn]
        if fqn in seen:
            return "dynamic"  # a type that contains itself: stop here
        kind = self.types.get(fqn, {}).get("kind")
        if kind == "interface":  # struct used as an object-typed (non-block) attribute
            return ["object", {name: self.cty(prop["type"], info and info[1], seen | {fqn})
                               for name, prop, info in self.struct_fields(fqn)}]
        if kind == "class" and fqn.endswith("OutputReference"):  # computed object
            return ["object", self.computed_types(fqn, seen | {fqn})]
        element = fqn[:-len("List")] + "OutputReference" if fqn and fqn.endswith("List") else None
        if kind == "class" and element in self.types:  # computed list of objects
            return ["list", ["object", self.computed_types(element, seen | {fqn, element})]]
        self.warnings.append("cannot map jsii type %s; using dynamic" % fqn)
        return "dynamic"

    def computed_types(self, class_fqn, seen=frozenset()):
        """{tf name: type} of the computed-only getters of a jsii class."""
        decl = self.types[class_fqn]
        props = {p["name"]: p for p in decl.get("properties", [])}
        body = self.js_class(class_fqn)
        field_to_getter = {field: getter for getter, field in GETTER_FIELD_RE.findall(body)}
        found = COMPUTED_RE.findall(body)
        if len(found) != body.count(COMPUTED_MARK):
            self.warnings.append("%s: some computed-attribute comments were not understood" % decl["name"])
        result = {}
        for name, getter, tolist, accessor, field in found:
            prop = props.get(getter or field_to_getter.get(field, field))
            if prop is None:
                self.warnings.append("%s: no jsii property for computed %s; using dynamic" % (decl["name"], name))
                result[name] = "dynamic"
            elif prop["type"].get("fqn") == "cdktf.IResolvable" and accessor in ACCESSOR_TYPES:
                result[name] = ACCESSOR_TYPES[accessor]
            else:
                result[name] = self.cty(prop["type"], "set" if tolist else None, seen)
        return result

    # ---- blocks
    def block(self, struct_fqn, root_class=None, seen=frozenset()):
        """Terraform BLOCK for a jsii struct (a Config struct when root_class is given)."""
        seen = seen | {struct_fqn}
        where, attributes, block_types = self.types[struct_fqn]["name"], {}, {}
        for name, prop, info in self.struct_fields(struct_fqn, root_class):
            required = not prop.get("optional", False)
            jtype = strip_resolvable(prop["type"]) or {}
            is_list = jtype.get("collection", {}).get("kind") == "array"
            element_fqn = (jtype["collection"]["elementtype"] if is_list else jtype).get("fqn")
            is_struct = self.types.get(element_fqn, {}).get("kind") == "interface"
            if info and info[0] and not is_struct:
                self.warnings.append("%s.%s: isBlock but not a struct in jsii; kept as attribute" % (where, name))
            if is_struct and (info is None or info[0]):  # no HCL entry (warned): assume a block
                mode = {"set": "set", "struct": "single"}.get(info and info[1], "list")
                nested = {"nesting_mode": mode,
                          "block": {} if element_fqn in seen else self.block(element_fqn, None, seen)}
                if mode != "single":  # terraform gives no item limits for single nesting
                    if required:
                        nested["min_items"] = 1
                    if not is_list:
                        nested["max_items"] = 1
                block_types[name] = nested
            else:
                attributes[name] = {"type": self.cty(prop["type"], info and info[1], seen),
                                    ("required" if required else "optional"): True}
        output_class = root_class or struct_fqn + "OutputReference"
        if output_class in self.types:
            for name, ctype in self.computed_types(output_class, seen).items():
                if name in attributes or name in block_types:
                    self.warnings.append("%s: computed %s is also an input; kept the input" % (where, name))
                else:
                    attributes[name] = {"type": ctype, "computed": True}
        block = {}  # like terraform, leave out empty parts
        if attributes:
            block["attributes"] = attributes
        if block_types:
            block["block_types"] = block_types
        return block

    def type_schema(self, class_fqn):
        config = class_fqn + "Config"
        if config not in self.types:
            fail("no jsii struct %s" % config)
        return {"version": 0, "block": self.block(config, class_fqn)}

    def provider_schema(self):
        schema = self.type_schema(self.provider_class)
        # `alias` is a Terraform meta-argument that cdktf adds to the config, not a provider argument.
        schema["block"].get("attributes", {}).pop("alias", None)
        return schema


def find_wheel(path):
    if path:
        if not os.path.isfile(path):
            fail("wheel %s not found" % path)
        return path
    wheel_dir = os.environ.get("HPCC_WHEEL_DIR")
    found = sorted(glob.glob(os.path.join(wheel_dir, WHEEL_GLOB))) if wheel_dir else []
    if not found:
        fail("no --wheel given and no %s in $HPCC_WHEEL_DIR (%s); fetch it with\n"
             "  pip download --no-deps %s==%s -d DIR\nthen pass --wheel or set HPCC_WHEEL_DIR=DIR"
             % (WHEEL_GLOB, wheel_dir or "not set", PACKAGE, PACKAGE_VERSION))
    return found[-1]


def block_names(section):
    """Type names of a Terraform JSON `resource`/`data` section (an object or a list of objects)."""
    return set().union(*section) if isinstance(section, list) else set(section)


def requested_types(patterns, keep_path):
    """(resource types, data source types) used by Terraform JSON files or kept from an earlier output."""
    resources, data_sources = set(), set()
    for pattern in patterns:
        files = sorted(glob.glob(pattern))
        if not files:
            fail("--types-from %s matches no file" % pattern)
        for path in files:
            with open(path) as fh:
                root = json.load(fh)
            # AWS roots (no google provider) take their schema from the real AWS plugin.
            if "google" not in root.get("terraform", {}).get("required_providers", {}):
                continue
            resources |= block_names(root.get("resource", {}))
            data_sources |= block_names(root.get("data", {}))
    if keep_path:
        try:
            with open(keep_path) as fh:
                kept = json.load(fh)["provider_schemas"][PROVIDER]
        except (OSError, ValueError, KeyError) as err:
            fail("cannot read kept types from %s: %r" % (keep_path, err))
        resources |= set(kept.get("resource_schemas", {}))
        data_sources |= set(kept.get("data_source_schemas", {}))
    return resources - NOT_GOOGLE_TYPES, data_sources - NOT_GOOGLE_TYPES


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", help="%s==%s wheel (default: $HPCC_WHEEL_DIR/%s)" % (PACKAGE, PACKAGE_VERSION, WHEEL_GLOB))
    parser.add_argument("--types-from", nargs="+", action="extend", metavar="FILE_GLOB",
                        help="Terraform JSON files whose resource/data types to extract (default: %s)" % DEFAULT_TYPES_FROM)
    parser.add_argument("--keep", help="earlier output whose types are kept (default: --output, if it exists)")
    parser.add_argument("--output", required=True, help="schema JSON to write")
    args = parser.parse_args()

    keep = args.keep or (args.output if os.path.exists(args.output) else None)
    want_resources, want_data = requested_types(args.types_from or [DEFAULT_TYPES_FROM], keep)
    wheel = find_wheel(args.wheel)
    assembly, package_json, sources = load_package(wheel)
    provider_meta = package_json.get("cdktf", {}).get("provider", {})
    provider_version = provider_meta.get("version", "")
    if package_json.get("version") != PACKAGE_VERSION or assembly.get("version") != PACKAGE_VERSION:
        fail("%s is not %s %s" % (wheel, PACKAGE, PACKAGE_VERSION))
    if provider_meta.get("name") != PROVIDER or not provider_version.startswith(PROVIDER_VERSION_PREFIX):
        fail("package is for %s %s, expected %s %sx"
             % (provider_meta.get("name"), provider_version, PROVIDER, PROVIDER_VERSION_PREFIX))

    ex = Extractor(assembly, sources)
    missing = sorted(want_resources - set(ex.resources)) + sorted("data." + t for t in want_data - set(ex.data_sources))
    if missing:
        fail("not in %s %s (provider %s): %s" % (PACKAGE, PACKAGE_VERSION, provider_version, ", ".join(missing)))
    if not ex.provider_class:
        fail('provider class (tfResourceType "google") not found')
    document = {
        "format_version": "1.0",
        "hpcc_extract": {
            "source": "%s %s (PyPI, jsii assembly)" % (PACKAGE, PACKAGE_VERSION),
            "provider": PROVIDER,
            "provider_version": provider_version,
            "resource_types": sorted(ex.resources),
            "data_source_types": sorted(ex.data_sources),
        },
        "provider_schemas": {PROVIDER: {
            "provider": ex.provider_schema(),
            "resource_schemas": {t: ex.type_schema(ex.resources[t]) for t in sorted(want_resources)},
            "data_source_schemas": {t: ex.type_schema(ex.data_sources[t]) for t in sorted(want_data)},
        }},
    }
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w") as fh:
        json.dump(document, fh, indent=1, sort_keys=True)
        fh.write("\n")

    def log(line):
        print(line, file=sys.stderr)
    log("extract-google-schema: %s %s from %s" % (PROVIDER, provider_version, os.path.basename(wheel)))
    log("  package: %d resource types, %d data source types" % (len(ex.resources), len(ex.data_sources)))
    log("  extracted provider + %d resource and %d data source schemas: %s" % (
        len(want_resources), len(want_data), ", ".join(sorted(want_resources) + sorted("data." + t for t in want_data))))
    warnings = list(dict.fromkeys(ex.warnings))  # drop repeats, keep order
    log("  %d warning(s)%s" % (len(warnings), ":" if warnings else ""))
    for warning in warnings:
        log("    warning: " + warning)
    log("  wrote %s (%d bytes)" % (args.output, os.path.getsize(args.output)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
