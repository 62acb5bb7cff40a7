"""Plan and apply without a cloud: which values become "known after apply",
and what they become.

Planning follows what Terraform requires of a provider: every value the
configuration sets stays as it is, and a computed attribute the configuration
leaves null is unknown on create (on update Terraform's proposal already
carries the prior value, which we keep). Applying replaces each unknown value
by the rule google_values has for it, or by the zero value of its type (never
null, so that the next plan sees no difference).
"""
import copy

import google_values
from cty_codec import UNKNOWN, Dynamic, block_type, contains_unknown, rebuild


class SchemaTableError(Exception):
    pass


def with_computed(block, type_key):
    """A copy of a schema block where the attributes google_values lists as
    optional-and-computed are marked computed, and write-only ones write-only."""
    block = copy.deepcopy(block)
    attributes = block.get("attributes", {})
    for name, attribute in attributes.items():
        if name.endswith(google_values.WRITE_ONLY_SUFFIX) and not attribute.get("computed"):
            attribute["write_only"] = True
    for name in google_values.OPTIONAL_COMPUTED["*"]:
        if attributes.get(name, {}).get("optional"):
            attributes[name]["computed"] = True
    for dotted in google_values.OPTIONAL_COMPUTED.get(type_key, ()):
        *blocks, name = dotted.split(".")
        inner = block
        for nested in blocks:
            inner = inner.get("block_types", {}).get(nested, {}).get("block", {})
        attribute = inner.get("attributes", {}).get(name)
        if attribute is None:  # the table names something the schema lacks
            raise SchemaTableError("%s has no attribute %s" % (type_key, dotted))
        attribute["computed"] = True
    return block


def _elements(nested, value):
    """The objects inside one nested block value, whatever its nesting."""
    if value is None or value is UNKNOWN:
        return []
    mode = nested["nesting_mode"]
    if mode in ("single", "group"):
        return [value]
    if mode == "map":
        return list(value.values())
    return [e for e in value if isinstance(e, dict)]


def plan(block, proposed):
    """The planned object for a proposed one (both dicts): computed attributes
    still null become unknown, in nested blocks too; write-only ones are null
    (Terraform passes their value in the configuration only)."""
    planned = dict(proposed)
    for name, attribute in block.get("attributes", {}).items():
        if attribute.get("write_only"):
            planned[name] = None
        elif attribute.get("computed") and planned.get(name) is None:
            planned[name] = UNKNOWN
    for name, nested in block.get("block_types", {}).items():
        value = planned.get(name)
        if value is None or value is UNKNOWN:
            continue
        mode = nested["nesting_mode"]
        if mode in ("single", "group"):
            planned[name] = plan(nested["block"], value)
        elif mode == "map":
            planned[name] = {k: plan(nested["block"], v) for k, v in value.items()}
        else:
            planned[name] = [plan(nested["block"], e) if isinstance(e, dict) else e for e in value]
    return planned


def fill(type_key, block, planned, provider):
    """The new state for a planned object: every unknown value filled."""
    resource = google_values.Resource(type_key, copy.deepcopy(planned), provider)
    _fill_block(resource, block, resource.obj, "")
    return resource.obj


def _fill_block(resource, block, obj, prefix):
    attributes = block.get("attributes", {})
    first = google_values.FIRST
    for name in sorted(attributes, key=lambda n: (first.index(n) if n in first else len(first), n)):
        if contains_unknown(obj.get(name)):
            obj[name] = _fill_value(resource, prefix + name, attributes[name]["type"], obj.get(name), obj)
    for name, nested in block.get("block_types", {}).items():
        if obj.get(name) is UNKNOWN:
            obj[name] = zero_value(block_type(block)[1][name])
        for element in _elements(nested, obj.get(name)):
            _fill_block(resource, nested["block"], element, prefix + name + ".")


def _fill_value(resource, dotted, ty, current, element):
    if current is not UNKNOWN:  # known container with unknown parts
        return _zero_unknowns(current, ty)
    rule = google_values.rule_for(resource.type_name, dotted)
    value = rule(resource, element) if rule else None
    if value is None:
        return zero_value(ty)
    if ty == "number" and isinstance(value, str):
        return int(value)
    if ty == "string" and isinstance(value, int):
        return str(value)
    return value


def _zero_unknowns(value, ty):
    def leaf(value, ty):
        if value is UNKNOWN:
            return zero_value(ty)
        if isinstance(value, Dynamic):
            return Dynamic(value.type, _zero_unknowns(value.value, value.type))
        return value
    return rebuild(value, ty, leaf)


def zero_value(ty):
    """The empty value of a type: "", 0, false, empty collections; objects
    with every attribute zero. A dynamic value stays null (it has no type)."""
    if ty == "string":
        return ""
    if ty == "number":
        return 0
    if ty == "bool":
        return False
    if ty == "dynamic":
        return None
    kind, inner = ty[0], ty[1]
    if kind in ("list", "set"):
        return []
    if kind == "map":
        return {}
    if kind == "tuple":
        return [zero_value(t) for t in inner]
    return {n: zero_value(t) for n, t in inner.items()}
