"""Fixtures of the live-class tests: an app whose class store runs on a clock the test moves, and a real Redis."""

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.classroom.memory import MemoryClassStore
from app.classroom.redis import RedisClassStore
from app.classroom.store import ClassLimits, ClassStore
from app.config import Settings
from app.main import create_app
from tests.store.conftest import redis_server, redis_url  # noqa: F401  (a real redis-server, started once)


class Clock:
    """Time that passes only when the test says so."""

    def __init__(self, now: float = 1_000_000.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> Clock:
    return Clock()


MakeClient = Callable[..., TestClient]


@pytest.fixture(params=["memory", "redis"])
def store_kind(request: pytest.FixtureRequest) -> str:
    """Every API test runs twice: on the in-memory class store and on the Redis one (a real redis-server)."""
    return request.param


@pytest.fixture
def make_class_client(clock: Clock, store_kind: str, request: pytest.FixtureRequest) -> Iterator[MakeClient]:
    """make(settings=None, **limits) → a TestClient of a fresh app whose classes run on `clock`, in memory or in
    Redis (store_kind). Closed at the end of the test."""
    clients: list[TestClient] = []
    url = request.getfixturevalue("redis_url") if store_kind == "redis" else None

    def make(settings: dict[str, Any] | None = None, **limits: Any) -> TestClient:
        class_store: ClassStore = (MemoryClassStore(ClassLimits(**limits), clock=clock) if url is None
                                   else RedisClassStore(url, ClassLimits(**limits), clock=clock))
        app = create_app(Settings(**(settings or {})), class_store=class_store)
        client = TestClient(app, raise_server_exceptions=False)
        client.__enter__()  # runs the lifespan: its end closes the store's connections
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def api(make_class_client: MakeClient) -> TestClient:
    return make_class_client()
