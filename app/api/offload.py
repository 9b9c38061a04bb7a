"""Where a route's work on the store runs: on the event loop when it is light, else in the thread pool.

A step of a classroom-sized network takes a fraction of a millisecond, less than the trip to the thread pool and
back that a plain `def` route costs; and one worker's steps share one core (and the GIL) whichever thread runs
them. So with the in-memory store a light step runs right on the event loop. A heavy one — decided from its size
(multiply-adds of a step: the batch times the weights), not from the kind of store — never holds the loop: it goes
to the thread pool, and at most as many heavy steps run at once as the machine has cores, so thirty students
stepping big networks share the CPU while the 2-2-2 pages of the others stay responsive. A step whose network is
busy with another update (say a long /train) goes to the thread pool too, rather than wait on the loop; and so
does every Redis update, which always travels over the network.
"""

import os
import threading
from collections.abc import Callable
from typing import TypeVar

from starlette.concurrency import run_in_threadpool

from ..core.model import Model
from ..store import Store
from ..store.base import Busy

T = TypeVar("T")

# Multiply-adds of one step above which it leaves the event loop: ~0.2 ms of numpy work, about the trip to the
# thread pool and back. The classic 2-2-2 step is 8; the largest network the limits allow, full batch, ~10⁹.
LIGHT_STEP_WORK = 200_000
HEAVY_AT_ONCE = threading.BoundedSemaphore(max(1, os.cpu_count() or 1))


def step_work(model: Model) -> int:
    """A step's size: the examples of its batch times the weights they pass (forward and backward alike)."""
    sizes = model.arch.sizes
    batch = min(model.hyper.batch_size, model.data.n_train)
    return batch * sum(a * b for a, b in zip(sizes, sizes[1:], strict=False))


async def update(store: Store, network_id: str, change: Callable[[Model], tuple[T, Model]]) -> T:
    """store.update(network_id, change), run where it costs least and holds up no one."""
    if store.local and step_work(store.get(network_id)) <= LIGHT_STEP_WORK:
        result = store.try_update(network_id, change)
        if not isinstance(result, Busy):
            return result
    return await run_in_threadpool(store.update, network_id, _a_core_each(change))


def _a_core_each(change: Callable[[Model], tuple[T, Model]]) -> Callable[[Model], tuple[T, Model]]:
    """change, waiting (in its pool thread) for a free core when the step is heavy; light ones never wait."""
    def guarded(model: Model) -> tuple[T, Model]:
        if step_work(model) <= LIGHT_STEP_WORK:
            return change(model)
        with HEAVY_AT_ONCE:
            return change(model)
    return guarded


async def count(store: Store) -> int:
    """len(store): at once when local, else in the thread pool."""
    return len(store) if store.local else await run_in_threadpool(len, store)
