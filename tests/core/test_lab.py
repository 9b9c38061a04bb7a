"""The lab's measurements: accuracy, gradient norms, the decision-boundary grid, chunk plans."""

from dataclasses import replace

import numpy as np
import pytest

from app.core import doctor, lab, training
from app.core.errors import SpecError
from app.core.limits import Limits
from app.core.model import DatasetRef, Hyper, Spec
from app.core.network import Architecture, forward
from app.core.presets import PRESETS
from app.core.suggested import SUGGESTED, suggested_spec

LIMITS = Limits()


def xor_net(sizes=(2, 4, 1), acts=("tanh", "sigmoid")) -> training.Model:
    spec = Spec(arch=Architecture(sizes, acts, "binary_cross_entropy"), hyper=Hyper(eta=0.5, batch_size=16),
                data=DatasetRef("xor", n=120), seed=1)
    return training.create(spec, LIMITS)


def test_accuracy_counts_outputs_on_the_right_side_of_one_half() -> None:
    model = training.create(PRESETS["xor-2-2-1"].spec, LIMITS)
    trained = training.train(model, 2000, Limits(max_train_seconds=30)).model
    assert lab.evaluate(trained, trained.data.x_train, trained.data.y_train).accuracy == 1.0
    out = forward(model.arch, model.params, model.data.x_train.T).output[0]
    expected = np.mean((out > 0.5) == (model.data.y_train[:, 0] > 0.5))
    assert lab.evaluate(model, model.data.x_train, model.data.y_train).accuracy == pytest.approx(expected)


def test_accuracy_is_none_for_regression_targets() -> None:
    model = training.create(PRESETS["mazur-2-2-2"].spec, LIMITS)  # targets 0.01 and 0.99
    got = lab.evaluate(model, model.data.x_train, model.data.y_train)
    assert got.accuracy is None and got.confusion is None


def test_gradient_norms_are_the_frobenius_norms_of_the_batch_gradients() -> None:
    model = xor_net()
    norms = lab.gradient_norms(model)
    trace = training.backward(model)
    assert set(norms) == {2, 3}
    assert norms[2] == pytest.approx(np.sqrt(np.sum(trace.nabla_w[2] ** 2)))


def test_gradients_vanish_towards_the_input_of_a_deep_sigmoid_stack() -> None:
    model = xor_net(sizes=(2, 8, 8, 8, 8, 8, 1), acts=("sigmoid",) * 6)
    norms = lab.gradient_norms(model)
    assert norms[2] < norms[7] / 10


def test_boundary_grid_matches_a_forward_pass_at_a_grid_point() -> None:
    model = xor_net()
    grid = lab.boundary(model, resolution=7)
    assert grid.output.shape == (1, 7, 7) and grid.hidden[2].shape == (4, 7, 7)
    r, c = 2, 5
    point = np.array([[grid.xs[c]], [grid.ys[r]]])
    fw = forward(model.arch, model.params, point)
    assert grid.output[0, r, c] == pytest.approx(fw.output[0, 0])
    assert grid.hidden[2][:, r, c] == pytest.approx(fw.a[2][:, 0])
    data = np.vstack([model.data.x_train, model.data.x_test])
    assert grid.xs[0] < data[:, 0].min() and grid.xs[-1] > data[:, 0].max()  # the data sits inside


def test_boundary_refuses_non_2d_inputs_and_oversized_grids() -> None:
    with pytest.raises(SpecError, match="2 inputs"):
        lab.boundary(training.create(PRESETS["lecture-3-2-1"].spec, LIMITS))
    with pytest.raises(SpecError) as err:
        lab.boundary(xor_net(sizes=(2, 128, 128, 128, 128, 1), acts=("relu",) * 4 + ("sigmoid",)), resolution=100)
    assert err.value.field == "resolution"
    assert lab.boundary(xor_net(), resolution=100, hidden=False).hidden == {}


def test_chunk_plans_add_up_and_refuse_bad_sizes() -> None:
    assert lab.chunk_plan(120, 50, LIMITS) == [50, 50, 20]
    assert lab.chunk_plan(5, 5, LIMITS) == [5]
    for steps, chunk in ((0, 1), (LIMITS.max_train_steps + 1, 1), (10, 11)):
        with pytest.raises(SpecError):
            lab.chunk_plan(steps, chunk, LIMITS)


def test_a_chunk_reports_where_training_got_to() -> None:
    model = xor_net()
    chunk = lab.train_chunk(model, 30, LIMITS)
    assert chunk.status == "running" and chunk.metrics.steps == 30 and chunk.model.steps == 30
    assert chunk.metrics.train_loss < lab.metrics(model).train_loss


def test_the_boundary_of_the_largest_network_needs_little_memory_beyond_its_answer() -> None:
    """Issue 12, problem 4: resolution 200 on [2, 128 × 8, 1] with hidden=false once took 530–625 MB (z and a of
    every layer for 40,000 points); computed in slices, the peak is the answer plus one slice."""
    import tracemalloc

    spec = Spec(arch=Architecture([2, *[128] * 8, 1], ["tanh"] * 8 + ["sigmoid"], "binary_cross_entropy"),
                hyper=Hyper(eta=0.1, batch_size=16), data=DatasetRef("xor", n=200), seed=1)
    model = training.create(spec, LIMITS)
    small = lab.boundary(model, 20, hidden=False)
    tracemalloc.start()
    try:
        grid = lab.boundary(model, 200, hidden=False)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 100 * 2**20, f"peak {peak / 2**20:.0f} MB"
    # The same numbers as one forward pass over the points (sliced or not).
    fw = forward(model.arch, model.params, np.array([[grid.xs[7]], [grid.ys[3]]]))
    assert grid.output[0, 3, 7] == pytest.approx(fw.output[0, 0], abs=1e-15)
    assert small.output.shape == (1, 20, 20)


