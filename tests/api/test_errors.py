"""Every error leaves in the one shape {"error": {"code", "message", "field"}}, with the right status, never a 500."""

import pytest

from tests.api.api_helpers import INVALID, assert_error, create, net_url, samples_spec

UNKNOWN_ID = "no-such-network-aaaaaaaaaa"
NETWORK_ROUTES = [
    ("GET", "", None), ("DELETE", "", None), ("POST", "reset", None),
    ("PUT", "parameters", {"parameters": []}), ("GET", "export", None), ("GET", "data", None),
    ("POST", "forward", None), ("POST", "backward", None), ("POST", "update", None), ("POST", "step", None),
    ("POST", "train", {"steps": 1}), ("POST", "gradcheck", None),
]


def without_samples(**overrides):
    spec = samples_spec(**overrides)
    del spec["samples"]
    return spec


@pytest.mark.parametrize(("method", "action", "body"), NETWORK_ROUTES)
def test_unknown_id_is_404_network_not_found_on_every_route(client, method, action, body):
    resp = client.request(method, net_url(UNKNOWN_ID, action), json=body)
    assert_error(resp, 404, "network_not_found", "network_id")


def test_unknown_preset_is_422_naming_preset(client):
    assert_error(client.post("/api/networks", json={"preset": "nope"}), 422, "invalid_spec", "preset")


@pytest.mark.parametrize("body", [{}, {"preset": "mazur-2-2-2", "spec": samples_spec()}],
                         ids=["neither", "both"])
def test_neither_or_both_preset_and_spec_is_422(client, body):
    assert_error(client.post("/api/networks", json=body), 422, "invalid_request")


INVALID_SPECS = {
    "zero neurons": (samples_spec(sizes=[2, 0, 1]), "spec.sizes[1]"),
    "softmax hidden": (samples_spec(sizes=[2, 3, 2], activations=["softmax", "softmax"],
                                    cost="softmax_cross_entropy", samples={"x": [[0, 0]], "y": [[1, 0]]}),
                       "spec.activations[0]"),
    "bce without sigmoid output": (samples_spec(activations=["sigmoid", "tanh"], cost="binary_cross_entropy"),
                                   "spec.cost"),
    "wrong initial weight shape": (samples_spec(initial=[{"l": 2, "W": [[0.1, 0.2]], "b": [0, 0, 0]},
                                                         {"l": 3, "W": [[1, 1, 1]], "b": [0]}]), "spec.initial.W2"),
    "ragged samples": (samples_spec(samples={"x": [[0, 0], [1]], "y": [[0], [1]]}), "spec.samples.x"),
    "sample width mismatch": (samples_spec(samples={"x": [[0, 0, 0]], "y": [[0]]}), "spec.samples"),
    "bce targets out of [0, 1]": (samples_spec(cost="binary_cross_entropy", samples={"x": [[0, 0]], "y": [[2]]}),
                                  "spec.samples.y"),
    "unknown dataset": (without_samples(dataset={"name": "nope"}), "spec.dataset.name"),
    "dataset size mismatch": (without_samples(sizes=[3, 2, 1], dataset={"name": "xor"}), "spec.dataset"),
    "eta 0": (samples_spec(eta=0), "spec.eta"),
    "eta negative": (samples_spec(eta=-0.5), "spec.eta"),
    "too many layers": (samples_spec(sizes=[2] + [2] * 10 + [1]), "spec.sizes"),
    "batch_size 0": (samples_spec(batch_size=0), "spec.batch_size"),
    "extra unknown field": (samples_spec(colour="blue"), "spec.colour"),
    "string for int": (samples_spec(batch_size="3"), "spec.batch_size"),
    "float for int": (samples_spec(batch_size=3.0), "spec.batch_size"),
    "unknown activation in a list": (samples_spec(activations=["sigmoid", "swish"]), "spec.activations[1]"),
    "unknown activation for all": (samples_spec(activations="swish"), "spec.activations"),
    "no data source": (without_samples(), "spec"),
    "labels of a missing layer": (samples_spec(labels={"neurons": {"7": ["a"]}}), "spec.labels"),
    "label key not a layer number": (samples_spec(labels={"neurons": {"h": ["a", "b"]}}), "spec.labels"),
    "label key a non-ascii digit": (samples_spec(labels={"neurons": {"\u00b2": ["a", "b"]}}), "spec.labels"),
}


