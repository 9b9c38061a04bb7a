"""The training doctor (app/core/doctor.py): each diagnosis appears on a network or run built to trigger it, with
the number that triggered it, and is absent on a healthy one."""

from dataclasses import replace

import numpy as np
import pytest

from app.core import doctor, training
from app.core.doctor import Point
from app.core.lab import gradient_norms, metrics
from app.core.limits import Limits
from app.core.model import DatasetRef, Hyper, Model, Spec
from app.core.network import Architecture, Params

LIMITS = Limits()


def build(sizes=(2, 8, 1), acts=("tanh", "sigmoid"), cost="binary_cross_entropy", data="circle", **hyper) -> Model:
    spec = Spec(arch=Architecture(sizes, acts, cost), hyper=Hyper(**{"eta": 0.5, "batch_size": 16, **hyper}),
                data=DatasetRef(data, n=120), seed=3)
    return training.create(spec, LIMITS)


def with_params(model: Model, W=None, b=None) -> Model:
    return replace(model, params=Params({**model.params.W, **(W or {})}, {**model.params.b, **(b or {})}))


def codes(found) -> set[str]:
    return {d.code for d in found}


def healthy() -> Model:
    return training.train(build(), 300, LIMITS).model


def test_a_healthy_network_has_no_diagnosis():
    model = healthy()
    assert doctor.now(model, gradient_norms(model)) == []


def test_relus_that_never_fire_are_dead_and_counted():
    model = build(acts=("relu", "sigmoid"))
    W, b = model.params.W[2].copy(), model.params.b[2].copy()
    W[:3], b[:3] = 0.0, -5.0  # three units whose z is −5 on every example
    W[3], b[3] = [0.0, 1.0], -0.99  # one that fires on almost no example: dead too
    found = doctor.units(with_params(model, {2: W}, {2: b}))
    dead = next(d for d in found if d.code == "dead_units")
    assert dead.value == 4 and "4 of 8" in dead.message and "relu" in dead.message
    assert "saturated_units" not in codes(found)  # a ReLU is dead or alive, never saturated


def test_sigmoids_stuck_at_0_or_1_are_saturated():
    model = build(acts=("sigmoid", "sigmoid"))
    b = np.where(np.arange(8) < 6, 30.0, 0.0)  # six units with z ≈ 30 on every example: σ'(z) ≈ 1e−13
    found = doctor.units(with_params(model, b={2: b}))
    saturated = next(d for d in found if d.code == "saturated_units")
    assert saturated.value == 6 and "6 of 8" in saturated.message and "dead_units" not in codes(found)


@pytest.mark.parametrize("ratio,code", [(1e-5, "vanishing_gradients"), (1e5, "exploding_gradients"), (1.0, None)])
def test_gradient_flow_compares_the_first_layer_with_the_last(ratio, code):
    found = doctor.gradient_flow({2: ratio, 3: 0.5, 4: 1.0})
    assert (found.code if found else None) == code
    if found:
        assert found.value == pytest.approx(ratio)


def test_a_deep_sigmoid_network_vanishes():
    model = build(sizes=(2, 8, 8, 8, 8, 8, 1), acts=("sigmoid",) * 6, cost="quadratic")
    W = {l: model.params.W[l] * 0.1 for l in range(2, 7)}
    model = with_params(model, W)
    assert doctor.gradient_flow(gradient_norms(model)).code == "vanishing_gradients"


def test_equal_starting_weights_leave_the_units_symmetric_and_training_keeps_them_so():
    model = build()
    model = with_params(model, {2: np.full((8, 2), 0.3), 3: np.full((1, 8), 0.2)}, {2: np.zeros(8)})
    trained = training.train(replace(model, initial=model.params), 50, LIMITS).model
    found = doctor.symmetry(trained)
    assert found and found.code == "symmetric_units" and found.value == 8
    assert doctor.symmetry(healthy()) is None


def run(losses, tests=None, every=100):
    tests = tests or [None] * len(losses)
    return [Point(i * every, tr, te, {2: 1.0, 3: 1.0}) for i, (tr, te) in enumerate(zip(losses, tests, strict=True))]


def test_test_loss_rising_while_training_loss_falls_is_overfitting():
    points = run([0.6, 0.4, 0.3, 0.2, 0.1, 0.05], [0.6, 0.45, 0.4, 0.42, 0.47, 0.55])
    (found,) = doctor.trend(points, eta=0.5)
    assert found.code == "overfitting" and found.value == pytest.approx(0.55 / 0.4 - 1)
    assert "step 200" in found.message
    # Both falling: no diagnosis.
    assert doctor.trend(run([0.6, 0.4, 0.3], [0.6, 0.5, 0.45]), eta=0.5) == []


def test_a_loss_that_barely_moves_is_slow_learning_and_suggests_a_larger_eta():
    points = run([0.6930, 0.69299, 0.69298, 0.69297])
    (found,) = doctor.trend(points, eta=0.001)
    assert found.code == "slow_learning" and found.value < 0.001 and "η = 0.01" in found.advice
    # Falling 10% per 100 steps is not slow; a loss near 0 is done, not slow.
    assert doctor.trend(run([0.6, 0.54, 0.48, 0.43]), eta=0.5) == []
    assert doctor.trend(run([1e-4, 1e-4, 1e-4, 1e-4]), eta=0.5) == []
    # Stuck units explain a flat loss better than a small η does.
    stuck = doctor.Diagnosis("dead_units", "…", 3, "…")
    assert doctor.trend(points, eta=0.001, now=[stuck]) == []


def test_a_loss_that_goes_up_and_down_means_eta_too_large():
    points = run([0.7, 0.9, 0.6, 1.2, 0.8, 1.4, 0.9, 1.3])
    (found,) = doctor.trend(points, eta=1e6)
    assert found.code == "eta_too_large" and "η = 1e5" in found.advice


def test_the_layer_that_blew_up_first_is_named():
    points = [Point(0, 1.0, None, {2: 1.0, 3: 1.0}), Point(10, 1.0, None, {2: 5.0, 3: 2e3}),
              Point(20, 1.0, None, {2: float("inf"), 3: 1e9})]
    assert doctor.blown_up_layer(points) == 3
    assert doctor.blown_up_layer(points[:1]) is None


def test_divergence_is_diagnosed_with_an_eta_that_trains_from_the_same_start():
    start = build(eta=1e6, sizes=(2, 8, 1), acts=("relu", "linear"), cost="quadratic")
    result = training.train(start, 200, LIMITS)
    assert result.status == "diverged"
    found = doctor.diverged([Point(0, None, None, gradient_norms(start))], start, 200, LIMITS)
    assert found.code == "diverged"
    safe = float(found.advice.split("η = ")[1].split(" ")[0])
    assert safe < 1e6
    again = training.train(replace(start, spec=replace(start.spec, hyper=replace(start.hyper, eta=safe))), 200, LIMITS)
    assert again.status == "completed"
    assert metrics(again.model).train_loss < metrics(start).train_loss


def test_a_loss_wobbling_at_its_floor_is_not_eta_too_large():
    """Converged mini-batch training: the loss goes up in half the chunks, by a percent or two, at its lowest."""
    points = run([0.9, 0.5, 0.2, 0.05, 0.0505, 0.0502, 0.0507, 0.0503, 0.0508, 0.0504, 0.0509, 0.0505, 0.051, 0.0506])
    assert [d.code for d in doctor.trend(points, eta=0.01)] in ([], ["slow_learning"])
    assert all(d.code != "eta_too_large" for d in doctor.trend(points, eta=0.01))
