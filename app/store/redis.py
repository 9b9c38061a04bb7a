"""Redis store: networks shared by every worker process and every machine that reaches the same Redis.

Keys (under a prefix, "bpx:" by default):
    bpx:net:<id>    the network as bytes (serialize.dumps), with a TTL renewed on every use
    bpx:lock:<id>   held while one update runs (a Redis lock with a timeout)
    bpx:lru         a sorted set id → last use (Unix time): beyond max_networks the oldest are evicted

update() is atomic across processes twice over: a per-network lock makes concurrent updates queue up
instead of racing, and the write itself is a WATCH/MULTI/EXEC transaction, so even an update that outlived
its lock (a stalled process) can never overwrite another's step: it is retried on the fresh network. A lock
request that timed out while Redis stalled is taken back by its token as soon as Redis answers again, so the network
is not locked for the lock's whole timeout after Redis returns.
"""

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import TypeVar

import redis
from redis.exceptions import LockError, WatchError

from ..core.limits import Limits
from ..core.model import Model
from . import serialize
from .base import BUSY, Busy, NetworkNotFound, StoreUnavailable, check_network_bytes
from .memory import new_id

T = TypeVar("T")

WEEK = 7 * 24 * 3600
ORPHAN_POLL_SECONDS = 0.1  # how often a lock left by a timed-out acquire is looked for, once Redis answers


@contextmanager
def reachable(url: str) -> Iterator[None]:
    """Redis errors (down, timed out, refused) → StoreUnavailable, which the API turns into a 503."""
    try:
        yield
    except (redis.ConnectionError, redis.TimeoutError, LockError) as err:
        raise StoreUnavailable(f"The network store (Redis) is not reachable: {err}") from err


