"""The class stores themselves: an expired class tells its open streams it has ended, on both stores."""

import asyncio
import subprocess

import pytest

from app.classroom.memory import MemoryClassStore
from app.classroom.redis import RedisClassStore
from app.classroom.store import ClassLimits, ClassStore
from tests.classroom.conftest import Clock


def make_store(kind: str, clock: Clock, request: pytest.FixtureRequest) -> ClassStore:
    limits = ClassLimits(idle_seconds=60)
    if kind == "memory":
        return MemoryClassStore(limits, clock=clock)
    return RedisClassStore(request.getfixturevalue("redis_url"), limits, clock=clock)


def test_an_expired_class_ends_its_streams(store_kind: str, clock: Clock, request: pytest.FixtureRequest) -> None:
    store = make_store(store_kind, clock, request)

    async def run() -> None:
        try:
            state = await store.create("t", "{}", "http://x")
            async with store.subscribe(state.code) as queue:
                await store.move(state.code, '{"step":1}')
                assert (await asyncio.wait_for(queue.get(), 5)).name == "position"
                clock.advance(61)
                assert not await store.exists(state.code)
                ended = await asyncio.wait_for(queue.get(), 5)
                assert (ended.name, ended.seq, ended.data) == ("ended", 2, "{}")
        finally:
            await store.close()

    asyncio.run(run())


def test_a_stream_opened_before_the_state_is_read_misses_nothing(store_kind: str, clock: Clock,
                                                                 request: pytest.FixtureRequest) -> None:
    """The route subscribes, then reads the state: an event committed in between is on the queue (and skipped by
    its seq if the state already holds it), so no student misses one."""
    store = make_store(store_kind, clock, request)

    async def run() -> None:
        try:
            state = await store.create("t", "{}", "http://x")
            async with store.subscribe(state.code) as queue:
                seq = await store.move(state.code, '{"step":1}')  # between subscribing and reading
                read = await store.get(state.code)
                assert read.seq == seq == 1
                assert (await asyncio.wait_for(queue.get(), 5)).seq == 1
        finally:
            await store.close()

    asyncio.run(run())


def test_redis_going_away_closes_the_streams_answers_503_and_coming_back_works_again(clock: Clock) -> None:
    """The streams of a worker that lost Redis may have missed events: they are closed (their pages reconnect and
    read the class again); meanwhile every class route answers 503; once Redis is back, events flow again."""
    from fastapi.testclient import TestClient

    from app.classroom.hub import CLOSED
    from app.config import Settings
    from app.main import create_app
    from app.store.base import StoreUnavailable
    from tests.store.conftest import start_redis

    server = start_redis()
    store = RedisClassStore(server.url, ClassLimits(), clock=clock)

    async def lose_redis() -> str:
        state = await store.create("t", "{}", "http://x")
        async with store.subscribe(state.code) as queue:
            server.stop()
            assert await asyncio.wait_for(queue.get(), 10) is CLOSED
        with pytest.raises(StoreUnavailable):
            await store.get(state.code)
        return state.code

    try:
        code = asyncio.run(lose_redis())
        with TestClient(create_app(Settings(), class_store=store), raise_server_exceptions=False) as api:
            for method, path in (("POST", "/api/classes"), ("GET", f"/api/classes/{code}"),
                                 ("POST", f"/api/classes/{code}/join"), ("GET", f"/api/classes/{code}/events")):
                resp = api.request(method, path, json={"position": {}} if path == "/api/classes" else {})
                assert (resp.status_code, resp.json()["error"]["code"]) == (503, "store_unavailable"), resp.text

        back = subprocess.Popen(["redis-server", "--port", str(server.port), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no"], stdout=subprocess.DEVNULL)
        try:
            async def works_again() -> None:
                for _ in range(100):  # until the new server answers
                    try:
                        state = await store.create("t", "{}", "http://x")
                        break
                    except StoreUnavailable:
                        await asyncio.sleep(0.05)
                async with store.subscribe(state.code) as queue:
                    await store.move(state.code, "{}")
                    assert (await asyncio.wait_for(queue.get(), 5)).name == "position"
                await store.close()

            asyncio.run(works_again())
        finally:
            back.terminate()
            back.wait(10)
    finally:
        server.stop()
