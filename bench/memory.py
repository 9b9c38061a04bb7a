"""Server memory with 1,000 stored networks (RSS of the server process, before and after)."""

import http.client
import json
import sys
from pathlib import Path

from tests.support.server import free_port, running_server


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def server_pid(port: int) -> int:
    import subprocess

    out = subprocess.run(["pgrep", "-f", f"app --port {port}"], capture_output=True, text=True).stdout.split()
    return int(out[0])


def run(count: int = 1000) -> list[tuple[str, str, str, str]]:
    port = free_port()
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port):
        pid = server_pid(port)
        conn = http.client.HTTPConnection("127.0.0.1", port)
        before = rss_mb(pid)
        body = json.dumps({"spec": {"sizes": [2, 8, 8, 1], "activations": ["tanh", "tanh", "sigmoid"],
                                    "cost": "binary_cross_entropy", "batch_size": 16, "dataset": {"name": "moons"}}})
        for _ in range(count):
            conn.request("POST", "/api/networks", body=body, headers={"content-type": "application/json"})
            conn.getresponse().read()
        after = rss_mb(pid)
    return [(f"server RSS with {count} networks (2-8-8-1, 200 examples each)",
             f"{after:.0f} MB ({after - before:.0f} MB more than empty, {(after - before) * 1024 / count:.0f} KB each)",
             "report", "")]
