"""Classroom load: 40 clients, each stepping its own 2-2-2 network, for a fixed time (loopback only).

Two set-ups, one after the other: one worker with the in-memory store — measured against the same
server's trivial endpoint (GET /healthz) hammered by the same clients, in alternating halves — and two
uvicorn workers sharing networks over Redis (a real redis-server on a free loopback port). Prints
p50/p99 latency, requests per second and the error count. `python -m bench.load [--seconds 20] [--clients 40]`
"""

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import time

import httpx

from tests.support.server import free_port, running_server

from .common import median, percentile, print_table


async def client(base: str, until: float, latencies: list[float], errors: list[str], trivial: bool) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        if trivial:
            method, url = "GET", "/healthz"
        else:
            net = await http.post("/api/networks", json={"preset": "mazur-2-2-2"})
            if net.status_code != 201:
                errors.append(f"create: {net.status_code}")
                return
            method, url = "POST", f"/api/networks/{net.json()['id']}/step"
        while time.perf_counter() < until:
            t = time.perf_counter()
            resp = await http.request(method, url)
            latencies.append(time.perf_counter() - t)
            if resp.status_code != 200:
                errors.append(f"{url}: {resp.status_code} {resp.text[:100]}")


class Load:
    """What the clients saw: latencies, errors and the time it took."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.elapsed = 0.0

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed


def hammer(base: str, clients: int, seconds: float, trivial: bool = False, into: Load | None = None) -> Load:
    load = into or Load()

    async def all_clients() -> None:
        start = time.perf_counter()
        await asyncio.gather(*(client(base, start + seconds, load.latencies, load.errors, trivial)
                               for _ in range(clients)))
        load.elapsed += time.perf_counter() - start
    asyncio.run(all_clients())
    return load


def row(name: str, load: Load) -> tuple[str, str, str, str]:
    return (name, f"{load.rate:,.0f} req/s, p50 {median(load.latencies) * 1e3:.1f} ms, "
                  f"p99 {percentile(load.latencies, 99) * 1e3:.1f} ms, {len(load.errors)} errors",
            "0 errors", "yes" if not load.errors else "no")


def against_trivial(base: str, clients: int, seconds: float) -> tuple[Load, Load]:
    """Steps and the trivial endpoint, in alternating halves, so that drift in the machine hits both."""
    steps, trivial = Load(), Load()
    for _ in range(2):
        hammer(base, clients, seconds / 2, trivial=True, into=trivial)
        hammer(base, clients, seconds / 2, into=steps)
    return steps, trivial


# The largest network the default limits allow, stepped full-batch: ~1 s of numpy per step on these machines.
LARGEST = {"sizes": [2, *[128] * 8, 1], "activations": ["tanh"] * 8 + ["sigmoid"], "cost": "binary_cross_entropy",
           "eta": 0.01, "batch_size": 10_000, "seed": 1, "dataset": {"name": "spiral", "n": 10_000,
                                                                         "test_fraction": 0.0}}


async def heavy_client(base: str, until: float, latencies: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        net = await http.post("/api/networks", json={"spec": LARGEST})
        if net.status_code != 201:
            errors.append(f"create the largest: {net.status_code} {net.text[:100]}")
            return
        url = f"/api/networks/{net.json()['id']}/step"
        while time.perf_counter() < until:
            t = time.perf_counter()
            resp = await http.post(url)
            latencies.append(time.perf_counter() - t)
            if resp.status_code != 200:
                errors.append(f"{url}: {resp.status_code}")


def mixed_classroom(base: str, small: int = 30, heavy: int = 5, seconds: float = 10.0) -> tuple[Load, Load, Load]:
    """`small` clients stepping 2-2-2 networks alone, then again while `heavy` clients step the largest network
    (issue 12): the small clients' latencies in both halves, and the heavy ones'."""
    alone = hammer(base, small, seconds)
    together, big = Load(), Load()

    async def all_clients() -> None:
        start = time.perf_counter()
        until = start + seconds
        await asyncio.gather(*(client(base, until, together.latencies, together.errors, False) for _ in range(small)),
                             *(heavy_client(base, until, big.latencies, big.errors) for _ in range(heavy)))
        together.elapsed = big.elapsed = time.perf_counter() - start
    asyncio.run(all_clients())
    return alone, together, big


def mixed_rows(alone: Load, together: Load, big: Load) -> list[tuple[str, str, str, str]]:
    p95 = (percentile(alone.latencies, 95), percentile(together.latencies, 95))
    ratio = p95[1] / p95[0]
    errors = len(alone.errors) + len(together.errors) + len(big.errors)
    return [
        ("mixed classroom, 1 worker: 30 clients stepping 2-2-2 networks alone",
         f"p95 {p95[0] * 1e3:.1f} ms, {alone.rate:,.0f} req/s", "", ""),
        ("… while 5 clients step the largest allowed network (2-128×8-1, 10,000 examples, full batch)",
         f"small clients' p95 {p95[1] * 1e3:.1f} ms = {ratio:.1f}× alone ({together.rate:,.0f} req/s); heavy steps "
         f"p50 {median(big.latencies) * 1e3:.0f} ms ({len(big.latencies)} steps); {errors} errors",
         "≤ 3×, 0 errors", "yes" if ratio <= 3 and not errors else "no"),
    ]


def run(clients: int = 40, seconds: float = 20.0) -> list[tuple[str, str, str, str]]:
    rows = []
    port = free_port()
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port) as base:
        rows += mixed_rows(*mixed_classroom(base, seconds=seconds / 2))
        steps, trivial = against_trivial(base, clients, seconds)
        rows.append((f"1 worker, memory store, {clients} clients: GET /healthz (baseline)",
                     f"{trivial.rate:,.0f} req/s, p99 {percentile(trivial.latencies, 99) * 1e3:.1f} ms", "", ""))
        ratio = steps.rate / trivial.rate
        rows.append((f"1 worker, memory store, {clients} clients: POST /step",
                     f"{ratio:.2f}× the baseline's req/s ({steps.rate:,.0f} req/s, p50 "
                     f"{median(steps.latencies) * 1e3:.1f} ms, p99 {percentile(steps.latencies, 99) * 1e3:.1f} ms), "
                     f"{len(steps.errors) + len(trivial.errors)} errors", "≥ 0.5×, 0 errors",
                     "yes" if ratio >= 0.5 and not steps.errors and not trivial.errors else "no"))

    redis_bin = shutil.which("redis-server")
    if not redis_bin:
        rows.append(("2 workers over Redis", "redis-server not installed (make test installs it)", "0 errors", "no"))
        return rows
    rport, port = free_port(), free_port()
    redis = subprocess.Popen([redis_bin, "--port", str(rport), "--bind", "127.0.0.1", "--save", "",
                              "--appendonly", "no"], stdout=subprocess.DEVNULL)
    try:
        env = {**os.environ, "BACKPROP_STORE": f"redis://127.0.0.1:{rport}/0", "OPENBLAS_NUM_THREADS": "1"}
        command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--workers", "2",
                   "--port", str(port), "--log-level", "warning", "--no-access-log"]
        with running_server(command, port, env=env) as base:
            rows.append(row(f"2 workers over Redis, {clients} clients: POST /step", hammer(base, clients, seconds)))
    finally:
        redis.terminate()
        redis.wait(timeout=10)
    return rows


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=40)
    args = parser.parse_args()
    print_table("Classroom load (each client steps its own 2-2-2 network)", run(args.clients, args.seconds))
