"""Record tests/js/grid-fixture.json: networks as the training stream leaves them, with the server's own grid.

For grid.test.js, which holds the browser's grid (static/js/lab/grid.js) to GET /boundary within 1e-9 without a
server. Each case: the spec's sizes, activations and input features, the parameters (as the stream carries them),
the data (GET …/data's points set the plane's range; with features, x_train holds what the network takes in, and
the grid must not read it; without, the points are x_train and are left out, as in data without points), the
resolution, and GET /boundary's answer. Run it again after a change to the core's forward pass, activations or
features:

    .venv/bin/python tests/js/record_grid_fixture.py
"""

import json
import sys
from pathlib import Path

from fastapi.testclient import TestClient

ROOT = Path(__file__).resolve().parents[2]

CASES = {  # name: (spec, steps trained first, resolution)
    "tanh-relu-sigmoid": ({"sizes": [2, 5, 4, 1], "activations": ["tanh", "relu", "sigmoid"],
                           "cost": "binary_cross_entropy", "eta": 0.3, "batch_size": 16, "seed": 3,
                           "dataset": {"name": "circle", "n": 120, "noise": 0.1}}, 60, 12),
    "softmax-spiral3": ({"sizes": [2, 6, 3], "activations": ["tanh", "softmax"], "cost": "softmax_cross_entropy",
                         "eta": 0.5, "batch_size": 16, "seed": 4,
                         "dataset": {"name": "spiral3", "n": 150, "noise": 0.1}}, 60, 9),
    "leaky-linear": ({"sizes": [2, 3, 3, 1], "activations": ["leaky_relu", "linear", "linear"], "cost": "quadratic",
                      "eta": 0.05, "batch_size": 8, "seed": 5, "dataset": {"name": "xor", "n": 80}}, 20, 7),
    # Every feature, each of a different kind (a square, a product, a sine, the inputs themselves), in an order
    # that is not the registry's.
    "features-tanh-sigmoid": ({"sizes": [7, 3, 1], "activations": ["tanh", "sigmoid"],
                               "features": ["sin_pi_x2", "x1", "x1_squared", "x1_times_x2", "x2", "x2_squared",
                                            "sin_pi_x1"],
                               "cost": "binary_cross_entropy", "eta": 0.3, "batch_size": 16, "seed": 6,
                               "dataset": {"name": "spiral", "n": 100, "noise": 0.1}}, 40, 10),
}


def record() -> dict:
    sys.path.insert(0, str(ROOT))  # run as a script from anywhere: the app is imported from this checkout
    from app.config import Settings
    from app.main import create_app

    client = TestClient(create_app(Settings()))
    out = {}
    for name, (spec, steps, resolution) in CASES.items():
        nid = client.post("/api/networks", json={"spec": spec}).json()["id"]
        text = client.post(f"/api/networks/{nid}/train/stream", json={"steps": steps, "chunk": steps}).text
        done = json.loads(text.strip().split("\n\n")[-1].split("data: ", 1)[1])
        data = client.get(f"/api/networks/{nid}/data").json()
        grid = client.get(f"/api/networks/{nid}/boundary", params={"resolution": resolution}).json()
        inputs = ("x_train", "x_test", *(("points_train", "points_test") if "features" in spec else ()))
        out[name] = {"spec": {key: spec[key] for key in ("sizes", "activations", "features") if key in spec},
                     "parameters": done["parameters"], "data": {key: data[key] for key in inputs},
                     "resolution": resolution, "boundary": grid}
    return out


if __name__ == "__main__":
    path = ROOT / "tests" / "js" / "grid-fixture.json"
    path.write_text(json.dumps(record(), separators=(",", ":")) + "\n")
    print(f"wrote {path} ({path.stat().st_size // 1024} kB)")
