"""Classes in Redis: shared by every worker process (BACKPROP_STORE=redis://…); a worker's restart loses nothing.

Keys (under the prefix, "bpx:" by default), each with a TTL of the idle timeout (plus a minute), renewed on use:
    bpx:class:<CODE>            hash: teacher (token hash), join_url, position, seq, touched, question, qid, qopen,
                                reveal
    bpx:class:<CODE>:students   hash: student token hash → "<student id>\\n<nickname>"
    bpx:class:<CODE>:answers    hash: student token hash → the answer (JSON) to the current question
    bpx:classes                 sorted set: code → last use, to count the live classes
    bpx:joinfail:<address>      sorted set of the failed lookups of the last minute (the join throttle)
and the channel bpx:classev:<CODE> carries the class's events.

Every change is one Lua script: it checks the class is live (and not idle past the timeout, by the clock given —
so a test's clock expires a class as real time would), writes, counts the event (seq + 1) and PUBLISHes it, all at
once. Redis runs one script at a time, so 300 students answering together all count, and a class's events are
published in the order of their seq. Asking and revealing compute in Python and commit only if the seq they read
is still the class's (else read again). Each process holds ONE pub/sub subscription (a pattern over all classes)
and fans the events out to its own open streams (hub.py).
"""

import asyncio
import logging
import math
import secrets
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import replace
from typing import Any

import orjson
import redis.asyncio as aioredis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from ..store.base import StoreUnavailable
from . import joinurl, logic
from .errors import ClassFull, ClassNotFound, NoQuestion, NotAStudent, QuestionClosed, TooManyClasses
from .hub import Event, LocalHub
from .logic import ClassState, Question
from .lua import PRELUDE, SCRIPTS
from .store import FAILED_JOIN_WINDOW, ClassLimits

log = logging.getLogger("backprop_explorer")

MAX_RETRIES = 100  # of a commit whose class moved on meanwhile (students answering): each retry reads again
SUBSCRIBE_TIMEOUT = 5.0
POOL_SIZE = 16  # connections per worker process, the event subscription's included


@contextmanager
def reachable() -> Iterator[None]:
    """Redis down, refusing or timing out → StoreUnavailable, which the API answers with 503."""
    try:
        yield
    except (RedisConnectionError, RedisTimeoutError, OSError) as err:
        raise StoreUnavailable(f"The class store (Redis) is not reachable: {err}") from err


def _pairs(flat: list[str]) -> dict[str, str]:
    return dict(zip(flat[::2], flat[1::2], strict=True))


