"""The store interface: add, get, delete, and an atomic read-modify-write."""

from collections.abc import Callable
from typing import Protocol, TypeVar

from ..core.model import Model

T = TypeVar("T")


class NetworkNotFound(LookupError):
    """No network with this id; `expired` when the store evicted it (least recently used) to make room."""

    def __init__(self, network_id: str, *, expired: bool = False) -> None:
        super().__init__(network_id)
        self.network_id = network_id
        self.expired = expired


class StoreUnavailable(RuntimeError):
    """The store cannot be reached (e.g. Redis is down); the API answers 503 store_unavailable."""


class Busy:
    """try_update()'s answer when it would have to wait: nothing was done."""


BUSY = Busy()


class Store(Protocol):
    local: bool  # the networks live in this process's memory: no call ever waits on the network

    def add(self, model: Model) -> str:
        """Keep a new network; returns its fresh, unguessable id."""
        ...

    def get(self, network_id: str) -> Model:
        """The network, or NetworkNotFound."""
        ...

    def delete(self, network_id: str) -> None: ...

    def update(self, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T:
        """Apply change(model) → (result, new model) atomically: no other update of this
        network runs in between. If change raises, the network stays as it was."""
        ...

    def try_update(self, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T | Busy:
        """update(), if it can start at once (no other update of this network running, no trip over the
        network to make); else BUSY, and nothing was done."""
        ...
