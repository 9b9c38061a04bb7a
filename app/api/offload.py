"""Where a route's work on the store runs: on the event loop when that is cheaper, else in the thread pool.

A step of a classroom-sized network takes a fraction of a millisecond, less than the trip to the
thread pool and back that a plain `def` route costs; and one worker's steps share one core (and the
GIL) whichever thread runs them. So with the in-memory store a step runs right on the event loop —
unless another update of the same network is running (say a long /train): then waiting for its lock
would stall every other request, and the step goes to the thread pool like any Redis update, which
always travels over the network.
"""

from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from ..core.model import Model
from ..store import Store
from ..store.base import Busy

T = TypeVar("T")


async def update(store: Store, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T:
    """store.update(network_id, change), run where it costs least."""
    if store.local:
        result = store.try_update(network_id, change)
        if not isinstance(result, Busy):
            return result
    return await run_in_threadpool(store.update, network_id, change)


async def count(store: Store) -> int:
    """len(store): at once when local, else in the thread pool."""
    return len(store) if store.local else await run_in_threadpool(len, store)