class RedisClassStore:
    def __init__(self, url: str, limits: ClassLimits | None = None, clock: Callable[[], float] = time.time,
                 prefix: str = "bpx:") -> None:
        self.url, self.limits, self.clock, self.prefix = url, limits or ClassLimits(), clock, prefix
        self.hub = LocalHub()
        # redis.asyncio connections belong to the event loop that made them: one set per loop (a server has one;
        # tests run several in turn).
        self._loop: asyncio.AbstractEventLoop | None = None
        self._redis: aioredis.Redis | None = None
        self._scripts: dict[str, Any] = {}
        self._listener: asyncio.Task[None] | None = None
        self._ready = asyncio.Event()

    def _client(self) -> aioredis.Redis:
        loop = asyncio.get_running_loop()
        if self._redis is None or self._loop is not loop:
            self._loop = loop
            # A bounded pool that makes a request wait for a free connection: 200 students joining at once would
            # otherwise open 200 connections together, and some time out connecting on a busy machine. Redis runs
            # one command at a time anyway; a few connections per worker keep it busy.
            pool = aioredis.BlockingConnectionPool.from_url(
                self.url, max_connections=POOL_SIZE, timeout=10, decode_responses=True, socket_connect_timeout=5,
                socket_timeout=10, health_check_interval=30)
            self._redis = aioredis.Redis(connection_pool=pool)
            self._scripts = {name: self._redis.register_script(PRELUDE + body) for name, body in SCRIPTS.items()}
            self._listener, self._ready = None, asyncio.Event()
        return self._redis

    def _keys(self, code: str) -> list[str]:
        key = f"{self.prefix}class:{code}"
        return [key, f"{key}:students", f"{key}:answers", f"{self.prefix}classes"]

    def _channel(self, code: str) -> str:
        return f"{self.prefix}classev:{code}"

    async def _run(self, script: str, code: str, *args: Any) -> Any:
        self._client()
        with reachable():
            return await self._scripts[script](keys=self._keys(code), args=[
                repr(self.clock()), self.limits.idle_seconds, code, self._channel(code), *args])

    def _state(self, code: str, fields: dict[str, str], students: int, answers: int) -> ClassState:
        question = Question.from_json(fields["question"]) if fields.get("question") else None
        return ClassState(code, int(fields["seq"]), students, fields["position"], question, answers,
                          fields.get("reveal") or None, fields["join_url"], fields["teacher"],
                          float(fields["touched"]))

    async def create(self, teacher: str, position: str, join_base: str) -> ClassState:
        while True:
            code = logic.new_code()
            url = joinurl.join_url(join_base, code)
            made = await self._run("create", code, self.limits.max_classes, teacher, url, position)
            if made == -1:
                raise TooManyClasses(self.limits.max_classes)
            if made == 1:
                return ClassState(code, 0, 0, position, None, 0, None, url, teacher, self.clock())

    async def get(self, code: str) -> ClassState:
        found = await self._run("load", code)
        if not found:
            raise ClassNotFound(code)
        fields, students, answers = found
        return self._state(code, _pairs(fields), students, answers)

    async def exists(self, code: str) -> bool:
        return bool(await self._run("exists", code))

    async def student(self, code: str, token: str) -> str | None:
        with reachable():
            found = str(await self._client().hget(self._keys(code)[1], token) or "")  # type: ignore[misc]
        return found.split("\n", 1)[0] if found else None

    async def move(self, code: str, position: str) -> int:
        seq = await self._run("move", code, position)
        if seq == -1:
            raise ClassNotFound(code)
        return int(seq)

    async def end(self, code: str) -> None:
        if await self._run("end", code) == -1:
            raise ClassNotFound(code)

    async def join(self, code: str, token: str, nickname: str | None) -> tuple[str, str]:
        student_id = logic.new_student_id()
        done = await self._run("join", code, self.limits.max_students, token, student_id, nickname or "")
        if done[0] == -1:
            raise ClassNotFound(code)
        if done[0] == -3:
            raise ClassFull(self.limits.max_students)
        return student_id, done[1]

    async def _commit(self, code: str, seq: int, event: str, data: str, clear: bool, **fields: Any) -> int:
        """Write `fields` and broadcast the event, if the class is still at `seq`; -2 when it moved on."""
        pairs = [item for pair in fields.items() for item in pair]
        done = int(await self._run("commit", code, seq, event, data, "1" if clear else "0", *pairs))
        if done == -1:
            raise ClassNotFound(code)
        return done

    async def ask(self, code: str, question: Question) -> Question:
        for _ in range(MAX_RETRIES):
            state = await self.get(code)
            asked = replace(question, id=state.seq + 1, open=True)
            done = await self._commit(code, state.seq, "question", logic.dumps(asked.public(0)), True,
                                      question=asked.to_json(), qid=asked.id, qopen=1, reveal="")
            if done != -2:
                return asked
        raise StoreUnavailable("The class changed too often to ask a question; try again.")

    async def answer(self, code: str, token: str, question_id: int, value: float | str) -> None:
        question = (await self.get(code)).question
        if question is None or not question.open or question.id != question_id:
            raise QuestionClosed()
        kept = logic.check_value(question, value)
        done = await self._run("answer", code, token, question_id, logic.dumps(kept))
        if done == -1:
            raise ClassNotFound(code)
        if done == -4:
            raise NotAStudent()
        if done == -5:
            raise QuestionClosed()

    async def _snapshot(self, code: str) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
        found = await self._run("snapshot", code)
        if not found:
            raise ClassNotFound(code)
        fields, students, answers = found
        return _pairs(fields), _pairs(students), _pairs(answers)

    async def reveal(self, code: str) -> str:
        for _ in range(MAX_RETRIES):
            fields, _, answers = await self._snapshot(code)
            if not fields.get("question"):
                raise NoQuestion()
            if fields.get("reveal"):
                return fields["reveal"]
            question = Question.from_json(fields["question"])
            shown = logic.reveal(question, [orjson.loads(v) for v in answers.values()]).to_json()
            done = await self._commit(code, int(fields["seq"]), "reveal", shown, False, reveal=shown, qopen=0,
                                      question=replace(question, open=False).to_json())
            if done != -2:
                return shown
        raise StoreUnavailable("The class changed too often to reveal; try again.")

    async def answers(self, code: str) -> tuple[Question | None, list[tuple[str, float | str]]]:
        fields, students, answers = await self._snapshot(code)
        question = Question.from_json(fields["question"]) if fields.get("question") else None
        names = {token: entry.split("\n", 1)[1] for token, entry in students.items()}
        return question, [(names.get(token, "?"), orjson.loads(value)) for token, value in answers.items()]

    def _failures(self, address: str) -> str:
        return f"{self.prefix}joinfail:{address}"

    async def join_refused(self, address: str) -> int | None:
        now = self.clock()
        with reachable():
            pipe = self._client().pipeline(transaction=False)
            pipe.zremrangebyscore(self._failures(address), "-inf", now - FAILED_JOIN_WINDOW)
            pipe.zcard(self._failures(address))
            pipe.zrange(self._failures(address), 0, 0, withscores=True)
            _, count, oldest = await pipe.execute()
        if count < self.limits.max_failed_joins:
            return None
        return max(1, round(oldest[0][1] + FAILED_JOIN_WINDOW - now))

    async def failed_join(self, address: str) -> None:
        now = self.clock()
        with reachable():
            pipe = self._client().pipeline(transaction=False)
            pipe.zadd(self._failures(address), {f"{now!r}:{secrets.token_hex(4)}": now})
            pipe.expire(self._failures(address), math.ceil(FAILED_JOIN_WINDOW) + 1)
            await pipe.execute()

    @asynccontextmanager
    async def subscribe(self, code: str) -> AsyncIterator[asyncio.Queue[Event]]:
        async with self.hub.subscribe(code) as queue:
            await self._listening()
            yield queue

    async def _listening(self) -> None:
        """Wait until this process's one subscription is active (started on first use)."""
        client = self._client()
        if self._ready.is_set():
            return
        with reachable():
            await client.ping()  # Redis down: a 503 now, not after the wait below
        if self._listener is None or self._listener.done():
            self._listener = asyncio.get_running_loop().create_task(self._listen())
        try:
            await asyncio.wait_for(self._ready.wait(), SUBSCRIBE_TIMEOUT)
        except TimeoutError:
            raise StoreUnavailable("The class store (Redis) is not reachable: no event subscription.") from None

    async def _listen(self) -> None:
        """Forward every class's events to this process's streams. Whatever breaks the subscription (a lost
        connection, mostly), the streams are closed — they may have missed events: their pages reconnect and read
        the state — and it subscribes again."""
        prefix = len(self._channel(""))
        while True:
            pubsub = self._client().pubsub()
            try:
                await pubsub.psubscribe(self._channel("*"))
                while True:
                    message = await pubsub.get_message(timeout=None)
                    if message is None:
                        continue
                    if message["type"] == "psubscribe":
                        self._ready.set()
                    elif message["type"] == "pmessage":
                        try:
                            event = Event.from_wire(message["data"])
                        except ValueError:
                            continue  # not one of ours: someone else published on the channel
                        self.hub.publish(message["channel"][prefix:], event)
            except asyncio.CancelledError:
                raise
            except Exception as err:
                log.warning("live classes: the event subscription was lost (%s); subscribing again", err)
                self._ready.clear()
                self.hub.close_all()
                await asyncio.sleep(0.5)
            finally:
                with suppress(Exception):  # a broken connection may fail to close too
                    await pubsub.aclose()

    async def close(self) -> None:
        # Connections and the listener made on another event loop (a test's, now gone) went with it.
        here = self._loop is asyncio.get_running_loop()
        if self._listener is not None and here:
            self._listener.cancel()
            with suppress(asyncio.CancelledError, Exception):  # it ends by being cancelled; nothing to report
                await self._listener
        if self._redis is not None and here:
            await self._redis.aclose()
        self._listener, self._redis = None, None
