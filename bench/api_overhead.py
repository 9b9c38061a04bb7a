"""API overhead: a full `step` (with its whole trace) against the same server's trivial endpoint.

One uvicorn server on loopback (`python -m app`, uvloop + httptools), one keep-alive client
(http.client from the standard library: the thinnest Python client), requests interleaved
round by round so that noise hits both sides alike. Ratios of p50 latencies.
"""

import http.client
import json
import sys
import time

from tests.support.server import free_port, running_server

from .common import median, percentile, print_table


def _two_class_samples(n: int = 256) -> dict:
    """Points in the plane, one-hot by the sign of x₁·x₂ (deterministic, no data set has 2 one-hot outputs)."""
    xs = [[((i * 37) % 101) / 50 - 1, ((i * 59) % 103) / 51 - 1] for i in range(n)]
    return {"x": xs, "y": [[1.0, 0.0] if a * b > 0 else [0.0, 1.0] for a, b in xs]}


NETWORKS = {
    "2-2-2": {"preset": "mazur-2-2-2"},
    "2-16-16-16-2 batch 128": {"spec": {"sizes": [2, 16, 16, 16, 2], "activations": ["relu", "relu", "relu", "softmax"],
                                        "cost": "softmax_cross_entropy", "eta": 0.05, "batch_size": 128, "seed": 1,
                                        "samples": _two_class_samples()}},
}
TARGETS = {"2-2-2": 1.5, "2-16-16-16-2 batch 128": 3.0}


def request(conn: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None) -> float:
    t = time.perf_counter()
    conn.request(method, path, body=body, headers={"content-type": "application/json"} if body else {})
    resp = conn.getresponse()
    data = resp.read()
    if resp.status >= 400:
        raise RuntimeError(f"{method} {path}: {resp.status} {data[:200]!r}")
    return time.perf_counter() - t


def run(rounds: int = 30, per_round: int = 40) -> list[tuple[str, str, str, str]]:
    port = free_port()
    rows = []
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port) as _:
        conn = http.client.HTTPConnection("127.0.0.1", port)
        ids = {}
        for name, body in NETWORKS.items():
            conn.request("POST", "/api/networks", body=json.dumps(body), headers={"content-type": "application/json"})
            ids[name] = json.loads(conn.getresponse().read())["id"]
        trivial: list[float] = []
        steps: dict[str, list[float]] = {name: [] for name in NETWORKS}
        for _ in range(rounds):  # interleaved: trivial, then each network, every round
            trivial += [request(conn, "GET", "/healthz") for _ in range(per_round)]
            for name, nid in ids.items():
                steps[name] += [request(conn, "POST", f"/api/networks/{nid}/step") for _ in range(per_round)]
        base = median(trivial)
        rows.append(("trivial endpoint GET /healthz (baseline)", f"p50 {base * 1e3:.2f} ms, p99 "
                     f"{percentile(trivial, 99) * 1e3:.2f} ms", "", ""))
        for name, xs in steps.items():
            ratio = median(xs) / base
            rows.append((f"POST /step {name}, full trace", f"{ratio:.2f}× (p50 {median(xs) * 1e3:.2f} ms, p99 "
                         f"{percentile(xs, 99) * 1e3:.2f} ms)", f"≤ {TARGETS[name]}×",
                         "yes" if ratio <= TARGETS[name] else "no"))
    return rows


if __name__ == "__main__":
    print_table("API overhead (p50 ratio to the trivial endpoint, same server, same keep-alive client)", run())
