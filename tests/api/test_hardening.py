"""Hardening: concurrent steps on a real server, extreme numbers, bounded work and memory, security headers.

- 100 concurrent steps on one network against a real uvicorn server end exactly where 100 sequential steps in
  the core end, bit for bit.
- Huge η, huge inputs and deep sigmoid stacks never give a 500 or a NaN/Infinity in any response; divergence
  is reported as such, and a reset makes the network steppable again.
- Bodies, steps, time and the number of networks are capped; an evicted network's 404 says it expired.
- Every response (pages, API, errors, static files, docs) carries the security headers; no error shows a trace.
"""

import asyncio
import base64
import sys
import time
from pathlib import Path

import httpx
import numpy as np
import pytest
from fastapi.testclient import TestClient

from app.api.schemas.documents import NetworkDocument
from app.api.schemas.traces import StepResult, TrainResult
from app.config import Settings
from app.core import training
from app.core.limits import Limits
from app.core.presets import PRESETS
from app.main import create_app
from app.store import memory
from app.store.base import NetworkNotFound
from tests.api.api_helpers import assert_error, conform, create, make_client, net_url
from tests.support.server import free_port, running_server
from tests.support.strict_json import assert_strict_json

ROOT = Path(__file__).parent.parent.parent


def no_nan(resp: httpx.Response) -> httpx.Response:
    assert resp.status_code < 500, resp.text[:500]
    kind = resp.headers.get("content-type", "")
    if kind.startswith("text/event-stream"):  # each event's data is JSON
        for line in resp.text.splitlines():
            if line.startswith("data: "):
                assert_strict_json(line[6:])
    elif kind.startswith("application/json"):
        assert_strict_json(resp.content)
    return resp


# ---------------------------------------------------------------- concurrency on a real server

async def _concurrent_steps(base: str, network_id: str, n: int) -> list[httpx.Response]:
    limits = httpx.Limits(max_connections=n, max_keepalive_connections=n)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60.0) as client:
        return await asyncio.gather(*(client.post(net_url(network_id, "step")) for _ in range(n)))


def test_100_concurrent_steps_equal_100_sequential_steps_bit_for_bit():
    port = free_port()
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=ROOT) as base:
        doc = httpx.post(f"{base}/api/networks", json={"preset": "xor-2-2-1"}).json()
        responses = asyncio.run(_concurrent_steps(base, doc["id"], 100))
        final = httpx.get(f"{base}{net_url(doc['id'])}")

    for resp in responses:
        conform(resp, StepResult)
    # Each step saw a different version: the steps ran one after another, none interleaved.
    assert sorted(r.json()["forward"]["version"] for r in responses) == list(range(doc["version"],
                                                                                    doc["version"] + 100))
    after = conform(final, NetworkDocument)
    assert after["version"] == doc["version"] + 100 and after["steps"] == 100

    model = training.create(PRESETS["xor-2-2-1"].spec, Limits())
    for _ in range(100):
        _, model = training.step(model)
    for layer in after["parameters"]:
        l = layer["l"]
        assert layer["W"] == model.params.W[l].tolist()  # float ==: bit for bit (orjson round-trips exactly)
        assert layer["b"] == model.params.b[l].tolist()


# ---------------------------------------------------------------- numerics

