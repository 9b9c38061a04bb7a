"""Networks as resources: create, read, delete, reset, set parameters, export/import, ids and eviction."""

import re

import pytest

from app.api.schemas.documents import NetworkDocument
from app.api.schemas.specs import ExportDocument
from app.api.schemas.traces import StepResult
from tests.api.api_helpers import INVALID, assert_error, conform, create, net_url, samples_spec

PRESET_NAMES = ["mazur-2-2-2", "seed-2-3-1", "xor-2-2-1", "lecture-3-2-1"]


@pytest.mark.parametrize("name", PRESET_NAMES)
def test_create_from_each_preset_returns_201_with_id_version_1_and_labels(client, name):
    doc = create(client, {"preset": name})
    assert doc["id"] and doc["version"] == 1 and doc["steps"] == 0
    assert doc["preset"] == name
    assert doc["labels"]["neurons"], "presets carry neuron labels"
    assert doc["labels"] == doc["spec"]["labels"]
    assert doc["parameters"] == doc["spec"]["initial"]


def test_create_from_spec_with_dataset(client):
    spec = {"sizes": [2, 4, 1], "activations": ["tanh", "sigmoid"], "cost": "binary_cross_entropy",
            "eta": 0.5, "batch_size": 16, "seed": 1, "dataset": {"name": "xor", "n": 200}}
    doc = create(client, {"spec": spec})
    assert doc["preset"] is None
    assert doc["spec"]["sizes"] == [2, 4, 1]
    assert doc["spec"]["dataset"]["name"] == "xor" and doc["spec"]["samples"] is None
    assert doc["data"] == {"n_train": 160, "n_test": 40, "input_size": 2, "output_size": 1, "point_size": 2}
    assert len(doc["sampler"]["batch"]) == 16
    assert [p["l"] for p in doc["parameters"]] == [2, 3]
    assert len(doc["parameters"][0]["W"]) == 4 and len(doc["parameters"][0]["W"][0]) == 2


