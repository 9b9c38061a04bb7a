"""Training over time (app.core.training, sampler, initialization, validation).

Sampler order and epochs, step/reset/set_params purity, train history and stop
statuses (completed, diverged, time_limit), seeded initialization scales, and
SpecError fields for invalid specs and batches.
"""

import copy

import numpy as np
import pytest

from app.core import training
from app.core.activations import ACTIVATIONS
from app.core.errors import DivergedError, SpecError
from app.core.initialization import init_params
from app.core.limits import Limits
from app.core.model import DatasetRef, Hyper, Samples, Spec
from app.core.network import Architecture, Params
from app.core.sampler import SamplerState, advance, batch_indices, epoch_order

LIMITS = Limits()


def _spec(arch=None, hyper=None, data=None, seed=3, **kw) -> Spec:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(10, 2))
    return Spec(arch=arch or Architecture((2, 4, 1), ("tanh", "linear"), "quadratic"),
                hyper=hyper or Hyper(eta=0.1, batch_size=4),
                data=data or Samples(x, x[:, :1] * x[:, 1:], x[:2], x[:2, :1]), seed=seed, **kw)


def _same(p: Params, q: Params) -> bool:
    return all(np.array_equal(p.W[l], q.W[l]) and np.array_equal(p.b[l], q.b[l]) for l in p.W) \
        and p.W.keys() == q.W.keys()


# ---------------------------------------------------------------- sampler


def test_epoch_order_is_deterministic_from_seed_and_epoch():
    assert np.array_equal(epoch_order(10, 3, 5, 2), epoch_order(10, 3, 5, 2))
    assert not np.array_equal(epoch_order(10, 3, 5, 2), epoch_order(10, 3, 5, 3))
    assert not np.array_equal(epoch_order(10, 3, 5, 2), epoch_order(10, 3, 6, 2))
    assert sorted(epoch_order(10, 3, 5, 2)) == list(range(10))


@pytest.mark.parametrize("batch_size", [10, 11, 1000])
def test_full_batch_keeps_natural_order(batch_size):
    assert list(epoch_order(10, batch_size, 5, 4)) == list(range(10))
    assert list(batch_indices(10, batch_size, 5, SamplerState(epoch=3))) == list(range(10))


def test_batches_of_an_epoch_partition_the_set_last_smaller_and_advance_wraps():
    n, bs, seed = 10, 4, 9
    state, seen, sizes = SamplerState(), [], []
    while state.epoch == 0:
        idx = batch_indices(n, bs, seed, state)
        seen += list(idx)
        sizes.append(len(idx))
        state = advance(n, bs, state)
    assert sorted(seen) == list(range(n)) and seen == list(epoch_order(n, bs, seed, 0))
    assert sizes == [4, 4, 2]
    assert state == SamplerState(epoch=1, cursor=0)
    assert list(batch_indices(n, bs, seed, state)) == list(epoch_order(n, bs, seed, 1)[:4])


# ---------------------------------------------------------------- step, reset, set_params


def test_step_moves_version_steps_and_sampler_and_leaves_input_untouched():
    model = training.create(_spec(), LIMITS)
    snapshot = copy.deepcopy(model.params)
    trace, after = training.step(model)
    assert (after.version, after.steps) == (model.version + 1, model.steps + 1)
    assert after.sampler == advance(model.data.n_train, 4, model.sampler) == SamplerState(0, 4)
    assert model.sampler == SamplerState() and model.version == 1 and model.steps == 0
    assert _same(model.params, snapshot) and _same(model.initial, snapshot)
    assert not _same(after.params, model.params)
    assert trace.m == 4


def test_reset_restores_initial_params_and_sampler():
    model = training.create(_spec(), LIMITS)
    moved = model
    for _ in range(7):
        _, moved = training.step(moved)
    back = training.reset(moved)
    assert _same(back.params, model.initial) and back.sampler == SamplerState()
    assert back.steps == 0 and back.version == moved.version + 1
    assert training.step(back)[0].forward.cost == training.step(model)[0].forward.cost


