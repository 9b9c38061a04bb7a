"""Gradient check (app.core.gradcheck): agrees with backprop, catches a wrong gradient, samples and stops in time."""

import dataclasses

import numpy as np
import pytest

from app.core import gradcheck as gc
from app.core.network import Architecture, Params


def _net(arch: Architecture, m: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    W = {l: rng.normal(0, 0.7, (arch.sizes[l - 1], arch.sizes[l - 2])) for l in arch.layers}
    if arch.shared_bias:
        b = {l: np.full(arch.sizes[l - 1], rng.normal(0, 0.5)) for l in arch.layers}
    else:
        b = {l: rng.normal(0, 0.5, arch.sizes[l - 1]) for l in arch.layers}
    x = rng.normal(0, 1, (arch.sizes[0], m))
    n = arch.sizes[-1]
    y = np.eye(n)[:, rng.integers(0, n, m)] if arch.cost_name == "softmax_cross_entropy" else rng.uniform(0, 1, (n, m))
    return Params(W, b), x, y


NETWORKS = [
    (Architecture((3, 4, 2), ("tanh", "sigmoid"), "quadratic"), 0.0),
    (Architecture((2, 5, 3), ("sigmoid", "softmax"), "softmax_cross_entropy"), 0.3),
    (Architecture((3, 4, 3, 1), ("tanh", "tanh", "sigmoid"), "binary_cross_entropy"), 0.1),
    (Architecture((2, 3, 1), ("sigmoid", "sigmoid"), "quadratic", shared_bias=True), 0.0),
    (Architecture((2, 3, 2), ("tanh", "linear"), "quadratic", shared_bias=True), 0.5),
]


@pytest.mark.parametrize("arch,lam", NETWORKS)
def test_gradcheck_agrees_with_backprop(arch, lam):
    params, x, y = _net(arch, 4)
    result = gc.gradcheck(arch, params, x, y, lam)
    assert result.max_rel_error < 1e-6
    assert result.checked == result.total == len(result.entries)
    n_biases = sum(1 if arch.shared_bias else arch.sizes[l - 1] for l in arch.layers)
    n_weights = sum(arch.sizes[l - 1] * arch.sizes[l - 2] for l in arch.layers)
    assert result.total == n_weights + n_biases
    assert sum(e.kind == "b" for e in result.entries) == n_biases
    assert max(abs(e.analytic) for e in result.entries) > 1e-3  # not a trivially zero gradient


def _patched_backprop(monkeypatch, change):
    real = gc.backprop

    def wrong(*args, **kwargs):
        return change(real(*args, **kwargs))

    monkeypatch.setattr(gc, "backprop", wrong)


def test_gradcheck_detects_a_wrong_weight_gradient(monkeypatch):
    arch, lam = NETWORKS[0]
    params, x, y = _net(arch, 4)

    def off_by_one_percent(trace):
        nabla_w = {l: w.copy() for l, w in trace.nabla_w.items()}
        nabla_w[3][1, 2] *= 1.01
        return dataclasses.replace(trace, nabla_w=nabla_w)

    _patched_backprop(monkeypatch, off_by_one_percent)
    result = gc.gradcheck(arch, params, x, y, lam)
    assert result.max_rel_error > 5e-3
    worst = max(result.entries, key=lambda e: e.rel_error)
    assert (worst.l, worst.kind, worst.j, worst.k) == (3, "w", 1, 2)
    assert sum(e.rel_error > 1e-6 for e in result.entries) == 1


def test_gradcheck_detects_a_wrong_shared_bias_gradient(monkeypatch):
    arch, lam = NETWORKS[3]
    params, x, y = _net(arch, 3)

    def per_neuron_instead_of_sum(trace):  # forgetting Σ_j for a shared bias
        nabla_b = {l: v / len(v) for l, v in trace.nabla_b.items()}
        return dataclasses.replace(trace, nabla_b=nabla_b)

    _patched_backprop(monkeypatch, per_neuron_instead_of_sum)
    result = gc.gradcheck(arch, params, x, y, lam)
    bad = [e for e in result.entries if e.rel_error > 1e-3]
    assert {(e.l, e.kind) for e in bad} == {(2, "b")}  # layer 3 has one neuron: Σ_j is itself


def test_sampling_checks_max_params_deterministically():
    arch = Architecture((20, 30, 10), ("tanh", "sigmoid"), "quadratic")
    params, x, y = _net(arch, 2)
    a = gc.gradcheck(arch, params, x, y, max_params=50, seed=3)
    b = gc.gradcheck(arch, params, x, y, max_params=50, seed=3)
    c = gc.gradcheck(arch, params, x, y, max_params=50, seed=4)
    assert a.total == 20 * 30 + 30 + 30 * 10 + 10
    assert a.checked == len(a.entries) == 50
    key = [(e.l, e.kind, e.j, e.k) for e in a.entries]
    assert key == [(e.l, e.kind, e.j, e.k) for e in b.entries]
    assert [e.numeric for e in a.entries] == [e.numeric for e in b.entries]
    assert key != [(e.l, e.kind, e.j, e.k) for e in c.entries]
    assert len(set(key)) == 50
    assert a.max_rel_error < 1e-6


def test_zero_seconds_checks_fewer_than_all():
    arch = Architecture((20, 30, 10), ("tanh", "sigmoid"), "quadratic")
    params, x, y = _net(arch, 2)
    result = gc.gradcheck(arch, params, x, y, seconds=0.0)
    assert result.checked < result.total
    assert result.checked == len(result.entries)
    assert result.max_rel_error == max((e.rel_error for e in result.entries), default=0.0)
