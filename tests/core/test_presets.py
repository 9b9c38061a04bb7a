"""Ready-made networks (app.core.presets): each builds, is valid and behaves as its description says."""

import numpy as np
import pytest

from app.core import training
from app.core.limits import Limits
from app.core.presets import PRESETS
from app.core.validation import check_labels, check_params, check_spec


@pytest.mark.parametrize("name", list(PRESETS))
def test_preset_builds_and_is_valid(name):
    preset = PRESETS[name]
    assert preset.name == name and preset.spec.preset == name
    assert preset.title and preset.description and preset.source
    model = training.create(preset.spec, Limits())
    check_spec(preset.spec, model.data, Limits())
    check_params(model.arch, model.params, Limits())
    check_labels(model.arch, preset.spec.labels)
    assert model.version == 1 and model.steps == 0
    trace, after = training.step(model)
    assert np.isfinite(trace.forward.cost) and after.params.all_finite()


@pytest.mark.parametrize("name", list(PRESETS))
def test_same_preset_built_twice_is_bit_identical(name):
    a = training.create(PRESETS[name].spec, Limits())
    b = training.create(PRESETS[name].spec, Limits())
    for _ in range(5):
        for l in a.arch.layers:
            assert np.array_equal(a.params.W[l], b.params.W[l]) and np.array_equal(a.params.b[l], b.params.b[l])
        ta, a = training.step(a)
        tb, b = training.step(b)
        assert ta.forward.cost == tb.forward.cost
        for l in a.arch.layers:
            assert np.array_equal(ta.nabla_w[l], tb.nabla_w[l])
    for l in a.arch.layers:
        assert np.array_equal(a.params.W[l], b.params.W[l]) and np.array_equal(a.params.b[l], b.params.b[l])


def test_seed_2_3_1_has_nine_weights_w1_to_w9_and_biases_b1_b2():
    spec = PRESETS["seed-2-3-1"].spec
    assert spec.arch.sizes == (2, 3, 1) and spec.arch.shared_bias
    labels = spec.labels
    names = [n for l in (2, 3) for row in labels.weights[l] for n in row]
    assert names == [f"W{i}" for i in range(1, 10)]
    assert set(labels.biases[2]) == {"b1"} and labels.biases[3] == ["b2"]
    model = training.create(spec, Limits())
    assert model.params.W[2].shape == (3, 2) and model.params.W[3].shape == (1, 3)


def test_seed_2_3_1_stays_shared_bias_after_steps():
    model = training.create(PRESETS["seed-2-3-1"].spec, Limits())
    start = model.params.b[2].copy()
    for _ in range(20):
        _, model = training.step(model)
        assert np.ptp(model.params.b[2]) == 0
    assert not np.array_equal(model.params.b[2], start)  # the shared bias does learn
    check_params(model.arch, model.params, Limits())


def test_xor_preset_learns_xor_within_2000_steps():
    model = training.create(PRESETS["xor-2-2-1"].spec, Limits())
    result = training.train(model, 2000, Limits(max_train_seconds=30), record_every=100)
    assert result.status == "completed"
    assert result.train_loss[-1] < 0.05
    x = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    out = training.forward_inputs(result.model, x, None, Limits()).output[0]
    assert list(out > 0.5) == [False, True, True, False]


def test_lecture_3_2_1_shapes_cost_and_output_error():
    model = training.create(PRESETS["lecture-3-2-1"].spec, Limits())
    assert model.arch.cost_name == "binary_cross_entropy"
    assert model.params.W[2].shape == (2, 3) and model.params.W[3].shape == (1, 2)
    trace = training.backward(model)
    assert trace.delta_rule == "a_minus_y"
    y_hat, y = trace.forward.a[3], trace.forward.y
    assert np.array_equal(trace.delta[3], y_hat - y)
    for l in (2, 3):
        assert trace.nabla_w[l].shape == model.params.W[l].shape
    assert trace.m == 4  # full batch of the four examples


def test_preset_labels_number_layers_as_nielsen_does() -> None:
    """w^l_jk and b^l feed layer l: a label's superscript is its layer's l, as in the matrix panel (W^l)."""
    supers = {"¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5}
    for preset in PRESETS.values():
        labels = preset.spec.labels
        for kind in (labels.weights, labels.biases):
            for l, names in kind.items():
                for name in (n for row in names for n in (row if isinstance(row, list) else [row])):
                    marks = [supers[c] for c in name if c in supers]
                    assert marks in ([], [int(l)]), f"{preset.name}: {name} labels layer {l}"
