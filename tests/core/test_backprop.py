"""Backpropagation (app.core.network): BP1–BP4 against central differences and their structure.

Gradients are checked by an independent central-difference loop over forward(...).cost,
for every valid activation × cost pairing, with and without L2, for m = 1 and m > 1,
a deep net and a shared bias. Then BP1/BP2 structure, the L2 term, numerical
stability, immutability of inputs and the bias variants of a gradient-descent update.
"""

import copy

import numpy as np
import pytest

from app.core.errors import DivergedError
from app.core.network import Architecture, Params, backprop, bias_gradient, forward
from app.core.optimizers import SGD, OptimizerState, update
from tests.support.registry_space import HIDDEN, KINKED, OUTPUTS

EPS = 1e-6


def sgd_update(arch, params, trace, eta, freeze_biases=False):
    """One plain gradient-descent update through the optimizer: W ← W − η ∂C/∂W, b ← b − η ∂C/∂b."""
    return update(SGD(eta), arch, params, OptimizerState(), trace, freeze_biases).params


def _params(arch: Architecture, rng: np.random.Generator, scale: float = 0.8) -> Params:
    W = {l: rng.normal(0, scale, (arch.sizes[l - 1], arch.sizes[l - 2])) for l in arch.layers}
    if arch.shared_bias:
        b = {l: np.full(arch.sizes[l - 1], rng.normal(0, 0.5)) for l in arch.layers}
    else:
        b = {l: rng.normal(0, 0.5, arch.sizes[l - 1]) for l in arch.layers}
    return Params(W, b)


def _targets(arch: Architecture, m: int, rng: np.random.Generator) -> np.ndarray:
    n = arch.sizes[-1]
    if arch.cost_name == "softmax_cross_entropy":
        return np.eye(n)[:, rng.integers(0, n, m)]
    if arch.cost_name == "binary_cross_entropy":
        return rng.uniform(0, 1, (n, m))
    return rng.normal(0, 1, (n, m))


def _case(arch: Architecture, m: int):
    """Params and a batch whose pre-activations stay away from the relu kinks (first seed that works)."""
    for seed in range(100):
        rng = np.random.default_rng(seed)
        params, x = _params(arch, rng), rng.normal(0, 1, (arch.sizes[0], m))
        y = _targets(arch, m, rng)
        fw = forward(arch, params, x)
        kinked = [fw.z[l] for l in arch.layers if arch.activations[l - 2] in KINKED]
        if all(np.abs(z).min() > 1e-3 for z in kinked) and all((z > 0).any() for z in kinked):
            return params, x, y
    raise AssertionError("no seed away from the kinks")  # pragma: no cover


def _numeric(arch: Architecture, params: Params, x, y, lam: float):
    """Central differences of the batch cost: {l: dC/dW}, {l: dC/db} (the shared bias moved as one)."""
    def cost(p: Params) -> float:
        return forward(arch, p, x, y, lam).cost

    gW, gb = {}, {}
    for l in arch.layers:
        gW[l] = np.zeros_like(params.W[l])
        for idx in np.ndindex(*params.W[l].shape):
            plus, minus = params.copy(), params.copy()
            plus.W[l][idx] += EPS
            minus.W[l][idx] -= EPS
            gW[l][idx] = (cost(plus) - cost(minus)) / (2 * EPS)
        gb[l] = np.zeros_like(params.b[l])
        for j in range(len(params.b[l])):
            plus, minus = params.copy(), params.copy()
            if arch.shared_bias:
                plus.b[l] += EPS
                minus.b[l] -= EPS
            else:
                plus.b[l][j] += EPS
                minus.b[l][j] -= EPS
            gb[l][j] = (cost(plus) - cost(minus)) / (2 * EPS)
    return gW, gb


def _rel_error(analytic: np.ndarray, numeric: np.ndarray) -> float:
    return float(np.linalg.norm(analytic - numeric) / max(np.linalg.norm(analytic) + np.linalg.norm(numeric), 1e-300))