HUGE = 1e6
EXTREME_SPECS = {
    "sigmoid, huge eta": {"sizes": [2, 3, 1], "activations": "sigmoid", "cost": "quadratic", "eta": HUGE,
                          "batch_size": 4, "seed": 1, "dataset": {"name": "xor", "n": 40}},
    "deep sigmoid stack": {"sizes": [2] + [5] * 8 + [1], "activations": "sigmoid", "cost": "quadratic",
                           "eta": HUGE, "batch_size": 4, "seed": 1, "dataset": {"name": "xor", "n": 40}},
    "linear, huge inputs": {"sizes": [2, 3, 1], "activations": "linear", "cost": "quadratic", "eta": HUGE,
                            "batch_size": 2, "seed": 1,
                            "samples": {"x": [[HUGE, -HUGE], [-HUGE, HUGE]], "y": [[HUGE], [-HUGE]]}},
    "softmax, huge eta": {"sizes": [2, 4, 3], "activations": ["relu", "softmax"], "cost": "softmax_cross_entropy",
                          "eta": HUGE, "batch_size": 8, "seed": 1, "dataset": {"name": "spiral3", "n": 60}},
    "cross-entropy, huge eta": {"sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"],
                                "cost": "binary_cross_entropy", "eta": HUGE, "batch_size": 8, "seed": 1,
                                "dataset": {"name": "xor", "n": 60}},
    "adam, huge inputs": {"sizes": [2, 4, 1], "activations": "linear", "cost": "quadratic", "eta": HUGE,
                          "optimizer": "adam", "batch_size": 2, "seed": 1,
                          "samples": {"x": [[HUGE, -HUGE], [-HUGE, HUGE]], "y": [[HUGE], [-HUGE]]}},
    "momentum, huge penalties": {"sizes": [2, 4, 1], "activations": ["leaky_relu", "linear"], "cost": "quadratic",
                                 "eta": HUGE, "optimizer": "momentum", "lam": HUGE, "l1": HUGE, "batch_size": 2,
                                 "seed": 1,
                                 "samples": {"x": [[HUGE, -HUGE], [-HUGE, HUGE]], "y": [[HUGE], [-HUGE]]}},
}
# These overflow for sure (Adam's steps are about η whatever the gradient, so it stays finite for longer).
DIVERGING = {"linear, huge inputs", "momentum, huge penalties"}


def _diverged(resp: httpx.Response, path: str) -> bool:
    if resp.status_code == 422:
        assert resp.json()["error"]["code"] == "diverged", resp.text  # the only 422 these valid calls may get
        assert "diverged" in resp.json()["error"]["message"].lower()
        return True
    if path == "/train":
        return resp.json()["status"] == "diverged"
    if path == "/train/stream":
        return b'"status":"diverged"' in resp.content
    if path == "/compare":
        return b'"diverged"' in resp.content
    return False


@pytest.mark.parametrize("name", list(EXTREME_SPECS))
def test_extreme_numbers_never_give_a_500_or_a_nan_and_divergence_is_reported(name):
    spec = EXTREME_SPECS[name]
    n_in, n_out = spec["sizes"][0], spec["sizes"][-1]
    calls = [("POST", "/forward", None), ("POST", "/forward", {"inputs": [[HUGE] * n_in, [-HUGE] * n_in]}),
             ("POST", "/forward", {"inputs": [[-HUGE] * n_in], "targets": [[1.0] + [0.0] * (n_out - 1)]}),
             ("POST", "/backward", None), ("POST", "/gradcheck", None), ("GET", "/metrics", None),
             ("GET", "/boundary?resolution=10", None), ("POST", "/compare", {"etas": [HUGE, 1e-3], "steps": 30}),
             ("POST", "/step", None), ("POST", "/update", None), ("POST", "/train", {"steps": 200}),
             ("POST", "/train/stream", {"steps": 60, "chunk": 20}), ("GET", "", None), ("GET", "/export", None)]
    with make_client(max_train_seconds=0.5) as client:
        doc = create(client, {"spec": spec})
        url = net_url(doc["id"])
        diverged = False
        for _ in range(3):
            for method, path, body in calls:
                resp = no_nan(client.request(method, url + path, json=body))
                assert resp.status_code in (200, 422), (path, resp.text[:300])
                diverged |= _diverged(resp, path.split("?")[0])
        if name in DIVERGING:
            assert diverged
        conform(client.post(url + "/reset"), NetworkDocument)
        conform(no_nan(client.post(url + "/step")), StepResult)


def test_a_diverged_step_says_so_and_leaves_the_network_as_it_was(client):
    doc = create(client, {"spec": EXTREME_SPECS["linear, huge inputs"]})
    url = net_url(doc["id"])
    for _ in range(10):
        resp = no_nan(client.post(url + "/step"))
        if resp.status_code == 422:
            break
    error = assert_error(resp, 422, "diverged")
    assert "learning rate" in error["message"] and "reset" in error["message"]
    before = client.get(url).json()
    assert_error(no_nan(client.post(url + "/step")), 422, "diverged")
    assert client.get(url).json()["version"] == before["version"]  # a refused step changes nothing
    conform(client.post(url + "/reset"), NetworkDocument)
    conform(no_nan(client.post(url + "/step")), StepResult)