class RedisStore:
    local = False

    def __init__(self, url: str, max_networks: int = 1000, ttl_seconds: int = WEEK, limits: Limits | None = None,
                 prefix: str = "bpx:", lock_timeout: float = 30.0, wait_timeout: float = 30.0,
                 socket_timeout: float = 10.0, max_network_bytes: int = 64 * 2**20,
                 max_bytes: int = 512 * 2**20) -> None:
        self.max_networks = max_networks
        self.ttl = ttl_seconds
        self.limits = limits or Limits()
        self.prefix = prefix
        self.lock_timeout = lock_timeout  # a lock outliving a crashed holder expires after this
        self.wait_timeout = wait_timeout  # how long an update waits for its turn before a 503
        self.max_network_bytes = max_network_bytes  # one stored network
        self.max_bytes = max_bytes  # all stored networks (their bytes in bpx:bytes); the oldest go beyond
        self._url = url
        self.redis = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=socket_timeout,
                                          health_check_interval=30)

    def _key(self, network_id: str) -> str:
        return f"{self.prefix}net:{network_id}"

    @property
    def _lru(self) -> str:
        return f"{self.prefix}lru"

    def add(self, model: Model) -> str:
        blob = serialize.dumps(model)
        check_network_bytes(len(blob), self.max_network_bytes)
        network_id = new_id()
        with reachable(self._url):
            pipe = self.redis.pipeline()  # MULTI/EXEC: the network and its place in the LRU order together
            pipe.set(self._key(network_id), blob, ex=self.ttl)
            pipe.zadd(self._lru, {network_id: time.time()})
            pipe.hset(self._sizes, network_id, len(blob))
            pipe.zcard(self._lru)
            count = pipe.execute()[-1]
            if count > self.max_networks:
                self._evict(count - self.max_networks)
            self._evict_bytes()
        return network_id

    @property
    def _sizes(self) -> str:
        return f"{self.prefix}bytes"

    def _evict_bytes(self) -> None:
        """Drop the least recently used networks while all stored bytes are over the budget (never the last one)."""
        total = sum(int(v) for v in self.redis.hvals(self._sizes))  # type: ignore[union-attr]
        while total > self.max_bytes and int(self.redis.zcard(self._lru)) > 1:  # type: ignore[arg-type]
            total -= self._evict(1)

    def _evict(self, n: int) -> int:
        """Drop the n least recently used networks (and ids whose network expired by its TTL); their bytes."""
        popped: list[tuple[bytes, float]] = self.redis.zpopmin(self._lru, n)  # type: ignore[assignment]
        oldest = [member.decode() for member, _ in popped]
        if not oldest:
            return 0
        sizes = self.redis.hmget(self._sizes, oldest)
        pipe = self.redis.pipeline()
        pipe.delete(*(self._key(i) for i in oldest))
        pipe.hdel(self._sizes, *oldest)
        for i in oldest:  # remember for a while that these existed, so a late request hears "expired"
            pipe.set(self._gone(i), 1, ex=self.ttl)
        pipe.execute()
        return sum(int(v) for v in sizes if v is not None)  # type: ignore[union-attr]

    def _gone(self, network_id: str) -> str:
        return f"{self.prefix}gone:{network_id}"

    def _missing(self, network_id: str) -> NetworkNotFound:
        """The 404 for an id with no network: expired (evicted, or its TTL ran out) or never there."""
        still_listed = self.redis.zrem(self._lru, network_id)  # its TTL ran out but its LRU entry stayed
        self.redis.hdel(self._sizes, network_id)
        expired = bool(still_listed) or bool(self.redis.exists(self._gone(network_id)))
        return NetworkNotFound(network_id, expired=expired)

    def get(self, network_id: str) -> Model:
        with reachable(self._url):
            pipe = self.redis.pipeline(transaction=False)
            pipe.get(self._key(network_id))
            pipe.expire(self._key(network_id), self.ttl)
            blob, _ = pipe.execute()
            if blob is None:
                raise self._missing(network_id)
            self.redis.zadd(self._lru, {network_id: time.time()}, xx=True)
        return serialize.loads(blob, self.limits)

    def delete(self, network_id: str) -> None:
        with reachable(self._url):
            pipe = self.redis.pipeline()
            pipe.delete(self._key(network_id))
            pipe.hdel(self._sizes, network_id)
            pipe.zrem(self._lru, network_id)
            deleted, *_ = pipe.execute()
        if not deleted:
            with reachable(self._url):
                raise self._missing(network_id)

    def try_update(self, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T | Busy:
        return BUSY  # every update is a trip to Redis: it belongs in the thread pool

    def update(self, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T:
        key = self._key(network_id)
        with reachable(self._url):
            name = f"{self.prefix}lock:{network_id}"
            lock = self.redis.lock(name, timeout=self.lock_timeout, sleep=0.005, blocking_timeout=self.wait_timeout)
            token = uuid.uuid4().hex.encode()
            try:
                acquired = lock.acquire(token=token)
            except (redis.ConnectionError, redis.TimeoutError):
                # Redis stalled past the socket timeout: it may still run our SET when it resumes, leaving a lock
                # nobody holds for lock_timeout. Ours is known by its token: take it back as soon as Redis answers.
                self._release_later(name, token)
                raise
            if not acquired:
                raise StoreUnavailable(f"Network '{network_id}' stayed busy for {self.wait_timeout:g} s; try again.")
            try:
                while True:
                    with self.redis.pipeline() as pipe:
                        try:
                            pipe.watch(key)
                            blob: bytes | None = pipe.get(key)  # type: ignore[assignment]
                            if blob is None:
                                raise self._missing(network_id)
                            result, new = change(serialize.loads(blob, self.limits))  # raises → nothing written
                            pipe.multi()
                            blob = serialize.dumps(new)
                            pipe.set(key, blob, ex=self.ttl)
                            pipe.hset(self._sizes, network_id, len(blob))
                            pipe.zadd(self._lru, {network_id: time.time()}, xx=True)
                            pipe.execute()
                            return result
                        except WatchError:
                            continue  # written meanwhile (our lock had expired): redo on the fresh network
            finally:
                with suppress(LockError):  # expired and perhaps taken by another: not ours to release
                    lock.release()

    def _release_later(self, name: str, token: bytes) -> None:
        """Delete lock `name` if (and only if) it holds `token` — retried in the background until it does, or
        until the lock would have expired anyway: never someone else's lock."""
        def run() -> None:
            deadline = time.monotonic() + self.lock_timeout
            while time.monotonic() < deadline:
                orphan = self.redis.lock(name, timeout=self.lock_timeout)
                orphan.local.token = token
                try:
                    orphan.release()
                    return
                except (LockError, redis.ConnectionError, redis.TimeoutError):
                    pass  # not set yet (Redis still stalled or the SET still queued), or not ours: look again
                time.sleep(ORPHAN_POLL_SECONDS)

        threading.Thread(target=run, name="redis-orphan-lock", daemon=True).start()

    def __len__(self) -> int:
        with reachable(self._url):
            return int(self.redis.zcard(self._lru))
