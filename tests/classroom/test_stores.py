"""The class stores themselves: an expired class tells its open streams it has ended, on both stores."""

import asyncio

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
