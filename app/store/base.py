"""The store interface: add, get, delete, and an atomic read-modify-write."""

import dataclasses
from collections.abc import Callable
from typing import Protocol, TypeVar

import numpy as np

from ..core.errors import SpecError
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


def model_bytes(model: Model) -> int:
    """What a network costs in memory: the bytes of every array it holds (data, parameters, starting parameters,
    optimizer state), found by walking its fields; the small Python objects around them are not counted."""
    seen: set[int] = set()

    def walk(value: object) -> int:
        if isinstance(value, np.ndarray):
            if id(value) in seen:
                return 0
            seen.add(id(value))
            return value.nbytes
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return sum(walk(getattr(value, f.name)) for f in dataclasses.fields(value))
        if isinstance(value, dict):
            return sum(walk(v) for v in value.values())
        if isinstance(value, (list, tuple)):
            return sum(walk(v) for v in value)
        return 0

    return walk(model)


def check_network_bytes(size: int, most: int) -> None:
    """A network larger than one network may be is refused (422 invalid_spec), before it is stored."""
    if size > most:
        raise SpecError(f"This network needs {size / 2**20:.1f} MiB; one network may take at most "
                        f"{most / 2**20:.1f} MiB (BACKPROP_MAX_NETWORK_BYTES). Use fewer examples or neurons.",
                        "spec")


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

    def __len__(self) -> int:
        """How many networks are kept."""
        ...
