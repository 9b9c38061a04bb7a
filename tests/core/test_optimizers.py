"""Update rules (app.core.optimizers) and L1 regularization.

Momentum and Adam are checked against two steps worked out by hand on a 1-1 linear network with the quadratic
cost and one example, where the gradient has a closed form:

    a = z = w x + b,   C = ½ (a − y)²,   ∂C/∂w = (a − y) x,   ∂C/∂b = a − y

SGD through the optimizer is the plain rule W ← W − η ∂C/∂W bit for bit (the published 2-2-2 numbers are checked in
test_published_example.py and test_presets.py, which now step through it). L1 is checked against central
differences away from w = 0.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from app.core import training
from app.core.errors import DivergedError, SpecError
from app.core.gradcheck import gradcheck
from app.core.limits import Limits
from app.core.model import Hyper, Samples, Spec
from app.core.network import Architecture, Params, Penalty, backprop, bias_gradient, forward
from app.core.optimizers import SGD, Adam, Momentum, OptimizerState, settings, update
from app.core.validation import check_optimizer_state

LIMITS = Limits()
X, Y = 2.0, 1.0  # the one example of the 1-1 network
W0, B0 = 1.0, 0.0  # its starting weight and bias: a = 2, so ∂C/∂w = 2 and ∂C/∂b = 1


def _one_one(optimizer: str, **hyper) -> training.Model:
    spec = Spec(arch=Architecture((1, 1), ("linear",), "quadratic"),
                hyper=Hyper(eta=0.1, batch_size=1, optimizer=optimizer, **hyper),
                data=Samples(np.array([[X]]), np.array([[Y]])),
                initial=Params({2: np.array([[W0]])}, {2: np.array([B0])}))
    return training.create(spec, LIMITS)


def _wb(model: training.Model) -> tuple[float, float]:
    return float(model.params.W[2][0, 0]), float(model.params.b[2][0])


def _grads(w: float, b: float) -> tuple[float, float]:
    a = w * X + b
    return (a - Y) * X, a - Y


# ---------------------------------------------------------------- momentum and Adam by hand


def test_momentum_two_steps_match_the_hand_computation():
    model = _one_one("momentum", momentum=0.9)
    # step 1: g_w = 2, g_b = 1;  v ← 0.9·0 − 0.1·g;  w ← w + v
    _, model = training.step(model)
    assert _wb(model) == pytest.approx((1.0 - 0.2, 0.0 - 0.1), abs=1e-15)
    # step 2: a = 0.8·2 − 0.1 = 1.5, so g_w = 0.5·2 = 1.0, g_b = 0.5
    #   v_w = 0.9·(−0.2) − 0.1·1.0 = −0.28,  w = 0.8 − 0.28 = 0.52
    #   v_b = 0.9·(−0.1) − 0.1·0.5 = −0.14,  b = −0.1 − 0.14 = −0.24
    _, upd, model = training.step_explained(model)
    assert _wb(model) == pytest.approx((0.52, -0.24), abs=1e-15)
    shown = upd.shown[2]
    assert shown["velocity_W_old"][0, 0] == pytest.approx(-0.2, abs=1e-15)
    assert shown["velocity_W"][0, 0] == pytest.approx(-0.28, abs=1e-15)
    assert shown["velocity_b"][0] == pytest.approx(-0.14, abs=1e-15)
    assert model.optimizer.t == 2 and model.optimizer.slots[2]["velocity_W"][0, 0] == pytest.approx(-0.28)
    assert upd.rule == Momentum(0.1, 0.9) and settings(upd.rule) == {"momentum": 0.9}


def test_adam_two_steps_match_the_hand_computation():
    eta, b1, b2, eps = 0.1, 0.9, 0.999, 1e-8
    model = _one_one("adam")
    # step 1 (t = 1): g_w = 2, g_b = 1
    #   m = 0.1·g, v = 0.001·g², m̂ = m/0.1 = g, v̂ = v/0.001 = g²,  step = η g / (|g| + ε)
    _, upd1, model = training.step_explained(model)
    w1, b1_ = W0 - eta * 2.0 / (2.0 + eps), B0 - eta * 1.0 / (1.0 + eps)
    assert _wb(model) == pytest.approx((w1, b1_), rel=1e-14)
    assert upd1.shown[2]["m_hat_W"][0, 0] == pytest.approx(2.0, rel=1e-14)
    assert upd1.shown[2]["v_hat_W"][0, 0] == pytest.approx(4.0, rel=1e-14)
    # step 2 (t = 2): the gradient at (w1, b1), then the moments carried on from step 1
    gw, gb = _grads(w1, b1_)
    m_w, v_w = b1 * 0.2 + (1 - b1) * gw, b2 * 0.004 + (1 - b2) * gw**2
    m_b, v_b = b1 * 0.1 + (1 - b1) * gb, b2 * 0.001 + (1 - b2) * gb**2
    mh_w, vh_w = m_w / (1 - 0.81), v_w / (1 - 0.998001)  # 1 − β1², 1 − β2²
    mh_b, vh_b = m_b / (1 - 0.81), v_b / (1 - 0.998001)
    _, upd2, model = training.step_explained(model)
    assert _wb(model) == pytest.approx((w1 - eta * mh_w / (np.sqrt(vh_w) + eps),
                                        b1_ - eta * mh_b / (np.sqrt(vh_b) + eps)), rel=1e-13)
    shown = upd2.shown[2]
    assert shown["m_W_old"][0, 0] == pytest.approx(0.2) and shown["v_W_old"][0, 0] == pytest.approx(0.004)
    assert (shown["m_W"][0, 0], shown["v_W"][0, 0]) == pytest.approx((m_w, v_w), rel=1e-13)
    assert (shown["m_hat_b"][0], shown["v_hat_b"][0]) == pytest.approx((mh_b, vh_b), rel=1e-13)
    assert shown["step_W"][0, 0] == pytest.approx(w1 - _wb(model)[0], rel=1e-12)
    assert model.optimizer.t == 2


def test_adam_bias_correction_at_t1_makes_the_first_step_eta_times_the_sign():
    arch, params, x, y = _random_net((3, 4, 2), seed=5)
    trace = backprop(arch, params, x, y)
    upd = update(Adam(0.01), arch, params, OptimizerState(), trace)
    for l in arch.layers:
        g = trace.nabla_w[l]
        assert np.allclose(upd.shown[l]["m_hat_W"], g, rtol=1e-12, atol=0)  # m̂ = (1 − β1) g / (1 − β1)
        assert np.allclose(upd.shown[l]["v_hat_W"], g * g, rtol=1e-12, atol=0)
        assert np.allclose(upd.shown[l]["step_W"], 0.01 * g / (np.abs(g) + 1e-8), rtol=1e-12, atol=0)
        assert np.allclose(params.W[l] - upd.params.W[l], 0.01 * np.sign(g), atol=1e-9)
    assert upd.state.t == 1


# ---------------------------------------------------------------- SGD unchanged


@pytest.mark.parametrize("freeze,shared", [(False, False), (True, False), (False, True), (True, True)])
def test_sgd_through_the_optimizer_is_the_plain_rule_bit_for_bit(freeze, shared):
    arch, params, x, y = _random_net((2, 3, 2), seed=1, shared=shared)
    trace = backprop(arch, params, x, y, 0.3)
    upd = update(SGD(0.7), arch, params, OptimizerState(), trace, freeze)
    for l in arch.layers:
        assert np.array_equal(upd.params.W[l], params.W[l] - 0.7 * trace.nabla_w[l])  # W ← W − η ∂C/∂W
        b = params.b[l] if freeze else params.b[l] - 0.7 * bias_gradient(arch, trace, l)  # b ← b − η ∂C/∂b
        assert np.array_equal(upd.params.b[l], b)
    assert upd.state.slots == {} and all(s == {} for s in upd.shown.values())


def test_a_default_spec_steps_with_sgd():
    model = _one_one("sgd")
    _, model = training.step(model)
    assert _wb(model) == (W0 - 0.1 * 2.0, B0 - 0.1 * 1.0)
    assert model.hyper.rule() == SGD(0.1)


# ---------------------------------------------------------------- biases, divergence, purity


@pytest.mark.parametrize("rule", [Momentum(0.5), Adam(0.05)])
def test_frozen_biases_stay_frozen_and_keep_their_state(rule):
    arch, params, x, y = _random_net((2, 3, 1), seed=2)
    state = OptimizerState()
    for _ in range(3):
        upd = update(rule, arch, params, state, backprop(arch, params, x, y), freeze_biases=True)
        for l in arch.layers:
            assert np.array_equal(upd.params.b[l], params.b[l]) and not upd.shown[l].keys() & {"step_b",
                                                                                             "velocity_b"}
            assert all(not v.any() for k, v in upd.state.slots[l].items() if k.endswith("_b"))
            assert not np.array_equal(upd.params.W[l], params.W[l])
        params, state = upd.params, upd.state


@pytest.mark.parametrize("rule", [Momentum(0.5), Adam(0.05)])
def test_shared_biases_move_together_by_the_summed_gradient(rule):
    arch, params, x, y = _random_net((2, 3, 2), seed=4, shared=True)
    state = OptimizerState()
    for i in range(3):
        trace = backprop(arch, params, x, y)
        upd = update(rule, arch, params, state, trace)
        for l in arch.layers:
            assert np.ptp(upd.params.b[l]) == 0  # one bias per layer, still
            assert np.array_equal(upd.grad_b[l], np.full(arch.sizes[l - 1], trace.nabla_b[l].sum()))
            if i == 0 and isinstance(rule, Momentum):
                assert np.allclose(upd.params.b[l], params.b[l] - 0.5 * trace.nabla_b[l].sum())
        params, state = upd.params, upd.state


def _fake_trace(arch: Architecture, g: float) -> SimpleNamespace:
    """Just the gradients update() reads, all equal to g."""
    return SimpleNamespace(nabla_w={l: np.full((arch.sizes[l - 1], arch.sizes[l - 2]), g) for l in arch.layers},
                           nabla_b={l: np.full(arch.sizes[l - 1], g) for l in arch.layers})


@pytest.mark.parametrize("rule,g", [(SGD(1e308), 10.0), (Momentum(1e308), 10.0), (Adam(0.1), 1e200)])
def test_a_non_finite_new_value_or_state_raises_diverged(rule, g):
    arch, params, _, _ = _random_net((2, 2, 1), seed=0)
    before = params.copy()
    with pytest.raises(DivergedError, match="diverged"):  # Adam: the parameters stay finite, v = g² does not
        update(rule, arch, params, OptimizerState(), _fake_trace(arch, g))  # type: ignore[arg-type]
    assert all(np.array_equal(params.W[l], before.W[l]) for l in arch.layers)


def test_step_leaves_the_old_model_and_its_state_untouched():
    model = _one_one("adam")
    _, one = training.step(model)
    _, two = training.step(one)
    assert model.optimizer == OptimizerState() and one.optimizer.t == 1 and two.optimizer.t == 2
    assert one.optimizer.slots[2]["m_W"][0, 0] == pytest.approx(0.2)
    _, again = training.step(one)  # stepping the same model twice gives the same result
    assert np.array_equal(again.params.W[2], two.params.W[2])


def test_reset_and_set_params_start_the_optimizer_afresh_unless_a_state_is_given():
    model = _one_one("momentum")
    for _ in range(2):
        _, model = training.step(model)
    assert training.reset(model).optimizer == OptimizerState()
    assert training.set_params(model, model.params, None, LIMITS).optimizer == OptimizerState()
    kept = training.set_params(model, model.params, None, LIMITS, model.optimizer)
    assert kept.optimizer is model.optimizer
    _, a = training.step(model)
    _, b = training.step(kept)
    assert np.array_equal(a.params.W[2], b.params.W[2]) and np.array_equal(a.params.b[2], b.params.b[2])


# ---------------------------------------------------------------- validation


@pytest.mark.parametrize("field,value", [("momentum", 1.0), ("momentum", -0.1), ("beta1", 1.0), ("beta2", -1e-3),
                                         ("beta2", 1.0), ("epsilon", 0.0), ("l1", -1.0), ("optimizer", "rmsprop")])
def test_invalid_optimizer_settings_name_their_field(field, value):
    with pytest.raises(SpecError) as err:
        _one_one("sgd" if field != "optimizer" else value, **({field: value} if field != "optimizer" else {}))
    assert err.value.field == field


def test_a_saved_state_must_fit_the_network_and_its_rule():
    model = _one_one("adam")
    _, model = training.step(model)
    arch, hyper, good = model.arch, model.hyper, model.optimizer
    check_optimizer_state(arch, hyper, good)
    bad = {"shape": {2: {**good.slots[2], "m_W": np.zeros((2, 1))}},
           "negative": {2: {**good.slots[2], "v_b": np.array([-1.0])}},
           "rule": {2: {"velocity_W": good.slots[2]["m_W"], "velocity_b": good.slots[2]["m_b"]}},
           "layer": {**good.slots, 3: good.slots[2]}}
    fields = {"shape": "optimizer_state.m_W2", "negative": "optimizer_state.v_b2", "rule": "optimizer_state",
              "layer": "optimizer_state"}
    for case, slots in bad.items():
        with pytest.raises(SpecError) as err:
            check_optimizer_state(arch, hyper, OptimizerState(1, slots))
        assert err.value.field == fields[case], case


# ---------------------------------------------------------------- L1


def _random_net(sizes, seed, shared=False, m=3):
    rng = np.random.default_rng(seed)
    arch = Architecture(tuple(sizes), ("tanh",) * (len(sizes) - 2) + ("sigmoid",), "quadratic", shared_bias=shared)
    W = {l: rng.normal(size=(sizes[l - 1], sizes[l - 2])) for l in arch.layers}
    W = {l: w + 0.2 * np.sign(w) for l, w in W.items()}  # |w| ≥ 0.2: well away from the kink of |w|
    b = {l: (np.full(sizes[l - 1], rng.normal()) if shared else rng.normal(size=sizes[l - 1])) for l in arch.layers}
    x, y = rng.normal(size=(sizes[0], m)), rng.uniform(size=(sizes[-1], m))
    return arch, Params(W, b), x, y


@pytest.mark.parametrize("lam,l1", [(0.0, 0.5), (0.3, 0.7)])
def test_l1_gradient_equals_central_differences(lam, l1):
    arch, params, x, y = _random_net((3, 4, 2), seed=9)
    penalty, h = Penalty(lam, l1), 1e-6
    trace = backprop(arch, params, x, y, penalty)
    for l in arch.layers:
        for (j, k), _ in np.ndenumerate(params.W[l]):
            up, down = params.copy(), params.copy()
            up.W[l][j, k] += h
            down.W[l][j, k] -= h
            numeric = (forward(arch, up, x, y, penalty).cost - forward(arch, down, x, y, penalty).cost) / (2 * h)
            assert trace.nabla_w[l][j, k] == pytest.approx(numeric, rel=1e-6, abs=1e-9)
    assert gradcheck(arch, params, x, y, penalty).max_rel_error < 1e-6  # type: ignore[arg-type]


def test_l1_terms_are_as_stated_and_leave_biases_alone():
    arch, params, x, y = _random_net((2, 3, 1), seed=3, m=4)
    l1, m = 0.6, 4
    plain, reg = backprop(arch, params, x, y), backprop(arch, params, x, y, Penalty(l1=l1))
    expected = l1 / m * sum(np.abs(w).sum() for w in params.W.values())
    assert reg.forward.regularization == pytest.approx(expected)
    assert reg.forward.cost == pytest.approx(plain.forward.cost + expected)
    for l in arch.layers:
        assert np.allclose(reg.nabla_w[l], plain.nabla_w[l] + l1 / m * np.sign(params.W[l]))
        assert np.array_equal(reg.nabla_b[l], plain.nabla_b[l])


def test_no_l1_keeps_the_l2_gradient_bit_for_bit():
    arch, params, x, y = _random_net((2, 3, 2), seed=6)
    a, b = backprop(arch, params, x, y, 0.4), backprop(arch, params, x, y, Penalty(lam=0.4, l1=0.0))
    assert all(np.array_equal(a.nabla_w[l], b.nabla_w[l]) for l in arch.layers)
    assert a.forward.cost == b.forward.cost
