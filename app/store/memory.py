"""In-process store: a dict in least-recently-used order, one lock per network.

Beyond max_networks, or beyond max_bytes of arrays in all (model_bytes), the least recently used networks are
evicted; a single network larger than max_network_bytes is refused. The ids of the last
EXPIRED_MEMORY evicted ones are remembered, so that a 404 can say "expired" rather than
"never existed".
"""

import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import TypeVar

from ..core.model import Model
from .base import BUSY, Busy, NetworkNotFound, check_network_bytes, model_bytes

T = TypeVar("T")

EXPIRED_MEMORY = 10_000  # evicted ids remembered (~50 bytes each)


def new_id() -> str:
    return secrets.token_urlsafe(16)  # 128 random bits: unguessable


class MemoryStore:
    local = True

    def __init__(self, max_networks: int = 1000, max_bytes: int = 512 * 2**20,
                 max_network_bytes: int = 64 * 2**20) -> None:
        self.max_networks = max_networks
        self.max_bytes = max_bytes
        self.max_network_bytes = max_network_bytes
        self._bytes: dict[str, int] = {}   # model_bytes of each network kept
        self.total_bytes = 0
        self._models: OrderedDict[str, Model] = OrderedDict()
        self._locks: dict[str, threading.Lock] = {}
        self._expired: OrderedDict[str, None] = OrderedDict()  # evicted ids, oldest first
        self._guard = threading.Lock()  # protects the dicts themselves

    def add(self, model: Model) -> str:
        size = model_bytes(model)
        check_network_bytes(size, self.max_network_bytes)
        network_id = new_id()
        with self._guard:
            self._models[network_id] = model
            self._locks[network_id] = threading.Lock()
            self._account(network_id, size)
            self._evict(keep=network_id)
        return network_id

    def _account(self, network_id: str, size: int) -> None:
        """Call with the guard held."""
        self.total_bytes += size - self._bytes.get(network_id, 0)
        self._bytes[network_id] = size

    def _evict(self, keep: str) -> None:
        """Drop the least recently used networks while over a limit (never `keep`). Call with the guard held."""
        while len(self._models) > 1 and (len(self._models) > self.max_networks or self.total_bytes > self.max_bytes):
            old = next(iter(self._models))
            if old == keep:
                self._models.move_to_end(keep)
                old = next(iter(self._models))
            self._models.pop(old)
            self._locks.pop(old, None)
            self.total_bytes -= self._bytes.pop(old, 0)
            self._expired[old] = None
            if len(self._expired) > EXPIRED_MEMORY:
                self._expired.popitem(last=False)

    def _not_found(self, network_id: str) -> NetworkNotFound:
        """Call with the guard held."""
        return NetworkNotFound(network_id, expired=network_id in self._expired)

    def get(self, network_id: str) -> Model:
        with self._guard:
            try:
                self._models.move_to_end(network_id)
                return self._models[network_id]
            except KeyError:
                raise self._not_found(network_id) from None

    def delete(self, network_id: str) -> None:
        with self._guard:
            if self._models.pop(network_id, None) is None:
                raise self._not_found(network_id)
            self._locks.pop(network_id, None)
            self.total_bytes -= self._bytes.pop(network_id, 0)

    def update(self, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T:
        lock = self._lock(network_id)
        with lock:
            return self._change(network_id, change)

    def try_update(self, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T | Busy:
        lock = self._lock(network_id)
        if not lock.acquire(blocking=False):
            return BUSY
        try:
            return self._change(network_id, change)
        finally:
            lock.release()

    def _lock(self, network_id: str) -> threading.Lock:
        with self._guard:
            lock = self._locks.get(network_id)
            if lock is None:
                raise self._not_found(network_id)
            return lock

    def _change(self, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T:
        """Call with the network's lock held."""
        result, new = change(self.get(network_id))
        size = model_bytes(new)   # an optimizer's first step adds its velocity or moments
        with self._guard:
            if network_id in self._models:  # not deleted or evicted meanwhile
                self._models[network_id] = new
                self._account(network_id, size)
                self._evict(keep=network_id)
        return result

    def __len__(self) -> int:
        return len(self._models)
