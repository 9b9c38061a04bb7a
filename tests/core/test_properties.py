"""Property tests (hypothesis): backprop agrees with central differences on random small networks.

Random architectures (2–4 layers of 1–5 neurons), smooth activations (sigmoid, tanh, linear; softmax only on
the output, with its cross-entropy), every cost that fits the output, batches of 1–5, L2 strength λ and L1
strength λ₁ (with every weight kept away from w = 0, where |w| has its kink). The analytic ∂C/∂W (BP4) and
∂C/∂b (BP3, through bias_gradient, also for a shared bias) must match a central difference of the batch cost
to a relative error below 1e-5, measured against a floor so that near-zero gradients compare absolutely.

Deterministic (derandomize=True) and bounded (max_examples, a few ms each).
"""

from dataclasses import dataclass

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.activations import ACTIVATIONS
from app.core.network import Architecture, Params, Penalty, backprop, bias_gradient, forward
from tests.support.registry_space import SMOOTH_HIDDEN as HIDDEN
from tests.support.registry_space import SMOOTH_OUTPUTS as OUTPUTS

# The five-point central difference (C(θ−2h) − 8C(θ−h) + 8C(θ+h) − C(θ+2h)) / 12h: its truncation error is
# O(h⁴) ≈ 1e-16 and its rounding error ≈ 1e-16·|C| / h ≈ 1e-12·|C|, so the floor below can be small.
H = 1e-4
TOLERANCE = 1e-5  # relative error
FLOOR = 1e-5  # below this size a gradient compares absolutely: |analytic − numeric| < 1e-10
MIN_ABS_WEIGHT = 1e-2  # |w| ≥ this > 2h: the L1 term's kink at w = 0 is never inside [w − 2h, w + 2h]

PROPERTIES = settings(derandomize=True, max_examples=120, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow])


@dataclass(frozen=True)
class Case:
    arch: Architecture
    params: Params
    x: np.ndarray  # (n_1, m)
    y: np.ndarray  # (n_L, m)
    penalty: Penalty


def away_from_zero(w: np.ndarray) -> np.ndarray:
    return np.where(np.abs(w) < MIN_ABS_WEIGHT, np.copysign(MIN_ABS_WEIGHT, w) + w, w)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    n_layers = draw(st.integers(2, 4))
    output, cost = draw(st.sampled_from(OUTPUTS))
    sizes = [draw(st.integers(1, 5)) for _ in range(n_layers)]
    if ACTIVATIONS[output].min_width > 1:
        sizes[-1] = draw(st.integers(ACTIVATIONS[output].min_width, 5))  # softmax over one neuron is the constant 1
    hidden = [draw(st.sampled_from(HIDDEN)) for _ in range(n_layers - 2)]
    arch = Architecture(tuple(sizes), tuple(hidden + [output]), cost, shared_bias=draw(st.booleans()))
    m = draw(st.integers(1, 5))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    W = {l: away_from_zero(rng.normal(0, 0.8, (sizes[l - 1], sizes[l - 2]))) for l in arch.layers}
    if arch.shared_bias:
        b = {l: np.full(sizes[l - 1], rng.normal(0, 0.5)) for l in arch.layers}
    else:
        b = {l: rng.normal(0, 0.5, sizes[l - 1]) for l in arch.layers}
    x = rng.normal(0, 1, (sizes[0], m))
    if cost == "softmax_cross_entropy":
        y = np.eye(sizes[-1])[:, rng.integers(0, sizes[-1], m)]
    elif cost == "binary_cross_entropy":
        y = rng.uniform(0, 1, (sizes[-1], m))
    else:
        y = rng.normal(0, 1, (sizes[-1], m))
    lam = draw(st.sampled_from([0.0, 0.1, 1.0, 5.0]))
    l1 = draw(st.sampled_from([0.0, 0.05, 0.5]))
    return Case(arch, Params(W, b), x, y, Penalty(lam=lam, l1=l1))


def cost_at(case: Case, params: Params) -> float:
    return forward(case.arch, params, case.x, case.y, case.penalty).cost


def nudged(params: Params, l: int, kind: str, index: tuple[int, ...] | None, h: float) -> Params:
    """A copy with one weight moved by h, or (index None) the whole shared bias b^l moved as one."""
    new = params.copy()
    if kind == "W":
        new.W[l][index] += h
    elif index is None:
        new.b[l] += h
    else:
        new.b[l][index] += h
    return new


def central_difference(case: Case, l: int, kind: str, index: tuple[int, ...] | None) -> float:
    c = {k: cost_at(case, nudged(case.params, l, kind, index, k * H)) for k in (-2, -1, 1, 2)}
    return (c[-2] - 8 * c[-1] + 8 * c[1] - c[2]) / (12 * H)


def relative_error(analytic: float, numeric: float) -> float:
    return abs(analytic - numeric) / max(abs(analytic), abs(numeric), FLOOR)


@PROPERTIES
@given(cases())
def test_nabla_w_matches_central_differences(case: Case) -> None:
    trace = backprop(case.arch, case.params, case.x, case.y, case.penalty)
    for l in case.arch.layers:
        for index in np.ndindex(case.params.W[l].shape):
            numeric = central_difference(case, l, "W", index)
            assert relative_error(trace.nabla_w[l][index], numeric) < TOLERANCE, (l, index, case.arch)


@PROPERTIES
@given(cases())
def test_bias_gradient_matches_central_differences(case: Case) -> None:
    trace = backprop(case.arch, case.params, case.x, case.y, case.penalty)
    for l in case.arch.layers:
        gradient = bias_gradient(case.arch, trace, l)
        if case.arch.shared_bias:  # one parameter: every entry is ∂C/∂b, the sum over the layer
            numeric = central_difference(case, l, "b", None)
            assert all(relative_error(g, numeric) < TOLERANCE for g in gradient), (l, case.arch)
        else:
            for j in range(case.arch.sizes[l - 1]):
                numeric = central_difference(case, l, "b", (j,))
                assert relative_error(gradient[j], numeric) < TOLERANCE, (l, j, case.arch)


@PROPERTIES
@given(cases())
def test_the_penalty_adds_exactly_its_gradient(case: Case) -> None:
    """D^l with the penalty minus D^l without it is (λ W + λ₁ sign W) / m; biases are never penalized."""
    with_penalty = backprop(case.arch, case.params, case.x, case.y, case.penalty)
    without = backprop(case.arch, case.params, case.x, case.y, Penalty())
    m = case.x.shape[1]
    for l in case.arch.layers:
        W = case.params.W[l]
        expected = (case.penalty.lam * W + case.penalty.l1 * np.sign(W)) / m
        np.testing.assert_allclose(with_penalty.nabla_w[l] - without.nabla_w[l], expected, rtol=1e-9, atol=1e-12)
        np.testing.assert_array_equal(with_penalty.nabla_b[l], without.nabla_b[l])