def test_set_params_validates_shapes_and_refuses_nan():
    model = training.create(_spec(), LIMITS)
    good = model.params.copy()
    good.W[2][0, 0] = 0.5
    changed = training.set_params(model, good, None, LIMITS)
    assert changed.params.W[2][0, 0] == 0.5 and changed.sampler == model.sampler
    assert changed.version == model.version + 1
    wrong = Params({2: np.zeros((3, 2)), 3: model.params.W[3]}, model.params.b)
    with pytest.raises(SpecError) as err:
        training.set_params(model, wrong, None, LIMITS)
    assert err.value.field == "parameters.W2"
    nan = model.params.copy()
    nan.b[3][0] = np.nan
    with pytest.raises(SpecError) as err:
        training.set_params(model, nan, None, LIMITS)
    assert err.value.field == "parameters.b3"
    with pytest.raises(SpecError) as err:
        training.set_params(model, good, SamplerState(0, 99), LIMITS)
    assert err.value.field == "sampler"


# ---------------------------------------------------------------- train


def test_train_history_follows_record_every():
    model = training.create(_spec(), LIMITS)
    result = training.train(model, 10, LIMITS, record_every=3)
    assert result.status == "completed" and result.steps_done == 10 and result.model.steps == 10
    assert result.history_steps == [0, 3, 6, 9, 10]
    assert len(result.train_loss) == len(result.test_loss) == 5
    assert all(np.isfinite(result.train_loss)) and all(v is not None for v in result.test_loss)
    assert result.train_loss[-1] < result.train_loss[0]


def test_a_run_not_recorded_where_it_starts_trains_the_same():
    """The lab's chunks skip the record of their start (the chunk before measured it): the same steps, the same
    weights, the history less its first point."""
    model = training.create(_spec(), LIMITS)
    full = training.train(model, 10, LIMITS, record_every=3)
    lean = training.train(model, 10, LIMITS, record_every=3, record_start=False)
    assert lean.history_steps == full.history_steps[1:] == [3, 6, 9, 10]
    assert lean.train_loss == full.train_loss[1:] and lean.test_loss == full.test_loss[1:]
    for l in model.arch.layers:
        assert np.array_equal(lean.model.params.W[l], full.model.params.W[l])


def test_huge_eta_ends_diverged_with_finite_params_history_and_evaluable_model():
    rng = np.random.default_rng(1)
    x, y = rng.normal(size=(8, 2)), rng.normal(size=(8, 1))
    spec = _spec(hyper=Hyper(eta=1e6, batch_size=3), data=Samples(x, y))
    result = training.train(training.create(spec, LIMITS), 500, LIMITS)
    assert result.status == "diverged" and 0 < result.steps_done < 500
    assert result.model.params.all_finite()
    assert all(np.isfinite(result.train_loss)) and result.history_steps[-1] <= result.model.steps
    trace = training.backward(result.model)
    assert np.isfinite(trace.forward.cost)


def test_diverged_model_can_still_evaluate_its_training_loss():
    # 1-1 linear net, mini-batches of 1, loss recorded every 2 steps: the fallback model has
    # only ever been evaluated on its own batch. See the bug report (training.train).
    spec = Spec(arch=Architecture((1, 1), ("linear",), "quadratic"), hyper=Hyper(eta=1e4, batch_size=1),
                data=Samples(np.array([[1.0], [100.0]]), np.zeros((2, 1))), seed=0,
                initial=Params({2: np.array([[1.0]])}, {2: np.array([0.0])}))
    result = training.train(training.create(spec, LIMITS), 100, LIMITS, record_every=2)
    assert result.status == "diverged"
    training.backward(result.model)  # its own mini-batch still evaluates ...
    try:  # ... but the docstring promises the last point that can still be evaluated
        loss = training.dataset_cost(result.model, result.model.data.x_train, result.model.data.y_train)
    except DivergedError:
        pytest.fail(f"train left the model at step {result.model.steps}, whose training loss overflows")
    assert np.isfinite(loss)


def test_zero_time_limit_stops_with_time_limit():
    model = training.create(_spec(), LIMITS)
    result = training.train(model, 100, Limits(max_train_seconds=0.0))
    assert result.status == "time_limit" and result.steps_done < 100
    assert result.model.steps == result.steps_done and len(result.history_steps) >= 1


def test_train_refuses_bad_step_counts():
    model = training.create(_spec(), LIMITS)
    with pytest.raises(SpecError) as err:
        training.train(model, 0, LIMITS)
    assert err.value.field == "steps"
    with pytest.raises(SpecError) as err:
        training.train(model, 5, LIMITS, record_every=6)
    assert err.value.field == "record_every"


