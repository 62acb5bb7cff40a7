"""cty values as Terraform core sends them to a provider, and back.

Values travel as msgpack (DynamicValue.msgpack) in cty's encoding, or as JSON
in stored states. Neither is self-describing enough to answer: a number may
come as a string, a dynamic attribute carries its concrete type alongside, and
an unknown value is a msgpack extension. So every value is read and written
against its cty type, which comes from the schema.

In Python a value is: None (null), UNKNOWN, str, int/float, bool, list (list,
set, tuple), dict (map, object) or Dynamic (value of a "dynamic" attribute with
the concrete type it was sent with).
"""
import json

import msgpack

# cty's msgpack extension codes: 0 is a plain unknown value, 12 an unknown
# value with refinements (known prefix, not null, ...). Both are "unknown" to
# us; we answer with the plain form, which drops the refinements Terraform
# allows a provider to drop.
UNKNOWN_EXT_CODES = (0, 12)


class CodecError(Exception):
    pass


class _Unknown:
    """A value Terraform does not know yet ("known after apply")."""
    _instance = None

    def __new__(cls):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self):
        return "UNKNOWN"


UNKNOWN = _Unknown()


class Dynamic:
    """The value of an attribute typed "dynamic", with its concrete cty type."""
    __slots__ = ("type", "value")

    def __init__(self, type_, value):
        self.type, self.value = type_, value

    def __eq__(self, other):
        return isinstance(other, Dynamic) and (self.type, self.value) == (other.type, other.value)


def block_type(block):
    """The cty object type a schema block (`terraform providers schema -json`
    form) implies, nested blocks included."""
    attributes = {name: attr["type"] for name, attr in block.get("attributes", {}).items()}
    for name, nested in block.get("block_types", {}).items():
        inner = block_type(nested["block"])
        mode = nested["nesting_mode"]
        if mode in ("list", "map") and _has_dynamic(inner):
            # cty then uses a tuple or object whose element types differ per
            # value; the types are not in the msgpack, so we could not decode.
            raise CodecError("nested block %r (%s nesting) holds a dynamic attribute: not supported" % (name, mode))
        attributes[name] = {"single": inner, "group": inner, "list": ["list", inner],
                            "set": ["set", inner], "map": ["map", inner]}[mode]
    return ["object", attributes]


def _has_dynamic(ty):
    if ty == "dynamic":
        return True
    if isinstance(ty, list):
        inner = ty[1]
        if isinstance(inner, dict):
            return any(_has_dynamic(t) for t in inner.values())
        if isinstance(inner, list) and ty[0] == "tuple":
            return any(_has_dynamic(t) for t in inner)
        return _has_dynamic(inner)
    return False


def _ext_hook(code, data):
    if code in UNKNOWN_EXT_CODES:
        return UNKNOWN
    raise CodecError("msgpack extension type %d is not a cty value this stand-in knows" % code)


def from_msgpack(data, ty):
    raw = msgpack.unpackb(data, raw=False, ext_hook=_ext_hook, strict_map_key=False)
    return _shape(raw, ty, _dynamic_from_msgpack, "")


def from_json(document, ty):
    """A value in Terraform's state JSON form (dynamic = {"value","type"})."""
    return _shape(document, ty, _dynamic_from_json, "")


def _dynamic_from_msgpack(raw, path):
    # cty writes a dynamic attribute as [type as JSON bytes, value].
    if not (isinstance(raw, list) and len(raw) == 2 and isinstance(raw[0], bytes)):
        raise CodecError("%s: dynamic value is not [type, value]" % path)
    return json.loads(raw[0]), raw[1]


def _dynamic_from_json(raw, path):
    if not (isinstance(raw, dict) and set(raw) == {"value", "type"}):
        raise CodecError('%s: dynamic value is not {"value", "type"}' % path)
    return raw["type"], raw["value"]


def _shape(raw, ty, dynamic, path):
    """Check raw against ty and turn it into our value form."""
    if raw is None or raw is UNKNOWN:
        return raw
    if ty == "dynamic":
        concrete, inner = dynamic(raw, path)
        return Dynamic(concrete, _shape(inner, concrete, dynamic, path))
    if ty == "string" and isinstance(raw, str):
        return raw
    if ty == "bool" and isinstance(raw, bool):
        return raw
    if ty == "number":
        if isinstance(raw, (int, float)) and not isinstance(raw, bool):
            return raw
        if isinstance(raw, str):  # numbers beyond float64 travel as decimal text
            return float(raw) if any(c in raw for c in ".eE") else int(raw)
    if isinstance(ty, list):
        kind, inner = ty[0], ty[1]
        if kind in ("list", "set") and isinstance(raw, list):
            return [_shape(e, inner, dynamic, "%s[%d]" % (path, i)) for i, e in enumerate(raw)]
        if kind == "tuple" and isinstance(raw, list) and len(raw) == len(inner):
            return [_shape(e, t, dynamic, "%s[%d]" % (path, i)) for i, (e, t) in enumerate(zip(raw, inner))]
        if kind == "map" and isinstance(raw, dict):
            return {k: _shape(v, inner, dynamic, "%s[%r]" % (path, k)) for k, v in raw.items()}
        if kind == "object" and isinstance(raw, dict):
            extra = set(raw) - set(inner)
            if extra:
                raise CodecError("%s: attributes %s are not in the schema" % (path or "value", sorted(extra)))
            return {n: _shape(raw.get(n), t, dynamic, path + "." + n) for n, t in inner.items()}
    raise CodecError("%s: %r is not a %s" % (path or "value", raw, json.dumps(ty)))


def rebuild(value, ty, leaf):
    """value rebuilt along its type: known collections and objects element by
    element, everything else (primitive, null, unknown, dynamic) by leaf(value, ty)."""
    if isinstance(ty, list) and value is not None and value is not UNKNOWN:
        kind, inner = ty[0], ty[1]
        if kind in ("list", "set"):
            return [rebuild(e, inner, leaf) for e in value]
        if kind == "tuple":
            return [rebuild(e, t, leaf) for e, t in zip(value, inner)]
        if kind == "map":
            return {k: rebuild(v, inner, leaf) for k, v in value.items()}
        if kind == "object":
            return {n: rebuild(value.get(n), t, leaf) for n, t in inner.items()}
    return leaf(value, ty)


def to_msgpack(value, ty):
    return msgpack.packb(rebuild(value, ty, _pack_leaf), use_bin_type=True)


def _pack_leaf(value, ty):
    if value is UNKNOWN:
        return msgpack.ExtType(0, b"\x00")  # cty's own encoding of an unknown value
    if isinstance(value, Dynamic):
        # cty writes a dynamic attribute as [type as JSON bytes, value].
        return [json.dumps(value.type, separators=(",", ":")).encode(), rebuild(value.value, value.type, _pack_leaf)]
    if ty == "dynamic" and value is not None:
        raise CodecError("dynamic attribute without a concrete type: %r" % (value,))
    return value


def to_json(value, ty):
    """Our value as plain JSON data (state form); unknown values may not remain."""
    return rebuild(value, ty, _json_leaf)


def _json_leaf(value, ty):
    if value is UNKNOWN:
        raise CodecError("an unknown value has no JSON form")
    if isinstance(value, Dynamic):
        return {"value": to_json(value.value, value.type), "type": value.type}
    return value


def contains_unknown(value):
    if value is UNKNOWN:
        return True
    if isinstance(value, Dynamic):
        return contains_unknown(value.value)
    if isinstance(value, list):
        return any(contains_unknown(e) for e in value)
    if isinstance(value, dict):
        return any(contains_unknown(v) for v in value.values())
    return False
