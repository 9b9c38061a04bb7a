"""Input features through the API (issue 15): in the spec, the catalogue, the network's labels, its data, its
boundary, its math (checked against finite differences) and its export; every wrong list a 422 naming the field."""

import pytest

from app.api.schemas.documents import FunctionCatalog, NetworkData
from app.api.schemas.lab import BoundaryGrid
from app.api.schemas.specs import ExportDocument
from app.api.schemas.traces import ForwardTrace, GradcheckResult
from app.core.features import FEATURES
from tests.api.api_helpers import INVALID, assert_error, conform, create, net_url, samples_spec

ALL = list(FEATURES)


def spiral(features: list[str], **overrides) -> dict:
    return {"sizes": [len(features) or 2, 5, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy",
            "eta": 0.1, "batch_size": 8, "dataset": {"name": "spiral", "n": 60, "seed": 4}, "features": features,
            **overrides}


def test_the_catalogue_lists_every_feature_with_its_label_formula_and_inputs(client):
    catalog = conform(client.get("/api/functions"), FunctionCatalog)
    assert [(f["name"], f["label"], f["formula"], f["reads"]) for f in catalog["features"]] == [
        (f.name, f.label, f.tex, f.reads) for f in FEATURES.values()]


def test_a_featured_network_is_named_for_its_features_and_keeps_its_points(client):
    doc = create(client, {"spec": spiral(ALL)})
    assert doc["spec"]["features"] == ALL
    assert doc["labels"]["neurons"]["1"] == [f.label for f in FEATURES.values()]
    assert doc["spec"]["labels"]["neurons"] == {}  # the names are shown, not written into the spec
    assert doc["data"]["input_size"] == 7 and doc["data"]["point_size"] == 2
    data = conform(client.get(net_url(doc["id"], "data")), NetworkData)
    assert all(len(row) == 7 for row in data["x_train"]) and all(len(row) == 2 for row in data["points_train"])
    x1, x2 = data["points_train"][0]
    assert data["x_train"][0][2:5] == pytest.approx([x1 * x1, x2 * x2, x1 * x2], abs=1e-15)
    plain = create(client, {"spec": spiral([])})
    assert plain["spec"]["features"] == [] and "1" not in plain["labels"]["neurons"]
    assert conform(client.get(net_url(plain["id"], "data")), NetworkData)["x_train"] == data["points_train"]


def test_a_spec_may_name_its_own_input_labels(client):
    doc = create(client, {"spec": spiral(["x1_squared", "x2_squared"],
                                         labels={"neurons": {"1": ["r1", "r2"]}})})
    assert doc["labels"]["neurons"]["1"] == ["r1", "r2"]


def test_the_boundary_is_over_the_plane_of_the_points(client):
    doc = create(client, {"spec": spiral(["sin_pi_x1", "sin_pi_x2", "x1_times_x2"])})
    grid = conform(client.get(net_url(doc["id"], "boundary") + "?resolution=9"), BoundaryGrid)
    assert len(grid["xs"]) == 9 and len(grid["output"][0]) == 9
    assert grid["hidden"][0]["l"] == 2 and len(grid["hidden"][0]["a"]) == 5


def test_the_math_of_a_featured_network_agrees_with_finite_differences(client):
    doc = create(client, {"spec": spiral(ALL, batch_size=4)})
    gc = conform(client.post(net_url(doc["id"], "gradcheck")), GradcheckResult)
    assert gc["passed"] and gc["max_rel_error"] < 1e-6
    fw = conform(client.post(net_url(doc["id"], "forward"), json={"example": 0}), ForwardTrace)
    data = client.get(net_url(doc["id"], "data")).json()
    assert fw["layers"][0]["a"][0] == data["x_train"][0]  # a¹ of the example: its features


def test_export_and_import_keep_the_features(client):
    doc = create(client, {"spec": spiral(["x1", "x2_squared"])})
    client.post(net_url(doc["id"], "train"), json={"steps": 5})
    exported = conform(client.get(net_url(doc["id"], "export")), ExportDocument)
    back = client.post("/api/networks/import", json=exported)
    assert back.status_code == 201, back.text
    assert back.json()["spec"]["features"] == ["x1", "x2_squared"]
    assert back.json()["parameters"] == client.get(net_url(doc["id"])).json()["parameters"]


def test_features_of_given_samples(client):
    doc = create(client, {"spec": samples_spec(features=["x1_times_x2"], sizes=[1, 3, 1])})
    data = client.get(net_url(doc["id"], "data")).json()
    assert data["x_train"] == [[0.0], [0.0], [0.0], [1.0]] and data["points_train"][3] == [1.0, 1.0]


@pytest.mark.parametrize("change,field", [
    ({"features": ["x1", "bogus"]}, "spec.features[1]"),
    ({"features": ["x1", "x1"], "sizes": [2, 5, 1]}, "spec.features[1]"),
    ({"features": ["x1_squared"]}, "spec.sizes[0]"),
    ({"features": "x1"}, "spec.features"),
    ({"features": ALL * 2, "sizes": [14, 5, 1]}, "spec.features"),
    ({"features": [3]}, "spec.features[0]"),
])
def test_every_wrong_feature_list_is_a_422_naming_the_field(client, change, field):
    body = {**spiral(["x1", "x2"]), **change}
    assert_error(client.post("/api/networks", json={"spec": body}), 422, INVALID, field)


def test_a_feature_of_an_input_a_curve_lacks_is_a_422(client):
    spec = {"sizes": [1, 4, 1], "activations": ["tanh", "linear"], "cost": "quadratic", "eta": 0.1,
            "dataset": {"name": "curve_sine"}, "features": ["x1_times_x2"]}
    error = assert_error(client.post("/api/networks", json={"spec": spec}), 422, INVALID, "spec.features[0]")
    assert "needs 2 inputs" in error["message"]
