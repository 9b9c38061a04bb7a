"""Input features (issue 15): functions of the data's own inputs that become the network's layer 1."""

import math

import numpy as np
import pytest

from app.core import document, lab, training
from app.core.errors import SpecError
from app.core.features import FEATURES, featurize, labels
from app.core.limits import Limits
from app.core.model import DatasetRef, Hyper, Samples, Spec
from app.core.network import Architecture, forward

ALL = tuple(FEATURES)
POINTS = np.array([[0.5, -0.25], [-1.0, 0.75], [0.0, 0.0]])


def spec(features: tuple[str, ...], hidden: tuple[int, ...] = (), data: DatasetRef | Samples | None = None,
         **hyper: float) -> Spec:
    sizes = (len(features) or 2, *hidden, 1)
    return Spec(arch=Architecture(sizes, ("tanh",) * len(hidden) + ("sigmoid",), "binary_cross_entropy"),
                hyper=Hyper(**{"eta": 0.5, "batch_size": 10, **hyper}),
                data=data or DatasetRef("circle", n=200), features=features)


def test_each_feature_is_its_formula_of_the_points():
    expected = {"x1": [0.5, -1.0, 0.0], "x2": [-0.25, 0.75, 0.0], "x1_squared": [0.25, 1.0, 0.0],
                "x2_squared": [0.0625, 0.5625, 0.0], "x1_times_x2": [-0.125, -0.75, 0.0],
                "sin_pi_x1": [1.0, 0.0, 0.0], "sin_pi_x2": [-math.sqrt(0.5), math.sqrt(0.5), 0.0]}
    assert set(expected) == set(FEATURES)
    got = featurize(ALL, POINTS)
    for j, name in enumerate(ALL):
        np.testing.assert_allclose(got[:, j], expected[name], atol=1e-15, err_msg=name)
    assert featurize((), POINTS) is POINTS  # no features: the data's own inputs, not a copy
    assert labels(("x1_squared", "sin_pi_x2")) == ["x₁²", "sin πx₂"]


def test_the_network_takes_the_features_in_and_keeps_the_points():
    model = training.create(spec(("x1_squared", "x2_squared", "x1_times_x2")), Limits())
    points_train, points_test = model.data.points()
    assert model.data.x_train.shape == (160, 3) and points_train.shape == (160, 2)
    np.testing.assert_array_equal(model.data.x_train, featurize(model.spec.features, points_train))
    np.testing.assert_array_equal(model.data.x_test, featurize(model.spec.features, points_test))
    plain = training.create(spec(()), Limits())
    np.testing.assert_array_equal(plain.data.points()[0], points_train)  # the same points, whatever the features


def test_squares_let_a_network_without_hidden_layers_draw_a_circle():
    """The point of features: x₁² + x₂² < r² is a line in (x₁², x₂²), out of reach in (x₁, x₂)."""
    accuracy = {}
    for features in [(), ("x1_squared", "x2_squared")]:
        model = training.train(training.create(spec(features, eta=1.0), Limits()), 3000, Limits()).model
        accuracy[features] = lab.metrics(model).test_accuracy
    assert accuracy[("x1_squared", "x2_squared")] >= 0.95
    assert accuracy[()] <= 0.75


def test_the_boundary_is_the_network_over_the_featurized_plane():
    model = training.create(spec(ALL, hidden=(4,)), Limits())
    grid = lab.boundary(model, resolution=7)
    gx, gy = np.meshgrid(grid.xs, grid.ys)
    plane = np.column_stack([gx.ravel(), gy.ravel()])
    fw = forward(model.arch, model.params, featurize(ALL, plane).T)
    np.testing.assert_allclose(grid.output[0].ravel(), fw.a[3][0], rtol=0, atol=1e-15)
    np.testing.assert_allclose(grid.hidden[2].reshape(4, -1), fw.a[2], rtol=0, atol=1e-15)
    points = np.vstack(model.data.points())
    assert grid.xs[0] < points[:, 0].min() and grid.ys[-1] > points[:, 1].max()  # over the points, not the features


def test_features_of_given_samples_and_of_a_curve():
    samples = Samples(POINTS, np.array([[1.0], [0.0], [1.0]]))
    model = training.create(spec(("x1_times_x2", "x2"), data=samples), Limits())
    np.testing.assert_array_equal(model.data.x_train, [[-0.125, -0.25], [-0.75, 0.75], [0.0, 0.0]])
    curve = Spec(arch=Architecture((2, 4, 1), ("tanh", "linear"), "quadratic"), hyper=Hyper(eta=0.1),
                 data=DatasetRef("curve_sine"), features=("x1", "sin_pi_x1"))
    assert training.create(curve, Limits()).data.x_train.shape[1] == 2
    with pytest.raises(SpecError, match="needs data of 2 inputs; these have 1"):
        lab.boundary(training.create(curve, Limits()))  # a curve has no plane, features or not


@pytest.mark.parametrize("features,sizes0,field,message", [
    (("x1", "nope"), 2, "features[1]", "Unknown feature 'nope'"),
    (("x1", "x2", "x1"), 3, "features[2]", "listed twice"),
    (("x1_squared",), 2, "sizes[0]", "With 1 features the input layer needs 1 neurons"),
])
def test_a_wrong_feature_list_is_refused_naming_the_field(features, sizes0, field, message):
    bad = Spec(arch=Architecture((sizes0, 1), ("sigmoid",), "binary_cross_entropy"), hyper=Hyper(eta=0.5),
               data=DatasetRef("circle"), features=features)
    with pytest.raises(SpecError, match=message) as err:
        training.create(bad, Limits())
    assert err.value.field == field


def test_a_feature_of_an_input_the_data_lack_is_refused():
    bad = Spec(arch=Architecture((1, 3, 1), ("tanh", "linear"), "quadratic"), hyper=Hyper(eta=0.1),
               data=DatasetRef("curve_sine"), features=("x2_squared",))
    with pytest.raises(SpecError, match="'x2_squared' needs 2 inputs; the data have 1") as err:
        training.create(bad, Limits())
    assert err.value.field == "features[0]"


def test_the_document_keeps_the_features_and_rebuilds_the_same_network():
    model = training.train(training.create(spec(("sin_pi_x1", "sin_pi_x2", "x1"), hidden=(3,)), Limits()), 20,
                           Limits()).model
    doc = document.dump(model)
    assert doc["spec"]["features"] == ["sin_pi_x1", "sin_pi_x2", "x1"]
    back = document.load(doc, Limits())
    assert back.spec.features == model.spec.features
    np.testing.assert_array_equal(back.data.x_train, model.data.x_train)
    old = {**doc, "spec": {k: v for k, v in doc["spec"].items() if k != "features"}}  # from before features
    old["spec"]["sizes"] = [2, 3, 1]
    old["spec"]["initial"] = None
    old["parameters"] = [{**p, "W": [row[:2] for row in p["W"]]} if p["l"] == 2 else p for p in doc["parameters"]]
    assert document.load(old, Limits()).spec.features == ()
