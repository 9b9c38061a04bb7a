"""The store interface: add, get, delete, and an atomic read-modify-write."""

from typing import Callable, Protocol, TypeVar

from ..core.model import Model

T = TypeVar("T")


class NetworkNotFound(LookupError):
    def __init__(self, network_id: str) -> None:
        super().__init__(network_id)
        self.network_id = network_id


class Store(Protocol):
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
