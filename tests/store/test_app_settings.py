"""The store and CORS as the settings pick them: memory and no CORS by default."""

import pytest
import yaml
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.store import MemoryStore
from app.store.redis import RedisStore
from tests.store.test_many_workers import ROOT

PREFLIGHT = {"origin": "http://school.example", "access-control-request-method": "POST",
             "access-control-request-headers": "content-type"}


@pytest.mark.parametrize("value", [None, "memory"])
def test_memory_store_when_unset_or_memory(monkeypatch: pytest.MonkeyPatch, value: str | None) -> None:
    if value is None:
        monkeypatch.delenv("BACKPROP_STORE", raising=False)
    else:
        monkeypatch.setenv("BACKPROP_STORE", value)
    settings = Settings()
    assert settings.store == "memory"
    app = create_app(settings)
    assert isinstance(app.state.store, MemoryStore)
    with TestClient(app) as client:
        network_id = client.post("/api/networks", json={"preset": "mazur-2-2-2"}).json()["id"]
        assert client.post(f"/api/networks/{network_id}/step").status_code == 200
        assert client.get(f"/api/networks/{network_id}").json()["version"] == 2
        assert client.get("/healthz").json() == {"status": "ok", "networks": 1}


def test_redis_store_from_the_environment(monkeypatch: pytest.MonkeyPatch, redis_url: str) -> None:
    monkeypatch.setenv("BACKPROP_STORE", redis_url)
    monkeypatch.setenv("BACKPROP_STORE_TTL_SECONDS", "3600")
    app = create_app(Settings())
    assert isinstance(app.state.store, RedisStore)
    assert app.state.store.ttl == 3600
    with TestClient(app) as client:
        created = client.post("/api/networks", json={"preset": "mazur-2-2-2"})
        assert created.status_code == 201
        assert client.get(f"/api/networks/{created.json()['id']}").json()["preset"] == "mazur-2-2-2"


def test_redis_down_in_process_is_503_not_500(dead_redis_url: str) -> None:
    with TestClient(create_app(Settings(store=dead_redis_url)), raise_server_exceptions=False) as client:
        resp = client.post("/api/networks", json={"preset": "mazur-2-2-2"})
        assert resp.status_code == 503
        assert resp.json()["error"]["code"] == "store_unavailable"
        assert resp.json()["error"]["field"] is None
        assert resp.headers["retry-after"] == "5"
        assert "content-security-policy" in resp.headers


def test_a_bad_store_url_is_refused_at_start() -> None:
    with pytest.raises(ValueError, match="BACKPROP_STORE"):
        create_app(Settings(store="mysql://nope"))


def test_no_cors_headers_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BACKPROP_CORS_ORIGINS", raising=False)
    assert Settings().cors_origins == []
    with TestClient(create_app(Settings())) as client:
        preflight = client.options("/api/networks", headers=PREFLIGHT)
        assert "access-control-allow-origin" not in preflight.headers
        simple = client.get("/api/presets", headers={"origin": "http://school.example"})
        assert "access-control-allow-origin" not in simple.headers


@pytest.mark.parametrize("value", ["http://school.example", "http://other.example, http://school.example",
                                   '["http://school.example"]'])
def test_cors_for_configured_origins(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("BACKPROP_CORS_ORIGINS", value)
    settings = Settings()
    assert "http://school.example" in settings.cors_origins
    with TestClient(create_app(settings)) as client:
        preflight = client.options("/api/networks", headers=PREFLIGHT)
        assert preflight.status_code == 200
        assert preflight.headers["access-control-allow-origin"] == "http://school.example"
        assert "POST" in preflight.headers["access-control-allow-methods"]
        created = client.post("/api/networks", json={"preset": "mazur-2-2-2"},
                              headers={"origin": "http://school.example"})
        assert created.headers["access-control-allow-origin"] == "http://school.example"
        other = client.options("/api/networks", headers={**PREFLIGHT, "origin": "http://evil.example"})
        assert other.headers.get("access-control-allow-origin") != "http://evil.example"


def test_compose_runs_several_workers_on_redis() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    app, redis = compose["services"]["app"], compose["services"]["redis"]
    assert app["build"] == "."
    command = app["command"]
    assert command[:3] == ["uvicorn", "app.main:create_app", "--factory"]
    assert int(command[command.index("--workers") + 1]) > 1
    assert command[command.index("--host") + 1] == "0.0.0.0"  # inside a container: every interface
    assert app["environment"]["BACKPROP_STORE"] == "redis://redis:6379/0"
    assert "redis" in app["depends_on"]
    assert redis["image"] == "redis:7"
    # A memory budget that evicts only keys with a TTL (the networks), never the LRU index (issue 12, problem 6).
    rc = redis["command"]
    assert rc[rc.index("--maxmemory") + 1] == "1gb" and rc[rc.index("--maxmemory-policy") + 1] == "volatile-lru"
