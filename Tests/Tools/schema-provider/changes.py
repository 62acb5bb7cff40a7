"""The resource and data source operations of the stand-in, on msgpack bytes
in and out (provider.py wraps them into the plugin protocol's messages)."""
import json
import os
import subprocess

import google_values
import lifecycle
from cty_codec import block_type, from_json, from_msgpack, to_json, to_msgpack

HOOK_VARIABLE = "SCHEMA_PROVIDER_HOOK"


class HookError(Exception):
    pass


def with_computed_marks(schemas):
    """The provider's schemas (JSON form) with the optional attributes the
    real provider computes marked computed (google_values.OPTIONAL_COMPUTED)."""
    marked = dict(schemas)
    for kind, prefix in (("resource_schemas", ""), ("data_source_schemas", "data.")):
        marked[kind] = {name: dict(entry, block=lifecycle.with_computed(entry.get("block", {}), prefix + name))
                        for name, entry in schemas.get(kind, {}).items()}
    return marked


class Changes:
    def __init__(self, schemas):
        """schemas: one provider's schemas as with_computed_marks returns them."""
        self.schemas = schemas
        self.types = {}
        self.provider = {}  # project, region, zone from the provider block

    def _block(self, type_key):
        if type_key == "provider":
            return self.schemas.get("provider", {}).get("block", {})
        if type_key.startswith("data."):
            entry = self.schemas["data_source_schemas"].get(type_key[5:])
        else:
            entry = self.schemas["resource_schemas"].get(type_key)
        if entry is None:
            raise KeyError("no schema for %s" % type_key)
        return entry["block"]

    def _type(self, type_key):
        if type_key not in self.types:
            self.types[type_key] = block_type(self._block(type_key))
        return self.types[type_key]

    def decode(self, type_key, data):
        return from_msgpack(data, self._type(type_key)) if data else None

    def encode(self, type_key, value):
        return to_msgpack(value, self._type(type_key))

    def configure(self, config):
        values = self.decode("provider", config) or {}
        self.provider = {k: values.get(k) for k in ("project", "region", "zone")}

    def upgrade(self, type_name, raw_json):
        """A stored state (JSON, written by this provider) as msgpack; the
        schema never changes version, so there is nothing to migrate."""
        if not raw_json:
            raise ValueError("state of %s is not JSON (legacy flatmap states are not supported)" % type_name)
        return self.encode(type_name, from_json(json.loads(raw_json), self._type(type_name)))

    def read(self, type_name, current):
        """Refresh: nothing changes behind Terraform's back. Remember the
        addresses the state holds, so new ones do not collide."""
        google_values.ADDRESSES.note(type_name, self.decode(type_name, current))
        return current

    def plan(self, type_name, prior, proposed):
        """(planned state, legacy): legacy asks Terraform to tolerate what a
        strict provider may not do, here keeping blocks the configuration
        lacks (google_values.COMPUTED_BLOCKS), as the real provider's SDK does."""
        prior, proposed = self.decode(type_name, prior), self.decode(type_name, proposed)
        if proposed is None:  # destroy
            return self.encode(type_name, None), False
        block = self._block(type_name)
        planned = lifecycle.plan(block, proposed)
        legacy = False
        if type_name in google_values.COMPUTED_BLOCKS and prior is not None:
            for name in block.get("block_types", {}):
                if not planned.get(name) and prior.get(name):
                    planned[name], legacy = prior[name], True
        return self.encode(type_name, google_values.plan_object_digests(type_name, planned, prior)), legacy

    def apply(self, type_name, prior, planned, config):
        """(new state, legacy): a hook may change what was planned (fill an
        instance's interfaces from its template), which only the legacy
        type system lets Terraform accept, with warnings in its log."""
        prior, planned = self.decode(type_name, prior), self.decode(type_name, planned)
        config = self.decode(type_name, config)
        if planned is None:
            action, new = "delete", None
        else:
            action = "create" if prior is None else "update"
            new = lifecycle.fill(type_name, self._block(type_name), planned, self.provider)
        hooked = self._hook(type_name, action, prior, new, config)
        google_values.ADDRESSES.note(type_name, hooked)
        return self.encode(type_name, hooked), hooked is not new

    def read_data(self, type_name, config):
        """A data source: its computed attributes filled like a resource's."""
        key = "data." + type_name
        block = self._block(key)
        value = lifecycle.fill(key, block, lifecycle.plan(block, self.decode(key, config)), self.provider)
        google_values.ADDRESSES.note(key, value)
        return self.encode(key, value)

    def _hook(self, type_name, action, prior, planned, config):
        hook = os.environ.get(HOOK_VARIABLE)
        if not hook:
            return planned
        ty = self._type(type_name)
        named = planned if planned is not None else prior
        document = {"type": type_name, "name": named.get("name"), "action": action,
                    "prior": to_json(prior, ty), "planned": to_json(planned, ty), "config": to_json(config, ty)}
        result = subprocess.run([hook], input=json.dumps(document), capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise HookError("%s %s (%s) exited %d: %s" % (hook, action, type_name, result.returncode,
                                                         result.stderr.strip()))
        try:
            answer = json.loads(result.stdout)
        except ValueError as error:
            raise HookError("%s printed no JSON for %s %s: %s (%r)" % (hook, action, type_name, error,
                                                                      result.stdout[:200])) from None
        if answer is None:
            return planned
        if action == "delete":
            raise HookError("%s answered a state for a deleted %s; expected null" % (hook, type_name))
        return from_json(answer, ty)
