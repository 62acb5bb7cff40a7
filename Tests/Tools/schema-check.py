#!/usr/bin/env python3
"""Validates documents against a JSON Schema with the jsonschema package.

    schema-check.py SCHEMA.json DOCUMENT [DOCUMENT ...]

The validator is the one the schema's "$schema" names (draft 4 for SARIF 2.1.0, draft 2020-12
for `hpcc schema`), and the schema is itself checked against its draft first. Documents ending in
.json are read as JSON, others as YAML (PyYAML; dates become ISO text, as JSON has no dates).
Format keywords are not checked: jsonschema needs further packages for them.

Prints one JSON object: each document's path with the list of violations found in it
("path/in/document: message"). Exit 0: every document is valid; 1: one is not; 2: the schema
is not a valid schema; 3: jsonschema or PyYAML is not importable.
"""
import datetime
import json
import sys


def plain(value):
    if isinstance(value, dict):
        return {str(key): plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def main():
    try:
        import jsonschema
        import yaml
    except ImportError as error:
        print(json.dumps({"tool_missing": f"jsonschema and PyYAML are needed with {sys.executable}: {error}"}))
        return 3
    with open(sys.argv[1]) as handle:
        schema = json.load(handle)
    validator_class = jsonschema.validators.validator_for(schema)
    try:
        validator_class.check_schema(schema)
    except jsonschema.SchemaError as error:
        print(json.dumps({"schema_error": error.message}))
        return 2
    validator = validator_class(schema)
    report = {}
    for path in sys.argv[2:]:
        with open(path) as handle:
            document = json.load(handle) if path.endswith(".json") or path.endswith(".sarif") else plain(yaml.safe_load(handle))
        report[path] = sorted(f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
                              for error in validator.iter_errors(document))
    print(json.dumps(report, indent=1))
    return 1 if any(report.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