@pytest.mark.parametrize("data,sizes,acts,cost", [
    ("xor", (2, 4, 1), ("tanh", "sigmoid"), "binary_cross_entropy"),
    ("spiral3", (2, 8, 3), ("tanh", "softmax"), "softmax_cross_entropy"),
])
def test_the_confusion_matrix_counts_every_example_once_and_its_diagonal_is_the_accuracy(data, sizes, acts, cost):
    spec = Spec(arch=Architecture(sizes, acts, cost), hyper=Hyper(eta=0.3, batch_size=16),
                data=DatasetRef(data, n=150), seed=2)
    model = training.train(training.create(spec, Limits()), 200, Limits()).model
    m = lab.metrics(model)
    for counts, x, accuracy in ((m.confusion_train, model.data.x_train, m.train_accuracy),
                                (m.confusion_test, model.data.x_test, m.test_accuracy)):
        k = max(2, sizes[-1])
        assert len(counts) == k and all(len(row) == k for row in counts)
        assert sum(map(sum, counts)) == x.shape[0]
        assert sum(counts[i][i] for i in range(k)) / x.shape[0] == pytest.approx(accuracy)
        # Each row is the class's own examples: its sum is how many the set holds.
    labels = model.data.y_train.argmax(axis=1) if sizes[-1] > 1 else model.data.y_train[:, 0].astype(int)
    assert [sum(row) for row in m.confusion_train] == np.bincount(labels, minlength=max(2, sizes[-1])).tolist()


def test_regression_has_no_confusion_matrix():
    spec = Spec(arch=Architecture((1, 4, 1), ("tanh", "linear"), "quadratic"), hyper=Hyper(eta=0.1),
                data=DatasetRef("curve_sine", n=40), seed=0)
    m = lab.metrics(training.create(spec, Limits()))
    assert m.confusion_train is None and m.confusion_test is None and m.train_accuracy is None


def separately(model: training.Model, x: np.ndarray, y: np.ndarray) -> tuple:
    """A set's loss, accuracy and confusion matrix, each from a pass of its own (the reference for evaluate())."""
    if x.shape[0] == 0:
        return None, None, None
    loss = training.dataset_cost(model, x, y)
    if not lab.is_classification(y):
        return loss, None, None
    out = forward(model.arch, model.params, x.T).output
    picked = (out[0] > 0.5).astype(int) if out.shape[0] == 1 else np.argmax(out, axis=0)
    truth = lab.true_classes(y)
    k = max(2, y.shape[1])
    counts = [[int(np.sum((truth == i) & (picked == j))) for j in range(k)] for i in range(k)]
    return loss, float(np.mean(picked == truth)), counts


@pytest.mark.parametrize("name", list(SUGGESTED))
@pytest.mark.parametrize("test_fraction", [0.0, 0.3])
def test_one_pass_per_set_reads_what_the_separate_measurements_read(name: str, test_fraction: float) -> None:
    """metrics() reads each set's loss, accuracy and confusion matrix (and the doctor its units) from one forward
    pass: the same numbers, bit for bit, as one pass per measurement — for binary, 3-class and regression data,
    with features, and with no test set."""
    spec = suggested_spec(name)
    spec = replace(spec, data=replace(spec.data, n=60, test_fraction=test_fraction))
    model = training.train(training.create(spec, LIMITS), 7, LIMITS).model
    d = model.data
    for x, y in ((d.x_train, d.y_train), (d.x_test, d.y_test)):
        got = lab.evaluate(model, x, y)
        assert (got.loss, got.accuracy, got.confusion) == separately(model, x, y)
    m = lab.metrics(model)
    train, test = separately(model, d.x_train, d.y_train), separately(model, d.x_test, d.y_test)
    assert (m.train_loss, m.test_loss) == (train[0], test[0])
    assert (m.train_accuracy, m.test_accuracy) == (train[1], test[1])
    assert (m.confusion_train, m.confusion_test) == (train[2], test[2])
    assert m.diagnoses == tuple(doctor.now(model, m.gradient_norms))
    assert (m.test_loss is None) == (test_fraction == 0.0)


def test_the_doctor_reads_the_same_units_from_a_pass_it_is_given() -> None:
    model = xor_net(sizes=(2, 6, 1), acts=("relu", "sigmoid"))
    W = model.params.W[2].copy()
    W[:3] = -abs(W[:3]) * 50  # three units that never fire on these inputs
    params = replace(model.params, W={**model.params.W, 2: W}, b={**model.params.b, 2: model.params.b[2] - 5})
    dead = model.changed(params=params)
    fw = forward(dead.arch, dead.params, dead.data.x_train.T, dead.data.y_train.T)
    assert doctor.units(dead, fw) == doctor.units(dead) != []
