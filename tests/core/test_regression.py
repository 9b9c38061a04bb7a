"""The regression data sets (app/core/regression.py): the targets are the functions named, noise sits on the
target, and the sets are seeded and split like the others."""

import numpy as np
import pytest

from app.core import training
from app.core.datasets import DATASETS, make_dataset
from app.core.lab import metrics
from app.core.limits import Limits
from app.core.model import DatasetRef, Hyper, Spec
from app.core.network import Architecture
from app.core.regression import CURVES

REGRESSION = [name for name, info in DATASETS.items() if info.task == "regression"]


@pytest.mark.parametrize("name", REGRESSION)
def test_shapes_seeding_and_split(name):
    ds = make_dataset(name, n=50, test_fraction=0.2, seed=3)
    inputs = DATASETS[name].input_size
    assert ds.x_train.shape == (40, inputs) and ds.x_test.shape == (10, inputs)
    assert ds.y_train.shape == (40, 1) and ds.classes == 0
    again = make_dataset(name, n=50, test_fraction=0.2, seed=3)
    assert np.array_equal(ds.x_train, again.x_train) and np.array_equal(ds.y_test, again.y_test)
    assert not np.array_equal(ds.y_train, make_dataset(name, n=50, test_fraction=0.2, seed=4).y_train)
    assert np.abs(np.concatenate([ds.x_train, ds.x_test])).max() <= 1.0


@pytest.mark.parametrize("name", sorted(CURVES))
def test_without_noise_each_curve_is_its_function(name):
    ds = make_dataset(f"curve_{name}", n=200, noise=0.0)
    x = np.concatenate([ds.x_train, ds.x_test])
    y = np.concatenate([ds.y_train, ds.y_test])
    assert np.array_equal(y, CURVES[name](x))


def test_the_plane_and_the_bumps_are_what_they_say():
    plane = make_dataset("plane", n=100, noise=0.0)
    assert np.allclose(plane.y_train[:, 0], plane.x_train.sum(axis=1) / 2)
    bumps = make_dataset("multi_gaussian", n=2000, noise=0.0)
    x, y = bumps.x_train, bumps.y_train[:, 0]
    near = lambda cx, cy: np.hypot(x[:, 0] - cx, x[:, 1] - cy) < 0.05  # noqa: E731
    assert (y[near(0.5, 0.5)] > 0.9).all() and (y[near(0.5, -0.5)] < -0.9).all()


def test_noise_is_on_the_target_with_its_standard_deviation():
    clean, noisy = make_dataset("curve_sine", n=4000, noise=0.0), make_dataset("curve_sine", n=4000, noise=0.1)
    assert np.array_equal(clean.x_train, noisy.x_train)  # the same points, …
    assert np.std(noisy.y_train - clean.y_train) == pytest.approx(0.1, rel=0.05)  # … their targets jittered


def test_a_small_tanh_network_fits_the_sine():
    spec = Spec(arch=Architecture((1, 16, 1), ("tanh", "linear"), "quadratic"),
                hyper=Hyper(eta=0.02, batch_size=16, optimizer="adam"),
                data=DatasetRef("curve_sine", n=300, noise=0.02), seed=1)
    model = training.train(training.create(spec, Limits()), 3000, Limits(max_train_seconds=30)).model
    m = metrics(model)
    assert m.test_loss < 0.005 and m.train_accuracy is None  # ½ (y − a)² averaged: an MSE below 0.01
