"""Counts the HTTP requests a schemathesis run sent: one recorded interaction each, from its NDJSON report."""
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
            recorder = (event.get("ScenarioFinished") or {}).get("recorder") or {}
            n += len(recorder.get("interactions") or {})
except OSError:
    pass
print(n)