# ---------------------------------------------------------------- bounded work and memory

def test_a_body_over_the_limit_is_refused_with_413(small_client):
    resp = small_client.post("/api/networks", content=b"{" + b" " * 5000 + b"}",
                             headers={"content-type": "application/json"})
    assert_error(resp, 413, "body_too_large")
    assert_error(small_client.post("/api/networks/x/step", content=b"x" * 5000), 413, "body_too_large")


def test_steps_per_call_are_capped(small_client):
    doc = create(small_client, {"preset": "xor-2-2-1"})
    assert_error(small_client.post(net_url(doc["id"], "train"), json={"steps": 51}), 422, field="steps")
    assert_error(small_client.post(net_url(doc["id"], "compare"), json={"etas": [0.1], "steps": 51}), 422)
    assert_error(small_client.post(net_url(doc["id"], "train/stream"), json={"steps": 51, "chunk": 10}), 422)
    conform(small_client.post(net_url(doc["id"], "train"), json={"steps": 50}), TrainResult)


def test_time_per_call_is_capped():
    with make_client(max_train_seconds=0.1) as client:
        doc = create(client, {"spec": {"sizes": [2, 64, 64, 64, 1], "activations": "tanh", "cost": "quadratic",
                                       "eta": 0.01, "batch_size": 1000, "seed": 1,
                                       "dataset": {"name": "spiral", "n": 1000}}})
        start = time.perf_counter()
        result = conform(client.post(net_url(doc["id"], "train"), json={"steps": 10_000}), TrainResult)
        assert time.perf_counter() - start < 3.0
    assert result["status"] == "time_limit" and 0 < result["steps_done"] < 10_000, result["status"]


def test_beyond_max_networks_the_least_recently_used_expires_with_a_clear_404():
    with make_client(max_networks=2) as client:
        first, second, third = (create(client, {"preset": "xor-2-2-1"}) for _ in range(3))
        for method, action in (("GET", ""), ("POST", "step"), ("DELETE", ""), ("GET", "metrics")):
            error = assert_error(client.request(method, net_url(first["id"], action)), 404, "network_not_found",
                                 "network_id")
            assert "expired" in error["message"] and "2 most recently used" in error["message"], error
        for doc in (second, third):
            conform(client.get(net_url(doc["id"])), NetworkDocument)
        never = assert_error(client.get(net_url("never-was-a-network-id")), 404, "network_not_found")
        assert "does not exist" in never["message"] and "expired:" not in never["message"]


def test_a_recently_used_network_is_kept():
    with make_client(max_networks=2) as client:
        first, second = create(client, {"preset": "xor-2-2-1"}), create(client, {"preset": "xor-2-2-1"})
        client.get(net_url(first["id"]))  # now the second is the least recently used
        create(client, {"preset": "xor-2-2-1"})
        conform(client.get(net_url(first["id"])), NetworkDocument)
        assert "expired" in assert_error(client.get(net_url(second["id"])), 404)["message"]


def test_the_store_remembers_a_bounded_number_of_expired_ids(monkeypatch):
    monkeypatch.setattr(memory, "EXPIRED_MEMORY", 3)
    store = memory.MemoryStore(max_networks=1)
    model = training.create(PRESETS["xor-2-2-1"].spec, Limits())
    ids = [store.add(model) for _ in range(6)]  # the first five are evicted, the last three remembered
    assert len(store) == 1 and len(store._expired) == 3
    with pytest.raises(NetworkNotFound) as forgotten:
        store.get(ids[0])
    assert not forgotten.value.expired
    for network_id in ids[2:5]:
        with pytest.raises(NetworkNotFound) as evicted:
            store.update(network_id, lambda m: (None, m))
        assert evicted.value.expired and evicted.value.network_id == network_id
    assert store.get(ids[5]) is model


def test_no_endpoint_lists_the_networks(client):
    create(client, {"preset": "xor-2-2-1"})
    resp = client.get("/api/networks")
    assert_error(resp, 405, "method_not_allowed")
    assert resp.headers["allow"] == "POST"
    paths = client.get("/openapi.json").json()["paths"]
    assert "get" not in paths["/api/networks"]


