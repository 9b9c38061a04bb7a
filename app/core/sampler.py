"""Deals the training set out in seeded mini-batches, one epoch after another.

The position (epoch, cursor) is all the state there is: with the seed it fixes
the next batch exactly, so a saved network resumes on the same examples.
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np


@dataclass(frozen=True)
class SamplerState:
    epoch: int = 0  # how many full passes over the training set are done
    cursor: int = 0  # position of the next batch within this epoch's order


@lru_cache(maxsize=64)
def epoch_order(n: int, batch_size: int, seed: int, epoch: int) -> np.ndarray:
    """The order of the n training examples in this epoch (read-only: it is cached).

    Full-batch descent (batch_size ≥ n) keeps the natural order: the gradient
    is the same sum, and the 2-2-2 worked example stays exactly as published.
    Cached because every step of an epoch needs it, and drawing it costs more
    than a small network's whole step.
    """
    order = np.arange(n) if batch_size >= n else np.random.default_rng([seed, epoch]).permutation(n)
    order.flags.writeable = False
    return order


def batch_indices(n: int, batch_size: int, seed: int, state: SamplerState) -> np.ndarray:
    """Indices of the current batch; the last batch of an epoch may be smaller."""
    order = epoch_order(n, batch_size, seed, state.epoch)
    return order[state.cursor : state.cursor + batch_size]


def advance(n: int, batch_size: int, state: SamplerState) -> SamplerState:
    cursor = state.cursor + batch_size
    if cursor >= n:
        return SamplerState(epoch=state.epoch + 1, cursor=0)
    return SamplerState(epoch=state.epoch, cursor=cursor)