def test_create_from_spec_with_samples_and_explicit_initial(client):
    initial = [{"l": 2, "W": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], "b": [0.0, 0.1, 0.2]},
               {"l": 3, "W": [[0.7, 0.8, 0.9]], "b": [-0.5]}]
    doc = create(client, {"spec": samples_spec(initial=initial)})
    assert doc["parameters"] == initial
    assert doc["spec"]["samples"]["x"] == [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
    assert doc["data"]["n_train"] == 4 and doc["data"]["n_test"] == 0


def test_read_returns_the_same_document(client):
    doc = create(client, {"preset": "seed-2-3-1"})
    assert conform(client.get(net_url(doc["id"])), NetworkDocument) == doc


def test_delete_returns_204_then_404(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    resp = client.delete(net_url(doc["id"]))
    assert resp.status_code == 204 and resp.content == b""
    assert_error(client.get(net_url(doc["id"])), 404, "network_not_found")
    assert_error(client.delete(net_url(doc["id"])), 404, "network_not_found")


def test_reset_restores_initial_parameters_and_moves_version_on(client):
    doc = create(client, {"preset": "lecture-3-2-1"})
    for _ in range(3):
        conform(client.post(net_url(doc["id"], "step")), StepResult)
    stepped = conform(client.get(net_url(doc["id"])), NetworkDocument)
    assert stepped["version"] == 4 and stepped["parameters"] != doc["parameters"]
    reset = conform(client.post(net_url(doc["id"], "reset")), NetworkDocument)
    assert reset["parameters"] == doc["spec"]["initial"]
    assert reset["version"] == 5 and reset["steps"] == 0
    assert reset["sampler"] == doc["sampler"]


def _edited(doc: dict) -> list[dict]:
    params = [dict(p) for p in doc["parameters"]]
    params[0] = {**params[0], "W": [[0.1234567890123456789, -0.2], [0.3, 1e-300]]}
    return params


def test_put_parameters_stores_values_exactly_and_bumps_version(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    params = _edited(doc)
    new = conform(client.put(net_url(doc["id"], "parameters"), json={"parameters": params}), NetworkDocument)
    assert new["version"] == 2 and new["parameters"] == params
    assert new["parameters"][0]["W"][0][0] == 0.1234567890123456789
    assert conform(client.get(net_url(doc["id"])), NetworkDocument)["parameters"] == params


def test_put_parameters_with_wrong_shape_is_422_naming_the_field(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    params = _edited(doc)
    params[1] = {**params[1], "W": [[0.4, 0.45, 0.5], [0.5, 0.55, 0.6]]}
    resp = client.put(net_url(doc["id"], "parameters"), json={"parameters": params})
    assert_error(resp, 422, INVALID, "parameters.W3")
    assert conform(client.get(net_url(doc["id"])), NetworkDocument)["version"] == 1


def test_put_parameters_beyond_the_value_limit_is_422(client):
    doc = create(client, {"preset": "seed-2-3-1"})
    params = [dict(p) for p in doc["parameters"]]
    params[1] = {**params[1], "W": [[2e6, 0.0, 0.0]]}
    resp = client.put(net_url(doc["id"], "parameters"), json={"parameters": params})
    assert_error(resp, 422, INVALID, "parameters.W3")


def test_put_parameters_with_stale_expected_version_is_409(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    conform(client.post(net_url(doc["id"], "step")), StepResult)
    resp = client.put(net_url(doc["id"], "parameters"),
                      json={"parameters": doc["parameters"], "expected_version": 1})
    assert_error(resp, 409, "version_conflict", "expected_version")
    ok = client.put(net_url(doc["id"], "parameters"), json={"parameters": doc["parameters"], "expected_version": 2})
    assert conform(ok, NetworkDocument)["version"] == 3


def test_put_parameters_can_move_the_sampler(client):
    doc = create(client, {"spec": samples_spec(batch_size=1)})
    body = {"parameters": doc["parameters"], "sampler": {"epoch": 2, "cursor": 3}}
    new = conform(client.put(net_url(doc["id"], "parameters"), json=body), NetworkDocument)
    assert (new["sampler"]["epoch"], new["sampler"]["cursor"]) == (2, 3)
    assert len(new["sampler"]["batch"]) == 1
    bad = {"parameters": doc["parameters"], "sampler": {"epoch": 0, "cursor": 4}}
    assert_error(client.put(net_url(doc["id"], "parameters"), json=bad), 422, INVALID, "sampler")


def _export(client, network_id: str):
    resp = client.get(net_url(network_id, "export"))
    conform(resp, ExportDocument)
    return resp


def test_export_import_export_is_bit_exact(client):
    doc = create(client, {"spec": samples_spec(activations=["tanh", "sigmoid"], batch_size=1)})
    for _ in range(3):
        conform(client.post(net_url(doc["id"], "step")), StepResult)
    first = _export(client, doc["id"])
    imported = conform(client.post("/api/networks/import", content=first.content,
                                   headers={"content-type": "application/json"}), NetworkDocument, 201)
    assert imported["id"] != doc["id"]
    assert imported["version"] == 4 and imported["steps"] == 3
    second = _export(client, imported["id"])
    assert second.content == first.content
    assert second.json() == first.json()


def test_imported_copy_steps_exactly_like_the_original(client):
    doc = create(client, {"spec": samples_spec(activations=["tanh", "sigmoid"], batch_size=1, seed=11)})
    for _ in range(2):
        conform(client.post(net_url(doc["id"], "step")), StepResult)
    exported = _export(client, doc["id"]).json()
    copy = conform(client.post("/api/networks/import", json=exported), NetworkDocument, 201)
    for _ in range(5):
        a = client.post(net_url(doc["id"], "step"))
        b = client.post(net_url(copy["id"], "step"))
        conform(a, StepResult), conform(b, StepResult)
        assert a.content == b.content


def test_ids_look_unguessable_and_differ(client):
    a = create(client, {"preset": "mazur-2-2-2"})["id"]
    b = create(client, {"preset": "mazur-2-2-2"})["id"]
    assert a != b
    for network_id in (a, b):
        assert len(network_id) >= 20
        assert re.fullmatch(r"[A-Za-z0-9_-]+", network_id)


def test_lru_evicts_the_least_recently_used(small_client):
    ids = [create(small_client, {"preset": "mazur-2-2-2"})["id"] for _ in range(4)]
    assert_error(small_client.get(net_url(ids[0])), 404, "network_not_found")
    for network_id in ids[1:]:
        conform(small_client.get(net_url(network_id)), NetworkDocument)


def test_lru_read_refreshes_recency(small_client):
    ids = [create(small_client, {"preset": "mazur-2-2-2"})["id"] for _ in range(3)]
    conform(small_client.get(net_url(ids[0])), NetworkDocument)  # ids[1] is now the oldest
    ids.append(create(small_client, {"preset": "mazur-2-2-2"})["id"])
    conform(small_client.get(net_url(ids[0])), NetworkDocument)
    assert_error(small_client.get(net_url(ids[1])), 404, "network_not_found")
    conform(small_client.get(net_url(ids[2])), NetworkDocument)
    conform(small_client.get(net_url(ids[3])), NetworkDocument)


def test_there_is_no_list_of_everyones_networks(client):
    create(client, {"preset": "mazur-2-2-2"})
    resp = client.get("/api/networks")
    assert resp.status_code in (404, 405)
    assert_error(resp, resp.status_code)
    assert "mazur" not in resp.text


@pytest.mark.parametrize("change,field", [({"init": "ones"}, "spec.init"), ({"init_scale": 0}, "spec.init_scale"),
                                          ({"init_scale": "big"}, "spec.init_scale")])
def test_a_bad_initialization_is_a_422_naming_the_field(client, change, field):
    assert_error(client.post("/api/networks", json={"spec": samples_spec(**change)}), 422, field=field)


def test_zeros_initialization_starts_every_weight_at_zero(client):
    doc = create(client, {"spec": samples_spec(init="zeros")})
    assert doc["spec"]["init"] == "zeros"
    assert all(not any(row) for layer in doc["parameters"] for row in layer["W"])