def test_ids_are_unguessable(client):
    ids = [create(client, {"preset": "xor-2-2-1"})["id"] for _ in range(50)]
    assert len(set(ids)) == len(ids)
    for network_id in ids:
        assert len(base64.urlsafe_b64decode(network_id + "==")) >= 16  # at least 128 random bits


# ---------------------------------------------------------------- security headers, no stack traces

def assert_security_headers(resp: httpx.Response) -> None:
    csp = resp.headers.get("content-security-policy", "")
    assert "default-src 'self'" in csp and "frame-ancestors" in csp, (resp.request.url, resp.headers)
    assert resp.headers.get("x-content-type-options") == "nosniff"
    assert resp.headers.get("referrer-policy")


def assert_no_stack_trace(resp: httpx.Response) -> None:
    for leak in (b"Traceback", b'File "', b".py", b"secret internals", b"RuntimeError"):
        assert leak not in resp.content, resp.text[:500]


@pytest.fixture
def crashing_client():
    """An app whose store raises an unexpected error: the 500 path."""

    class CrashingStore(memory.MemoryStore):
        def get(self, network_id: str):
            raise RuntimeError("secret internals at /work/app/store.py")

    app = create_app(Settings(), store=CrashingStore())
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


def test_every_kind_of_response_carries_the_security_headers(small_client, crashing_client):
    doc = create(small_client, {"preset": "xor-2-2-1"})
    responses = {
        "page /": small_client.get("/"), "page /lab": small_client.get("/lab"),
        "page /about": small_client.get("/about"), "docs": small_client.get("/docs"),
        "openapi": small_client.get("/openapi.json"), "health": small_client.get("/healthz"),
        "api": small_client.get("/api/presets"), "network": small_client.get(net_url(doc["id"])),
        "stream": small_client.post(net_url(doc["id"], "train/stream"), json={"steps": 4, "chunk": 2}),
        "static": small_client.get("/static/js/api.js"),
        "404 path": small_client.get("/no/such/page"), "404 network": small_client.get(net_url("nope")),
        "405": small_client.delete("/api/presets"),
        "413": small_client.post("/api/networks", content=b"x" * 5000),
        "422": small_client.post("/api/networks", json={"preset": "nope"}),
        "422 json": small_client.post("/api/networks", content=b"{not json",
                                      headers={"content-type": "application/json"}),
        "500": crashing_client.get(net_url("anything")),
    }
    for name, resp in responses.items():
        assert_security_headers(resp)
        if resp.status_code >= 400:
            assert_no_stack_trace(resp)
            assert set(resp.json()) == {"error"}, name
    assert responses["500"].status_code == 500
    assert responses["static"].status_code == 200 and responses["docs"].status_code == 200


def test_the_real_server_sends_the_security_headers_on_errors_too():
    port = free_port()
    with running_server([sys.executable, "-m", "app", "--port", str(port)], port, cwd=ROOT) as base:
        big = b"x" * (Settings().max_body_bytes + 1)
        for resp in (httpx.get(f"{base}/"), httpx.get(f"{base}/static/js/api.js"), httpx.get(f"{base}/nope"),
                     httpx.put(f"{base}/api/presets"), httpx.post(f"{base}/api/networks", content=big)):
            assert_security_headers(resp)
            if resp.status_code >= 400:
                assert_no_stack_trace(resp)
    assert resp.status_code == 413


def test_errors_never_show_internals(client):
    provoked = [client.post("/api/networks", content=b"\xff\xfe", headers={"content-type": "application/json"}),
                client.post("/api/networks", json={"spec": {"sizes": "x"}}),
                client.post("/api/networks", json={"spec": {"sizes": [2, 0, 1], "dataset": {"name": "xor"}}}),
                client.post("/api/networks/import", json={"format": 1}),
                client.post("/api/csv/parse", json={"csv": "a,b\n1", "features": ["zz"], "target": "q"}),
                client.get("/api/datasets/nope"), client.get("/api/networks/x/boundary?resolution=-1")]
    for resp in provoked:
        assert 400 <= resp.status_code < 500
        assert_no_stack_trace(resp)
        assert set(resp.json()["error"]) == {"code", "message", "field"}
        np.testing.assert_equal(resp.headers["content-type"], "application/json")
