"""The fast training loop (app.core.fast_loop) gives the numbers of repeated step() calls, bit for bit.

train() runs on it; step() builds the whole trace. Every architecture feature the loop handles
(costs, activations, optimizers, L2/L1, shared and frozen biases, epochs, full batches) is compared
against a chain of step() calls, and divergence against the plain loop train() used to be.
"""

import time
from dataclasses import replace

import numpy as np
import pytest

from app.core import fast_loop, training
from app.core.errors import DivergedError
from app.core.limits import Limits
from app.core.model import DatasetRef, Hyper, Model, Samples, Spec
from app.core.network import Architecture
from app.core.presets import PRESETS

LIMITS = Limits()


def stepped(model: Model, n: int) -> Model:
    for _ in range(n):
        _, model = training.step(model)
    return model


def assert_same_model(fast: Model, slow: Model) -> None:
    assert (fast.version, fast.steps, fast.sampler) == (slow.version, slow.steps, slow.sampler)
    for l in slow.arch.layers:
        assert np.array_equal(fast.params.W[l], slow.params.W[l])
        assert np.array_equal(fast.params.b[l], slow.params.b[l])
    assert fast.optimizer.t == slow.optimizer.t
    assert fast.optimizer.slots.keys() == slow.optimizer.slots.keys()
    for l, slots in slow.optimizer.slots.items():
        assert list(fast.optimizer.slots[l]) == list(slots)  # same names, same order
        for name, value in slots.items():
            assert np.array_equal(fast.optimizer.slots[l][name], value), (l, name)


def spiral_spec(**hyper) -> Spec:
    return Spec(arch=Architecture((2, 8, 8, 3), ("relu", "tanh", "softmax"), "softmax_cross_entropy"),
                hyper=Hyper(**{"eta": 0.05, "batch_size": 16, **hyper}), data=DatasetRef("spiral3", n=90), seed=4)


def regression_spec(**hyper) -> Spec:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(13, 3))
    y = np.c_[np.sin(x[:, 0]), x[:, 1] * x[:, 2]]
    return Spec(arch=Architecture((3, 5, 4, 2), ("leaky_relu", "sigmoid", "linear"), "quadratic"),
                hyper=Hyper(**{"eta": 0.02, "batch_size": 5, **hyper}), data=Samples(x, y), seed=2)


def xor_spec(**hyper) -> Spec:
    return Spec(arch=Architecture((2, 4, 4, 1), ("tanh", "tanh", "sigmoid"), "binary_cross_entropy"),
                hyper=Hyper(**{"eta": 0.3, "batch_size": 16, **hyper}), data=DatasetRef("xor", n=60), seed=1)


CASES = {
    "xor bce sgd": xor_spec(),
    "xor bce l2+l1": xor_spec(lam=0.3, l1=0.05),
    "spiral3 softmax momentum": spiral_spec(optimizer="momentum", momentum=0.8),
    "spiral3 softmax adam l2": spiral_spec(optimizer="adam", eta=0.01, lam=0.1),
    "regression quadratic sgd": regression_spec(),
    "regression adam frozen biases": regression_spec(optimizer="adam", freeze_biases=True),
    "regression momentum full batch": regression_spec(optimizer="momentum", batch_size=100),
}


@pytest.mark.parametrize("gather", ["per epoch", "per batch"])
@pytest.mark.parametrize("name", CASES)
def test_run_equals_repeated_steps_bit_for_bit(name, gather, monkeypatch):
    # Small data sets are gathered once an epoch, large ones a batch at a time: both paths, on every case.
    monkeypatch.setattr(fast_loop, "EPOCH_GATHER_BYTES", 1 << 40 if gather == "per epoch" else 0)
    model = training.create(CASES[name], LIMITS)
    model = stepped(model, 3)  # start mid-epoch with optimizer state, as the lab does after a pause
    out = fast_loop.run(model, 25, time.perf_counter() + 60)
    assert out.stopped == "done"
    assert_same_model(out.model, stepped(model, 25))
    assert_same_model(out.previous, stepped(model, 24))


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_train_as_they_step(name):
    model = training.create(PRESETS[name].spec, LIMITS)  # shared biases, frozen biases, published weights
    result = training.train(model, 40, LIMITS, record_every=7)
    assert_same_model(result.model, stepped(model, 40))
    assert result.history_steps == [0, 7, 14, 21, 28, 35, 40]


