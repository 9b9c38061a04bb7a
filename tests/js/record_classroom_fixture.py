"""Record tests/js/classroom-steps.json: one training step of every preset and of a few other shapes.

For the classroom's pure modules (redact.js, questions.js), which are tested against every preset's shape and
every phase without a server. Each case: the network as created (spec, labels) and the body of its first
POST /api/networks/{id}/step (the second, for a rule with a memory, so its numbers are not all fresh zeros).
Run it again after a change to the step's response:

    .venv/bin/python tests/js/record_classroom_fixture.py
"""

import json
import sys
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]

CUSTOM = {  # name: (spec, steps taken; the last one is recorded)
    "softmax-batch-momentum": ({"sizes": [2, 3, 3], "activations": ["tanh", "softmax"],
                                "cost": "softmax_cross_entropy", "eta": 0.5, "batch_size": 4, "seed": 4,
                                "optimizer": "momentum", "dataset": {"name": "spiral3", "n": 30}}, 2),
    "deep-adam-l2-shared": ({"sizes": [2, 4, 3, 1], "activations": ["relu", "tanh", "sigmoid"], "cost": "quadratic",
                             "eta": 0.05, "lam": 0.01, "batch_size": 1, "seed": 5, "optimizer": "adam",
                             "shared_bias": True, "dataset": {"name": "xor", "n": 20}}, 2),
}


def record() -> dict:
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the app is imported from this checkout
    from app.config import Settings
    from app.main import create_app

    client = TestClient(create_app(Settings()))
    out = {}
    cases = [(p["name"], {"preset": p["name"]}, 1) for p in client.get("/api/presets").json()]
    cases += [(name, {"spec": spec}, steps) for name, (spec, steps) in CUSTOM.items()]
    for name, body, steps in cases:
        network = client.post("/api/networks", json=body).json()
        for _ in range(steps):
            step = client.post(f"/api/networks/{network['id']}/step").json()
        out[name] = {"network": {"spec": network["spec"], "labels": network["labels"]}, "step": step,
                     "index": steps - 1}
    return out


if __name__ == "__main__":
    path = ROOT / "tests" / "js" / "classroom-steps.json"
    path.write_text(json.dumps(record(), separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size} bytes)")