def _assert_gradients_match(arch: Architecture, m: int, lam: float) -> None:
    params, x, y = _case(arch, m)
    trace = backprop(arch, params, x, y, lam)
    gW, gb = _numeric(arch, params, x, y, lam)
    analytic = np.concatenate([trace.nabla_w[l].ravel() for l in arch.layers]
                              + [bias_gradient(arch, trace, l) for l in arch.layers])
    numeric = np.concatenate([gW[l].ravel() for l in arch.layers] + [gb[l] for l in arch.layers])
    assert np.linalg.norm(numeric) > 1e-4, "degenerate case: the gradient is zero"
    assert _rel_error(analytic, numeric) < 1e-6
    for l in arch.layers:  # also per layer, so that a small layer cannot hide behind a big one
        assert np.allclose(trace.nabla_w[l], gW[l], rtol=1e-5, atol=1e-8)
        assert np.allclose(bias_gradient(arch, trace, l), gb[l], rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("m", [1, 5])
@pytest.mark.parametrize("lam", [0.0, 0.7])
@pytest.mark.parametrize("out,cost", OUTPUTS)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_gradients_equal_central_differences_for_every_activation_and_cost(hidden, out, cost, lam, m):
    arch = Architecture((3, 4, 3), (hidden, out), cost)
    _assert_gradients_match(arch, m, lam)


@pytest.mark.parametrize("out,cost", [("sigmoid", "quadratic"), ("softmax", "softmax_cross_entropy")])
@pytest.mark.parametrize("lam", [0.0, 0.5])
def test_gradients_of_a_deep_five_layer_net_equal_central_differences(out, cost, lam):
    arch = Architecture((3, 5, 4, 4, 3), ("tanh", "leaky_relu", "sigmoid", out), cost)
    _assert_gradients_match(arch, 4, lam)


@pytest.mark.parametrize("lam", [0.0, 0.4])
@pytest.mark.parametrize("m", [1, 3])
def test_shared_bias_gradient_is_the_derivative_of_moving_the_whole_layer_bias(m, lam):
    arch = Architecture((2, 3, 2), ("sigmoid", "sigmoid"), "quadratic", shared_bias=True)
    _assert_gradients_match(arch, m, lam)


# ---------------------------------------------------------------- BP1


@pytest.mark.parametrize("out", HIDDEN)
def test_bp1_quadratic_delta_is_grad_a_times_sigma_prime(out):
    arch = Architecture((3, 4, 2), ("tanh", out), "quadratic")
    params, x, y = _case(arch, 4)
    t = backprop(arch, params, x, y)
    a = t.forward.output
    assert t.delta_rule == "grad_a_times_sigma_prime"
    assert np.array_equal(t.grad_a, a - y)
    assert np.array_equal(t.delta[3], t.grad_a * t.sigma_prime[3])


def test_bp1_sigmoid_with_binary_cross_entropy_is_a_minus_y_and_the_product_cancels():
    arch = Architecture((3, 4, 2), ("tanh", "sigmoid"), "binary_cross_entropy")
    params, x, y = _case(arch, 6)
    t = backprop(arch, params, x, y)
    a = t.forward.output
    assert t.delta_rule == "a_minus_y"
    assert np.array_equal(t.delta[3], a - y)
    assert np.abs(t.forward.z[3]).max() < 10  # moderate z: the product is representable
    assert np.allclose(t.grad_a * t.sigma_prime[3], a - y, rtol=1e-9, atol=1e-12)


def test_bp1_softmax_with_cross_entropy_is_a_minus_y_and_the_jacobian_product_cancels():
    arch = Architecture((3, 4, 3), ("tanh", "softmax"), "softmax_cross_entropy")
    params, x, y = _case(arch, 6)
    t = backprop(arch, params, x, y)
    a = t.forward.output
    assert t.delta_rule == "a_minus_y"
    assert np.array_equal(t.delta[3], a - y)
    assert np.allclose(t.forward.a[3].sum(axis=0), 1.0)
    # sigma_prime is only the diagonal a(1 − a) of the softmax Jacobian: the cancellation holds
    # exactly on the target entry of a one-hot y, and with the full Jacobian on every entry.
    target = y == 1
    assert np.allclose((t.grad_a * t.sigma_prime[3])[target], (a - y)[target], rtol=1e-9)
    for i in range(a.shape[1]):
        J = np.diag(a[:, i]) - np.outer(a[:, i], a[:, i])
        assert np.allclose(J.T @ t.grad_a[:, i], a[:, i] - y[:, i], atol=1e-12)


# ---------------------------------------------------------------- BP2 – BP4 per example


@pytest.mark.parametrize("lam", [0.0, 0.9])
def test_batch_deltas_are_the_single_example_deltas_and_gradients_are_their_means(lam):
    arch = Architecture((3, 5, 4, 2), ("tanh", "relu", "sigmoid"), "quadratic")
    params, x, y = _case(arch, 5)
    t = backprop(arch, params, x, y, lam)
    m = x.shape[1]
    for i in range(m):
        single = backprop(arch, params, x[:, i:i + 1], y[:, i:i + 1], lam)
        for l in arch.layers:
            assert np.allclose(t.delta[l][:, i], single.delta[l][:, 0], rtol=1e-13, atol=1e-15)
    for l in arch.layers:
        assert np.allclose(t.nabla_b[l], t.delta[l].mean(axis=1))
        outer_sum = sum(np.outer(t.delta[l][:, i], t.forward.a[l - 1][:, i]) for i in range(m))
        assert np.allclose(t.Delta[l], outer_sum)
        assert np.allclose(t.nabla_w[l], (t.Delta[l] + lam * params.W[l]) / m)
        if l < arch.L:  # BP2 itself
            assert np.allclose(t.delta[l], (params.W[l + 1].T @ t.delta[l + 1]) * t.sigma_prime[l])


# ---------------------------------------------------------------- L2 term


def test_forward_cost_adds_l2_of_weights_only_not_biases():
    arch = Architecture((2, 3, 1), ("sigmoid", "linear"), "quadratic")
    params, x, y = _case(arch, 4)
    lam, m = 0.6, 4
    plain, reg = forward(arch, params, x, y), forward(arch, params, x, y, lam)
    expected = lam / (2 * m) * sum(np.sum(w ** 2) for w in params.W.values())
    assert reg.regularization == pytest.approx(expected, rel=1e-14)
    assert reg.cost == pytest.approx(plain.cost + expected, rel=1e-14)
    assert reg.cost == pytest.approx(np.mean(reg.costs) + expected, rel=1e-14)
    moved_bias = params.copy()
    moved_bias.b[3] += 5.0
    assert forward(arch, moved_bias, x, y, lam).regularization == reg.regularization
    moved_weight = params.copy()
    moved_weight.W[3] += 1.0
    assert forward(arch, moved_weight, x, y, lam).regularization > reg.regularization


# ---------------------------------------------------------------- stability


@pytest.mark.parametrize("out,cost,expected", [("sigmoid", "binary_cross_entropy", 2000.0),
                                               ("softmax", "softmax_cross_entropy", 2000.0),
                                               ("sigmoid", "quadratic", 1.0)])
def test_huge_z_gives_finite_costs_and_gradients(out, cost, expected):
    arch = Architecture((1, 2), (out,), cost)
    params = Params({2: np.array([[1e3], [-1e3]])}, {2: np.zeros(2)})
    x = np.array([[1.0, -1.0]])  # z = ±1e3
    y = np.array([[0.0, 1.0], [1.0, 0.0]])  # every output maximally wrong: each C_x = 2 · 1000 (or 1)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        t = backprop(arch, params, x, y)
    assert np.isfinite(t.forward.a[2]).all() and np.isfinite(t.forward.costs).all()
    assert t.forward.cost == pytest.approx(expected, rel=1e-12)
    assert np.isfinite(t.grad_a).all() and np.isfinite(t.delta[2]).all()
    assert np.isfinite(t.nabla_w[2]).all()


def test_forward_raises_diverged_when_linear_weights_overflow():
    arch = Architecture((2, 2, 2, 1), ("linear", "linear", "linear"), "quadratic")
    params = Params({2: np.full((2, 2), 1e300), 3: np.full((2, 2), 1e300), 4: np.full((1, 2), 1e300)},
                    {l: np.zeros(n) for l, n in ((2, 2), (3, 2), (4, 1))})
    with pytest.raises(DivergedError):
        forward(arch, params, np.ones((2, 1)))
    with pytest.raises(DivergedError):
        backprop(arch, params, np.ones((2, 1)), np.zeros((1, 1)))


def test_sgd_update_raises_on_overflow_and_leaves_params_untouched():
    arch = Architecture((2, 1), ("linear",), "quadratic")
    params = Params({2: np.array([[1e154, 1.0]])}, {2: np.array([0.5])})
    x, y = np.array([[1.0], [1.0]]), np.array([[0.0]])
    t = backprop(arch, params, x, y)
    before = params.copy()
    with pytest.raises(DivergedError):
        sgd_update(arch, params, t, 1e300)
    for l in arch.layers:
        assert np.array_equal(params.W[l], before.W[l]) and np.array_equal(params.b[l], before.b[l])


# ---------------------------------------------------------------- purity and bias variants


def test_forward_backprop_and_update_do_not_mutate_their_inputs():
    arch = Architecture((3, 4, 2), ("relu", "sigmoid"), "binary_cross_entropy")
    params, x, y = _case(arch, 3)
    snapshot = copy.deepcopy((params, x, y))
    forward(arch, params, x, y, 0.5)
    t = backprop(arch, params, x, y, 0.5)
    trace_snapshot = copy.deepcopy(t)
    new = sgd_update(arch, params, t, 0.1)
    for before, after in zip(snapshot, (params, x, y), strict=True):
        if isinstance(after, Params):
            assert all(np.array_equal(before.W[l], after.W[l]) and np.array_equal(before.b[l], after.b[l])
                       for l in arch.layers)
        else:
            assert np.array_equal(before, after)
    for l in arch.layers:
        assert np.array_equal(t.nabla_w[l], trace_snapshot.nabla_w[l])
        assert new.W[l] is not params.W[l] and new.b[l] is not params.b[l]


def test_frozen_biases_stay_identical_and_weights_move():
    arch = Architecture((2, 3, 1), ("sigmoid", "sigmoid"), "quadratic")
    params, x, y = _case(arch, 2)
    t = backprop(arch, params, x, y)
    new = sgd_update(arch, params, t, 0.5, freeze_biases=True)
    for l in arch.layers:
        assert np.array_equal(new.b[l], params.b[l])
        assert np.array_equal(new.W[l], params.W[l] - 0.5 * t.nabla_w[l])
    assert np.abs(t.nabla_b[2]).max() > 0  # the biases would have moved


def test_shared_bias_moves_by_eta_times_sum_of_neuron_gradients_and_stays_shared():
    arch = Architecture((2, 3, 2), ("tanh", "sigmoid"), "quadratic", shared_bias=True)
    params, x, y = _case(arch, 3)
    eta = 0.3
    for _ in range(5):
        t = backprop(arch, params, x, y)
        new = sgd_update(arch, params, t, eta)
        for l in arch.layers:
            expected = params.b[l] - eta * t.nabla_b[l].sum()
            assert np.allclose(new.b[l], expected, rtol=0, atol=1e-15)
            assert np.ptp(new.b[l]) == 0
            assert not np.allclose(new.b[l], params.b[l])
        params = new