# ---------------------------------------------------------------- initialization


def test_seeded_init_is_reproducible_and_seed_dependent():
    arch = Architecture((3, 5, 2), ("relu", "sigmoid"), "quadratic")
    a = init_params(arch, np.random.default_rng(4))
    assert _same(a, init_params(arch, np.random.default_rng(4)))
    assert not _same(a, init_params(arch, np.random.default_rng(5)))
    assert all(not b.any() for b in a.b.values())
    assert _same(training.create(_spec(seed=11), LIMITS).params, training.create(_spec(seed=11), LIMITS).params)


@pytest.mark.parametrize("act", [name for name, a in ACTIVATIONS.items() if not a.output_only])
def test_each_activation_starts_at_its_schemes_scale(act):
    """Glorot uniform U(±√(6 / (n_in + n_out))) has std √(2 / (n_in + n_out)); He normal √(2 / n_in)."""
    W = init_params(Architecture((128, 128), (act,), "quadratic"), np.random.default_rng(0)).W[2]
    if ACTIVATIONS[act].init == "he":
        assert W.std() == pytest.approx(np.sqrt(2 / 128), rel=0.05)
    else:
        assert ACTIVATIONS[act].init == "glorot"
        assert W.std() == pytest.approx(np.sqrt(2 / 256), rel=0.05)
        assert np.abs(W).max() <= np.sqrt(6 / 256)  # bounded, unlike He's normal


# ---------------------------------------------------------------- validation


def _field_of(spec: Spec) -> str | None:
    with pytest.raises(SpecError) as err:
        training.create(spec, LIMITS)
    return err.value.field


@pytest.mark.parametrize("arch,field", [
    (Architecture((2,) * 11, ("tanh",) * 10, "quadratic"), "sizes"),
    (Architecture((2, 0, 1), ("tanh", "linear"), "quadratic"), "sizes[1]"),
    (Architecture((2, 4, 1), ("swish", "linear"), "quadratic"), "activations[0]"),
    (Architecture((2, 4, 1), ("softmax", "linear"), "quadratic"), "activations[0]"),
    (Architecture((2, 4, 1), ("tanh", "tanh"), "binary_cross_entropy"), "cost"),
    (Architecture((2, 4, 2), ("tanh", "softmax"), "quadratic"), "cost"),
])
def test_invalid_architecture_is_refused_with_field(arch, field):
    x = np.random.default_rng(0).uniform(size=(4, 2))
    y = np.tile([[1.0, 0.0]], (4, 1))[:, :arch.sizes[-1]]
    assert _field_of(_spec(arch=arch, data=Samples(x, y))) == field


@pytest.mark.parametrize("eta", [0.0, -0.1, float("nan"), float("inf")])
def test_invalid_learning_rate_is_refused(eta):
    assert _field_of(_spec(hyper=Hyper(eta=eta))) == "eta"


def test_wrong_input_width_and_bad_bce_targets_are_refused():
    model = training.create(_spec(), LIMITS)
    with pytest.raises(SpecError) as err:
        training.forward_inputs(model, np.zeros((3, 5)), None, LIMITS)
    assert err.value.field == "inputs"
    bce = training.create(_spec(arch=Architecture((2, 3, 1), ("tanh", "sigmoid"), "binary_cross_entropy"),
                                data=Samples(np.zeros((2, 2)), np.array([[0.0], [1.0]]))), LIMITS)
    with pytest.raises(SpecError) as err:
        training.forward_inputs(bce, np.zeros((2, 2)), np.array([[0.5], [1.5]]), LIMITS)
    assert err.value.field == "targets"
    bad = _spec(arch=bce.arch, data=Samples(np.zeros((2, 2)), np.array([[-0.1], [1.0]])))
    assert _field_of(bad) == "samples.y"


def test_dataset_with_wrong_output_count_and_unknown_name_are_refused():
    three_classes = DatasetRef("spiral3", n=60)
    assert _field_of(_spec(data=three_classes)) == "dataset"
    assert _field_of(_spec(data=DatasetRef("no-such-set"))) == "dataset.name"
    ok = training.create(_spec(data=DatasetRef("xor", n=60)), LIMITS)
    assert ok.data.n_train + ok.data.x_test.shape[0] == 60