@pytest.mark.parametrize(("spec", "field"), INVALID_SPECS.values(), ids=INVALID_SPECS.keys())
def test_invalid_spec_is_422_naming_the_field(client, spec, field):
    assert_error(client.post("/api/networks", json={"spec": spec}), 422, INVALID, field)


def test_too_many_neurons_for_the_server_limit_is_422(small_client):
    resp = small_client.post("/api/networks", json={"spec": samples_spec(sizes=[2, 9, 1])})
    assert_error(resp, 422, INVALID, "spec.sizes[1]")


def test_malformed_json_is_422(client):
    resp = client.post("/api/networks", content=b'{"preset": ', headers={"content-type": "application/json"})
    assert_error(resp, 422, "invalid_request", "body")


def test_missing_body_is_422(client):
    assert_error(client.post("/api/networks"), 422, "invalid_request", "body")


def test_body_over_the_limit_with_content_length_is_413(small_client):
    body = b'{"preset": "mazur-2-2-2"' + b" " * 5000 + b"}"
    resp = small_client.post("/api/networks", content=body, headers={"content-type": "application/json"})
    assert_error(resp, 413, "body_too_large")


def test_chunked_body_over_the_limit_is_413(small_client):
    def chunks():
        yield b'{"preset": '
        for _ in range(50):
            yield b" " * 100
        yield b'"mazur-2-2-2"}'

    resp = small_client.post("/api/networks", content=chunks(), headers={"content-type": "application/json"})
    assert resp.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in resp.request.headers
    assert_error(resp, 413, "body_too_large")


def test_chunked_body_under_the_limit_is_accepted(small_client):
    def chunks():
        yield b'{"preset": '
        yield b'"mazur-2-2-2"}'

    resp = small_client.post("/api/networks", content=chunks(), headers={"content-type": "application/json"})
    assert resp.status_code == 201, resp.text


def test_train_steps_over_the_limit_is_422(small_client):
    doc = create(small_client, {"preset": "xor-2-2-1"})
    assert_error(small_client.post(net_url(doc["id"], "train"), json={"steps": 51}), 422, INVALID, "steps")
    assert_error(small_client.post(net_url(doc["id"], "train"), json={"steps": 0}), 422, INVALID, "steps")


def test_train_record_every_zero_is_422(client):
    doc = create(client, {"preset": "xor-2-2-1"})
    resp = client.post(net_url(doc["id"], "train"), json={"steps": 10, "record_every": 0})
    assert_error(resp, 422, INVALID, "record_every")


def test_forward_inputs_of_wrong_width_is_422(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    resp = client.post(net_url(doc["id"], "forward"), json={"inputs": [[1.0, 2.0, 3.0]]})
    assert_error(resp, 422, INVALID, "inputs")
    resp = client.post(net_url(doc["id"], "forward"), json={"inputs": [[1.0, 2.0]], "targets": [[1.0]]})
    assert_error(resp, 422, INVALID, "targets")


@pytest.mark.parametrize("body", [{"example": 1}, {"example": -1}, {"example": 0, "split": "test"}])
def test_example_index_out_of_range_is_422(client, body):
    doc = create(client, {"preset": "mazur-2-2-2"})
    assert_error(client.post(net_url(doc["id"], "forward"), json=body), 422, INVALID, "example")


def test_import_of_a_bad_document_is_422(client):
    doc = create(client, {"preset": "mazur-2-2-2"})
    exported = client.get(net_url(doc["id"], "export")).json()
    assert_error(client.post("/api/networks/import", json={**exported, "version": 0}), 422, INVALID, "version")
    assert_error(client.post("/api/networks/import", json={**exported, "format": "other"}), 422, "invalid_request",
                 "format")


def test_unknown_route_is_404_json(client):
    assert_error(client.get("/api/nothing-here"), 404, "not_found")
    assert_error(client.get("/no/such/page"), 404, "not_found")


@pytest.mark.parametrize(("method", "path"), [("PATCH", "/api/networks/{id}"), ("GET", "/api/networks/{id}/step"),
                                              ("DELETE", "/api/presets"), ("PUT", "/healthz")])
def test_wrong_method_is_405_json(client, method, path):
    doc = create(client, {"preset": "mazur-2-2-2"})
    assert_error(client.request(method, path.replace("{id}", doc["id"])), 405, "method_not_allowed")


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE"])
def test_import_is_its_own_resource_so_other_methods_are_405_not_a_missing_network(client, method):
    response = client.request(method, "/api/networks/import")
    assert_error(response, 405, ("method_not_allowed",))
    assert response.headers["allow"] == "POST"
