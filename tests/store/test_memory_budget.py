"""Issue 12, problem 6: memory is bounded by configuration. The in-memory store counts each network's arrays and
evicts the least recently used beyond a byte budget (BACKPROP_MAX_STORE_BYTES) as well as beyond a count; a single
network over BACKPROP_MAX_NETWORK_BYTES is refused before it is stored."""

from __future__ import annotations

import pytest

from app.core import training
from app.core.errors import SpecError
from app.core.limits import Limits
from app.core.model import DatasetRef, Hyper, Spec
from app.core.network import Architecture
from app.store import MemoryStore, NetworkNotFound
from app.store.base import model_bytes


def network(hidden: int, n: int = 1000):
    spec = Spec(arch=Architecture([2, hidden, 1], ["tanh", "sigmoid"], "binary_cross_entropy"),
                hyper=Hyper(eta=0.1, batch_size=16), data=DatasetRef("xor", n=n), seed=1)
    return training.create(spec, Limits())


def test_model_bytes_counts_the_data_and_both_parameter_sets():
    model = network(64, n=1000)
    data = sum(a.nbytes for a in (model.data.x_train, model.data.y_train, model.data.x_test, model.data.y_test))
    params = 2 * (64 * 2 + 64 + 64 + 1) * 8   # W², b², W³, b³: now and at the start
    assert data + params <= model_bytes(model) <= data + params + 4096


def test_beyond_the_byte_budget_the_least_recently_used_networks_go():
    one = model_bytes(network(64))
    store = MemoryStore(max_networks=1000, max_bytes=int(3.5 * one))
    ids = [store.add(network(64)) for _ in range(3)]
    store.get(ids[0])                      # the first is now the most recently used
    fourth = store.add(network(64))
    assert store.total_bytes <= 3.5 * one
    with pytest.raises(NetworkNotFound) as gone:
        store.get(ids[1])                  # the least recently used went
    assert gone.value.expired
    for kept in (ids[0], ids[2], fourth):
        store.get(kept)


def test_updates_are_counted_and_deleting_frees_the_bytes():
    store = MemoryStore(max_bytes=10**9)
    net = store.add(network(16))
    before = store.total_bytes
    store.update(net, lambda m: (None, training.step(m)[1]))
    assert store.total_bytes == before     # SGD keeps no state: same size
    store.delete(net)
    assert store.total_bytes == 0


def test_a_network_over_the_per_network_cap_is_refused_and_nothing_is_kept():
    store = MemoryStore(max_network_bytes=1000)
    with pytest.raises(SpecError, match="BACKPROP_MAX_NETWORK_BYTES"):
        store.add(network(64))
    assert len(store) == 0 and store.total_bytes == 0
