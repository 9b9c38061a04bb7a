"""Issue 12, problem 3: one big step no longer holds everyone up. A step's size (its batch times its weights), not
the kind of store, decides whether it runs on the event loop; a heavy one goes to the thread pool, so /healthz and
the small networks' steps answer while it runs. Measured in one run against the heavy step itself (an ordering, not
an absolute speed)."""

from __future__ import annotations

import statistics
import sys
import threading
import time
from pathlib import Path

import httpx

from app.api.offload import LIGHT_STEP_WORK, step_work
from app.core import training
from app.core.limits import Limits
from app.core.presets import PRESETS
from tests.support.server import free_port, running_server

ROOT = Path(__file__).resolve().parents[2]
LARGEST = {"sizes": [2, *[128] * 8, 1], "activations": ["tanh"] * 8 + ["sigmoid"], "cost": "binary_cross_entropy",
           "eta": 0.01, "batch_size": 10_000, "seed": 1, "dataset": {"name": "spiral", "n": 10_000,
                                                                         "test_fraction": 0.0}}


def test_a_step_is_light_or_heavy_by_its_size() -> None:
    assert step_work(training.create(PRESETS["mazur-2-2-2"].spec, Limits())) <= LIGHT_STEP_WORK


def test_healthz_and_a_small_step_answer_while_the_largest_step_runs() -> None:
    port = free_port()
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=ROOT) as base, \
            httpx.Client(base_url=base, timeout=60) as heavy, httpx.Client(base_url=base, timeout=60) as light:
        big = heavy.post("/api/networks", json={"spec": LARGEST}).json()["id"]
        small = light.post("/api/networks", json={"preset": "mazur-2-2-2"}).json()["id"]
        heavy.post(f"/api/networks/{big}/step")   # warm up
        step_times: list[float] = []

        def step_the_big_one() -> None:
            for _ in range(3):
                start = time.perf_counter()
                assert heavy.post(f"/api/networks/{big}/step").status_code == 200
                step_times.append(time.perf_counter() - start)

        runner = threading.Thread(target=step_the_big_one)
        runner.start()
        waits, small_waits = [], []
        while runner.is_alive():
            start = time.perf_counter()
            assert light.get("/healthz").status_code == 200
            waits.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert light.post(f"/api/networks/{small}/step").status_code == 200
            small_waits.append(time.perf_counter() - start)
            time.sleep(0.01)
        runner.join()
    heavy_step = statistics.median(step_times)
    p99 = sorted(waits)[max(0, int(len(waits) * 0.99) - 1)]
    # Nine in ten small steps: a step stuck behind a heavy one waits its whole length, and then nearly all do; a
    # lone one on a machine loaded by other work (CI saw 283 ms of 481) says nothing about the server.
    worst_small = sorted(small_waits)[int(len(small_waits) * 0.9) - 1 if len(small_waits) >= 10 else -1]
    assert len(waits) >= 10, f"only {len(waits)} health checks during {sum(step_times):.2f} s of heavy steps"
    assert p99 < 0.1 and p99 < heavy_step / 4, \
        f"/healthz p99 {1000 * p99:.0f} ms; a heavy step {1000 * heavy_step:.0f} ms"
    assert worst_small < heavy_step / 2, f"2-2-2 steps waited {1000 * worst_small:.0f} ms (p90) behind a heavy step"
