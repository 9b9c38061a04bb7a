"""Classroom load: 40 clients, each stepping its own 2-2-2 network, for a fixed time (loopback only).

Two set-ups, one after the other: one worker with the in-memory store, and two uvicorn workers sharing
networks over Redis (a real redis-server on a free loopback port). Prints p50/p99 latency, requests per
second and the error count. `python -m bench.load [--seconds 20] [--clients 40]`
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


async def client(base: str, until: float, latencies: list[float], errors: list[str]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        net = await http.post("/api/networks", json={"preset": "mazur-2-2-2"})
        if net.status_code != 201:
            errors.append(f"create: {net.status_code}")
            return
        url = f"/api/networks/{net.json()['id']}/step"
        while time.perf_counter() < until:
            t = time.perf_counter()
            resp = await http.post(url)
            latencies.append(time.perf_counter() - t)
            if resp.status_code != 200:
                errors.append(f"step: {resp.status_code} {resp.text[:100]}")


async def hammer(base: str, clients: int, seconds: float) -> tuple[list[float], list[str], float]:
    latencies: list[float] = []
    errors: list[str] = []
    start = time.perf_counter()
    await asyncio.gather(*(client(base, start + seconds, latencies, errors) for _ in range(clients)))
    return latencies, errors, time.perf_counter() - start


def row(name: str, latencies: list[float], errors: list[str], elapsed: float) -> tuple[str, str, str, str]:
    return (name, f"{len(latencies) / elapsed:,.0f} req/s, p50 {median(latencies) * 1e3:.1f} ms, "
                  f"p99 {percentile(latencies, 99) * 1e3:.1f} ms, {len(errors)} errors",
            "0 errors", "yes" if not errors else "no")


def run(clients: int = 40, seconds: float = 20.0) -> list[tuple[str, str, str, str]]:
    rows = []
    port = free_port()
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port) as base:
        rows.append(row(f"1 worker, memory store, {clients} clients", *asyncio.run(hammer(base, clients, seconds))))

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
            rows.append(row(f"2 workers over Redis, {clients} clients", *asyncio.run(hammer(base, clients, seconds))))
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
