#!/usr/bin/env python3
"""Validates a JSON document against a JSON Schema (draft 2020-12) with python3-jsonschema.
Usage: validate_json_schema.py SCHEMA DOCUMENT. Exit 0 when valid, 1 with one line per error,
77 when the jsonschema module is not installed (scripts/install-deps installs it).
"""
import json
import sys

try:
    import jsonschema
except ImportError:
    print("jsonschema not installed", file=sys.stderr)
    sys.exit(77)

schema = json.load(open(sys.argv[1]))
document = json.load(open(sys.argv[2]))
validator = jsonschema.Draft202012Validator(schema)
errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
for error in errors:
    print("/".join(str(p) for p in error.path) + ": " + error.message)
sys.exit(1 if errors else 0)
