"""Tests for app.core.datasets: shapes, determinism, split, labels, geometry, errors."""

import dataclasses
import math

import numpy as np
import pytest

from app.core.datasets import DATASETS, Dataset, DatasetInfo, make_dataset

NAMES = ["xor", "circle", "gaussians", "spiral", "moons", "spiral3"]
BINARY = [name for name in NAMES if name != "spiral3"]


def _labels(ds: Dataset, split: str = "train") -> np.ndarray:
    """Integer class labels from y (binary column or one-hot rows)."""
    y = ds.y_train if split == "train" else ds.y_test
    return y[:, 0].astype(int) if ds.classes == 2 else np.argmax(y, axis=1)


def _all(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    x = np.concatenate([ds.x_train, ds.x_test])
    labels = np.concatenate([_labels(ds, "train"), _labels(ds, "test")])
    return x, labels


# ---------------------------------------------------------------- catalogue

def test_catalogue_order_and_fields():
    assert [name for name, info in DATASETS.items() if info.task != "regression"] == NAMES
    for name, info in DATASETS.items():
        assert isinstance(info, DatasetInfo)
        assert info.name == name
        assert info.title and info.description
        assert info.input_size == (1 if name.startswith("curve_") else 2)  # (tests/core/test_regression.py)
    assert all(DATASETS[n].classes == 2 and DATASETS[n].output_size == 1 for n in BINARY)
    assert DATASETS["spiral3"].classes == 3 and DATASETS["spiral3"].output_size == 3


# ---------------------------------------------------------------- shapes

@pytest.mark.parametrize("name", NAMES)
def test_shapes_and_dtypes(name):
    ds = make_dataset(name)
    k = DATASETS[name].output_size
    assert ds.name == name
    assert ds.classes == DATASETS[name].classes
    assert ds.x_train.shape == (160, 2) and ds.x_test.shape == (40, 2)
    assert ds.y_train.shape == (160, k) and ds.y_test.shape == (40, k)
    for arr in (ds.x_train, ds.y_train, ds.x_test, ds.y_test):
        assert arr.dtype == np.float64
        assert np.all(np.isfinite(arr))


def test_dataset_is_frozen():
    ds = make_dataset("xor")
    with pytest.raises(dataclasses.FrozenInstanceError):
        ds.name = "other"  # type: ignore[misc]


# ---------------------------------------------------------------- determinism

@pytest.mark.parametrize("name", NAMES)
def test_same_seed_gives_identical_arrays(name):
    a = make_dataset(name, n=150, noise=0.2, test_fraction=0.3, seed=7)
    b = make_dataset(name, n=150, noise=0.2, test_fraction=0.3, seed=7)
    for field in ("x_train", "y_train", "x_test", "y_test"):
        assert np.array_equal(getattr(a, field), getattr(b, field))


@pytest.mark.parametrize("name", NAMES)
def test_different_seed_gives_different_arrays(name):
    a = make_dataset(name, seed=1)
    b = make_dataset(name, seed=2)
    assert not np.array_equal(a.x_train, b.x_train)


def test_does_not_touch_global_numpy_random_state():
    np.random.seed(123)
    expected = np.random.random(3)
    np.random.seed(123)
    make_dataset("spiral", seed=5)
    assert np.array_equal(np.random.random(3), expected)


def test_calls_return_fresh_arrays():
    a = make_dataset("moons")
    a.x_train[:] = 99.0
    assert not np.any(make_dataset("moons").x_train == 99.0)


# ---------------------------------------------------------------- split

@pytest.mark.parametrize("n, fraction, n_test", [
    (200, 0.2, 40), (101, 0.25, 25), (10, 0.0, 0), (10, 0.9, 9), (4, 0.5, 2), (7, 0.3, 2),
])
def test_split_sizes(n, fraction, n_test):
    ds = make_dataset("circle", n=n, test_fraction=fraction)
    assert len(ds.x_test) == len(ds.y_test) == n_test
    assert len(ds.x_train) == len(ds.y_train) == n - n_test


def test_train_and_test_are_disjoint():
    ds = make_dataset("gaussians", n=300, noise=0.3)
    train_rows = {tuple(row) for row in ds.x_train}
    assert not any(tuple(row) in train_rows for row in ds.x_test)


def test_split_is_stratified():
    ds = make_dataset("spiral3", n=300, test_fraction=0.2)
    assert np.array_equal(np.bincount(_labels(ds, "test"), minlength=3), [20, 20, 20])
    assert np.array_equal(np.bincount(_labels(ds, "train"), minlength=3), [80, 80, 80])


# ---------------------------------------------------------------- labels

@pytest.mark.parametrize("name", BINARY)
def test_binary_labels_valid_and_balanced(name):
    ds = make_dataset(name)
    for y in (ds.y_train, ds.y_test):
        assert set(np.unique(y)) <= {0.0, 1.0}
    assert set(np.unique(ds.y_train)) == {0.0, 1.0}
    share = ds.y_train.mean()
    assert 0.4 <= share <= 0.6
    _, labels = _all(ds)
    assert abs(int(labels.sum()) - 100) <= 1


def test_spiral3_labels_one_hot_and_balanced():
    ds = make_dataset("spiral3")
    for y in (ds.y_train, ds.y_test):
        assert set(np.unique(y)) <= {0.0, 1.0}
        assert np.array_equal(y.sum(axis=1), np.ones(len(y)))
    counts = np.bincount(_labels(ds, "train"), minlength=3)
    assert np.all(counts > 0)
    assert counts.max() - counts.min() <= 2


@pytest.mark.parametrize("name", NAMES)
def test_inputs_bounded(name):
    ds = make_dataset(name, n=1000, noise=0.1)
    x, _ = _all(ds)
    assert np.abs(x).max() <= 1.5


@pytest.mark.parametrize("name", [n for n in NAMES if n != "gaussians"])
def test_clean_points_within_unit_square(name):
    x, _ = _all(make_dataset(name, n=1000, noise=0.0))
    assert np.abs(x).max() <= 1.0 + 1e-12


# ---------------------------------------------------------------- geometry

def test_xor_geometry():
    x, labels = _all(make_dataset("xor", n=500, noise=0.0))
    signs_differ = (np.sign(x[:, 0]) != np.sign(x[:, 1])).astype(int)
    assert np.array_equal(labels, signs_differ)
    assert np.all(labels == (x[:, 0] * x[:, 1] < 0))
    assert np.abs(x).min() >= 0.05 - 1e-12  # margin away from the axes


def test_circle_geometry():
    x, labels = _all(make_dataset("circle", n=500, noise=0.0))
    radius = np.linalg.norm(x, axis=1)
    assert radius[labels == 1].max() < radius[labels == 0].min()
    assert radius[labels == 1].max() <= 0.5 + 1e-12
    assert radius[labels == 0].min() >= 0.7 - 1e-12


def test_gaussians_geometry():
    x, labels = _all(make_dataset("gaussians", n=500, noise=0.0))
    mean1, mean0 = x[labels == 1].mean(axis=0), x[labels == 0].mean(axis=0)
    assert np.all(mean1 > 0.3) and np.all(mean0 < -0.3)
    assert np.allclose(mean1, [0.5, 0.5], atol=0.1)
    assert np.allclose(mean0, [-0.5, -0.5], atol=0.1)


def test_moons_geometry():
    x, labels = _all(make_dataset("moons", n=500, noise=0.0))
    # Upper moon (label 0) sits higher on average; both moons are arcs, not blobs.
    assert x[labels == 0, 1].mean() > x[labels == 1, 1].mean()
    assert x[labels == 0, 0].mean() < x[labels == 1, 0].mean()
    # Undo the rescaling: each moon is a unit half circle, as in sklearn.
    raw = 1.5 * x + np.array([0.5, 0.25])
    upper, lower = raw[labels == 0], raw[labels == 1] - np.array([1.0, 0.5])
    assert np.allclose(np.linalg.norm(upper, axis=1), 1.0)
    assert np.allclose(np.linalg.norm(lower, axis=1), 1.0)
    assert np.all(upper[:, 1] >= -1e-12) and np.all(lower[:, 1] <= 1e-12)


@pytest.mark.parametrize("name, arms", [("spiral", 2), ("spiral3", 3)])
def test_spiral_arms_are_rotations(name, arms):
    x, labels = _all(make_dataset(name, n=600, noise=0.0))
    radius = np.linalg.norm(x, axis=1)
    assert radius.max() <= 1.0 + 1e-12
    # Rotating arm c by -2*pi*c/arms must land it on arm 0's curve: for a given
    # radius, its angle then matches arm 0's angle at that radius.
    turns = 1.75 if arms == 2 else 1.25
    t = (radius - 0.05) / 0.95
    expected = 2 * math.pi * (turns * t + labels / arms)
    actual = np.arctan2(x[:, 1], x[:, 0])
    diff = np.angle(np.exp(1j * (actual - expected)))
    assert np.abs(diff).max() < 1e-9


# ---------------------------------------------------------------- errors

@pytest.mark.parametrize("kwargs, message", [
    ({"n": 3}, "n must be"),
    ({"n": 10_001}, "n must be"),
    ({"n": 10.5}, "n must be"),
    ({"n": True}, "n must be"),
    ({"noise": -0.01}, "noise must be"),
    ({"noise": 1.01}, "noise must be"),
    ({"noise": float("nan")}, "noise must be"),
    ({"noise": float("inf")}, "noise must be"),
    ({"test_fraction": -0.1}, "test_fraction must be"),
    ({"test_fraction": 0.95}, "test_fraction must be"),
    ({"test_fraction": float("nan")}, "test_fraction must be"),
    ({"seed": -1}, "seed must be"),
    ({"n": 4, "test_fraction": 0.9}, "leaves no training example"),
])
def test_invalid_arguments_raise(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_dataset("xor", **kwargs)


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match="unknown dataset name 'blobs'") as err:
        make_dataset("blobs")
    for name in NAMES:
        assert name in str(err.value)


def test_boundary_values_are_accepted():
    assert len(make_dataset("xor", n=4).x_train) >= 1
    assert len(make_dataset("xor", n=10_000, noise=1.0).x_train) == 8000
    assert len(make_dataset("xor", noise=0.0, test_fraction=0.9).x_test) == 180
