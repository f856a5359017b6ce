"""Counts the HTTP requests a schemathesis run sent, from its NDJSON event report."""
import json
import sys

n = 0
try:
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            for value in event.values():
                if isinstance(value, dict) and isinstance(value.get("recorder"), dict):
                    n += sum(len(x) for x in (value["recorder"].get("interactions") or {}).values()) if isinstance(value["recorder"].get("interactions"), dict) else 0
except OSError:
    pass
print(n)