def test_no_steps_leave_the_model_as_it_is():
    model = training.create(xor_spec(), LIMITS)
    out = fast_loop.run(model, 5, time.perf_counter() - 1)  # deadline already passed
    assert out.stopped == "time_limit" and out.model is model and out.previous is None


def plain_train(model: Model, steps: int, record_every: int) -> training.TrainResult:
    """train() as it was before the fast loop: one step() after another."""
    data, history, start = model.data, [], model.steps
    last_recorded = previous = model

    def record(m):
        nonlocal last_recorded
        history.append((m.steps, training.dataset_cost(m, data.x_train, data.y_train),
                        training.dataset_cost(m, data.x_test, data.y_test)))
        last_recorded = m
    status = "completed"
    try:
        record(model)
        for i in range(1, steps + 1):
            _, nxt = training.step(model)
            previous, model = model, nxt
            if i % record_every == 0 or i == steps:
                record(model)
    except DivergedError:
        model = next((m for m in (model, previous) if training._evaluates(m)), last_recorded)
        history[:] = [h for h in history if h[0] <= model.steps]
        status = "diverged"
    return training.TrainResult(model, model.steps - start, status, "", [h[0] for h in history],
                                [h[1] for h in history], [h[2] for h in history])


@pytest.mark.parametrize("spec", [
    regression_spec(eta=1e6), regression_spec(eta=3e2, batch_size=13), xor_spec(eta=1e5, lam=1e3),
    regression_spec(eta=1e2, optimizer="momentum"),
    replace(regression_spec(eta=30.0), arch=Architecture((3, 5, 4, 2), ("linear", "linear", "linear"), "quadratic")),
], ids=["regression-1e6", "full-batch", "l2", "momentum", "linear-overflow"])
def test_divergence_ends_where_the_plain_loop_ends(spec):
    model = training.create(spec, LIMITS)
    fast, plain = training.train(model, 200, LIMITS, record_every=3), plain_train(model, 200, 3)
    assert fast.status == plain.status
    assert_same_model(fast.model, plain.model)
    assert (fast.history_steps, fast.train_loss, fast.test_loss) == \
        (plain.history_steps, plain.train_loss, plain.test_loss)


def test_adam_state_that_overflows_while_the_weights_stay_finite_is_caught():
    # a^3 ~ 1e150 and δ^4 ~ 1e100: ∂C/∂W^4 ~ 1e250 is finite but its square in Adam's v is not, while
    # the step η m̂/(√v̂ + ε) is 0 and the weights stay finite. step() refuses that; so must train().
    spec = replace(regression_spec(optimizer="adam"),
                   arch=Architecture((3, 5, 4, 2), ("linear", "linear", "linear"), "quadratic"))
    model = training.create(spec, LIMITS)
    p = model.params
    model = replace(model, params=replace(p, W={2: p.W[2] * 1e75, 3: p.W[3] * 1e75, 4: p.W[4] * 1e-50}))
    with pytest.raises(DivergedError, match="optimizer's state"):
        training.step(model)
    fast, plain = training.train(model, 5, LIMITS), plain_train(model, 5, 1)
    assert fast.status == plain.status == "diverged"
    assert_same_model(fast.model, plain.model)


def test_a_sum_that_overflows_is_a_false_alarm_that_step_settles():
    # z^2 = 1e308 everywhere is finite, but the sum of its entries overflows: the loop hands the step to
    # step(), which finds every number finite (a − y = 0) and goes on; the numbers are still the steps'.
    spec = Spec(arch=Architecture((1, 2), ("linear",), "quadratic"), hyper=Hyper(eta=0.1, batch_size=2),
                data=Samples(np.ones((2, 1)), np.zeros((2, 2))), seed=0)
    model = training.create(spec, LIMITS)
    huge = np.full((2, 2), 1e308)
    model = replace(model, params=replace(model.params, W={2: np.full((2, 1), 1e308)}, b={2: np.zeros(2)}),
                    data=replace(model.data, x_train=np.ones((2, 1)), y_train=huge))
    assert fast_loop.run(model, 3, time.perf_counter() + 60).stopped == "unusual"
    result = training.train(model, 3, LIMITS)
    assert result.status == "completed"
    assert_same_model(result.model, stepped(model, 3))
