"""Two real app processes sharing one Redis: a network made by one is stepped by the other, 100 concurrent
steps over both land exactly as 100 sequential steps, and restarting both loses nothing."""

import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from pathlib import Path

import httpx
import numpy as np
import pytest

from app.core import training
from app.core.limits import Limits
from app.core.presets import PRESETS
from tests.support.server import free_port, running_server

ROOT = Path(__file__).parent.parent.parent


@contextmanager
def two_apps(monkeypatch: pytest.MonkeyPatch, store_url: str) -> Iterator[list[str]]:
    """Two uvicorn processes of the app, both on the same store; yields their base URLs."""
    monkeypatch.setenv("BACKPROP_STORE", store_url)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")
    with ExitStack() as stack:
        bases = []
        for _ in range(2):
            port = free_port()
            command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1",
                       "--port", str(port), "--no-access-log", "--log-level", "warning"]
            bases.append(stack.enter_context(running_server(command, port, cwd=ROOT)))
        yield bases


def weights(document: dict) -> dict[int, bytes]:
    return {layer["l"]: np.array(layer["W"], dtype=np.float64).tobytes() for layer in document["parameters"]}


def sequential_weights(preset: str, steps: int) -> dict[int, bytes]:
    model = training.create(PRESETS[preset].spec, Limits())
    for _ in range(steps):
        _, model = training.step(model)
    return {l: w.tobytes() for l, w in model.params.W.items()}


def test_processes_share_networks_and_steps_never_interleave(monkeypatch: pytest.MonkeyPatch,
                                                             redis_url: str) -> None:
    with two_apps(monkeypatch, redis_url) as (one, two):
        created = httpx.post(f"{one}/api/networks", json={"preset": "mazur-2-2-2"})
        assert created.status_code == 201
        network_id = created.json()["id"]

        first = httpx.post(f"{two}/api/networks/{network_id}/step")  # made by one, stepped by the other
        assert first.status_code == 200, first.text
        assert httpx.get(f"{one}/api/networks/{network_id}").json()["version"] == 2

        clients = [httpx.Client(base_url=one, timeout=60), httpx.Client(base_url=two, timeout=60)]
        try:
            def step(i: int) -> int:
                return clients[i % 2].post(f"/api/networks/{network_id}/step").status_code

            with ThreadPoolExecutor(max_workers=20) as pool:
                statuses = list(pool.map(step, range(100)))
        finally:
            for client in clients:
                client.close()
        assert statuses == [200] * 100

        document = httpx.get(f"{two}/api/networks/{network_id}").json()
        assert (document["version"], document["steps"]) == (102, 101)
        assert weights(document) == sequential_weights("mazur-2-2-2", 101)
        exported = httpx.get(f"{one}/api/networks/{network_id}/export").json()

    with two_apps(monkeypatch, redis_url) as (one, two):  # both restarted: nothing lost
        for base in (one, two):
            assert httpx.get(f"{base}/api/networks/{network_id}/export").json() == exported
        assert httpx.post(f"{two}/api/networks/{network_id}/step").status_code == 200
        document = httpx.get(f"{one}/api/networks/{network_id}").json()
        assert document["version"] == 103
        assert weights(document) == sequential_weights("mazur-2-2-2", 102)


def test_a_deleted_network_is_gone_for_every_process(monkeypatch: pytest.MonkeyPatch, redis_url: str) -> None:
    with two_apps(monkeypatch, redis_url) as (one, two):
        network_id = httpx.post(f"{one}/api/networks", json={"preset": "xor-2-2-1"}).json()["id"]
        assert httpx.delete(f"{two}/api/networks/{network_id}").status_code == 204
        gone = httpx.get(f"{one}/api/networks/{network_id}")
        assert gone.status_code == 404
        assert gone.json()["error"]["code"] == "network_not_found"


def test_redis_going_down_gives_503_store_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.store.conftest import start_redis

    server = start_redis()  # its own server, to stop under the running app
    try:
        with two_apps(monkeypatch, server.url) as (one, _):
            network_id = httpx.post(f"{one}/api/networks", json={"preset": "mazur-2-2-2"}).json()["id"]
            server.stop()
            for method, path in (("POST", "/api/networks"), ("GET", f"/api/networks/{network_id}"),
                                 ("POST", f"/api/networks/{network_id}/step"),
                                 ("DELETE", f"/api/networks/{network_id}")):
                body = {"preset": "mazur-2-2-2"} if path == "/api/networks" else None
                resp = httpx.request(method, f"{one}{path}", json=body, timeout=30)
                assert resp.status_code == 503, (method, path, resp.status_code, resp.text)
                assert resp.headers["content-type"].startswith("application/json")
                assert resp.json() == {"error": {"code": "store_unavailable", "field": None,
                                                 "message": resp.json()["error"]["message"]}}
            # /healthz counts the stored networks, so it reports the outage too; the pages still load.
            health = httpx.get(f"{one}/healthz")
            assert (health.status_code, health.json()["error"]["code"]) == (503, "store_unavailable")
            assert httpx.get(f"{one}/").status_code == 200
    finally:
        server.stop()
