#!/usr/bin/env python3
"""Validates SARIF logs against the official SARIF 2.1.0 JSON schema (OASIS, errata 01),
committed as Tests/Fixtures/sarif/sarif-schema-2.1.0.json, with the jsonschema package.

    sarif-check.py LOG.sarif [LOG.sarif ...]

Prints one JSON object: each log's path with the list of schema violations found in it
("path/in/document: message"). Exit 0: every log is valid; 1: a log is not; 3: jsonschema
is not importable.
"""
import json
import os
import sys

SCHEMA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "sarif", "sarif-schema-2.1.0.json")


def main():
    try:
        import jsonschema
    except ImportError as error:
        print(json.dumps({"tool_missing": f"jsonschema is not importable with {sys.executable}: {error}"}))
        return 3
    with open(SCHEMA) as handle:
        schema = json.load(handle)
    # The schema declares draft 4. Its "format" keywords (uri, date-time) are not checked: that
    # needs packages jsonschema does not bring; hpcc writes no dates, and its URIs are tested in Swift.
    validator = jsonschema.Draft4Validator(schema)
    report = {}
    for path in sys.argv[1:]:
        with open(path) as handle:
            log = json.load(handle)
        report[path] = sorted(f"{'/'.join(str(part) for part in error.absolute_path) or '(root)'}: {error.message}"
                              for error in validator.iter_errors(log))
    print(json.dumps(report, indent=1))
    return 1 if any(report.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
